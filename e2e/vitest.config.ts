import { defineConfig } from "vitest/config";

/**
 * Browser end-to-end tests: the real server (in-process, PGlite in memory, demo portfolio) and
 * Debian's Chromium driven by playwright-core. Run with
 * `npx vitest run --config e2e/vitest.config.ts` (root script `test:e2e`).
 * One file at a time: each starts a server and a browser, and the machine is small.
 */
export default defineConfig({
  test: {
    name: "e2e",
    include: ["e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
