import { describe, expect, it } from "vitest";
import { buildMigrationMatrix, type MigrationRecord } from "./migration.ts";

const scale = ["low", "medium", "high"];
const rec = (customerId: number, r: Partial<MigrationRecord>): MigrationRecord => ({
  customerId,
  existedAtFrom: true,
  from: null,
  to: null,
  defaulted: false,
  left: false,
  ...r,
});

describe("grade migration matrix", () => {
  const records = [
    rec(1, { from: "low", to: "low" }),
    rec(2, { from: "low", to: "medium" }),
    rec(3, { from: "medium", to: "low" }),
    rec(4, { from: "medium", to: "high", defaulted: true }),
    rec(5, { from: "high", to: "high", left: true }),
    rec(6, { from: null, to: "medium" }),
    rec(7, { from: "high", to: null }),
    rec(8, { existedAtFrom: false, to: "low" }),
    rec(9, { existedAtFrom: false, to: null }),
  ];

  it("puts every customer of the first date in one row, so rows sum to the population", () => {
    const m = buildMigrationMatrix(records, scale);
    expect(m.rows).toEqual(["low", "medium", "high", "unassessed", "new"]);
    expect(m.columns).toEqual(["low", "medium", "high", "unassessed", "default", "left"]);
    const byRow = Object.fromEntries(m.rows.map((r, i) => [r, m.rowTotals[i]]));
    expect(byRow).toEqual({ low: 2, medium: 2, high: 2, unassessed: 1, new: 2 });
    expect(m.population).toBe(records.filter((r) => r.existedAtFrom).length);
    expect(m.rowTotals.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(m.population);
    for (const [i, cells] of m.counts.entries()) {
      expect(cells.reduce((a, b) => a + b, 0)).toBe(m.rowTotals[i]);
    }
  });

  it("counts a default ahead of the later grade and a closed customer as left", () => {
    const m = buildMigrationMatrix(records, scale);
    const cell = (r: string, c: string) => m.counts[m.rows.indexOf(r)]![m.columns.indexOf(c)];
    expect(cell("medium", "default")).toBe(1);
    expect(cell("medium", "high")).toBe(0);
    expect(cell("high", "left")).toBe(1);
    expect(cell("high", "unassessed")).toBe(1);
    expect(cell("unassessed", "medium")).toBe(1);
    expect(cell("new", "low")).toBe(1);
    expect(cell("new", "unassessed")).toBe(1);
    // Of 6 graded customers, low→medium is the one downgrade, medium→low the one upgrade.
    expect(m.downgraded).toBeCloseTo(1 / 6, 12);
    expect(m.upgraded).toBeCloseTo(1 / 6, 12);
    expect(m.rates[0]).toEqual([0.5, 0.5, 0, 0, 0, 0]);
  });
});
