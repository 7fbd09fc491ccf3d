import type { AddressInfo } from "node:net";
import {
  assessments,
  contacts,
  customers,
  disputes,
  fxRates,
  invoices,
  paymentAllocations,
  payments,
} from "@creditdesk/db";
import { collectionActions, countBrokenPromises } from "@creditdesk/db/collections";
import { creditContracts } from "@creditdesk/db/limits";
import { alerts, creditHolds } from "@creditdesk/db/monitoring";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { and, eq, isNull } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredit } from "../limits/check-credit.ts";
import { setCreditLimit } from "../limits/set-credit-limit.ts";
import { assignCollector } from "./assign-collector.ts";
import { listCollectionHistory } from "./collection-history.ts";
import { getWorklist } from "./get-worklist.ts";
import {
  buildInterestStatement,
  renderInterestStatementHtml,
  renderInterestStatementPdf,
} from "./interest-statement.ts";
import { createPaymentPromise, evaluatePaymentPromises } from "./payment-promises.ts";
import { recordCollectionAction } from "./record-collection-action.ts";
import { runDunning } from "./run-dunning.ts";

let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl = "";
const mails: { to: string[]; raw: string }[] = [];
const BASE = "CNY";
const actor = "ar-clerk";

async function customer(code: string, extra: Partial<typeof customers.$inferInsert> = {}): Promise<number> {
  const [row] = await t.db
    .insert(customers)
    .values({ code, legalName: `${code} 有限公司`, ...extra })
    .returning();
  return row!.id;
}

async function invoice(
  customerId: number,
  number: string,
  dueOn: string,
  amountMinor: number,
  currency = "CNY",
) {
  const [row] = await t.db
    .insert(invoices)
    .values({ invoiceNumber: number, customerId, issuedOn: "2025-01-01", dueOn, currency, amountMinor })
    .returning();
  return row!.id;
}

async function assess(customerId: number, pd: number, grade: string) {
  await t.db.insert(assessments).values({
    customerId,
    asOf: "2025-05-01",
    scorecardVersion: "test",
    score: 600,
    pd,
    grade,
    reasons: [],
    policy: {},
    result: {},
    inputs: {},
    trigger: "single",
    triggeredBy: "test",
  });
}

async function pay(
  customerId: number,
  invoiceId: number,
  reference: string,
  receivedOn: string,
  amountMinor: number,
) {
  const [p] = await t.db
    .insert(payments)
    .values({ reference, customerId, receivedOn, currency: "CNY", amountMinor })
    .returning();
  await t.db.insert(paymentAllocations).values({ paymentId: p!.id, invoiceId, amountMinor });
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
      });
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await t.close();
});

describe("collections worklist", () => {
  it("ranks overdue invoices by amount × days × PD, in the base currency, and filters by collector", async () => {
    const a = await customer("RANK-A");
    const b = await customer("RANK-B");
    const c = await customer("RANK-C", { countryCode: "US" });
    await assess(a, 0.01, "low");
    await assess(b, 0.2, "high");
    // RANK-C has no assessment: the unassessed PD 0.032 applies.
    await t.db
      .insert(fxRates)
      .values({ rateDate: "2025-05-01", fromCurrency: "USD", toCurrency: "CNY", rate: "7.1" });
    // as of 2025-06-30:
    await invoice(a, "R-A1", "2025-06-28", 5_000_000); // 50,000.00 × 2 d × 0.01 → 5,000,000×2×0.01 = 100,000
    await invoice(b, "R-B1", "2025-04-01", 200_000); // 2,000.00 × 90 d × 0.2 → 3,600,000
    const usd = await invoice(c, "R-C1", "2025-05-31", 100_005, "USD"); // 1,000.05 USD → 7,100.355 CNY → 710,036 fen (half-even) × 30 × 0.032 = 681,634.56
    await pay(c, usd, "R-C1-P", "2025-07-05", 100_005); // received after as-of: still open on 2025-06-30
    await invoice(a, "R-A2", "2025-07-15", 9_000_000); // not yet due: not on the list
    const page = await getWorklist({
      handle: t,
      filter: { asOf: "2025-06-30", baseCurrency: BASE, customerIds: [a, b, c] },
    });
    expect(page.items.map((i) => i.invoiceNumber)).toEqual(["R-B1", "R-C1", "R-A1"]);
    expect(page.items.map((i) => i.openBaseMinor)).toEqual([200_000, 710_036, 5_000_000]);
    expect(page.items[0]?.priority).toBeCloseTo(3_600_000, 3);
    expect(page.items[1]?.priority).toBeCloseTo(710_036 * 30 * 0.032, 3);
    expect(page.items[2]?.priority).toBeCloseTo(100_000, 3);
    expect(page.total).toBe(3);
    expect(page.totalBaseMinor).toBe(200_000 + 710_036 + 5_000_000);

    await assignCollector({ handle: t, actor, customers: ["RANK-C"], collector: "li.na" });
    const mine = await getWorklist({
      handle: t,
      filter: { asOf: "2025-06-30", baseCurrency: BASE, customerIds: [a, b, c], collector: "li.na" },
    });
    expect(mine.items.map((i) => [i.invoiceNumber, i.collector])).toEqual([["R-C1", "li.na"]]);
  });
});

