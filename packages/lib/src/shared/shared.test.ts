import { describe, expect, it } from "vitest";
import { AppError, toAppError } from "./app-error.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { parseSort } from "./list.ts";

describe("cursors", () => {
  it("round-trips a position and is URL-safe", () => {
    const position = { sort: "-createdAt", key: "2025-01-02 03:04:05.123456+00", id: 9_007_199_254_740_991 };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "-createdAt")).toEqual(position);
  });

  it.each([
    ["garbage", "code"],
    [Buffer.from('["code","x",1.5]').toString("base64url"), "code"],
    [Buffer.from('{"a":1}').toString("base64url"), "code"],
    [encodeCursor({ sort: "code", key: "A", id: 1 }), "-code"],
  ])("refuses %s under sort %s with a problem on `cursor`", (cursor, sort) => {
    expect(() => decodeCursor(cursor, sort)).toThrow(AppError);
    try {
      decodeCursor(cursor, sort);
    } catch (error) {
      expect((error as AppError).errors[0]?.path).toBe("cursor");
    }
  });
});

describe("parseSort", () => {
  const allowed = ["code", "legalName"] as const;
  it.each([
    [undefined, { field: "code", descending: false }],
    ["legalName", { field: "legalName", descending: false }],
    ["-legalName", { field: "legalName", descending: true }],
  ])("parses %s", (sort, expected) => {
    expect(parseSort(sort, allowed, "code")).toEqual(expected);
  });

  it("refuses fields outside the whitelist", () => {
    expect(() => parseSort("password", allowed, "code")).toThrow(AppError);
  });
});

describe("toAppError", () => {
  it("maps a unique violation (wrapped by Drizzle) to CONFLICT naming the key columns", () => {
    const pg = Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint: "customer_identifiers_type_value_uq",
      detail: "Key (type, value)=(uscc, 91330100799655058B) already exists.",
    });
    const wrapped = Object.assign(new Error("Failed query: insert …"), { cause: pg });
    const e = toAppError(wrapped);
    expect(e.code).toBe("CONFLICT");
    expect(e.status).toBe(409);
    expect(e.errors.map((x) => x.path)).toEqual(["type", "value"]);
  });

  it("maps a foreign-key violation to VALIDATION on the camel-cased column", () => {
    const e = toAppError({
      code: "23503",
      detail: 'Key (customer_id)=(9) is not present in table "customers".',
    });
    expect(e.code).toBe("VALIDATION");
    expect(e.errors).toEqual([{ path: "customerId", message: "refers to a record that does not exist" }]);
  });

  it("hides unknown errors behind INTERNAL", () => {
    const e = toAppError(new Error("connection string postgres://secret"));
    expect(e.code).toBe("INTERNAL");
    expect(e.status).toBe(500);
    expect(e.message).not.toContain("secret");
  });
});
