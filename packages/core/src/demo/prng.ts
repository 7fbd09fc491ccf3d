/**
 * A small, fast, seedable pseudo-random generator for reproducible demo data: xoshiro128**
 * (Blackman & Vigna 2018, public domain reference implementation), seeded through SplitMix32 so
 * that nearby seeds give unrelated streams. 32-bit integer arithmetic only (`Math.imul`, `>>> 0`),
 * so the sequence is identical on every JavaScript engine.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is any integer or string; the same seed always gives the same sequence. */
  constructor(seed: number | string) {
    let s = typeof seed === "string" ? hashString(seed) : seed >>> 0;
    const next = () => {
      // SplitMix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix64).
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) {
      this.a = 1; // the all-zero state is the one state xoshiro never leaves
    }
  }

  /** A generator in a given raw state (for checking against the reference implementation). */
  static fromState(a: number, b: number, c: number, d: number): Prng {
    const rng = new Prng(0);
    rng.a = a >>> 0;
    rng.b = b >>> 0;
    rng.c = c >>> 0;
    rng.d = d >>> 0;
    return rng;
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal deviate (Box–Muller; one value per call keeps the stream simple). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float(); // (0, 1], so the logarithm is finite
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson deviate (Knuth's multiplication method for small means, a normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError("cannot pick from an empty list");
    }
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** One element, with probability proportional to `weight(item)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) {
      total += weight(item);
    }
    let r = this.float() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) {
        return item;
      }
    }
    const last = items[items.length - 1];
    if (last === undefined) {
      throw new RangeError("cannot pick from an empty list");
    }
    return last;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** FNV-1a over the UTF-16 code units: a stable 32-bit hash for deriving sub-seeds from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * An independent stream for one purpose ("customer", 17) under a master seed, so that each
 * customer's data depends only on the seed and its own index — not on how many came before.
 */
export function deriveRng(seed: number, ...path: readonly (string | number)[]): Prng {
  return new Prng(`${seed >>> 0}/${path.join("/")}`);
}
