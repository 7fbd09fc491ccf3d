import { formatIssuePath, type PathIssue } from "../shared/issues.ts";

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

/**
 * Problems of a band list with their paths relative to the list: order (scores descending, grades
 * best first without repeats) and completeness (only the last band open).
 */
export function gradeBandIssues(bands: readonly GradeBand[]): PathIssue[] {
  if (bands.length === 0) {
    return [{ path: [], message: "no bands" }];
  }
  const issues: PathIssue[] = [];
  bands.forEach((band, i) => {
    const last = i === bands.length - 1;
    if (last !== (band.minScore === null)) {
      issues.push({
        path: [i, "minScore"],
        message: last ? "the last band must have minScore null" : "only the last band may be open",
      });
    }
    const prev = bands[i - 1];
    if (prev && prev.minScore !== null && band.minScore !== null && band.minScore >= prev.minScore) {
      issues.push({ path: [i, "minScore"], message: `must be below ${prev.minScore}` });
    }
    if (prev && RISK_GRADES.indexOf(band.grade) <= RISK_GRADES.indexOf(prev.grade)) {
      issues.push({ path: [i, "grade"], message: `must be a worse grade than ${prev.grade}` });
    }
  });
  return issues;
}

/** Checks order and completeness; returns problems as readable strings (empty = fine). */
export function validateGradeBands(bands: readonly GradeBand[]): string[] {
  return gradeBandIssues(bands).map((issue) => {
    const path = formatIssuePath(["bands", ...issue.path]);
    return `${path}: ${issue.message}`;
  });
}

export function gradeFromScore(score: number, bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS): RiskGrade {
  for (const band of bands) {
    if (band.minScore === null || score >= band.minScore) {
      return band.grade;
    }
  }
  throw new RangeError(`no grade band for score ${score}: ${validateGradeBands(bands).join("; ")}`);
}
