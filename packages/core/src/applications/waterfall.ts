import { daysBetween } from "./dates.ts";

/** A rating report already obtained for the company (any application of the same registration id). */
export interface RatingReport {
  readonly agency: string;
  readonly rating: string;
  /** When the report was pulled (its age counts from here). */
  readonly pulledOn: string;
}

export type RatingPullPlan =
  | { readonly action: "reuse"; readonly report: RatingReport; readonly ageDays: number }
  | { readonly action: "pull"; readonly agency: string; readonly skipped: readonly string[] }
  | { readonly action: "unavailable"; readonly skipped: readonly string[] };

/**
 * The agency waterfall: a report younger than `maxAgeDays` is reused (never pulled again — pulls
 * cost money and a fresh one says nothing new), preferring agencies in waterfall order; otherwise
 * the first agency in order that has a report for the company is pulled; `skipped` names the
 * agencies passed over because they had none.
 */
export function planRatingPull(options: {
  agencies: readonly string[];
  existing: readonly RatingReport[];
  /** Whether the agency has a report for the company (the source is available). */
  available: (agency: string) => boolean;
  asOf: string;
  maxAgeDays: number;
}): RatingPullPlan {
  const { agencies, asOf, maxAgeDays } = options;
  const fresh = options.existing
    .map((report) => ({ report, ageDays: daysBetween(report.pulledOn, asOf) }))
    .filter((r) => r.ageDays >= 0 && r.ageDays < maxAgeDays)
    .sort((a, b) => {
      const ra = agencies.indexOf(a.report.agency);
      const rb = agencies.indexOf(b.report.agency);
      return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb) || a.ageDays - b.ageDays;
    });
  const best = fresh[0];
  if (best) {
    return { action: "reuse", report: best.report, ageDays: best.ageDays };
  }
  const skipped: string[] = [];
  for (const agency of agencies) {
    if (options.available(agency)) {
      return { action: "pull", agency, skipped };
    }
    skipped.push(agency);
  }
  return { action: "unavailable", skipped };
}
