import {
  COMPANY_TYPES,
  CUSTOMER_SORTS,
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

export const listCustomersQuery = listQuery({
  sorts: CUSTOMER_SORTS,
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
  },
});

export const customerPage = pageOf(customerSchema);
