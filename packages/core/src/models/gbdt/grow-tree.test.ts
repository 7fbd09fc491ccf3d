import { describe, expect, it } from "vitest";
import { createRng } from "../data/rng.ts";
import { DEFAULT_GBDT_PARAMS } from "./gbdt-params.ts";
import { addCodeTree, createGrowWorkspace, growTreeWithPartition, predictCodeTree } from "./grow-tree.ts";

/** Two code columns (0 = missing) and gradients that depend on them, so the tree splits. */
function context(n: number) {
  const random = createRng(3);
  const a = new Uint8Array(n);
  const b = new Uint8Array(n);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n).fill(0.25);
  for (let i = 0; i < n; i++) {
    a[i] = Math.floor(random() * 9);
    b[i] = Math.floor(random() * 5);
    grad[i] = (a[i]! > 4 ? 0.4 : -0.3) + (b[i]! === 0 ? 0.2 : 0) + (random() - 0.5) * 0.1;
  }
  return {
    codes: [a, b],
    nBins: [9, 5],
    offsets: Int32Array.from([0, 9]),
    totalBins: 14,
    grad,
    hess,
    monotone: new Int8Array(2),
    params: { ...DEFAULT_GBDT_PARAMS, maxLeaves: 8, minSamplesLeaf: 5 },
  };
}

describe("growTreeWithPartition", () => {
  it.each([
    ["all rows", 1],
    ["every other row (subsample)", 2],
  ])("puts each grown row in the leaf that predictCodeTree reaches (%s)", (_, step) => {
    const ctx = context(600);
    const rows = Uint32Array.from({ length: 600 / step }, (_, k) => k * step);
    const { tree, index, leaves } = growTreeWithPartition(ctx, rows, [0, 1]);
    expect(leaves.length).toBeGreaterThan(2);
    const seen = new Set<number>();
    for (const leaf of leaves) {
      expect(tree.feature[leaf.node]).toBe(-1);
      for (let k = leaf.start; k < leaf.end; k++) {
        const i = index[k]!;
        seen.add(i);
        expect(predictCodeTree(tree, ctx.codes, i)).toBe(tree.value[leaf.node]);
      }
    }
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from(rows));
  });

  it("grows the same tree with a reused workspace as with a fresh one", () => {
    const ctx = context(600);
    const rows = Uint32Array.from({ length: 600 }, (_, k) => k);
    const workspace = createGrowWorkspace(600, ctx.totalBins);
    // A first tree on other rows leaves the buffers dirty.
    growTreeWithPartition(ctx, rows.subarray(100, 400), [1], workspace);
    const reused = growTreeWithPartition(ctx, rows, [0, 1], workspace).tree;
    const fresh = growTreeWithPartition(ctx, rows, [0, 1]).tree;
    expect(reused).toEqual(fresh);
  });
});

describe("addCodeTree", () => {
  it.each([
    ["missing goes left", true],
    ["missing goes right", false],
  ])("adds the leaf predictCodeTree reaches to every row (%s)", (_, missingLeft) => {
    const ctx = context(600);
    const rows = Uint32Array.from({ length: 600 }, (_, k) => k);
    const { tree } = growTreeWithPartition(ctx, rows, [0, 1]);
    // Force the root's missing direction both ways: code 0 of column b is frequent (1 in 5).
    tree.missingLeft.fill(missingLeft);
    const out = new Float64Array(600).fill(1);
    addCodeTree(tree, ctx.codes, out);
    const some = new Float64Array(600);
    const picked = Uint32Array.from({ length: 200 }, (_, k) => k * 3);
    addCodeTree(tree, ctx.codes, some, picked);
    for (let i = 0; i < 600; i++) {
      expect(out[i]).toBe(1 + predictCodeTree(tree, ctx.codes, i));
      expect(some[i]).toBe(i % 3 === 0 ? predictCodeTree(tree, ctx.codes, i) : 0);
    }
  });
});
