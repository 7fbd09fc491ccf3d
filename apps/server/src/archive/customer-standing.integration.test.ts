import {
  assessments,
  creditAccounts,
  creditLimits,
  customers,
  invoices,
  paymentAllocations,
  payments,
} from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;

// The list's figures are as of today, so the ledger is dated around today.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Hand-built portfolio (CNY, the base currency), amounts in fen:
 * | code | grade (score) | limit     | open receivables                    | overdue | utilisation |
 * | S1   | low (700)     | 1,000,000 | 500,000 not due                     | 0       | 0.5         |
 * | S2   | medium (600)  | 1,000,000 | 500,000 not due + 300,000 overdue   | 300,000 | 0.8         |
 * | S3   | high (400)    | 200,000   | 300,000 overdue                     | 300,000 | 1.5         |
 * | S4   | medium (600)  | —         | 150,000 overdue − 50,000 paid       | 100,000 | null        |
 * | S5   | —             | —         | —                                   | 0       | null        |
 * | S6   | high (400)    | 100,000   | 300,000 overdue                     | 300,000 | 3.0         |
 * S1's older assessment (high) is superseded by its latest. Ties: overdue S2 = S3 = S6, score
 * S2 = S4 and S3 = S6 — pages must split and resume inside them.
 */
beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(customers)
    .values(["S1", "S2", "S3", "S4", "S5", "S6"].map((code) => ({ code, legalName: `客户${code}` })))
    .returning();
  const c = Object.fromEntries(rows.map((r) => [r.code, r.id])) as Record<string, number>;
  const inv = (n: string, code: string, amountMinor: number, dueOffset: number) => ({
    invoiceNumber: n,
    customerId: c[code]!,
    issuedOn: day(-40),
    dueOn: day(dueOffset),
    currency: "CNY",
    amountMinor,
  });
  const created = await t.db
    .insert(invoices)
    .values([
      inv("S1-1", "S1", 500_000, 20),
      inv("S2-1", "S2", 500_000, 20),
      inv("S2-2", "S2", 300_000, -10),
      inv("S3-1", "S3", 300_000, -5),
      inv("S4-1", "S4", 150_000, -30),
      inv("S6-1", "S6", 300_000, -1),
    ])
    .returning();
  const [payment] = await t.db
    .insert(payments)
    .values({
      reference: "P-S4",
      customerId: c.S4!,
      receivedOn: day(-3),
      currency: "CNY",
      amountMinor: 50_000,
    })
    .returning();
  await t.db.insert(paymentAllocations).values({
    paymentId: payment!.id,
    invoiceId: created.find((i) => i.invoiceNumber === "S4-1")!.id,
    amountMinor: 50_000,
  });
  const graded: Array<[string, string, number, string]> = [
    ["S1", "high", 300, day(-200)],
    ["S1", "low", 700, day(-20)],
    ["S2", "medium", 600, day(-20)],
    ["S3", "high", 400, day(-20)],
    ["S4", "medium", 600, day(-20)],
    ["S6", "high", 400, day(-20)],
  ];
  await t.db.insert(assessments).values(
    graded.map(([code, grade, score, asOf]) => ({
      customerId: c[code]!,
      asOf,
      scorecardVersion: "test",
      score,
      pd: 0.05,
      grade,
      reasons: [],
      policy: {},
      result: {},
      inputs: {},
      trigger: "manual",
      triggeredBy: "test",
    })),
  );
  for (const [code, amountMinor] of [
    ["S1", 1_000_000],
    ["S2", 1_000_000],
    ["S3", 200_000],
    ["S6", 100_000],
  ] as const) {
    const [acc] = await t.db.insert(creditAccounts).values({ customerId: c[code]! }).returning();
    await t.db.insert(creditLimits).values({
      accountId: acc!.id,
      customerId: c[code]!,
      currency: "CNY",
      amountMinor,
      validFrom: day(-365),
      createdBy: "test",
      createdAt: new Date(Date.now() - 365 * 86_400_000),
    });
  }
  server = await startTestServer(t);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

