import { type DatabaseHandle, migrateDatabase, openDatabase } from "@creditdesk/db";
import { loadConfig } from "@creditdesk/lib/config";

/**
 * Opens the configured database — PostgreSQL when DATABASE_URL is set, else the embedded PGlite
 * in CREDITDESK_DATA_DIR (default ./data) — and applies pending migrations.
 */
export async function openAppDatabase(): Promise<DatabaseHandle> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(handle);
  return handle;
}
