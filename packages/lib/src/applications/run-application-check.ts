import {
  type DuplicateMatch,
  detectSignals,
  findDuplicates,
  type ReferenceParty,
  signalScore,
} from "@creditdesk/core/applications";
import type { Actor } from "@creditdesk/core/limits";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { applicationSignals, creditApplications, loadPartyCandidates } from "@creditdesk/db/applications";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { loadApplicationsConfig } from "./config.ts";
import { findApplication, requestedInConfigCurrency } from "./load-application.ts";
import { candidateKeysOf, refreshScreeningKeys } from "./screening-keys.ts";

/** Matches of one party merged (a customer found by its legal name and an other name is one match). */
function mergeMatches(matches: DuplicateMatch[]): DuplicateMatch[] {
  const byKey = new Map<string, DuplicateMatch>();
  for (const m of matches) {
    const key = `${m.kind}:${m.id}`;
    const known = byKey.get(key);
    byKey.set(
      key,
      known
        ? {
            ...known,
            reasons: [...known.reasons, ...m.reasons],
            sameEntity: known.sameEntity || m.sameEntity,
          }
        : m,
    );
  }
  return [...byKey.values()];
}

/**
 * Screens an application: duplicate detection against every customer and every other
 * application, then the fraud and integrity signals (registration, age vs limit, first orders vs
 * stated need, shared details, recent changes from the external events, related references).
 * Signals are stored by code: a signal found again keeps its clearance, one no longer found
 * becomes inactive. The application moves to `in_review`; the check is audited.
 */
export async function runApplicationCheck(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  asOf?: string | undefined;
}) {
  const { handle } = options;
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const config = await loadApplicationsConfig(handle.db);
  const app = await findApplication(handle.db, options.id);
  const list = (v: string | null) => (v ? [v] : []);
  const applicant = {
    kind: "application" as const,
    id: app.id,
    name: app.legalName,
    registrationId: app.registrationId,
    bankAccounts: list(app.bankAccount),
    phones: list(app.phone),
    addresses: list(app.address),
    emails: list(app.email),
  };
  // Customers changed since their keys were computed are keyed first; then only the customers
  // sharing a key with the applicant are read (indexed look-up), never all of them.
  await refreshScreeningKeys(handle.db);
  const candidates = await loadPartyCandidates(handle.db, {
    excludeCustomerId: app.customerId,
    keys: candidateKeysOf(applicant, config.duplicates.nameThreshold),
  });
  const matches = mergeMatches(
    findDuplicates(applicant, candidates, { nameThreshold: config.duplicates.nameThreshold }),
  );
  const amounts = await requestedInConfigCurrency(handle.db, app, config, asOf);
  const orders = await queryRows<{ orderedOn: string; currency: string; amountMinor: number }>(
    handle.db,
    sql`select ordered_on::text as "orderedOn", currency::text as currency, ordered_minor as "amountMinor"
      from sales_orders where customer_id = ${app.customerId} and status <> 'cancelled' order by ordered_on`,
  );
  const converted: Array<{ orderedOn: string; amountMinor: number }> = [];
  for (const o of orders) {
    const amount =
      o.currency === config.currency
        ? Number(o.amountMinor)
        : ((await amounts.convert(Number(o.amountMinor))) ?? Number(o.amountMinor));
    converted.push({ orderedOn: o.orderedOn, amountMinor: amount });
  }
  const events = await queryRows<{ type: string; occurredOn: string; description: string | null }>(
    handle.db,
    sql`select type, occurred_on::text as "occurredOn", description from external_events where customer_id = ${app.customerId}`,
  );
  const signals = detectSignals(
    {
      asOf: app.createdAt.toISOString().slice(0, 10),
      legalName: app.legalName,
      registration: app.registrationId
        ? { type: app.registrationType ?? "uscc", value: app.registrationId }
        : null,
      registryName: app.registryName,
      foundedOn: app.foundedOn,
      requestedMinor: amounts.requestedMinor,
      statedMonthlyNeedMinor: amounts.statedMonthlyNeedMinor,
      orders: converted,
      matches,
      events,
      references: app.references as ReferenceParty[],
      applicant: { bankAccount: app.bankAccount, phone: app.phone, address: app.address, email: app.email },
    },
    config,
  );
  await handle.transaction(async (tx) => {
    for (const s of signals) {
      await tx.db
        .insert(applicationSignals)
        .values({
          applicationId: app.id,
          code: s.code,
          severity: s.severity,
          score: s.score,
          explanation: { ...s.explanation, params: s.params },
          evidence: s.evidence,
        })
        .onConflictDoUpdate({
          target: [applicationSignals.applicationId, applicationSignals.code],
          set: {
            severity: s.severity,
            score: s.score,
            explanation: { ...s.explanation, params: s.params },
            evidence: s.evidence,
            active: true,
            detectedAt: sql`now()`,
          },
        });
    }
    await tx.db
      .update(applicationSignals)
      .set({ active: false })
      .where(
        and(
          eq(applicationSignals.applicationId, app.id),
          signals.length > 0
            ? notInArray(
                applicationSignals.code,
                signals.map((s) => s.code),
              )
            : undefined,
        ),
      );
    await tx.db
      .update(creditApplications)
      .set({
        duplicates: matches,
        checkedAt: sql`now()`,
        status: sql`case when ${creditApplications.status} = 'submitted' then 'in_review' else ${creditApplications.status} end`,
        updatedAt: sql`now()`,
      })
      .where(eq(creditApplications.id, app.id));
    await appendAudit(tx.db, {
      actor: options.actor.id,
      action: "application.check",
      entity: "credit_application",
      entityId: app.id,
      after: {
        duplicates: matches.map((m) => ({ kind: m.kind, id: m.id, fields: m.reasons.map((r) => r.field) })),
        signals: signals.map((s) => ({ code: s.code, severity: s.severity, score: s.score })),
        score: signalScore(signals),
      },
    });
  });
  return { duplicates: matches, signals, score: signalScore(signals) };
}
