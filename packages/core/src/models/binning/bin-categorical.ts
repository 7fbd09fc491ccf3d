import type { CategoricalColumn } from "../data/dataset.ts";
import { finishBinning } from "./bin-numeric.ts";
import type { Binning, BinningOptions, BinRule } from "./bin-types.ts";
import { mergeCells } from "./merge-cells.ts";
import type { GoodBad } from "./woe.ts";

/**
 * Bins a categorical characteristic: categories are ordered by (smoothed) bad rate and then merged
 * like numeric pre-bins, so categories of similar risk are grouped and rare ones (below the
 * minimum share) join the neighbour with the closest bad rate. WOE is then monotonic by
 * construction. Missing is its own bin; unseen categories are scored as missing.
 */
export function binCategorical(
  column: CategoricalColumn,
  target: Uint8Array,
  options: BinningOptions,
): Binning {
  const counts = new Map<string, { good: number; bad: number }>();
  const missing = { good: 0, bad: 0 };
  column.values.forEach((value, i) => {
    let bucket = missing;
    if (value !== null) {
      bucket = counts.get(value) ?? { good: 0, bad: 0 };
      counts.set(value, bucket);
    }
    if (target[i] === 1) {
      bucket.bad++;
    } else {
      bucket.good++;
    }
  });
  // Beta(1,1)-smoothed bad rate so a tiny category does not sort to an extreme by chance.
  const rate = (c: GoodBad) => (c.bad + 1) / (c.good + c.bad + 2);
  const categories = [...counts.entries()].sort(
    (a, b) => rate(a[1]) - rate(b[1]) || a[0].localeCompare(b[0]),
  );
  const cells = categories.map(([, c]) => c);
  const n = column.values.length;
  const ends = mergeCells(cells, { ...options, total: n });
  const groups: { rule: BinRule; label: string; counts: GoodBad }[] = [];
  let start = 0;
  for (const end of ends) {
    const members = categories.slice(start, end);
    const values = members.map(([name]) => name);
    groups.push({
      rule: { kind: "categories", values },
      label: values.join(" | "),
      counts: members.reduce((acc, [, c]) => ({ good: acc.good + c.good, bad: acc.bad + c.bad }), {
        good: 0,
        bad: 0,
      }),
    });
    start = end;
  }
  groups.push({ rule: { kind: "missing" }, label: "missing", counts: missing });
  return finishBinning({
    feature: column.name,
    kind: "categorical",
    groups,
    trend: "descending",
    missingShare: n === 0 ? 0 : (missing.good + missing.bad) / n,
  });
}
