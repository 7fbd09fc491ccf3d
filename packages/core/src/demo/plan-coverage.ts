import { isoOf, toDay } from "./calendar.ts";
import { deriveRng } from "./prng.ts";

/** An invoice of the demo ledger as the coverage planner sees it on the demo's as-of date. */
export interface CoverageInvoice {
  readonly customerCode: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly amountMinor: number;
  /** Open on as-of (0 = settled). */
  readonly openMinor: number;
  /** Allocations to the invoice: how many and the last receipt date (null = none). */
  readonly allocations: number;
  readonly allocatedMinor: number;
  readonly lastPaidOn: string | null;
}

export interface CoveragePolicyPlan {
  readonly policyNumber: string;
  readonly insurer: string;
  readonly currency: string;
  readonly indemnityBps: number;
  readonly maxLiabilityMinor: number;
  readonly waitingPeriodDays: number;
  readonly notificationDeadlineDays: number;
  readonly warnDaysBefore: number;
  readonly premiumRate: string;
  readonly validFrom: string;
}

export interface CoverageLimitPlan {
  readonly policyNumber: string;
  readonly customerCode: string;
  readonly requestedMinor: number;
  readonly requestedOn: string;
  /** null: still pending with the insurer. */
  readonly decision: {
    readonly decidedMinor: number;
    readonly decidedOn: string;
    readonly expiresOn: string | null;
    readonly insurerReference: string;
    readonly conditions: string | null;
  } | null;
}

export interface CoveragePlan {
  readonly policies: CoveragePolicyPlan[];
  readonly limits: CoverageLimitPlan[];
  readonly notifications: {
    readonly policyNumber: string;
    readonly customerCode: string;
    readonly invoiceNumbers: string[];
    readonly filedOn: string;
    readonly reference: string;
    /** A claim filed after the waiting period, moved to under review. */
    readonly claim: {
      readonly reference: string;
      readonly claimedMinor: number;
      readonly filedOn: string;
    } | null;
  }[];
  readonly factoring: {
    readonly reference: string;
    readonly factor: string;
    readonly currency: string;
    readonly withRecourse: boolean;
    readonly advanceRateBps: number;
    readonly feeBps: number;
    readonly validFrom: string;
    readonly assignments: { readonly mode: "sold" | "pledged"; readonly invoiceNumbers: string[] }[];
  }[];
  readonly actions: (
    | {
        readonly kind: "call";
        readonly customerCode: string;
        readonly outcome: DemoCallOutcome;
        readonly invoiceNumbers: string[];
        readonly note: string;
      }
    | {
        readonly kind: "note";
        readonly customerCode: string;
        readonly note: string;
        readonly invoiceNumbers: string[];
      }
    | {
        readonly kind: "legal";
        readonly customerCode: string;
        readonly handedOverTo: string;
        readonly reference: string;
        readonly invoiceNumbers: string[];
      }
  )[];
  readonly promises: {
    readonly customerCode: string;
    readonly invoiceNumbers: string[];
    readonly promisedMinor: number;
    readonly madeOn: string;
    readonly promisedOn: string;
    readonly graceDays: number;
    /** What the ledger makes of it on as-of (the evaluation decides; this is the intent). */
    readonly expected: "kept" | "broken" | "open";
  }[];
}

export type DemoCallOutcome = "reached" | "no_answer" | "promised" | "disputed";

const day = (iso: string, plus: number) => isoOf(toDay(iso) + plus);
const roundUp = (minor: number, step: number) => Math.max(step, Math.ceil(minor / step) * step);

/**
 * Plans the demo's credit insurance, factoring and collections records from the invoices of the
 * generated ledger on as-of — pure and deterministic (same seed and ledger, same plan), bounded in
 * size whatever the portfolio's (the caller passes a window of customers), so a 20-customer e2e
 * demo and a 100,000-customer load cost the same here:
 * - a CNY whole-turnover policy (and a USD one when USD invoices exist) with insured limits for the
 *   customers of largest open exposure, decided full, partial (half, so some ship above their
 *   insured limit) or refused, one still pending and one expiring within a month;
 * - overdue notifications: the most overdue insured invoice notified within the deadline long ago
 *   with a claim after the waiting period, and a recent overdue one notified today; other overdue
 *   insured invoices stay unnotified (deadline warnings);
 * - factoring: an agreement with recourse and one without, each selling current invoices, and a
 *   pledge;
 * - collections: calls (promised, no answer, disputed, reached), a note, a legal handover of the
 *   most overdue invoice, and promises to pay — one kept by a late payment in the ledger, one
 *   broken, one still open.
 */
