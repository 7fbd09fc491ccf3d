import { z } from "zod";

/**
 * Authority matrix: each role may approve limit amounts up to `maxMinor` (in the matrix currency;
 * null = unlimited), at a `level` (1 = lowest). DOMAIN.md: "Limit changes need approval by an
 * authority whose level covers the amount; the requester can never approve their own request."
 */
export const authorityEntrySchema = z.object({
  role: z.string().min(1).max(64),
  level: z.number().int().min(1).max(99),
  maxMinor: z.number().int().nonnegative().nullable(),
});
export type AuthorityEntry = z.infer<typeof authorityEntrySchema>;

export const authorityMatrixSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  entries: z.array(authorityEntrySchema).min(1),
});
export type AuthorityMatrix = z.infer<typeof authorityMatrixSchema>;

/**
 * Shipped default (CNY), on the sign-in roles (core/identity): credit analyst ≤ 1 m, credit
 * manager ≤ 10 m, admin (the credit director / CFO seat) unlimited. Configurable in
 * `limit_authorities`.
 */
export const DEFAULT_AUTHORITY_MATRIX: AuthorityMatrix = {
  currency: "CNY",
  entries: [
    { role: "credit_analyst", level: 1, maxMinor: 100_000_000 },
    { role: "credit_manager", level: 2, maxMinor: 1_000_000_000 },
    { role: "admin", level: 3, maxMinor: null },
  ],
};

export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** The lowest matrix entry whose authority covers `amountMinor` (matrix currency), or null. */
export function requiredAuthority(matrix: AuthorityMatrix, amountMinor: number): AuthorityEntry | null {
  const covering = matrix.entries
    .filter((e) => e.maxMinor === null || e.maxMinor >= amountMinor)
    .sort((a, b) => a.level - b.level);
  return covering[0] ?? null;
}

export type ApprovalRefusal =
  | { readonly code: "OWN_REQUEST"; readonly message: string }
  | { readonly code: "ALREADY_APPROVED"; readonly message: string }
  | { readonly code: "UNKNOWN_ROLE"; readonly message: string }
  | { readonly code: "LEVEL_TOO_LOW"; readonly message: string }
  | { readonly code: "INSUFFICIENT_AUTHORITY"; readonly message: string };

/**
 * An actor's effective authority in the matrix currency: the stricter of their role's maximum in
 * the matrix and their own approval limit (identity's `getApprovalAuthority`: a per-user limit when
 * set, else the role's configured approval authority), converted to the matrix currency. A
 * personal limit can only narrow what the role allows — never widen it — so a role change never
 * leaves a stale, larger personal limit behind. null = unlimited.
 */
export function effectiveAuthority(roleMaxMinor: number | null, ownLimitMinor: number | null): number | null {
  if (roleMaxMinor === null) {
    return ownLimitMinor;
  }
  return ownLimitMinor === null ? roleMaxMinor : Math.min(roleMaxMinor, ownLimitMinor);
}

/** The distinct levels of the matrix, ascending. */
const levelsOf = (matrix: AuthorityMatrix) =>
  [...new Set(matrix.entries.map((e) => e.level))].sort((a, b) => a - b);

/** The largest amount any role of `level` may approve (null = unlimited). */
function levelMax(matrix: AuthorityMatrix, level: number): number | null {
  let max: number | null = 0;
  for (const e of matrix.entries) {
    if (e.level === level) {
      max = e.maxMinor === null || max === null ? null : Math.max(max, e.maxMinor);
    }
  }
  return max;
}

/**
 * The levels a request passes through, in order (issue 6: "routed by an authority matrix … possibly
 * through several levels"): every level from the lowest up to the lowest one covering the amount —
 * except the levels at or below the requester's own, which their request stands for as a
 * recommendation (an analyst's request for more than an analyst may approve goes to the manager,
 * not back to another analyst). The covering level always decides, and never by the requester.
 * Null when no level covers the amount.
 */
export function approvalChain(
  matrix: AuthorityMatrix,
  options: { amountMinor: number; requesterRole: string },
): { levels: number[]; required: AuthorityEntry } | null {
  const required = requiredAuthority(matrix, options.amountMinor);
  if (!required) {
    return null;
  }
  const own = matrix.entries.find((e) => e.role === options.requesterRole)?.level ?? 0;
  const levels = levelsOf(matrix).filter((l) => l <= required.level && l > own);
  return { levels: levels.length > 0 ? levels : [required.level], required };
}

