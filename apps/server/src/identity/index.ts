import type { DatabaseHandle } from "@creditdesk/db";
import type { FastifyInstance } from "fastify";
import { type AuthRouteOptions, registerAuthRoutes } from "./auth-routes.ts";
import { registerUserRoutes } from "./users-routes.ts";

export { type GuardOptions, registerGuard, routeAccessOf } from "./guard.ts";

/** The identity capability: sign-in, users and API tokens. */
export function registerIdentityRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: Omit<AuthRouteOptions, "handle"> = {},
): void {
  registerAuthRoutes(app, { handle, ...options });
  registerUserRoutes(app, handle);
}
