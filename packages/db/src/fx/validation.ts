import { createInsertSchema, createSelectSchema, createUpdateSchema } from "drizzle-zod";
import { z } from "zod";
import { currencyCode, isoDate } from "../archive/refinements.ts";
import { fxRates } from "./schema.ts";

/** Exact positive decimal with up to 10 places (numeric(20,10)); never a float. */
export const fxRateValue = z
  .string()
  .regex(/^(?:0|[1-9][0-9]{0,9})(?:\.[0-9]{1,10})?$/, "must be a positive decimal such as 7.1234")
  .refine((v) => /[1-9]/.test(v), "must be greater than zero");

const fxRefinements = {
  rateDate: () => isoDate,
  fromCurrency: () => currencyCode,
  toCurrency: () => currencyCode,
  rate: () => fxRateValue,
};
/** 1 unit of `fromCurrency` = `rate` units of `toCurrency` on `rateDate`. */
export const fxRateInsert = createInsertSchema(fxRates, fxRefinements).refine(
  (v) => v.fromCurrency !== v.toCurrency,
  { message: "must differ from fromCurrency", path: ["toCurrency"] },
);
export const fxRateUpdate = createUpdateSchema(fxRates, fxRefinements).pick({ rate: true, source: true });
export const fxRateSelect = createSelectSchema(fxRates);
export type FxRateInsert = z.infer<typeof fxRateInsert>;
