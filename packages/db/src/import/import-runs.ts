import type { Db } from "../client.ts";
import { importRuns } from "./schema.ts";

export const IMPORT_RUN_STATUSES = ["committed", "rejected", "failed"] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

export interface ImportRunRecord {
  readonly entity: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly mode: "strict" | "lenient";
  readonly status: ImportRunStatus;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Summary only: count, the first problems, secondary counts — never every row of a huge file. */
  readonly problems: unknown;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/** Records one import attempt (also a rejected one, which wrote no data rows). */
export async function recordImportRun(db: Db, run: ImportRunRecord): Promise<number> {
  const [row] = await db.insert(importRuns).values(run).returning({ id: importRuns.id });
  return row?.id ?? 0;
}
