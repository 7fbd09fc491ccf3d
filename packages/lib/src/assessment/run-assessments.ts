import {
  type AssessmentResult,
  assessCustomer,
  behaviourFromAggregates,
  type RiskGrade,
} from "@creditdesk/core/assessment";
import { assessmentFeatures, buildScoringInputs } from "@creditdesk/core/models";
import { csvLine, type DatabaseHandle } from "@creditdesk/db";
import {
  assessmentRuns,
  assessments,
  loadAssessmentFacts,
  loadBehaviourAggregates,
} from "@creditdesk/db/assessment";
import { eq, sql } from "drizzle-orm";
import { scoreWithRegisteredModels } from "../models/score-with-registered-models.ts";
import { type StoredInputs, toStoredResult } from "./assessment-record.ts";
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
  /** Keep every result in memory for the caller (tests, single assessments). Default false. */
  keepResults?: boolean;
}

export interface RunAssessmentsSummary {
  runId: number;
  asOf: string;
  scorecardVersion: string;
  customers: number;
  byGrade: Record<RiskGrade, number>;
  gradeChanges: number;
  /** Filled only with `keepResults`. */
  results: Map<number, { result: AssessmentResult }>;
  seconds: { load: number; score: number; write: number; total: number };
}

const COLUMNS = sql`(customer_id, run_id, as_of, scorecard_version, score, pd, grade, master_notch, previous_grade, reasons, policy, result, inputs, trigger, triggered_by)`;
/** Customers scored and written per COPY: bounds memory whatever the portfolio size. */
const BATCH = 2_000;

/**
 * Assesses many customers (or one) as of a date and records every result: loads all facts and the
 * behaviour sums set-wise (a fixed number of queries, whatever the portfolio size), then in one
 * transaction scores batches with the pure engine (and any registered champion/challenger model
 * alongside) and streams each batch into `assessments` by COPY, appends an
 * `assessment.grade_changed` event for every customer whose grade moved, and closes the run.
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
  let gradeChanges = 0;
  let scoreMs = 0;
  const total = facts.size;
  const customerIds = [...facts.keys()];

  const runId = await handle.transaction(async (tx) => {
    const [run] = await tx.db
      .insert(assessmentRuns)
      .values({
        asOf,
        scope: options.customerIds ? (options.customerIds.length === 1 ? "customer" : "selection") : "all",
        trigger: options.trigger,
        triggeredBy: options.triggeredBy,
        scorecardVersion: scorecard.version,
      })
      .returning({ id: assessmentRuns.id });
    const id = run!.id;
    for (let start = 0; start < customerIds.length; start += BATCH) {
      const s0 = performance.now();
      const batch = customerIds.slice(start, start + BATCH).map((customerId) => {
        const f = facts.get(customerId)!;
        const agg = aggregates.get(customerId) ?? null;
        const inputs = toAssessmentInputs({
          facts: f,
          behaviour: agg ? behaviourFromAggregates(agg) : null,
          asOf,
          baseCurrency: options.baseCurrency,
        });
        const result = assessCustomer({ ...inputs, scorecard });
        const stored: StoredInputs = {
          asOf,
          profile: inputs.profile,
          statements: inputs.statements,
          behaviourAggregates: agg,
          external: inputs.external ?? {},
          events: inputs.events ?? [],
          reportingCurrency: options.baseCurrency,
        };
        const features = assessmentFeatures({ inputs: buildScoringInputs(inputs) });
        return { customerId, previousGrade: f.previousGrade, result, stored, features };
      });
      const modelScores = await scoreWithRegisteredModels({ db: tx.db, rows: batch });
      const lines = batch.map(({ customerId, previousGrade, result, stored }) => {
        byGrade[result.grade]++;
        if (previousGrade !== null && previousGrade !== result.grade) {
          gradeChanges++;
        }
        if (options.keepResults) {
          results.set(customerId, { result });
        }
        return csvLine([
          customerId,
          id,
          asOf,
          result.scorecardVersion,
          result.score,
          result.pd,
          result.grade,
          result.masterNotch ? String(result.masterNotch.notch) : null,
          previousGrade,
          result.reasons,
          result.policy,
          toStoredResult(result, modelScores.get(customerId)),
          stored,
          options.trigger,
          options.triggeredBy,
        ]);
      });
      scoreMs += performance.now() - s0;
      await tx.copyFrom(sql`${assessments} ${COLUMNS}`, lines);
      options.onProgress?.(Math.min(start + BATCH, total), total);
    }
    await tx.db.execute(sql`
      insert into domain_events (type, customer_id, payload)
      select 'assessment.grade_changed', a.customer_id,
        jsonb_build_object('assessmentId', a.id, 'from', a.previous_grade, 'to', a.grade, 'score', a.score, 'asOf', a.as_of)
      from assessments a
      where a.run_id = ${id} and a.previous_grade is not null and a.previous_grade <> a.grade
    `);
    await tx.db
      .update(assessmentRuns)
      .set({ status: "finished", customers: total, finishedAt: sql`now()` })
      .where(eq(assessmentRuns.id, id));
    return id;
  });
  const t2 = performance.now();
  const s = (ms: number) => Math.round(ms) / 1000;
  return {
    runId,
    asOf,
    scorecardVersion: scorecard.version,
    customers: total,
    byGrade,
    gradeChanges,
    results,
    seconds: { load: s(t1 - t0), score: s(scoreMs), write: s(t2 - t1 - scoreMs), total: s(t2 - t0) },
  };
}
