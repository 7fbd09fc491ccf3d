import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  creditNotes,
  customers,
  factoredReceivables,
  factoringAgreements,
  fxRates,
  invoices,
  paymentAllocations,
  payments,
  queryRows,
} from "@creditdesk/db";
import {
  listArSnapshotMonths,
  loadReceivablesTrendFromSnapshots,
  type TrendDimension,
} from "@creditdesk/db/portfolio";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../import/import-file.ts";
import { closeArSnapshotMonths } from "./close-ar-snapshot-months.ts";
import { assembleTrend, getPortfolioView } from "./get-portfolio-view.ts";
import { getReceivablesTrend } from "./get-receivables-trend.ts";
import { loadTrendRows } from "./load-trend-rows.ts";

let t: TestDatabase;
const ids: Record<string, number> = {};
const inv: Record<string, number> = {};
const BASE = "CNY";
const DIMENSIONS: TrendDimension[] = ["total", "group", "industry", "region", "tier", "salesOwner"];
// Dates read after the close through 2025-05-31: fully covered month ends, a day of the month after
// the last covered one (the tail computed from the flows since), and an earlier month end.
const AS_OFS = ["2025-05-31", "2025-06-20", "2025-04-30", "2025-03-31"];

/** The monthly trend of every group of `dimension`, assembled from the rows of one source. */
async function trendOf(asOf: string, dimension: TrendDimension, source: "auto" | "direct", months = 4) {
  const { rows, source: used } = await loadTrendRows({
    handle: t,
    asOf,
    baseCurrency: BASE,
    months,
    dimension,
    source,
  });
  const { total, byGroup } = assembleTrend(rows, asOf, months);
  return { used, total, byGroup: Object.fromEntries([...byGroup].sort(([a], [b]) => a.localeCompare(b))) };
}

async function expectSnapshotsEqualDirect(asOf: string, months = 4) {
  for (const dimension of DIMENSIONS) {
    const direct = await trendOf(asOf, dimension, "direct", months);
    const snap = await trendOf(asOf, dimension, "auto", months);
    expect(direct.used).toBe("direct");
    expect(snap.used, `${asOf} ${dimension} read the snapshots`).toBe("snapshots");
    expect(snap.total, `${asOf} ${dimension} total`).toEqual(direct.total);
    expect(snap.byGroup, `${asOf} ${dimension} groups`).toEqual(direct.byGroup);
  }
}

