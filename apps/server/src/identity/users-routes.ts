import type { DatabaseHandle } from "@creditdesk/db";
import {
  createApiToken,
  createUser,
  getUser,
  listApiTokens,
  listUsers,
  revokeApiToken,
  updateUser,
} from "@creditdesk/lib/identity";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import {
  createTokenBody,
  createUserBody,
  loginParams,
  tokenSchema,
  USERS_TAG,
  updateUserBody,
  userSchema,
} from "./users.schema.ts";

/** `/users` and `/users/{login}/tokens`: user administration (the use cases write their own audit entries). */
export function registerUserRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (request: { principal: { login: string } | null }) => request.principal?.login ?? "anonymous";

  r.get(
    "/users",
    {
      config: { permission: "users:read" },
      schema: {
        tags: [USERS_TAG],
        summary: "List users",
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async () => ({ items: await listUsers({ handle }) }),
  );
  r.post(
    "/users",
    {
      config: { permission: "users:write", audit: false },
      schema: {
        tags: [USERS_TAG],
        summary: "Create a user",
        body: createUserBody,
        response: { 201: userSchema, 400: problemResponses[400], 409: problemResponses[409] },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUser({ handle, input: request.body, actor: actor(request) })),
  );
  r.get(
    "/users/:login",
    {
      config: { permission: "users:read" },
      schema: {
        tags: [USERS_TAG],
        summary: "Get a user",
        params: loginParams,
        response: { 200: userSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getUser({ handle, login: request.params.login }),
  );
  r.patch(
    "/users/:login",
    {
      config: { permission: "users:write", audit: false },
      schema: {
        tags: [USERS_TAG],
        summary: "Update a user (role, team, status, password, unlock, approval limit)",
        params: loginParams,
        body: updateUserBody,
        response: { 200: userSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) =>
      updateUser({ handle, login: request.params.login, patch: request.body, actor: actor(request) }),
  );
  r.get(
    "/users/:login/tokens",
    {
      config: { permission: "users:read" },
      schema: {
        tags: [USERS_TAG],
        summary: "List a user's API tokens (never the secrets)",
        params: loginParams,
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
    },
    async (request) => ({ items: await listApiTokens({ handle, login: request.params.login }) }),
  );
  r.post(
    "/users/:login/tokens",
    {
      config: { permission: "users:write", audit: false },
      schema: {
        tags: [USERS_TAG],
        summary: "Create an API token (the secret is shown once)",
        params: loginParams,
        body: createTokenBody,
        response: {
          201: z.object({
            token: z.string().describe("send as `Authorization: Bearer <token>`"),
            info: tokenSchema,
          }),
          400: problemResponses[400],
          404: problemResponses[404],
        },
      },
    },
    async (request, reply) => {
      const { scope, name, expiresAt } = request.body;
      const created = await createApiToken({
        handle,
        login: request.params.login,
        scope,
        name,
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
        actor: actor(request),
      });
      return reply.code(201).send(created);
    },
  );
  r.delete(
    "/users/:login/tokens/:id",
    {
      config: { permission: "users:write", audit: false },
      schema: {
        tags: [USERS_TAG],
        summary: "Revoke an API token",
        params: loginParams.extend({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: tokenSchema, 404: problemResponses[404] },
      },
    },
    async (request) =>
      revokeApiToken({
        handle,
        id: request.params.id,
        ownerLogin: request.params.login,
        actor: actor(request),
      }),
  );
}
