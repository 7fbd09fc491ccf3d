import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll } from "vitest";

const BIN = resolve(import.meta.dirname, "../../bin/creditdesk.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  /** The file's working folder (the CLI's cwd; on PGlite its data folder is `dir/data`). */
  readonly dir: string;
  /** The file's test database: on PostgreSQL the one the CLI uses; on PGlite a separate one. */
  readonly t: TestDatabase;
  /** Runs `creditdesk <prefix…> <args…>` as a child process, as a user or another tool would. */
  run(args: readonly string[]): CliRun;
}

/**
 * The harness of a CLI test file: before the file's own hooks, a temporary folder and a fresh test
 * database; after them, both removed. On PostgreSQL the CLI gets `DATABASE_URL` of that database;
 * on PGlite it opens its own data folder in `dir` (PGlite allows one process per folder), so
 * a test seeds it through the CLI or by opening that folder itself while no command runs.
 */
export function useCliHarness(name: string, options: { prefix?: readonly string[] } = {}): CliHarness {
  const dir = mkdtempSync(join(tmpdir(), `creditdesk-${name}-`));
  let database: TestDatabase | undefined;
  const harness: CliHarness = {
    dir,
    get t() {
      if (!database) {
        throw new Error("the test database is created in beforeAll: use it inside hooks and tests");
      }
      return database;
    },
    run(args) {
      const env: NodeJS.ProcessEnv = { ...process.env, CREDITDESK_DATA_DIR: join(dir, "data") };
      if (harness.t.url) {
        env.DATABASE_URL = harness.t.url;
      } else {
        delete env.DATABASE_URL;
      }
      const result = spawnSync(process.execPath, [BIN, ...(options.prefix ?? []), ...args], {
        cwd: dir,
        env,
        encoding: "utf8",
        timeout: 90_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return harness;
}