// A small multi-currency ledger from November 2024 to June 2025 (CNY base; USD at 7.1, from
// 2025-04-01 at 7.25): partial and late payments, a receipt before its invoice (effective at the
// invoice date), credit notes, a cancelled invoice, a paid invoice settled before the window, and a
// USD invoice sold to a factor without recourse on 2025-06-01.
beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(customers)
    .values([
      { code: "P", legalName: "甲", industry: "M", region: "East", tier: "core", salesOwner: "li" },
      { code: "Q", legalName: "乙", industry: "C", region: "West", salesOwner: "wang", parentCode: "P" },
      { code: "R", legalName: "丙", industry: "M" },
    ])
    .returning();
  for (const r of rows) {
    ids[r.code] = r.id;
  }
  await t.db.insert(fxRates).values([
    { rateDate: "2024-10-01", fromCurrency: "USD", toCurrency: "CNY", rate: "7.1000000000" },
    { rateDate: "2025-04-01", fromCurrency: "USD", toCurrency: "CNY", rate: "7.2500000000" },
  ]);
  const invoice = (
    invoiceNumber: string,
    code: string,
    currency: string,
    issuedOn: string,
    dueOn: string,
    amountMinor: number,
    status = "open",
  ) => ({ invoiceNumber, customerId: ids[code]!, currency, issuedOn, dueOn, amountMinor, status });
  const invRows = await t.db
    .insert(invoices)
    .values([
      invoice("P1", "P", "CNY", "2025-01-05", "2025-02-04", 1_000_000, "paid"),
      invoice("P2", "P", "CNY", "2025-02-20", "2025-03-22", 500_000, "paid"),
      invoice("P3", "P", "CNY", "2025-04-10", "2025-05-10", 800_000),
      invoice("P4", "P", "CNY", "2025-06-05", "2025-07-05", 300_000),
      invoice("Q1", "Q", "USD", "2024-12-15", "2025-01-14", 20_000, "paid"),
      invoice("Q2", "Q", "USD", "2025-03-03", "2025-04-02", 15_001),
      invoice("Q3", "Q", "USD", "2025-05-28", "2025-06-27", 9_999),
      invoice("R1", "R", "CNY", "2025-02-01", "2025-03-03", 400_000, "cancelled"),
      invoice("R2", "R", "CNY", "2025-03-15", "2025-06-13", 250_000),
      invoice("R3", "R", "CNY", "2024-11-01", "2024-12-01", 100_000, "paid"),
    ])
    .returning();
  for (const r of invRows) {
    inv[r.invoiceNumber] = r.id;
  }
  const pay = await t.db
    .insert(payments)
    .values([
      {
        reference: "PY1",
        customerId: ids.P!,
        receivedOn: "2025-02-10",
        currency: "CNY",
        amountMinor: 600_000,
      },
      {
        reference: "PY2",
        customerId: ids.P!,
        receivedOn: "2025-03-30",
        currency: "CNY",
        amountMinor: 900_000,
      },
      {
        reference: "PY3",
        customerId: ids.Q!,
        receivedOn: "2025-01-20",
        currency: "USD",
        amountMinor: 20_000,
      },
      {
        reference: "PY4",
        customerId: ids.R!,
        receivedOn: "2025-01-10",
        currency: "CNY",
        amountMinor: 50_000,
      },
      {
        reference: "PY5",
        customerId: ids.R!,
        receivedOn: "2024-11-20",
        currency: "CNY",
        amountMinor: 100_000,
      },
      {
        reference: "PY6",
        customerId: ids.P!,
        receivedOn: "2025-06-10",
        currency: "CNY",
        amountMinor: 200_000,
      },
    ])
    .returning();
  const p = Object.fromEntries(pay.map((r) => [r.reference, r.id]));
  await t.db.insert(paymentAllocations).values([
    { paymentId: p.PY1!, invoiceId: inv.P1!, amountMinor: 600_000 },
    { paymentId: p.PY2!, invoiceId: inv.P1!, amountMinor: 400_000 },
    { paymentId: p.PY2!, invoiceId: inv.P2!, amountMinor: 500_000 },
    { paymentId: p.PY3!, invoiceId: inv.Q1!, amountMinor: 20_000 },
    { paymentId: p.PY4!, invoiceId: inv.R2!, amountMinor: 50_000 },
    { paymentId: p.PY5!, invoiceId: inv.R3!, amountMinor: 100_000 },
    { paymentId: p.PY6!, invoiceId: inv.P3!, amountMinor: 200_000 },
  ]);
  await t.db.insert(creditNotes).values([
    {
      noteNumber: "N1",
      customerId: ids.P!,
      invoiceId: inv.P3!,
      issuedOn: "2025-05-05",
      currency: "CNY",
      amountMinor: 100_000,
    },
    {
      noteNumber: "N2",
      customerId: ids.Q!,
      invoiceId: inv.Q2!,
      issuedOn: "2025-04-20",
      currency: "USD",
      amountMinor: 1_001,
    },
  ]);
  const [agreement] = await t.db
    .insert(factoringAgreements)
    .values({
      reference: "F1",
      factor: "Factor Bank",
      currency: "USD",
      withRecourse: false,
      advanceRateBps: 8_000,
      validFrom: "2025-01-01",
      createdBy: "test",
    })
    .returning();
  await t.db.insert(factoredReceivables).values({
    agreementId: agreement!.id,
    invoiceId: inv.Q3!,
    customerId: ids.Q!,
    mode: "sold",
    withRecourse: false,
    assignedOn: "2025-06-01",
    currency: "USD",
    faceMinor: 9_999,
    advanceRateBps: 8_000,
    advanceMinor: 7_999,
    createdBy: "test",
  });
});

