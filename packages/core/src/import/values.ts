import { validateIdentifier } from "../identifiers/index.ts";
import { isCurrencyCode, parseDecimalToMinor } from "../money/index.ts";
import { type CellValue, type DateFormat, type DateOrder, parseDateCell } from "./dates.ts";
import type { FieldSpec, FieldValue } from "./fields.ts";
import { normaliseHeader } from "./headers.ts";

/** Everything a cell parser needs besides the cell. */
export interface ParseContext {
  /** Currency for amounts when the row names none (mapping file "currency", default CNY). */
  readonly defaultCurrency: string;
  readonly dateFormat: DateFormat;
  /** Detected day/month order per date field (absent: none detected). */
  readonly dateOrders: ReadonlyMap<string, DateOrder>;
}

export type ParseResult = { ok: true; value: FieldValue } | { ok: false; reason: string };

/** Cell → trimmed text, as it would be written in a CSV (for messages and rejects files). */
export function cellText(cell: CellValue): string {
  if (cell === null || cell === undefined) {
    return "";
  }
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  }
  if (typeof cell === "number") {
    // 15 significant digits drop binary noise such as 0.30000000000000004 from spreadsheet sums.
    return String(Number(cell.toPrecision(15)));
  }
  return String(cell).trim();
}

const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  人民币: "CNY",
  rmb: "CNY",
  元: "CNY",
  美元: "USD",
  欧元: "EUR",
  港币: "HKD",
  港元: "HKD",
  日元: "JPY",
  英镑: "GBP",
};

const TRUE = new Set(["true", "yes", "y", "1", "是", "对", "√", "x"]);
const FALSE = new Set(["false", "no", "n", "0", "否", "不是"]);

/** Parses a non-blank cell for a field; `currency` is the row's currency for amounts. */
export function parseCell(
  field: FieldSpec,
  cell: CellValue,
  currency: string,
  ctx: ParseContext,
): ParseResult {
  const text = cellText(cell);
  switch (field.kind) {
    case "text":
      return { ok: true, value: text };
    case "date":
      return parseDateCell(
        typeof cell === "string" ? text : cell,
        ctx.dateFormat,
        ctx.dateOrders.get(field.name) ?? null,
      );
    case "amount": {
      const r = parseDecimalToMinor(text, currency);
      if (!r.ok) {
        return r;
      }
      if (field.sign === "positive" && r.amountMinor <= 0) {
        return { ok: false, reason: "must be greater than zero" };
      }
      if (field.sign === "non_negative" && r.amountMinor < 0) {
        return { ok: false, reason: "must not be negative" };
      }
      return { ok: true, value: r.amountMinor };
    }
    case "currency": {
      const code = CURRENCY_NAMES[text.toLowerCase()] ?? text.normalize("NFKC").toUpperCase();
      return isCurrencyCode(code)
        ? { ok: true, value: code }
        : { ok: false, reason: "is not an ISO 4217 currency code (e.g. CNY, USD, EUR)" };
    }
    case "integer": {
      const t = text.replace(/,/g, "").replace(/\.0+$/, "");
      if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
        return { ok: false, reason: "is not a whole number" };
      }
      const n = Number(t);
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return { ok: false, reason: `must be between ${field.min ?? "-∞"} and ${field.max ?? "∞"}` };
      }
      return { ok: true, value: n };
    }
    case "boolean": {
      const t = text.toLowerCase();
      if (TRUE.has(t)) {
        return { ok: true, value: true };
      }
      if (FALSE.has(t)) {
        return { ok: true, value: false };
      }
      return { ok: false, reason: "is not yes/no (true/false, 1/0, 是/否)" };
    }
    case "decimal": {
      const t = text.replace(/,/g, "");
      const m = /^\+?(\d+)(?:\.(\d+))?$/.exec(t);
      if (!m) {
        return { ok: false, reason: "is not a positive decimal number" };
      }
      const normalised = `${m[1]?.replace(/^0+(?=\d)/, "")}${m[2] ? `.${m[2]}` : ""}`;
      if (!/[1-9]/.test(normalised)) {
        return { ok: false, reason: "must be greater than zero" };
      }
      return { ok: true, value: normalised };
    }
    case "enum": {
      const key = normaliseHeader(text);
      for (const [value, spellings] of Object.entries(field.values ?? {})) {
        if (normaliseHeader(value) === key || spellings.some((s) => normaliseHeader(s) === key)) {
          return { ok: true, value };
        }
      }
      return { ok: false, reason: `must be one of ${Object.keys(field.values ?? {}).join(", ")}` };
    }
    case "identifier": {
      const r = validateIdentifier(field.identifierType ?? "other", text);
      return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.message };
    }
    case "list":
      return {
        ok: true,
        value: text
          .split(/[;；|、]/)
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      };
    default: {
      const never: never = field.kind;
      return { ok: false, reason: `unknown field kind ${String(never)}` };
    }
  }
}