interface Item {
  code: string;
  standing: {
    grade: string | null;
    score: number | null;
    openMinor: number;
    overdueMinor: number;
    limitMinor: number | null;
    utilisation: number | null;
    baseCurrency: string;
  };
}

/** Every page of a query, `limit` at a time, following nextCursor. */
async function allPages(query: string, limit: number): Promise<{ codes: string[]; pages: number }> {
  const codes: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url = `/customers?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const r = await server.request("GET", url);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    codes.push(...(r.body.items as Item[]).map((i) => i.code));
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor !== null && pages < 20);
  return { codes, pages };
}

describe("customer list with credit standing", () => {
  it("attaches the latest grade, open and overdue receivables, limit and utilisation", async () => {
    const r = await server.request("GET", "/customers?limit=10");
    expect(r.status).toBe(200);
    const byCode = Object.fromEntries((r.body.items as Item[]).map((i) => [i.code, i.standing]));
    expect(byCode.S1).toMatchObject({
      grade: "low",
      score: 700,
      openMinor: 500_000,
      overdueMinor: 0,
      limitMinor: 1_000_000,
    });
    expect(byCode.S1!.utilisation).toBeCloseTo(0.5, 12);
    expect(byCode.S2).toMatchObject({
      grade: "medium",
      openMinor: 800_000,
      overdueMinor: 300_000,
      baseCurrency: "CNY",
    });
    expect(byCode.S2!.utilisation).toBeCloseTo(0.8, 12);
    expect(byCode.S4).toMatchObject({
      openMinor: 100_000,
      overdueMinor: 100_000,
      limitMinor: null,
      utilisation: null,
    });
    expect(byCode.S5).toMatchObject({
      grade: null,
      score: null,
      openMinor: 0,
      overdueMinor: 0,
      utilisation: null,
    });
    expect(byCode.S6!.utilisation).toBeCloseTo(3, 12);
  });

  it.each([
    ["grade=medium,high", ["S2", "S3", "S4", "S6"]],
    ["grade=low", ["S1"]],
    // 80 % exactly is in (exposure × 100 ≥ 80 × limit), S4 without a limit never is.
    ["utilisationMin=80", ["S2", "S3", "S6"]],
    ["utilisationMin=80.01", ["S3", "S6"]],
    ["hasOverdue=true", ["S2", "S3", "S4", "S6"]],
    ["hasOverdue=false", ["S1", "S5"]],
    ["overdueMin=300000", ["S2", "S3", "S6"]],
    ["grade=high&utilisationMin=200", ["S6"]],
    ["grade=medium&hasOverdue=true&q=S4", ["S4"]],
  ])("filters %s", async (query, expected) => {
    const { codes } = await allPages(`${query}&sort=code`, 2);
    expect(codes).toEqual(expected);
  });

  it.each([
    // Descending keys break ties by id descending; missing figures sort lowest.
    ["-overdue", ["S6", "S3", "S2", "S4", "S5", "S1"]],
    ["overdue", ["S1", "S5", "S4", "S2", "S3", "S6"]],
    ["score", ["S5", "S3", "S6", "S2", "S4", "S1"]],
    ["-score", ["S1", "S4", "S2", "S6", "S3", "S5"]],
    ["-utilisation", ["S6", "S3", "S2", "S1", "S5", "S4"]],
  ])("sorts by %s across pages split inside ties", async (sort, expected) => {
    for (const limit of [1, 2, 4, 10]) {
      const { codes, pages } = await allPages(`sort=${sort}`, limit);
      expect(codes, `limit ${limit}`).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  it("combines a standing sort with a standing filter and rejects unknown grades", async () => {
    const { codes } = await allPages("sort=-utilisation&grade=high,medium&hasOverdue=true", 1);
    expect(codes).toEqual(["S6", "S3", "S2", "S4"]);
    expect((await server.request("GET", "/customers?grade=excellent")).status).toBe(400);
    expect((await server.request("GET", "/customers?utilisationMin=-1")).status).toBe(400);
  });

  it("refuses a cursor of another sort", async () => {
    const first = await server.request("GET", "/customers?sort=-overdue&limit=2");
    const r = await server.request(
      "GET",
      `/customers?sort=score&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(r.status).toBe(400);
  });
});
