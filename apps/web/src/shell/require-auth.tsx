import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { PageLoading } from "../shared/ui/page-state.tsx";

/**
 * Renders its children only for a signed-in user; otherwise sends the browser to the sign-in page
 * with `?next=` set to the page asked for, so signing in returns there. Also follows a session that
 * ends later (any API call answering 401 flips the auth state to anonymous).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, ended } = useAuth();
  const location = useLocation();
  if (status === "loading") {
    return <PageLoading />;
  }
  if (status === "anonymous") {
    if (ended === "signed-out") {
      // A deliberate sign-out starts afresh: no way back to the page left.
      return <Navigate to="/login" replace />;
    }
    const next = `${location.pathname}${location.search}${location.hash}`;
    const to = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}
