import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { seedDemoIfEmpty } from "@creditdesk/lib/demo";
import { pdfText } from "@creditdesk/lib/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let s: TestServer;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t, { customers: 12, years: 2, seed: 5 });
  s = await startTestServer(t);
  expect((await s.request("POST", "/assessment-runs", {})).status).toBe(201);
});
afterAll(async () => {
  await s.close();
  await t.close();
});

describe("credit reviews over HTTP", () => {
  it("schedules reviews, lists the due ones, completes one and serves its report as HTML and PDF", async () => {
    const scheduled = await s.request("POST", "/reviews/schedule");
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.scheduled).toBeGreaterThan(0);
    // Far enough ahead that every customer's first review is due.
    const due = await s.request("GET", `/reviews?asOf=${Number(today.slice(0, 4)) + 2}${today.slice(4)}`);
    expect(due.status).toBe(200);
    expect(due.body.items.length).toBe(scheduled.body.scheduled);
    const first = due.body.items[0];
    const done = await s.request("POST", `/reviews/${first.id}/complete`, {
      conclusion: "keep",
      note: "fine",
    });
    expect(done.status).toBe(200);
    expect(done.body.review).toMatchObject({ status: "completed", conclusion: "keep" });
    const again = await s.request("POST", `/reviews/${first.id}/complete`, { conclusion: "keep" });
    expect(again.status).toBe(409);
    const html = await fetch(`${s.base}/reviews/${first.id}/report`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain(first.legal_name);
    const pdf = await fetch(`${s.base}/reviews/${first.id}/report?format=pdf`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // The customer's risk register goes into the case file, a closed entry with who and why.
    const risk = (description: string) => ({
      category: "credit",
      description,
      likelihood: 4,
      impact: 4,
      owner: "test-admin",
      reviewOn: "2026-09-30",
    });
    const kept = await s.request(
      "POST",
      `/customers/${first.customer_id}/risks`,
      risk("Open receivables concentrated"),
    );
    expect(kept.status).toBe(201);
    const gone = await s.request("POST", `/customers/${first.customer_id}/risks`, risk("Founder dispute"));
    const closed = await s.request("POST", `/customers/${first.customer_id}/risks/${gone.body.id}/close`, {
      reason: "settled in court",
    });
    expect(closed.status).toBe(200);

    const caseFile = await fetch(`${s.base}/reviews/${first.id}/case-file?lang=en`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(caseFile.status).toBe(200);
    expect(caseFile.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await caseFile.arrayBuffer())).replace(/\s+/g, " ");
    expect(text).toContain("Credit review case file");
    expect(text).toContain("keep by ");
    expect(text).toContain("fine");
    // Evidence: what the completion recorded (financial analysis, behaviour, limits, alerts).
    expect(text).toContain("Evidence (as recorded at completion)");
    expect(text).toContain("Payment behaviour");
    expect(text).toContain("Limits in force");
    expect(text).toContain("Risk register");
    expect(text).toMatch(/\[credit, high 4×4\] Open receivables concentrated — owner test-admin.*, open/);
    expect(text).toMatch(
      /Founder dispute .*closed \(closed by test-admin \d{4}-\d{2}-\d{2}: settled in court\)/,
    );
    // The review's audit trail: who completed it, when, with the note as reason.
    expect(text).toMatch(/Audit trail #\d+ \d{4}-\d{2}-\d{2}T[\d:]{8} test-admin review\.complete — fine/);
    const assessment = done.body.assessment as {
      id: number;
      scorecardVersion: string;
      reasons: { code: string }[];
    };
    expect(assessment.reasons.length).toBeGreaterThan(0);
    for (const reason of assessment.reasons) {
      expect(text).toContain(`[${reason.code}]`);
    }
    const [entry] = (await s.request("GET", `/audit?entity=credit_review&entityId=${first.id}`)).body
      .items as { action: string; after: Record<string, unknown>; reason: string }[];
    expect(entry).toMatchObject({
      action: "review.complete",
      reason: "fine",
      after: {
        conclusion: "keep",
        assessmentId: assessment.id,
        scorecardVersion: assessment.scorecardVersion,
      },
    });
    const json = await s.request("GET", `/reviews/${first.id}/case-file?format=json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      review: { id: first.id, conclusion: "keep", note: "fine" },
      evidence: { recorded: true },
      trail: [expect.objectContaining({ action: "review.complete", reason: "fine" })],
    });
    expect((json.body.risks as { closeReason: string | null }[]).map((r) => r.closeReason)).toEqual([
      null,
      "settled in court",
    ]);
    const missing = await fetch(`${s.base}/reviews/999999/case-file`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(missing.status).toBe(404);
  });
});
