import { type FactoringAgreementInput, factoringAgreementInputSchema } from "@creditdesk/core/insurance";
import { factoringAgreements } from "@creditdesk/db/insurance";
import { appendAudit } from "../audit/append-audit.ts";
import { type DatabaseHandle, type InsuranceActor, parseInput } from "./insurance-common.ts";
import { agreementView } from "./list-factoring.ts";

/** Records a factoring agreement (factor, recourse or not, advance rate, fees, facility), audited. */
export async function createFactoringAgreement(options: {
  handle: DatabaseHandle;
  actor: InsuranceActor;
  input: FactoringAgreementInput;
}) {
  const input = parseInput(factoringAgreementInputSchema, options.input);
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .insert(factoringAgreements)
      .values({
        ...input,
        facilityLimitMinor: input.facilityLimitMinor ?? null,
        validTo: input.validTo ?? null,
        notes: input.notes ?? null,
        createdBy: options.actor.id,
      })
      .returning();
    const view = agreementView(row!);
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "factoring.agreement.create",
      entity: "factoring_agreement",
      entityId: view.reference,
      after: view,
    });
    return view;
  });
}
