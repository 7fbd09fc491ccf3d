import type { IdentifierType } from "../identifiers/index.ts";

/** How a cell is read. */
export const FIELD_KINDS = [
  "text",
  "date",
  "amount",
  "currency",
  "integer",
  "boolean",
  "decimal",
  "enum",
  "identifier",
  "list",
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** A parsed, typed value ready for staging: ISO date strings, minor units, codes, decimals as strings. */
export type FieldValue = string | number | boolean | readonly string[] | null;

/** One importable field of an entity (its `name` is also the export header). */
export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** The column must be present and the cell non-blank. */
  readonly required?: boolean;
  /** Value used when the cell is blank (the column may still be absent: then the DB default applies). */
  readonly default?: string | number | boolean;
  /** Header spellings (English and Chinese) that map to this field; compared after normalisation. */
  readonly synonyms: readonly string[];
  /** Allowed values of an enum, with accepted spellings (normalised) for each. */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** For amounts: the field that carries the currency (else the file's default currency). */
  readonly currencyField?: string;
  /** Amounts that must be > 0 (payments, credit notes …) or ≥ 0. */
  readonly sign?: "positive" | "non_negative";
  readonly identifierType?: IdentifierType;
  readonly min?: number;
  readonly max?: number;
}

const CUSTOMER_CODE_SYNONYMS = [
  "customer_code",
  "customer code",
  "customer no",
  "customer number",
  "customer id",
  "cust code",
  "client code",
  "account number",
  "客户编码",
  "客户代码",
  "客户编号",
  "客户号",
  "客户ID",
];

/** The reference to a customer that every archive and ledger row carries (客户编码). */
export const customerCodeField: FieldSpec = {
  name: "customer_code",
  kind: "text",
  required: true,
  synonyms: CUSTOMER_CODE_SYNONYMS,
};

export const CURRENCY_SYNONYMS = [
  "currency",
  "currency code",
  "ccy",
  "币种",
  "货币",
  "币别",
  "货币代码",
  "结算币种",
];

export const currencyField = (extra: readonly string[] = []): FieldSpec => ({
  name: "currency",
  kind: "currency",
  synonyms: [...CURRENCY_SYNONYMS, ...extra],
});

export const SEVERITY_VALUES = {
  low: ["low", "低", "轻微"],
  medium: ["medium", "中", "一般", "中等"],
  high: ["high", "高", "严重"],
  critical: ["critical", "极高", "重大", "特别严重"],
} as const;

export const invoiceRefField = (required = false): FieldSpec => ({
  name: "invoice_number",
  kind: "text",
  required,
  synonyms: [
    "invoice_number",
    "invoice number",
    "invoice no",
    "invoice",
    "发票号",
    "发票号码",
    "发票编号",
    "原发票号",
    "关联发票号",
  ],
});
