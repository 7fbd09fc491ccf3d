import { sql } from "drizzle-orm";
import { type DatabaseHandle, type Db, queryRows } from "../client.ts";

/** The PostgreSQL server settings CreditDesk's query plans depend on. */
export interface ServerSettings {
  /** Autovacuum runs (it ANALYZEs growing tables, which makes PostgreSQL plan cached statements again). */
  autovacuum: boolean;
  /** The statistics collector counts row changes (autovacuum needs it to know when to analyse). */
  trackCounts: boolean;
}

/** Reads the settings of `ServerSettings` from the connected server. */
export async function readServerSettings(db: Db): Promise<ServerSettings> {
  const rows = await queryRows<{ autovacuum: string; trackCounts: string }>(
    db,
    sql`select current_setting('autovacuum') as autovacuum, current_setting('track_counts') as "trackCounts"`,
  );
  const row = rows[0];
  return { autovacuum: row?.autovacuum === "on", trackCounts: row?.trackCounts === "on" };
}

/**
 * What an operator should hear at start-up about the server's settings. The credit check's
 * statements are prepared per connection and soon run on one generic plan built on the tables'
 * statistics; without autovacuum's ANALYZE a plan made while `credit_checks` was nearly empty keeps
 * scanning the whole table as it grows. PGlite has no autovacuum and runs one connection whose
 * statements are planned with the embedded database's own statistics: nothing to say there.
 */
export function serverSettingsWarnings(kind: DatabaseHandle["kind"], settings: ServerSettings): string[] {
  if (kind !== "postgres") {
    return [];
  }
  const warnings: string[] = [];
  if (!settings.autovacuum || !settings.trackCounts) {
    const off = [!settings.autovacuum && "autovacuum", !settings.trackCounts && "track_counts"]
      .filter(Boolean)
      .join(" and ");
    warnings.push(
      `PostgreSQL has ${off} off: statistics go stale as tables grow and cached query plans are not made again — turn it on, or run ANALYZE after loading data and regularly (README "Running against PostgreSQL")`,
    );
  }
  return warnings;
}
