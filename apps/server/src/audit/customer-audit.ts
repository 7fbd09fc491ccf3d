import type { DatabaseHandle } from "@creditdesk/db";
import { listCustomerAudit } from "@creditdesk/lib/audit";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import { AUDIT_TAG, auditEntrySchema } from "./audit-routes.ts";

/** `GET /customers/{idOrCode}/audit`: the credit file's audit trail tab. */
export function registerCustomerAuditRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/customers/:idOrCode/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: [AUDIT_TAG],
        summary: "A customer's audit trail, newest first",
        description:
          "Entries about the customer itself (created, changed, assessed) and every change made under /customers/{idOrCode}/….",
        params: z.object({ idOrCode: z.string().min(1).max(100) }),
        querystring: z.object({
          cursor: z
            .string()
            .regex(/^\d{1,15}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: {
          200: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
          404: problemResponses[404],
        },
      },
    },
    async (request) =>
      listCustomerAudit({
        handle,
        idOrCode: request.params.idOrCode,
        limit: request.query.limit,
        ...(request.query.cursor ? { beforeSeq: Number(request.query.cursor) } : {}),
      }),
  );
}