describe("dunning", () => {
  it("progresses level by level over runs, skips the disputed invoice, and sends the reminder e-mail", async () => {
    const id = await customer("DUN-1");
    await t.db
      .insert(contacts)
      .values({ customerId: id, name: "王会计", email: "ap@dun1.example.cn", isPrimary: true });
    await t.db.insert(creditContracts).values({
      customerId: id,
      reference: "K-DUN-1",
      currency: "CNY",
      paymentTermsDays: 30,
      lateInterestAnnualRate: "0.0365",
      validFrom: "2025-01-01",
    });
    const inv = await invoice(id, "D-1", "2025-05-01", 1_000_000);
    const disputed = await invoice(id, "D-2", "2025-05-01", 500_000);
    await t.db.insert(disputes).values({
      reference: "DSP-D2",
      customerId: id,
      invoiceId: disputed,
      openedOn: "2025-05-10",
      currency: "CNY",
      amountMinor: 500_000,
    });
    const mail = { smtpUrl, from: "CreditDesk <ar@creditdesk.test>" };

    // 2025-05-31: 30 days past due, never dunned → level 1 (not straight to the letter).
    const first = await runDunning({
      handle: t,
      actor,
      asOf: "2025-05-31",
      baseCurrency: BASE,
      mode: "execute",
      customers: ["DUN-1"],
      mail,
    });
    expect(first.proposals.map((p) => [p.level, p.action, p.invoices.map((i) => i.invoiceNumber)])).toEqual([
      [1, "reminder_email", ["D-1"]],
    ]);
    expect(first.skipped.disputed).toBe(1);
    expect(first.actions[0]?.outcome).toBe("sent");
    // The real SMTP server received it, in Chinese, with the invoice and the interest at 3.65 %:
    // 10,000.00 × 0.0365 × 30 / 365 = 30.00.
    const received = mails.find((m) => m.to.includes("ap@dun1.example.cn"));
    expect(received).toBeDefined();
    const decoded = decodeMime(received!.raw);
    expect(decoded).toContain("D-1");
    expect(decoded).toContain("CNY 10,000.00");
    expect(decoded).not.toContain("D-2");

    // Three days later: too soon for the next level.
    const soon = await runDunning({
      handle: t,
      actor,
      asOf: "2025-06-03",
      baseCurrency: BASE,
      mode: "propose",
      customers: ["DUN-1"],
    });
    expect(soon.proposals).toEqual([]);
    expect(soon.skipped.too_soon).toBe(1);

    // A week later: level 2 (call task), then level 3 (letter with interest), then 4 (stop supply).
    const second = await runDunning({
      handle: t,
      actor,
      asOf: "2025-06-07",
      baseCurrency: BASE,
      mode: "execute",
      customers: ["DUN-1"],
      mail,
    });
    expect(second.actions.map((a) => [a.level, a.kind, a.outcome])).toEqual([[2, "call", "pending"]]);
    const third = await runDunning({
      handle: t,
      actor,
      asOf: "2025-06-14",
      baseCurrency: BASE,
      mode: "execute",
      customers: ["DUN-1"],
      mail,
    });
    expect(third.actions.map((a) => [a.level, a.kind, a.outcome])).toEqual([[3, "letter", "printed"]]);
    // 44 days × 10,000.00 × 3.65 % / 365 = 44.00
    expect(third.proposals[0]?.body).toContain("CNY 44.00");
    const history = await listCollectionHistory({ handle: t, customer: "DUN-1" });
    expect(history.map((h) => h.level)).toEqual([3, 2, 1]);
    expect(history.every((h) => h.invoices.every((i) => i.invoiceId === inv))).toBe(true);
    expect(history.every((h) => h.performedBy === actor)).toBe(true);
  });

  it("stop supply puts the customer on credit hold and the credit check then blocks", async () => {
    const id = await customer("STOP-1");
    await setCreditLimit({
      handle: t,
      input: { customer: "STOP-1", currency: "CNY", amountMinor: 100_000_000, validFrom: "2025-01-01" },
      actorId: "admin",
    });
    await invoice(id, "S-1", "2025-03-01", 100_000);
    const before = await checkCredit({
      handle: t,
      input: { customer: "STOP-1", amountMinor: 1_000, currency: "CNY", orderReference: "SO-STOP-0" },
    });
    expect(before.creditStatus).not.toBe("hold");
    // Walk the ladder: levels 1–3 a week apart, then level 4 at 60+ days.
    for (const asOf of ["2025-05-01", "2025-05-08", "2025-05-15"]) {
      await runDunning({
        handle: t,
        actor,
        asOf,
        baseCurrency: BASE,
        mode: "execute",
        customers: ["STOP-1"],
      });
    }
    const stop = await runDunning({
      handle: t,
      actor,
      asOf: "2025-05-22",
      baseCurrency: BASE,
      mode: "execute",
      customers: ["STOP-1"],
    });
    expect(stop.actions.map((a) => [a.level, a.kind, a.outcome])).toEqual([
      [4, "stop_supply", "hold_placed"],
    ]);
    const holds = await t.db
      .select()
      .from(creditHolds)
      .where(and(eq(creditHolds.customerId, id), isNull(creditHolds.releasedAt)));
    expect(holds.map((h) => h.id)).toEqual([stop.actions[0]?.holdId]);
    const blocked = await checkCredit({
      handle: t,
      input: { customer: "STOP-1", amountMinor: 1_000, currency: "CNY", orderReference: "SO-STOP-1" },
    });
    expect(blocked.outcome).toBe("blocked");
    expect(blocked.creditStatus).toBe("hold");
    // No reminder e-mail went out without an address: recorded as not sent, not as the level reached.
    const [reminder] = await t.db
      .select()
      .from(collectionActions)
      .where(and(eq(collectionActions.customerId, id), eq(collectionActions.level, 1)));
    expect(reminder?.outcome).toBe("not_sent");
  });

  it("logs the outcome of a run's call task", async () => {
    const id = await customer("CALL-1");
    await invoice(id, "C-1", "2025-05-01", 100_000);
    await t.db.insert(collectionActions).values({
      customerId: id,
      level: 1,
      kind: "reminder_email",
      outcome: "sent",
      performedBy: actor,
      actionOn: "2025-05-20",
    });
    // The manual level-1 action has no invoices: the run still sees level 0 for C-1 and starts at 1.
    const r = await runDunning({
      handle: t,
      actor,
      asOf: "2025-05-31",
      baseCurrency: BASE,
      mode: "propose",
      customers: [id],
    });
    expect(r.proposals[0]?.level).toBe(1);
    const call = await recordCollectionAction({
      handle: t,
      actor,
      customer: "CALL-1",
      input: { kind: "call", outcome: "no_answer", contact: "王会计", invoiceNumbers: ["C-1"] },
      asOf: "2025-05-31",
    });
    expect(call).toMatchObject({ kind: "call", outcome: "no_answer", performedBy: actor, level: null });
    await expect(
      recordCollectionAction({
        handle: t,
        actor,
        customer: "CALL-1",
        input: { kind: "call", outcome: "reached", taskId: call.id },
      }),
    ).rejects.toThrow(/not a pending call/);
  });
});

