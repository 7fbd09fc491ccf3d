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

/** Closes a risk entry (kept in the register). */
export async function closeCustomerRisk(options: {
  handle: DatabaseHandle;
  actor: Actor;
  customer: string | number;
  riskId: number;
}): Promise<RiskView> {
  const customerId = await customerIdOf(options.handle, options.customer);
  const [row] = await options.handle.db
    .update(customerRisks)
    .set({ status: "closed", updatedAt: sql`now()` })
    .where(and(eq(customerRisks.id, options.riskId), eq(customerRisks.customerId, customerId)))
    .returning();
  if (!row) {
    throw AppError.notFound("risk", options.riskId);
  }
  return view(row);
}
