import type { ThemeConfig } from "antd";

/**
 * Workbench theme: a deep blue primary with text colours that keep WCAG AA contrast (≥ 4.5:1)
 * on white and on the dark navigation.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#1d4ed8",
    colorLink: "#1d4ed8",
    colorTextSecondary: "rgba(0, 0, 0, 0.68)",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { siderBg: "#0f172a", headerBg: "#ffffff", bodyBg: "#f5f7fa" },
    Menu: { darkItemBg: "#0f172a", darkItemSelectedBg: "#1d4ed8", darkItemColor: "rgba(255,255,255,0.85)" },
  },
};

/**
 * The theme for a reader who asks the system for reduced motion: Ant Design's own motion switch
 * off, so dialogs, dropdowns and messages appear and go at once. (Zeroing animation durations in
 * CSS alone is not enough: the components wait for an animation-end event that a leave animation
 * of 0 s does not always fire, and a closed dialog or dropdown stayed on screen, covering the page.)
 */
export function themeFor(options: { reducedMotion: boolean }): ThemeConfig {
  // One object per choice: a new theme object on every render would make Ant Design recompute tokens.
  return options.reducedMotion ? reducedMotionTheme : theme;
}

const reducedMotionTheme: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };
