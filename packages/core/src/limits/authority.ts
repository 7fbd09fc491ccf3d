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
  | { readonly code: "UNKNOWN_ROLE"; readonly message: string }
  | { readonly code: "INSUFFICIENT_AUTHORITY"; readonly message: string };

/**
 * Whether `actor` may decide on an amount requested by `requesterId`: four eyes first (never the
 * requester), then the role's authority must cover the amount. Null = allowed.
 */
export function approvalRefusal(options: {
  matrix: AuthorityMatrix;
  actor: Actor;
  requesterId: string;
  amountMinor: number;
}): ApprovalRefusal | null {
  const { matrix, actor, requesterId, amountMinor } = options;
  if (actor.id === requesterId) {
    return { code: "OWN_REQUEST", message: "four eyes: the requester cannot approve their own request" };
  }
  const entry = matrix.entries.find((e) => e.role === actor.role);
  if (!entry) {
    return { code: "UNKNOWN_ROLE", message: `role ${actor.role} has no authority in the matrix` };
  }
  if (entry.maxMinor !== null && entry.maxMinor < amountMinor) {
    return {
      code: "INSUFFICIENT_AUTHORITY",
      message: `role ${actor.role} may approve up to ${entry.maxMinor} minor units ${matrix.currency}, the amount is ${amountMinor}`,
    };
  }
  return null;
}
