import { PERMISSIONS, ROLES } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  DEFAULT_LOGIN_POLICY,
  effectivePermissionsOf,
  getUser,
  type LoginPolicy,
  LoginRefused,
  login,
  logout,
  randomSecret,
} from "@creditdesk/lib/identity";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PROBLEM_CONTENT_TYPE, problemResponses, problemSchema } from "../shared/problem.ts";
import { clearSessionCookies, readCookies, SESSION_COOKIE, setSessionCookies } from "./cookies.ts";
import { AttemptLimiter } from "./rate-limit.ts";
import { userSchema } from "./users.schema.ts";

export const AUTH_TAG = "Identity: sign-in";

const loginBody = z
  .object({
    login: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: "LoginRequest" });

const meSchema = z
  .object({
    user: userSchema,
    permissions: z.array(z.enum(PERMISSIONS)),
    via: z.enum(["session", "token"]),
  })
  .meta({ id: "Me" });

const loginResponse = z
  .object({
    user: userSchema,
    permissions: z.array(z.enum(PERMISSIONS)),
    csrfToken: z
      .string()
      .describe("also set as the cd_csrf cookie: echo it in x-csrf-token on unsafe requests"),
    expiresAt: z.string(),
  })
  .meta({ id: "LoginResult" });

export interface AuthRouteOptions {
  handle: DatabaseHandle;
  policy?: LoginPolicy | undefined;
  /** Sign-in attempts per IP + login per window before 429 (default 10 per 15 minutes). */
  attempts?: { max: number; windowMs: number } | undefined;
}

function problem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  title: string,
  detail: string,
) {
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer((p: unknown) => JSON.stringify(p))
    .send({
      type: `urn:creditdesk:problem:${code.toLowerCase().replace(/_/g, "-")}`,
      title,
      status,
      detail,
      instance: request.url.split("?")[0] ?? request.url,
      code,
    });
}

/** `POST /auth/login`, `POST /auth/logout`, `GET /auth/me`. */
export function registerAuthRoutes(app: FastifyInstance, options: AuthRouteOptions): void {
  const { handle } = options;
  const policy = options.policy ?? DEFAULT_LOGIN_POLICY;
  const limiter = new AttemptLimiter(options.attempts?.max ?? 10, options.attempts?.windowMs ?? 15 * 60_000);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/auth/login",
    {
      config: { public: true, audit: false },
      schema: {
        tags: [AUTH_TAG],
        summary: "Sign in",
        description:
          "Checks the password (argon2id) and opens a session: HttpOnly `cd_session` cookie plus a readable `cd_csrf` cookie (SameSite=Strict). Too many attempts per IP and login: 429; after repeated wrong passwords the account is locked: 423.",
        security: [],
        body: loginBody,
        response: {
          200: loginResponse,
          400: problemResponses[400],
          401: problemSchema.describe("wrong login or password"),
          423: problemSchema.describe("account locked after too many failed sign-ins"),
          429: problemSchema.describe("too many sign-in attempts from this address for this login"),
        },
      },
    },
    async (request, reply) => {
      const { login: name, password } = request.body;
      const wait = limiter.hit(`${request.ip}|${name.toLowerCase()}`);
      if (wait !== null) {
        reply.header("retry-after", String(wait));
        return problem(
          reply,
          request,
          429,
          "TOO_MANY_REQUESTS",
          "Too many requests",
          `too many sign-in attempts: try again in ${wait} s`,
        );
      }
      try {
        const result = await login({ handle, login: name, password, ip: request.ip, policy });
        const csrf = randomSecret();
        setSessionCookies(reply, {
          session: result.sessionToken,
          csrf,
          maxAgeSeconds: (result.expiresAt.getTime() - Date.now()) / 1000,
          secure: request.protocol === "https",
        });
        return {
          user: result.user,
          permissions: effectivePermissionsOf(result.user.role),
          csrfToken: csrf,
          expiresAt: result.expiresAt.toISOString(),
        };
      } catch (error) {
        if (error instanceof LoginRefused) {
          if (error.reason === "locked") {
            if (error.lockedUntil) {
              reply.header(
                "retry-after",
                String(Math.max(1, Math.ceil((error.lockedUntil.getTime() - Date.now()) / 1000))),
              );
            }
            return problem(reply, request, 423, "LOCKED", "Account locked", error.message);
          }
          return problem(reply, request, 401, "UNAUTHORIZED", "Authentication required", error.message);
        }
        throw error;
      }
    },
  );

  r.post(
    "/auth/logout",
    {
      config: { permission: "authenticated", audit: false },
      schema: {
        tags: [AUTH_TAG],
        summary: "Sign out (ends the session)",
        response: { 204: z.null().describe("signed out"), 401: problemSchema },
      },
    },
    async (request, reply) => {
      const session = readCookies(request)[SESSION_COOKIE];
      if (session) {
        await logout({ handle, sessionToken: session, actor: request.principal?.login ?? "anonymous" });
      }
      clearSessionCookies(reply, request.protocol === "https");
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/auth/me",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: [AUTH_TAG],
        summary: "The signed-in user and their permissions",
        response: { 200: meSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const p = request.principal;
      if (!p) {
        throw new Error("guard let an anonymous request through");
      }
      return {
        user: await getUser({ handle, login: p.login }),
        permissions: effectivePermissionsOf(p.role, p.scope),
        via: p.via,
      };
    },
  );
}

export const KNOWN_ROLES = ROLES;
