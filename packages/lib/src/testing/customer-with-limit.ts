import { customers, type DatabaseHandle } from "@creditdesk/db";
import { setCreditLimit } from "../limits/set-credit-limit.ts";

/**
 * A customer `code` with a CNY credit limit of `limitMinor` valid since yesterday (set through the
 * use case, so its credit account exists as in the application): the customer's id.
 */
export async function customerWithLimit(
  handle: DatabaseHandle,
  code: string,
  limitMinor: number,
): Promise<number> {
  const [row] = await handle.db
    .insert(customers)
    .values({ code, legalName: `${code} 有限公司` })
    .returning({ id: customers.id });
  if (!row) {
    throw new Error(`customer ${code} was not inserted`);
  }
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await setCreditLimit({
    handle,
    input: { customer: code, currency: "CNY", amountMinor: limitMinor, validFrom: yesterday },
    actorId: "admin",
  });
  return row.id;
}
