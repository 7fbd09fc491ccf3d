import { assessCustomerNow, runAssessments } from "@creditdesk/lib/assessment";
import { loadConfig } from "@creditdesk/lib/config";
import { openAppDatabase } from "../shared/open-database.ts";
import { printAssessment } from "./print-assessment.ts";

export async function runAssessCommand(o: {
  customer?: string;
  all: boolean;
  asOf: string;
  json: boolean;
  scorecardVersion?: string;
}): Promise<void> {
  const config = loadConfig();
  const handle = await openAppDatabase();
  try {
    const common = {
      handle,
      asOf: o.asOf,
      baseCurrency: config.baseCurrency,
      trigger: "manual" as const,
      triggeredBy: `cli:${process.env.USER ?? "unknown"}`,
      ...(o.scorecardVersion ? { scorecardVersion: o.scorecardVersion } : {}),
    };
    if (o.all) {
      const s = await runAssessments(common);
      const out = {
        runId: s.runId,
        asOf: s.asOf,
        scorecardVersion: s.scorecardVersion,
        customers: s.customers,
        byGrade: s.byGrade,
        gradeChanges: s.gradeChanges,
        seconds: s.seconds,
      };
      if (o.json) {
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } else {
        process.stdout.write(
          `assessed ${s.customers} customers as of ${s.asOf} with ${s.scorecardVersion} (run ${s.runId}) in ${s.seconds.total} s\n` +
            `  low risk ${s.byGrade.low} · medium risk ${s.byGrade.medium} · high risk ${s.byGrade.high} · grade changes ${s.gradeChanges}\n`,
        );
      }
      return;
    }
    const { assessment } = await assessCustomerNow({ ...common, customer: o.customer! });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(assessment)}\n`);
    } else {
      printAssessment(assessment);
    }
  } finally {
    await handle.close();
  }
}
