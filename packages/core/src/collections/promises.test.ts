import { describe, expect, it } from "vitest";
import { evaluatePromise } from "./promises.ts";

const terms = { madeOn: "2025-06-01", promisedOn: "2025-06-10", promisedMinor: 100_000, graceDays: 3 };

describe("promise to pay", () => {
  it("is kept by payments up to and including promised date + grace", () => {
    const r = evaluatePromise(
      terms,
      [
        { receivedOn: "2025-06-05", amountMinor: 40_000 },
        { receivedOn: "2025-06-13", amountMinor: 60_000 },
      ],
      "2025-06-20",
    );
    expect(r).toEqual({ status: "kept", deadline: "2025-06-13", paidMinor: 100_000, keptOn: "2025-06-13" });
  });

  it("is broken when the last part arrives one day after the grace period", () => {
    const r = evaluatePromise(
      terms,
      [
        { receivedOn: "2025-06-05", amountMinor: 40_000 },
        { receivedOn: "2025-06-14", amountMinor: 60_000 },
      ],
      "2025-06-20",
    );
    expect(r.status).toBe("broken");
    expect(r.paidMinor).toBe(40_000);
  });

  it("stays open on the deadline day itself and breaks the day after", () => {
    expect(evaluatePromise(terms, [], "2025-06-13").status).toBe("open");
    expect(evaluatePromise(terms, [], "2025-06-14").status).toBe("broken");
  });

  it("is kept early once the amount is reached, and ignores payments from before the promise", () => {
    expect(
      evaluatePromise(terms, [{ receivedOn: "2025-06-02", amountMinor: 100_000 }], "2025-06-03").status,
    ).toBe("kept");
    expect(
      evaluatePromise(terms, [{ receivedOn: "2025-05-31", amountMinor: 100_000 }], "2025-06-03").status,
    ).toBe("open");
  });

  it("does not count a payment short of the promised amount by one minor unit", () => {
    expect(
      evaluatePromise(terms, [{ receivedOn: "2025-06-10", amountMinor: 99_999 }], "2025-06-30").status,
    ).toBe("broken");
  });
});
