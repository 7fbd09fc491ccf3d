import { z } from "zod";

export const TEMPLATE_LOCALES = ["zh-CN", "en"] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/**
 * Placeholders a dunning template may use, written `{name}`:
 * customerName, customerCode, invoiceNumbers (comma-separated), invoiceLines (one line per invoice:
 * number, due date, open amount, days past due), dueDates, totalOverdue (formatted amount with
 * currency), interestDue (late-payment interest at the contract rate as of the run), asOf, level,
 * sender (the creditor's name).
 */
export const TEMPLATE_PLACEHOLDERS = [
  "customerName",
  "customerCode",
  "invoiceNumbers",
  "invoiceLines",
  "dueDates",
  "totalOverdue",
  "interestDue",
  "asOf",
  "level",
  "sender",
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateVars = Record<TemplatePlaceholder, string>;

const PLACEHOLDER = /\{(\w+)\}/g;

const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((s, ctx) => {
      for (const m of s.matchAll(PLACEHOLDER)) {
        if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(m[1] ?? "")) {
          ctx.addIssue({ code: "custom", message: `unknown placeholder {${m[1]}}` });
        }
      }
    });

export const messageTemplateSchema = z.object({ subject: text(300), body: text(20_000) }).strict();
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

/** Templates per dunning level ("1", "2" …), each in zh-CN and English. */
export const dunningTemplatesSchema = z.record(
  z.string().regex(/^[1-9]$/, "a level 1–9"),
  z.object({ "zh-CN": messageTemplateSchema, en: messageTemplateSchema }).strict(),
);
export type DunningTemplates = z.infer<typeof dunningTemplatesSchema>;

/** Fills `{name}` placeholders; every placeholder must be known (validated on save, checked here). */
export function renderTemplate(template: MessageTemplate, vars: TemplateVars): MessageTemplate {
  const fill = (s: string) =>
    s.replace(PLACEHOLDER, (match, name: string) =>
      name in vars ? vars[name as TemplatePlaceholder] : match,
    );
  return { subject: fill(template.subject), body: fill(template.body) };
}

const zhClose = "\n\n如已付款，请忽略本通知。如有疑问，请联系我们。\n\n{sender}";
const enClose =
  "\n\nIf you have already paid, please disregard this notice. Questions? Please contact us.\n\n{sender}";
const lines = "\n\n{invoiceLines}\n\n";

/** The shipped templates of the five default levels. */
export const DEFAULT_DUNNING_TEMPLATES: DunningTemplates = {
  "1": {
    "zh-CN": {
      subject: "付款提醒：发票 {invoiceNumbers} 已到期",
      body: `尊敬的{customerName}：\n\n截至 {asOf}，以下发票已超过付款期限，合计 {totalOverdue}：${lines}请您尽快安排付款。${zhClose}`,
    },
    en: {
      subject: "Payment reminder: invoice(s) {invoiceNumbers} overdue",
      body: `Dear {customerName},\n\nAs of {asOf} the following invoices are past due, {totalOverdue} in total:${lines}Please arrange payment at your earliest convenience.${enClose}`,
    },
  },
  "2": {
    "zh-CN": {
      subject: "第二次付款提醒：发票 {invoiceNumbers}",
      body: `尊敬的{customerName}：\n\n我们尚未收到以下逾期发票的款项，合计 {totalOverdue}：${lines}我们的收款专员将与您电话联系，确认付款日期。${zhClose}`,
    },
    en: {
      subject: "Second reminder: invoice(s) {invoiceNumbers}",
      body: `Dear {customerName},\n\nWe have not yet received payment of the following overdue invoices, {totalOverdue} in total:${lines}Our collector will call you to agree a payment date.${enClose}`,
    },
  },
  "3": {
    "zh-CN": {
      subject: "催款函：逾期发票 {invoiceNumbers}",
      body: `{customerName}：\n\n截至 {asOf}，贵司以下发票逾期未付，合计 {totalOverdue}：${lines}根据合同约定，截至 {asOf} 应计逾期利息 {interestDue}。请于收到本函后七日内付清欠款及利息。${zhClose}`,
    },
    en: {
      subject: "Formal demand: overdue invoice(s) {invoiceNumbers}",
      body: `{customerName},\n\nAs of {asOf} the following invoices remain unpaid, {totalOverdue} in total:${lines}Under our contract, late-payment interest of {interestDue} has accrued as of {asOf}. Please pay the balance and the interest within seven days of this letter.${enClose}`,
    },
  },
  "4": {
    "zh-CN": {
      subject: "停止供货通知：逾期发票 {invoiceNumbers}",
      body: `{customerName}：\n\n由于以下发票严重逾期（合计 {totalOverdue}，逾期利息 {interestDue}），我司自 {asOf} 起暂停对贵司供货，直至欠款付清：${lines}${zhClose}`,
    },
    en: {
      subject: "Supply stopped: overdue invoice(s) {invoiceNumbers}",
      body: `{customerName},\n\nBecause the following invoices are seriously overdue ({totalOverdue}, interest {interestDue}), we have stopped supplying you as of {asOf} until the debt is settled:${lines}${enClose}`,
    },
  },
  "5": {
    "zh-CN": {
      subject: "法律程序通知：逾期发票 {invoiceNumbers}",
      body: `{customerName}：\n\n贵司以下发票逾期已久，合计 {totalOverdue}，逾期利息 {interestDue}：${lines}我司已将该欠款移交法律程序处理。${zhClose}`,
    },
    en: {
      subject: "Notice of legal action: overdue invoice(s) {invoiceNumbers}",
      body: `{customerName},\n\nThe following invoices have been overdue for a long time, {totalOverdue} in total, interest {interestDue}:${lines}We have handed the debt over for legal action.${enClose}`,
    },
  },
};
