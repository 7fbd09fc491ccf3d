import { getCreditFile } from "@creditdesk/lib/assessment";
import { openAppDatabase } from "../shared/open-database.ts";
import { printAssessment } from "./print-assessment.ts";

export async function runCreditFileCommand(o: { customer: string; json: boolean }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const file = await getCreditFile(handle, o.customer);
    if (o.json) {
      process.stdout.write(`${JSON.stringify(file)}\n`);
      return;
    }
    if (!file.latest) {
      process.stdout.write(
        `customer ${o.customer} has not been assessed yet — run: creditdesk assess ${o.customer}\n`,
      );
      return;
    }
    printAssessment(file.latest);
    process.stdout.write(
      `score history: ${file.scoreHistory.map((h) => `${h.asOf} ${Math.round(h.score)} ${h.grade}`).join(" → ")}\n`,
    );
  } finally {
    await handle.close();
  }
}
