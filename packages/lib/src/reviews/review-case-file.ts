import type { BehaviourMetrics, FinancialSummary } from "@creditdesk/core/assessment";
import type { DatabaseHandle } from "@creditdesk/db";
import { auditLog, customers } from "@creditdesk/db";
import { assessments } from "@creditdesk/db/assessment";
import { and, asc, eq, like, or } from "drizzle-orm";
import {
  type CaseFile,
  caseLanguage,
  openCasePdf,
  writeAssessmentSection,
  writeAuditTrailSection,
  writeRiskRegisterSection,
} from "../applications/case-file.ts";
import { listCustomerRisks } from "../applications/risk-register.ts";
import { getLatestAssessment } from "../assessment/get-credit-file.ts";
import { recommendCustomerLimit } from "../limits/recommend-customer-limit.ts";
import type { CustomerScope } from "../monitoring/alert-actions.ts";
import { buildReviewReport, type ReviewReport } from "./build-review-report.ts";
import { getReview } from "./get-review.ts";
import { behaviourFigures, financialFigures, type KeyFigure } from "./report-key-figures.ts";

/**
 * The case file of a periodic review: the customer, the evidence the review rests on (the report
 * data its completion recorded — financial analysis, payment behaviour, limits, alerts — else
 * today's), the review's assessment (the one its completion recorded, else the latest) with
 * reasons, the recommended limit and the grade policy's terms, the conclusion, who reached it and
 * when, the reviewer's note, the customer's risk register and the review's audit trail.
 */
export async function buildReviewCaseFile(options: {
  handle: DatabaseHandle;
  id: number;
  scope?: CustomerScope;
  language?: string | null | undefined;
}) {
  const { handle } = options;
  const review = await getReview({
    handle,
    id: options.id,
    ...(options.scope ? { scope: options.scope } : {}),
  });
  const [customer] = await handle.db.select().from(customers).where(eq(customers.id, review.customerId));
  const [recorded] = review.assessmentId
    ? await handle.db.select().from(assessments).where(eq(assessments.id, review.assessmentId))
    : [];
  const a = recorded ?? (await getLatestAssessment(handle, review.customerId));
  const recommendation = await recommendCustomerLimit({ handle, customer: review.customerId });
  const policy = (a?.policy ?? null) as {
    paymentTermsDays?: number;
    prepaymentBps?: number;
    guarantee?: string;
  } | null;
  const assessment: CaseFile["assessment"] = a
    ? {
        id: a.id,
        asOf: a.asOf,
        score: a.score,
        grade: a.grade,
        pd: a.pd,
        scorecardVersion: a.scorecardVersion,
        reasons: a.reasons as NonNullable<CaseFile["assessment"]>["reasons"],
      }
    : null;
  // What the reviewer saw when concluding (stored with the completion); an open review shows today's.
  const report = (review.snapshot ?? null) as ReviewReport | null;
  const evidence = report ?? (await buildReviewReport({ handle, customerId: review.customerId }));
  const currency = (evidence.latest as { reportingCurrency?: string } | null)?.reportingCurrency ?? "CNY";
  const risks = await listCustomerRisks({ handle, customer: review.customerId });
  // Entries the review's use cases record (review.assign, review.complete) and, from before they
  // did, the API's generic entries of the review's routes.
  const trail = await handle.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityId, String(review.id)),
        or(eq(auditLog.entity, "credit_review"), like(auditLog.entity, "/reviews/:id/%")),
      ),
    )
    .orderBy(asc(auditLog.seq));
  return {
    language: caseLanguage(customer?.countryCode, options.language),
    review: {
      id: review.id,
      dueOn: review.dueOn,
      reason: review.reason,
      status: review.status,
      owner: review.owner,
      conclusion: review.conclusion,
      note: review.conclusionNote,
      reviewer: review.reviewer,
      completedAt: review.completedAt?.toISOString() ?? null,
    },
    customer: { id: review.customerId, code: customer?.code ?? null, name: customer?.legalName ?? "" },
    assessment,
    recommended: {
      limitMinor: recommendation.recommendedMinor,
      currency: recommendation.currency,
      boundBy: recommendation.boundBy,
      reason: recommendation.reason,
      termsDays: policy?.paymentTermsDays ?? null,
      prepaymentBps: policy?.prepaymentBps ?? null,
      guarantee: policy?.guarantee ?? null,
    },
    evidence: {
      /** Recorded with the completion (true) or read now for an open review (false). */
      recorded: report !== null,
      financial: financialFigures(evidence.latest?.financial as FinancialSummary | null),
      behaviour: behaviourFigures(evidence.latest?.behaviour as BehaviourMetrics | null, currency),
      limits: evidence.limits ?? [],
      alerts: evidence.alerts.slice(0, 20),
    },
    risks,
    trail: trail.map((t) => ({ ...t, at: t.at.toISOString() })),
  };
}
export type ReviewCaseFile = Awaited<ReturnType<typeof buildReviewCaseFile>>;

