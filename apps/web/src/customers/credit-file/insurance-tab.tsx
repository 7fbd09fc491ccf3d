import { CustomerInsuranceTab } from "../../insurance/customer-insurance-tab.tsx";
import type { Customer } from "../../shared/api/types.ts";

/** Credit insurance and factoring of the customer (owned by the insurance capability). */
export function InsuranceTab({ customer }: { customer: Customer }) {
  return <CustomerInsuranceTab customer={customer.code} />;
}
