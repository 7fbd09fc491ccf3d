import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../client.ts";
import { testDatabaseUrl, withDatabase } from "./urls.ts";

export interface TestDatabase extends DatabaseHandle {
  /** postgres://… of this file's database (PostgreSQL runs only). */
  readonly url: string | undefined;
}

/**
 * A freshly migrated database of its own for one test file: PGlite from the run's image by
 * default, or a new PostgreSQL database from the run's template under `npm run test:pg`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const ctx = inject("creditdeskTestDb");
  if (ctx.kind === "pglite") {
    const handle = await openDatabase({
      dataDir: "memory://",
      loadDataDir: new Blob([readFileSync(ctx.image)]),
    });
    return Object.assign(handle, { url: undefined });
  }
  const base = testDatabaseUrl();
  const name = `${ctx.prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${ctx.template}"`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant: PostgreSQL refuses one; try again.
        if (attempt >= 20) {
          throw error;
        }
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(base, name);
  const handle = await openDatabase({ databaseUrl: url });
  return Object.assign(handle, { url });
}
