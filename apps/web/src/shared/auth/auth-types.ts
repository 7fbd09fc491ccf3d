/** The signed-in user as `/auth/me` and `/auth/login` return it (apps/server/src/identity). */
export interface User {
  id: number;
  login: string;
  displayName: string;
  role: string;
  team: string | null;
  email: string | null;
}

/** `GET /auth/me`. */
export interface Me {
  user: User;
  permissions: string[];
  via: "session" | "token";
}

/** `POST /auth/login`. */
export interface LoginResult {
  user: User;
  permissions: string[];
  csrfToken: string;
  expiresAt: string;
}

/** A permission the workbench checks before showing an entry or an action. */
export type Permission =
  | "customers:read"
  | "customers:write"
  | "ledger:read"
  | "ledger:write"
  | "alerts:read"
  | "alerts:write"
  | "reviews:read"
  | "reviews:write"
  | "monitoring:configure"
  | "limits:configure"
  | "users:write"
  | "assessment:read"
  | "assessment:run"
  | "scorecards:read"
  | "scorecards:write"
  | "portfolio:read"
  | "portfolio:configure"
  | "insurance:read"
  | "insurance:write"
  | "collections:read"
  | "collections:write"
  | "limits:read"
  | "limits:request"
  | "limits:write"
  | "limits:approve"
  | "users:read"
  | "audit:read"
  | "applications:read"
  | "applications:write"
  | "applications:decide"
  | "applications:clear-signals";
