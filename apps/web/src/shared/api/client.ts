/**
 * Thin fetch wrapper for the same-origin CreditDesk API. Asks for JSON explicitly: the server
 * answers browser navigations (Accept: text/html) with the SPA, API calls with data.
 *
 * Sign-in is a session cookie (HttpOnly `cd_session`, sent by the browser) plus the readable
 * `cd_csrf` cookie, which unsafe requests echo in `x-csrf-token` (double-submit CSRF defence).
 * A 401 on any call but the sign-in itself means the session is gone: listeners registered with
 * `onUnauthorized` (the auth provider) send the user to the sign-in page.
 */

/** One problem with one input field of a request (`path` dotted, as the server's `identifiers.0.value`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An API answer that was not 2xx, with the RFC 9457 problem details when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  /** The problem's machine-readable `code` (e.g. `LOCKED`), when sent. */
  readonly code: string | undefined;
  /** Seconds from the `retry-after` header (429, 423), when sent. */
  readonly retryAfter: number | undefined;
  /** The fields the problem names (its `errors` member), empty when it names none. */
  readonly errors: readonly FieldProblem[];

  constructor(
    status: number,
    title: string,
    detail?: string,
    extra: {
      code?: string | undefined;
      retryAfter?: number | undefined;
      errors?: readonly FieldProblem[] | undefined;
    } = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.code = extra.code;
    this.retryAfter = extra.retryAfter;
    this.errors = extra.errors ?? [];
  }
}

/** The well-formed entries of a problem's `errors` member (anything else is ignored). */
export function fieldProblemsOf(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) {
    return [];
  }
  return errors.flatMap((e: unknown) => {
    if (typeof e !== "object" || e === null) {
      return [];
    }
    const { path, message } = e as { path?: unknown; message?: unknown };
    return typeof path === "string" && typeof message === "string" ? [{ path, message }] : [];
  });
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `/path?a=1&b=2`, leaving out empty values. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const CSRF_COOKIE = "cd_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** The value of cookie `name` in a `document.cookie` string (URI-decoded), or undefined. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Headers of an API request: JSON, and the CSRF echo on unsafe methods. */
export function requestHeaders(method: string, cookies: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (hasBody) {
    headers["content-type"] = "application/json";
  }
  if (!SAFE_METHODS.has(method.toUpperCase())) {
    const csrf = readCookie(cookies, CSRF_COOKIE);
    if (csrf) {
      headers[CSRF_HEADER] = csrf;
    }
  }
  return headers;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever an API call answers 401 (session expired or ended); returns an unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

async function toError(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail: string | undefined;
  let code: string | undefined;
  let errors: FieldProblem[] = [];
  try {
    const body = (await response.json()) as {
      title?: unknown;
      detail?: unknown;
      message?: unknown;
      code?: unknown;
      errors?: unknown;
    };
    if (typeof body.title === "string") {
      title = body.title;
    }
    if (typeof body.detail === "string") {
      detail = body.detail;
    } else if (typeof body.message === "string") {
      detail = body.message;
    }
    if (typeof body.code === "string") {
      code = body.code;
    }
    errors = fieldProblemsOf(body.errors);
  } catch {
    // Not JSON: keep the status text.
  }
  const retry = Number(response.headers.get("retry-after"));
  return new ApiError(response.status, title, detail, {
    code,
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    errors,
  });
}

function currentCookies(): string {
  return typeof document === "undefined" ? "" : document.cookie;
}

/**
 * Sends one API request with the session cookie; throws ApiError on a non-2xx answer. A 401
 * (except from the sign-in call, whose 401 means "wrong password") notifies `onUnauthorized`.
 */
export async function apiRequest<T>(
  method: string,
  path: string,
  options: { body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<T> {
  const hasBody = options.body !== undefined;
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: requestHeaders(method, currentCookies(), hasBody),
    ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) {
    const error = await toError(response);
    if (error.status === 401 && path !== "/auth/login") {
      for (const listener of unauthorizedListeners) {
        listener();
      }
    }
    throw error;
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GET a JSON resource; throws ApiError on a non-2xx answer. */
export function apiGet<T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T> {
  return apiRequest<T>("GET", apiUrl(path, query), { signal });
}

/** Like apiGet, but a 404 (resource or endpoint absent) is `null` rather than an error. */
export async function apiGetOptional<T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T | null> {
  try {
    return await apiGet<T>(path, query, signal);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405 || error.status === 501)) {
      return null;
    }
    throw error;
  }
}

/** POST JSON (with the CSRF header); throws ApiError on a non-2xx answer. */
export function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  return apiRequest<T>("POST", path, { body });
}