describe("promises to pay", () => {
  it("is kept by a payment on promised date + grace, broken by one the day after — one alert only", async () => {
    const id = await customer("PTP-1");
    const i1 = await invoice(id, "P-1", "2025-05-01", 300_000);
    const i2 = await invoice(id, "P-2", "2025-05-01", 300_000);
    const kept = await createPaymentPromise({
      handle: t,
      actor,
      customer: "PTP-1",
      input: {
        invoiceNumbers: ["P-1"],
        promisedMinor: 300_000,
        promisedOn: "2025-06-10",
        graceDays: 3,
        madeOn: "2025-06-01",
      },
    });
    const broken = await createPaymentPromise({
      handle: t,
      actor,
      customer: "PTP-1",
      input: {
        invoiceNumbers: ["P-2"],
        promisedMinor: 300_000,
        promisedOn: "2025-06-10",
        graceDays: 3,
        madeOn: "2025-06-01",
      },
    });
    // Promised invoices are paused in dunning.
    const paused = await runDunning({
      handle: t,
      actor,
      asOf: "2025-06-05",
      baseCurrency: BASE,
      mode: "propose",
      customers: ["PTP-1"],
    });
    expect(paused.skipped.promised).toBe(2);
    await pay(id, i1, "PTP-PAY-1", "2025-06-13", 300_000); // the last day of grace
    await pay(id, i2, "PTP-PAY-2", "2025-06-14", 300_000); // one day late
    // On the deadline day the late one is still open.
    const onDeadline = await evaluatePaymentPromises({
      handle: t,
      actor,
      asOf: "2025-06-13",
      baseCurrency: BASE,
    });
    expect(onDeadline).toMatchObject({ kept: 1, broken: 0, open: 1 });
    const after = await evaluatePaymentPromises({ handle: t, actor, asOf: "2025-06-20", baseCurrency: BASE });
    expect(after).toMatchObject({ evaluated: 1, kept: 0, broken: 1 });
    expect(after.alertIds).toHaveLength(1);
    // Evaluating again raises nothing more.
    const again = await evaluatePaymentPromises({ handle: t, actor, asOf: "2025-06-21", baseCurrency: BASE });
    expect(again.evaluated).toBe(0);
    const raised = await t.db.select().from(alerts).where(eq(alerts.customerId, id));
    expect(raised.map((a) => [a.ruleCode, a.key, a.department, a.measuredValue, a.threshold])).toEqual([
      ["collections_broken_promise", `promise:${broken.id}`, "finance", 0, 300_000],
    ]);
    expect(kept.id).not.toBe(broken.id);
    expect((await countBrokenPromises(t.db, { asOf: "2025-06-30", customerIds: [id] })).get(id)).toBe(1);
    expect(
      (await countBrokenPromises(t.db, { asOf: "2026-06-14", customerIds: [id] })).get(id),
    ).toBeUndefined();
  });

  it("refuses invoices of another customer", async () => {
    await customer("PTP-2");
    await expect(
      createPaymentPromise({
        handle: t,
        actor,
        customer: "PTP-2",
        input: { invoiceNumbers: ["P-1"], promisedMinor: 1, promisedOn: "2099-01-01" },
      }),
    ).rejects.toThrow(/not valid/);
  });
});

