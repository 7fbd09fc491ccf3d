import {
  DEFAULT_SCORECARD_INPUT,
  loadScorecard,
  type ScorecardDefinition,
} from "@creditdesk/core/assessment";
import type { Db } from "@creditdesk/db";
import {
  findActiveScorecard,
  findScorecardByVersion,
  insertScorecardIfAbsent,
} from "@creditdesk/db/assessment";
import { AppError } from "../shared/app-error.ts";

/**
 * The scorecard to assess with: the given version, else the active one; the shipped default is
 * installed (and made active) the first time none exists. Definitions are re-validated on load.
 */
export async function resolveScorecard(db: Db, version?: string): Promise<ScorecardDefinition> {
  if (version) {
    const row = await findScorecardByVersion(db, version);
    if (!row) {
      throw new AppError("NOT_FOUND", `scorecard version ${version} does not exist`);
    }
    return loadScorecard(row.definition);
  }
  let row = await findActiveScorecard(db);
  if (!row) {
    await insertScorecardIfAbsent(db, {
      version: DEFAULT_SCORECARD_INPUT.version,
      name: DEFAULT_SCORECARD_INPUT.name,
      definition: DEFAULT_SCORECARD_INPUT,
      status: "active",
      createdBy: "system",
    });
    row = await findActiveScorecard(db);
  }
  if (!row) {
    throw new Error("no active scorecard and the default could not be installed");
  }
  return loadScorecard(row.definition);
}
