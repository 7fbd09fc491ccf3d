import { timingSafeEqual } from "node:crypto";
import type { DatabaseHandle } from "@creditdesk/db";
import { authenticateApiToken, authenticateSession, type Principal } from "@creditdesk/lib/identity";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyRequest } from "fastify";
import { CSRF_COOKIE, CSRF_HEADER, readCookies, SESSION_COOKIE } from "./cookies.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The caller: `Authorization: Bearer cd_…` (API token; no CSRF — browsers never send it on their
 * own), else the session cookie, which for unsafe methods must come with the CSRF cookie echoed in
 * `x-csrf-token` (double submit: a cross-site page can make the browser send cookies, but cannot
 * read them to set the header). Null when there are no credentials; 401 for bad ones.
 */
export async function authenticateRequest(
  request: FastifyRequest,
  handle: DatabaseHandle,
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) {
      throw new AppError("UNAUTHORIZED", "the Authorization header must be `Bearer <token>`");
    }
    const principal = await authenticateApiToken({ handle, token: match[1] });
    if (!principal) {
      throw new AppError("UNAUTHORIZED", "the API token is unknown, revoked or expired");
    }
    return principal;
  }
  const cookies = readCookies(request);
  const session = cookies[SESSION_COOKIE];
  if (!session) {
    return null;
  }
  const principal = await authenticateSession({ handle, sessionToken: session });
  if (!principal) {
    throw new AppError("UNAUTHORIZED", "the session has expired or was ended: sign in again");
  }
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    const sent = Array.isArray(header) ? header[0] : header;
    const cookie = cookies[CSRF_COOKIE];
    if (!sent || !cookie || !sameText(sent, cookie)) {
      throw new AppError(
        "FORBIDDEN",
        `missing or wrong CSRF token: echo the ${CSRF_COOKIE} cookie in ${CSRF_HEADER}`,
      );
    }
  }
  return principal;
}
