import type { AssessCustomerOptions } from "../../assessment/assess-customer.ts";
import { chooseAltmanVariant, DEFAULT_ALTMAN_VARIANT_RULE } from "../../assessment/financial/altman.ts";
import { analyseFinancials } from "../../assessment/financial/analyse-financials.ts";
import type { ScoringInputs } from "../../assessment/scorecard/scoring-inputs.ts";
import { addMonths, inWindow, yearsBetween } from "../../assessment/shared/dates.ts";

/** What `assessCustomer` reads, without the scorecard and its scale, bands or policy. */
export type ScoringInputsOptions = Pick<
  AssessCustomerOptions,
  "asOf" | "profile" | "statements" | "behaviour" | "external" | "events" | "altmanVariantRule"
>;

/**
 * The ScoringInputs an assessment sees as of a date, built exactly as `assessCustomer` builds them
 * (latest statement with periodEnd ≤ asOf → ratios + Altman of the customer's variant; adverse
 * events dated in (asOf − 12 months, asOf]; years in business only when founded on or before asOf).
 * A statistical model trained on these inputs therefore scores what the expert scorecard scores.
 * Keep in step with `assessCustomer` (packages/core/src/assessment/assess-customer.ts).
 */
export function buildScoringInputs(options: ScoringInputsOptions): ScoringInputs {
  const { asOf, profile } = options;
  const altmanVariant = chooseAltmanVariant(
    profile,
    options.altmanVariantRule ?? DEFAULT_ALTMAN_VARIANT_RULE,
  );
  const statements = options.statements.filter((s) => s.periodEnd <= asOf);
  const analysis = analyseFinancials({ statements, altmanVariant });
  const yearAgo = addMonths(asOf, -12);
  const adverseCount12m = (options.events ?? []).filter((e) => inWindow(e.date, yearAgo, asOf)).length;
  return {
    financial: analysis.latest ? { ratios: analysis.latest.ratios, altman: analysis.latest.altman } : null,
    behaviour: options.behaviour,
    profile: {
      ...(profile.foundedOn !== undefined && profile.foundedOn <= asOf
        ? { yearsInBusiness: yearsBetween(profile.foundedOn, asOf) }
        : {}),
      ...(profile.registeredCapitalMinor !== undefined
        ? { registeredCapitalMinor: profile.registeredCapitalMinor }
        : {}),
      ...(profile.industryRisk !== undefined ? { industryRisk: profile.industryRisk } : {}),
    },
    external: options.external ?? {},
    events: { adverseCount12m },
  };
}
