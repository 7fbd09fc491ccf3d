import { describe, expect, it } from "vitest";
import { deriveRng, hashString, Prng } from "./prng.ts";

describe("Prng (xoshiro128**)", () => {
  it("matches the reference implementation from state (1, 2, 3, 4)", () => {
    // Worked by hand from Blackman & Vigna's xoshiro128starstar.c: rotl(b·5, 7)·9, then the state update.
    const rng = Prng.fromState(1, 2, 3, 4);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it("repeats the same sequence for the same seed and a different one for another seed", () => {
    const draw = (seed: number | string) => {
      const rng = new Prng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw("customer/7")).toEqual(draw("customer/7"));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("derives independent streams per purpose and index", () => {
    const a = deriveRng(42, "customer", 1).nextUint32();
    expect(deriveRng(42, "customer", 1).nextUint32()).toBe(a);
    expect(deriveRng(42, "customer", 2).nextUint32()).not.toBe(a);
    expect(deriveRng(7, "customer", 1).nextUint32()).not.toBe(a);
  });

  it("keeps int() within its inclusive bounds and reaches both ends", () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("gives floats in [0, 1) with a mean near 1/2 and normals with mean 0, sd 1", () => {
    const rng = new Prng(2024);
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      sum += f;
      const z = rng.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(sumN2 / n)).toBeCloseTo(1, 1);
  });

  it("draws Poisson counts with the requested mean", () => {
    const rng = new Prng(5);
    let total = 0;
    for (let i = 0; i < 10_000; i++) {
      total += rng.poisson(1.4);
    }
    expect(total / 10_000).toBeGreaterThan(1.35);
    expect(total / 10_000).toBeLessThan(1.45);
  });

  it("hashes strings with FNV-1a", () => {
    // FNV-1a 32-bit of "" is the offset basis; of "a" is 0xe40c292c (published test vector).
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
  });
});
