import {
  APPLICATION_DECISIONS,
  applicationsConfigSchema,
  CONDITION_KINDS,
} from "@creditdesk/core/applications";
import { applicationInputSchema, documentUploadSchema } from "@creditdesk/lib/applications";
import { z } from "zod";

export const APPLICATIONS_TAG = "Applications";
export const PUBLIC_FORM_TAG = "Applications: public form";
export const RISKS_TAG = "Applications: risk register";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const documentParams = idParams.extend({ documentId: z.coerce.number().int().positive() });
export const signalParams = idParams.extend({ code: z.string().min(1).max(64) });
export const tokenParams = z.object({ token: z.string().min(16).max(128) });
export const customerParams = z.object({ idOrCode: z.string().min(1).max(64) });
export const riskParams = customerParams.extend({ riskId: z.coerce.number().int().positive() });

export const listQuery = z.object({
  status: z.enum(["submitted", "in_review", "approved", "approved_with_conditions", "declined"]).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** An application with its documents (base64) in one JSON body. */
export const createBody = applicationInputSchema
  .extend({ documents: z.array(documentUploadSchema).max(20).optional() })
  .meta({ id: "ApplicationCreateWithDocuments" });

export const linkBody = z.object({ prospectName: z.string().trim().min(1).max(200) }).strict();
export const linkSchema = z
  .object({ id: z.number().int(), token: z.string(), path: z.string(), expiresAt: z.string() })
  .meta({ id: "ApplicationLink" });
export const linkStateSchema = z
  .object({
    state: z.enum(["open", "used", "expired"]),
    prospectName: z.string().nullable(),
    expiresAt: z.string(),
    maxFileBytes: z.number().int(),
    maxFiles: z.number().int(),
    contentTypes: z.array(z.string()),
  })
  .meta({ id: "ApplicationLinkState" });

export const evidenceBody = z
  .object({
    item: z.string().min(1).max(40),
    note: z.string().trim().min(1).max(4000).optional(),
    documentId: z.number().int().positive().optional(),
    evidenceOn: isoDate.optional(),
    registryName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const clearBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export const commentBody = z.object({ body: z.string().trim().min(1).max(4000) }).strict();
export const asOfBody = z.object({ asOf: isoDate.optional() }).strict();

export const decisionBody = z
  .object({
    decision: z.enum(APPLICATION_DECISIONS),
    reason: z.string().trim().min(1).max(4000).optional(),
    limitMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    termsDays: z.number().int().min(0).max(720).optional(),
    reviewOn: isoDate.optional(),
    conditions: z
      .object({
        prepaymentBps: z.number().int().min(1).max(10_000).optional(),
        guaranteeMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        guarantor: z.string().trim().min(1).max(200).optional(),
        creditInsuranceMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        insurancePolicy: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]).optional(),
        note: z.string().trim().max(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: "ApplicationDecision" });

export const configSchema = applicationsConfigSchema.meta({ id: "ApplicationsConfig" });
export const caseFileQuery = z.object({
  format: z.enum(["pdf", "json"]).optional(),
  /** The PDF's language (zh or en, or a locale); default the case's (the prospect's country). */
  lang: z.string().trim().max(20).optional(),
});

export const conditionParams = z.object({
  id: z.coerce.number().int().positive(),
  kind: z.enum(CONDITION_KINDS),
});
export const conditionMetBody = z
  .object({
    reference: z.string().trim().min(1).max(100).optional(),
    validFrom: isoDate.optional(),
    expiresOn: isoDate.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: "ApplicationConditionMet" });
export const anyObject = z.record(z.string(), z.unknown());
