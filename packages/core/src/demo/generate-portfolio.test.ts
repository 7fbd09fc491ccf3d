import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { validateUscc } from "../identifiers/uscc.ts";
import { SHOWCASE_CUSTOMERS } from "./catalogues/showcase.ts";
import { generateFxRates } from "./generate-fx-rates.ts";
import { generatePortfolio } from "./generate-portfolio.ts";
import type { DemoOptions } from "./options.ts";
import type { DemoCustomerBundle } from "./types.ts";

const OPTIONS: DemoOptions = { seed: 42, customers: 300, years: 2, asOf: "2025-06-30" };
const portfolio: DemoCustomerBundle[] = [...generatePortfolio(OPTIONS)];

function digest(options: DemoOptions): string {
  const hash = createHash("sha256");
  for (const bundle of generatePortfolio(options)) {
    hash.update(JSON.stringify(bundle));
  }
  return hash.digest("hex");
}

const dayDiff = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe("generatePortfolio: reproducibility", () => {
  it("gives identical rows for the same options and different rows for another seed or as-of", () => {
    const small = { ...OPTIONS, customers: 40 };
    const reference = digest(small);
    expect(digest(small)).toBe(reference);
    expect(digest({ ...small, seed: 43 })).not.toBe(reference);
    expect(digest({ ...small, asOf: "2025-07-31" })).not.toBe(reference);
  });

  it("yields the requested number of customers with unique codes, showcase codes first", () => {
    expect(portfolio).toHaveLength(300);
    expect(new Set(portfolio.map((b) => b.customer.code)).size).toBe(300);
    expect(portfolio.slice(0, SHOWCASE_CUSTOMERS.length).map((b) => b.customer.code)).toEqual(
      SHOWCASE_CUSTOMERS.map((s) => s.code),
    );
    expect(portfolio[8]?.customer.code).toBe("CUST-000009");
  });

  it("rejects impossible options", () => {
    expect(() => [...generatePortfolio({ ...OPTIONS, asOf: "2025-02-30" })]).toThrow();
    expect(() => [...generatePortfolio({ ...OPTIONS, customers: 0 })]).toThrow();
  });
});

describe("generatePortfolio: customers", () => {
  it("gives every Chinese customer a valid USCC whose division code is a known city, all unique", () => {
    const codes = new Set<string>();
    for (const b of portfolio) {
      const uscc = b.identifiers.find((i) => i.type === "uscc");
      if (b.customer.countryCode === "CN") {
        expect(uscc, b.customer.code).toBeDefined();
        expect(validateUscc(uscc?.value ?? "").ok).toBe(true);
        expect(uscc?.value.slice(0, 2)).toBe("91");
        codes.add(uscc?.value ?? "");
      } else {
        expect(uscc).toBeUndefined();
        expect(b.identifiers.some((i) => i.type === "duns" || i.type === "vat")).toBe(true);
        expect(["USD", "EUR"]).toContain(b.customer.defaultCurrency);
      }
    }
    expect(codes.size).toBe(portfolio.filter((b) => b.customer.countryCode === "CN").length);
  });

  it("mixes tiers, company types, terms, groups and contacts as documented", () => {
    const core = portfolio.filter((b) => b.customer.tier === "core").length / portfolio.length;
    expect(core).toBeGreaterThan(0.08);
    expect(core).toBeLessThan(0.25);
    expect(new Set(portfolio.map((b) => b.customer.companyType)).size).toBe(3);
    expect(new Set(portfolio.map((b) => b.customer.paymentTermsDays))).toEqual(new Set([30, 45, 60, 90]));
    const codes = new Set(portfolio.map((b) => b.customer.code));
    const children = portfolio.filter((b) => b.customer.parentCode !== null);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      expect(codes.has(child.customer.parentCode ?? "")).toBe(true);
    }
    for (const b of portfolio) {
      expect(b.contacts.length).toBeGreaterThanOrEqual(1);
      expect(b.contacts.length).toBeLessThanOrEqual(3);
      expect(new Set(b.contacts.map((c) => c.name)).size).toBe(b.contacts.length);
      expect(b.contacts.filter((c) => c.isPrimary)).toHaveLength(1);
    }
    expect(portfolio[0]?.customer.legalName).toBe("杭州华信精密机械有限公司");
  });
});

