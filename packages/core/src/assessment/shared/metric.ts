/**
 * A measured value or an explicit statement of why it cannot be measured. Assessment code never
 * returns NaN or ±Infinity: a zero or missing denominator becomes `not_computable` with a reason a
 * credit analyst can read ("total assets is zero").
 */
export type Metric =
  | { readonly status: "ok"; readonly value: number }
  | { readonly status: "not_computable"; readonly reason: string };

export function ok(value: number): Metric {
  if (!Number.isFinite(value)) {
    return { status: "not_computable", reason: "result is not a finite number" };
  }
  // Normalise -0 so snapshots and JSON are stable.
  return { status: "ok", value: value === 0 ? 0 : value };
}

export function notComputable(reason: string): Metric {
  return { status: "not_computable", reason };
}

/**
 * A statement line as a metric: ok when present, otherwise not computable "<name> is missing". A
 * missing line is never read as zero.
 */
export function present(value: number | undefined, name: string): Metric {
  return value === undefined || !Number.isFinite(value) ? notComputable(`${name} is missing`) : ok(value);
}

/** a − b of two lines, not computable naming the first missing line. */
export function difference(
  a: number | undefined,
  b: number | undefined,
  names: { a: string; b: string },
): Metric {
  return combineMetrics(present(a, names.a), present(b, names.b), (x, y) => x - y);
}

/** numerator / denominator, or not_computable naming the denominator when it is zero or missing. */
export function ratio(
  numerator: number | undefined,
  denominator: number | undefined,
  names: { numerator: string; denominator: string },
): Metric {
  if (numerator === undefined || !Number.isFinite(numerator)) {
    return notComputable(`${names.numerator} is missing`);
  }
  return ratioOf(ok(numerator), denominator, names);
}

/** ratio() of an already computed numerator (e.g. working capital); its not-computable reason wins. */
export function ratioOf(
  numerator: Metric,
  denominator: number | undefined,
  names: { denominator: string },
): Metric {
  if (numerator.status !== "ok") {
    return numerator;
  }
  if (denominator === undefined || !Number.isFinite(denominator)) {
    return notComputable(`${names.denominator} is missing`);
  }
  if (denominator === 0) {
    return notComputable(`${names.denominator} is zero`);
  }
  return ok(numerator.value / denominator);
}

/** Applies `f` to an ok metric; passes a not_computable one through unchanged. */
export function mapMetric(metric: Metric, f: (value: number) => number): Metric {
  return metric.status === "ok" ? ok(f(metric.value)) : metric;
}

/** Combines two metrics with `f`; the first not_computable reason wins. */
export function combineMetrics(a: Metric, b: Metric, f: (a: number, b: number) => number): Metric {
  if (a.status !== "ok") {
    return a;
  }
  if (b.status !== "ok") {
    return b;
  }
  return ok(f(a.value, b.value));
}

export function metricValue(metric: Metric): number | undefined {
  return metric.status === "ok" ? metric.value : undefined;
}
