/** Where one customer stood at the two dates of a migration matrix. */
export interface MigrationRecord {
  readonly customerId: number;
  /** The customer was in the portfolio at the first date (traded or was assessed by then). */
  readonly existedAtFrom: boolean;
  /** Grade (or notch) of the latest assessment on or before each date; null = not assessed. */
  readonly from: string | null;
  readonly to: string | null;
  /** A realised default between the two dates (after `from`, up to and including `to`). */
  readonly defaulted: boolean;
  /** The customer left the portfolio (closed) by the second date. */
  readonly left: boolean;
}

export const UNASSESSED = "unassessed";
export const NEW = "new";
export const DEFAULTED = "default";
export const LEFT = "left";

export interface MigrationMatrix {
  /** Row states: the scale's grades, then `unassessed` (in the portfolio, no grade), then `new`. */
  readonly rows: readonly string[];
  /** Column states: the scale's grades, then `unassessed`, `default`, `left`. */
  readonly columns: readonly string[];
  /** counts[r][c]: customers in row state r at the first date and column state c at the second. */
  readonly counts: readonly (readonly number[])[];
  /** Row totals; every row but `new` sums to the population at the first date. */
  readonly rowTotals: readonly number[];
  /** Customers in the portfolio at the first date (all rows but `new`). */
  readonly population: number;
  /** Row-normalised transition rates (0–1), 0 for an empty row. */
  readonly rates: readonly (readonly number[])[];
  /** Share of the first-date population (graded rows) that moved to a worse / better grade. */
  readonly downgraded: number;
  readonly upgraded: number;
}

/**
 * Grade migration matrix between two dates. Each customer of the first-date population falls in
 * exactly one row (its grade then, or `unassessed`) and one column: `default` when it defaulted
 * in between (whatever its grade after), else `left` when it left the portfolio, else its grade at
 * the second date (or `unassessed`). Customers that joined after the first date form the `new`
 * row. `scale` lists grades best first; a grade not in it is appended (so nothing is dropped).
 */
export function buildMigrationMatrix(
  records: Iterable<MigrationRecord>,
  scale: readonly string[],
): MigrationMatrix {
  const list = [...records];
  const grades = [...scale];
  for (const r of list) {
    for (const g of [r.from, r.to]) {
      if (g !== null && !grades.includes(g)) {
        grades.push(g);
      }
    }
  }
  const rows = [...grades, UNASSESSED, NEW];
  const columns = [...grades, UNASSESSED, DEFAULTED, LEFT];
  const counts = rows.map(() => columns.map(() => 0));
  for (const r of list) {
    const row = r.existedAtFrom ? (r.from ?? UNASSESSED) : NEW;
    const column = r.defaulted ? DEFAULTED : r.left ? LEFT : (r.to ?? UNASSESSED);
    counts[rows.indexOf(row)]![columns.indexOf(column)]!++;
  }
  const rowTotals = counts.map((cells) => cells.reduce((a, b) => a + b, 0));
  const population = rowTotals.slice(0, rows.length - 1).reduce((a, b) => a + b, 0);
  let down = 0;
  let up = 0;
  let graded = 0;
  grades.forEach((_, i) => {
    graded += rowTotals[i]!;
    grades.forEach((__, j) => {
      if (j > i) {
        down += counts[i]![j]!;
      } else if (j < i) {
        up += counts[i]![j]!;
      }
    });
  });
  return {
    rows,
    columns,
    counts,
    rowTotals,
    population,
    rates: counts.map((cells, i) => cells.map((c) => (rowTotals[i] === 0 ? 0 : c / rowTotals[i]!))),
    downgraded: graded === 0 ? 0 : down / graded,
    upgraded: graded === 0 ? 0 : up / graded,
  };
}
