/**
 * Reads `GET /portfolio/trend` (`{ items: [{ period, monthEnd, dso, … }] }`, apps/server/src/portfolio)
 * into DSO points, defensively (the endpoint landed beside this page in the same session): a list
 * (`items`, `points` or `months`, or the array itself) of rows with a period (`period`, `month`,
 * `asOf` or `periodEnd`) and a DSO (`dso`, or `dso.value`). Months without a DSO (no credit
 * sales) are left out.
 */
export interface DsoPoint {
  period: string;
  dso: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function finite(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) {
    return v;
  }
  return isObj(v) ? finite(v.value) : undefined;
}

export function dsoTrendOf(answer: unknown): DsoPoint[] {
  const list = Array.isArray(answer)
    ? answer
    : isObj(answer)
      ? ([
          answer.items,
          answer.points,
          answer.months,
          isObj(answer.total) ? answer.total.points : undefined,
        ].find(Array.isArray) ?? [])
      : [];
  const points: DsoPoint[] = [];
  for (const row of list as unknown[]) {
    if (!isObj(row)) {
      continue;
    }
    const period = [row.period, row.month, row.asOf, row.periodEnd].find((v) => typeof v === "string") as
      | string
      | undefined;
    const dso = finite(row.dso);
    if (period !== undefined && dso !== undefined) {
      points.push({ period: period.slice(0, 7), dso });
    }
  }
  return points.sort((a, b) => a.period.localeCompare(b.period));
}