afterAll(async () => {
  await t?.close();
});

describe("month-end receivables snapshots", () => {
  it("read without any snapshot, the trend comes from the ledger", async () => {
    expect(await listArSnapshotMonths(t.db)).toEqual([]);
    expect((await trendOf("2025-05-31", "total", "auto")).used).toBe("direct");
  });

  it("an incremental close gives the same snapshots as a first close over the whole ledger", async () => {
    const first = await closeArSnapshotMonths({ handle: t, through: "2025-03-15", firstMonths: 4 });
    expect(first.closed).toEqual(["2024-11-30", "2024-12-31", "2025-01-31", "2025-02-28"]);
    const next = await closeArSnapshotMonths({ handle: t, through: "2025-05-31" });
    expect(next.closed).toEqual(["2025-03-31", "2025-04-30", "2025-05-31"]);
    // Idempotent: nothing more to close.
    expect((await closeArSnapshotMonths({ handle: t, through: "2025-06-29" })).closed).toEqual([]);
    const read = () =>
      queryRows<Record<string, string>>(
        t.db,
        sql`select to_char(month_end, 'YYYY-MM-DD') as e, customer_id, currency, ar_minor::text as ar,
        flow_minor::text as flow, sales_minor::text as sales, current_minor::text as cur
        from portfolio_ar_snapshots order by 1, 2, 3`,
      );
    const incremental = await read();
    await t.db.execute(sql`delete from portfolio_ar_snapshots`);
    await t.db.execute(sql`delete from portfolio_ar_snapshot_months`);
    await closeArSnapshotMonths({ handle: t, through: "2025-05-31", firstMonths: 7 });
    expect(await read()).toEqual(incremental);
    expect(await listArSnapshotMonths(t.db)).toEqual([
      "2024-11-30",
      "2024-12-31",
      "2025-01-31",
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
      "2025-05-31",
    ]);
    // Hand-checked closing AR of P at 2025-04-30: P3 800,000 open (P1, P2 paid by 2025-03-30).
    const [pApril] = await queryRows<{ ar: string | number; cur: string | number }>(
      t.db,
      sql`select ar_minor::int8 as ar, current_minor::int8 as cur from portfolio_ar_snapshots
        where customer_id = ${ids.P!} and month_end = '2025-04-30'`,
    );
    expect(Number(pApril!.ar)).toBe(800_000);
    expect(Number(pApril!.cur)).toBe(800_000);
  });

  it.each(AS_OFS)(
    "trend as of %s from the snapshots equals the trend computed from the ledger",
    async (asOf) => {
      await expectSnapshotsEqualDirect(asOf);
    },
  );

  it("the portfolio view's and dashboard trend read the snapshots and give the ledger's figures", async () => {
    for (const groupBy of ["industry", "tier", "salesOwner", "region", "group"] as const) {
      const auto = await getPortfolioView({
        handle: t,
        asOf: "2025-06-20",
        baseCurrency: BASE,
        groupBy,
        months: 5,
      });
      const direct = await getPortfolioView({
        handle: t,
        asOf: "2025-06-20",
        baseCurrency: BASE,
        groupBy,
        months: 5,
        trendSource: "direct",
      });
      expect(auto.trendSource).toBe("snapshots");
      expect(direct.trendSource).toBe("direct");
      expect(auto.total.trend).toEqual(direct.total.trend);
      expect(auto.groups).toEqual(direct.groups);
    }
    const trend = await getReceivablesTrend({ handle: t, asOf: "2025-05-31", baseCurrency: BASE, months: 3 });
    // Hand-computed closing AR at 2025-05-31 in CNY: P3 800,000 − N1 100,000 = 700,000; Q2
    // (15,001 − 1,001 USD) + Q3 9,999 USD = 23,999 USD × 7.25 = 173,992.75 → 173,993 (half-even,
    // once per group and currency); R2 250,000 − 50,000 prepaid = 200,000. Total 1,073,993.
    expect(trend.items.map((i) => i.period)).toEqual(["2025-03-31", "2025-04-30", "2025-05-31"]);
    expect(trend.items.at(-1)!.closingArMinor).toBe(1_073_993);
  });

  it("a back-dated payment marks its month stale and the next read gives the corrected figure", async () => {
    const before = await trendOf("2025-05-31", "total", "auto");
    const [payment] = await t.db
      .insert(payments)
      .values({
        reference: "PY7",
        customerId: ids.R!,
        receivedOn: "2025-03-20",
        currency: "CNY",
        amountMinor: 30_000,
      })
      .returning();
    await t.db
      .insert(paymentAllocations)
      .values({ paymentId: payment!.id, invoiceId: inv.R2!, amountMinor: 30_000 });
    const marks = await queryRows<{ customer_id: string | number; since: string }>(
      t.db,
      sql`select customer_id, to_char(since, 'YYYY-MM-DD') as since from portfolio_ar_snapshot_stale`,
    );
    expect(marks).toEqual([{ customer_id: expect.anything(), since: "2025-03-20" }]);
    expect(Number(marks[0]!.customer_id)).toBe(ids.R);
    // The stored snapshots alone (no rebuild) still hold the old figure: the month really is stale.
    const staleRows = await loadReceivablesTrendFromSnapshots(t.db, {
      asOf: "2025-05-31",
      baseCurrency: BASE,
      months: 4,
      dimension: "total",
      covered: await listArSnapshotMonths(t.db),
    });
    expect(assembleTrend(staleRows!, "2025-05-31", 4).total).toEqual(before.total);
    const after = await trendOf("2025-05-31", "total", "auto");
    expect(after.used).toBe("snapshots");
    expect(after.total.at(-1)!.closingArMinor).toBe(before.total.at(-1)!.closingArMinor - 30_000);
    // Periods February … May: the payment lands in March, the month of its date, not before.
    expect(after.total[0]!.closingArMinor).toBe(before.total[0]!.closingArMinor);
    expect(after.total[1]!.closingArMinor).toBe(before.total[1]!.closingArMinor - 30_000);
    expect(after.total).toEqual((await trendOf("2025-05-31", "total", "direct")).total);
    expect(await queryRows(t.db, sql`select * from portfolio_ar_snapshot_stale`)).toEqual([]);
    for (const asOf of AS_OFS) {
      await expectSnapshotsEqualDirect(asOf);
    }
  });

  it("back-dated invoices, credit notes, cancellations and payment-date corrections are rebuilt too", async () => {
    const closing = async () =>
      (await trendOf("2025-05-31", "total", "auto")).total.map((m) => m.closingArMinor);
    const start = await closing();
    // An invoice dated in a closed month (February), entered late.
    await t.db.insert(invoices).values({
      invoiceNumber: "R4",
      customerId: ids.R!,
      issuedOn: "2025-02-14",
      dueOn: "2025-08-14",
      currency: "CNY",
      amountMinor: 70_000,
    });
    let now = await closing();
    expect(now.map((x, k) => x - start[k]!)).toEqual([70_000, 70_000, 70_000, 70_000]);
    await expectSnapshotsEqualDirect("2025-05-31");
    // A credit note dated in April on the USD invoice Q2: 2,000 USD × 7.25 = 14,500 CNY.
    await t.db.insert(creditNotes).values({
      noteNumber: "N3",
      customerId: ids.Q!,
      invoiceId: inv.Q2!,
      issuedOn: "2025-04-03",
      currency: "USD",
      amountMinor: 2_000,
    });
    const afterNote = await closing();
    expect(afterNote.map((x, k) => now[k]! - x)).toEqual([0, 0, 14_500, 14_500]);
    await expectSnapshotsEqualDirect("2025-06-20");
    // Cancelling P3 (April) takes its remaining balance out from April on.
    now = afterNote;
    await t.db.update(invoices).set({ status: "cancelled" }).where(eq(invoices.id, inv.P3!));
    const afterCancel = await closing();
    expect(afterCancel.map((x, k) => now[k]! - x)).toEqual([0, 0, 800_000, 700_000]);
    await expectSnapshotsEqualDirect("2025-04-30");
    // The receipt PY2 was booked a month late: really received on 2025-02-27, not 2025-03-30.
    await t.db.update(payments).set({ receivedOn: "2025-02-27" }).where(eq(payments.reference, "PY2"));
    const marks = await queryRows<{ since: string }>(
      t.db,
      sql`select to_char(since, 'YYYY-MM-DD') as since from portfolio_ar_snapshot_stale`,
    );
    expect(marks).toEqual([{ since: "2025-02-27" }]);
    const feb = await trendOf("2025-03-31", "total", "auto", 2);
    const febDirect = await trendOf("2025-03-31", "total", "direct", 2);
    expect(feb.total).toEqual(febDirect.total);
    for (const asOf of AS_OFS) {
      await expectSnapshotsEqualDirect(asOf);
    }
  });

  it("a change dated after the last closed month marks nothing and is read from the ledger tail", async () => {
    await t.db.insert(invoices).values({
      invoiceNumber: "P5",
      customerId: ids.P!,
      issuedOn: "2025-06-12",
      dueOn: "2025-07-12",
      currency: "CNY",
      amountMinor: 123_456,
    });
    expect(await queryRows(t.db, sql`select * from portfolio_ar_snapshot_stale`)).toEqual([]);
    await expectSnapshotsEqualDirect("2025-06-20");
  });

  it("a bulk invoice import (indexes rebuilt, stale marks set-wise) marks a back-dated invoice's month stale", async () => {
    const stale = sql`select customer_id, to_char(since, 'YYYY-MM-DD') as since from portfolio_ar_snapshot_stale`;
    expect(await queryRows(t.db, stale)).toEqual([]);
    const stored = await t.db.$count(invoices);
    // More rows than the table holds, so that bulkIndexRows 1 takes the bulk merge: current-dated
    // invoices of P (after the last closed month: no mark), a back-dated one of Q (January) and a
    // cancelled Q invoice dated earlier still (not counted in receivables: no mark).
    const lines = [
      ...Array.from(
        { length: stored + 2 },
        (_, k) => `BK-P${k},P,2025-06-1${k % 10},2025-07-31,${k + 1}00,CNY,open`,
      ),
      "BK-Q1,Q,2025-01-10,2025-09-30,450,CNY,open",
      "BK-Q2,Q,2024-12-05,2025-09-30,999,CNY,cancelled",
    ];
    const dir = mkdtempSync(join(tmpdir(), "cd-ar-import-"));
    const file = join(dir, "invoices.csv");
    writeFileSync(
      file,
      `invoice_number,customer_code,issued_on,due_on,amount,currency,status\n${lines.join("\n")}\n`,
    );
    const before = (await trendOf("2025-05-31", "total", "direct")).total.map((m) => m.closingArMinor);
    const s = await importFile({ handle: t, entity: "invoices", file, bulkIndexRows: 1, bulkRows: 1 });
    expect(s).toMatchObject({ status: "committed", inserted: lines.length, updated: 0 });
    const marks = await queryRows<{ customer_id: string | number; since: string }>(t.db, stale);
    expect(marks.map((m) => [Number(m.customer_id), m.since])).toEqual([[ids.Q, "2025-01-10"]]);
    // The insert trigger is enabled again: a later single back-dated invoice still marks its month.
    const [trigger] = await queryRows<{ enabled: string }>(
      t.db,
      sql`select tgenabled as enabled from pg_trigger where tgname = 'portfolio_invoices_ins'`,
    );
    expect(trigger?.enabled).toBe("O");
    // Read through the snapshots, the January invoice is in every period (its 450.00 CNY from then on).
    const after = await trendOf("2025-05-31", "total", "auto");
    expect(after.used).toBe("snapshots");
    expect(after.total.map((m, k) => m.closingArMinor - before[k]!)).toEqual([
      45_000, 45_000, 45_000, 45_000,
    ]);
    for (const asOf of AS_OFS) {
      await expectSnapshotsEqualDirect(asOf);
    }
  });
});
