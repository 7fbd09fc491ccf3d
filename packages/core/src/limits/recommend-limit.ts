import { z } from "zod";
import { multiplyMinor, roundHalfEven } from "../money/money.ts";

/**
 * Limit methods of DOMAIN.md "Limits and exposure": a share of tangible net worth, a share of
 * working capital, and the expected need = monthly purchases × (terms + expected days beyond
 * terms) / 30. The most conservative computable method is taken, scaled by the grade factor of
 * the policy table, then capped by the policy cap and by insured limit + uninsured tolerance.
 */
export const limitPolicySchema = z.object({
  /** Share of tangible net worth, decimal string (e.g. "0.10"). */
  tangibleNetWorthShare: z.string().regex(/^\d+(\.\d+)?$/),
  /** Share of working capital, decimal string (e.g. "0.20"). */
  workingCapitalShare: z.string().regex(/^\d+(\.\d+)?$/),
  /** Absolute cap in the limit currency, null = none. */
  capMinor: z.number().int().nonnegative().nullable(),
  /** Amount above the insured limit the policy tolerates uninsured. */
  uninsuredToleranceMinor: z.number().int().nonnegative(),
});
export type LimitPolicy = z.infer<typeof limitPolicySchema>;

export const DEFAULT_LIMIT_POLICY: LimitPolicy = {
  tangibleNetWorthShare: "0.10",
  workingCapitalShare: "0.20",
  capMinor: null,
  uninsuredToleranceMinor: 0,
};

export const LIMIT_METHODS = ["tangible_net_worth", "working_capital", "expected_need"] as const;
export type LimitMethod = (typeof LIMIT_METHODS)[number];
export const LIMIT_CAPS = ["policy_cap", "insured_plus_tolerance"] as const;
export type LimitCap = (typeof LIMIT_CAPS)[number];

export type Figure =
  | { readonly status: "ok"; readonly valueMinor: number; readonly formula: string }
  | { readonly status: "not_computable"; readonly reason: string };

export interface RecommendLimitInput {
  /** Figures already in the limit currency; null = not known (with the reason in `missing`). */
  readonly tangibleNetWorthMinor: number | null;
  readonly workingCapitalMinor: number | null;
  readonly monthlyPurchasesMinor: number | null;
  readonly termsDays: number;
  /** Expected days beyond terms (e.g. the amount-weighted 12-month figure); null counts as 0. */
  readonly expectedDaysBeyondTerms: number | null;
  /** From the grade policy (policy-table.ts limitGradeFactor); null when the customer is not assessed. */
  readonly gradeFactor: number | null;
  readonly insuredLimitMinor: number | null;
  readonly policy: LimitPolicy;
  /** Why an input is null, by input name, for the not-computable reasons. */
  readonly missing?: Readonly<Record<string, string>>;
}

export interface LimitRecommendation {
  readonly methods: Readonly<Record<LimitMethod, Figure>>;
  /** The most conservative method (lowest figure), or null when none is computable. */
  readonly baseMethod: LimitMethod | null;
  readonly baseMinor: number | null;
  readonly gradeFactor: number | null;
  readonly afterGradeMinor: number | null;
  readonly caps: Readonly<Record<LimitCap, Figure>>;
  /** The recommendation, or null with `reason`. */
  readonly recommendedMinor: number | null;
  /** What bound the result: the base method, or a cap that cut it. */
  readonly boundBy: LimitMethod | LimitCap | null;
  readonly reason: string | null;
}

const figure = (valueMinor: number, formula: string): Figure => ({
  status: "ok",
  valueMinor: Math.max(0, valueMinor),
  formula,
});
const notComputable = (reason: string): Figure => ({ status: "not_computable", reason });

/** Pure limit recommendation; every method's figure is reported, and which one bound the result. */
export function recommendLimit(input: RecommendLimitInput): LimitRecommendation {
  const p = input.policy;
  const why = (name: string) => input.missing?.[name] ?? `${name} is not known`;
  const days = input.termsDays + Math.max(0, Math.round(input.expectedDaysBeyondTerms ?? 0));
  const methods: Record<LimitMethod, Figure> = {
    tangible_net_worth:
      input.tangibleNetWorthMinor === null
        ? notComputable(why("tangible net worth"))
        : figure(
            multiplyMinor(input.tangibleNetWorthMinor, p.tangibleNetWorthShare),
            `${p.tangibleNetWorthShare} × tangible net worth ${input.tangibleNetWorthMinor}`,
          ),
    working_capital:
      input.workingCapitalMinor === null
        ? notComputable(why("working capital"))
        : figure(
            multiplyMinor(input.workingCapitalMinor, p.workingCapitalShare),
            `${p.workingCapitalShare} × working capital ${input.workingCapitalMinor}`,
          ),
    expected_need:
      input.monthlyPurchasesMinor === null
        ? notComputable(why("monthly purchases"))
        : figure(
            Number(roundHalfEven(BigInt(input.monthlyPurchasesMinor) * BigInt(days), 30n)),
            `monthly purchases ${input.monthlyPurchasesMinor} × (${input.termsDays} terms + ${days - input.termsDays} days beyond terms) / 30`,
          ),
  };
  const caps: Record<LimitCap, Figure> = {
    policy_cap: p.capMinor === null ? notComputable("no policy cap") : figure(p.capMinor, "policy cap"),
    insured_plus_tolerance:
      input.insuredLimitMinor === null
        ? notComputable("no credit insurance")
        : figure(
            input.insuredLimitMinor + p.uninsuredToleranceMinor,
            `insured limit ${input.insuredLimitMinor} + uninsured tolerance ${p.uninsuredToleranceMinor}`,
          ),
  };
  let baseMethod: LimitMethod | null = null;
  let baseMinor: number | null = null;
  for (const m of LIMIT_METHODS) {
    const f = methods[m];
    if (f.status === "ok" && (baseMinor === null || f.valueMinor < baseMinor)) {
      baseMethod = m;
      baseMinor = f.valueMinor;
    }
  }
  const empty = { methods, caps, gradeFactor: input.gradeFactor };
  if (baseMinor === null || baseMethod === null) {
    return {
      ...empty,
      baseMethod: null,
      baseMinor: null,
      afterGradeMinor: null,
      recommendedMinor: null,
      boundBy: null,
      reason: "no limit method is computable",
    };
  }
  if (input.gradeFactor === null) {
    return {
      ...empty,
      baseMethod,
      baseMinor,
      afterGradeMinor: null,
      recommendedMinor: null,
      boundBy: null,
      reason: "the customer has no assessment (grade factor unknown)",
    };
  }
  const afterGradeMinor = multiplyMinor(baseMinor, String(input.gradeFactor));
  let recommendedMinor = afterGradeMinor;
  let boundBy: LimitMethod | LimitCap = baseMethod;
  for (const c of LIMIT_CAPS) {
    const f = caps[c];
    if (f.status === "ok" && f.valueMinor < recommendedMinor) {
      recommendedMinor = f.valueMinor;
      boundBy = c;
    }
  }
  return { ...empty, baseMethod, baseMinor, afterGradeMinor, recommendedMinor, boundBy, reason: null };
}
