import type { Dataset } from "../data/dataset.ts";
import { createRng, shuffleInPlace } from "../data/rng.ts";
import type { FeatureBinner } from "./feature-binner.ts";
import { binCount, encodeColumn, fitBinner } from "./feature-binner.ts";
import type { GbdtFeature, GbdtModel, GbdtTree } from "./gbdt-model.ts";
import type { GbdtParams } from "./gbdt-params.ts";
import { DEFAULT_GBDT_PARAMS } from "./gbdt-params.ts";
import type { CodeTree } from "./grow-tree.ts";
import { addCodeTree, createGrowWorkspace, growTreeWithPartition } from "./grow-tree.ts";

export interface TrainGbdtResult {
  readonly model: GbdtModel;
  readonly params: GbdtParams;
  /** Trees kept (the best validation round when early stopping). */
  readonly bestIteration: number;
  readonly history: { iteration: number; validationLogLoss: number | null }[];
}

/** Mean log loss from margins: softplus(m) − y·m, with softplus(m) = max(m, 0) + log1p(e^−|m|). */
function meanLogLoss(target: Uint8Array, margin: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < margin.length; i++) {
    const m = margin[i]!;
    const e = Math.exp(m > 0 ? -m : m);
    const softplus = m > 0 ? m + Math.log1p(e) : Math.log1p(e);
    sum += softplus - target[i]! * m;
  }
  return sum / margin.length;
}

/**
 * Logistic loss at row i: g = p − y, h = p(1 − p), with p = sigmoid(m) from one exp (e^−|m|);
 * h is floored so a leaf's Newton step stays finite.
 */
function setGradient(grad: Float64Array, hess: Float64Array, target: Uint8Array, i: number, m: number): void {
  const e = Math.exp(m >= 0 ? -m : m);
  const p = m >= 0 ? 1 / (1 + e) : e / (1 + e);
  grad[i] = p - target[i]!;
  hess[i] = Math.max(p * (1 - p), 1e-16);
}

/** Converts a code tree into the serialisable tree on raw values. */
function toModelTree(tree: CodeTree, binners: readonly FeatureBinner[]): GbdtTree {
  const threshold = tree.feature.map((f, node) => {
    if (f < 0) {
      return 0;
    }
    const binner = binners[f]!;
    const t = tree.threshold[node]!;
    // Numeric: codes 1..t hold x ≤ edges[t−1]; categorical: the first t categories.
    return binner.kind === "numeric" ? binner.edges[t - 1]! : t;
  });
  return {
    feature: [...tree.feature],
    threshold,
    missingLeft: [...tree.missingLeft],
    left: [...tree.left],
    right: [...tree.right],
    value: [...tree.value],
  };
}

/**
 * Gradient boosting with logistic loss on histogram bins (Friedman 2001; XGBoost's second-order
 * leaf weights, Chen & Guestrin 2016). Early stopping watches the validation log loss.
 */
