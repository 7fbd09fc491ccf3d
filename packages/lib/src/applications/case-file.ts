import { createRequire } from "node:module";
import type { DatabaseHandle } from "@creditdesk/db";
import { auditLog } from "@creditdesk/db";
import { creditApplications } from "@creditdesk/db/applications";
import { and, asc, eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { getLatestAssessment } from "../assessment/get-credit-file.ts";
import { recommendCustomerLimit } from "../limits/recommend-customer-limit.ts";
import { getApplication } from "./get-application.ts";
import { listCustomerRisks } from "./risk-register.ts";

interface Reason {
  code?: string;
  text?: { zh?: string; en?: string };
  pointsLost?: number;
}

/**
 * The case file (credit folder) of an application: the application with all evidence, documents,
 * checklist, signals and duplicates; the assessment with its reasons and the policy of its grade;
 * the recommended limit (limits capability) and terms; the decision and who took it; comments;
 * the risk register; the application's audit trail.
 */
export async function buildCaseFile(options: {
  handle: DatabaseHandle;
  id: number;
  asOf?: string | undefined;
}) {
  const { handle } = options;
  const application = await getApplication({ handle, id: options.id, asOf: options.asOf });
  const assessment = await getLatestAssessment(handle, application.customerId);
  const recommendation = await recommendCustomerLimit({
    handle,
    customer: application.customerId,
    currency: application.currency,
    ...(options.asOf ? { asOf: options.asOf } : {}),
  });
  const policy = (assessment?.policy ?? null) as {
    paymentTermsDays?: number;
    prepaymentBps?: number;
    guarantee?: string;
    summary?: { zh?: string; en?: string };
  } | null;
  const risks = await listCustomerRisks({ handle, customer: application.customerId });
  const trail = await handle.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "credit_application"), eq(auditLog.entityId, String(application.id))))
    .orderBy(asc(auditLog.seq));
  const [row] = await handle.db
    .select({ inputs: creditApplications.decisionInputs })
    .from(creditApplications)
    .where(eq(creditApplications.id, application.id));
  return {
    application,
    assessment: assessment
      ? {
          id: assessment.id,
          asOf: assessment.asOf,
          score: assessment.score,
          grade: assessment.grade,
          pd: assessment.pd,
          scorecardVersion: assessment.scorecardVersion,
          reasons: assessment.reasons as Reason[],
        }
      : null,
    recommended: {
      limitMinor: recommendation.recommendedMinor,
      boundBy: recommendation.boundBy,
      reason: recommendation.reason,
      termsDays: policy?.paymentTermsDays ?? null,
      prepaymentBps: policy?.prepaymentBps ?? null,
      guarantee: policy?.guarantee ?? null,
      policySummary: policy?.summary ?? null,
    },
    decisionInputs: row?.inputs ?? null,
    risks,
    trail: trail.map((t) => ({ ...t, at: t.at.toISOString() })),
  };
}
export type CaseFile = Awaited<ReturnType<typeof buildCaseFile>>;

/** Noto Sans SC (SIL OFL), as the review report, so Chinese prints without system fonts. */
function fontPath(): string {
  return createRequire(import.meta.url).resolve(
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  );
}

const money = (minor: number | null | undefined, currency: string) =>
  minor === null || minor === undefined ? "—" : `${currency} ${(minor / 100).toFixed(2)}`;

