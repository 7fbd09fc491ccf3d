import { describe, expect, it } from "vitest";
import {
  approvalChain,
  approvalRefusal,
  DEFAULT_AUTHORITY_MATRIX,
  effectiveAuthority,
  requiredAuthority,
  stepApprovalRefusal,
} from "./authority.ts";

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

  it("lets a personal limit narrow, never widen, the role's authority", () => {
    expect(effectiveAuthority(1_000_000_000, 100_000_000)).toBe(100_000_000);
    expect(effectiveAuthority(100_000_000, 1_000_000_000)).toBe(100_000_000);
    expect(effectiveAuthority(null, 5)).toBe(5);
    expect(effectiveAuthority(7, null)).toBe(7);
    const release = (ownLimitMinor: number | null) =>
      approvalRefusal({
        matrix: DEFAULT_AUTHORITY_MATRIX,
        actor: { id: "wang", role: "credit_manager" },
        requesterId: "li",
        amountMinor: 500_000_000,
        ownLimitMinor,
      })?.code ?? null;
    expect(release(null)).toBeNull();
    expect(release(100_000_000)).toBe("INSUFFICIENT_AUTHORITY");
  });
});

describe("multi-level approval chain", () => {
  const M = DEFAULT_AUTHORITY_MATRIX;
  it.each([
    // amount, requester role, levels
    [50_000_000, "sales", [1]],
    [500_000_000, "sales", [1, 2]],
    [5_000_000_000, "finance_ar", [1, 2, 3]],
    [500_000_000, "credit_analyst", [2]],
    [5_000_000_000, "credit_analyst", [2, 3]],
    [50_000_000, "credit_manager", [1]],
    [500_000_000, "credit_manager", [2]],
    [5_000_000_000, "admin", [3]],
  ])("routes %i requested by %s through levels %j", (amountMinor, requesterRole, levels) => {
    expect(approvalChain(M, { amountMinor, requesterRole })?.levels).toEqual(levels);
  });

  const step = (o: {
    role: string;
    level: number;
    finalLevel: number;
    amountMinor: number;
    ownLimitMinor?: number | null;
    earlier?: string[];
    id?: string;
  }) =>
    stepApprovalRefusal({
      matrix: M,
      actor: { id: o.id ?? "zhao", role: o.role },
      ownLimitMinor: o.ownLimitMinor ?? null,
      requesterId: "li",
      earlierApprovers: o.earlier ?? [],
      level: o.level,
      finalLevel: o.finalLevel,
      amountMinor: o.amountMinor,
    })?.code ?? null;

  it("lets an analyst vouch for level 1 of a 5 m request but not decide level 2", () => {
    expect(step({ role: "credit_analyst", level: 1, finalLevel: 2, amountMinor: 500_000_000 })).toBeNull();
    expect(step({ role: "credit_analyst", level: 2, finalLevel: 2, amountMinor: 500_000_000 })).toBe(
      "LEVEL_TOO_LOW",
    );
  });

  it("refuses the approver of an earlier level, and the requester, at any level", () => {
    const earlier = ["zhao"];
    expect(step({ role: "credit_manager", level: 2, finalLevel: 2, amountMinor: 500_000_000, earlier })).toBe(
      "ALREADY_APPROVED",
    );
    expect(step({ id: "li", role: "admin", level: 1, finalLevel: 2, amountMinor: 500_000_000 })).toBe(
      "OWN_REQUEST",
    );
  });

  it("refuses a manager whose own limit (1 m) is below the 5 m the final level vouches for", () => {
    const manager = { role: "credit_manager", level: 2, finalLevel: 2, amountMinor: 500_000_000 };
    expect(step(manager)).toBeNull();
    expect(step({ ...manager, ownLimitMinor: 100_000_000 })).toBe("INSUFFICIENT_AUTHORITY");
    // Below the final level a step vouches for its level's maximum only (1 m at level 1).
    expect(step({ ...manager, level: 1, ownLimitMinor: 100_000_000 })).toBeNull();
    expect(step({ ...manager, level: 1, ownLimitMinor: 50_000_000 })).toBe("INSUFFICIENT_AUTHORITY");
  });
});