describe("late-payment interest statement", () => {
  it("charges late payments and open balances at the contract rate, as HTML and PDF", async () => {
    const id = await customer("INT-1");
    await t.db.insert(creditContracts).values({
      customerId: id,
      reference: "K-INT-1",
      currency: "CNY",
      paymentTermsDays: 30,
      lateInterestAnnualRate: "0.0365",
      validFrom: "2024-01-01",
    });
    const i1 = await invoice(id, "I-1", "2025-01-01", 1_000_000);
    await pay(id, i1, "INT-PAY-1", "2025-02-06", 300_000); // 36 days late
    const s = await buildInterestStatement({
      handle: t,
      customer: "INT-1",
      asOf: "2025-04-11",
      baseCurrency: BASE,
    });
    // 300,000 × 3.65 % × 36 / 365 = 1,080; 700,000 × 3.65 % × 100 / 365 = 7,000.
    expect(s.lines[0]?.segments.map((g) => g.interestMinor)).toEqual([1_080, 7_000]);
    expect(s.totals).toEqual([{ currency: "CNY", interestMinor: 8_080 }]);
    expect(renderInterestStatementHtml(s)).toContain("CNY 80.80");
    const pdf = await renderInterestStatementPdf(s, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

/** The text of a MIME message with quoted-printable and base64 parts decoded. */
function decodeMime(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, "")
    .replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ""), "hex").toString("utf8"));
  const b64 = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{40,})/g)]
    .map((m) => Buffer.from((m[1] ?? "").replace(/\s/g, ""), "base64").toString("utf8"))
    .join("\n");
  return `${qp}\n${b64}`;
}
