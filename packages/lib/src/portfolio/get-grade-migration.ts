import { buildMigrationMatrix, type MigrationMatrix } from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { loadMigrationRecords } from "@creditdesk/db/portfolio";
import { AppError } from "../shared/app-error.ts";

const GRADE_SCALE = ["low", "medium", "high"];
const NOTCH_SCALE = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/**
 * Grade migration matrix between two dates from the assessment history (each customer's latest
 * assessment on or before each date), on the three grades or the ten master-scale notches, with
 * `unassessed`, `new`, `default` and `left` so that rows sum to the population at the first date.
 */
export async function getGradeMigration(options: {
  handle: DatabaseHandle;
  from: string;
  to: string;
  scale?: "grade" | "notch" | undefined;
}): Promise<MigrationMatrix & { from: string; to: string; scale: "grade" | "notch" }> {
  if (options.from >= options.to) {
    throw AppError.validation(
      [{ path: "to", message: "must be after from" }],
      "the second date must be later",
    );
  }
  const scale = options.scale ?? "grade";
  const rows = await loadMigrationRecords(options.handle.db, { from: options.from, to: options.to });
  const matrix = buildMigrationMatrix(
    rows.map((r) => ({
      customerId: Number(r.customerId),
      existedAtFrom: r.existedAtFrom,
      from: scale === "grade" ? r.fromGrade : r.fromNotch,
      to: scale === "grade" ? r.toGrade : r.toNotch,
      defaulted: r.defaulted,
      left: r.left,
    })),
    scale === "grade" ? GRADE_SCALE : NOTCH_SCALE,
  );
  return { ...matrix, from: options.from, to: options.to, scale };
}
