import { behaviourFromAggregates } from "@creditdesk/core/assessment";
import type { AssessmentFeatureRecord } from "@creditdesk/core/models";
import { assessmentFeatures, buildScoringInputs } from "@creditdesk/core/models";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { loadAssessmentFacts, loadBehaviourAggregates } from "@creditdesk/db/assessment";
import { sql } from "drizzle-orm";
import { toAssessmentInputs } from "../assessment/to-assessment-inputs.ts";

/** One observation: a customer as seen on an as-of date, and whether it defaulted in the horizon after. */
export interface TrainingRow {
  readonly customerId: number;
  readonly customerCode: string;
  readonly asOf: string;
  readonly features: AssessmentFeatureRecord;
  /** 1 = a default recorded in (asOf, asOf + horizonMonths], else 0. */
  readonly target: 0 | 1;
}

export interface BuildTrainingDatasetOptions {
  readonly handle: DatabaseHandle;
  readonly asOfDates: readonly string[];
  /** Outcome window after each as-of date (the usual 12-month PD horizon). */
  readonly horizonMonths: number;
  readonly baseCurrency: string;
  /**
   * A customer is in the population of an as-of date when it was trading then: an invoice issued
   * in (asOf − activeWithinMonths, asOf] (default 12). Customers already in default on the as-of
   * date (a default recorded on or before it) are left out: their outcome is known.
   */
  readonly activeWithinMonths?: number;
  readonly onProgress?: (asOf: string, rows: number) => void;
}

interface PopulationRow {
  customer_id: number;
  target: boolean;
}

/**
 * Customers trading on `asOf` and not yet in default, with the target of each: one set-wise query
 * (PostgreSQL month arithmetic, as the behaviour windows use).
 */
async function loadPopulation(
  handle: DatabaseHandle,
  asOf: string,
  horizonMonths: number,
  activeWithinMonths: number,
): Promise<PopulationRow[]> {
  const at = sql`${asOf}::date`;
  return queryRows<PopulationRow>(
    handle.db,
    sql`
      select c.id as customer_id,
        exists (
          select 1 from customer_defaults d
          where d.customer_id = c.id and d.defaulted_on > ${at}
            and d.defaulted_on <= (${at} + make_interval(months => ${horizonMonths}::int))::date
        ) as target
      from customers c
      where exists (
          select 1 from invoices i
          where i.customer_id = c.id and i.issued_on <= ${at}
            and i.issued_on > (${at} - make_interval(months => ${activeWithinMonths}::int))::date
        )
        and not exists (select 1 from customer_defaults d where d.customer_id = c.id and d.defaulted_on <= ${at})
      order by c.id
    `,
  );
}

/**
 * The own-history modelling data set: for every as-of date, every customer trading then and not in
 * default, the assessment features as of that date (the very loaders and input mapping of the bulk
 * assessment run, then `buildScoringInputs` → `assessmentFeatures`) and the target — a default
 * recorded within `horizonMonths` after the date. Rows come ordered by as-of date, then customer id.
 */
export async function buildTrainingDataset(options: BuildTrainingDatasetOptions): Promise<TrainingRow[]> {
  const { handle, horizonMonths, baseCurrency } = options;
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1) {
    throw new RangeError(`horizonMonths must be a positive integer, got ${horizonMonths}`);
  }
  const activeWithinMonths = options.activeWithinMonths ?? 12;
  const out: TrainingRow[] = [];
  for (const asOf of [...options.asOfDates].sort()) {
    const population = await loadPopulation(handle, asOf, horizonMonths, activeWithinMonths);
    if (population.length === 0) {
      options.onProgress?.(asOf, 0);
      continue;
    }
    const customerIds = population.map((p) => Number(p.customer_id));
    const query = { asOf, baseCurrency, customerIds };
    const facts = await loadAssessmentFacts(handle.db, query);
    const aggregates = await loadBehaviourAggregates(handle.db, query);
    for (const p of population) {
      const id = Number(p.customer_id);
      const f = facts.get(id);
      if (!f) {
        continue;
      }
      const agg = aggregates.get(id);
      const behaviour = agg ? behaviourFromAggregates(agg) : null;
      const inputs = toAssessmentInputs({ facts: f, behaviour, asOf, baseCurrency });
      out.push({
        customerId: id,
        customerCode: f.code,
        asOf,
        features: assessmentFeatures({ inputs: buildScoringInputs(inputs) }),
        target: p.target ? 1 : 0,
      });
    }
    options.onProgress?.(asOf, population.length);
  }
  return out;
}
