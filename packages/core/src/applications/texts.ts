import { normaliseIdentifier, validateUscc } from "../identifiers/uscc.ts";

/**
 * Reason codes of the screening (checklist gaps, fraud signals) with their parameters and the
 * texts in both UI languages, built from the same parameters — as the assessment's reason codes:
 * the code and parameters are stable, the texts are what a user reads (zh-CN or English).
 */
export interface LocalisedReason {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: { readonly en: string; readonly zh: string };
}

export type UiLanguage = "zh" | "en";

/** The text of a bilingual value in one language (the UI's, or the case's for the PDF). */
export const inLanguage = (
  text: { readonly en: string; readonly zh: string },
  language: UiLanguage,
): string => (language === "zh" ? text.zh : text.en);

/** "zh-CN", "zh", "zh-Hans" → zh; anything else → en. */
export const uiLanguageOf = (locale: string | null | undefined): UiLanguage =>
  locale?.toLowerCase().startsWith("zh") ? "zh" : "en";

const FIELD: Readonly<Record<string, { en: string; zh: string }>> = {
  registration_id: { en: "registration id", zh: "注册号" },
  name: { en: "name", zh: "名称" },
  bank_account: { en: "bank account", zh: "银行账号" },
  phone: { en: "phone", zh: "电话" },
  address: { en: "address", zh: "地址" },
  email: { en: "e-mail", zh: "邮箱" },
};
const PARTY_KIND: Readonly<Record<string, { en: string; zh: string }>> = {
  customer: { en: "customer", zh: "客户" },
  application: { en: "application", zh: "申请" },
  bank: { en: "bank reference", zh: "银行推荐人" },
  trade: { en: "trade reference", zh: "贸易推荐人" },
  registry: { en: "registry", zh: "工商登记" },
};
const EVENT: Readonly<Record<string, { en: string; zh: string }>> = {
  legal_rep_change: { en: "change of legal representative", zh: "法定代表人变更" },
  address_change: { en: "change of address", zh: "地址变更" },
  management_change: { en: "change of management", zh: "管理层变更" },
};
const RELATION: Readonly<Record<string, { en: string; zh: string }>> = {
  declared_related: { en: "declared related", zh: "申报为关联方" },
  same_registration_id: { en: "same registration id", zh: "注册号相同" },
  same_name: { en: "same name", zh: "名称相同" },
  same_bank_account: { en: "same bank account", zh: "银行账号相同" },
  same_phone: { en: "same phone", zh: "电话相同" },
  same_address: { en: "same address", zh: "地址相同" },
  same_email: { en: "same e-mail", zh: "邮箱相同" },
};

const label = (table: Readonly<Record<string, { en: string; zh: string }>>, key: string) =>
  table[key] ?? { en: key, zh: key };
export const fieldLabel = (field: string) => label(FIELD, field);
export const partyKindLabel = (kind: string) => label(PARTY_KIND, kind);
export const eventLabel = (type: string) => label(EVENT, type);
export const relationLabel = (why: string) => label(RELATION, why);

/** Both-language list of labels: "bank account, phone" / "银行账号、电话". */
export const joinLabels = (
  labels: ReadonlyArray<{ en: string; zh: string }>,
  enSep = ", ",
  zhSep = "、",
) => ({
  en: labels.map((l) => l.en).join(enSep),
  zh: labels.map((l) => l.zh).join(zhSep),
});

/**
 * Why an identifier is invalid, in both languages. The USCC check (GB 32100-2015) gives a code
 * (length, symbol, checksum) that is translated; other identifier types keep their English text.
 */
export function identifierProblem(type: string, value: string, message: string): { en: string; zh: string } {
  if (type === "uscc") {
    const r = validateUscc(value);
    if (!r.ok) {
      const p = r.problem;
      switch (p.code) {
        case "length":
          return {
            en: message,
            zh: `统一社会信用代码应为 18 位，实际 ${normaliseIdentifier(value).length} 位`,
          };
        case "symbol":
          return { en: message, zh: `统一社会信用代码第 ${p.position} 位字符不允许（不使用 I、O、S、V、Z）` };
        case "checksum":
          return { en: message, zh: `统一社会信用代码校验位错误，按 GB 32100-2015 应为 ${p.expected}` };
      }
    }
  }
  return { en: message, zh: message };
}
