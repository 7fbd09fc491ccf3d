import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../shared/dates.ts";
import { ageReceivables } from "./aging.ts";
import { computeBehaviourMetrics } from "./compute-behaviour-metrics.ts";
import type { CustomerLedger } from "./ledger.ts";

const day = fc.integer({ min: 0, max: 900 }).map((d) => addDays("2023-01-01", d));
const amount = fc.integer({ min: 0, max: 5_000_000 });

const ledger: fc.Arbitrary<CustomerLedger> = fc
  .array(fc.record({ issue: day, terms: fc.constantFrom(0, 30, 60), amount }), { maxLength: 12 })
  .chain((raw) => {
    const invoices = raw.map((r, i) => ({
      id: `I${i}`,
      issueDate: r.issue,
      dueDate: addDays(r.issue, r.terms),
      amountMinor: r.amount,
      currency: "CNY",
    }));
    const ids = invoices.length > 0 ? fc.constantFrom(...invoices.map((i) => i.id)) : fc.constant("none");
    return fc.record({
      invoices: fc.constant(invoices),
      allocations: fc.array(fc.record({ invoiceId: ids, date: day, amountMinor: amount }), { maxLength: 12 }),
      creditNotes: fc.array(
        fc
          .record({ invoiceId: fc.option(ids, { nil: undefined }), date: day, amountMinor: amount })
          .map((c) => {
            const { invoiceId, ...rest } = c;
            return invoiceId === undefined ? rest : { ...rest, invoiceId };
          }),
        { maxLength: 4 },
      ),
      disputes: fc.array(fc.record({ invoiceId: ids, openedOn: day, amountMinor: amount }), { maxLength: 3 }),
      complaints: fc.array(fc.record({ date: day }), { maxLength: 3 }),
      orders: fc.array(fc.record({ date: day, amountMinor: amount }), { maxLength: 8 }),
    });
  });

describe("behaviour metrics on random ledgers (property)", () => {
  it("never yield NaN/Infinity and keep the aging identities", () => {
    fc.assert(
      fc.property(ledger, day, (l, asOf) => {
        const b = computeBehaviourMetrics({ ledger: l, asOf });
        expect(JSON.stringify(b)).not.toMatch(/NaN|Infinity|null/);
        const aging = ageReceivables({ ledger: l, asOf });
        expect(Object.values(aging.buckets).reduce((x, y) => x + y, 0)).toBe(b.openBalanceMinor);
        expect(b.overdueMinor).toBe(b.openBalanceMinor - b.aging.current);
        if (b.addb.status === "ok") {
          expect(b.addb.value).toBeGreaterThanOrEqual(0);
        }
        for (const share of [b.overdueShare, b.latePaidShareByAmount12m, b.latePaidShareByCount12m]) {
          if (share.status === "ok") {
            expect(share.value).toBeGreaterThanOrEqual(0);
            expect(share.value).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
