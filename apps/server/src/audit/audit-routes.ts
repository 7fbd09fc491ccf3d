import type { DatabaseHandle } from "@creditdesk/db";
import { listAudit, verifyAudit } from "@creditdesk/lib/audit";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";

export const AUDIT_TAG = "Audit";

export const auditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });

const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "a date or ISO instant");

const auditQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  entity: z.string().max(200).optional(),
  entityId: z.string().max(200).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `GET /audit` (filters, newest first) and `GET /audit/verify` (walks the hash chain). */
export function registerAuditRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: [AUDIT_TAG],
        summary: "Audit trail entries",
        description:
          "Newest first. Filters: from/to (date or instant, inclusive), actor, action, entity, entityId.",
        querystring: auditQuery,
        response: {
          200: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
          400: problemResponses[400],
        },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      return listAudit({ handle, filters, limit, ...(cursor ? { beforeSeq: Number(cursor) } : {}) });
    },
  );
  r.get(
    "/audit/verify",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: [AUDIT_TAG],
        summary: "Verify the audit hash chain",
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number().int(),
            lastHash: z.string().optional(),
            break: z.object({ kind: z.string(), seq: z.number().int(), message: z.string() }).optional(),
          }),
        },
      },
    },
    async () => verifyAudit({ handle }),
  );
}
