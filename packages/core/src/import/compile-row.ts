import { currencyExponent } from "../money/index.ts";
import { type CellValue, parseDateCell } from "./dates.ts";
import type { FieldSpec, FieldValue } from "./fields.ts";
import type { ImportProblem } from "./problem.ts";
import type { ImportPlan } from "./validate-row.ts";
import { cellText, type ParseContext, type ParseResult, parseCell } from "./values.ts";

/** The result of a compiled row validator: values in `plan.staged` order, or every problem of the row. */
export type CompiledRowResult =
  | { readonly ok: true; readonly values: readonly FieldValue[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** Validates one source row (row number, cells) against a plan fixed at compile time. */
export type RowValidator = (row: number, cells: readonly CellValue[]) => CompiledRowResult;

type CellParser = (cell: CellValue, text: string, currency: string) => ParseResult;

interface CompiledField {
  readonly field: FieldSpec;
  /** Position in plan.staged (and in the values array). */
  readonly slot: number;
  readonly index: number | undefined;
  readonly column: string | null;
  /** Slot of this amount's currency field, or -1. */
  readonly currencySlot: number;
  readonly parse: CellParser;
}

const ZERO = 48;
const NINE = 57;
const DASH = 45;
const isDigit = (c: number) => c >= ZERO && c <= NINE;

/**
 * "YYYY-MM-DD" exactly (the form almost every export writes): checked here without the generic
 * date grammar. Anything else goes to parseDateCell, so the result is the same either way.
 */
function isoDateFast(text: string): string | null {
  if (
    text.length !== 10 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    !isDigit(text.charCodeAt(0)) ||
    !isDigit(text.charCodeAt(1)) ||
    !isDigit(text.charCodeAt(2)) ||
    !isDigit(text.charCodeAt(3)) ||
    !isDigit(text.charCodeAt(5)) ||
    !isDigit(text.charCodeAt(6)) ||
    !isDigit(text.charCodeAt(8)) ||
    !isDigit(text.charCodeAt(9))
  ) {
    return null;
  }
  const y =
    (text.charCodeAt(0) - ZERO) * 1000 +
    (text.charCodeAt(1) - ZERO) * 100 +
    (text.charCodeAt(2) - ZERO) * 10 +
    text.charCodeAt(3) -
    ZERO;
  const m = (text.charCodeAt(5) - ZERO) * 10 + text.charCodeAt(6) - ZERO;
  const d = (text.charCodeAt(8) - ZERO) * 10 + text.charCodeAt(9) - ZERO;
  // The same calendar rule as isoDate (years 1000–9999), whose output would be `text` itself.
  if (y < 1000 || m < 1 || m > 12 || d < 1) {
    return null;
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days ? text : null;
}

const DOT = 46;
const POW10 = [1, 10, 100, 1000, 10_000];

/**
 * Minor units of a plain amount ("1234", "1234.5", "1234.56": digits, at most one dot, no more
 * decimals than the currency has, at most 15 digits), or -1 for anything else — which then takes
 * parseDecimalToMinor (signs, symbols, thousands separators, errors). Same result for these forms.
 */
function plainAmountMinor(text: string, exponent: number): number {
  const n = text.length;
  if (n === 0 || n > 16) {
    return -1;
  }
  let value = 0;
  let fraction = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      if (fraction >= 0) {
        fraction++;
      }
    } else if (c === DOT && fraction < 0 && i > 0 && i < n - 1) {
      fraction = 0;
    } else {
      return -1;
    }
  }
  const decimals = Math.max(0, fraction);
  if (decimals > exponent || n - (fraction < 0 ? 0 : 1) + (exponent - decimals) > 15) {
    return -1;
  }
  return value * (POW10[exponent - decimals] ?? 10 ** (exponent - decimals));
}

/** A parser per field, with the per-field decisions (date order, kind dispatch) taken once. */
function cellParser(field: FieldSpec, ctx: ParseContext): CellParser {
  switch (field.kind) {
    case "text":
      return (_cell, text) => ({ ok: true, value: text });
    case "date": {
      const order = ctx.dateOrders.get(field.name) ?? null;
      return (cell, text) => {
        if (typeof cell === "string") {
          const fast = isoDateFast(text);
          if (fast !== null) {
            return { ok: true, value: fast };
          }
          return parseDateCell(text, ctx.dateFormat, order);
        }
        return parseDateCell(cell, ctx.dateFormat, order);
      };
    }
    case "currency": {
      // A file has a handful of distinct currency spellings: parse each once.
      const seen = new Map<string, ParseResult>();
      return (cell, text, currency) => {
        if (typeof cell !== "string") {
          return parseCell(field, cell, currency, ctx);
        }
        let r = seen.get(text);
        if (r === undefined) {
          r = parseCell(field, text, currency, ctx);
          if (seen.size < 1000) {
            seen.set(text, r);
          }
        }
        return r;
      };
    }
    case "amount": {
      const exponents = new Map<string, number>();
      return (cell, text, currency) => {
        if (typeof cell === "string") {
          let exponent = exponents.get(currency);
          if (exponent === undefined) {
            exponent = currencyExponent(currency);
            exponents.set(currency, exponent);
          }
          const minor = plainAmountMinor(text, exponent);
          if (minor > 0 || (minor === 0 && field.sign !== "positive")) {
            return { ok: true, value: minor };
          }
        }
        return parseCell(field, cell, currency, ctx);
      };
    }
    case "integer":
    case "boolean":
    case "decimal":
    case "enum":
    case "identifier":
    case "list":
      return (cell, _text, currency) => parseCell(field, cell, currency, ctx);
    default: {
      const never: never = field.kind;
      throw new Error(`unknown field kind ${String(never)}`);
    }
  }
}

/**
 * Compiles the row validation of `plan` (the same rules as validateRow: blank → default or null,
 * blank required → problem, amounts in their row's currency, then the entity's cross-field checks)
 * into one function, so that a million-row import does the per-field decisions once, not per row.
 * The returned values array is reused by the next call: encode or copy it before validating again.
 */
export function compileRowValidator(plan: ImportPlan, ctx: ParseContext): RowValidator {
  const staged = plan.staged;
  const slotOf = new Map(staged.map((f, i) => [f.name, i]));
  const compiled: CompiledField[] = staged.map((field, slot) => {
    const index = plan.columnIndex.get(field.name);
    return {
      field,
      slot,
      index,
      column: index === undefined ? null : (plan.headers[index] ?? null),
      currencySlot: field.currencyField ? (slotOf.get(field.currencyField) ?? -1) : -1,
      parse: cellParser(field, ctx),
    };
  });
  // Currencies first: amounts are parsed in their row's currency (JPY has no decimals, CNY two).
  const ordered = [
    ...compiled.filter((c) => c.field.kind === "currency"),
    ...compiled.filter((c) => c.field.kind !== "currency"),
  ];
  const amounts = compiled.filter((c) => c.field.kind === "amount" && c.field.currencyField);
  const checks = (plan.spec.checks ?? []).map((c) => {
    const index = plan.columnIndex.get(c.field);
    return { ...c, column: index === undefined ? null : (plan.headers[index] ?? null) };
  });
  const headerCount = plan.headers.length;
  const names = staged.map((f) => f.name);
  const defaultCurrency = ctx.defaultCurrency;
  const values: FieldValue[] = new Array<FieldValue>(staged.length).fill(null);
  /** The row's currency per slot (undefined: none set yet), as validateRow's `currencies` map. */
  const currencies: (string | undefined)[] = new Array<string | undefined>(staged.length);

  /** One record object for the checks, refilled per row (checks only read it). */
  const record: Record<string, FieldValue> = valuesRecord(staged, values);

  return (row, cells) => {
    let problems: ImportProblem[] | null = null;
    if (cells.length > headerCount) {
      for (let i = headerCount; i < cells.length; i++) {
        if (cellText(cells[i]) !== "") {
          problems = [];
          problems.push({
            row,
            column: null,
            field: null,
            value: null,
            reason: `row has ${cells.length} cells but the header has ${headerCount} columns`,
          });
          break;
        }
      }
    }
    currencies.fill(undefined);
    for (const c of ordered) {
      const field = c.field;
      const cell = c.index === undefined ? undefined : cells[c.index];
      const text = typeof cell === "string" ? cell.trim() : cellText(cell);
      if (text === "") {
        if (c.index === undefined && field.kind === "currency") {
          values[c.slot] = defaultCurrency;
          currencies[c.slot] = defaultCurrency;
        } else if (field.default !== undefined) {
          values[c.slot] = field.default;
          if (field.kind === "currency") {
            currencies[c.slot] = String(field.default);
          }
        } else if (field.kind === "list") {
          values[c.slot] = [];
        } else if (field.required) {
          problems ??= [];
          problems.push({
            row,
            column: c.column,
            field: field.name,
            value: "",
            reason: `${field.name} is required`,
          });
          values[c.slot] = null;
        } else {
          values[c.slot] = null;
        }
        continue;
      }
      const currency =
        c.currencySlot >= 0 ? (currencies[c.currencySlot] ?? defaultCurrency) : defaultCurrency;
      const r = c.parse(cell, text, currency);
      if (r.ok) {
        values[c.slot] = r.value;
        if (field.kind === "currency" && typeof r.value === "string") {
          currencies[c.slot] = r.value;
        }
      } else {
        values[c.slot] = null;
        problems ??= [];
        problems.push({ row, column: c.column, field: field.name, value: text, reason: r.reason });
      }
    }
    // A blank currency cell is null, unless an amount in this row needs it: then the default.
    for (const a of amounts) {
      if (values[a.slot] !== null && a.currencySlot >= 0 && values[a.currencySlot] === null) {
        values[a.currencySlot] = defaultCurrency;
      }
    }
    if (problems === null && checks.length > 0) {
      for (let i = 0; i < staged.length; i++) {
        record[names[i] as string] = values[i] ?? null;
      }
      for (const c of checks) {
        const reason = c.check(record);
        if (reason !== null) {
          const v = record[c.field];
          problems ??= [];
          problems.push({
            row,
            column: c.column,
            field: c.field,
            value: typeof v === "string" ? v : null,
            reason,
          });
        }
      }
    }
    return problems === null ? { ok: true, values } : { ok: false, problems };
  };
}

/** Values array (plan.staged order) → record by field name. */
export function valuesRecord(
  staged: readonly FieldSpec[],
  values: readonly FieldValue[],
): Record<string, FieldValue> {
  const record: Record<string, FieldValue> = {};
  for (let i = 0; i < staged.length; i++) {
    const f = staged[i];
    if (f !== undefined) {
      record[f.name] = values[i] ?? null;
    }
  }
  return record;
}
