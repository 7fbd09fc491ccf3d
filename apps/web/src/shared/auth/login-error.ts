import { ApiError } from "../api/client.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";

export interface LoginErrorMessage {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** The ISO instant in a lock message ("… locked until 2026-01-01T10:15:00.000Z"), if any. */
function lockedUntil(detail: string | undefined): string | undefined {
  return detail?.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/)?.[0];
}

/**
 * What the sign-in page says about a failed sign-in: 401 wrong login or password (one message for
 * both, as the server does), 423 account locked (until when, if the server said), 429 too many
 * attempts (wait time from `retry-after`), anything else with the server's words.
 */
export function loginErrorMessage(error: unknown, formatTime: (iso: string) => string): LoginErrorMessage {
  if (!(error instanceof ApiError)) {
    return { key: "auth.failed", vars: { message: error instanceof Error ? error.message : String(error) } };
  }
  switch (error.status) {
    case 401:
      return { key: "auth.wrongPassword" };
    case 423: {
      const until = lockedUntil(error.detail);
      return until ? { key: "auth.locked", vars: { time: formatTime(until) } } : { key: "auth.lockedNoTime" };
    }
    case 429:
      return error.retryAfter
        ? { key: "auth.tooMany", vars: { seconds: error.retryAfter } }
        : { key: "auth.tooManyNoTime" };
    default:
      return { key: "auth.failed", vars: { message: error.message } };
  }
}

/**
 * Where to go after signing in: the `next` parameter when it is a path of this app (starts with a
 * single `/`; never another origin, never the sign-in page itself), else the dashboard.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return "/";
  }
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/login/")) {
    return "/";
  }
  return next;
}
