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

/**
 * A row by numeric id, else by its natural key (a numeric-looking key that is no id is still tried
 * as a key), or NOT_FOUND naming `what`.
 */
async function requireByIdOrKey<T>(
  key: string | number,
  what: string,
  byId: (id: number) => Promise<T[]>,
  byKey: (key: string) => Promise<T[]>,
): Promise<T> {
  const id = asId(key);
  const found = (id !== null ? (await byId(id))[0] : undefined) ?? (await byKey(String(key)))[0];
  if (!found) {
    throw AppError.notFound(what, key);
  }
  return found;
}

/** A policy by id or policy number, or NOT_FOUND. */
export const requirePolicy = (db: Db, key: string | number): Promise<InsurancePolicy> =>
  requireByIdOrKey(
    key,
    "insurance policy",
    (id) => db.select().from(insurancePolicies).where(eq(insurancePolicies.id, id)),
    (k) => db.select().from(insurancePolicies).where(eq(insurancePolicies.policyNumber, k)),
  );

/** A factoring agreement by id or reference, or NOT_FOUND. */
export const requireAgreement = (db: Db, key: string | number): Promise<FactoringAgreement> =>
  requireByIdOrKey(
    key,
    "factoring agreement",
    (id) => db.select().from(factoringAgreements).where(eq(factoringAgreements.id, id)),
    (k) => db.select().from(factoringAgreements).where(eq(factoringAgreements.reference, k)),
  );

/** A claim by id or reference, or NOT_FOUND. */
export const requireClaim = (db: Db, key: string | number): Promise<InsuranceClaim> =>
  requireByIdOrKey(
    key,
    "insurance claim",
    (id) => db.select().from(insuranceClaims).where(eq(insuranceClaims.id, id)),
    (k) => db.select().from(insuranceClaims).where(eq(insuranceClaims.reference, k)),
  );

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