/** The case file as one PDF (pdfkit, CJK font embedded). `compress: false` keeps text streams readable. */
export async function renderCaseFilePdf(
  file: CaseFile,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const a = file.application;
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    compress: options.compress ?? true,
    info: { Title: `Case file ${a.reference}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("cjk", fontPath());
  doc.font("cjk");
  const heading = (text: string) => doc.moveDown().fontSize(12).text(text).fontSize(10);
  doc.fontSize(18).text("授信申请案卷 Credit application case file");
  doc.fontSize(14).text(`${a.legalName} (${a.reference}, customer ${a.customerCode ?? a.customerId})`);
  doc
    .fontSize(10)
    .text(
      `status ${a.status} · source ${a.source} · created by ${a.createdBy} on ${a.createdAt.slice(0, 10)} · registration ${a.registrationType ?? ""} ${a.registrationId ?? "—"} (registry name ${a.registryName ?? "—"})`,
    );
  doc.text(
    `requested ${money(a.requestedLimitMinor, a.currency)}, net ${a.requestedTermsDays} days · stated monthly need ${money(a.statedMonthlyNeedMinor, a.currency)} · founded ${a.foundedOn ?? "—"}`,
  );
  doc.text(
    `address ${a.address ?? "—"} · phone ${a.phone ?? "—"} · e-mail ${a.email ?? "—"} · bank ${a.bankName ?? ""} ${a.bankAccount ?? "—"}`,
  );

  heading("决定 Decision");
  doc.text(
    a.decision
      ? `${a.decision} by ${a.decidedBy} on ${a.decidedAt?.slice(0, 10)} — reason: ${a.decisionReason ?? "—"}`
      : "pending — no decision yet",
  );
  if (a.decision && a.decision !== "decline") {
    doc.text(
      `approved limit ${money(a.approvedLimitMinor, a.currency)}, net ${a.approvedTermsDays} days, next review ${a.reviewOn ?? "—"}`,
    );
  }
  if (a.conditions) {
    doc.text(`conditions: ${JSON.stringify(a.conditions)}`);
  }

  heading("评估 Assessment");
  const s = file.assessment;
  doc.text(
    s
      ? `score ${Math.round(s.score)} · grade ${s.grade} · PD ${(s.pd * 100).toFixed(2)} % (as of ${s.asOf}, scorecard ${s.scorecardVersion})`
      : "not assessed",
  );
  for (const r of s?.reasons ?? []) {
    doc.text(`• ${r.text?.zh ?? r.code ?? ""} / ${r.text?.en ?? ""} (−${Math.round(r.pointsLost ?? 0)})`);
  }

  heading("建议 Recommendation");
  const rec = file.recommended;
  doc.text(
    `recommended limit ${money(rec.limitMinor, a.currency)}${rec.boundBy ? ` (bound by ${rec.boundBy})` : ""}${rec.reason ? ` — ${rec.reason}` : ""}`,
  );
  doc.text(
    `terms by grade policy: net ${rec.termsDays ?? "—"} days, prepayment ${rec.prepaymentBps === null ? "—" : `${rec.prepaymentBps / 100} %`}, guarantee ${rec.guarantee ?? "—"}${rec.policySummary ? ` — ${rec.policySummary.zh ?? ""} / ${rec.policySummary.en ?? ""}` : ""}`,
  );

  heading("调查清单 Investigation checklist");
  for (const item of a.checklist.items) {
    doc.text(
      `${item.complete ? "[x]" : "[ ]"} ${item.label.zh} / ${item.label.en}${item.missing.length ? ` — missing: ${item.missing.join("; ")}` : ""}`,
    );
    for (const e of item.evidence) {
      doc.text(`    ${e.date} ${e.by}: ${e.note ?? ""}${e.documentId ? ` (document ${e.documentId})` : ""}`);
    }
  }
  for (const r of a.ratingReports) {
    doc.text(
      `rating report: ${r.agency} ${r.rating} rated ${r.ratedOn}, ${r.mode} ${r.pulledOn} by ${r.pulledBy}`,
    );
  }

  heading("欺诈与诚信信号 Fraud and integrity signals");
  doc.text(`integrity score ${a.signalScore}`);
  for (const sig of a.signals) {
    doc.text(
      `• [${sig.severity}${sig.active ? "" : ", no longer found"}] ${sig.code} (${sig.score}): ${sig.explanation.zh} / ${sig.explanation.en}${sig.clearedBy ? ` — cleared by ${sig.clearedBy}: ${sig.clearReason}` : ""}`,
    );
  }
  if (a.signals.length === 0) {
    doc.text("none");
  }

  heading("疑似重复 Possible duplicates");
  for (const d of a.duplicates) {
    doc.text(`• ${d.kind} ${d.id} ${d.name}: ${d.reasons.map((r) => r.field).join(", ")}`);
  }
  if (a.duplicates.length === 0) {
    doc.text(a.checkedAt ? "none" : "not checked");
  }

  heading("文件 Documents");
  for (const d of a.documents) {
    doc.text(
      `• ${d.kind} ${d.fileName} (${d.contentType}, ${d.sizeBytes} bytes, sha256 ${d.sha256.slice(0, 16)}…) by ${d.uploadedBy}`,
    );
  }

  heading("风险登记 Risk register");
  for (const r of file.risks) {
    doc.text(
      `• [${r.category}, ${r.level} ${r.likelihood}×${r.impact}] ${r.description} — owner ${r.owner}, mitigation ${r.mitigation ?? "—"}, review ${r.reviewOn}, ${r.status}`,
    );
  }

  heading("意见 Comments");
  for (const c of a.comments) {
    doc.text(`${c.createdAt.slice(0, 16)} ${c.author}: ${c.body}`);
  }

  heading("审计记录 Audit trail");
  for (const t of file.trail) {
    doc.text(`#${t.seq} ${t.at.slice(0, 19)} ${t.actor} ${t.action}${t.reason ? ` — ${t.reason}` : ""}`);
  }
  doc.end();
  return done;
}
