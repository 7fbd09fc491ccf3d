import type { IsoDate } from "../shared/dates.ts";
import {
  type BehaviourOptions,
  behaviourFromAggregates,
  computeBehaviourAggregates,
} from "./behaviour-aggregates.ts";
import type { BehaviourMetrics } from "./behaviour-metrics.ts";
import type { CustomerLedger } from "./ledger.ts";

/**
 * All BehaviourMetrics of one customer's ledger as of a date (see BehaviourMetrics for definitions).
 * Goes through the same aggregates as the SQL bulk path, so both give identical objects.
 */
export function computeBehaviourMetrics(options: {
  ledger: CustomerLedger;
  asOf: IsoDate;
  options?: BehaviourOptions;
}): BehaviourMetrics {
  return behaviourFromAggregates(computeBehaviourAggregates(options));
}