const fmt = (minor: number | null, currency: string) =>
  minor === null ? "unlimited" : `${minor} minor units ${currency}`;

/**
 * Whether `actor` may approve one step of a chain — the step at `level`, of a request for
 * `amountMinor` (matrix currency) whose chain ends at `finalLevel`. Four eyes: never the requester,
 * and never someone who already approved an earlier level of the same submission. The actor's role
 * must sit at `level` or above, and their effective authority (`effectiveAuthority`) must cover
 * what this step vouches for: the whole amount at the final level, the level's own maximum below
 * it. Null = allowed.
 */
export function stepApprovalRefusal(options: {
  matrix: AuthorityMatrix;
  actor: Actor;
  /** The actor's own approval limit in the matrix currency (null = none beyond the role). */
  ownLimitMinor: number | null;
  requesterId: string;
  earlierApprovers: readonly string[];
  level: number;
  finalLevel: number;
  amountMinor: number;
}): ApprovalRefusal | null {
  const { matrix, actor, level, amountMinor } = options;
  if (actor.id === options.requesterId) {
    return { code: "OWN_REQUEST", message: "four eyes: the requester cannot approve their own request" };
  }
  if (options.earlierApprovers.includes(actor.id)) {
    return {
      code: "ALREADY_APPROVED",
      message: `four eyes: ${actor.id} already approved an earlier level of this request; level ${level} needs another person`,
    };
  }
  const entry = matrix.entries.find((e) => e.role === actor.role);
  if (!entry) {
    return { code: "UNKNOWN_ROLE", message: `role ${actor.role} has no authority in the matrix` };
  }
  if (entry.level < level) {
    return {
      code: "LEVEL_TOO_LOW",
      message: `the request awaits level ${level}; role ${actor.role} is level ${entry.level}`,
    };
  }
  const stepMax = levelMax(matrix, level);
  const vouched =
    level >= options.finalLevel || stepMax === null ? amountMinor : Math.min(amountMinor, stepMax);
  const effective = effectiveAuthority(entry.maxMinor, options.ownLimitMinor);
  if (effective !== null && effective < vouched) {
    const personal = options.ownLimitMinor !== null && effective === options.ownLimitMinor;
    return {
      code: "INSUFFICIENT_AUTHORITY",
      message: personal
        ? `${actor.id}'s own approval limit is ${fmt(options.ownLimitMinor, matrix.currency)}; this step needs ${vouched}`
        : `role ${actor.role} may approve up to ${fmt(entry.maxMinor, matrix.currency)}, this step needs ${vouched}`,
    };
  }
  return null;
}

/**
 * Whether `actor` may decide alone on an amount requested by `requesterId` (blocked-order release):
 * four eyes first (never the requester), then their effective authority — the stricter of the
 * role's and their own limit — must cover the amount. Null = allowed.
 */
export function approvalRefusal(options: {
  matrix: AuthorityMatrix;
  actor: Actor;
  requesterId: string;
  amountMinor: number;
  /** The actor's own approval limit in the matrix currency (null/absent = none beyond the role). */
  ownLimitMinor?: number | null | undefined;
}): ApprovalRefusal | null {
  const { matrix, actor, requesterId, amountMinor } = options;
  if (actor.id === requesterId) {
    return { code: "OWN_REQUEST", message: "four eyes: the requester cannot approve their own request" };
  }
  const entry = matrix.entries.find((e) => e.role === actor.role);
  if (!entry) {
    return { code: "UNKNOWN_ROLE", message: `role ${actor.role} has no authority in the matrix` };
  }
  const own = options.ownLimitMinor ?? null;
  const effective = effectiveAuthority(entry.maxMinor, own);
  if (effective !== null && effective < amountMinor) {
    return {
      code: "INSUFFICIENT_AUTHORITY",
      message:
        own !== null && effective === own
          ? `${actor.id}'s own approval limit is ${fmt(own, matrix.currency)}, the amount is ${amountMinor}`
          : `role ${actor.role} may approve up to ${fmt(entry.maxMinor, matrix.currency)}, the amount is ${amountMinor}`,
    };
  }
  return null;
}
