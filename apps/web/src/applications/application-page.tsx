import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Input,
  Row,
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
import { type ApplicationView, DECISIONS, type Decision, decisionBody } from "./applications-api.ts";
import { downloadFile } from "./download.ts";

const SEVERITY_COLOUR = { low: "default", medium: "orange", high: "red" } as const;

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
      <Row gutter={16}>
        <Col xs={24} xl={12}>
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
            {a.checklist.items.map((item) => (
              <div
                key={item.code}
                data-testid={`checklist-${item.code}`}
                style={{ padding: "8px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}
              >
                <Space>
                  <Tag color={item.complete ? "green" : "default"}>{item.complete ? "✓" : "…"}</Tag>
                  <strong>{text(item.label)}</strong>
                </Space>
                {item.missing.length > 0 && (
                  <Typography.Paragraph type="secondary" style={{ margin: "4px 0" }}>
                    {t("applications.missing")}:{" "}
                    {item.missing.map((m) => text(m.text)).join(locale === "zh-CN" ? "；" : "; ")}
                  </Typography.Paragraph>
                )}
                {item.evidence.map((e) => (
                  <div key={`${e.date}-${e.by}-${e.note}-${e.documentId}`} style={{ fontSize: 12 }}>
                    {e.date} · {e.by}: {e.note}
                    {e.documentId ? ` (#${e.documentId})` : ""}
                  </div>
                ))}
                {write && (
                  <EvidenceForm
                    item={item.code}
                    documents={a.documents}
                    busy={busy === `ev-${item.code}`}
                    onSubmit={(body) => act(`ev-${item.code}`, `/applications/${a.id}/evidence`, body)}
                  />
                )}
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
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
            {!a.checkedAt ? (
              <Typography.Text type="secondary">{t("applications.notChecked")}</Typography.Text>
            ) : a.signals.length === 0 ? (
              <Typography.Text>{t("applications.noSignals")}</Typography.Text>
            ) : (
              a.signals.map((s) => (
                <div key={s.code} style={{ marginBottom: 12 }} data-testid={`signal-${s.code}`}>
                  <Space>
                    <Tag color={SEVERITY_COLOUR[s.severity]}>
                      {t(`applications.severity.${s.severity}` as MessageKey)} · {s.score}
                    </Tag>
                    <strong title={s.code}>{t(`applications.signal.${s.code}` as MessageKey)}</strong>
                    {!s.active && <Tag>{t("applications.inactive")}</Tag>}
                  </Space>
                  <div>{text(s.explanation)}</div>
                  {s.clearedBy ? (
                    <Typography.Text type="success">
                      {t("applications.cleared", { who: s.clearedBy, reason: s.clearReason ?? "" })}
                    </Typography.Text>
                  ) : (
                    s.active &&
                    open &&
                    can("applications:clear-signals") && (
                      <ClearForm
                        code={s.code}
                        busy={busy === `clear-${s.code}`}
                        onSubmit={(reason) =>
                          act(`clear-${s.code}`, `/applications/${a.id}/signals/${s.code}/clear`, { reason })
                        }
                      />
                    )
                  )}
                </div>
              ))
            )}
          </Card>
          <Card
            title={t("applications.duplicates")}
            style={{ marginBottom: 16 }}
            data-testid="application-duplicates"
          >
            {!a.checkedAt ? (
              <Typography.Text type="secondary">{t("applications.notChecked")}</Typography.Text>
            ) : a.duplicates.length === 0 ? (
              <Typography.Text>{t("applications.noDuplicates")}</Typography.Text>
            ) : (
              a.duplicates.map((d, i) => (
                <div key={`${d.kind}-${d.id ?? `withheld-${i}`}`} data-testid="application-duplicate">
                  <Tag color={d.sameEntity ? "red" : "orange"}>{d.kind}</Tag>{" "}
                  {d.id === null ? t("applications.nameWithheld") : `${d.name} (#${d.id})`}:{" "}
                  {d.reasons.map((r) => r.field).join(", ")}
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
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

/** Evidence on a checklist item: a note and/or one of the case's documents, dated (default today). */
function EvidenceForm(props: {
  item: string;
  documents: ApplicationView["documents"];
  busy: boolean;
  onSubmit: (body: Record<string, string | number>) => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const [registryName, setRegistryName] = useState("");
  const [documentId, setDocumentId] = useState<number | undefined>(undefined);
  const [evidenceOn, setEvidenceOn] = useState("");
  return (
    <Space wrap style={{ marginTop: 6 }}>
      <Input
        size="small"
        placeholder={t("applications.note")}
        aria-label={`${props.item} ${t("applications.note")}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ width: 220 }}
      />
      {props.item === "registration" && (
        <Input
          size="small"
          placeholder={t("applications.registryName")}
          aria-label={t("applications.registryName")}
          value={registryName}
          onChange={(e) => setRegistryName(e.target.value)}
          style={{ width: 220 }}
        />
      )}
      {props.documents.length > 0 && (
        <Select<number>
          size="small"
          allowClear
          placeholder={t("applications.evidenceDocument")}
          aria-label={`${props.item} ${t("applications.evidenceDocument")}`}
          data-testid={`evidence-document-${props.item}`}
          value={documentId ?? null}
          onChange={(v) => setDocumentId(v ?? undefined)}
          options={props.documents.map((d) => ({ value: d.id, label: `${d.fileName} (#${d.id})` }))}
          style={{ width: 220 }}
        />
      )}
      <Input
        size="small"
        type="date"
        aria-label={`${props.item} ${t("applications.evidenceOn")}`}
        title={t("applications.evidenceOn")}
        value={evidenceOn}
        onChange={(e) => setEvidenceOn(e.target.value)}
        style={{ width: 150 }}
      />
      <Button
        size="small"
        disabled={!note.trim() && documentId === undefined}
        loading={props.busy}
        data-testid={`evidence-${props.item}`}
        onClick={() =>
          props.onSubmit({
            item: props.item,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(documentId !== undefined ? { documentId } : {}),
            ...(/^\d{4}-\d{2}-\d{2}$/.test(evidenceOn) ? { evidenceOn } : {}),
            ...(registryName.trim() ? { registryName: registryName.trim() } : {}),
          })
        }
      >
        {t("applications.addEvidence")}
      </Button>
    </Space>
  );
}

function ClearForm(props: { code: string; busy: boolean; onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  return (
    <Space style={{ marginTop: 4 }}>
      <Input
        size="small"
        aria-label={t("applications.clearReason")}
        placeholder={t("applications.clearReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ width: 260 }}
      />
      <Button
        size="small"
        danger
        disabled={!reason.trim()}
        loading={props.busy}
        onClick={() => props.onSubmit(reason.trim())}
        data-testid={`clear-${props.code}`}
      >
        {t("applications.clear")}
      </Button>
    </Space>
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
