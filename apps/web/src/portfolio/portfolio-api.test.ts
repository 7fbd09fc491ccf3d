import { describe, expect, it } from "vitest";
import { bandColour, migrationRows } from "./portfolio-api.ts";

describe("portfolio page helpers", () => {
  it("colours HHI bands", () => {
    expect([bandColour("unconcentrated"), bandColour("moderate"), bandColour("high")]).toEqual([
      "green",
      "orange",
      "red",
    ]);
  });

  it("lays a migration matrix out as rows keyed by column with totals", () => {
    const rows = migrationRows({
      rows: ["low", "new"],
      columns: ["low", "default"],
      counts: [
        [3, 1],
        [2, 0],
      ],
      rowTotals: [4, 2],
      population: 4,
      downgraded: 0,
      upgraded: 0,
    });
    expect(rows).toEqual([
      { row: "low", low: 3, default: 1, total: 4 },
      { row: "new", low: 2, default: 0, total: 2 },
    ]);
  });
});
