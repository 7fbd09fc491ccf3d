import { bigint, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One row per import attempt, accepted or rejected: what came in and what it did. */
export const importRuns = pgTable("import_runs", {
  id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  entity: text().notNull(),
  fileName: text().notNull(),
  fileSha256: text().notNull(),
  mode: text().notNull(),
  status: text().notNull(),
  rowsRead: integer().notNull().default(0),
  inserted: integer().notNull().default(0),
  updated: integer().notNull().default(0),
  unchanged: integer().notNull().default(0),
  rejected: integer().notNull().default(0),
  problems: jsonb(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});
