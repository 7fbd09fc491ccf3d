import { describe, expect, it } from "vitest";
import { computeInterestStatement } from "./interest.ts";

describe("late-payment interest statement", () => {
  it("charges late payments for their days late and the open rest up to as-of", () => {
    const { lines, totals } = computeInterestStatement(
      [
        {
          invoiceId: 1,
          invoiceNumber: "INV-1",
          dueOn: "2025-01-01",
          currency: "CNY",
          principalMinor: 1_000_000,
          // 200,000 on time (no interest), 300,000 36 days late, 500,000 open 100 days at as-of.
          payments: [
            { receivedOn: "2024-12-30", amountMinor: 200_000 },
            { receivedOn: "2025-02-06", amountMinor: 300_000 },
          ],
          annualRate: "0.0365",
          contractReference: "K-1",
        },
      ],
      "2025-04-11",
    );
    // 300,000 × 0.0365 × 36 / 365 = 1,080; 500,000 × 0.0365 × 100 / 365 = 5,000
    expect(lines[0]?.segments.map((s) => [s.kind, s.principalMinor, s.days, s.interestMinor])).toEqual([
      ["paid", 300_000, 36, 1_080],
      ["open", 500_000, 100, 5_000],
    ]);
    expect(totals).toEqual([{ currency: "CNY", interestMinor: 6_080 }]);
  });

  it("lists an invoice without a contract with no interest, and leaves out invoices paid on time", () => {
    const { lines } = computeInterestStatement(
      [
        {
          invoiceId: 1,
          invoiceNumber: "A",
          dueOn: "2025-01-01",
          currency: "CNY",
          principalMinor: 100,
          payments: [],
          annualRate: null,
          contractReference: null,
        },
        {
          invoiceId: 2,
          invoiceNumber: "B",
          dueOn: "2025-01-01",
          currency: "CNY",
          principalMinor: 100,
          payments: [{ receivedOn: "2025-01-01", amountMinor: 100 }],
          annualRate: "0.05",
          contractReference: "K",
        },
      ],
      "2025-02-01",
    );
    expect(lines.map((l) => [l.invoiceNumber, l.interestMinor])).toEqual([["A", 0]]);
  });
});
