import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The web workspace (`apps/web`). */
export const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
/** Where Vite writes the SPA; served by `registerWeb` in apps/server. */
export const WEB_DIST_DIR = join(WEB_DIR, "dist");
/** Hash of the sources the current dist was built from. */
const STAMP_FILE = ".source-hash";
/** What the bundle depends on besides node_modules. */
const INPUTS = ["src", "index.html", "vite.config.ts", "package.json", "tsconfig.json"] as const;

async function listFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) {
    return [];
  }
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) {
    return [path]; // a file, not a directory
  }
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * SHA-256 over the paths and contents of the SPA's sources (sorted, so the order files are listed
 * in does not matter). Tests (`*.test.ts`) are left out: they do not change the bundle.
 */
export async function hashWebSources(webDir = WEB_DIR): Promise<string> {
  const files = (await Promise.all(INPUTS.map((input) => listFiles(join(webDir, input)))))
    .flat()
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .map((file) => ({ file, name: relative(webDir, file).split(sep).join("/") }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash("sha256");
  for (const { file, name } of files) {
    hash.update(name);
    hash.update("\0");
    hash.update(await readFile(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

let running: Promise<{ built: boolean; distDir: string }> | null = null;

/**
 * Builds the SPA with Vite's JS API when `apps/web/dist` is missing or was built from other
 * sources (hash recorded in `dist/.source-hash`); otherwise does nothing. Used by `npm start`
 * and the browser tests. Concurrent calls in one process share one build.
 */
export function ensureWebBuilt(options: { force?: boolean; quiet?: boolean } = {}): Promise<{
  built: boolean;
  distDir: string;
}> {
  running ??= buildIfStale(options).finally(() => {
    running = null;
  });
  return running;
}

async function buildIfStale({ force = false, quiet = true }: { force?: boolean; quiet?: boolean }) {
  const hash = await hashWebSources();
  const stampPath = join(WEB_DIST_DIR, STAMP_FILE);
  const stamp = existsSync(stampPath) ? (await readFile(stampPath, "utf8")).trim() : "";
  if (!force && stamp === hash && existsSync(join(WEB_DIST_DIR, "index.html"))) {
    return { built: false, distDir: WEB_DIST_DIR };
  }
  // Imported lazily: Vite is only needed when a build is due.
  const { build } = await import("vite");
  await build({
    configFile: join(WEB_DIR, "vite.config.ts"),
    root: WEB_DIR,
    logLevel: quiet ? "warn" : "info",
  });
  await writeFile(stampPath, `${hash}\n`);
  return { built: true, distDir: WEB_DIST_DIR };
}

// `node --import tsx apps/web/scripts/ensure-built.ts [--force]` builds from the command line.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes("--force");
  const result = await ensureWebBuilt({ force, quiet: false });
  process.stdout.write(`${result.built ? "built" : "up to date"}: ${result.distDir}\n`);
}
