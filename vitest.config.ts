import { defineConfig } from "vitest/config";

/**
 * Two projects:
 * - `unit`: pure and in-process tests (`*.test.ts`), no database.
 * - `db`: `*.integration.test.ts`, each file on a freshly migrated database. On PGlite by default;
 *   `CREDITDESK_TEST_DB=pg` (npm run test:pg) runs the very same files on PostgreSQL.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "db",
          include: ["packages/*/src/**/*.integration.test.ts", "apps/*/src/**/*.integration.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["packages/db/src/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
