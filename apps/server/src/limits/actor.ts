import { AppError } from "@creditdesk/lib/shared";
import type { FastifyRequest } from "fastify";

export interface Actor {
  id: string;
  role: string;
}

/**
 * The acting user of a limits route: the authenticated principal (session cookie or API token,
 * set by the identity guard before any handler runs). No header can name another user.
 */
export function actorFrom(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) {
    throw new AppError("UNAUTHORIZED", "sign in (POST /auth/login) or send an API token");
  }
  return { id: principal.login, role: principal.role };
}

/** The actor when there is one (credit checks may come from a system without a user). */
export function optionalActorFrom(request: FastifyRequest): Actor | undefined {
  return request.principal ? actorFrom(request) : undefined;
}

/** Header documentation for routes that take an actor. */
export const ACTOR_HEADERS_NOTE = "Actor: the signed-in user (session or API token).";
