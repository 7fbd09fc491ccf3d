/**
 * Thin fetch wrapper for the same-origin CreditDesk API. Asks for JSON explicitly: the server
 * answers browser navigations (Accept: text/html) with the SPA, API calls with data.
 */

/** An API answer that was not 2xx, with the RFC 9457 problem details when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | undefined;

  constructor(status: number, title: string, detail?: string) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
  }
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

async function toError(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail: string | undefined;
  try {
    const body = (await response.json()) as { title?: unknown; detail?: unknown; message?: unknown };
    if (typeof body.title === "string") {
      title = body.title;
    }
    if (typeof body.detail === "string") {
      detail = body.detail;
    } else if (typeof body.message === "string") {
      detail = body.message;
    }
  } catch {
    // Not JSON: keep the status text.
  }
  return new ApiError(response.status, title, detail);
}

/** GET a JSON resource; throws ApiError on a non-2xx answer. */
export async function apiGet<T>(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(apiUrl(path, query), {
    headers: { accept: "application/json" },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    throw await toError(response);
  }
  return (await response.json()) as T;
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

/** POST JSON; throws ApiError on a non-2xx answer. */
export async function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw await toError(response);
  }
  return (await response.json()) as T;
}
