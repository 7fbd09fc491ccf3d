import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { formatMoney } from "../format/money.ts";
import { en } from "./en.ts";
import { type MessageKey, type Messages, zhCN } from "./zh-CN.ts";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const DICTIONARIES: Record<Locale, Messages> = { "zh-CN": zhCN, en };
const STORAGE_KEY = "creditdesk.locale";

export type Vars = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The message for `key` with `{name}` placeholders filled from `vars`. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** Label of a closed-set value (`tier.core`); an unknown value is shown as is. */
  label: (prefix: string, value: string | null | undefined) => string;
  money: (minor: number | null | undefined, currency: string | null | undefined, compact?: boolean) => string;
  /** An ISO "YYYY-MM-DD" date in the locale's medium style. */
  date: (iso: string | null | undefined) => string;
  number: (value: number | null | undefined, fractionDigits?: number) => string;
  percent: (ratio: number | null | undefined, fractionDigits?: number) => string;
}

export function interpolate(template: string, vars?: Vars): string {
  if (!vars) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) {
      return stored;
    }
  } catch {
    // Storage blocked: fall back to the default.
  }
  return "zh-CN";
}

/** Builds the translation and formatting functions of one locale. */
export function createI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const messages = DICTIONARIES[locale];
  const empty = messages["common.empty"];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const t = (key: MessageKey, vars?: Vars) => interpolate(messages[key], vars);
  return {
    locale,
    setLocale,
    t,
    label: (prefix, value) => {
      if (value === null || value === undefined || value === "") {
        return empty;
      }
      const key = `${prefix}.${value}`;
      return key in messages ? messages[key as MessageKey] : value;
    },
    money: (minor, currency, compact = false) =>
      minor === null || minor === undefined || !currency
        ? empty
        : formatMoney({ minor, currency, locale, notation: compact ? "compact" : "standard" }),
    date: (iso) => {
      if (!iso) {
        return empty;
      }
      // Dates are calendar days: read and print them in UTC so no time zone shifts the day.
      const parsed = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? iso : dateFormat.format(parsed);
    },
    number: (value, fractionDigits = 0) =>
      value === null || value === undefined || !Number.isFinite(value)
        ? empty
        : new Intl.NumberFormat(locale, {
            minimumFractionDigits: fractionDigits,
            maximumFractionDigits: fractionDigits,
          }).format(value),
    percent: (ratio, fractionDigits = 1) =>
      ratio === null || ratio === undefined || !Number.isFinite(ratio)
        ? empty
        : new Intl.NumberFormat(locale, {
            style: "percent",
            minimumFractionDigits: fractionDigits,
            maximumFractionDigits: fractionDigits,
          }).format(ratio),
  };
}

const I18nContext = createContext<I18n | null>(null);

/** Holds the UI language (persisted in localStorage) and exposes `useI18n()`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    const messages = DICTIONARIES[locale];
    document.title = `${messages["app.name"]} ${messages["app.subtitle"]}`;
  }, [locale]);
  const value = useMemo(() => createI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error("useI18n() outside <I18nProvider>");
  }
  return value;
}
