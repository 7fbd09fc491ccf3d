import {
  type AssessmentResult,
  assessCustomer,
  behaviourFromAggregates,
  type RiskGrade,
} from "@creditdesk/core/assessment";
import { csvLine, type DatabaseHandle } from "@creditdesk/db";
import {
  assessmentRuns,
  assessments,
  loadAssessmentFacts,
  loadBehaviourAggregates,
} from "@creditdesk/db/assessment";
import { eq, sql } from "drizzle-orm";
import { resolveScorecard } from "./resolve-scorecard.ts";
import { toAssessmentInputs } from "./to-assessment-inputs.ts";

export type AssessmentTrigger = "manual" | "bulk" | "api" | "review" | "schedule" | "import";

export interface RunAssessmentsOptions {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  /** All customers when absent. */
  customerIds?: readonly number[];
  scorecardVersion?: string;
  trigger: AssessmentTrigger;
  triggeredBy: string;
  onProgress?: (done: number, total: number) => void;
}

export interface RunAssessmentsSummary {
  runId: number;
  asOf: string;
  scorecardVersion: string;
  customers: number;
  byGrade: Record<RiskGrade, number>;
  gradeChanges: number;
  results: Map<number, { assessmentId?: number; result: AssessmentResult }>;
  seconds: { load: number; score: number; write: number; total: number };
}

const COLUMNS = sql`(customer_id, run_id, as_of, scorecard_version, score, pd, grade, master_notch, previous_grade, reasons, policy, result, inputs, trigger, triggered_by)`;
const BATCH = 2_000;

/**
 * Assesses many customers (or one) as of a date and records every result: loads all facts and the
 * behaviour sums set-wise (a fixed number of queries, whatever the portfolio size), scores in memory
 * with the pure engine, writes the assessments by COPY in one transaction with the run record, and
 * appends a `assessment.grade_changed` event for each customer whose grade moved.
 */
export async function runAssessments(options: RunAssessmentsOptions): Promise<RunAssessmentsSummary> {
  const t0 = performance.now();
  const { handle, asOf } = options;
  const scorecard = await resolveScorecard(handle.db, options.scorecardVersion);
  const query = {
    asOf,
    baseCurrency: options.baseCurrency,
    ...(options.customerIds ? { customerIds: options.customerIds } : {}),
  };
  const facts = await loadAssessmentFacts(handle.db, query);
  const aggregates = await loadBehaviourAggregates(handle.db, query);
  const t1 = performance.now();

  const byGrade: Record<RiskGrade, number> = { low: 0, medium: 0, high: 0 };
  const results = new Map<number, { result: AssessmentResult }>();
  const lines: string[] = [];
  let gradeChanges = 0;
  const total = facts.size;
  const [run] = await handle.db
    .insert(assessmentRuns)
    .values({
      asOf,
      scope: options.customerIds ? (options.customerIds.length === 1 ? "customer" : "selection") : "all",
      trigger: options.trigger,
      triggeredBy: options.triggeredBy,
      scorecardVersion: scorecard.version,
    })
    .returning({ id: assessmentRuns.id });
  const runId = run!.id;
  for (const [customerId, f] of facts) {
    const agg = aggregates.get(customerId);
    const behaviour = agg ? behaviourFromAggregates(agg) : null;
    const inputs = toAssessmentInputs({ facts: f, behaviour, asOf, baseCurrency: options.baseCurrency });
    const result = assessCustomer({ ...inputs, scorecard });
    byGrade[result.grade]++;
    if (f.previousGrade !== null && f.previousGrade !== result.grade) {
      gradeChanges++;
    }
    results.set(customerId, { result });
    lines.push(
      csvLine([
        customerId,
        runId,
        asOf,
        result.scorecardVersion,
        result.score,
        result.pd,
        result.grade,
        result.masterNotch ? String(result.masterNotch.notch) : null,
        f.previousGrade,
        result.reasons,
        result.policy,
        {
          displayScore: result.displayScore,
          scoreGrade: result.scoreGrade,
          overrides: result.overrides,
          oddsGood: result.oddsGood,
          masterNotch: result.masterNotch,
          characteristics: result.characteristics,
          financial: result.financial,
          behaviour: result.behaviour,
        },
        { ...result.inputsSnapshot, statements: inputs.statements, events: inputs.events },
        options.trigger,
        options.triggeredBy,
      ]),
    );
    options.onProgress?.(results.size, total);
  }
  const t2 = performance.now();

  await handle.transaction(async (tx) => {
    for (let i = 0; i < lines.length; i += BATCH) {
      await tx.copyFrom(sql`${assessments} ${COLUMNS}`, lines.slice(i, i + BATCH));
    }
    await tx.db.execute(sql`
      insert into domain_events (type, customer_id, payload)
      select 'assessment.grade_changed', a.customer_id,
        jsonb_build_object('assessmentId', a.id, 'from', a.previous_grade, 'to', a.grade, 'score', a.score, 'asOf', a.as_of)
      from assessments a
      where a.run_id = ${runId} and a.previous_grade is not null and a.previous_grade <> a.grade
    `);
    await tx.db
      .update(assessmentRuns)
      .set({ status: "finished", customers: total, finishedAt: sql`now()` })
      .where(eq(assessmentRuns.id, runId));
  });
  const t3 = performance.now();
  const s = (ms: number) => Math.round(ms) / 1000;
  return {
    runId,
    asOf,
    scorecardVersion: scorecard.version,
    customers: total,
    byGrade,
    gradeChanges,
    results,
    seconds: { load: s(t1 - t0), score: s(t2 - t1), write: s(t3 - t2), total: s(t3 - t0) },
  };
}
