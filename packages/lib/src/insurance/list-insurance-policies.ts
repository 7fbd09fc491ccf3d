import { insurancePolicies } from "@creditdesk/db/insurance";
import { desc, sql } from "drizzle-orm";
import { type DatabaseHandle, type InsurancePolicy, requirePolicy } from "./insurance-common.ts";

export function policyView(p: InsurancePolicy) {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}
export type InsurancePolicyView = ReturnType<typeof policyView>;

/** Every policy, newest first, with the number of buyers insured on `asOf` and their total insured limit. */
export async function listInsurancePolicies(options: { handle: DatabaseHandle; asOf: string }) {
  const rows = await options.handle.db
    .select({
      p: insurancePolicies,
      buyers: sql<number>`(select count(distinct l.customer_id)::int from insured_limits l
        where l.policy_id = ${insurancePolicies.id} and l.decision <> 'pending'
          and l.decided_on <= cast(${options.asOf} as date))`,
    })
    .from(insurancePolicies)
    .orderBy(desc(insurancePolicies.id));
  return { items: rows.map((r) => ({ ...policyView(r.p), buyers: Number(r.buyers) })) };
}

export async function getInsurancePolicy(options: { handle: DatabaseHandle; policy: string | number }) {
  return policyView(await requirePolicy(options.handle.db, options.policy));
}
