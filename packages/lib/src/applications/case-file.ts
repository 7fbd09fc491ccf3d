import { createRequire } from "node:module";
import {
  fieldLabel,
  inLanguage,
  partyKindLabel,
  type UiLanguage,
  uiLanguageOf,
} from "@creditdesk/core/applications";
import type { DatabaseHandle } from "@creditdesk/db";
import { auditLog, customers } from "@creditdesk/db";
import { creditApplications } from "@creditdesk/db/applications";
import { and, asc, eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { getLatestAssessment } from "../assessment/get-credit-file.ts";
import { recommendCustomerLimit } from "../limits/recommend-customer-limit.ts";
import { getApplication } from "./get-application.ts";
import { listCustomerRisks, type RiskView } from "./risk-register.ts";

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
  /** zh or en (or a locale like zh-CN); default by the prospect's country (caseLanguage). */
  language?: string | null | undefined;
  /** Withhold the other parties that duplicates and signals name (getApplication). */
  redactParties?: boolean | undefined;
}) {
  const { handle } = options;
  const redact = options.redactParties === true;
  const application = await getApplication({
    handle,
    id: options.id,
    asOf: options.asOf,
    redactParties: redact,
  });
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
  const [customer] = await handle.db
    .select({ countryCode: customers.countryCode })
    .from(customers)
    .where(eq(customers.id, application.customerId));
  return {
    language: caseLanguage(customer?.countryCode, options.language),
    application,
    conditions: application.approvalConditions,
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
    decisionInputs: redact ? withoutPartyIds(row?.inputs) : (row?.inputs ?? null),
    risks,
    trail: trail.map((t) => ({ ...t, at: t.at.toISOString() })),
  };
}
export type CaseFile = Awaited<ReturnType<typeof buildCaseFile>>;

/** The decision's recorded inputs with the duplicates' ids withheld (kind and fields stay). */
function withoutPartyIds(inputs: unknown): unknown {
  if (typeof inputs !== "object" || inputs === null) {
    return inputs ?? null;
  }
  const record = inputs as Record<string, unknown>;
  const duplicates = Array.isArray(record.duplicates)
    ? record.duplicates.map((d) => {
        const { id: _, ...rest } = (d ?? {}) as Record<string, unknown>;
        return { ...rest, id: null };
      })
    : record.duplicates;
  return { ...record, duplicates };
}

/** Noto Sans SC (SIL OFL), as the review report, so Chinese prints without system fonts. */
function fontPath(): string {
  return createRequire(import.meta.url).resolve(
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  );
}

const money = (minor: number | null | undefined, currency: string) =>
  minor === null || minor === undefined ? "—" : `${currency} ${(minor / 100).toFixed(2)}`;

/**
 * The language of a case: the prospect's country (Chinese-speaking → zh, otherwise en) unless the
 * caller names one (the UI's language, a CLI flag).
 */
export function caseLanguage(countryCode: string | null | undefined, requested?: string | null): UiLanguage {
  if (requested) {
    return uiLanguageOf(requested);
  }
  return ["CN", "TW", "HK", "MO", "SG"].includes((countryCode ?? "CN").toUpperCase()) ? "zh" : "en";
}

const DECISION_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  approve: { zh: "批准", en: "approved" },
  approve_with_conditions: { zh: "附条件批准", en: "approved with conditions" },
  decline: { zh: "拒绝", en: "declined" },
};
const SEVERITY_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  low: { zh: "低", en: "low" },
  medium: { zh: "中", en: "medium" },
  high: { zh: "高", en: "high" },
};
const RISK_CATEGORY_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  credit: { zh: "信用风险", en: "credit" },
  operational: { zh: "操作风险", en: "operational" },
  market: { zh: "市场风险", en: "market" },
  reputation: { zh: "声誉风险", en: "reputation" },
};

