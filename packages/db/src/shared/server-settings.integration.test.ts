import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../client.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import { readServerSettings } from "./server-settings.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("readServerSettings", () => {
  it("reads autovacuum and track_counts as the server's pg_settings has them", async () => {
    const rows = await queryRows<{ name: string; setting: string }>(
      t.db,
      sql`select name, setting from pg_settings where name in ('autovacuum', 'track_counts')`,
    );
    const on = (name: string) => rows.find((r) => r.name === name)?.setting === "on";
    expect(await readServerSettings(t.db)).toEqual({
      autovacuum: on("autovacuum"),
      trackCounts: on("track_counts"),
    });
  });
});
