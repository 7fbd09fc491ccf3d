import { RISK_GRADES, type RiskGrade } from "../grading/bands.ts";
import { formatValue } from "../reasons/format-value.ts";
import type { OverrideCondition, OverrideOp } from "./override-schema.ts";
import type { ScorecardDefinition } from "./schema.ts";
import type { ScoringInputs } from "./scoring-inputs.ts";
import { type LocalisedText, type ResolvedValue, resolveSource, sourceDefinition } from "./sources.ts";

/** One comparison that held when an override fired: what was measured against which threshold. */
export interface OverrideEvidence {
  readonly source: string;
  readonly op: OverrideOp;
  readonly threshold: number | string;
  readonly value: Exclude<ResolvedValue, { kind: "missing" }>;
}

/** An override whose condition held. */
export interface AppliedOverride {
  readonly code: string;
  readonly maxGrade: RiskGrade;
  /** True when the cap made the grade worse than the points alone gave. */
  readonly capped: boolean;
  /** The comparisons that held, in condition order. */
  readonly evidence: readonly OverrideEvidence[];
  /** The rule's name, the cap and the measured values, e.g. "Severe delinquency (at most high risk): …". */
  readonly text: LocalisedText;
}

/** Position in RISK_GRADES (best first): a larger rank is a worse grade. */
function rank(grade: RiskGrade): number {
  return RISK_GRADES.indexOf(grade);
}

/** The worse of two grades. */
export function worseGrade(a: RiskGrade, b: RiskGrade): RiskGrade {
  return rank(a) >= rank(b) ? a : b;
}

function compare(value: number | string, op: OverrideOp, threshold: number | string): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
    default: {
      const unreachable: never = op;
      throw new Error(`unknown op ${String(unreachable)}`);
    }
  }
}

/**
 * Whether a condition holds, and the comparisons that made it hold. A comparison on a missing value
 * (not computable, no statements, no ledger) is false: a knock-out fires on evidence, never on its
 * absence. `all` needs every part; `any` reports every part that held.
 */
export function evaluateCondition(
  condition: OverrideCondition,
  inputs: ScoringInputs,
): { holds: boolean; evidence: OverrideEvidence[] } {
  if ("all" in condition) {
    const evidence: OverrideEvidence[] = [];
    for (const part of condition.all) {
      const r = evaluateCondition(part, inputs);
      if (!r.holds) {
        return { holds: false, evidence: [] };
      }
      evidence.push(...r.evidence);
    }
    return { holds: true, evidence };
  }
  if ("any" in condition) {
    const held = condition.any.map((part) => evaluateCondition(part, inputs)).filter((r) => r.holds);
    return { holds: held.length > 0, evidence: held.flatMap((r) => r.evidence) };
  }
  const value = resolveSource(condition.source, inputs);
  if (value.kind === "missing" || typeof value.value !== typeof condition.value) {
    return { holds: false, evidence: [] };
  }
  if (!compare(value.value, condition.op, condition.value)) {
    return { holds: false, evidence: [] };
  }
  return {
    holds: true,
    evidence: [{ source: condition.source, op: condition.op, threshold: condition.value, value }],
  };
}

const OP_SYMBOLS: Readonly<Record<OverrideOp, string>> = {
  ">": ">",
  ">=": "≥",
  "<": "<",
  "<=": "≤",
  "==": "=",
  "!=": "≠",
};

const GRADE_WORDS: Readonly<Record<RiskGrade, LocalisedText>> = {
  low: { en: "low risk", zh: "低风险" },
  medium: { en: "medium risk", zh: "中风险" },
  high: { en: "high risk", zh: "高风险" },
};

function describeEvidence(e: OverrideEvidence, currency: string): LocalisedText {
  const source = sourceDefinition(e.source);
  if (!source) {
    return { en: e.source, zh: e.source };
  }
  const shown = formatValue({ value: e.value, source, currency });
  const threshold = formatValue({
    value:
      typeof e.threshold === "number"
        ? { kind: "number", value: e.threshold }
        : { kind: "category", value: e.threshold },
    source,
    currency,
  });
  const op = OP_SYMBOLS[e.op];
  return {
    en: `${source.label.en} is ${shown.en} (${op} ${threshold.en})`,
    zh: `${source.label.zh}为 ${shown.zh}（${op} ${threshold.zh}）`,
  };
}

/**
 * Applies a scorecard's overrides to the grade the points gave. The final grade is the worst of that
 * grade and every fired override's maxGrade, so an override can only cap, never improve. Fired
 * overrides are returned worst cap first, then in definition order (the order their reasons lead the
 * reason list in).
 */
export function applyOverrides(options: {
  scorecard: ScorecardDefinition;
  inputs: ScoringInputs;
  grade: RiskGrade;
  /** ISO 4217 code for money values in the texts. */
  currency: string;
}): { grade: RiskGrade; applied: AppliedOverride[] } {
  const { scorecard, inputs, currency } = options;
  const fired = scorecard.overrides.flatMap((o, position) => {
    const r = evaluateCondition(o.when, inputs);
    return r.holds ? [{ o, position, evidence: r.evidence }] : [];
  });
  fired.sort((a, b) => rank(b.o.maxGrade) - rank(a.o.maxGrade) || a.position - b.position);
  let grade = options.grade;
  const applied = fired.map(({ o, evidence }): AppliedOverride => {
    grade = worseGrade(grade, o.maxGrade);
    const parts = evidence.map((e) => describeEvidence(e, currency));
    const cap = GRADE_WORDS[o.maxGrade];
    return {
      code: o.code,
      maxGrade: o.maxGrade,
      capped: rank(o.maxGrade) > rank(options.grade),
      evidence,
      text: {
        en: `${o.text.en} (at most ${cap.en}): ${parts.map((p) => p.en).join("; ")}`,
        zh: `${o.text.zh}（评级最高为${cap.zh}）：${parts.map((p) => p.zh).join("；")}`,
      },
    };
  });
  return { grade, applied };
}
