import { describe, expect, it } from "vitest";
import { approvalRefusal, DEFAULT_AUTHORITY_MATRIX, requiredAuthority } from "./authority.ts";

describe("authority matrix", () => {
  it.each([
    [50_000_000, "credit_analyst"],
    [100_000_000, "credit_analyst"],
    [100_000_001, "credit_manager"],
    [3_000_000_000, "admin"],
    [9_000_000_000, "admin"],
  ])("routes %i to %s", (amount, role) => {
    expect(requiredAuthority(DEFAULT_AUTHORITY_MATRIX, amount)?.role).toBe(role);
  });

  it("refuses the requester (four eyes) even with enough authority", () => {
    expect(
      approvalRefusal({
        matrix: DEFAULT_AUTHORITY_MATRIX,
        actor: { id: "li", role: "admin" },
        requesterId: "li",
        amountMinor: 1,
      })?.code,
    ).toBe("OWN_REQUEST");
  });

  it("refuses a role whose authority does not cover the amount, allows one that does", () => {
    const ask = (role: string) =>
      approvalRefusal({
        matrix: DEFAULT_AUTHORITY_MATRIX,
        actor: { id: "wang", role },
        requesterId: "li",
        amountMinor: 200_000_000,
      });
    expect(ask("credit_analyst")?.code).toBe("INSUFFICIENT_AUTHORITY");
    expect(ask("sales")?.code).toBe("UNKNOWN_ROLE");
    expect(ask("credit_manager")).toBeNull();
  });
});