describe("generatePortfolio: statements", () => {
  it("balances every statement: assets = liabilities + equity, parts within totals, integer minor units", () => {
    let count = 0;
    for (const b of portfolio) {
      for (const s of b.statements) {
        count++;
        expect(s.totalAssets).toBe(s.totalLiabilities + s.equity);
        expect(s.currentAssets).toBeLessThanOrEqual(s.totalAssets);
        expect(s.cash + s.receivables + s.inventory).toBeLessThanOrEqual(s.currentAssets);
        expect(s.currentLiabilities).toBeLessThanOrEqual(s.totalLiabilities);
        expect(s.costOfSales).toBeLessThan(s.revenue);
        for (const v of [s.totalAssets, s.revenue, s.netIncome, s.retainedEarnings, s.operatingCashFlow]) {
          expect(Number.isSafeInteger(v)).toBe(true);
        }
        expect(s.marketValueEquity === null).toBe(b.customer.companyType !== "public_manufacturer");
        expect(s.periodEnd <= OPTIONS.asOf).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(600);
  });

  it("weakens the statements of customers on their way to default", () => {
    const debtRatio = (b: DemoCustomerBundle) => {
      const last = b.statements.filter((s) => s.periodMonths === 12).at(-1);
      return last ? last.totalLiabilities / last.totalAssets : null;
    };
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const big = [...generatePortfolio({ ...OPTIONS, customers: 1500, years: 3 })];
    const failing = big
      .filter((b) => b.defaults.length > 0)
      .map(debtRatio)
      .filter((x): x is number => x !== null);
    const healthy = big
      .filter((b) => b.latent.defaultDay === null)
      .map(debtRatio)
      .filter((x): x is number => x !== null);
    expect(failing.length).toBeGreaterThan(10);
    expect(mean(failing)).toBeGreaterThan(mean(healthy) + 0.08);
  });
});

describe("generatePortfolio: ledger", () => {
  it("keeps the ledger consistent: due = issue + terms, allocations within invoices, payments = allocations", () => {
    for (const b of portfolio) {
      const terms = b.customer.paymentTermsDays;
      const allocatedByInvoice = new Map<number, number>();
      const allocatedByPayment = new Map<number, number>();
      for (const a of b.allocations) {
        expect(a.amountMinor).toBeGreaterThan(0);
        allocatedByInvoice.set(a.invoiceIndex, (allocatedByInvoice.get(a.invoiceIndex) ?? 0) + a.amountMinor);
        allocatedByPayment.set(a.paymentIndex, (allocatedByPayment.get(a.paymentIndex) ?? 0) + a.amountMinor);
        const payment = b.payments[a.paymentIndex];
        const invoice = b.invoices[a.invoiceIndex];
        expect(payment && invoice && payment.receivedOn > invoice.issuedOn).toBe(true);
      }
      const credited = new Map<number, number>();
      for (const c of b.creditNotes) {
        credited.set(c.invoiceIndex, (credited.get(c.invoiceIndex) ?? 0) + c.amountMinor);
      }
      b.invoices.forEach((inv, i) => {
        expect(dayDiff(inv.issuedOn, inv.dueOn)).toBe(terms);
        expect(inv.issuedOn <= OPTIONS.asOf).toBe(true);
        const settled = (allocatedByInvoice.get(i) ?? 0) + (credited.get(i) ?? 0);
        expect(settled).toBeLessThanOrEqual(inv.amountMinor);
        expect(inv.status === "paid").toBe(settled === inv.amountMinor);
      });
      b.payments.forEach((p, i) => {
        expect(p.amountMinor).toBe(allocatedByPayment.get(i));
        expect(p.receivedOn <= OPTIONS.asOf).toBe(true);
      });
      for (const o of b.orders) {
        expect(o.invoicedMinor).toBeLessThanOrEqual(o.deliveredMinor);
        expect(o.deliveredMinor).toBeLessThanOrEqual(o.orderedMinor);
      }
      const defaulted = b.defaults[0];
      if (defaulted) {
        expect(b.invoices.every((inv) => inv.issuedOn <= defaulted.defaultedOn)).toBe(true);
        expect(b.payments.every((p) => p.receivedOn <= defaulted.defaultedOn)).toBe(true);
      }
    }
  });

  it("has orders dip at the Chinese New Year and peak in the fourth quarter", () => {
    const byMonth = new Array<number>(12).fill(0);
    for (const b of portfolio) {
      for (const o of b.orders) {
        byMonth[Number(o.orderedOn.slice(5, 7)) - 1] =
          (byMonth[Number(o.orderedOn.slice(5, 7)) - 1] ?? 0) + 1;
      }
    }
    const [jan = 0, feb = 0, mar = 0] = byMonth;
    expect(feb).toBeLessThan(0.8 * mar);
    expect(jan).toBeLessThan(mar);
    expect(byMonth[11]).toBeGreaterThan(1.15 * mar);
  });

  it("contains credit notes, disputes, complaints, external events and ratings", () => {
    const sum = (k: "creditNotes" | "disputes" | "complaints" | "events" | "ratings") =>
      portfolio.reduce((n, b) => n + b[k].length, 0);
    for (const k of ["creditNotes", "disputes", "complaints", "events", "ratings"] as const) {
      expect(sum(k), k).toBeGreaterThan(20);
    }
  });

  it("writes daily fx rates for USD, EUR, HKD and SGD on weekdays up to as-of", () => {
    const rates = generateFxRates(OPTIONS);
    expect(new Set(rates.map((r) => r.fromCurrency))).toEqual(new Set(["USD", "EUR", "HKD", "SGD"]));
    expect(rates.every((r) => r.rateDate <= OPTIONS.asOf && /^\d+\.\d{4}$/.test(r.rate))).toBe(true);
    const saturday = "2025-06-28";
    expect(rates.some((r) => r.rateDate === saturday)).toBe(false);
    expect(rates.some((r) => r.rateDate === "2025-06-30" && r.fromCurrency === "USD")).toBe(true);
  });
});
