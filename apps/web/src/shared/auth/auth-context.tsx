import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { ApiError, apiGet, apiPost, onUnauthorized } from "../api/client.ts";
import type { LoginResult, Me, Permission, User } from "./auth-types.ts";

export type AuthStatus = "loading" | "anonymous" | "signed-in";
export type SessionEnd = "expired" | "signed-out";

export interface Auth {
  status: AuthStatus;
  user: User | undefined;
  /** Whether the signed-in user holds `permission`. */
  can: (permission: Permission) => boolean;
  /** Signs in; throws the ApiError of a refused sign-in. */
  login: (login: string, password: string) => Promise<void>;
  /** Ends the session (also when the server already ended it). */
  logout: () => Promise<void>;
  /**
   * Why there is no session: `expired` when the server answered 401 to a signed-in user,
   * `signed-out` after `logout()`, null before the first sign-in.
   */
  ended: SessionEnd | null;
}

const AuthContext = createContext<Auth | null>(null);

/** Who is signed in: asks `/auth/me` once, then follows sign-in, sign-out and any 401. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>("loading");
  const [me, setMe] = useState<{ user: User; permissions: readonly string[] } | undefined>(undefined);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const statusRef = useRef(status);
  statusRef.current = status;

  useEffect(() => {
    const controller = new AbortController();
    apiGet<Me>("/auth/me", undefined, controller.signal).then(
      (answer) => {
        setMe({ user: answer.user, permissions: answer.permissions });
        setStatus("signed-in");
      },
      () => {
        if (!controller.signal.aborted) {
          // 401 (no session) or the server is unreachable: either way, sign in.
          setMe(undefined);
          setStatus("anonymous");
        }
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        if (statusRef.current === "signed-in") {
          setEnded("expired");
        }
        setStatus("anonymous");
        setMe(undefined);
      }),
    [],
  );

  const login = useCallback(async (name: string, password: string) => {
    const result = await apiPost<LoginResult>("/auth/login", { login: name, password });
    setMe({ user: result.user, permissions: result.permissions });
    setEnded(null);
    setStatus("signed-in");
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiPost<null>("/auth/logout", {});
    } catch (error) {
      // Already signed out on the server (401): nothing left to end.
      if (!(error instanceof ApiError && error.status === 401)) {
        throw error;
      }
    }
    setMe(undefined);
    setEnded("signed-out");
    setStatus("anonymous");
  }, []);

  const value = useMemo<Auth>(() => {
    const permissions = new Set(me?.permissions ?? []);
    return {
      status,
      user: me?.user,
      can: (permission) => permissions.has(permission),
      login,
      logout,
      ended,
    };
  }, [status, me, login, logout, ended]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) {
    throw new Error("useAuth() outside <AuthProvider>");
  }
  return value;
}
