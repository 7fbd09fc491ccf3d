import { describe, expect, it } from "vitest";
import { ROUND_STATEMENT } from "./fixtures.ts";
import { financialStatementSchema } from "./statement.ts";

describe("financial statement schema", () => {
  it("accepts a statement in minor units", () => {
    expect(financialStatementSchema.parse(ROUND_STATEMENT)).toEqual(ROUND_STATEMENT);
  });

  it("accepts absent lines, and reads null lines as absent", () => {
    const { operatingCashFlow: _o, intangibleAssets: _i, ...partial } = ROUND_STATEMENT;
    const parsed = financialStatementSchema.parse({ ...partial, cash: null });
    expect(parsed.cash).toBeUndefined();
    expect("operatingCashFlow" in parsed).toBe(false);
    expect(parsed.revenue).toBe(1_500_000);
    expect(
      financialStatementSchema.parse({ periodStart: "2024-01-01", periodEnd: "2024-12-31", currency: "CNY" }),
    ).toEqual({
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      currency: "CNY",
    });
  });

  it.each([
    [{ revenue: 1.5 }, "revenue"],
    [{ cash: "12" }, "cash"],
    [{ periodStart: "2025-01-01" }, "periodStart"],
    [{ currency: "cny" }, "currency"],
    [{ currency: undefined }, "currency"],
  ])("rejects %o at %s", (patch, path) => {
    const r = financialStatementSchema.safeParse({ ...ROUND_STATEMENT, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([path]);
  });
});
