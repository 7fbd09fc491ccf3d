import { choleskyFactor, choleskyInverseDiagonal, choleskySolve } from "./cholesky.ts";
import { twoSidedP } from "./normal.ts";

export interface LogisticOptions {
  /** Columns of the design (without intercept), each of length n. */
  readonly columns: readonly Float64Array[];
  readonly target: Uint8Array;
  /** L2 penalty on the slopes (not the intercept); a small default keeps separation finite. */
  readonly l2?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: number[];
  /** Standard errors, z and two-sided Wald p-values; index 0 is the intercept. */
  readonly standardErrors: number[];
  readonly pValues: number[];
  readonly logLikelihood: number;
  /** AIC = 2k − 2 lnL (Akaike 1974). */
  readonly aic: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** True when a ridge had to be added because the Hessian was singular. */
  readonly ridgeAdded: boolean;
}

function logLik(eta: Float64Array, y: Uint8Array): number {
  let ll = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i]!;
    // log(1 + e^e) computed stably.
    const softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    ll += y[i]! * e - softplus;
  }
  return ll;
}

/**
 * Logistic regression by Newton–Raphson / IRLS (McCullagh & Nelder 1989) with an L2 penalty,
 * each step solved by Cholesky. Step halving guards against divergence; under (quasi-)separation
 * the penalty keeps coefficients finite and `converged` reports whether the tolerance was met.
 */
export function fitLogistic(options: LogisticOptions): LogisticFit {
  const { columns, target } = options;
  const l2 = options.l2 ?? 1e-4;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const n = target.length;
  const p = columns.length + 1;
  const beta = new Float64Array(p);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    positives += target[i]!;
  }
  beta[0] = Math.log((positives + 0.5) / (n - positives + 0.5));
  const eta = new Float64Array(n);
  const computeEta = (b: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let e = b[0]!;
      for (let j = 1; j < p; j++) {
        e += b[j]! * columns[j - 1]![i]!;
      }
      eta[i] = e;
    }
  };
  const penalised = (b: Float64Array) => {
    let pen = 0;
    for (let j = 1; j < p; j++) {
      pen += b[j]! ** 2;
    }
    return logLik(eta, target) - 0.5 * l2 * pen;
  };
  computeEta(beta);
  let objective = penalised(beta);
  let converged = false;
  let ridgeAdded = false;
  let iterations = 0;
  let factor: Float64Array | null = null;
  const hessian = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const x = new Float64Array(p);
  x[0] = 1;
  for (; iterations < maxIterations; iterations++) {
    hessian.fill(0);
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = 1 / (1 + Math.exp(-eta[i]!));
      const w = Math.max(mu * (1 - mu), 1e-12);
      const r = target[i]! - mu;
      for (let j = 1; j < p; j++) {
        x[j] = columns[j - 1]![i]!;
      }
      for (let j = 0; j < p; j++) {
        gradient[j] = gradient[j]! + r * x[j]!;
        const wx = w * x[j]!;
        for (let k = 0; k <= j; k++) {
          hessian[j * p + k] = hessian[j * p + k]! + wx * x[k]!;
        }
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) {
        hessian[k * p + j] = hessian[j * p + k]!;
      }
      if (j > 0) {
        hessian[j * p + j] = hessian[j * p + j]! + l2;
        gradient[j] = gradient[j]! - l2 * beta[j]!;
      }
    }
    factor = choleskyFactor(hessian, p);
    let ridge = 1e-8;
    while (!factor && ridge < 1e6) {
      ridgeAdded = true;
      const jittered = Float64Array.from(hessian);
      for (let j = 0; j < p; j++) {
        jittered[j * p + j] = jittered[j * p + j]! + ridge;
      }
      factor = choleskyFactor(jittered, p);
      ridge *= 100;
    }
    if (!factor) {
      break;
    }
    const step = choleskySolve(factor, p, gradient);
    let scale = 1;
    const candidate = new Float64Array(p);
    let next = objective;
    for (let half = 0; half < 30; half++) {
      for (let j = 0; j < p; j++) {
        candidate[j] = beta[j]! + scale * step[j]!;
      }
      computeEta(candidate);
      next = penalised(candidate);
      if (next >= objective - 1e-12) {
        break;
      }
      scale /= 2;
    }
    let change = 0;
    for (let j = 0; j < p; j++) {
      change = Math.max(change, Math.abs(candidate[j]! - beta[j]!));
    }
    beta.set(candidate);
    const improvement = next - objective;
    objective = next;
    if (change < tolerance || Math.abs(improvement) < tolerance * (Math.abs(objective) + tolerance)) {
      converged = true;
      iterations++;
      break;
    }
  }
  computeEta(beta);
  const ll = logLik(eta, target);
  const variances = factor ? choleskyInverseDiagonal(factor, p) : new Float64Array(p).fill(Number.NaN);
  const standardErrors = Array.from(variances, (v) => Math.sqrt(Math.max(v, 0)));
  const pValues = standardErrors.map((se, j) => (se > 0 ? twoSidedP(beta[j]! / se) : 1));
  return {
    intercept: beta[0]!,
    coefficients: Array.from(beta.subarray(1)),
    standardErrors,
    pValues,
    logLikelihood: ll,
    aic: 2 * p - 2 * ll,
    iterations,
    converged,
    ridgeAdded,
  };
}
