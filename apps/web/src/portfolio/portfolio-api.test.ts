import { describe, expect, it } from "vitest";
import { bandColour, isWholeBps, lgdFromValues, lgdToValues, migrationRows } from "./portfolio-api.ts";

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

  it("shows the LGD configuration in percent and sends it back as whole basis points", () => {
    const stored = {
      unsecuredBps: 4_500,
      collateralBps: 3_555,
      guaranteeBps: 0,
      unassessedPd: 0.0235,
      version: 3,
    };
    const values = lgdToValues(stored);
    expect(values).toEqual({
      unsecuredPercent: 45,
      collateralPercent: 35.55,
      guaranteePercent: 0,
      unassessedPdPercent: 2.35,
    });
    const { version: _, ...body } = stored;
    expect(lgdFromValues(values)).toEqual(body);
  });

  it("sends an empty unassessed PD as null (those customers stay out of EL)", () => {
    const base = { unsecuredPercent: 100, collateralPercent: 45.55, guaranteePercent: 12.5 };
    expect(lgdFromValues(base)).toEqual({
      unsecuredBps: 10_000,
      collateralBps: 4_555,
      guaranteeBps: 1_250,
      unassessedPd: null,
    });
    expect(lgdFromValues({ ...base, unassessedPdPercent: null }).unassessedPd).toBeNull();
    expect(
      lgdToValues({ unsecuredBps: 1, collateralBps: 1, guaranteeBps: 1, unassessedPd: null, version: 0 }),
    ).toMatchObject({ unsecuredPercent: 0.01, unassessedPdPercent: null });
  });

  it.each([
    [45, true],
    [45.55, true],
    [0.01, true],
    [45.555, false],
    [0.001, false],
  ])("knows whether %d %% is a whole number of basis points (%s)", (percent, whole) => {
    expect(isWholeBps(percent)).toBe(whole);
  });
});
