import { RISK_GRADES } from "@creditdesk/core/assessment";
import {
  COMPANY_TYPES,
  CUSTOMER_LIST_SORTS,
  CUSTOMER_STATUSES,
  CUSTOMER_TIERS,
  customerInsert,
  customerSelect,
  customerUpdate,
} from "@creditdesk/db/archive";
import { z } from "zod";
import { listQuery, pageOf } from "../shared/list-query.ts";

export const CUSTOMERS_TAG = "Archive: customers";

export const customerSchema = customerSelect.meta({ id: "Customer" });
export const createCustomerBody = customerInsert.meta({ id: "CustomerCreate" });
// An update that names no known field is a client error (a typo would otherwise succeed silently).
export const updateCustomerBody = customerUpdate
  .refine((patch) => Object.keys(patch).length > 0, { message: "names no customer field to change" })
  .meta({ id: "CustomerUpdate" });

export const customerParams = z.object({
  idOrCode: z.string().min(1).max(64).describe("customer code, or numeric id when no customer has that code"),
});

const gradeList = z
  .string()
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(z.array(z.enum(RISK_GRADES)).min(1));

export const listCustomersQuery = listQuery({
  sorts: CUSTOMER_LIST_SORTS,
  defaultSort: "code",
  filters: {
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("free text: code, legal name, other names, identifier value"),
    industry: z.string().optional(),
    region: z.string().optional(),
    status: z.enum(CUSTOMER_STATUSES).optional(),
    tier: z.enum(CUSTOMER_TIERS).optional(),
    companyType: z.enum(COMPANY_TYPES).optional(),
    countryCode: z.string().length(2).optional(),
    parentCode: z.string().optional(),
    salesOwner: z.string().optional(),
    grade: gradeList
      .optional()
      .describe(`latest assessment's grade, comma-separated (${RISK_GRADES.join(", ")})`),
    utilisationMin: z.coerce
      .number()
      .min(0)
      .max(100000)
      .optional()
      .describe("utilisation (exposure / limit) at least this many percent"),
    hasOverdue: z.enum(["true", "false"]).optional().describe("true: some receivable overdue; false: none"),
    overdueMin: z.coerce
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe("overdue receivables at least this much (base currency, minor units)"),
  },
});

export const customerStandingSchema = z
  .object({
    baseCurrency: z.string().describe("currency of the amounts (the base currency)"),
    grade: z.string().nullable().describe("latest assessment's grade (null: never assessed)"),
    score: z.number().nullable(),
    openMinor: z.number().int().describe("open receivables, base currency minor units"),
    overdueMinor: z.number().int().describe("overdue receivables, base currency minor units"),
    exposureMinor: z
      .number()
      .int()
      .describe("open receivables + undelivered orders + delivered not invoiced + reservations"),
    limitMinor: z.number().int().nullable().describe("credit limits in force, base currency (null: none)"),
    utilisation: z.number().nullable().describe("exposure / limit (1 = 100 %; null without a limit)"),
  })
  .meta({ id: "CustomerStanding" });

export const customerListItem = customerSelect
  .extend({ standing: customerStandingSchema })
  .meta({ id: "CustomerListItem" });

export const customerPage = pageOf(customerListItem);
