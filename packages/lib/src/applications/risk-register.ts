import { RISK_CATEGORIES, type RiskCategory, riskLevel, riskRating } from "@creditdesk/core/applications";
import type { Actor } from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { customerRisks } from "@creditdesk/db/applications";
import { findCustomerId } from "@creditdesk/db/archive";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";

export const riskInputSchema = z
  .object({
    category: z.enum(RISK_CATEGORIES),
    description: z.string().trim().min(1).max(2000),
    likelihood: z.number().int().min(1).max(5),
    impact: z.number().int().min(1).max(5),
    owner: z.string().trim().min(1).max(100),
    mitigation: z.string().trim().max(2000).optional(),
    reviewOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
  })
  .strict()
  .meta({ id: "RiskCreate" });
export type RiskInput = z.infer<typeof riskInputSchema>;

type RiskRow = typeof customerRisks.$inferSelect;
const view = (r: RiskRow) => {
  const rating = riskRating(r.likelihood, r.impact);
  return {
    ...r,
    category: r.category as RiskCategory,
    rating,
    level: riskLevel(rating),
    closedAt: r.closedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
};
export type RiskView = ReturnType<typeof view>;

async function customerIdOf(handle: DatabaseHandle, customer: string | number): Promise<number> {
  const id = await findCustomerId(handle.db, customer);
  if (id === undefined) {
    throw AppError.notFound("customer", customer);
  }
  return id;
}

/** The customer's risk register, open entries first, by review date. */
export async function listCustomerRisks(options: {
  handle: DatabaseHandle;
  customer: string | number;
}): Promise<RiskView[]> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const rows = await options.handle.db
    .select()
    .from(customerRisks)
    .where(eq(customerRisks.customerId, customerId))
    .orderBy(sql`${customerRisks.status} = 'closed'`, asc(customerRisks.reviewOn), asc(customerRisks.id));
  return rows.map(view);
}

/** Adds a risk (credit, operational, market, reputation) with likelihood, impact, owner, mitigation, review date. */
export async function addCustomerRisk(options: {
  handle: DatabaseHandle;
  actor: Actor;
  customer: string | number;
  input: RiskInput;
}): Promise<RiskView> {
  const customerId = await customerIdOf(options.handle, options.customer);
  return options.handle.transaction(async (tx) => {
    const [row] = await tx.db
      .insert(customerRisks)
      .values({
        ...options.input,
        mitigation: options.input.mitigation ?? null,
        customerId,
        createdBy: options.actor.id,
      })
      .returning();
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "risk.add",
      entity: "customer",
      entityId: customerId,
      after: row,
    });
    return view(row!);
  });
}

export const riskUpdateSchema = riskInputSchema
  .omit({ category: true })
  .partial()
  .extend({ reason: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .refine((u) => Object.keys(u).some((k) => k !== "reason"), "change at least one field")
  .meta({ id: "RiskUpdate" });
export type RiskUpdate = z.infer<typeof riskUpdateSchema>;

export const riskCloseSchema = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: "RiskClose" });

/** The entry locked for a change, or 404 (also when it belongs to another customer). */
async function lockRisk(db: DatabaseHandle["db"], customerId: number, riskId: number): Promise<RiskRow> {
  const [row] = await db
    .select()
    .from(customerRisks)
    .where(and(eq(customerRisks.id, riskId), eq(customerRisks.customerId, customerId)))
    .for("update");
  if (!row) {
    throw AppError.notFound("risk", riskId);
  }
  return row;
}

/**
 * Updates an open risk entry (likelihood, impact, owner, mitigation, review date, description),
 * audited with the entry before and after and the optional reason.
 */
export async function updateCustomerRisk(options: {
  handle: DatabaseHandle;
  actor: Actor;
  customer: string | number;
  riskId: number;
  update: RiskUpdate;
}): Promise<RiskView> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const { reason, ...fields } = options.update;
  return options.handle.transaction(async (tx) => {
    const before = await lockRisk(tx.db, customerId, options.riskId);
    if (before.status !== "open") {
      throw new AppError("CONFLICT", `risk ${options.riskId} is closed`);
    }
    const [row] = await tx.db
      .update(customerRisks)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(eq(customerRisks.id, before.id))
      .returning();
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "risk.update",
      entity: "customer",
      entityId: customerId,
      before,
      after: row,
      reason: reason ?? null,
    });
    return view(row!);
  });
}

/**
 * Closes a risk entry: who, when and why are kept on the entry (it stays in the register) and in
 * the audit trail.
 */
export async function closeCustomerRisk(options: {
  handle: DatabaseHandle;
  actor: Actor;
  customer: string | number;
  riskId: number;
  reason: string;
}): Promise<RiskView> {
  const reason = options.reason.trim();
  if (reason.length === 0) {
    throw new AppError("VALIDATION", "closing a risk needs a reason");
  }
  const customerId = await customerIdOf(options.handle, options.customer);
  return options.handle.transaction(async (tx) => {
    const before = await lockRisk(tx.db, customerId, options.riskId);
    if (before.status !== "open") {
      throw new AppError("CONFLICT", `risk ${options.riskId} is already closed`);
    }
    const [row] = await tx.db
      .update(customerRisks)
      .set({
        status: "closed",
        closedBy: options.actor.id,
        closedAt: sql`now()`,
        closeReason: reason,
        updatedAt: sql`now()`,
      })
      .where(eq(customerRisks.id, before.id))
      .returning();
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "risk.close",
      entity: "customer",
      entityId: customerId,
      before,
      after: row,
      reason,
    });
    return view(row!);
  });
}
