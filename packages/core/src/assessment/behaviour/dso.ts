import { addDays, type IsoDate } from "../shared/dates.ts";
import { combineMetrics, type Metric, mapMetric, notComputable, ratio } from "../shared/metric.ts";
import { type CustomerLedger, indexLedger, type LedgerIndex, receivablesAt } from "./ledger.ts";

export const DEFAULT_COLLECTION_PERIOD_DAYS = 90;

/**
 * Collection measures over the period of the last `periodDays` days up to and including as-of, i.e.
 * the days (asOf − periodDays, asOf]. Definitions (DOMAIN.md, "Receivables and payment behaviour"):
 * - credit sales  = Σ amount of invoices ISSUED in the period (gross; credit notes not deducted)
 * - AR at a date  = Σ open amount of invoices at the end of that date (unallocated credits excluded)
 * - opening AR    = AR at asOf − periodDays (the day before the period starts)
 * - closing AR    = AR at asOf; closing current AR = the part not yet due (due date ≥ asOf)
 * - DSO           = closing AR / credit sales × periodDays                       (days)
 * - best DSO      = closing current AR / credit sales × periodDays               (days)
 * - ADDB          = DSO − best possible DSO                                      (days)
 * - CEI           = (opening AR + sales − closing AR) / (opening AR + sales − closing current AR) × 100 (%)
 */
export interface CollectionMetrics {
  readonly periodDays: number;
  readonly creditSalesMinor: number;
  readonly openingArMinor: number;
  readonly closingArMinor: number;
  readonly closingCurrentArMinor: number;
  readonly dso: Metric;
  readonly bestPossibleDso: Metric;
  readonly addb: Metric;
  readonly cei: Metric;
}

export function computeCollectionMetrics(options: {
  ledger: CustomerLedger | LedgerIndex;
  asOf: IsoDate;
  periodDays?: number;
}): CollectionMetrics {
  const index = "reductionsByInvoice" in options.ledger ? options.ledger : indexLedger(options.ledger);
  const periodDays = options.periodDays ?? DEFAULT_COLLECTION_PERIOD_DAYS;
  if (!Number.isInteger(periodDays) || periodDays <= 0) {
    throw new RangeError(`periodDays must be a positive whole number, got ${periodDays}`);
  }
  const { asOf } = options;
  const periodOpensAfter = addDays(asOf, -periodDays);
  let creditSalesMinor = 0;
  for (const invoice of index.ledger.invoices) {
    if (invoice.issueDate > periodOpensAfter && invoice.issueDate <= asOf) {
      creditSalesMinor += invoice.amountMinor;
    }
  }
  const opening = receivablesAt(index, periodOpensAfter);
  const closing = receivablesAt(index, asOf);
  return collectionRatios({
    periodDays,
    creditSalesMinor,
    openingArMinor: opening.totalMinor,
    closingArMinor: closing.totalMinor,
    closingCurrentArMinor: closing.notDueMinor,
  });
}

/** DSO, best possible DSO, ADDB and CEI from the period's sums (shared by the ledger and SQL paths). */
export function collectionRatios(sums: {
  periodDays: number;
  creditSalesMinor: number;
  openingArMinor: number;
  closingArMinor: number;
  closingCurrentArMinor: number;
}): CollectionMetrics {
  const { periodDays, creditSalesMinor, openingArMinor, closingArMinor, closingCurrentArMinor } = sums;
  const sales = { numerator: "receivables", denominator: `credit sales of the last ${periodDays} days` };
  const dso = mapMetric(ratio(closingArMinor, creditSalesMinor, sales), (x) => x * periodDays);
  const bestPossibleDso = mapMetric(
    ratio(closingCurrentArMinor, creditSalesMinor, sales),
    (x) => x * periodDays,
  );
  const ceiDenominator = openingArMinor + creditSalesMinor - closingCurrentArMinor;
  const cei =
    ceiDenominator === 0
      ? notComputable(
          "nothing was collectable in the period (opening AR + credit sales − current AR is zero)",
        )
      : mapMetric(
          ratio(openingArMinor + creditSalesMinor - closingArMinor, ceiDenominator, {
            numerator: "collections",
            denominator: "collectable amount",
          }),
          (x) => x * 100,
        );
  return {
    ...sums,
    dso,
    bestPossibleDso,
    addb: combineMetrics(dso, bestPossibleDso, (a, b) => a - b),
    cei,
  };
}
