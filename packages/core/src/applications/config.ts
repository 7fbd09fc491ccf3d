import { z } from "zod";

/**
 * Screening configuration of new-customer applications (stored in `settings`, key
 * `applications.config`, validated by this schema): which investigation items apply to which
 * customer type and amount, the rating agency waterfall, and the thresholds of the fraud signals.
 * Amounts are minor units of `currency`; requested amounts are converted to it before comparison.
 */
export const CHECKLIST_BUILTIN_CODES = [
  "registration",
  "statements",
  "rating",
  "references",
  "site_visit",
] as const;
export type ChecklistBuiltinCode = (typeof CHECKLIST_BUILTIN_CODES)[number];

const localised = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) });

export const checklistItemConfigSchema = z.object({
  /** A built-in code (checked automatically where it can be) or a custom one (evidence only). */
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "lower-case letters, digits and _"),
  label: localised,
  /** Customer types (customers.company_type) the item applies to; absent = every type. */
  customerTypes: z.array(z.string().min(1)).min(1).optional(),
  /** The item applies only from this requested amount (minor units of `currency`). */
  minAmountMinor: z.number().int().nonnegative().optional(),
});
export type ChecklistItemConfig = z.infer<typeof checklistItemConfigSchema>;

export const applicationsConfigSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    checklist: z.array(checklistItemConfigSchema).min(1),
    rating: z.object({
      /** Agencies in waterfall order: the first with a report for the company is used. */
      agencies: z.array(z.string().min(1).max(64)).min(1),
      /** A report younger than this is reused, never pulled again. */
      maxReportAgeDays: z.number().int().min(1).max(3650),
    }),
    duplicates: z.object({ nameThreshold: z.number().min(0.5).max(1) }),
    signals: z.object({
      /** A company younger than this (months since founding) … */
      youngCompanyMonths: z.number().int().min(1).max(240),
      /** … asking for at least this limit is a signal. */
      largeLimitMinor: z.number().int().nonnegative(),
      /** Orders within this many days of the first order … */
      bustOutWindowDays: z.number().int().min(1).max(365),
      /** … above this multiple of the stated monthly need are a bust-out signal. */
      bustOutMultiple: z.number().min(1).max(100),
      /** Changes of legal representative or address within this many days before applying. */
      recentChangeDays: z.number().int().min(1).max(3650),
    }),
    publicForm: z.object({
      tokenDays: z.number().int().min(1).max(90),
      maxFileBytes: z
        .number()
        .int()
        .min(1024)
        .max(20 * 1024 * 1024),
      maxFiles: z.number().int().min(1).max(20),
    }),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.checklist.forEach((item, i) => {
      if (seen.has(item.code)) {
        ctx.addIssue({
          code: "custom",
          path: ["checklist", i, "code"],
          message: `duplicate item ${item.code}`,
        });
      }
      seen.add(item.code);
    });
    if (new Set(c.rating.agencies).size !== c.rating.agencies.length) {
      ctx.addIssue({ code: "custom", path: ["rating", "agencies"], message: "an agency is listed twice" });
    }
  });
export type ApplicationsConfig = z.infer<typeof applicationsConfigSchema>;

/** Shipped defaults (CNY): site visit from 5 m, young company < 24 months asking ≥ 1 m. */
export const DEFAULT_APPLICATIONS_CONFIG: ApplicationsConfig = {
  currency: "CNY",
  checklist: [
    { code: "registration", label: { zh: "工商登记核验", en: "Registration checked" } },
    {
      code: "statements",
      label: { zh: "财务报表已提供并分析", en: "Financial statements present and analysed" },
    },
    { code: "rating", label: { zh: "外部评级已获取", en: "External rating obtained" } },
    { code: "references", label: { zh: "银行与商业推荐已核实", en: "References checked" } },
    {
      code: "site_visit",
      label: { zh: "实地走访", en: "Site visit" },
      minAmountMinor: 500_000_000,
    },
  ],
  rating: { agencies: ["dun_bradstreet", "creditreform", "qichacha"], maxReportAgeDays: 180 },
  duplicates: { nameThreshold: 0.85 },
  signals: {
    youngCompanyMonths: 24,
    largeLimitMinor: 100_000_000,
    bustOutWindowDays: 30,
    bustOutMultiple: 3,
    recentChangeDays: 90,
  },
  publicForm: { tokenDays: 14, maxFileBytes: 5 * 1024 * 1024, maxFiles: 10 },
};

/** The items that apply to an application of `companyType` asking `requestedMinor` (config currency). */
export function applicableChecklist(
  config: ApplicationsConfig,
  options: { companyType: string; requestedMinor: number },
): ChecklistItemConfig[] {
  return config.checklist.filter(
    (item) =>
      (item.customerTypes === undefined || item.customerTypes.includes(options.companyType)) &&
      (item.minAmountMinor === undefined || options.requestedMinor >= item.minAmountMinor),
  );
}
