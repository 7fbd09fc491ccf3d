import type { DatabaseHandle, Db } from "@creditdesk/db";
import { assessments } from "@creditdesk/db/assessment";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { findCustomerId } from "./assess-customer-now.ts";
import { recomputeAssessment, type StoredInputs, type StoredResult } from "./assessment-record.ts";
import { resolveScorecard } from "./resolve-scorecard.ts";

export type AssessmentRecord = typeof assessments.$inferSelect;

/**
 * An assessment as the API and CLI show it. With `detail`, the engine is re-run on the stored
 * inputs with the stored scorecard version to give every characteristic's bin, the financial
 * analysis and the behaviour metrics — and `reproduced` says whether that re-run gives the stored
 * score and grade exactly (it must, forever).
 */
export async function toAssessmentView(
  db: Db,
  row: AssessmentRecord,
  options: { detail?: boolean; withInputs?: boolean } = {},
) {
  const stored = row.result as StoredResult;
  let detail: { characteristics: unknown; financial: unknown; behaviour: unknown; reproduced: boolean } = {
    characteristics: null,
    financial: null,
    behaviour: null,
    reproduced: true,
  };
  if (options.detail) {
    const scorecard = await resolveScorecard(db, row.scorecardVersion);
    const again = recomputeAssessment(row.inputs as StoredInputs, scorecard);
    detail = {
      characteristics: again.characteristics,
      financial: again.financial,
      behaviour: again.behaviour,
      reproduced: again.score === row.score && again.grade === row.grade,
    };
  }
  return {
    id: row.id,
    customerId: row.customerId,
    runId: row.runId,
    asOf: row.asOf,
    scorecardVersion: row.scorecardVersion,
    score: row.score,
    displayScore: stored.displayScore,
    pd: row.pd,
    grade: row.grade,
    /** The grade from points alone, before knock-out overrides capped it. */
    scoreGrade: stored.scoreGrade ?? row.grade,
    overrides: stored.overrides ?? [],
    masterNotch: stored.masterNotch ?? null,
    previousGrade: row.previousGrade,
    reasons: row.reasons,
    policy: row.policy,
    points: stored.points ?? [],
    models: stored.models ?? null,
    ...detail,
    trigger: row.trigger,
    triggeredBy: row.triggeredBy,
    createdAt: row.createdAt.toISOString(),
    ...(options.withInputs ? { inputs: row.inputs } : {}),
  };
}
export type AssessmentView = Awaited<ReturnType<typeof toAssessmentView>>;

export async function getLatestAssessment(
  handle: DatabaseHandle,
  customerId: number,
): Promise<AssessmentView | null> {
  const [row] = await handle.db
    .select()
    .from(assessments)
    .where(eq(assessments.customerId, customerId))
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(1);
  return row ? toAssessmentView(handle.db, row, { detail: true }) : null;
}

/** History newest first, keyset-paged by id (ids grow with time). */
export async function listAssessments(
  handle: DatabaseHandle,
  options: { customer: string | number; limit?: number; beforeId?: number },
) {
  const customerId = await findCustomerId(handle, options.customer);
  const limit = Math.min(options.limit ?? 50, 500);
  const rows = await handle.db
    .select()
    .from(assessments)
    .where(
      and(
        eq(assessments.customerId, customerId),
        options.beforeId !== undefined ? lt(assessments.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(assessments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: await Promise.all(page.map((r) => toAssessmentView(handle.db, r))),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

/** One assessment with its full inputs snapshot (to reproduce a past decision). */
export async function getAssessment(handle: DatabaseHandle, id: number) {
  const [row] = await handle.db
    .select()
    .from(assessments)
    .where(or(eq(assessments.id, id)))
    .limit(1);
  return row ? toAssessmentView(handle.db, row, { detail: true, withInputs: true }) : null;
}

/** The customer's credit file summary: latest assessment, score history, ratios and behaviour. */
export async function getCreditFile(handle: DatabaseHandle, customer: string | number) {
  const customerId = await findCustomerId(handle, customer);
  const latest = await getLatestAssessment(handle, customerId);
  const history = await handle.db
    .select({
      id: assessments.id,
      asOf: assessments.asOf,
      score: assessments.score,
      pd: assessments.pd,
      grade: assessments.grade,
      scorecardVersion: assessments.scorecardVersion,
      createdAt: assessments.createdAt,
    })
    .from(assessments)
    .where(eq(assessments.customerId, customerId))
    .orderBy(desc(assessments.id))
    .limit(60);
  return {
    customerId,
    latest,
    scoreHistory: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })).reverse(),
  };
}
