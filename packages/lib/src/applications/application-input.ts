import { IDENTIFIER_TYPES } from "@creditdesk/core/identifiers";
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const text = (max: number) => z.string().trim().min(1).max(max);

/** A bank or trade reference the applicant names. */
export const referenceSchema = z
  .object({
    kind: z.enum(["bank", "trade"]),
    name: text(200),
    contact: text(100).optional(),
    phone: text(40).optional(),
    email: z.string().trim().email().max(200).optional(),
    address: text(300).optional(),
    bankAccount: text(64).optional(),
    registrationId: text(64).optional(),
    relatedParty: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "ApplicationReference" });
export type ApplicationReference = z.infer<typeof referenceSchema>;

/** An uploaded document in a JSON body: the bytes base64-encoded. */
export const documentUploadSchema = z
  .object({
    kind: z.enum(["business_licence", "statement", "reference", "site_visit", "rating_report", "other"]),
    fileName: text(200),
    contentType: z.enum(["application/pdf", "image/png", "image/jpeg"]),
    contentBase64: z.string().min(4).max(28_000_000),
  })
  .strict()
  .meta({ id: "DocumentUpload" });
export type DocumentUpload = z.infer<typeof documentUploadSchema>;

/**
 * What a credit application states: company data, registration id, contact details, bank account,
 * references, the requested limit and terms. The registration id is NOT rejected when invalid: an
 * invalid or mismatched id is itself a fraud signal the screening must show.
 */
export const applicationInputSchema = z
  .object({
    legalName: text(200),
    registrationType: z.enum(IDENTIFIER_TYPES).default("uscc"),
    registrationId: text(64),
    companyType: z
      .enum(["public_manufacturer", "private_manufacturer", "non_manufacturer"])
      .default("private_manufacturer"),
    industry: text(100).optional(),
    region: text(100).optional(),
    address: text(300).optional(),
    phone: text(40).optional(),
    email: z.string().trim().email().max(200).optional(),
    contactName: text(100).optional(),
    foundedOn: isoDate.optional(),
    bankName: text(200).optional(),
    bankAccount: text(64).optional(),
    references: z.array(referenceSchema).max(10).default([]),
    currency: z.string().regex(/^[A-Z]{3}$/),
    requestedLimitMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    requestedTermsDays: z.number().int().min(0).max(720).default(30),
    statedMonthlyNeedMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    /** Sales owner of the prospect (default: the creator). */
    salesOwner: text(100).optional(),
  })
  .strict()
  .meta({ id: "ApplicationCreate" });
export type ApplicationInput = z.input<typeof applicationInputSchema>;
export type ApplicationData = z.output<typeof applicationInputSchema>;
