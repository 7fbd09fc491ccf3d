import type { AssessmentView } from "@creditdesk/lib/assessment";

interface Reason {
  code: string;
  pointsLost: number;
  text: { en: string; zh: string };
}

/** A readable summary of one assessment for the terminal (English and Chinese reason texts). */
export function printAssessment(a: AssessmentView): void {
  const out: string[] = [];
  out.push(
    `score ${a.displayScore} (raw ${a.score.toFixed(1)}) · PD ${(a.pd * 100).toFixed(2)} % · grade ${a.grade}` +
      (a.previousGrade && a.previousGrade !== a.grade ? ` (was ${a.previousGrade})` : "") +
      ` · as of ${a.asOf} · ${a.scorecardVersion}`,
  );
  const reasons = a.reasons as Reason[];
  if (reasons.length > 0) {
    out.push("reasons (points lost against the best attainable):");
    for (const r of reasons) {
      out.push(`  ${r.code.padEnd(24)} −${r.pointsLost.toFixed(0).padStart(3)}  ${r.text.en} / ${r.text.zh}`);
    }
  }
  const p = a.policy as Record<string, unknown>;
  out.push(`policy: ${JSON.stringify(p)}`);
  process.stdout.write(`${out.join("\n")}\n`);
}