/** Opens a pdfkit document with the embedded CJK font; `finish()` ends it and yields the bytes. */
export function openCasePdf(title: string, compress: boolean) {
  const doc = new PDFDocument({ size: "A4", margin: 50, compress, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("cjk", fontPath());
  doc.font("cjk");
  const heading = (text: string) => doc.moveDown().fontSize(12).text(text).fontSize(10);
  const finish = () => {
    doc.end();
    return done;
  };
  return { doc, heading, finish };
}

/** The assessment section of a case file (application or review), reasons in the case's language. */
export function writeAssessmentSection(
  pdf: ReturnType<typeof openCasePdf>,
  s: CaseFile["assessment"],
  language: UiLanguage,
) {
  const L = (zh: string, en: string) => (language === "zh" ? zh : en);
  pdf.heading(L("评估", "Assessment"));
  pdf.doc.text(
    s
      ? L(
          `评分 ${Math.round(s.score)} · 等级 ${s.grade} · 违约概率 ${(s.pd * 100).toFixed(2)} %（评估日 ${s.asOf}，评分卡 ${s.scorecardVersion}）`,
          `score ${Math.round(s.score)} · grade ${s.grade} · PD ${(s.pd * 100).toFixed(2)} % (as of ${s.asOf}, scorecard ${s.scorecardVersion})`,
        )
      : L("未评估", "not assessed"),
  );
  for (const r of s?.reasons ?? []) {
    const text = (language === "zh" ? r.text?.zh : r.text?.en) ?? r.code ?? "";
    pdf.doc.text(`• ${text} [${r.code ?? ""}] (−${Math.round(r.pointsLost ?? 0)})`);
  }
}

/** The customer's risk register section of a case file (application or review). */
export function writeRiskRegisterSection(
  pdf: ReturnType<typeof openCasePdf>,
  risks: readonly RiskView[],
  language: UiLanguage,
) {
  const L = (zh: string, en: string) => (language === "zh" ? zh : en);
  pdf.heading(L("风险登记", "Risk register"));
  for (const r of risks) {
    const category = RISK_CATEGORY_TEXT[r.category];
    pdf.doc.text(
      `• [${category ? inLanguage(category, language) : r.category}, ${r.level} ${r.likelihood}×${r.impact}] ${r.description} — ${L("负责人", "owner")} ${r.owner}, ${L("缓释措施", "mitigation")} ${r.mitigation ?? "—"}, ${L("复核日", "review")} ${r.reviewOn}, ${r.status}${r.closedBy ? ` (${L("关闭", "closed by")} ${r.closedBy} ${r.closedAt?.slice(0, 10) ?? ""}: ${r.closeReason ?? ""})` : ""}`,
    );
  }
  if (risks.length === 0) {
    pdf.doc.text(L("无", "none"));
  }
}

/** The audit trail section of a case file: who did what when, with the recorded reason. */
export function writeAuditTrailSection(
  pdf: ReturnType<typeof openCasePdf>,
  trail: ReadonlyArray<{ seq: number; at: string; actor: string; action: string; reason: string | null }>,
  language: UiLanguage,
) {
  pdf.heading(language === "zh" ? "审计记录" : "Audit trail");
  for (const t of trail) {
    pdf.doc.text(`#${t.seq} ${t.at.slice(0, 19)} ${t.actor} ${t.action}${t.reason ? ` — ${t.reason}` : ""}`);
  }
  if (trail.length === 0) {
    pdf.doc.text(language === "zh" ? "无" : "none");
  }
}

/**
 * The case file as one PDF (pdfkit, CJK font embedded) in the case's language (`language`, default
 * caseLanguage of the file). `compress: false` keeps text streams readable.
 */
export async function renderCaseFilePdf(
  file: CaseFile,
  options: { compress?: boolean; language?: UiLanguage | undefined } = {},
): Promise<Buffer> {
  const a = file.application;
  const language = options.language ?? file.language;
  const L = (zh: string, en: string) => (language === "zh" ? zh : en);
  const T = (x: { zh: string; en: string } | undefined, fallback: string) =>
    x ? inLanguage(x, language) : fallback;
  const pdf = openCasePdf(`${L("授信申请案卷", "Case file")} ${a.reference}`, options.compress ?? true);
  const { doc, heading } = pdf;
  doc.fontSize(18).text(L("授信申请案卷", "Credit application case file"));
  doc
    .fontSize(14)
    .text(`${a.legalName} (${a.reference}, ${L("客户", "customer")} ${a.customerCode ?? a.customerId})`);
  doc
    .fontSize(10)
    .text(
      L(
        `状态 ${a.status} · 来源 ${a.source} · ${a.createdBy} 于 ${a.createdAt.slice(0, 10)} 创建 · 注册号 ${a.registrationType ?? ""} ${a.registrationId ?? "—"}（工商登记名称 ${a.registryName ?? "—"}）`,
        `status ${a.status} · source ${a.source} · created by ${a.createdBy} on ${a.createdAt.slice(0, 10)} · registration ${a.registrationType ?? ""} ${a.registrationId ?? "—"} (registry name ${a.registryName ?? "—"})`,
      ),
    );
  doc.text(
    L(
      `申请额度 ${money(a.requestedLimitMinor, a.currency)}，账期 ${a.requestedTermsDays} 天 · 申报月需求 ${money(a.statedMonthlyNeedMinor, a.currency)} · 成立日期 ${a.foundedOn ?? "—"}`,
      `requested ${money(a.requestedLimitMinor, a.currency)}, net ${a.requestedTermsDays} days · stated monthly need ${money(a.statedMonthlyNeedMinor, a.currency)} · founded ${a.foundedOn ?? "—"}`,
    ),
  );
  doc.text(
    L(
      `地址 ${a.address ?? "—"} · 电话 ${a.phone ?? "—"} · 邮箱 ${a.email ?? "—"} · 开户行 ${a.bankName ?? ""} ${a.bankAccount ?? "—"}`,
      `address ${a.address ?? "—"} · phone ${a.phone ?? "—"} · e-mail ${a.email ?? "—"} · bank ${a.bankName ?? ""} ${a.bankAccount ?? "—"}`,
    ),
  );

  heading(L("决定", "Decision"));
  doc.text(
    a.decision
      ? L(
          `${T(DECISION_TEXT[a.decision], a.decision)}：${a.decidedBy}，${a.decidedAt?.slice(0, 10)} — 理由：${a.decisionReason ?? "—"}`,
          `${T(DECISION_TEXT[a.decision], a.decision)} by ${a.decidedBy} on ${a.decidedAt?.slice(0, 10)} — reason: ${a.decisionReason ?? "—"}`,
        )
      : L("待决定", "pending — no decision yet"),
  );
  if (a.decision && a.decision !== "decline") {
    doc.text(
      L(
        `批准额度 ${money(a.approvedLimitMinor, a.currency)}，账期 ${a.approvedTermsDays} 天，下次复核 ${a.reviewOn ?? "—"}`,
        `approved limit ${money(a.approvedLimitMinor, a.currency)}, net ${a.approvedTermsDays} days, next review ${a.reviewOn ?? "—"}`,
      ),
    );
  }
  for (const c of file.conditions) {
    doc.text(
      `${L("条件", "condition")}: ${inLanguage(c.text, language)} — ${c.met ? L("已满足", "met") : L("未满足", "not met")}`,
    );
  }

  writeAssessmentSection(pdf, file.assessment, language);

  heading(L("建议", "Recommendation"));
  const rec = file.recommended;
  doc.text(
    `${L("建议额度", "recommended limit")} ${money(rec.limitMinor, a.currency)}${rec.boundBy ? ` (${L("约束", "bound by")} ${rec.boundBy})` : ""}${rec.reason ? ` — ${rec.reason}` : ""}`,
  );
  doc.text(
    L(
      `等级政策条款：账期 ${rec.termsDays ?? "—"} 天，预付 ${rec.prepaymentBps === null ? "—" : `${rec.prepaymentBps / 100} %`}，担保 ${rec.guarantee ?? "—"}${rec.policySummary?.zh ? ` — ${rec.policySummary.zh}` : ""}`,
      `terms by grade policy: net ${rec.termsDays ?? "—"} days, prepayment ${rec.prepaymentBps === null ? "—" : `${rec.prepaymentBps / 100} %`}, guarantee ${rec.guarantee ?? "—"}${rec.policySummary?.en ? ` — ${rec.policySummary.en}` : ""}`,
    ),
  );

  heading(L("调查清单", "Investigation checklist"));
  for (const item of a.checklist.items) {
    doc.text(
      `${item.complete ? "[x]" : "[ ]"} ${inLanguage(item.label, language)}${item.missing.length ? ` — ${L("缺少", "missing")}: ${item.missing.map((m) => inLanguage(m.text, language)).join(L("；", "; "))}` : ""}`,
    );
    for (const e of item.evidence) {
      doc.text(
        `    ${e.date} ${e.by}: ${e.note ?? ""}${e.documentId ? ` (${L("文件", "document")} ${e.documentId})` : ""}`,
      );
    }
  }
  for (const r of a.ratingReports) {
    doc.text(
      L(
        `评级报告：${r.agency} ${r.rating}，评级日 ${r.ratedOn}，${r.mode === "reused" ? "沿用" : "调取"} ${r.pulledOn}，${r.pulledBy}`,
        `rating report: ${r.agency} ${r.rating} rated ${r.ratedOn}, ${r.mode} ${r.pulledOn} by ${r.pulledBy}`,
      ),
    );
  }

  heading(L("欺诈与诚信信号", "Fraud and integrity signals"));
  doc.text(`${L("诚信分", "integrity score")} ${a.signalScore}`);
  for (const sig of a.signals) {
    doc.text(
      `• [${T(SEVERITY_TEXT[sig.severity], sig.severity)}${sig.active ? "" : L("，已不再出现", ", no longer found")}] ${sig.code} (${sig.score}): ${inLanguage(sig.explanation, language)}${sig.clearedBy ? ` — ${L("已由", "cleared by")} ${sig.clearedBy}${L(" 解除", "")}: ${sig.clearReason}` : ""}`,
    );
  }
  if (a.signals.length === 0) {
    doc.text(L("无", "none"));
  }

  heading(L("疑似重复", "Possible duplicates"));
  for (const d of a.duplicates) {
    doc.text(
      `• ${inLanguage(partyKindLabel(d.kind), language)} ${d.id === null ? L("（名称不予显示）", "(name withheld)") : `${d.id} ${d.name}`}: ${d.reasons.map((r) => inLanguage(fieldLabel(r.field), language)).join(L("、", ", "))}`,
    );
  }
  if (a.duplicates.length === 0) {
    doc.text(a.checkedAt ? L("无", "none") : L("尚未检查", "not checked"));
  }

  heading(L("文件", "Documents"));
  for (const d of a.documents) {
    doc.text(
      `• ${d.kind} ${d.fileName} (${d.contentType}, ${d.sizeBytes} bytes, sha256 ${d.sha256.slice(0, 16)}…) ${L("上传人", "by")} ${d.uploadedBy}`,
    );
  }

  writeRiskRegisterSection(pdf, file.risks, language);

  heading(L("意见", "Comments"));
  for (const c of a.comments) {
    doc.text(`${c.createdAt.slice(0, 16)} ${c.author}: ${c.body}`);
  }

  writeAuditTrailSection(pdf, file.trail, language);
  return pdf.finish();
}
