import { readFileSync } from "node:fs";
import type { DatabaseHandle } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

const healthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["pglite", "postgres"]),
    version: z.string(),
  })
  .meta({ id: "Health" });

/** `/health`: liveness plus a trivial database round trip (503 when the database does not answer). */
export function registerHealthRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/health",
    {
      schema: {
        tags: ["System"],
        summary: "Health of the server and its database",
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (request, reply) => {
      try {
        await handle.db.execute(sql`select 1`);
        return { status: "ok" as const, database: handle.kind, version: VERSION };
      } catch (error) {
        request.log.error({ err: error }, "health check: database unavailable");
        return reply
          .code(503)
          .send({ status: "unavailable" as const, database: handle.kind, version: VERSION });
      }
    },
  );
}
