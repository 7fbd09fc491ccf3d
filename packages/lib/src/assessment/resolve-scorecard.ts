import {
  DEFAULT_SCORECARD_INPUT,
  DEFAULT_SCORECARD_V1_INPUT,
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
    // Every shipped version is installed, the older ones retired, so that any decision taken with
    // them can be recomputed from the database alone.
    for (const input of [DEFAULT_SCORECARD_V1_INPUT, DEFAULT_SCORECARD_INPUT]) {
      await insertScorecardIfAbsent(db, {
        version: input.version,
        name: input.name,
        definition: input,
        status: input === DEFAULT_SCORECARD_INPUT ? "active" : "retired",
        createdBy: "system",
      });
    }
    row = await findActiveScorecard(db);
  }
  if (!row) {
    throw new Error("no active scorecard and the default could not be installed");
  }
  return loadScorecard(row.definition);
}
