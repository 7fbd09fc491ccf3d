import { describe, expect, it } from "vitest";
import { DEFAULT_ASSESSMENT_CONFIG, parseAssessmentConfig } from "./assessment-config.ts";

const json = () => JSON.parse(JSON.stringify(DEFAULT_ASSESSMENT_CONFIG));

describe("assessment config", () => {
  it("accepts the defaults after a JSON round trip (as stored in jsonb), also as JSON text", () => {
    expect(parseAssessmentConfig(json())).toEqual({ ok: true, config: DEFAULT_ASSESSMENT_CONFIG });
    expect(parseAssessmentConfig(JSON.stringify(DEFAULT_ASSESSMENT_CONFIG))).toEqual({
      ok: true,
      config: DEFAULT_ASSESSMENT_CONFIG,
    });
  });

  it("accepts no master scale", () => {
    const parsed = parseAssessmentConfig({ ...json(), masterScale: null });
    expect(parsed.ok && parsed.config.masterScale).toBeNull();
  });

  it.each<[string, (c: ReturnType<typeof json>) => void, string[]]>([
    [
      "a closed last band",
      (c) => {
        c.bands[2].minScore = 500;
      },
      ["bands[2].minScore: the last band must have minScore null"],
    ],
    [
      "bands out of order",
      (c) => {
        c.bands[1] = { grade: "low", minScore: 750 };
      },
      ["bands[1].minScore: must be below 700", "bands[1].grade: must be a worse grade than low"],
    ],
    [
      "an unknown grade",
      (c) => {
        c.bands[0].grade = "excellent";
      },
      ['bands[0].grade: unknown grade "excellent" (allowed: low, medium, high)'],
    ],
    [
      "master-scale bounds not ascending",
      (c) => {
        c.masterScale[3].maxPd = 0.004;
      },
      ["masterScale[3].maxPd: must be above 0.009"],
    ],
    [
      "a PD bound of 1.5",
      (c) => {
        c.masterScale[8].maxPd = 1.5;
      },
      ["masterScale[8].maxPd: must lie strictly between 0 and 1"],
    ],
    [
      "a policy breaking the table's rules",
      (c) => {
        c.policyTable.low.prepaymentBps = 12_000;
        c.policyTable.low.paymentTermsDays = 120;
      },
      [
        "policyTable.low.prepaymentBps: must be a whole number 0–10000",
        "policyTable.low.paymentTermsDays: exceeds maxCreditPeriodDays",
      ],
    ],
    [
      "a missing grade policy",
      (c) => {
        delete c.policyTable.medium;
      },
      ["policyTable.medium: Invalid input: expected object, received undefined"],
    ],
    [
      "an unknown Altman variant",
      (c) => {
        c.altmanVariantRule.nonManufacturer = "z_triple_prime";
      },
      ['altmanVariantRule.nonManufacturer: Invalid option: expected one of "z"|"z_prime"|"z_double_prime"'],
    ],
  ])("names the path of %s", (_what, patch, errors) => {
    const c = json();
    patch(c);
    expect(parseAssessmentConfig(c)).toEqual({ ok: false, errors });
  });

  it("reports text that is not JSON", () => {
    const r = parseAssessmentConfig("{bands:");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^not valid JSON: /);
  });

  it("folds every policy-table rule into the schema", () => {
    const c = json();
    c.policyTable.high.reviewFrequencyMonths = 0;
    c.policyTable.high.limitGradeFactor = -1;
    expect(parseAssessmentConfig(c)).toEqual({
      ok: false,
      errors: [
        "policyTable.high.reviewFrequencyMonths: must be positive",
        "policyTable.high.limitGradeFactor: must not be negative",
      ],
    });
  });
});