export function planDemoCoverage(options: {
  seed: number;
  asOf: string;
  invoices: readonly CoverageInvoice[];
}): CoveragePlan {
  const { asOf } = options;
  const rng = deriveRng(options.seed, "coverage");
  const open = options.invoices.filter((i) => i.openMinor > 0 && i.issuedOn <= asOf);
  const dpd = (i: CoverageInvoice) => toDay(asOf) - toDay(i.dueOn);
  const byCustomer = new Map<string, CoverageInvoice[]>();
  for (const i of open) {
    byCustomer.set(i.customerCode, [...(byCustomer.get(i.customerCode) ?? []), i]);
  }
  // One currency per customer's cover: the currency of most of its open amount.
  const customers = [...byCustomer].map(([code, list]) => {
    const perCurrency = new Map<string, number>();
    for (const i of list) {
      perCurrency.set(i.currency, (perCurrency.get(i.currency) ?? 0) + i.openMinor);
    }
    const [currency, openMinor] = [...perCurrency].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0]!;
    return { code, currency, openMinor, invoices: list };
  });
  const validFrom = day(asOf, -400);
  const policies: CoveragePolicyPlan[] = [
    {
      policyNumber: "DEMO-SINOSURE-CNY",
      insurer: "中国出口信用保险公司 (Sinosure)",
      currency: "CNY",
      indemnityBps: 9_000,
      maxLiabilityMinor: 5_000_000_000,
      waitingPeriodDays: 150,
      notificationDeadlineDays: 60,
      warnDaysBefore: 14,
      premiumRate: "0.0012",
      validFrom,
    },
  ];
  if (customers.some((c) => c.currency === "USD")) {
    policies.push({
      policyNumber: "DEMO-ALLIANZ-USD",
      insurer: "Allianz Trade",
      currency: "USD",
      indemnityBps: 8_500,
      maxLiabilityMinor: 500_000_000,
      waitingPeriodDays: 180,
      notificationDeadlineDays: 90,
      warnDaysBefore: 14,
      premiumRate: "0.0018",
      validFrom,
    });
  }
  const policyOf = (currency: string) => policies.find((p) => p.currency === currency);

  // Insured buyers: largest open exposure first, plus the customer with the most overdue invoice.
  const insurable = customers
    .filter((c) => policyOf(c.currency))
    .sort((a, b) => b.openMinor - a.openMinor || a.code.localeCompare(b.code));
  const mostOverdue = open
    .filter((i) => policyOf(i.currency) && dpd(i) >= 185)
    .sort((a, b) => dpd(b) - dpd(a) || a.invoiceNumber.localeCompare(b.invoiceNumber))[0];
  const count = Math.min(insurable.length, Math.max(3, Math.min(10, Math.round(insurable.length * 0.3))));
  const insured = insurable.slice(0, count);
  if (mostOverdue && !insured.some((c) => c.code === mostOverdue.customerCode)) {
    const c = insurable.find((x) => x.code === mostOverdue.customerCode);
    if (c) {
      insured.push(c);
    }
  }
  const limits: CoverageLimitPlan[] = insured.map((c, k) => {
    const policy = policyOf(c.currency)!;
    const requestedMinor = roundUp(Math.round(c.openMinor * 1.25), 1_000_000);
    const requestedOn = day(asOf, -rng.int(40, 300));
    if (k === insured.length - 1 && insured.length > 2) {
      return {
        policyNumber: policy.policyNumber,
        customerCode: c.code,
        requestedMinor,
        requestedOn: day(asOf, -3),
        decision: null,
      };
    }
    const roll = k === 0 ? 0 : rng.float();
    const decidedMinor =
      roll < 0.55 ? requestedMinor : roll < 0.85 ? roundUp(requestedMinor / 2, 1_000_000) : 0;
    const decidedOn = day(requestedOn, rng.int(5, 20));
    return {
      policyNumber: policy.policyNumber,
      customerCode: c.code,
      requestedMinor,
      requestedOn,
      decision: {
        decidedMinor,
        decidedOn,
        // One cover runs out within the month (a reminder to renew); the others a year on.
        expiresOn: decidedMinor === 0 ? null : k === 1 ? day(asOf, 20) : day(decidedOn, 365),
        insurerReference: `${policy.policyNumber}-${String(k + 1).padStart(3, "0")}`,
        conditions: decidedMinor > 0 && decidedMinor < requestedMinor ? "payment terms ≤ 60 days" : null,
      },
    };
  });
  const coveredCodes = new Set(
    limits.filter((l) => l.decision && l.decision.decidedMinor > 0).map((l) => l.customerCode),
  );
  if (mostOverdue) {
    coveredCodes.add(mostOverdue.customerCode);
  }

  const notifications: CoveragePlan["notifications"] = [];
  if (mostOverdue) {
    const policy = policyOf(mostOverdue.currency)!;
    const filedOn = day(mostOverdue.dueOn, Math.min(30, policy.notificationDeadlineDays));
    const claimOn = day(filedOn, policy.waitingPeriodDays);
    notifications.push({
      policyNumber: policy.policyNumber,
      customerCode: mostOverdue.customerCode,
      invoiceNumbers: [mostOverdue.invoiceNumber],
      filedOn,
      reference: "NOTIF-DEMO-1",
      claim:
        claimOn <= asOf
          ? { reference: "CLAIM-DEMO-1", claimedMinor: mostOverdue.openMinor, filedOn: claimOn }
          : null,
    });
  }
  const recent = open
    .filter((i) => coveredCodes.has(i.customerCode) && i !== mostOverdue && dpd(i) >= 1 && dpd(i) < 30)
    .sort((a, b) => dpd(b) - dpd(a) || a.invoiceNumber.localeCompare(b.invoiceNumber))[0];
  if (recent) {
    notifications.push({
      policyNumber: policyOf(recent.currency)!.policyNumber,
      customerCode: recent.customerCode,
      invoiceNumbers: [recent.invoiceNumber],
      filedOn: asOf,
      reference: "NOTIF-DEMO-2",
      claim: null,
    });
  }

  // Factoring: current (not yet due) CNY invoices of customers outside the notified ones.
  const notified = new Set(notifications.flatMap((n) => n.invoiceNumbers));
  const current = open
    .filter(
      (i) =>
        i.currency === "CNY" && dpd(i) < 0 && !notified.has(i.invoiceNumber) && i.openMinor === i.amountMinor,
    )
    .sort((a, b) => b.openMinor - a.openMinor || a.invoiceNumber.localeCompare(b.invoiceNumber));
  const factoring: CoveragePlan["factoring"] =
    current.length === 0
      ? []
      : [
          {
            reference: "FACT-DEMO-R",
            factor: "招商银行保理 (CMB Factoring)",
            currency: "CNY",
            withRecourse: true,
            advanceRateBps: 8_000,
            feeBps: 80,
            validFrom,
            assignments: [
              {
                mode: "sold",
                invoiceNumbers: current
                  .filter((_, k) => k % 3 === 0)
                  .slice(0, 3)
                  .map((i) => i.invoiceNumber),
              },
              {
                mode: "pledged",
                invoiceNumbers: current
                  .filter((_, k) => k % 3 === 2)
                  .slice(0, 1)
                  .map((i) => i.invoiceNumber),
              },
            ].filter((a) => a.invoiceNumbers.length > 0) as {
              mode: "sold" | "pledged";
              invoiceNumbers: string[];
            }[],
          },
          {
            reference: "FACT-DEMO-NR",
            factor: "Standard Chartered Receivables Finance",
            currency: "CNY",
            withRecourse: false,
            advanceRateBps: 9_000,
            feeBps: 120,
            validFrom,
            assignments: [
              {
                mode: "sold",
                invoiceNumbers: current
                  .filter((_, k) => k % 3 === 1)
                  .slice(0, 3)
                  .map((i) => i.invoiceNumber),
              },
            ].filter((a) => a.invoiceNumbers.length > 0) as {
              mode: "sold" | "pledged";
              invoiceNumbers: string[];
            }[],
          },
        ].filter((a) => a.assignments.length > 0);

  // Collections: the customers with the largest overdue amounts.
  const overdueOf = (c: (typeof customers)[number]) => c.invoices.filter((i) => dpd(i) > 0);
  const debtors = customers
    .map((c) => ({ c, overdue: overdueOf(c) }))
    .filter((x) => x.overdue.length > 0)
    .sort(
      (a, b) =>
        b.overdue.reduce((s, i) => s + i.openMinor * dpd(i), 0) -
          a.overdue.reduce((s, i) => s + i.openMinor * dpd(i), 0) || a.c.code.localeCompare(b.c.code),
    );
  const outcomes: DemoCallOutcome[] = ["promised", "no_answer", "disputed", "reached", "promised"];
  const actions: CoveragePlan["actions"] = debtors.slice(0, outcomes.length).map(({ c, overdue }, k) => ({
    kind: "call" as const,
    customerCode: c.code,
    outcome: outcomes[k]!,
    invoiceNumbers: overdue.map((i) => i.invoiceNumber).slice(0, 5),
    note: `Demo call ${k + 1}: ${outcomes[k]!.replace("_", " ")}`,
  }));
  if (debtors[1]) {
    actions.push({
      kind: "note",
      customerCode: debtors[1].c.code,
      note: "客户财务说本月底前安排付款 / Customer's AP says payment is scheduled before month end.",
      invoiceNumbers: debtors[1].overdue.map((i) => i.invoiceNumber).slice(0, 3),
    });
  }
  const legal = open
    .filter((i) => dpd(i) > 120)
    .sort((a, b) => dpd(b) - dpd(a) || a.invoiceNumber.localeCompare(b.invoiceNumber))[0];
  if (legal) {
    actions.push({
      kind: "legal",
      customerCode: legal.customerCode,
      handedOverTo: "金杜律师事务所 (King & Wood Mallesons)",
      reference: "LEGAL-DEMO-1",
      invoiceNumbers: [legal.invoiceNumber],
    });
  }

  const promises: CoveragePlan["promises"] = [];
  const graceDays = 3;
  // Kept: a late invoice settled by one receipt — promised a week before it came, for its amount.
  const kept = options.invoices
    .filter(
      (i) =>
        i.openMinor === 0 &&
        i.currency === "CNY" &&
        i.allocations === 1 &&
        i.lastPaidOn !== null &&
        i.lastPaidOn > i.dueOn &&
        toDay(i.lastPaidOn) - toDay(i.dueOn) >= 8 &&
        toDay(asOf) - toDay(i.lastPaidOn) <= 180,
    )
    .sort((a, b) =>
      b.lastPaidOn! < a.lastPaidOn!
        ? -1
        : b.lastPaidOn! > a.lastPaidOn!
          ? 1
          : a.invoiceNumber.localeCompare(b.invoiceNumber),
    )[0];
  if (kept) {
    promises.push({
      customerCode: kept.customerCode,
      invoiceNumbers: [kept.invoiceNumber],
      promisedMinor: kept.allocatedMinor,
      madeOn: day(kept.lastPaidOn!, -7),
      promisedOn: day(kept.lastPaidOn!, -1),
      graceDays,
      expected: "kept",
    });
  }
  // Broken: an invoice overdue for over 40 days with no receipt since the promise, 30 days ago.
  const brokenFrom = debtors.find(({ overdue }) =>
    overdue.some((i) => dpd(i) > 40 && (i.lastPaidOn === null || i.lastPaidOn < day(asOf, -30))),
  );
  const brokenInvoice = brokenFrom?.overdue.find(
    (i) => dpd(i) > 40 && (i.lastPaidOn === null || i.lastPaidOn < day(asOf, -30)),
  );
  if (brokenFrom && brokenInvoice) {
    promises.push({
      customerCode: brokenFrom.c.code,
      invoiceNumbers: [brokenInvoice.invoiceNumber],
      promisedMinor: brokenInvoice.openMinor,
      madeOn: day(asOf, -30),
      promisedOn: day(asOf, -20),
      graceDays,
      expected: "broken",
    });
  }
  // Open: promised on today's call, due in ten days.
  const openFrom = debtors.find(({ c }) => c.code !== brokenFrom?.c.code) ?? debtors[0];
  if (openFrom) {
    const invoice = openFrom.overdue.find((i) => i.currency === openFrom.overdue[0]!.currency)!;
    promises.push({
      customerCode: openFrom.c.code,
      invoiceNumbers: [invoice.invoiceNumber],
      promisedMinor: invoice.openMinor,
      madeOn: asOf,
      promisedOn: day(asOf, 10),
      graceDays,
      expected: "open",
    });
  }
  return { policies, limits, notifications, factoring, actions, promises };
}
