import { z } from "zod";

/**
 * Field refinements shared by the derived validation schemas of every capability (the drizzle-zod
 * schemas only know column types; these add what the check constraints and conventions say).
 */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY");

/** Integer minor units (fen, cents) within the JS safe-integer range — never a float. */
export const moneyMinor = z
  .number()
  .int("must be an integer number of minor units")
  .min(Number.MIN_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);
export const positiveMoneyMinor = moneyMinor.positive();
export const nonNegativeMoneyMinor = moneyMinor.nonnegative();

/** ISO 8601 calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date("must be a date YYYY-MM-DD");

export const nonEmptyText = z.string().trim().min(1, "must not be empty");

/** Positive bigint id as it appears in paths and queries (coerced from text). */
export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Fields the database assigns, never accepted from clients. */
export const SERVER_FIELDS = { id: true, createdAt: true, updatedAt: true } as const;
