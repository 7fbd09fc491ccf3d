import { demoPassword } from "@creditdesk/lib/identity";

/** A signed-in API session of a demo user, for tests that set up or check data over HTTP. */
export interface ApiSession {
  login: string;
  get: <T>(path: string) => Promise<{ status: number; body: T }>;
  post: <T>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
  patch: <T>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
}

/**
 * Signs a demo user in (`POST /auth/login`, password `<login>-demo-2025`) and returns helpers that
 * send its session cookie, and the CSRF header on writes, as the browser does.
 */
export async function apiSignIn(baseUrl: string, login: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ login, password: demoPassword(login) }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${login} failed: HTTP ${response.status} ${await response.text()}`);
  }
  const cookies = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => pair.length > 0);
  const csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  const cookie = cookies.join("; ");
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        accept: "application/json",
        cookie,
        ...(body === undefined ? {} : { "content-type": "application/json", "x-csrf-token": csrf }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    return { status: answer.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    login,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    patch: (path, body) => call("PATCH", path, body),
  };
}
