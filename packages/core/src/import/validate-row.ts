import type { CellValue } from "./dates.ts";
import type { EntitySpec } from "./entities.ts";
import type { FieldSpec, FieldValue } from "./fields.ts";
import type { HeaderMapping } from "./headers.ts";
import type { ImportProblem } from "./problem.ts";
import { cellText, type ParseContext, parseCell } from "./values.ts";

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
 * an amount without its currency means nothing).
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
  const staged = spec.fields.filter((f) => wanted.has(f.name));
  return { spec, headers, mapping, staged, columnIndex };
}

export type RowResult =
  | { ok: true; values: Readonly<Record<string, FieldValue>> }
  | { ok: false; problems: readonly ImportProblem[] };

/**
 * Validates one source row: every staged field parsed (blank → default or null; blank required →
 * problem), then the entity's cross-field checks. All problems of the row are returned, not just
 * the first, so that a strict run lists everything the user has to fix at once.
 */
export function validateRow(
  plan: ImportPlan,
  row: number,
  cells: readonly CellValue[],
  ctx: ParseContext,
): RowResult {
  const problems: ImportProblem[] = [];
  const values: Record<string, FieldValue> = {};
  if (
    cells.length > plan.headers.length &&
    cells.slice(plan.headers.length).some((c) => cellText(c) !== "")
  ) {
    problems.push({
      row,
      column: null,
      field: null,
      value: null,
      reason: `row has ${cells.length} cells but the header has ${plan.headers.length} columns`,
    });
  }
  const currencies = new Map<string, string>();
  // Currencies first: amounts are parsed in their row's currency (JPY has no decimals, CNY two).
  const ordered = [...plan.staged].sort(
    (a, b) => Number(b.kind === "currency") - Number(a.kind === "currency"),
  );
  for (const field of ordered) {
    const index = plan.columnIndex.get(field.name);
    const column = index === undefined ? null : (plan.headers[index] ?? null);
    const cell = index === undefined ? undefined : cells[index];
    const text = cellText(cell);
    if (text === "") {
      if (index === undefined && field.kind === "currency") {
        values[field.name] = ctx.defaultCurrency;
        currencies.set(field.name, ctx.defaultCurrency);
      } else if (field.default !== undefined) {
        values[field.name] = field.default;
        if (field.kind === "currency") {
          currencies.set(field.name, String(field.default));
        }
      } else if (field.kind === "list") {
        values[field.name] = [];
      } else if (field.required) {
        problems.push({ row, column, field: field.name, value: "", reason: `${field.name} is required` });
      } else {
        values[field.name] = null;
      }
      continue;
    }
    const currency = field.currencyField
      ? (currencies.get(field.currencyField) ?? ctx.defaultCurrency)
      : ctx.defaultCurrency;
    const r = parseCell(field, cell, currency, ctx);
    if (r.ok) {
      values[field.name] = r.value;
      if (field.kind === "currency" && typeof r.value === "string") {
        currencies.set(field.name, r.value);
      }
    } else {
      problems.push({ row, column, field: field.name, value: text, reason: r.reason });
    }
  }
  // A blank currency cell is null, unless an amount in this row needs it: then the default.
  for (const field of plan.staged) {
    if (
      field.kind === "amount" &&
      field.currencyField &&
      values[field.name] !== null &&
      values[field.name] !== undefined
    ) {
      if (values[field.currencyField] === null) {
        values[field.currencyField] = ctx.defaultCurrency;
      }
    }
  }
  if (problems.length === 0) {
    for (const c of plan.spec.checks ?? []) {
      const reason = c.check(values);
      if (reason !== null) {
        const index = plan.columnIndex.get(c.field);
        problems.push({
          row,
          column: index === undefined ? null : (plan.headers[index] ?? null),
          field: c.field,
          value: typeof values[c.field] === "string" ? (values[c.field] as string) : null,
          reason,
        });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
