import type { RawTable } from "../data/dataset.ts";
import { createRng } from "../data/rng.ts";

/**
 * A seeded synthetic credit table with nonlinear effects (for tests and the benchmark):
 * PD rises with utilisation (convex), is U-shaped in age, depends on a categorical region with an
 * interaction with income, and has missing values and a noise column.
 */
export function syntheticCreditTable(options: { rows: number; seed: number }): RawTable {
  const random = createRng(options.seed);
  const regions = ["north", "south", "east", "west", "centre"] as const;
  const regionEffect = [-0.4, 0.5, 0.0, 0.3, -0.2];
  const rows: string[][] = [];
  for (let i = 0; i < options.rows; i++) {
    const age = 18 + Math.floor(random() * 60);
    const income = Math.exp(9 + random() * 2);
    const utilisation = random();
    const region = Math.floor(random() * regions.length);
    const noise = random();
    const delinquencies = Math.floor(-Math.log(1 - random()) * 0.8);
    const margin =
      -2.2 +
      2.5 * utilisation ** 2 +
      0.0015 * (age - 45) ** 2 -
      0.4 * (Math.log(income) - 10) +
      regionEffect[region]! * (income < 20000 ? 1.5 : 0.5) +
      0.45 * Math.min(delinquencies, 4);
    const bad = random() < 1 / (1 + Math.exp(-margin)) ? "1" : "0";
    rows.push([
      String(i + 1),
      String(age),
      random() < 0.05 ? "" : income.toFixed(0),
      utilisation.toFixed(3),
      random() < 0.02 ? "NA" : regions[region]!,
      String(delinquencies),
      noise.toFixed(4),
      bad,
    ]);
  }
  return {
    header: ["id", "age", "income", "utilisation", "region", "delinquencies", "noise", "default"],
    rows,
  };
}
