import { describe, expect, it } from "vitest";
import { fieldProblemsOf } from "../api/client.ts";
import { placeFieldProblems } from "./form-problems.ts";

describe("placeFieldProblems", () => {
  const fields = [["policy"], ["amount"], ["invoices"], ["lines", 0, "note"]];

  it("puts a problem on the field of the same name", () => {
    expect(placeFieldProblems([{ path: "policy", message: "unknown policy" }], fields)).toEqual({
      placed: [{ name: ["policy"], errors: ["unknown policy"] }],
      rest: [],
    });
  });

  it("follows an alias where the request's name differs from the form's", () => {
    const { placed } = placeFieldProblems([{ path: "requestedMinor", message: "must be positive" }], fields, {
      requestedMinor: "amount",
    });
    expect(placed).toEqual([{ name: ["amount"], errors: ["must be positive"] }]);
  });

  it("falls back from an item of a list to the list's field, keeping every message", () => {
    const { placed } = placeFieldProblems(
      [
        { path: "invoices.0", message: "invoice A does not exist" },
        { path: "invoices.2", message: "invoice C is not open" },
      ],
      fields,
    );
    expect(placed).toEqual([
      { name: ["invoices"], errors: ["invoice A does not exist", "invoice C is not open"] },
    ]);
  });

  it("matches nested names with numeric segments", () => {
    const { placed } = placeFieldProblems([{ path: "lines.0.note", message: "too long" }], fields);
    expect(placed).toEqual([{ name: ["lines", 0, "note"], errors: ["too long"] }]);
  });

  it.each(["customerId", "", "status.deep"])(
    "leaves %j, which names no field of the form, to the form",
    (path) => {
      expect(placeFieldProblems([{ path, message: "m" }], fields)).toEqual({
        placed: [],
        rest: [{ path, message: "m" }],
      });
    },
  );
});

describe("fieldProblemsOf", () => {
  it("keeps the well-formed entries of a problem's errors and ignores the rest", () => {
    expect(
      fieldProblemsOf([{ path: "reason", message: "is required" }, { path: 3 }, null, "x", { message: "m" }]),
    ).toEqual([{ path: "reason", message: "is required" }]);
  });

  it.each([undefined, null, "errors", { path: "a", message: "b" }])(
    "reads %j as no field problems",
    (errors) => {
      expect(fieldProblemsOf(errors)).toEqual([]);
    },
  );
});
