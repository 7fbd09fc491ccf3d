import type { DatabaseHandle, Db } from "@creditdesk/db";
import { factoringAgreements, insuranceClaims, insurancePolicies } from "@creditdesk/db/insurance";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../shared/app-error.ts";

/** Who acts (recorded on every row and audit entry). */
export interface InsuranceActor {
  id: string;
  role?: string | undefined;
}

export type InsurancePolicy = typeof insurancePolicies.$inferSelect;
export type FactoringAgreement = typeof factoringAgreements.$inferSelect;
export type InsuranceClaim = typeof insuranceClaims.$inferSelect;

/** Parses input with a core schema; a failure is a VALIDATION error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return parsed.data;
}

const asId = (key: string | number) => (typeof key === "number" || /^\d+$/.test(key) ? Number(key) : null);

/** A policy by id or policy number, or NOT_FOUND. */
export async function requirePolicy(db: Db, key: string | number): Promise<InsurancePolicy> {
  const id = asId(key);
  const [row] = await db
    .select()
    .from(insurancePolicies)
    .where(id !== null ? eq(insurancePolicies.id, id) : eq(insurancePolicies.policyNumber, String(key)));
  const found =
    row ??
    (id !== null
      ? (
          await db
            .select()
            .from(insurancePolicies)
            .where(eq(insurancePolicies.policyNumber, String(key)))
        )[0]
      : undefined);
  if (!found) {
    throw AppError.notFound("insurance policy", key);
  }
  return found;
}

/** A factoring agreement by id or reference, or NOT_FOUND. */
export async function requireAgreement(db: Db, key: string | number): Promise<FactoringAgreement> {
  const id = asId(key);
  const [row] = await db
    .select()
    .from(factoringAgreements)
    .where(id !== null ? eq(factoringAgreements.id, id) : eq(factoringAgreements.reference, String(key)));
  const found =
    row ??
    (id !== null
      ? (
          await db
            .select()
            .from(factoringAgreements)
            .where(eq(factoringAgreements.reference, String(key)))
        )[0]
      : undefined);
  if (!found) {
    throw AppError.notFound("factoring agreement", key);
  }
  return found;
}

/** A claim by id or reference, or NOT_FOUND. */
export async function requireClaim(db: Db, key: string | number): Promise<InsuranceClaim> {
  const id = asId(key);
  const [row] = await db
    .select()
    .from(insuranceClaims)
    .where(id !== null ? eq(insuranceClaims.id, id) : eq(insuranceClaims.reference, String(key)));
  const found =
    row ??
    (id !== null
      ? (
          await db
            .select()
            .from(insuranceClaims)
            .where(eq(insuranceClaims.reference, String(key)))
        )[0]
      : undefined);
  if (!found) {
    throw AppError.notFound("insurance claim", key);
  }
  return found;
}

/** ISO timestamps for rows that carry Dates. */
export function withIsoTimes<T extends { createdAt: Date; updatedAt?: Date }>(
  row: T,
): Omit<T, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt?: string } {
  const { createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    ...(updatedAt ? { updatedAt: updatedAt.toISOString() } : {}),
  };
}

export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);

export type { DatabaseHandle };
