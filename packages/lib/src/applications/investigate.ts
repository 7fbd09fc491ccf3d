import { nameSimilarity, planRatingPull } from "@creditdesk/core/applications";
import type { Actor } from "@creditdesk/core/limits";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import {
  applicationDocuments,
  applicationEvidence,
  applicationRatingReports,
  applicationSignals,
  creditApplications,
} from "@creditdesk/db/applications";
import { and, eq, sql } from "drizzle-orm";
import { assessCustomerNow } from "../assessment/assess-customer-now.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import type { DocumentUpload } from "./application-input.ts";
import { loadApplicationsConfig } from "./config.ts";
import { decodeUpload, insertDocument } from "./documents.ts";
import { findApplication } from "./load-application.ts";

const today = () => new Date().toISOString().slice(0, 10);

function assertOpen(status: string) {
  if (status !== "submitted" && status !== "in_review") {
    throw new AppError("CONFLICT", `the application is ${status}: the case is closed`);
  }
}

/** Uploads a document to an open application (type and size checked as on the public form). */
export async function uploadApplicationDocument(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  upload: DocumentUpload;
}) {
  const app = await findApplication(options.handle.db, options.id);
  assertOpen(app.status);
  const config = await loadApplicationsConfig(options.handle.db);
  const bytes = decodeUpload(options.upload, config.publicForm.maxFileBytes);
  return insertDocument(options.handle.db, {
    applicationId: app.id,
    upload: options.upload,
    bytes,
    uploadedBy: options.actor.id,
  });
}

/** One document with its bytes (for download). */
export async function getApplicationDocument(options: {
  handle: DatabaseHandle;
  id: number;
  documentId: number;
}) {
  const [row] = await options.handle.db
    .select()
    .from(applicationDocuments)
    .where(
      and(
        eq(applicationDocuments.applicationId, options.id),
        eq(applicationDocuments.id, options.documentId),
      ),
    );
  if (!row) {
    throw AppError.notFound("document", options.documentId);
  }
  return row;
}

/**
 * Records evidence on a checklist item: a note and/or a document of the application, the date it
 * refers to, who recorded it. On the registration item the analyst also records the name found
 * on the registry, which the checklist compares with the applicant's name.
 */
export async function recordEvidence(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  item: string;
  note?: string | undefined;
  documentId?: number | undefined;
  evidenceOn?: string | undefined;
  registryName?: string | undefined;
}) {
  const { handle, actor } = options;
  const config = await loadApplicationsConfig(handle.db);
  if (!config.checklist.some((c) => c.code === options.item)) {
    throw AppError.validation([{ path: "item", message: `no checklist item ${options.item}` }]);
  }
  if (!options.note && options.documentId === undefined) {
    throw AppError.validation([{ path: "note", message: "evidence needs a note or a document" }]);
  }
  return handle.transaction(async (tx) => {
    const app = await findApplication(tx.db, options.id, { forUpdate: true });
    assertOpen(app.status);
    if (options.documentId !== undefined) {
      const [doc] = await tx.db
        .select({ id: applicationDocuments.id })
        .from(applicationDocuments)
        .where(
          and(
            eq(applicationDocuments.id, options.documentId),
            eq(applicationDocuments.applicationId, app.id),
          ),
        );
      if (!doc) {
        throw AppError.validation([{ path: "documentId", message: "no such document on this application" }]);
      }
    }
    if (options.item === "registration" && options.registryName) {
      await tx.db
        .update(creditApplications)
        .set({ registryName: options.registryName, updatedAt: sql`now()` })
        .where(eq(creditApplications.id, app.id));
    }
    const [row] = await tx.db
      .insert(applicationEvidence)
      .values({
        applicationId: app.id,
        item: options.item,
        note: options.note ?? null,
        documentId: options.documentId ?? null,
        evidenceOn: options.evidenceOn ?? today(),
        recordedBy: actor.id,
        data: options.registryName
          ? {
              registryName: options.registryName,
              similarity: nameSimilarity(app.legalName, options.registryName),
            }
          : null,
      })
      .returning();
    await appendAudit(tx.db, {
      actor: actor.id,
      action: "application.evidence",
      entity: "credit_application",
      entityId: app.id,
      after: {
        item: options.item,
        note: options.note ?? null,
        documentId: options.documentId ?? null,
        registryName: options.registryName ?? null,
      },
    });
    return { ...row!, recordedAt: row!.recordedAt.toISOString() };
  });
}

/**
 * Obtains the external rating through the agency waterfall (core planRatingPull): a report of the
 * same registration id younger than the configured age is reused; otherwise the first agency in
 * order with a report for the company is "pulled". No network: an agency's report is what its
 * feed delivered into the archive's external ratings of the prospect. The result is recorded as
 * a rating report and as evidence on the `rating` item.
 */
