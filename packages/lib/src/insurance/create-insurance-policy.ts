import { type InsurancePolicyInput, insurancePolicyInputSchema } from "@creditdesk/core/insurance";
import { insurancePolicies } from "@creditdesk/db/insurance";
import { appendAudit } from "../audit/append-audit.ts";
import { type DatabaseHandle, type InsuranceActor, parseInput } from "./insurance-common.ts";
import { policyView } from "./list-insurance-policies.ts";

/** Records a credit insurance policy (validated by core `insurancePolicyInputSchema`), audited. */
export async function createInsurancePolicy(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  input: InsurancePolicyInput;
}) {
  const input = parseInput(insurancePolicyInputSchema, options.input);
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .insert(insurancePolicies)
      .values({
        ...input,
        maxLiabilityMinor: input.maxLiabilityMinor ?? null,
        premiumRate: input.premiumRate ?? null,
        premiumMinor: input.premiumMinor ?? null,
        validTo: input.validTo ?? null,
        notes: input.notes ?? null,
        createdBy: options.actor.id,
      })
      .returning();
    const view = policyView(row!);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "insurance.policy.create",
      entity: "insurance_policy",
      entityId: view.policyNumber,
      after: view,
    });
    return view;
  });
}
