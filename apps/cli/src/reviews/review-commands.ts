import { writeFile } from "node:fs/promises";
import { REVIEW_CONCLUSIONS, type ReviewConclusion } from "@creditdesk/core/reviews";
import type { DatabaseHandle } from "@creditdesk/db";
import { creditReviews } from "@creditdesk/db/reviews";
import { loadConfig } from "@creditdesk/lib/config";
import {
  buildReviewCaseFile,
  buildReviewReport,
  completeReview,
  listDueReviews,
  renderReviewCaseFilePdf,
  renderReviewReportHtml,
  renderReviewReportPdf,
  scheduleReviews,
} from "@creditdesk/lib/reviews";
import { eq } from "drizzle-orm";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

async function withDatabase(fn: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openAppDatabase();
  try {
    await fn(handle);
  } finally {
    await handle.close();
  }
}

function reviewId(id: string): number {
  if (!/^\d+$/.test(id)) {
    throw new CliError(`review id must be a number, got '${id}'`);
  }
  return Number(id);
}

export async function dueCommand(o: { asOf: string; json: boolean }) {
  await withDatabase(async (handle) => {
    const due = await listDueReviews({ handle, asOf: o.asOf });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(due)}\n`);
      return;
    }
    for (const r of due) {
      process.stdout.write(
        `${String(r.id).padStart(6)}  ${r.due_on}  ${r.code.padEnd(12)} ${r.legal_name}  (${r.reason})\n`,
      );
    }
    process.stdout.write(`${due.length} review(s) due by ${o.asOf}\n`);
  });
}

export async function scheduleCommand() {
  await withDatabase(async (handle) => {
    process.stdout.write(`scheduled ${await scheduleReviews({ handle })} review(s)\n`);
  });
}

export async function completeCommand(o: { id: string; conclusion: string; as: string; note?: string }) {
  const conclusion = REVIEW_CONCLUSIONS.find((c) => c === o.conclusion) as ReviewConclusion | undefined;
  if (!conclusion) {
    throw new CliError(`conclusion must be one of ${REVIEW_CONCLUSIONS.join(", ")}`);
  }
  await withDatabase(async (handle) => {
    const done = await completeReview({
      handle,
      reviewId: reviewId(o.id),
      asOf: new Date().toISOString().slice(0, 10),
      baseCurrency: loadConfig().baseCurrency,
      reviewer: o.as,
      conclusion,
      ...(o.note ? { note: o.note } : {}),
    });
    process.stdout.write(`review ${done.review.id} completed: ${conclusion}\n`);
  });
}

export async function reportCommand(o: { id: string; out: string }) {
  await withDatabase(async (handle) => {
    const [review] = await handle.db
      .select()
      .from(creditReviews)
      .where(eq(creditReviews.id, reviewId(o.id)));
    if (!review) {
      throw new CliError(`review ${o.id} does not exist`);
    }
    const report = await buildReviewReport({ handle, customerId: review.customerId, reviewId: review.id });
    const body = o.out.endsWith(".pdf")
      ? await renderReviewReportPdf(report)
      : renderReviewReportHtml(report);
    await writeFile(o.out, body);
    process.stdout.write(`wrote ${o.out}\n`);
  });
}

export async function caseFileCommand(o: { id: string; out: string; lang?: string }) {
  await withDatabase(async (handle) => {
    const file = await buildReviewCaseFile({ handle, id: reviewId(o.id), language: o.lang ?? null });
    await writeFile(
      o.out,
      o.out.endsWith(".json") ? JSON.stringify(file, null, 2) : await renderReviewCaseFilePdf(file),
    );
    process.stdout.write(`wrote ${o.out}\n`);
  });
}
