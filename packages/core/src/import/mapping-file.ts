import { z } from "zod";

/**
 * A --mapping file: explicit header → field mapping (null ignores a column), and per-file
 * settings. Example: { "columns": { "Kundennr": "customer_code", "Notiz": null },
 * "dateFormat": "DD.MM.YYYY", "currency": "EUR", "sheet": "Rechnungen" }.
 */
export const mappingFileSchema = z
  .object({
    columns: z.record(z.string(), z.string().nullable()).default({}),
    dateFormat: z.string().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY")
      .optional(),
    sheet: z.string().optional(),
    delimiter: z.string().length(1).optional(),
  })
  .strict();
export type MappingFile = z.infer<typeof mappingFileSchema>;

/** Parses mapping JSON text; the error names what is wrong. */
export function parseMappingFile(
  text: string,
): { ok: true; mapping: MappingFile } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `mapping file is not JSON: ${(error as Error).message}` };
  }
  const r = mappingFileSchema.safeParse(json);
  if (!r.success) {
    return {
      ok: false,
      reason: `mapping file: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`,
    };
  }
  return { ok: true, mapping: r.data };
}
