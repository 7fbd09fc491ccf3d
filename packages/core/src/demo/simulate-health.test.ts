import { describe, expect, it } from "vitest";
import { generatePortfolio } from "./generate-portfolio.ts";
import type { DemoOptions } from "./options.ts";
import type { DemoCustomerBundle } from "./types.ts";

const OPTIONS: DemoOptions = { seed: 7, customers: 2000, years: 3, asOf: "2025-06-30" };
const portfolio: DemoCustomerBundle[] = [...generatePortfolio(OPTIONS)];
const DAY = 86_400_000;
const days = (iso: string) => Date.parse(iso) / DAY;

/** Payments' days beyond terms (received − due), one value per allocation, for allocations received in [from, to). */
function daysBeyondTerms(b: DemoCustomerBundle, from: number, to: number): number[] {
  const out: number[] = [];
  for (const a of b.allocations) {
    const received = days(b.payments[a.paymentIndex]?.receivedOn ?? "");
    if (received >= from && received < to) {
      out.push(received - days(b.invoices[a.invoiceIndex]?.dueOn ?? ""));
    }
  }
  return out;
}
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

describe("the hidden default process", () => {
  const defaulted = portfolio.filter((b) => b.defaults.length > 0);

  it("produces a plausible annual default rate (2–4 % a year) with all three kinds", () => {
    const rate = defaulted.length / OPTIONS.customers / OPTIONS.years;
    expect(rate).toBeGreaterThan(0.015);
    expect(rate).toBeLessThan(0.045);
    expect(new Set(defaulted.map((b) => b.defaults[0]?.kind))).toEqual(
      new Set(["past_due_90", "write_off", "insolvency"]),
    );
  });

  it("defaults more often in risky industries (construction, retail, catering, real estate) than in safe ones", () => {
    const rate = (codes: string) => {
      const group = portfolio.filter((b) => codes.includes(b.customer.industry));
      return group.filter((b) => b.defaults.length > 0).length / group.length;
    };
    expect(rate("EFHK")).toBeGreaterThan(rate("CDILM") * 1.3);
  });

  it("lengthens payment in the 6 months before default well beyond healthy customers", () => {
    const before = defaulted.flatMap((b) => {
      const d = days(b.defaults[0]?.defaultedOn ?? "");
      return daysBeyondTerms(b, d - 182, d);
    });
    const asOf = days(OPTIONS.asOf);
    const healthy = portfolio
      .filter((b) => b.latent.defaultDay === null)
      .flatMap((b) => daysBeyondTerms(b, asOf - 3 * 365, asOf));
    expect(before.length).toBeGreaterThan(100);
    expect(mean(before)).toBeGreaterThan(mean(healthy) + 15);
  });

  it("shows deterioration 3–9 months ahead: fewer orders and later payments than a year earlier", () => {
    let ordersBefore = 0;
    let ordersYearEarlier = 0;
    const lateBefore: number[] = [];
    const lateEarlier: number[] = [];
    for (const b of defaulted) {
      const d = days(b.defaults[0]?.defaultedOn ?? "");
      // Compare 3–9 months before the default with 15–21 months before it.
      const inRange = (iso: string, a: number, z: number) => days(iso) >= d - z && days(iso) < d - a;
      if (b.orders.some((o) => inRange(o.orderedOn, 455, 640))) {
        ordersBefore += b.orders.filter((o) => inRange(o.orderedOn, 91, 274)).length;
        ordersYearEarlier += b.orders.filter((o) => inRange(o.orderedOn, 455, 640)).length;
        lateBefore.push(...daysBeyondTerms(b, d - 274, d - 91));
        lateEarlier.push(...daysBeyondTerms(b, d - 640, d - 455));
      }
    }
    expect(ordersYearEarlier).toBeGreaterThan(100);
    expect(ordersBefore).toBeLessThan(0.8 * ordersYearEarlier);
    expect(mean(lateBefore)).toBeGreaterThan(mean(lateEarlier) + 10);
  });

  it("raises complaints, disputes and adverse external events before default", () => {
    const perCustomer = (group: DemoCustomerBundle[], pick: (b: DemoCustomerBundle) => number) =>
      group.reduce((n, b) => n + pick(b), 0) / group.length;
    const healthy = portfolio.filter((b) => b.latent.defaultDay === null);
    const adverse = (b: DemoCustomerBundle) =>
      b.events.filter((e) => e.type === "lawsuit" || e.type === "enforcement").length;
    expect(perCustomer(defaulted, adverse)).toBeGreaterThan(3 * perCustomer(healthy, adverse));
    // Disputes per invoice issued in the 9 months before default, against healthy customers' overall rate.
    let recentInvoices = 0;
    let recentDisputes = 0;
    for (const b of defaulted) {
      const d = days(b.defaults[0]?.defaultedOn ?? "");
      const recent = new Set<number>();
      b.invoices.forEach((inv, i) => {
        if (days(inv.issuedOn) >= d - 274) {
          recent.add(i);
        }
      });
      recentInvoices += recent.size;
      recentDisputes += b.disputes.filter((x) => recent.has(x.invoiceIndex)).length;
    }
    const healthyRate =
      healthy.reduce((n, b) => n + b.disputes.length, 0) / healthy.reduce((n, b) => n + b.invoices.length, 0);
    expect(recentInvoices).toBeGreaterThan(200);
    expect(recentDisputes / recentInvoices).toBeGreaterThan(2 * healthyRate);
  });

  it("leaves invoices of defaulted customers unpaid after the default", () => {
    for (const b of defaulted) {
      expect(
        b.invoices.some((inv) => inv.status !== "paid"),
        b.customer.code,
      ).toBe(true);
      if (b.defaults[0]?.kind === "write_off") {
        expect(b.invoices.some((inv) => inv.status === "written_off")).toBe(true);
      }
    }
  });

  it("tells the documented showcase stories", () => {
    const byCode = new Map(portfolio.map((b) => [b.customer.code, b]));
    const asOf = days(OPTIONS.asOf);
    const meanLate = (code: string, from: number, to: number) =>
      mean(daysBeyondTerms(byCode.get(code) as DemoCustomerBundle, from, to));
    // DEMO-0001 pays on time and never defaults.
    expect(byCode.get("DEMO-0001")?.defaults).toEqual([]);
    expect(meanLate("DEMO-0001", asOf - 730, asOf)).toBeLessThan(5);
    // DEMO-0004 defaulted 90+ days past due; DEMO-0005 went insolvent.
    expect(byCode.get("DEMO-0004")?.defaults[0]?.kind).toBe("past_due_90");
    expect(byCode.get("DEMO-0005")?.defaults[0]?.kind).toBe("insolvency");
    expect(byCode.get("DEMO-0005")?.events.some((e) => e.type === "bankruptcy")).toBe(true);
    // DEMO-0006 has not defaulted yet, but pays far later now than a year ago and orders less.
    const d6 = byCode.get("DEMO-0006") as DemoCustomerBundle;
    expect(d6.defaults).toEqual([]);
    expect(meanLate("DEMO-0006", asOf - 120, asOf)).toBeGreaterThan(
      meanLate("DEMO-0006", asOf - 600, asOf - 420) + 15,
    );
    const orders = (from: number, to: number) =>
      d6.orders.filter((o) => days(o.orderedOn) >= from && days(o.orderedOn) < to).length;
    expect(orders(asOf - 120, asOf)).toBeLessThan(orders(asOf - 485, asOf - 365));
    // DEMO-0008 belongs to the DEMO-0007 group.
    expect(byCode.get("DEMO-0008")?.customer.parentCode).toBe("DEMO-0007");
  });
});
