import {
  type DuplicateMatch,
  decisionBlockers,
  type RedactedDuplicate,
  redactDuplicate,
  redactSignalParties,
} from "@creditdesk/core/applications";
import type { DatabaseHandle } from "@creditdesk/db";
import { customers } from "@creditdesk/db";
import { applicationComments, applicationDocuments, creditApplications } from "@creditdesk/db/applications";
import { and, asc, desc, eq, lt, type SQL } from "drizzle-orm";
import { listApplicationConditions } from "./conditions.ts";
import { loadApplicationsConfig } from "./config.ts";
import {
  type ApplicationRow,
  findApplication,
  loadChecklist,
  loadSignals,
  storedDuplicates,
  toStoredSignal,
} from "./load-application.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(app: ApplicationRow) {
  return {
    id: app.id,
    reference: `APP-${app.id}`,
    customerId: app.customerId,
    status: app.status,
    source: app.source,
    legalName: app.legalName,
    registrationType: app.registrationType,
    registrationId: app.registrationId,
    currency: app.currency,
    requestedLimitMinor: app.requestedLimitMinor,
    requestedTermsDays: app.requestedTermsDays,
    createdBy: app.createdBy,
    createdAt: app.createdAt.toISOString(),
    checkedAt: iso(app.checkedAt),
    decision: app.decision,
    decidedBy: app.decidedBy,
    decidedAt: iso(app.decidedAt),
  };
}
export type ApplicationSummary = ReturnType<typeof summary>;

/**
 * The stored explanation ({en, zh, params}) as the texts, their parameters and the evidence;
 * `redact` withholds the other parties a signal names (core redactSignalParties).
 */
function signalTexts(code: string, stored: unknown, evidence: unknown, redact: boolean) {
  const e = (stored ?? {}) as { en?: string; zh?: string; params?: Record<string, string | number> };
  const texts = {
    explanation: { en: e.en ?? "", zh: e.zh ?? "" },
    params: e.params ?? {},
    evidence: (evidence ?? {}) as Record<string, unknown>,
  };
  return redact ? redactSignalParties(code, texts) : texts;
}

/** Applications newest first, optionally by status (keyset by id). */
export async function listApplications(options: {
  handle: DatabaseHandle;
  status?: string | undefined;
  beforeId?: number | undefined;
  limit?: number | undefined;
}): Promise<{ items: ApplicationSummary[]; nextCursor: string | null }> {
  const limit = Math.min(options.limit ?? 50, 500);
  const conditions: SQL[] = [];
  if (options.status) {
    conditions.push(eq(creditApplications.status, options.status));
  }
  if (options.beforeId !== undefined) {
    conditions.push(lt(creditApplications.id, options.beforeId));
  }
  const rows = await options.handle.db
    .select()
    .from(creditApplications)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(creditApplications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(summary),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

/**
 * The whole application as the case page shows it: data, documents (without bytes), the
 * investigation checklist, rating reports, signals with clearances and the integrity score,
 * duplicates of the last check, comments, the decision, and what still blocks an approval.
 * `redactParties` withholds the names, ids and codes of the other parties that duplicates and
 * signals name, keeping that they match, their kind and the shared fields (for users who see only
 * their own customers; see apps/server/src/applications/scope.ts).
 */
export async function getApplication(options: {
  handle: DatabaseHandle;
  id: number;
  asOf?: string | undefined;
  redactParties?: boolean | undefined;
}) {
  const { handle } = options;
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const app = await findApplication(handle.db, options.id);
  const config = await loadApplicationsConfig(handle.db);
  const [customer] = await handle.db
    .select({ code: customers.code, status: customers.status, salesOwner: customers.salesOwner })
    .from(customers)
    .where(eq(customers.id, app.customerId));
  const documents = await handle.db
    .select({
      id: applicationDocuments.id,
      kind: applicationDocuments.kind,
      fileName: applicationDocuments.fileName,
      contentType: applicationDocuments.contentType,
      sizeBytes: applicationDocuments.sizeBytes,
      sha256: applicationDocuments.sha256,
      uploadedBy: applicationDocuments.uploadedBy,
      uploadedAt: applicationDocuments.uploadedAt,
    })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, app.id))
    .orderBy(asc(applicationDocuments.id));
  const { checklist, ratingReports } = await loadChecklist(handle.db, app, config, asOf);
  const signals = await loadSignals(handle.db, app.id);
  const comments = await handle.db
    .select()
    .from(applicationComments)
    .where(eq(applicationComments.applicationId, app.id))
    .orderBy(asc(applicationComments.id));
  const active = signals.filter((s) => s.active);
  // What would block an approval by someone other than the creator right now.
  const blockers = decisionBlockers({
    decision: "approve",
    status: app.status,
    actorId: "\u0000",
    createdBy: app.createdBy,
    checked: app.checkedAt !== null,
    checklist,
    signals: signals.map(toStoredSignal),
    reason: null,
  });
  const duplicates: Array<DuplicateMatch | RedactedDuplicate> = storedDuplicates(app).map((m) =>
    options.redactParties ? redactDuplicate(m) : m,
  );
  return {
    ...summary(app),
    customerCode: customer?.code ?? null,
    customerStatus: customer?.status ?? null,
    salesOwner: customer?.salesOwner ?? null,
    registryName: app.registryName,
    companyType: app.companyType,
    industry: app.industry,
    region: app.region,
    address: app.address,
    phone: app.phone,
    email: app.email,
    contactName: app.contactName,
    foundedOn: app.foundedOn,
    bankName: app.bankName,
    bankAccount: app.bankAccount,
    references: app.references as unknown[],
    statedMonthlyNeedMinor: app.statedMonthlyNeedMinor,
    decisionReason: app.decisionReason,
    approvedLimitMinor: app.approvedLimitMinor,
    approvedTermsDays: app.approvedTermsDays,
    reviewOn: app.reviewOn,
    conditions: app.conditions as Record<string, unknown> | null,
    limitId: app.limitId,
    documents: documents.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() })),
    checklist,
    ratingReports,
    signals: signals.map((s) => ({
      code: s.code,
      severity: s.severity,
      score: s.score,
      ...signalTexts(s.code, s.explanation, s.evidence, options.redactParties === true),
      active: s.active,
      detectedAt: s.detectedAt.toISOString(),
      clearedBy: s.clearedBy,
      clearedAt: iso(s.clearedAt),
      clearReason: s.clearReason,
    })),
    /** The integrity score: points of the active signals (core SIGNAL_SCORES). */
    signalScore: active.reduce((sum, s) => sum + s.score, 0),
    /** The approval's conditions with what each created and whether it is met (conditions.ts). */
    approvalConditions: await listApplicationConditions({ handle: options.handle, id: app.id }),
    duplicates,
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    })),
    approvalBlockers: blockers.filter((b) => b.code !== "OWN_APPLICATION"),
  };
}
export type ApplicationView = Awaited<ReturnType<typeof getApplication>>;
