import type { DatabaseHandle } from "@creditdesk/db";
import { assessments } from "@creditdesk/db/assessment";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { findCustomerId } from "./assess-customer-now.ts";

export type AssessmentRecord = typeof assessments.$inferSelect;

/** An assessment as the API and CLI show it (the inputs snapshot stays in the database unless asked for). */
export function toAssessmentView(row: AssessmentRecord, withInputs = false) {
  const result = row.result as Record<string, unknown>;
  return {
    id: row.id,
    customerId: row.customerId,
    runId: row.runId,
    asOf: row.asOf,
    scorecardVersion: row.scorecardVersion,
    score: row.score,
    displayScore: result.displayScore as number,
    pd: row.pd,
    grade: row.grade,
    /** The grade from points alone, before knock-out overrides capped it. */
    scoreGrade: (result.scoreGrade as string | undefined) ?? row.grade,
    overrides: (result.overrides as unknown[] | undefined) ?? [],
    masterNotch: result.masterNotch ?? null,
    previousGrade: row.previousGrade,
    reasons: row.reasons,
    policy: row.policy,
    characteristics: result.characteristics,
    financial: result.financial,
    behaviour: result.behaviour,
    trigger: row.trigger,
    triggeredBy: row.triggeredBy,
    createdAt: row.createdAt.toISOString(),
    ...(withInputs ? { inputs: row.inputs } : {}),
  };
}
export type AssessmentView = ReturnType<typeof toAssessmentView>;

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
  return row ? toAssessmentView(row) : null;
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
    items: page.map((r) => toAssessmentView(r)),
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
  return row ? toAssessmentView(row, true) : null;
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
