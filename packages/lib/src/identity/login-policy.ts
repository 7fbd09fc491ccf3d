/** Sign-in policy: lockout after `maxFailures` wrong passwords for `lockMinutes`; session lifetime. */
export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionHours: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailures: 5, lockMinutes: 15, sessionHours: 12 };

/** Reads CREDITDESK_LOGIN_MAX_FAILURES / _LOCK_MINUTES / CREDITDESK_SESSION_HOURS (positive integers). */
export function loginPolicyFromEnv(env: Record<string, string | undefined> = process.env): LoginPolicy {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    maxFailures: int("CREDITDESK_LOGIN_MAX_FAILURES", DEFAULT_LOGIN_POLICY.maxFailures),
    lockMinutes: int("CREDITDESK_LOGIN_LOCK_MINUTES", DEFAULT_LOGIN_POLICY.lockMinutes),
    sessionHours: int("CREDITDESK_SESSION_HOURS", DEFAULT_LOGIN_POLICY.sessionHours),
  };
}
