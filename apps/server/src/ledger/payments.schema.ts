import {
  PAYMENT_SORTS,
  paymentAllocationInput,
  paymentInsert,
  paymentSelect,
  paymentUpdate,
} from "@creditdesk/db/ledger";
import { z } from "zod";
import { dateQuery, idQuery, listQuery, pageOf } from "../shared/list-query.ts";

export const PAYMENTS_TAG = "Ledger: payments";
export const paymentSchema = paymentSelect.meta({ id: "Payment" });
export const createPaymentBody = paymentInsert.meta({ id: "PaymentCreate" });
export const updatePaymentBody = paymentUpdate.meta({ id: "PaymentUpdate" });
export const allocatePaymentBody = z
  .object({ allocations: z.array(paymentAllocationInput).min(1).max(1000) })
  .meta({ id: "PaymentAllocate" });

export const listPaymentsQuery = listQuery({
  sorts: PAYMENT_SORTS,
  defaultSort: "-receivedOn",
  filters: {
    customerId: idQuery(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    method: z.string().optional(),
    receivedFrom: dateQuery(),
    receivedTo: dateQuery(),
  },
});
export const paymentPage = pageOf(paymentSchema);
