import { describe, expect, it } from "vitest";
import { type CoverageInvoice, planDemoCoverage } from "./plan-coverage.ts";

const AS_OF = "2025-06-30";
const inv = (
  over: Partial<CoverageInvoice> & Pick<CoverageInvoice, "customerCode" | "invoiceNumber">,
): CoverageInvoice => ({
  currency: "CNY",
  issuedOn: "2025-05-01",
  dueOn: "2025-07-31",
  amountMinor: 1_000_000,
  openMinor: 1_000_000,
  allocations: 0,
  allocatedMinor: 0,
  lastPaidOn: null,
  ...over,
});

// Six customers: current invoices (A–D), one long overdue (E, 200 days), one recently overdue (A),
// one a month overdue with no receipt (F), and a late invoice settled by one receipt (B).
const LEDGER: CoverageInvoice[] = [
  inv({ customerCode: "A", invoiceNumber: "A1", amountMinor: 9_000_000, openMinor: 9_000_000 }),
  inv({ customerCode: "A", invoiceNumber: "A2", dueOn: "2025-06-20" }),
  inv({ customerCode: "B", invoiceNumber: "B1", amountMinor: 5_000_000, openMinor: 5_000_000 }),
  inv({
    customerCode: "B",
    invoiceNumber: "B0",
    dueOn: "2025-03-01",
    openMinor: 0,
    allocations: 1,
    allocatedMinor: 1_000_000,
    lastPaidOn: "2025-03-20",
  }),
  inv({ customerCode: "C", invoiceNumber: "C1", amountMinor: 3_000_000, openMinor: 3_000_000 }),
  inv({ customerCode: "D", invoiceNumber: "D1", amountMinor: 2_000_000, openMinor: 2_000_000 }),
  inv({
    customerCode: "E",
    invoiceNumber: "E1",
    issuedOn: "2024-11-01",
    dueOn: "2024-12-12",
    openMinor: 700_000,
  }),
  inv({
    customerCode: "F",
    invoiceNumber: "F1",
    issuedOn: "2025-03-01",
    dueOn: "2025-04-15",
    lastPaidOn: "2025-04-01",
    allocations: 1,
    allocatedMinor: 200_000,
    openMinor: 800_000,
  }),
];

describe("planDemoCoverage", () => {
  const plan = planDemoCoverage({ seed: 42, asOf: AS_OF, invoices: LEDGER });

  it("is deterministic by seed and ledger", () => {
    expect(planDemoCoverage({ seed: 42, asOf: AS_OF, invoices: LEDGER })).toEqual(plan);
    expect(planDemoCoverage({ seed: 43, asOf: AS_OF, invoices: LEDGER }).limits).not.toEqual(plan.limits);
  });

  it("insures the largest exposures and the most overdue buyer, one request still pending", () => {
    expect(plan.policies.map((p) => p.policyNumber)).toEqual(["DEMO-SINOSURE-CNY"]);
    const codes = plan.limits.map((l) => l.customerCode);
    expect(codes.slice(0, 3)).toEqual(["A", "B", "C"]);
    expect(codes).toContain("E");
    expect(plan.limits.filter((l) => l.decision === null)).toHaveLength(1);
    // A's request: 125 % of its 10,000,000 open, rounded up to 10,000.00 — granted in full.
    expect(plan.limits[0]).toMatchObject({
      requestedMinor: 13_000_000,
      decision: { decidedMinor: 13_000_000 },
    });
    for (const l of plan.limits) {
      expect(l.requestedOn <= AS_OF).toBe(true);
      if (l.decision) {
        expect(l.decision.decidedOn >= l.requestedOn && l.decision.decidedOn <= AS_OF).toBe(true);
      }
    }
  });

  it("notifies the 200-day overdue invoice within the deadline and claims after the waiting period", () => {
    const [old, recent] = plan.notifications;
    expect(old).toMatchObject({ customerCode: "E", invoiceNumbers: ["E1"], filedOn: "2025-01-11" });
    expect(old!.claim).toEqual({ reference: "CLAIM-DEMO-1", claimedMinor: 700_000, filedOn: "2025-06-10" });
    expect(recent).toMatchObject({ customerCode: "A", invoiceNumbers: ["A2"], filedOn: AS_OF });
  });

  it("sells current invoices with and without recourse and pledges one", () => {
    const modes = plan.factoring.flatMap((f) => f.assignments.map((a) => `${f.withRecourse}:${a.mode}`));
    expect(modes).toEqual(["true:sold", "true:pledged", "false:sold"]);
    const all = plan.factoring.flatMap((f) => f.assignments.flatMap((a) => a.invoiceNumbers));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain("A2");
    expect(all).not.toContain("E1");
  });

  it("plans a kept, a broken and an open promise to pay", () => {
    expect(plan.promises.map((p) => [p.expected, p.customerCode, p.invoiceNumbers[0]])).toEqual([
      ["kept", "B", "B0"],
      ["broken", "E", "E1"],
      ["open", "F", "F1"],
    ]);
    // Kept: made a week before the receipt, for the amount received.
    expect(plan.promises[0]).toMatchObject({
      madeOn: "2025-03-13",
      promisedOn: "2025-03-19",
      promisedMinor: 1_000_000,
    });
    expect(plan.actions.map((a) => a.kind)).toEqual(["call", "call", "call", "note", "legal"]);
  });
});
