export const RISK_GRADES = ["low", "medium", "high"] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

/**
 * Grade bands, best first: a score belongs to the first band whose `minScore` it reaches (score ≥
 * minScore); the last band must have `minScore: null` (catches everything below). Bands are therefore
 * half-open intervals of the RAW score: with the defaults low = [700, ∞), medium = [600, 700),
 * high = (−∞, 600) — DOMAIN.md's "600–699" and "≤ 599" for whole scores, and 699.5 is medium, 599.9 high.
 */
export interface GradeBand {
  readonly grade: RiskGrade;
  readonly minScore: number | null;
}

export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: "low", minScore: 700 },
  { grade: "medium", minScore: 600 },
  { grade: "high", minScore: null },
];

/** Checks order and completeness; returns problems as readable strings (empty = fine). */
export function validateGradeBands(bands: readonly GradeBand[]): string[] {
  const problems: string[] = [];
  if (bands.length === 0) {
    return ["no bands"];
  }
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (last !== (band.minScore === null)) {
      problems.push(
        `bands[${i}].minScore: ${last ? "the last band must have minScore null" : "only the last band may be open"}`,
      );
    }
    const prev = bands[i - 1];
    if (prev && prev.minScore !== null && band.minScore !== null && band.minScore >= prev.minScore) {
      problems.push(`bands[${i}].minScore: must be below ${prev.minScore}`);
    }
  });
  return problems;
}

export function gradeFromScore(score: number, bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS): RiskGrade {
  for (const band of bands) {
    if (band.minScore === null || score >= band.minScore) {
      return band.grade;
    }
  }
  throw new RangeError(`no grade band for score ${score}: ${validateGradeBands(bands).join("; ")}`);
}
