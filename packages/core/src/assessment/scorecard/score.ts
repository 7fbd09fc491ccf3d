import type { RangeBin, ScorecardBin, ScorecardCharacteristic, ScorecardDefinition } from "./schema.ts";
import type { ScoringInputs } from "./scoring-inputs.ts";
import { type ResolvedValue, resolveSource } from "./sources.ts";

export interface CharacteristicScore {
  readonly code: string;
  readonly source: string;
  readonly value: ResolvedValue;
  /** Index of the bin the value fell in, within the characteristic's `bins`. */
  readonly binIndex: number;
  /** Bin points × weight. */
  readonly points: number;
  /** Best attainable points of this characteristic (max over all its bins) × weight. */
  readonly maxPoints: number;
  /** maxPoints − points (≥ 0): what this characteristic cost against its best bin. */
  readonly pointsLost: number;
}

export interface ScorecardScore {
  readonly scorecardId: string;
  readonly scorecardVersion: string;
  /** basePoints + Σ characteristic points; not rounded, not clamped. */
  readonly score: number;
  readonly basePoints: number;
  /** In definition order. */
  readonly characteristics: readonly CharacteristicScore[];
}

function inRange(x: number, r: RangeBin["range"]): boolean {
  const aboveFrom = r.from === undefined || r.from === null || (r.fromInclusive ? x >= r.from : x > r.from);
  const belowTo = r.to === undefined || r.to === null || (r.toInclusive ? x <= r.to : x < r.to);
  return aboveFrom && belowTo;
}

/** The bin a value falls in; absent, non-computable and unmatched values go to the missing bin. */
export function findBin(bins: readonly ScorecardBin[], value: ResolvedValue): number {
  const missingIndex = bins.findIndex((b) => "missing" in b);
  const match = bins.findIndex((b) => {
    if (value.kind === "number" && "range" in b) {
      return inRange(value.value, b.range);
    }
    if (value.kind === "category" && "categories" in b) {
      return b.categories.includes(value.value);
    }
    return false;
  });
  return match >= 0 ? match : missingIndex;
}

function scoreCharacteristic(c: ScorecardCharacteristic, inputs: ScoringInputs): CharacteristicScore {
  const value = resolveSource(c.source, inputs);
  const binIndex = findBin(c.bins, value);
  const bin = c.bins[binIndex];
  if (!bin) {
    throw new Error(
      `characteristic ${c.code} has no bin for ${JSON.stringify(value)}; validate it with loadScorecard`,
    );
  }
  const points = bin.points * c.weight;
  const maxPoints = Math.max(...c.bins.map((b) => b.points)) * c.weight;
  return {
    code: c.code,
    source: c.source,
    value,
    binIndex,
    points,
    maxPoints,
    pointsLost: maxPoints - points,
  };
}

/**
 * Scores inputs with a validated scorecard definition (pass the definition of the version wanted;
 * nothing is read from globals, so old versions keep scoring exactly as they did).
 */
export function scoreWithScorecard(options: {
  scorecard: ScorecardDefinition;
  inputs: ScoringInputs;
}): ScorecardScore {
  const { scorecard, inputs } = options;
  const characteristics = scorecard.characteristics.map((c) => scoreCharacteristic(c, inputs));
  const score = characteristics.reduce((sum, c) => sum + c.points, scorecard.basePoints);
  return {
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    score,
    basePoints: scorecard.basePoints,
    characteristics,
  };
}
