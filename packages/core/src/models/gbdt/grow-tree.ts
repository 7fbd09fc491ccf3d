import type { GbdtParams } from "./gbdt-params.ts";

/** A tree as grown on bin codes: struct of arrays, node 0 is the root, feature −1 marks a leaf. */
export interface CodeTree {
  readonly feature: number[];
  /** Codes 1..threshold go left. */
  readonly threshold: number[];
  readonly missingLeft: boolean[];
  readonly left: number[];
  readonly right: number[];
  /** Learning-rate-scaled Newton weight of every node (leaf value, or the node's expectation). */
  readonly value: number[];
  readonly gain: number[];
  readonly cover: number[];
}

/** Everything the tree grower reads; codes are column-major, one Uint8Array per characteristic. */
export interface GrowContext {
  readonly codes: readonly Uint8Array[];
  readonly nBins: readonly number[];
  readonly offsets: Int32Array;
  readonly totalBins: number;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** +1 / −1 / 0 per characteristic (monotonic constraint on the margin). */
  readonly monotone: Int8Array;
  readonly params: GbdtParams;
}

interface Split {
  feature: number;
  threshold: number;
  missingLeft: boolean;
  gain: number;
  gl: number;
  hl: number;
  cl: number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array;
  lower: number;
  upper: number;
  split: Split | undefined;
}

function clamp(w: number, lower: number, upper: number): number {
  return Math.max(lower, Math.min(w, upper));
}

/** Loss reduction of a leaf with weight w: −(G·w + ½(H+λ)·w²) (Chen & Guestrin 2016, eq. 5). */
function leafScore(g: number, h: number, w: number, lambda: number): number {
  return -(g * w + 0.5 * (h + lambda) * w * w);
}

/**
 * Grows one regression tree on gradients/hessians, best-first (leaf-wise, as LightGBM and
 * sklearn's HistGradientBoosting) up to maxLeaves/maxDepth. Histograms (Σg, Σh, count per bin) are
 * built only for the smaller child; the larger child's is the parent's minus the smaller's.
 * Missing values (code 0) try both directions and keep the better one. Monotonic constraints
 * follow XGBoost: children weights must be ordered and bound their subtrees at the midpoint.
 */
export function growTree(ctx: GrowContext, rows: Uint32Array, features: readonly number[]): CodeTree {
  return growTreeWithPartition(ctx, rows, features).tree;
}

/**
 * The rows of the grown tree by leaf: `index[start..end)` are the rows that reached leaf `node`.
 * Known at build time, so the trainer can add each leaf's value to its rows' margins directly
 * instead of walking every row through the tree again.
 */
export interface TreePartition {
  readonly tree: CodeTree;
  readonly index: Uint32Array;
  readonly leaves: readonly { readonly node: number; readonly start: number; readonly end: number }[];
}

