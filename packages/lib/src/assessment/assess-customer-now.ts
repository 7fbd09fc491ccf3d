import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId as findCustomerIdInArchive } from "@creditdesk/db/archive";
import { AppError } from "../shared/app-error.ts";
import { type AssessmentTrigger, runAssessments } from "./run-assessments.ts";

/** The customer's id by id or code (the archive's one lookup), or NOT_FOUND. */
export async function findCustomerId(handle: DatabaseHandle, idOrCode: string | number): Promise<number> {
  const id = await findCustomerIdInArchive(handle.db, idOrCode);
  if (id === undefined) {
    throw new AppError("NOT_FOUND", `customer ${idOrCode} does not exist`);
  }
  return id;
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
