import type { DatabaseHandle } from "@creditdesk/db";

/**
 * Opens the configured database — PostgreSQL when DATABASE_URL is set, else the embedded PGlite
 * in CREDITDESK_DATA_DIR (default ./data) — and applies pending migrations. The database layer is
 * imported here, when a command needs it, not when the CLI starts: `--help` and commands that
 * never touch the database do not pay for loading PGlite, drizzle and node-postgres.
 */
export async function openAppDatabase(): Promise<DatabaseHandle> {
  const [{ migrateDatabase, openDatabase }, { loadConfig }] = await Promise.all([
    import("@creditdesk/db"),
    import("@creditdesk/lib/config"),
  ]);
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(handle);
  return handle;
}
