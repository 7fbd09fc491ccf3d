import { describe, expect, it } from "vitest";
import {
  DEFAULT_DUNNING_TEMPLATES,
  dunningTemplatesSchema,
  renderTemplate,
  type TemplateVars,
} from "./templates.ts";

const vars: TemplateVars = {
  customerName: "杭州华信有限公司",
  customerCode: "C001",
  invoiceNumbers: "INV-1, INV-2",
  invoiceLines: "INV-1 2025-05-01 ¥1,000.00 60",
  dueDates: "2025-05-01",
  totalOverdue: "¥1,000.00",
  interestDue: "¥8.96",
  asOf: "2025-06-30",
  level: "3",
  sender: "CreditDesk",
};

describe("dunning templates", () => {
  it("ship every default level in Chinese and English, all placeholders known", () => {
    expect(dunningTemplatesSchema.safeParse(DEFAULT_DUNNING_TEMPLATES).success).toBe(true);
    expect(Object.keys(DEFAULT_DUNNING_TEMPLATES)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("fill every placeholder", () => {
    for (const level of Object.values(DEFAULT_DUNNING_TEMPLATES)) {
      for (const t of [level["zh-CN"], level.en]) {
        const out = renderTemplate(t, vars);
        expect(`${out.subject}${out.body}`).not.toMatch(/\{\w+\}/);
      }
    }
    const letter = renderTemplate(DEFAULT_DUNNING_TEMPLATES["3"]!["zh-CN"], vars);
    expect(letter.subject).toBe("催款函：逾期发票 INV-1, INV-2");
    expect(letter.body).toContain("逾期利息 ¥8.96");
  });

  it("reject a template with an unknown placeholder", () => {
    const r = dunningTemplatesSchema.safeParse({
      "1": { "zh-CN": { subject: "x {customer}", body: "y" }, en: { subject: "x", body: "y" } },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("unknown placeholder {customer}");
  });
});
