/**
 * Cholesky factorisation and solve for a symmetric positive definite matrix stored row-major in a
 * Float64Array of size p·p. Returns null when the matrix is not numerically positive definite so
 * the caller can add a ridge and retry.
 */
export function choleskyFactor(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let diag = a[j * p + j]!;
    for (let k = 0; k < j; k++) {
      diag -= l[j * p + k]! ** 2;
    }
    if (!(diag > 1e-12 * Math.max(1, Math.abs(a[j * p + j]!)))) {
      return null;
    }
    const ljj = Math.sqrt(diag);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) {
        sum -= l[i * p + k]! * l[j * p + k]!;
      }
      l[i * p + j] = sum / ljj;
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b given the factor L. */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) {
      sum -= l[i * p + k]! * y[k]!;
    }
    y[i] = sum / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < p; k++) {
      sum -= l[k * p + i]! * x[k]!;
    }
    x[i] = sum / l[i * p + i]!;
  }
  return x;
}

/** Diagonal of the inverse (for standard errors): solves for each unit vector. */
export function choleskyInverseDiagonal(l: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p);
    e[j] = 1;
    out[j] = choleskySolve(l, p, e)[j]!;
  }
  return out;
}
