import type { IndustryRisk } from "@creditdesk/core/assessment";

/**
 * Default industry risk by GB/T 4754-2017 section letter (the first character of the industry code),
 * a credit-practice judgement: cyclical, leveraged or thin-margin sections are high. Overridable
 * per installation through the `assessment.industryRisk` setting.
 */
export const DEFAULT_INDUSTRY_RISK: Readonly<Record<string, IndustryRisk>> = {
  A: "medium", // agriculture, forestry, fishing
  B: "high", // mining
  C: "medium", // manufacturing
  D: "low", // electricity, heat, gas, water
  E: "high", // construction
  F: "medium", // wholesale and retail
  G: "medium", // transport, storage, post
  H: "high", // hotels and catering
  I: "low", // information technology
  J: "low", // finance
  K: "high", // real estate
  L: "medium", // leasing and business services
  M: "low", // research and technical services
  N: "low", // water, environment, public facilities
  O: "medium", // household and other services
  P: "low", // education
  Q: "low", // health and social work
  R: "medium", // culture, sports, entertainment
  S: "low", // public administration
};

export function industryRiskOf(
  industry: string | null,
  table: Readonly<Record<string, IndustryRisk>> = DEFAULT_INDUSTRY_RISK,
): IndustryRisk | undefined {
  if (!industry) {
    return undefined;
  }
  return table[industry] ?? table[industry.trim().charAt(0).toUpperCase()];
}
