import {
  type ApplicationsConfig,
  type ChecklistState,
  type DuplicateMatch,
  daysBetween,
  type Evidence,
  evaluateChecklist,
  identifierProblem,
  nameSimilarity,
  type StoredSignal,
} from "@creditdesk/core/applications";
import { type IdentifierType, validateIdentifier } from "@creditdesk/core/identifiers";
import { type Db, queryRows } from "@creditdesk/db";
import {
  applicationEvidence,
  applicationRatingReports,
  applicationSignals,
  creditApplications,
} from "@creditdesk/db/applications";
import { asc, desc, eq, sql } from "drizzle-orm";
import { convertAtLatestRate } from "../limits/authority-matrix.ts";
import { AppError } from "../shared/app-error.ts";

export type ApplicationRow = typeof creditApplications.$inferSelect;
export type SignalRow = typeof applicationSignals.$inferSelect;

export async function findApplication(
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<ApplicationRow> {
  const query = db.select().from(creditApplications).where(eq(creditApplications.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) {
    throw AppError.notFound("application", id);
  }
  return row;
}

/**
 * The requested limit in the configuration currency (latest recorded rate). Without a rate the
 * amount counts as unbounded, so every amount-dependent item and signal applies (conservative).
 */
export async function requestedInConfigCurrency(
  db: Db,
  app: ApplicationRow,
  config: ApplicationsConfig,
  asOf: string,
) {
  const convert = async (amountMinor: number | null) => {
    if (amountMinor === null) {
      return null;
    }
    try {
      return await convertAtLatestRate(db, { amountMinor, from: app.currency, to: config.currency, asOf });
    } catch (error) {
      if (error instanceof AppError && error.code === "UNPROCESSABLE") {
        return Number.MAX_SAFE_INTEGER;
      }
      throw error;
    }
  };
  return {
    requestedMinor: (await convert(app.requestedLimitMinor)) ?? 0,
    statedMonthlyNeedMinor: await convert(app.statedMonthlyNeedMinor),
    convert,
  };
}

export interface RatingReportRow {
  id: number;
  agency: string;
  rating: string;
  ratedOn: string;
  pulledOn: string;
  mode: string;
  pulledBy: string;
}

/** Evidence, statements, assessment and rating facts → the checklist state (core evaluateChecklist). */
export async function loadChecklist(
  db: Db,
  app: ApplicationRow,
  config: ApplicationsConfig,
  asOf: string,
): Promise<{ checklist: ChecklistState; ratingReports: RatingReportRow[] }> {
  const evidenceRows = await db
    .select()
    .from(applicationEvidence)
    .where(eq(applicationEvidence.applicationId, app.id))
    .orderBy(asc(applicationEvidence.id));
  const evidence: Record<string, Evidence[]> = {};
  for (const e of evidenceRows) {
    const list = evidence[e.item] ?? [];
    evidence[e.item] = list;
    list.push({
      note: e.note,
      documentId: e.documentId,
      date: e.evidenceOn,
      by: e.recordedBy,
    });
  }
  const [st] = await queryRows<{ count: number; assessed: boolean }>(
    db,
    sql`select (select count(*)::int from financial_statements s where s.customer_id = ${app.customerId}) as count,
        coalesce((select max(a.created_at) from assessments a where a.customer_id = ${app.customerId})
          >= (select max(s.updated_at) from financial_statements s where s.customer_id = ${app.customerId}), false) as assessed`,
  );
  const reports = await db
    .select()
    .from(applicationRatingReports)
    .where(eq(applicationRatingReports.applicationId, app.id))
    .orderBy(desc(applicationRatingReports.id));
  const latest = reports[0];
  const fresh = latest !== undefined && daysBetween(latest.pulledOn, asOf) < config.rating.maxReportAgeDays;
  const type = (app.registrationType ?? "uscc") as IdentifierType;
  const check = app.registrationId
    ? validateIdentifier(type, app.registrationId)
    : { ok: false as const, message: "missing" };
  const { requestedMinor } = await requestedInConfigCurrency(db, app, config, asOf);
  const checklist = evaluateChecklist(config, {
    companyType: app.companyType,
    requestedMinor,
    registration: {
      valid: check.ok,
      problem: check.ok ? null : check.message,
      problemZh: check.ok
        ? null
        : app.registrationId
          ? identifierProblem(type, app.registrationId, check.message).zh
          : "未提供注册号",
      registryName: app.registryName,
      nameMatches:
        app.registryName === null
          ? null
          : nameSimilarity(app.legalName, app.registryName) >= config.duplicates.nameThreshold,
    },
    statements: { count: st?.count ?? 0, assessed: Boolean(st?.assessed) },
    rating: { fresh, agency: latest?.agency ?? null },
    evidence,
  });
  return {
    checklist,
    ratingReports: reports.map((r) => ({
      id: r.id,
      agency: r.agency,
      rating: r.rating,
      ratedOn: r.ratedOn,
      pulledOn: r.pulledOn,
      mode: r.mode,
      pulledBy: r.pulledBy,
    })),
  };
}

export async function loadSignals(db: Db, applicationId: number): Promise<SignalRow[]> {
  return db
    .select()
    .from(applicationSignals)
    .where(eq(applicationSignals.applicationId, applicationId))
    .orderBy(asc(applicationSignals.id));
}

export const toStoredSignal = (s: SignalRow): StoredSignal => ({
  code: s.code as StoredSignal["code"],
  severity: s.severity as StoredSignal["severity"],
  active: s.active,
  clearedBy: s.clearedBy,
});

export const storedDuplicates = (app: ApplicationRow): DuplicateMatch[] =>
  (app.duplicates ?? []) as DuplicateMatch[];
