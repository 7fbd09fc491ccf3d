import { customers, queryRows } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoPortfolio } from "../demo/write-demo-portfolio.ts";
import { buildReviewReport } from "./build-review-report.ts";
import { completeReview } from "./complete-review.ts";
import { pullReviewsForward } from "./pull-reviews-forward.ts";
import { renderReviewReportHtml, renderReviewReportPdf } from "./render-review-report.ts";
import { listDueReviews, scheduleReviews } from "./schedule-reviews.ts";

const AS_OF = "2025-06-30";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await writeDemoPortfolio({ handle: t, options: { seed: 42, customers: 8, years: 2, asOf: AS_OF } });
}, 120_000);
afterAll(() => t.close());

/** Text of a PDF written with compress: false: TJ glyph codes mapped back through the ToUnicode CMap. */
function pdfText(pdf: Buffer): string {
  const s = pdf.toString("latin1");
  const map = new Map<number, string>();
  for (const m of s.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*\[([^\]]*)\]/gi)) {
    const start = Number.parseInt(m[1]!, 16);
    [...m[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => {
      map.set(start + i, Buffer.from(u[1]!, "hex").swap16().toString("utf16le"));
    });
  }
  let out = "";
  for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const h of tj[1]!.matchAll(/<([0-9a-f]+)>/gi)) {
      for (let i = 0; i < h[1]!.length; i += 4) {
        out += map.get(Number.parseInt(h[1]!.slice(i, i + 4), 16)) ?? "";
      }
    }
    out += "\n";
  }
  return out;
}

describe("credit reviews", () => {
  it("schedules one open review per customer and pulls one forward on an alert", async () => {
    const [{ open }] = (await queryRows<{ open: number }>(
      t.db,
      sql`select count(*)::int as open from customers where status <> 'closed'`,
    )) as [{ open: number }];
    expect(open).toBeGreaterThan(5);
    expect(await scheduleReviews({ handle: t })).toBe(open);
    expect(await scheduleReviews({ handle: t })).toBe(0);
    const [c] = await t.db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.code, "DEMO-0004"));
    await pullReviewsForward(t.db, {
      alerts: [{ id: null, customerId: c!.id, severity: "critical", recommendedAction: "reduce_limit" }],
      asOf: AS_OF,
    });
    const due = await listDueReviews({ handle: t, asOf: "2025-07-14" });
    expect(due.map((d) => [d.code, d.due_on, d.reason])).toEqual([["DEMO-0004", "2025-07-14", "alert"]]);
  });

  it("completes a review with a fresh assessment and renders the report in HTML and PDF", async () => {
    const [due] = await listDueReviews({ handle: t, asOf: "2025-07-14" });
    const { review, assessment } = await completeReview({
      handle: t,
      reviewId: Number(due!.id),
      asOf: AS_OF,
      baseCurrency: "CNY",
      reviewer: "zhang.min",
      conclusion: "hold",
      note: "停止赊销",
    });
    expect(review.status).toBe("completed");
    expect(review.assessmentId).toBe(assessment.id);
    const [{ n }] = (await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from assessments where trigger = 'review'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
    const report = await buildReviewReport({
      handle: t,
      customerId: due!.customer_id,
      reviewId: Number(due!.id),
    });
    const html = renderReviewReportHtml(report);
    expect(html).toContain("南京万家福商贸有限公司");
    expect(html).toContain(String(Math.round(assessment.score)));
    expect(html).toContain("停止赊销");
    const pdf = await renderReviewReportPdf(report, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/NotoSansSC/);
    const text = pdfText(pdf);
    expect(text).toContain("南京万家福商贸有限公司");
    expect(text).toContain(`${Math.round(assessment.score)} · ${assessment.grade}`);
    // The test's ToUnicode decoding is approximate past the first glyph ranges; the conclusion
    // itself is checked in the HTML rendering above, the PDF's later sections by their headings.
    expect(text).toContain("Financial analysis");
    expect(html).toContain("hold 停止赊销 zhang.min");
  }, 60_000);
});
