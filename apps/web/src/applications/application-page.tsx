import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useParams } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { parseAmountToMinor } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import { ChecklistTable, DuplicatesTable, SignalsTable } from "./application-tables.tsx";
import { type ApplicationView, DECISIONS, type Decision, decisionBody } from "./applications-api.ts";
import { downloadFile } from "./download.ts";

/** One application: data, checklist with evidence, signals, duplicates, decision, comments. */
export default function ApplicationPage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { id = "" } = useParams();
  const { can, user } = useAuth();
  const { message } = App.useApp();
  const view = useApi((signal) => apiGet<ApplicationView>(`/applications/${id}`, {}, signal), [id]);
  const [busy, setBusy] = useState<string | null>(null);

  const act = (key: string, path: string, body: unknown = {}) => {
    setBusy(key);
    apiPost(path, body)
      .then(() => view.reload())
      .catch((error: Error) => void message.error(error.message))
      .finally(() => setBusy(null));
  };

  if (view.loading && !view.data) {
    return <PageLoading />;
  }
  if (view.error || !view.data) {
    return <LoadError error={view.error ?? new Error("not found")} onRetry={view.reload} />;
  }
  const a = view.data;
  const open = a.status === "submitted" || a.status === "in_review";
  const write = can("applications:write") && open;
  const text = (x: { zh: string; en: string }) => (locale === "zh-CN" ? x.zh : x.en);

  return (
    <>
      <PageHeader
        title={
          <span data-testid="application-title">
            {a.reference} {a.legalName}
          </span>
        }
        subtitle={
          <Tag data-testid="application-status">{t(`applications.status.${a.status}` as MessageKey)}</Tag>
        }
        extra={
          <Space>
            {write && (
              <Button
                loading={busy === "check"}
                onClick={() => act("check", `/applications/${a.id}/check`)}
                data-testid="application-check"
              >
                {t("applications.check")}
              </Button>
            )}
            <Button
              data-testid="application-case-file"
              onClick={() =>
                void downloadFile(`/applications/${a.id}/case-file`, `case-file-${a.reference}.pdf`).catch(
                  (error: Error) => message.error(error.message),
                )
              }
            >
              {t("applications.caseFile")}
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t("applications.registrationId")}>{a.registrationId}</Descriptions.Item>
          <Descriptions.Item label={t("applications.registryName")}>
            {a.registryName ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.foundedOn")}>{i18n.date(a.foundedOn)}</Descriptions.Item>
          <Descriptions.Item label={t("applications.requested")}>
            {i18n.money(a.requestedLimitMinor, a.currency)} · {a.requestedTermsDays} d
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.monthlyNeed")}>
            {i18n.money(a.statedMonthlyNeedMinor, a.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.source")}>
            {t(`applications.source.${a.source}` as MessageKey)} · {a.createdBy}
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.address")}>{a.address ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("applications.phone")}>{a.phone ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("applications.bankAccount")}>
            {a.bankName ?? ""} {a.bankAccount ?? "—"}
          </Descriptions.Item>
        </Descriptions>
        {a.documents.length > 0 && (
          <Space wrap>
            {a.documents.map((d) => (
              <Button
                key={d.id}
                type="link"
                size="small"
                onClick={() =>
                  void downloadFile(`/applications/${a.id}/documents/${d.id}`, d.fileName).catch(
                    (error: Error) => message.error(error.message),
                  )
                }
              >
                {d.fileName}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card
        title={t("applications.checklist")}
        style={{ marginBottom: 16 }}
        data-testid="application-checklist"
        extra={
          <Tag color={a.checklist.complete ? "green" : "orange"}>
            {t(a.checklist.complete ? "applications.checklistComplete" : "applications.checklistOpen")}
          </Tag>
        }
      >
        {write && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button
              size="small"
              loading={busy === "analyse"}
              onClick={() => act("analyse", `/applications/${a.id}/statement-analysis`)}
            >
              {t("applications.analyse")}
            </Button>
            <Button
              size="small"
              loading={busy === "rating"}
              onClick={() => act("rating", `/applications/${a.id}/rating-pulls`)}
            >
              {t("applications.pullRating")}
            </Button>
          </Space>
        )}
        <ChecklistTable
          exportName={`application-${a.reference}-checklist`}
          items={a.checklist.items}
          documents={a.documents}
          write={write}
          busy={busy}
          onEvidence={(item, body) => act(`ev-${item}`, `/applications/${a.id}/evidence`, body)}
        />
      </Card>
      <Card
        title={t("applications.signals")}
        style={{ marginBottom: 16 }}
        data-testid="application-signals"
        extra={
          <span>
            {t("applications.signalScore")}: <strong>{a.signalScore}</strong>
          </span>
        }
      >
        <SignalsTable
          exportName={`application-${a.reference}-signals`}
          signals={a.signals}
          checked={a.checkedAt !== null}
          mayClear={open && can("applications:clear-signals")}
          busy={busy}
          onClear={(code, reason) =>
            act(`clear-${code}`, `/applications/${a.id}/signals/${code}/clear`, { reason })
          }
        />
      </Card>
      <Card
        title={t("applications.duplicates")}
        style={{ marginBottom: 16 }}
        data-testid="application-duplicates"
      >
        <DuplicatesTable
          exportName={`application-${a.reference}-duplicates`}
          duplicates={a.duplicates}
          checked={a.checkedAt !== null}
        />
      </Card>
      <Card
        title={t("applications.decision")}
        style={{ marginBottom: 16 }}
        data-testid="application-decision"
      >
        {a.decision ? (
          <Typography.Paragraph>
            {t("applications.decidedBy", {
              who: a.decidedBy ?? "",
              date: i18n.date(a.decidedAt),
              decision: t(`applications.decision.${a.decision}` as MessageKey),
            })}
            {a.decisionReason ? ` — ${a.decisionReason}` : ""}
            {a.approvedLimitMinor !== null ? ` · ${i18n.money(a.approvedLimitMinor, a.currency)}` : ""}
          </Typography.Paragraph>
        ) : null}
        {a.approvalConditions.map((c) => (
          <div key={c.id} data-testid={`condition-${c.kind}`} style={{ marginBottom: 8 }}>
            <Space wrap>
              <Tag color={c.met ? "green" : "orange"}>
                {t(c.met ? "applications.conditionMet" : "applications.conditionOpen")}
              </Tag>
              <span>{text(c.text)}</span>
              {c.metBy && (
                <Typography.Text type="secondary">
                  {c.metBy} {i18n.date(c.metAt)}
                </Typography.Text>
              )}
              {!c.met && can("applications:decide") && (
                <Button
                  size="small"
                  loading={busy === `cond-${c.kind}`}
                  onClick={() => act(`cond-${c.kind}`, `/applications/${a.id}/conditions/${c.kind}/met`, {})}
                >
                  {t(
                    c.kind === "credit_insurance"
                      ? "applications.conditionCheckCover"
                      : "applications.conditionReceived",
                  )}
                </Button>
              )}
            </Space>
          </div>
        ))}
        {a.decision ? null : can("applications:decide") && open ? (
          a.createdBy === user?.login ? (
            <Alert type="info" showIcon title={t("applications.ownApplication")} />
          ) : (
            <DecisionForm
              currency={a.currency}
              blockers={a.approvalBlockers}
              busy={busy === "decide"}
              onSubmit={(body) => act("decide", `/applications/${a.id}/decision`, body)}
            />
          )
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Card>
      <Card title={t("applications.comments")}>
        {a.comments.map((c) => (
          <Typography.Paragraph key={c.id}>
            <strong>{c.author}</strong> {i18n.date(c.createdAt)}: {c.body}
          </Typography.Paragraph>
        ))}
        {can("applications:write") && (
          <CommentForm
            busy={busy === "comment"}
            onSubmit={(body) => act("comment", `/applications/${a.id}/comments`, { body })}
          />
        )}
      </Card>
    </>
  );
}

function CommentForm(props: { busy: boolean; onSubmit: (body: string) => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  return (
    <Space.Compact style={{ width: "100%" }}>
      <Input
        aria-label={t("applications.addComment")}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <Button
        disabled={!body.trim()}
        loading={props.busy}
        onClick={() => {
          props.onSubmit(body.trim());
          setBody("");
        }}
      >
        {t("applications.addComment")}
      </Button>
    </Space.Compact>
  );
}

function DecisionForm(props: {
  currency: string;
  blockers: Array<{ code: string; message: string }>;
  busy: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<Decision>("approve");
  const [reason, setReason] = useState("");
  const [limit, setLimit] = useState("");
  const [terms, setTerms] = useState("");
  const [reviewOn, setReviewOn] = useState<Dayjs | null>(null);
  const [guarantor, setGuarantor] = useState("");
  const [prepayment, setPrepayment] = useState("");
  const [guarantee, setGuarantee] = useState("");
  const [insurance, setInsurance] = useState("");
  const minor = (v: string) => (v.trim() ? (parseAmountToMinor(v, props.currency) ?? undefined) : undefined);
  const approving = decision !== "decline";
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {approving && props.blockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("applications.blockers")}
          description={
            <ul style={{ margin: 0 }} data-testid="decision-blockers">
              {props.blockers.map((b) => (
                <li key={b.code}>{b.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Select<Decision>
        aria-label={t("applications.decision")}
        value={decision}
        onChange={setDecision}
        style={{ width: 220 }}
        options={DECISIONS.map((d) => ({ value: d, label: t(`applications.decision.${d}` as MessageKey) }))}
      />
      <Input.TextArea
        aria-label={t("applications.reason")}
        placeholder={t("applications.reason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
      />
      {approving && (
        <Space wrap>
          <Input
            aria-label={t("applications.limit")}
            placeholder={t("applications.limit")}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
          <Input
            aria-label={t("applications.termsDays")}
            placeholder={t("applications.termsDays")}
            inputMode="numeric"
            value={terms}
            onChange={(e) => setTerms(e.target.value.replace(/\D/g, ""))}
            style={{ width: 160 }}
          />
          <DatePicker
            aria-label={t("applications.reviewOn")}
            placeholder={t("applications.reviewOn")}
            value={reviewOn}
            onChange={setReviewOn}
          />
        </Space>
      )}
      {decision === "approve_with_conditions" && (
        <Space wrap>
          <Input
            aria-label={t("applications.prepayment")}
            placeholder={t("applications.prepayment")}
            value={prepayment}
            onChange={(e) => setPrepayment(e.target.value)}
          />
          <Input
            aria-label={t("applications.guarantee")}
            placeholder={t("applications.guarantee")}
            value={guarantee}
            onChange={(e) => setGuarantee(e.target.value)}
          />
          <Input
            aria-label={t("applications.guarantor")}
            placeholder={t("applications.guarantor")}
            value={guarantor}
            onChange={(e) => setGuarantor(e.target.value)}
          />
          <Input
            aria-label={t("applications.insurance")}
            placeholder={t("applications.insurance")}
            value={insurance}
            onChange={(e) => setInsurance(e.target.value)}
          />
        </Space>
      )}
      <Button
        type="primary"
        danger={decision === "decline"}
        loading={props.busy}
        disabled={(decision === "decline" && !reason.trim()) || (approving && props.blockers.length > 0)}
        data-testid="decision-submit"
        onClick={() =>
          props.onSubmit(
            decisionBody({
              decision,
              reason: reason.trim() || undefined,
              limitMinor: minor(limit),
              termsDays: terms ? Number(terms) : undefined,
              reviewOn: reviewOn?.format("YYYY-MM-DD"),
              guarantor: guarantor.trim() || undefined,
              prepaymentPercent: prepayment.trim() ? Number(prepayment) : undefined,
              guaranteeMinor: minor(guarantee),
              insuranceMinor: minor(insurance),
            }),
          )
        }
      >
        {t("applications.decide")}
      </Button>
    </div>
  );
}
