/** One obligor of a back-test: its grade and predicted PD at the start, and whether it defaulted. */
export interface BacktestObligor {
  readonly grade: string;
  /** 12-month PD predicted at the start date (fraction). */
  readonly pd: number;
  /** Defaulted within the horizon after the start date. */
  readonly defaulted: boolean;
}

export interface BacktestRow {
  readonly grade: string;
  readonly obligors: number;
  /** Mean predicted PD over the horizon (12-month PD scaled to the horizon). */
  readonly predictedPd: number;
  readonly expectedDefaults: number;
  readonly defaults: number;
  readonly observedRate: number;
  /** One-sided binomial p-value P(X ≥ defaults | n, predicted PD): small = PD underestimated. */
  readonly pValue: number;
  /** `fail` when pValue < α (more defaults than the grade's PD explains). */
  readonly result: "pass" | "fail";
}

/**
 * PD over `months` from a 12-month PD, assuming a constant default intensity:
 * 1 − (1 − PD)^(months/12).
 */
export function scalePd(pd12: number, months: number): number {
  return 1 - (1 - pd12) ** (months / 12);
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; Numerical Recipes / Godfrey). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) {
    a += c[i]! / (z + i);
  }
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Exact upper tail of the binomial distribution, P(X ≥ k) for X ~ Bin(n, p) — the Basel
 * Committee's binomial test of PD calibration (BCBS WP 14, 2005). Computed in log space so that
 * large portfolios (n = 100,000) do not underflow.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) {
    return 1;
  }
  if (k > n) {
    return 0;
  }
  if (p <= 0) {
    return 0;
  }
  if (p >= 1) {
    return 1;
  }
  const lnP = Math.log(p);
  const lnQ = Math.log1p(-p);
  const lnN = logGamma(n + 1);
  const logPmf = (i: number) => lnN - logGamma(i + 1) - logGamma(n - i + 1) + i * lnP + (n - i) * lnQ;
  // Sum the shorter side: the tail itself when k lies above the mean, else 1 − the lower part.
  const upper = k > n * p;
  const from = upper ? k : 0;
  const to = upper ? n : k - 1;
  let max = Number.NEGATIVE_INFINITY;
  const terms: number[] = [];
  for (let i = from; i <= to; i++) {
    const t = logPmf(i);
    terms.push(t);
    if (t > max) {
      max = t;
    }
    // Terms fall off geometrically away from the mode; stop once negligible.
    if (t < max - 40 && (upper ? i > n * p : false)) {
      break;
    }
  }
  const sum = Math.exp(max) * terms.reduce((a, t) => a + Math.exp(t - max), 0);
  const value = upper ? sum : 1 - sum;
  return Math.min(1, Math.max(0, value));
}

/**
 * Back-test of predicted PD against realised defaults, per grade in the order of `scale` (grades
 * not listed follow): obligors, mean predicted PD over the horizon, expected and realised defaults,
 * and the binomial test at level `alpha` (default 5 %).
 */
export function backtestPd(
  obligors: Iterable<BacktestObligor>,
  options: { horizonMonths: number; scale: readonly string[]; alpha?: number },
): { rows: BacktestRow[]; total: BacktestRow } {
  const alpha = options.alpha ?? 0.05;
  const by = new Map<string, { n: number; pdSum: number; d: number }>();
  for (const o of obligors) {
    const g = by.get(o.grade) ?? { n: 0, pdSum: 0, d: 0 };
    g.n++;
    g.pdSum += scalePd(o.pd, options.horizonMonths);
    g.d += o.defaulted ? 1 : 0;
    by.set(o.grade, g);
  }
  const order = [...options.scale, ...[...by.keys()].filter((g) => !options.scale.includes(g)).sort()];
  const row = (grade: string, g: { n: number; pdSum: number; d: number }): BacktestRow => {
    const predictedPd = g.n === 0 ? 0 : g.pdSum / g.n;
    const pValue = binomialUpperTail(g.d, g.n, predictedPd);
    return {
      grade,
      obligors: g.n,
      predictedPd,
      expectedDefaults: g.pdSum,
      defaults: g.d,
      observedRate: g.n === 0 ? 0 : g.d / g.n,
      pValue,
      result: pValue < alpha ? "fail" : "pass",
    };
  };
  const rows = order.filter((g) => by.has(g)).map((g) => row(g, by.get(g)!));
  const all = [...by.values()].reduce((a, g) => ({ n: a.n + g.n, pdSum: a.pdSum + g.pdSum, d: a.d + g.d }), {
    n: 0,
    pdSum: 0,
    d: 0,
  });
  return { rows, total: row("total", all) };
}
