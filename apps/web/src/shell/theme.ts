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
