import type { AppliedOverride } from "../scorecard/apply-overrides.ts";
import type { ScorecardDefinition } from "../scorecard/schema.ts";
import type { CharacteristicScore } from "../scorecard/score.ts";
import { type LocalisedText, type ResolvedValue, sourceDefinition } from "../scorecard/sources.ts";
import { formatValue } from "./format-value.ts";

export const REASON_KINDS = ["override", "points"] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export interface ReasonCode {
  /** "override": a knock-out rule capped the grade; "points": a characteristic cost points. */
  readonly kind: ReasonKind;
  /** The characteristic's or override's stable code, e.g. BEH_DBT_6M, KO_SEVERE_DELINQUENCY. */
  readonly code: string;
  /** The metric path measured (for an override: the first comparison that held). */
  readonly source: string;
  /** Points this characteristic cost against its best attainable bin (weighted); 0 for an override. */
  readonly pointsLost: number;
  readonly value: ResolvedValue;
  /** Plain words with the measured value, e.g. "Average days beyond terms (6 months) is 23 days". */
  readonly text: LocalisedText;
}

export const DEFAULT_MAX_REASONS = 5;

/**
 * Reason codes in the adverse-action convention: characteristics ordered by points lost against
 * their best attainable bin, most first; ties broken by the characteristic's position in the
 * scorecard (stable across runs). Characteristics that lost nothing give no reason.
 */
export function buildReasons(options: {
  scorecard: ScorecardDefinition;
  characteristics: readonly CharacteristicScore[];
  currency: string;
  maxReasons?: number;
}): ReasonCode[] {
  const { scorecard, currency } = options;
  const ranked = options.characteristics
    .map((score, position) => ({ score, position }))
    .filter(({ score }) => score.pointsLost > 0)
    .sort((a, b) => b.score.pointsLost - a.score.pointsLost || a.position - b.position);
  return ranked.slice(0, options.maxReasons ?? DEFAULT_MAX_REASONS).map(({ score, position }) => {
    const characteristic = scorecard.characteristics[position];
    const source = sourceDefinition(score.source);
    const label = characteristic?.label ?? source?.label ?? { en: score.source, zh: score.source };
    let text: LocalisedText;
    if (score.value.kind === "missing" || !source) {
      text = { en: `${label.en} is not available`, zh: `${label.zh}数据缺失` };
    } else {
      const shown = formatValue({ value: score.value, source, currency });
      text = { en: `${label.en} is ${shown.en}`, zh: `${label.zh}为 ${shown.zh}` };
    }
    return {
      kind: "points" as const,
      code: score.code,
      source: score.source,
      pointsLost: score.pointsLost,
      value: score.value,
      text,
    };
  });
}

/** The reason of a fired override: it leads the reason list (see assessCustomer). */
export function overrideReason(applied: AppliedOverride): ReasonCode {
  const first = applied.evidence[0];
  return {
    kind: "override",
    code: applied.code,
    source: first?.source ?? "",
    pointsLost: 0,
    value: first?.value ?? { kind: "missing", reason: "no comparison recorded" },
    text: applied.text,
  };
}
