import { compileRowValidator, type RowValidator, valuesRecord } from "./compile-row.ts";
import type { CellValue } from "./dates.ts";
import type { EntitySpec } from "./entities.ts";
import type { FieldSpec, FieldValue } from "./fields.ts";
import type { HeaderMapping } from "./headers.ts";
import type { ImportProblem } from "./problem.ts";
import type { ParseContext } from "./values.ts";

/** What will be staged for a file: the present fields plus currencies implied by present amounts. */
export interface ImportPlan {
  readonly spec: EntitySpec;
  readonly headers: readonly string[];
  readonly mapping: HeaderMapping;
  /** Fields written to staging, in a fixed order (the COPY column order). */
  readonly staged: readonly FieldSpec[];
  /** Column index of each present field. */
  readonly columnIndex: ReadonlyMap<string, number>;
}

/**
 * Decides the staged fields: every field a column maps to, plus the currency field of every
 * present amount (filled with the default currency when the file has no currency column, because
 * an amount without its currency means nothing), plus every natural-key field with a default
 * (a key part absent from the file takes its default, so that the upsert's key is complete and a
 * stored row is found by it: statements without a months column are 12-month statements).
 */
export function planImport(spec: EntitySpec, headers: readonly string[], mapping: HeaderMapping): ImportPlan {
  const columnIndex = new Map<string, number>();
  mapping.fields.forEach((f, i) => {
    if (f !== null) {
      columnIndex.set(f, i);
    }
  });
  const wanted = new Set(columnIndex.keys());
  for (const f of spec.fields) {
    if (f.kind === "amount" && wanted.has(f.name) && f.currencyField) {
      wanted.add(f.currencyField);
    }
  }
  for (const f of spec.fields) {
    if (f.default !== undefined && spec.naturalKey.includes(f.name)) {
      wanted.add(f.name);
    }
  }
  const staged = spec.fields.filter((f) => wanted.has(f.name));
  return { spec, headers, mapping, staged, columnIndex };
}

export type RowResult =
  | { ok: true; values: Readonly<Record<string, FieldValue>> }
  | { ok: false; problems: readonly ImportProblem[] };

const compiledCache = new WeakMap<ImportPlan, WeakMap<ParseContext, RowValidator>>();

/**
 * Validates one source row: every staged field parsed (blank → default or null; blank required →
 * problem), then the entity's cross-field checks. All problems of the row are returned, not just
 * the first, so that a strict run lists everything the user has to fix at once. (The rules live
 * in compileRowValidator, which bulk imports call directly; this is its record-shaped form.)
 */
export function validateRow(
  plan: ImportPlan,
  row: number,
  cells: readonly CellValue[],
  ctx: ParseContext,
): RowResult {
  let byCtx = compiledCache.get(plan);
  if (byCtx === undefined) {
    byCtx = new WeakMap();
    compiledCache.set(plan, byCtx);
  }
  let validate = byCtx.get(ctx);
  if (validate === undefined) {
    validate = compileRowValidator(plan, ctx);
    byCtx.set(ctx, validate);
  }
  const r = validate(row, cells);
  return r.ok
    ? { ok: true, values: valuesRecord(plan.staged, r.values) }
    : { ok: false, problems: r.problems };
}
