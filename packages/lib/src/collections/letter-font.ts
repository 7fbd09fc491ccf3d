import { createRequire } from "node:module";

/** Noto Sans SC (SIL OFL), the project's CJK font, so Chinese prints on a machine without CJK fonts. */
export function fontPath(): string {
  return createRequire(import.meta.url).resolve(
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  );
}
