import { z } from "zod";
import { toDay } from "./calendar.ts";

/**
 * What the demo portfolio generator is asked for. The same options always give byte-identical
 * rows; every date is relative to `asOf` (the CLI defaults it to today, so a fresh demo always
 * looks current — pass `asOf` explicitly for a fixed data set).
 */
export interface DemoOptions {
  /** Master seed (0 … 2³²−1). */
  readonly seed: number;
  /** Number of customers (the first few are the documented showcase customers DEMO-0001…). */
  readonly customers: number;
  /** Years of ledger history up to `asOf`. */
  readonly years: number;
  /** The "today" of the portfolio, ISO date. */
  readonly asOf: string;
}

export const DEFAULT_DEMO_SEED = 42;
export const DEFAULT_DEMO_CUSTOMERS = 300;
export const DEFAULT_DEMO_YEARS = 3;

const isoDate = z.string().refine(
  (value) => {
    try {
      toDay(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be a calendar date YYYY-MM-DD" },
);

export const demoOptionsSchema = z.object({
  seed: z.number().int().min(0).max(4_294_967_295),
  customers: z.number().int().min(1).max(2_000_000),
  years: z.number().int().min(1).max(15),
  asOf: isoDate,
});

/** Validates options (throws a ZodError naming the bad field). */
export function parseDemoOptions(input: unknown): DemoOptions {
  return demoOptionsSchema.parse(input);
}