export function trainGbdt(options: {
  train: Dataset;
  validation?: Dataset;
  params?: Partial<GbdtParams>;
}): TrainGbdtResult {
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...options.params };
  const { train, validation } = options;
  const maxBins = Math.min(Math.max(params.maxBins, 3), 256);
  const binners = train.features.map((column) => fitBinner(column, train.target, maxBins));
  const codes = binners.map((b, j) => encodeColumn(b, train.features[j]!));
  const validCodes = validation ? binners.map((b, j) => encodeColumn(b, validation.features[j]!)) : [];
  const nBins = binners.map(binCount);
  const offsets = new Int32Array(nBins.length);
  let totalBins = 0;
  nBins.forEach((count, j) => {
    offsets[j] = totalBins;
    totalBins += count;
  });
  const monotone = Int8Array.from(train.features, (f) =>
    f.kind === "numeric" ? (params.monotone[f.name] ?? 0) : 0,
  );

  const n = train.rows;
  let bads = 0;
  for (let i = 0; i < n; i++) {
    bads += train.target[i]!;
  }
  const baseMargin = Math.log((bads + 0.5) / (n - bads + 0.5));
  const margin = new Float64Array(n).fill(baseMargin);
  const validMargin = new Float64Array(validation?.rows ?? 0).fill(baseMargin);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const random = createRng(params.seed);
  const ctx = { codes, nBins, offsets, totalBins, grad, hess, monotone, params };
  const trees: CodeTree[] = [];
  const history: TrainGbdtResult["history"] = [];
  let best = { loss: Number.POSITIVE_INFINITY, iteration: 0 };
  const allRows = Uint32Array.from({ length: n }, (_, i) => i);
  const allFeatures = train.features.map((_, j) => j);
  const workspace = createGrowWorkspace(n, totalBins);
  const bagBuffer = new Uint32Array(params.subsample < 1 ? n : 0);
  const outOfBagBuffer = new Uint32Array(params.subsample < 1 ? n : 0);
  const target = train.target;

  for (let i = 0; i < n; i++) {
    setGradient(grad, hess, target, i, baseMargin);
  }
  for (let iteration = 1; iteration <= params.maxIterations; iteration++) {
    let rows = allRows;
    let outOfBag: Uint32Array | undefined;
    if (params.subsample < 1) {
      let inBag = 0;
      let outside = 0;
      for (let i = 0; i < n; i++) {
        if (random() < params.subsample) {
          bagBuffer[inBag++] = i;
        } else {
          outOfBagBuffer[outside++] = i;
        }
      }
      rows = bagBuffer.subarray(0, inBag);
      outOfBag = outOfBagBuffer.subarray(0, outside);
    }
    let features = allFeatures;
    if (params.colsample < 1) {
      const shuffled = [...allFeatures];
      shuffleInPlace(shuffled, random);
      features = shuffled
        .slice(0, Math.max(1, Math.ceil(params.colsample * allFeatures.length)))
        .sort((a, b) => a - b);
    }
    const { tree, index, leaves } = growTreeWithPartition(ctx, rows, features, workspace);
    trees.push(tree);
    // The grower already knows which leaf every sampled row fell into: add the leaf values along
    // the partition, and compute the next round's gradient while the row is at hand. Only rows
    // left out by subsampling still walk the tree.
    for (const leaf of leaves) {
      const value = tree.value[leaf.node]!;
      for (let k = leaf.start; k < leaf.end; k++) {
        const i = index[k]!;
        const m = margin[i]! + value;
        margin[i] = m;
        setGradient(grad, hess, target, i, m);
      }
    }
    if (outOfBag && outOfBag.length > 0) {
      addCodeTree(tree, codes, margin, outOfBag);
      for (let k = 0; k < outOfBag.length; k++) {
        const i = outOfBag[k]!;
        setGradient(grad, hess, target, i, margin[i]!);
      }
    }
    let validLoss: number | null = null;
    if (validation) {
      addCodeTree(tree, validCodes, validMargin);
      validLoss = meanLogLoss(validation.target, validMargin);
      if (validLoss < best.loss - 1e-12) {
        best = { loss: validLoss, iteration };
      }
    } else {
      best = { loss: 0, iteration };
    }
    history.push({ iteration, validationLogLoss: validLoss });
    if (
      validation &&
      params.earlyStoppingRounds > 0 &&
      iteration - best.iteration >= params.earlyStoppingRounds
    ) {
      break;
    }
    if (tree.feature.length === 1 && iteration > 1) {
      // A stump with no split cannot improve further.
      break;
    }
  }
  const kept = trees.slice(0, best.iteration);
  const gain = new Float64Array(binners.length);
  for (const tree of kept) {
    tree.feature.forEach((f, node) => {
      if (f >= 0) {
        gain[f] = gain[f]! + tree.gain[node]!;
      }
    });
  }
  const features: GbdtFeature[] = binners.map((b) =>
    b.kind === "numeric"
      ? { name: b.name, kind: "numeric" }
      : { name: b.name, kind: "categorical", categories: b.categories },
  );
  const importance = binners
    .map((b, j) => ({ feature: b.name, gain: gain[j]! }))
    .sort((a, b) => b.gain - a.gain || a.feature.localeCompare(b.feature));
  return {
    model: { baseMargin, features, trees: kept.map((t) => toModelTree(t, binners)), importance },
    params,
    bestIteration: best.iteration,
    history,
  };
}
