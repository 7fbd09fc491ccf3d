import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../client.ts";
import { adminUrl, testDatabaseUrl, withDatabase } from "./urls.ts";

declare module "vitest" {
  export interface ProvidedContext {
    creditdeskTestDb:
      | { kind: "pglite"; image: string }
      | { kind: "postgres"; template: string; prefix: string };
  }
}

/**
 * Migrates once per run, then every test file starts from a copy: a PGlite data image
 * (`dumpDataDir`/`loadDataDir`) or, on PostgreSQL, a database created from a migrated template.
 * Each run uses its own random name prefix, so concurrent runs never see each other's data.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.CREDITDESK_TEST_DB === "pg") {
    const base = testDatabaseUrl();
    const prefix = `cdt_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const template = `${prefix}_tpl`;
    await admin(base, async (c) => c.query(`create database "${template}"`));
    const handle = await openDatabase({ databaseUrl: withDatabase(base, template), poolSize: 1 });
    await migrateDatabase(handle);
    await handle.close();
    project.provide("creditdeskTestDb", { kind: "postgres", template, prefix });
    return async () => {
      await admin(base, async (c) => {
        const { rows } = await c.query<{ datname: string }>(
          "select datname from pg_database where datname like $1",
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await c.query(`drop database if exists "${datname}" with (force)`);
        }
      });
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "creditdesk-test-"));
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  const image = join(dir, "migrated.tar");
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
  writeFileSync(image, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
  await handle.close();
  project.provide("creditdeskTestDb", { kind: "pglite", image });
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function admin(base: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(base) });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
