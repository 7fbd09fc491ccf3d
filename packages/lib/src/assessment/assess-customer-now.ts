import type { DatabaseHandle } from "@creditdesk/db";
import { customers } from "@creditdesk/db";
import { eq } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { type AssessmentTrigger, runAssessments } from "./run-assessments.ts";

/** Looks a customer up by numeric id or by code. */
export async function findCustomerId(handle: DatabaseHandle, idOrCode: string | number): Promise<number> {
  const asNumber =
    typeof idOrCode === "number" ? idOrCode : /^\d+$/.test(idOrCode) ? Number(idOrCode) : undefined;
  if (asNumber !== undefined) {
    const [row] = await handle.db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, asNumber))
      .limit(1);
    if (row) {
      return row.id;
    }
  }
  const [row] = await handle.db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.code, String(idOrCode)))
    .limit(1);
  if (!row) {
    throw new AppError("NOT_FOUND", `customer ${idOrCode} does not exist`);
  }
  return row.id;
}

/** Assesses one customer now (same path as the bulk run, restricted to one id) and returns the record. */
export async function assessCustomerNow(options: {
  handle: DatabaseHandle;
  customer: string | number;
  asOf: string;
  baseCurrency: string;
  scorecardVersion?: string;
  trigger: AssessmentTrigger;
  triggeredBy: string;
}) {
  const customerId = await findCustomerId(options.handle, options.customer);
  const summary = await runAssessments({
    handle: options.handle,
    asOf: options.asOf,
    baseCurrency: options.baseCurrency,
    customerIds: [customerId],
    trigger: options.trigger,
    triggeredBy: options.triggeredBy,
    ...(options.scorecardVersion ? { scorecardVersion: options.scorecardVersion } : {}),
  });
  const { getLatestAssessment } = await import("./get-credit-file.ts");
  const latest = await getLatestAssessment(options.handle, customerId);
  if (!latest) {
    throw new AppError("INTERNAL", "the assessment was not recorded");
  }
  return { runId: summary.runId, assessment: latest };
}
