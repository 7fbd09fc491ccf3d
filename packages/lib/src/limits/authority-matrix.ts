import {
  type Actor,
  type AuthorityMatrix,
  authorityMatrixSchema,
  convertAtQuote,
  DEFAULT_AUTHORITY_MATRIX,
} from "@creditdesk/core/limits";
import { type DatabaseHandle, type Db, queryRows } from "@creditdesk/db";
import { limitAuthorities } from "@creditdesk/db/limits";
import { asc, sql } from "drizzle-orm";
import { getApprovalAuthority } from "../identity/approval-authority.ts";
import { AppError } from "../shared/app-error.ts";
import { quoteOf } from "./check-credit.ts";

/** The configured authority matrix, or the shipped default while none is configured. */
export async function loadAuthorityMatrix(db: Db): Promise<AuthorityMatrix> {
  const rows = await db.select().from(limitAuthorities).orderBy(asc(limitAuthorities.level));
  const first = rows[0];
  if (!first) {
    return DEFAULT_AUTHORITY_MATRIX;
  }
  return {
    currency: first.currency,
    entries: rows.map((r) => ({ role: r.role, level: r.level, maxMinor: r.maxMinor })),
  };
}

/** Replaces the authority matrix (validated: one currency, roles with levels and maxima). */
export async function saveAuthorityMatrix(options: {
  handle: DatabaseHandle;
  matrix: AuthorityMatrix;
}): Promise<AuthorityMatrix> {
  const matrix = authorityMatrixSchema.parse(options.matrix);
  await options.handle.transaction(async (tx) => {
    await tx.db.delete(limitAuthorities);
    await tx.db
      .insert(limitAuthorities)
      .values(matrix.entries.map((e) => ({ ...e, currency: matrix.currency })));
  });
  return matrix;
}

/** An amount converted to `to` at the latest recorded rate on or before `asOf` (422 without one). */
export async function convertAtLatestRate(
  db: Db,
  options: { amountMinor: number; from: string; to: string; asOf: string },
): Promise<number> {
  const { amountMinor, from, to, asOf } = options;
  if (from === to) {
    return amountMinor;
  }
  const [row] = await queryRows<{ directRate: string | null; inverseRate: string | null }>(
    db,
    sql`select
      (select rate::text from fx_rates where from_currency = ${from} and to_currency = ${to}
        and rate_date <= cast(${asOf} as date) order by rate_date desc limit 1) as "directRate",
      (select rate::text from fx_rates where from_currency = ${to} and to_currency = ${from}
        and rate_date <= cast(${asOf} as date) order by rate_date desc limit 1) as "inverseRate"`,
  );
  const quote = row ? quoteOf(row) : null;
  if (!quote) {
    throw new AppError("UNPROCESSABLE", `no recorded FX rate between ${from} and ${to} on or before ${asOf}`);
  }
  return convertAtQuote({ amountMinor, from, to, quote });
}

/**
 * Who an actor is for the authority matrix (issue 3 "approval limits per role/user"): a user of
 * CreditDesk counts with their stored role and their own approval limit from identity's
 * `getApprovalAuthority` (a per-user limit when set, else their role's configured authority),
 * converted to the matrix currency; core `effectiveAuthority` then takes the stricter of that and
 * the role's maximum in the matrix. A name that is no user (a CLI or system actor) has only the
 * role it claims, bounded by the matrix.
 */
export async function actorAuthority(options: {
  handle: DatabaseHandle;
  db: Db;
  actor: Actor;
  matrix: AuthorityMatrix;
  asOf: string;
}): Promise<{ actor: Actor; ownLimitMinor: number | null }> {
  const { actor, matrix } = options;
  // Read on the caller's transaction (`db`): on PGlite a second connection would wait for it.
  const { handle, db } = options;
  const onTx: DatabaseHandle = {
    kind: handle.kind,
    db,
    transaction: (fn) => handle.transaction(fn),
    close: () => handle.close(),
  };
  const authority = await getApprovalAuthority({ handle: onTx, actor });
  if (!authority.known) {
    return { actor, ownLimitMinor: null };
  }
  const ownLimitMinor =
    authority.maxMinor === null
      ? null
      : await convertAtLatestRate(options.db, {
          amountMinor: authority.maxMinor,
          from: authority.currency,
          to: matrix.currency,
          asOf: options.asOf,
        });
  return { actor: { id: actor.id, role: authority.role }, ownLimitMinor };
}