/** growTree, also returning the final row partition (see TreePartition). */
export function growTreeWithPartition(
  ctx: GrowContext,
  rows: Uint32Array,
  features: readonly number[],
): TreePartition {
  const { params } = ctx;
  const lambda = params.lambda;
  const tree: CodeTree = {
    feature: [],
    threshold: [],
    missingLeft: [],
    left: [],
    right: [],
    value: [],
    gain: [],
    cover: [],
  };
  const index = Uint32Array.from(rows);
  const scratch = new Uint32Array(index.length);
  const gBuf = new Float64Array(index.length);
  const hBuf = new Float64Array(index.length);
  const pool: Float64Array[] = [];
  const takeHist = () => pool.pop() ?? new Float64Array(ctx.totalBins * 3);

  const addNode = (g: number, h: number, lower: number, upper: number) => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(clamp(-g / (h + lambda), lower, upper) * params.learningRate);
    tree.gain.push(0);
    tree.cover.push(h);
    return tree.feature.length - 1;
  };

  const buildHist = (start: number, end: number, hist: Float64Array) => {
    hist.fill(0);
    const m = end - start;
    for (let k = 0; k < m; k++) {
      const i = index[start + k]!;
      gBuf[k] = ctx.grad[i]!;
      hBuf[k] = ctx.hess[i]!;
    }
    for (const f of features) {
      const codes = ctx.codes[f]!;
      const base = ctx.offsets[f]!;
      for (let k = 0; k < m; k++) {
        const b = (base + codes[index[start + k]!]!) * 3;
        hist[b] = hist[b]! + gBuf[k]!;
        hist[b + 1] = hist[b + 1]! + hBuf[k]!;
        hist[b + 2] = hist[b + 2]! + 1;
      }
    }
  };

  const findSplit = (leaf: Leaf): Split | undefined => {
    const count = leaf.end - leaf.start;
    if (leaf.depth >= params.maxDepth || count < 2 * params.minSamplesLeaf) {
      return undefined;
    }
    const { g, h, hist, lower, upper } = leaf;
    const parent = leafScore(g, h, clamp(-g / (h + lambda), lower, upper), lambda);
    let best: Split | undefined;
    const minLeaf = params.minSamplesLeaf;
    const minHess = params.minChildWeight;
    for (const f of features) {
      const base = ctx.offsets[f]!;
      const nb = ctx.nBins[f]!;
      const mono = ctx.monotone[f]!;
      const gm = hist[base * 3]!;
      const hm = hist[base * 3 + 1]!;
      const cm = hist[base * 3 + 2]!;
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let t = 1; t < nb - 1; t++) {
        const b = (base + t) * 3;
        gl += hist[b]!;
        hl += hist[b + 1]!;
        cl += hist[b + 2]!;
        if (cl === 0) {
          continue;
        }
        for (let side = 0; side < 2; side++) {
          const missingLeft = side === 1;
          if (missingLeft && cm === 0) {
            break;
          }
          const lg = missingLeft ? gl + gm : gl;
          const lh = missingLeft ? hl + hm : hl;
          const lc = missingLeft ? cl + cm : cl;
          const rc = count - lc;
          const rh = h - lh;
          if (lc < minLeaf || rc < minLeaf || lh < minHess || rh < minHess) {
            continue;
          }
          const rg = g - lg;
          const wl = clamp(-lg / (lh + lambda), lower, upper);
          const wr = clamp(-rg / (rh + lambda), lower, upper);
          if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) {
            continue;
          }
          const gain = leafScore(lg, lh, wl, lambda) + leafScore(rg, rh, wr, lambda) - parent;
          if (gain > 1e-12 && (!best || gain > best.gain)) {
            // Without missing rows in this node, unseen missing values follow the larger child.
            const ml = cm === 0 ? lh >= rh : missingLeft;
            best = { feature: f, threshold: t, missingLeft: ml, gain, gl: lg, hl: lh, cl: lc };
          }
        }
      }
    }
    return best;
  };

  const rootHist = takeHist();
  buildHist(0, index.length, rootHist);
  let g0 = 0;
  let h0 = 0;
  for (let k = 0; k < index.length; k++) {
    g0 += ctx.grad[index[k]!]!;
    h0 += ctx.hess[index[k]!]!;
  }
  const rootLeaf: Leaf = {
    node: addNode(g0, h0, -Infinity, Infinity),
    start: 0,
    end: index.length,
    depth: 0,
    g: g0,
    h: h0,
    hist: rootHist,
    lower: -Infinity,
    upper: Infinity,
    split: undefined,
  };
  rootLeaf.split = findSplit(rootLeaf);
  const leaves: Leaf[] = [rootLeaf];

  while (leaves.length < params.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < leaves.length; i++) {
      const s = leaves[i]!.split;
      if (s && (pick < 0 || s.gain > leaves[pick]!.split!.gain)) {
        pick = i;
      }
    }
    if (pick < 0) {
      break;
    }
    const leaf = leaves[pick]!;
    const split = leaf.split!;
    // Partition the leaf's rows: left ones stay in front, right ones follow.
    const codes = ctx.codes[split.feature]!;
    let write = leaf.start;
    let spill = 0;
    for (let k = leaf.start; k < leaf.end; k++) {
      const i = index[k]!;
      const code = codes[i]!;
      const goLeft = code === 0 ? split.missingLeft : code <= split.threshold;
      if (goLeft) {
        index[write++] = i;
      } else {
        scratch[spill++] = i;
      }
    }
    index.set(scratch.subarray(0, spill), write);
    const mid = write;

    const gr = leaf.g - split.gl;
    const hr = leaf.h - split.hl;
    let { lower: ll, upper: lu } = leaf;
    let { lower: rl, upper: ru } = leaf;
    const mono = ctx.monotone[split.feature]!;
    if (mono !== 0) {
      const wl = clamp(-split.gl / (split.hl + lambda), leaf.lower, leaf.upper);
      const wr = clamp(-gr / (hr + lambda), leaf.lower, leaf.upper);
      const middle = (wl + wr) / 2;
      if (mono > 0) {
        lu = Math.min(lu, middle);
        rl = Math.max(rl, middle);
      } else {
        ll = Math.max(ll, middle);
        ru = Math.min(ru, middle);
      }
    }
    const leftNode = addNode(split.gl, split.hl, ll, lu);
    const rightNode = addNode(gr, hr, rl, ru);
    tree.feature[leaf.node] = split.feature;
    tree.threshold[leaf.node] = split.threshold;
    tree.missingLeft[leaf.node] = split.missingLeft;
    tree.left[leaf.node] = leftNode;
    tree.right[leaf.node] = rightNode;
    tree.gain[leaf.node] = split.gain;

    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = takeHist();
    if (leftSmaller) {
      buildHist(leaf.start, mid, small);
    } else {
      buildHist(mid, leaf.end, small);
    }
    const large = leaf.hist;
    for (const f of features) {
      const from = ctx.offsets[f]! * 3;
      const to = from + ctx.nBins[f]! * 3;
      for (let b = from; b < to; b++) {
        large[b] = large[b]! - small[b]!;
      }
    }
    const left: Leaf = {
      node: leftNode,
      start: leaf.start,
      end: mid,
      depth: leaf.depth + 1,
      g: split.gl,
      h: split.hl,
      hist: leftSmaller ? small : large,
      lower: ll,
      upper: lu,
      split: undefined,
    };
    const right: Leaf = {
      node: rightNode,
      start: mid,
      end: leaf.end,
      depth: leaf.depth + 1,
      g: gr,
      h: hr,
      hist: leftSmaller ? large : small,
      lower: rl,
      upper: ru,
      split: undefined,
    };
    left.split = findSplit(left);
    right.split = findSplit(right);
    leaves.splice(pick, 1, left, right);
  }
  for (const leaf of leaves) {
    pool.push(leaf.hist);
  }
  return {
    tree,
    index,
    leaves: leaves.map((leaf) => ({ node: leaf.node, start: leaf.start, end: leaf.end })),
  };
}

/** Leaf value of a code tree for row i. */
export function predictCodeTree(tree: CodeTree, codes: readonly Uint8Array[], i: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const code = codes[tree.feature[node]!]![i]!;
    const goLeft = code === 0 ? tree.missingLeft[node]! : code <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}