export async function pullRatingReport(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  asOf?: string | undefined;
}) {
  const { handle, actor } = options;
  const asOf = options.asOf ?? today();
  const config = await loadApplicationsConfig(handle.db);
  return handle.transaction(async (tx) => {
    const app = await findApplication(tx.db, options.id, { forUpdate: true });
    assertOpen(app.status);
    const existing = app.registrationId
      ? await queryRows<{ agency: string; rating: string; pulledOn: string; ratedOn: string }>(
          tx.db,
          sql`select agency, rating, pulled_on::text as "pulledOn", rated_on::text as "ratedOn"
            from application_rating_reports where registration_id = ${app.registrationId}
            and pulled_on <= cast(${asOf} as date) order by pulled_on desc`,
        )
      : [];
    const feed = await queryRows<{ agency: string; rating: string; ratedOn: string }>(
      tx.db,
      sql`select distinct on (agency) agency, rating, rated_on::text as "ratedOn" from external_ratings
        where customer_id = ${app.customerId} and rated_on <= cast(${asOf} as date)
        order by agency, rated_on desc`,
    );
    const byAgency = new Map(feed.map((f) => [f.agency, f]));
    const plan = planRatingPull({
      agencies: config.rating.agencies,
      existing,
      available: (agency) => byAgency.has(agency),
      asOf,
      maxAgeDays: config.rating.maxReportAgeDays,
    });
    if (plan.action === "unavailable") {
      throw new AppError(
        "UNPROCESSABLE",
        `no agency of the waterfall (${config.rating.agencies.join(", ")}) has a report for this company`,
      );
    }
    const report =
      plan.action === "reuse"
        ? {
            agency: plan.report.agency,
            rating: plan.report.rating,
            ratedOn:
              existing.find((e) => e.agency === plan.report.agency && e.pulledOn === plan.report.pulledOn)
                ?.ratedOn ?? plan.report.pulledOn,
            pulledOn: plan.report.pulledOn,
          }
        : { ...byAgency.get(plan.agency)!, pulledOn: asOf };
    const [row] = await tx.db
      .insert(applicationRatingReports)
      .values({
        applicationId: app.id,
        registrationId: app.registrationId,
        agency: report.agency,
        rating: report.rating,
        ratedOn: report.ratedOn,
        pulledOn: report.pulledOn,
        mode: plan.action === "reuse" ? "reused" : "pulled",
        pulledBy: actor.id,
      })
      .returning();
    const note =
      plan.action === "reuse"
        ? `reused ${report.agency} report ${report.rating} pulled ${report.pulledOn} (${plan.ageDays} days old, under ${config.rating.maxReportAgeDays})`
        : `pulled ${report.agency} report ${report.rating} rated ${report.ratedOn}${plan.skipped.length ? `; no report at ${plan.skipped.join(", ")}` : ""}`;
    await tx.db.insert(applicationEvidence).values({
      applicationId: app.id,
      item: "rating",
      note,
      evidenceOn: asOf,
      recordedBy: actor.id,
      data: { reportId: row!.id, plan: plan.action },
    });
    await appendAudit(tx.db, {
      actor: actor.id,
      action: "application.rating",
      entity: "credit_application",
      entityId: app.id,
      after: { plan: plan.action, agency: report.agency, rating: report.rating, pulledOn: report.pulledOn },
    });
    return {
      plan: plan.action,
      skipped: plan.action === "pull" ? plan.skipped : [],
      report: { ...row!, createdAt: row!.createdAt.toISOString() },
    };
  });
}

/**
 * Analyses the prospect's statements with the assessment capability (the same engine and
 * scorecard as for customers) and records the assessment as evidence on the `statements` item.
 */
export async function analyseApplicationStatements(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  baseCurrency: string;
  asOf?: string | undefined;
}) {
  const { handle, actor } = options;
  const app = await findApplication(handle.db, options.id);
  assertOpen(app.status);
  const [count] = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from financial_statements where customer_id = ${app.customerId}`,
  );
  if (!count?.n) {
    throw new AppError("UNPROCESSABLE", "the prospect has no financial statement to analyse");
  }
  const { assessment } = await assessCustomerNow({
    handle,
    customer: app.customerId,
    asOf: options.asOf ?? today(),
    baseCurrency: options.baseCurrency,
    trigger: "manual",
    triggeredBy: actor.id,
  });
  await handle.transaction(async (tx) => {
    await tx.db.insert(applicationEvidence).values({
      applicationId: app.id,
      item: "statements",
      note: `assessment ${assessment.id}: score ${Math.round(assessment.score)}, grade ${assessment.grade} (scorecard ${assessment.scorecardVersion})`,
      evidenceOn: assessment.asOf,
      recordedBy: actor.id,
      data: { assessmentId: assessment.id },
    });
    await appendAudit(tx.db, {
      actor: actor.id,
      action: "application.analyse",
      entity: "credit_application",
      entityId: app.id,
      after: {
        assessmentId: assessment.id,
        score: assessment.score,
        grade: assessment.grade,
        scorecardVersion: assessment.scorecardVersion,
      },
    });
  });
  return assessment;
}

/** Clears a signal with a recorded reason (who, when, why); the permission is checked at the edge. */
export async function clearSignal(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  code: string;
  reason: string;
}) {
  const { handle, actor } = options;
  if (!options.reason.trim()) {
    throw AppError.validation([{ path: "reason", message: "clearing a signal needs a reason" }]);
  }
  return handle.transaction(async (tx) => {
    const app = await findApplication(tx.db, options.id, { forUpdate: true });
    assertOpen(app.status);
    const [row] = await tx.db
      .update(applicationSignals)
      .set({ clearedBy: actor.id, clearedAt: sql`now()`, clearReason: options.reason })
      .where(and(eq(applicationSignals.applicationId, app.id), eq(applicationSignals.code, options.code)))
      .returning();
    if (!row) {
      throw AppError.notFound("signal", options.code);
    }
    await appendAudit(tx.db, {
      actor: actor.id,
      action: "application.clear_signal",
      entity: "credit_application",
      entityId: app.id,
      after: { code: row.code, severity: row.severity, explanation: row.explanation },
      reason: options.reason,
    });
    return row;
  });
}
