import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { creditChecks } from "@creditdesk/db/limits";
import { and, eq, lte, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

export const RELEASE_REASONS = ["cancelled", "invoiced"] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/**
 * Releases the active reservations of an order (cancelled or invoiced); returns how many rows and
 * how much (limit currency) were released. Releasing twice releases nothing the second time.
 */
export async function releaseReservation(options: {
  handle: DatabaseHandle;
  customer: string | number;
  orderReference: string;
  reason: ReleaseReason;
}): Promise<{ released: number; releasedMinor: number }> {
  const customerId = await findCustomerId(options.handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const rows = await options.handle.db
    .update(creditChecks)
    .set({ reservationStatus: "released", releasedAt: sql`now()`, releaseReason: options.reason })
    .where(
      and(
        eq(creditChecks.customerId, customerId),
        eq(creditChecks.orderReference, options.orderReference),
        eq(creditChecks.reservationStatus, "active"),
      ),
    )
    .returning({ reservedMinor: creditChecks.reservedMinor });
  return { released: rows.length, releasedMinor: rows.reduce((a, r) => a + r.reservedMinor, 0) };
}

/**
 * Marks reservations past their expiry as expired (housekeeping: checks already ignore them, this
 * makes the state visible). Returns the number of rows.
 */
export async function expireReservations(options: { handle: DatabaseHandle; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const rows = await options.handle.db
    .update(creditChecks)
    .set({ reservationStatus: "expired" })
    .where(and(eq(creditChecks.reservationStatus, "active"), lte(creditChecks.expiresAt, now)))
    .returning({ id: creditChecks.id });
  return rows.length;
}
