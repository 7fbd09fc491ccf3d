import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "cd_session";
export const CSRF_COOKIE = "cd_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Parses the Cookie header (RFC 6265 pairs; values URI-decoded when they can be). */
export function readCookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  const out: Record<string, string> = {};
  if (!header) {
    return out;
  }
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) {
      continue;
    }
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

export interface CookieOptions {
  httpOnly: boolean;
  maxAgeSeconds: number;
  secure: boolean;
}

function serialise(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    // Strict: the SPA is same-origin, so no cross-site request ever needs the session.
    "SameSite=Strict",
    ...(options.httpOnly ? ["HttpOnly"] : []),
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** Sets the session cookie (HttpOnly) and the CSRF cookie (readable by the SPA, echoed in a header). */
export function setSessionCookies(
  reply: FastifyReply,
  options: { session: string; csrf: string; maxAgeSeconds: number; secure: boolean },
): void {
  reply.header("set-cookie", [
    serialise(SESSION_COOKIE, options.session, {
      httpOnly: true,
      maxAgeSeconds: options.maxAgeSeconds,
      secure: options.secure,
    }),
    serialise(CSRF_COOKIE, options.csrf, {
      httpOnly: false,
      maxAgeSeconds: options.maxAgeSeconds,
      secure: options.secure,
    }),
  ]);
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  reply.header("set-cookie", [
    serialise(SESSION_COOKIE, "", { httpOnly: true, maxAgeSeconds: 0, secure }),
    serialise(CSRF_COOKIE, "", { httpOnly: false, maxAgeSeconds: 0, secure }),
  ]);
}
