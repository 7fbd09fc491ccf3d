import type { FeatureColumn } from "../data/dataset.ts";

/** A characteristic as the GBDT model sees it. */
export type GbdtFeature =
  | { readonly name: string; readonly kind: "numeric" }
  /** Categories in code order (ascending training bad rate); others are treated as missing. */
  | { readonly name: string; readonly kind: "categorical"; readonly categories: readonly string[] };

/**
 * One tree, struct of arrays (compact JSON). Node 0 is the root; `feature` −1 marks a leaf.
 * Numeric split: x ≤ threshold goes left. Categorical split: the first `threshold` categories of
 * the feature's ordered list go left. Missing/unseen values go left when `missingLeft`.
 * `value` holds the leaf value, and for inner nodes the node's own weight (for path attribution).
 */
export interface GbdtTree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly missingLeft: readonly boolean[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

export interface GbdtModel {
  /** Initial margin: log-odds of the training bad rate. */
  readonly baseMargin: number;
  readonly features: readonly GbdtFeature[];
  readonly trees: readonly GbdtTree[];
  /** Total split gain per characteristic (loss reduction), largest first. */
  readonly importance: readonly { feature: string; gain: number }[];
}

type Router = (i: number, feature: number, threshold: number, missingLeft: boolean) => boolean;

/** A routing function over raw columns (aligned with model.features). */
function makeRouter(model: GbdtModel, columns: readonly FeatureColumn[]): Router {
  const codes = model.features.map((f, j) => {
    const column = columns[j]!;
    if (f.kind === "numeric") {
      return null;
    }
    const lookup = new Map(f.categories.map((c, k) => [c, k + 1]));
    return Int32Array.from(column.values as readonly (string | null | number)[], (v) =>
      typeof v === "string" ? (lookup.get(v) ?? 0) : 0,
    );
  });
  return (i, feature, threshold, missingLeft) => {
    const coded = codes[feature];
    if (coded) {
      const code = coded[i]!;
      return code === 0 ? missingLeft : code <= threshold;
    }
    const x = columns[feature]!.values[i] as number;
    return Number.isNaN(x) ? missingLeft : x <= threshold;
  };
}

/** Margins (log-odds of bad) for raw columns aligned with `model.features`. */
export function predictGbdtMargin(
  model: GbdtModel,
  columns: readonly FeatureColumn[],
  rows: number,
): Float64Array {
  const route = makeRouter(model, columns);
  const out = new Float64Array(rows).fill(model.baseMargin);
  for (const tree of model.trees) {
    for (let i = 0; i < rows; i++) {
      let node = 0;
      while (tree.feature[node]! >= 0) {
        node = route(i, tree.feature[node]!, tree.threshold[node]!, tree.missingLeft[node]!)
          ? tree.left[node]!
          : tree.right[node]!;
      }
      out[i] = out[i]! + tree.value[node]!;
    }
  }
  return out;
}

/**
 * Per-row contributions by path attribution (Saabas 2014, "treeinterpreter"): along each tree path
 * the change of node value is credited to the splitting characteristic. `bias` + Σ contributions
 * equals the margin exactly. (TreeSHAP would spread credit more fairly; this is the cheap variant.)
 */
export function gbdtContributions(
  model: GbdtModel,
  columns: readonly FeatureColumn[],
  rows: number,
): { bias: Float64Array; contributions: Float64Array[] } {
  const route = makeRouter(model, columns);
  const bias = new Float64Array(rows).fill(model.baseMargin);
  const contributions = model.features.map(() => new Float64Array(rows));
  for (const tree of model.trees) {
    for (let i = 0; i < rows; i++) {
      let node = 0;
      bias[i] = bias[i]! + tree.value[0]!;
      while (tree.feature[node]! >= 0) {
        const f = tree.feature[node]!;
        const next = route(i, f, tree.threshold[node]!, tree.missingLeft[node]!)
          ? tree.left[node]!
          : tree.right[node]!;
        const c = contributions[f]!;
        c[i] = c[i]! + tree.value[next]! - tree.value[node]!;
        node = next;
      }
    }
  }
  return { bias, contributions };
}