const CONCLUSION_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  keep: { zh: "维持额度", en: "keep" },
  raise: { zh: "提高额度", en: "raise" },
  lower: { zh: "降低额度", en: "lower" },
  hold: { zh: "暂停赊销", en: "hold" },
};

/** The review's case file as one PDF, with the same pdfkit setup and embedded CJK font as applications. */
export function renderReviewCaseFilePdf(
  file: ReviewCaseFile,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const language = file.language;
  const L = (zh: string, en: string) => (language === "zh" ? zh : en);
  const r = file.review;
  const pdf = openCasePdf(`${L("复核案卷", "Review case file")} ${r.id}`, options.compress ?? true);
  const { doc, heading } = pdf;
  doc.fontSize(18).text(L("信用复核案卷", "Credit review case file"));
  doc
    .fontSize(14)
    .text(`${file.customer.name} (${L("客户", "customer")} ${file.customer.code ?? file.customer.id})`);
  doc
    .fontSize(10)
    .text(
      L(
        `复核 #${r.id} · 到期 ${r.dueOn} · 原因 ${r.reason} · 状态 ${r.status} · 负责人 ${r.owner ?? "—"}`,
        `review #${r.id} · due ${r.dueOn} · reason ${r.reason} · status ${r.status} · owner ${r.owner ?? "—"}`,
      ),
    );
  heading(
    file.evidence.recorded
      ? L("复核依据（完成复核时记录）", "Evidence (as recorded at completion)")
      : L("复核依据（当前数据）", "Evidence (current data)"),
  );
  const figures = (title: string, list: readonly KeyFigure[]) => {
    doc.text(title);
    for (const f of list) {
      doc.text(`    ${L(f.zh, f.en)}: ${f.value}`);
    }
  };
  figures(L("财务分析", "Financial analysis"), file.evidence.financial);
  figures(L("付款行为", "Payment behaviour"), file.evidence.behaviour);
  doc.text(L("有效额度", "Limits in force"));
  for (const l of file.evidence.limits) {
    doc.text(
      `    ${l.kind} ${l.currency} ${(l.amount_minor / 100).toFixed(2)} ${L("自", "from")} ${l.valid_from}${l.valid_to ? ` ${L("至", "to")} ${l.valid_to}` : ""}`,
    );
  }
  if (file.evidence.limits.length === 0) {
    doc.text(`    ${L("无", "none")}`);
  }
  doc.text(L("预警", "Alerts"));
  for (const a of file.evidence.alerts) {
    doc.text(`    #${a.id} ${a.as_of} [${a.severity}, ${a.state}] ${a.title}`);
  }
  if (file.evidence.alerts.length === 0) {
    doc.text(`    ${L("无", "none")}`);
  }
  writeAssessmentSection(pdf, file.assessment, language);
  heading(L("建议", "Recommendation"));
  const rec = file.recommended;
  const money = rec.limitMinor === null ? "—" : `${rec.currency} ${(rec.limitMinor / 100).toFixed(2)}`;
  doc.text(
    `${L("建议额度", "recommended limit")} ${money}${rec.boundBy ? ` (${L("约束", "bound by")} ${rec.boundBy})` : ""}${rec.reason ? ` — ${rec.reason}` : ""}`,
  );
  doc.text(
    L(
      `等级政策条款：账期 ${rec.termsDays ?? "—"} 天，预付 ${rec.prepaymentBps === null ? "—" : `${rec.prepaymentBps / 100} %`}，担保 ${rec.guarantee ?? "—"}`,
      `terms by grade policy: net ${rec.termsDays ?? "—"} days, prepayment ${rec.prepaymentBps === null ? "—" : `${rec.prepaymentBps / 100} %`}, guarantee ${rec.guarantee ?? "—"}`,
    ),
  );
  heading(L("结论", "Conclusion"));
  const c = r.conclusion;
  doc.text(
    c
      ? L(
          `${CONCLUSION_TEXT[c]?.zh ?? c}（${c}）：${r.reviewer ?? "—"}，${r.completedAt?.slice(0, 16) ?? "—"}`,
          `${c} by ${r.reviewer ?? "—"} on ${r.completedAt?.slice(0, 16) ?? "—"}`,
        )
      : L("尚未完成", "not completed yet"),
  );
  heading(L("意见", "Comments"));
  doc.text(r.note ?? L("无", "none"));
  writeRiskRegisterSection(pdf, file.risks, language);
  writeAuditTrailSection(pdf, file.trail, language);
  return pdf.finish();
}
