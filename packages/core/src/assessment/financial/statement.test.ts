import { describe, expect, it } from "vitest";
import { ROUND_STATEMENT } from "./fixtures.ts";
import { financialStatementSchema } from "./statement.ts";

describe("financial statement schema", () => {
  it("accepts a statement in minor units", () => {
    expect(financialStatementSchema.parse(ROUND_STATEMENT)).toEqual(ROUND_STATEMENT);
  });

  it.each([
    [{ revenue: 1.5 }, "revenue"],
    [{ periodStart: "2025-01-01" }, "periodStart"],
    [{ currency: "cny" }, "currency"],
  ])("rejects %o at %s", (patch, path) => {
    const r = financialStatementSchema.safeParse({ ...ROUND_STATEMENT, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([path]);
  });
});
