import type { DatabaseHandle } from "@creditdesk/db";
import type { RecordUseCases } from "@creditdesk/lib/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { listQuery, pageOf, splitListQuery } from "./list-query.ts";
import { problemResponses } from "./problem.ts";

export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export interface RecordRoutesConfig<S extends string, F extends string> {
  handle: DatabaseHandle;
  /** Collection path, e.g. `/sales-orders`. */
  path: string;
  tag: string;
  useCases: RecordUseCases<unknown, S, F>;
  defaultSort: string;
  select: z.ZodType;
  insert: z.ZodType;
  update: z.ZodType;
  /** Query filters (documented in OpenAPI); names must be among the use cases' filters. */
  filters: Record<F, z.ZodType>;
}

/**
 * The four routes of a plain record resource: `GET {path}` (filters, sort, cursor), `POST {path}`,
 * `GET {path}/{id}`, `PATCH {path}/{id}`.
 */
export function registerRecordRoutes<S extends string, F extends string>(
  app: FastifyInstance,
  config: RecordRoutesConfig<S, F>,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { handle, useCases, path, tag } = config;
  const name = useCases.name;
  const query = listQuery({
    sorts: useCases.sorts,
    defaultSort: config.defaultSort,
    filters: config.filters,
  });

  r.get(
    path,
    {
      schema: {
        tags: [tag],
        summary: `List ${name}s`,
        description: `Filters: ${Object.keys(config.filters).join(", ")}. Sort: ${useCases.sorts.join(", ")}.`,
        querystring: query,
        response: { 200: pageOf(config.select), 400: problemResponses[400] },
      },
    },
    async (request) => {
      const { params, filters } = splitListQuery(
        request.query as { sort?: string; cursor?: string; limit: number },
      );
      return useCases.list({ handle, filters: filters as Partial<Record<F, unknown>>, params });
    },
  );
  r.post(
    path,
    {
      schema: {
        tags: [tag],
        summary: `Create a ${name}`,
        body: config.insert,
        response: { 201: config.select, 400: problemResponses[400], 409: problemResponses[409] },
      },
    },
    async (request, reply) => {
      const created = await useCases.create({ handle, values: request.body as object });
      return reply.code(201).send(created);
    },
  );
  r.get(
    `${path}/:id`,
    {
      schema: {
        tags: [tag],
        summary: `Get a ${name}`,
        params: idParams,
        response: { 200: config.select, 404: problemResponses[404] },
      },
    },
    async (request) => useCases.get({ handle, id: request.params.id }),
  );
  r.patch(
    `${path}/:id`,
    {
      schema: {
        tags: [tag],
        summary: `Update a ${name}`,
        params: idParams,
        body: config.update,
        response: {
          200: config.select,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request) => useCases.update({ handle, id: request.params.id, patch: request.body as object }),
  );
}
