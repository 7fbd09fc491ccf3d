import {
  type AssessmentResult,
  assessCustomer,
  behaviourFromAggregates,
  type RiskGrade,
} from "@creditdesk/core/assessment";
import { assessmentFeatures, buildScoringInputs } from "@creditdesk/core/models";
import { csvLine, customers, type DatabaseHandle, type Db } from "@creditdesk/db";
import {
  assessmentRuns,
  assessments,
  type CustomerSelection,
  loadAssessmentFacts,
  loadBehaviourAggregates,
} from "@creditdesk/db/assessment";
import { findChampion, findLatestChallenger } from "@creditdesk/db/models";
import { asc, eq, sql } from "drizzle-orm";
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
/** Customers scored and written per COPY. */
const BATCH = 2_000;
/** Customers whose facts are loaded at once: bounds memory whatever the portfolio size. */
const CHUNK = 10_000;

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
  // Statistical models are scored alongside only when one is registered (features cost time).
  const withModels = Boolean((await findChampion(handle.db)) ?? (await findLatestChallenger(handle.db)));
  const { chunks, count } = await planChunks(handle.db, options.customerIds);

  const byGrade: Record<RiskGrade, number> = { low: 0, medium: 0, high: 0 };
  const results = new Map<number, { result: AssessmentResult }>();
  let gradeChanges = 0;
  let total = 0;
  let loadMs = 0;
  let scoreMs = 0;

  const runId = await handle.transaction(async (tx) => {
    // PGlite has one connection, held by this transaction; PostgreSQL reads on other pool
    // connections so that loading the next chunk overlaps scoring this one.
    const readDb = handle.kind === "pglite" ? tx.db : handle.db;
    const load = async (selection: CustomerSelection) => {
      const query = { asOf, baseCurrency: options.baseCurrency, ...selection };
      const [facts, aggregates] = await Promise.all([
        loadAssessmentFacts(readDb, query),
        loadBehaviourAggregates(readDb, query),
      ]);
      return { facts, aggregates };
    };
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
    let next = chunks.length > 0 ? load(chunks[0]!) : null;
    for (let k = 0; k < chunks.length; k++) {
      const l0 = performance.now();
      const { facts, aggregates } = await next!;
      loadMs += performance.now() - l0;
      next = k + 1 < chunks.length ? load(chunks[k + 1]!) : null;
      // Keep a failure of the prefetch from going unhandled while this chunk is scored.
      next?.catch(() => undefined);
      const customerIds = [...facts.keys()];
      total += customerIds.length;
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
          const features = withModels ? assessmentFeatures({ inputs: buildScoringInputs(inputs) }) : {};
          return { customerId, previousGrade: f.previousGrade, result, stored, features };
        });
        const modelScores = withModels
          ? await scoreWithRegisteredModels({ db: tx.db, rows: batch })
          : new Map<number, never>();
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
        options.onProgress?.(total - customerIds.length + Math.min(start + BATCH, customerIds.length), count);
      }
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
  const t1 = performance.now();
  const s = (ms: number) => Math.round(ms) / 1000;
  return {
    runId,
    asOf,
    scorecardVersion: scorecard.version,
    customers: total,
    byGrade,
    gradeChanges,
    results,
    seconds: { load: s(loadMs), score: s(scoreMs), write: s(t1 - t0 - loadMs - scoreMs), total: s(t1 - t0) },
  };
}

/** The explicit customers as one chunk, or the whole portfolio in id ranges of CHUNK customers. */
async function planChunks(
  db: Db,
  customerIds: readonly number[] | undefined,
): Promise<{ chunks: CustomerSelection[]; count: number }> {
  if (customerIds) {
    return { chunks: customerIds.length > 0 ? [{ customerIds }] : [], count: customerIds.length };
  }
  const ids = (await db.select({ id: customers.id }).from(customers).orderBy(asc(customers.id))).map(
    (r) => r.id,
  );
  const chunks: CustomerSelection[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    chunks.push({ customerIdRange: { from: ids[i]!, to: ids[Math.min(i + CHUNK, ids.length) - 1]! } });
  }
  return { chunks, count: ids.length };
}
