import { formatMinor } from "../../money/money.ts";
import type { LocalisedText, ResolvedValue, SourceDefinition } from "../scorecard/sources.ts";

function grouped(text: string): string {
  const [whole = "", fraction] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Fixed decimals without "-0". */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A measured value in words, e.g. days → "23 days" / "23 天", share 0.375 → "37.5%", money in the
 * reporting currency → "CNY 5,000,000.00". Missing values are worded by the caller.
 */
export function formatValue(options: {
  value: Exclude<ResolvedValue, { kind: "missing" }>;
  source: SourceDefinition;
  currency: string;
}): LocalisedText {
  const { value, source, currency } = options;
  if (value.kind === "category") {
    const label = source.categories?.find((c) => c.value === value.value)?.label;
    return label ?? { en: value.value, zh: value.value };
  }
  const x = value.value;
  switch (source.format) {
    case "ratio":
      return { en: fixed(x, 2), zh: fixed(x, 2) };
    case "share":
      return { en: `${fixed(x * 100, 1)}%`, zh: `${fixed(x * 100, 1)}%` };
    case "percent":
      return { en: `${fixed(x, 1)}%`, zh: `${fixed(x, 1)}%` };
    case "days":
      return { en: `${fixed(x, 0)} ${fixed(x, 0) === "1" ? "day" : "days"}`, zh: `${fixed(x, 0)} 天` };
    case "count":
      return { en: fixed(x, 0), zh: fixed(x, 0) };
    case "years":
      return { en: `${fixed(x, 1)} years`, zh: `${fixed(x, 1)} 年` };
    case "per100":
      return { en: fixed(x, 1), zh: fixed(x, 1) };
    case "money": {
      const amount = grouped(formatMinor(Math.round(x), currency));
      return { en: `${currency} ${amount}`, zh: `${amount} ${currency}` };
    }
    case "category":
      return { en: String(x), zh: String(x) };
    default: {
      const unreachable: never = source.format;
      throw new Error(`unknown format ${String(unreachable)}`);
    }
  }
}
