import {
  type ApprovalConditions,
  type ConditionKind,
  type ConditionRequirement,
  conditionMet,
  conditionRequirements,
  conditionText,
} from "@creditdesk/core/applications";
import type { DatabaseHandle, Db, TxSession } from "@creditdesk/db";
import { applicationConditions, creditApplications } from "@creditdesk/db/applications";
import { insurancePolicies, insuredLimits } from "@creditdesk/db/insurance";
import { creditAccounts } from "@creditdesk/db/limits";
import { and, asc, eq, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { requestInsuredLimit } from "../insurance/request-insured-limit.ts";
import { createContract, createSecurity } from "../limits/contracts.ts";
import { ensureCreditAccount } from "../limits/set-credit-limit.ts";
import { AppError } from "../shared/app-error.ts";

type ConditionRow = typeof applicationConditions.$inferSelect;

/** A handle whose "transactions" run inside `tx`: lets the limits/insurance use cases join the decision's transaction. */
function inTransaction(handle: DatabaseHandle, tx: TxSession): DatabaseHandle {
  return { kind: handle.kind, db: tx.db, transaction: (fn) => fn(tx), close: async () => {} };
}

const requirementOf = (row: ConditionRow): ConditionRequirement => ({
  kind: row.kind as ConditionKind,
  amountMinor: row.amountMinor,
  prepaymentBps: row.prepaymentBps,
  guarantor: row.guarantor,
});

const holdReason = (applicationId: number) => `APP-${applicationId}: approval conditions not met`;

/**
 * The credit account (default segment) stays on hold while a condition of the approval is open —
 * the credit check then blocks every order ("credit_status" step) — and returns to OK when all are
 * met. A hold or stop set for another reason is left alone.
 */
async function syncHold(db: Db, applicationId: number, customerId: number): Promise<"hold" | "ok" | null> {
  const open = await db
    .select({ kind: applicationConditions.kind })
    .from(applicationConditions)
    .where(
      and(eq(applicationConditions.applicationId, applicationId), eq(applicationConditions.status, "open")),
    );
  const accountId = await ensureCreditAccount(db, customerId, "default");
  const reason = holdReason(applicationId);
  if (open.length > 0) {
    const [row] = await db
      .update(creditAccounts)
      .set({
        status: "hold",
        statusReason: `${reason} (${open.map((o) => o.kind).join(", ")})`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(creditAccounts.id, accountId), sql`${creditAccounts.status} <> 'stop'`))
      .returning({ id: creditAccounts.id });
    return row ? "hold" : null;
  }
  const [row] = await db
    .update(creditAccounts)
    .set({ status: "ok", statusReason: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(creditAccounts.id, accountId),
        eq(creditAccounts.status, "hold"),
        sql`${creditAccounts.statusReason} like ${`${reason}%`}`,
      ),
    )
    .returning({ id: creditAccounts.id });
  return row ? "ok" : null;
}

/**
 * Creates what an approval with conditions names, inside the decision's transaction:
 * - the credit contract `APP-<id>` (limits) with the approved terms, the prepayment term and the
 *   required guarantee in its notes;
 * - an insured-limit request under the credit insurance policy (insurance), pending the insurer;
 * - one condition row per kind; the guarantee and the cover are open until met, and while any is
 *   open the customer's credit account is on hold.
 */
export async function createApprovalConditions(
  handle: DatabaseHandle,
  tx: TxSession,
  options: {
    applicationId: number;
    customerId: number;
    currency: string;
    termsDays: number;
    asOf: string;
    actorId: string;
    conditions: ApprovalConditions;
  },
) {
  const inner = inTransaction(handle, tx);
  const requirements = conditionRequirements(options.conditions);
  const texts = requirements.map((r) => conditionText(r, options.currency));
  const contract = await createContract({
    handle: inner,
    customer: options.customerId,
    input: {
      reference: `APP-${options.applicationId}`,
      currency: options.currency,
      paymentTermsDays: options.termsDays,
      validFrom: options.asOf,
      notes: [
        `Conditions of credit application APP-${options.applicationId}:`,
        ...texts.map((t) => `- ${t.en} / ${t.zh}`),
        ...(options.conditions.note ? [options.conditions.note] : []),
      ].join("\n"),
    },
  });
  const created = [];
  for (const r of requirements) {
    let insuredLimitId: number | null = null;
    if (r.kind === "credit_insurance") {
      const policy = await policyFor(tx.db, options.currency, options.conditions.insurancePolicy);
      const request = await requestInsuredLimit({
        handle: inner,
        actor: { id: options.actorId },
        policy: policy.id,
        customer: options.customerId,
        requestedMinor: r.amountMinor ?? 0,
        requestedOn: options.asOf,
      });
      insuredLimitId = request.id;
    }
    const met = conditionMet(r, { guaranteeReceived: false, insuredMinor: null });
    const [row] = await tx.db
      .insert(applicationConditions)
      .values({
        applicationId: options.applicationId,
        kind: r.kind,
        currency: options.currency,
        amountMinor: r.amountMinor,
        prepaymentBps: r.prepaymentBps,
        guarantor: r.guarantor,
        status: met ? "met" : "open",
        contractId: contract.id,
        insuredLimitId,
        metBy: met ? options.actorId : null,
        metAt: met ? sql`now()` : null,
      })
      .returning();
    created.push(row!);
  }
  const account = await syncHold(tx.db, options.applicationId, options.customerId);
  return { contractId: contract.id, conditions: created.map(view), account };
}

/** The credit insurance policy to request cover under: the named one, else the one active policy in the currency. */
async function policyFor(db: Db, currency: string, named: string | number | undefined) {
  const rows = await db
    .select({
      id: insurancePolicies.id,
      policyNumber: insurancePolicies.policyNumber,
      currency: insurancePolicies.currency,
    })
    .from(insurancePolicies)
    .where(eq(insurancePolicies.status, "active"));
  const match =
    named !== undefined
      ? rows.filter((p) => String(p.id) === String(named) || p.policyNumber === String(named))
      : rows.filter((p) => p.currency === currency);
  if (match.length !== 1) {
    throw AppError.validation([
      {
        path: "conditions.insurancePolicy",
        message:
          named !== undefined
            ? `no active credit insurance policy ${named}`
            : `credit insurance cover needs a policy: ${match.length === 0 ? `no active policy in ${currency}` : `${match.length} active policies in ${currency}, name one`}`,
      },
    ]);
  }
  return match[0]!;
}

function view(row: ConditionRow) {
  return {
    id: row.id,
    kind: row.kind as ConditionKind,
    currency: row.currency,
    amountMinor: row.amountMinor,
    prepaymentBps: row.prepaymentBps,
    guarantor: row.guarantor,
    status: row.status as "open" | "met",
    met: row.status === "met",
    text: conditionText(requirementOf(row), row.currency),
    contractId: row.contractId,
    securityId: row.securityId,
    insuredLimitId: row.insuredLimitId,
    metBy: row.metBy,
    metAt: row.metAt?.toISOString() ?? null,
    note: row.note,
  };
}
export type ApplicationConditionView = ReturnType<typeof view>;

export async function listApplicationConditions(options: { handle: DatabaseHandle; id: number }) {
  const rows = await options.handle.db
    .select()
    .from(applicationConditions)
    .where(eq(applicationConditions.applicationId, options.id))
    .orderBy(asc(applicationConditions.id));
  return rows.map(view);
}

/**
 * Records that a condition is met, with what proves it: a guarantee received becomes a credit
 * security (limits: `guarantee`, amount, guarantor, validity) that covers exposure from then on;
 * credit insurance cover is met only once the insurer granted the insured limit (full or partial,
 * at least the amount named) — checked, not taken on trust. When the last open condition is met
 * the hold on the customer's credit account is lifted. Audited.
 */
export async function fulfilApplicationCondition(options: {
  handle: DatabaseHandle;
  actor: { id: string };
  id: number;
  kind: ConditionKind;
  input?: {
    reference?: string | undefined;
    validFrom?: string | undefined;
    expiresOn?: string | undefined;
    note?: string | undefined;
  };
}) {
  const { handle, actor } = options;
  const input = options.input ?? {};
  return handle.transaction(async (tx) => {
    const [app] = await tx.db
      .select({ id: creditApplications.id, customerId: creditApplications.customerId })
      .from(creditApplications)
      .where(eq(creditApplications.id, options.id));
    if (!app) {
      throw AppError.notFound("credit application", options.id);
    }
    const [row] = await tx.db
      .select()
      .from(applicationConditions)
      .where(
        and(eq(applicationConditions.applicationId, app.id), eq(applicationConditions.kind, options.kind)),
      )
      .for("update");
    if (!row) {
      throw AppError.notFound("condition", `${options.kind} of APP-${app.id}`);
    }
    if (row.status === "met") {
      throw new AppError("CONFLICT", `the ${options.kind} condition of APP-${app.id} is already met`);
    }
    let securityId: number | null = null;
    if (row.kind === "guarantee") {
      const today = new Date().toISOString().slice(0, 10);
      const security = await createSecurity({
        handle: inTransaction(handle, tx),
        customer: app.customerId,
        input: {
          type: "guarantee",
          reference: input.reference ?? `APP-${app.id}-GUARANTEE`,
          currency: row.currency,
          amountMinor: row.amountMinor ?? 0,
          guarantor: row.guarantor,
          validFrom: input.validFrom ?? today,
          expiresOn: input.expiresOn ?? null,
        },
      });
      securityId = security.id;
    } else if (row.kind === "credit_insurance") {
      const [limit] = row.insuredLimitId
        ? await tx.db.select().from(insuredLimits).where(eq(insuredLimits.id, row.insuredLimitId))
        : [];
      const granted =
        limit && (limit.decision === "full" || limit.decision === "partial")
          ? (limit.decidedMinor ?? 0)
          : null;
      if (!conditionMet(requirementOf(row), { guaranteeReceived: false, insuredMinor: granted })) {
        throw new AppError(
          "CONFLICT",
          `the insurer has not granted the insured limit of ${row.currency} ${row.amountMinor} (insured limit ${row.insuredLimitId ?? "—"}: ${limit?.decision ?? "missing"}${granted !== null ? `, ${granted}` : ""})`,
        );
      }
    }
    const [updated] = await tx.db
      .update(applicationConditions)
      .set({ status: "met", metBy: actor.id, metAt: sql`now()`, securityId, note: input.note ?? null })
      .where(eq(applicationConditions.id, row.id))
      .returning();
    const account = await syncHold(tx.db, app.id, app.customerId);
    await appendAudit(tx.db, {
      actor: actor.id,
      action: "application.condition.met",
      entity: "credit_application",
      entityId: app.id,
      before: { kind: row.kind, status: row.status },
      after: { kind: row.kind, status: "met", securityId, insuredLimitId: row.insuredLimitId, account },
      reason: input.note ?? null,
    });
    return { ...view(updated!), account };
  });
}
