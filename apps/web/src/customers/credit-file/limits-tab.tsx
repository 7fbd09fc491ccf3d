import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from "antd";
import { useState } from "react";
import {
  type CreditLimit,
  type CustomerLimits,
  type Exposure,
  type LimitRecommendation,
  type LimitRequest,
  limitRequestDraft,
  localIsoDate,
  REQUEST_KINDS,
  type RecommendationRow,
  type RequestKind,
  recommendationRows,
} from "../../limits/limits-api.ts";
import { apiGet, apiPost } from "../../shared/api/client.ts";
import type { Customer } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { useAuth } from "../../shared/auth/auth-context.tsx";
import { currencyDigits, minorToDecimalString } from "../../shared/format/money.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../../shared/i18n/zh-CN.ts";
import { ExportBox } from "../../shared/ui/export-box.tsx";
import { LoadError, PageLoading } from "../../shared/ui/page-state.tsx";

const num = (text: string) => <span className="cd-num">{text}</span>;

interface LimitsData {
  limits: CustomerLimits;
  exposure: Exposure;
  recommendation: LimitRecommendation;
  requests: LimitRequest[];
}

/**
 * 额度: the customer's effective limit and its history, exposure (gross and net of collateral,
 * guarantees and insurance), the limit recommendation with every method's figure and the binding
 * one, and the form that asks for a new limit (decided by someone else on the approvals page).
 */
export function LimitsTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const path = `/customers/${encodeURIComponent(customer.code)}`;
  const data = useApi<LimitsData>(
    async (signal) => {
      const [limits, exposure, recommendation, requests] = await Promise.all([
        apiGet<CustomerLimits>(`${path}/limits`, {}, signal),
        apiGet<Exposure>(`${path}/exposure`, {}, signal),
        apiGet<LimitRecommendation>(`${path}/limit-recommendation`, {}, signal),
        apiGet<{ items: LimitRequest[] }>("/limit-requests", { customer: customer.code, limit: 20 }, signal),
      ]);
      return { limits, exposure, recommendation, requests: requests.items };
    },
    [path],
  );

  if (data.error) {
    return <LoadError error={data.error} onRetry={data.reload} />;
  }
  if (!data.data) {
    return <PageLoading />;
  }
  const { limits, exposure, recommendation, requests } = data.data;
  const effective = limits.effective;
  const currency = effective?.currency ?? exposure.currency;

  return (
    <div data-testid="limits-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("limits.current")}>
            <Statistic
              value={effective ? i18n.money(effective.amountMinor, effective.currency) : t("limits.none")}
              valueRender={(node) => <span data-testid="limit-effective">{node}</span>}
            />
            {effective ? (
              <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t("limits.validFrom")}>
                  {i18n.date(effective.validFrom)}
                </Descriptions.Item>
                <Descriptions.Item label={t("limits.validTo")}>
                  {effective.validTo ? i18n.date(effective.validTo) : t("limits.openEnded")}
                </Descriptions.Item>
                <Descriptions.Item label={t("limits.accountStatus")}>
                  <Tag>{i18n.label("accountStatus", limits.accountStatus)}</Tag>
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <ExposureCard exposure={exposure} />
        </Col>
      </Row>
      <RecommendationCard recommendation={recommendation} />
      {can("limits:request") ? (
        <RequestForm
          customer={customer}
          currency={currency}
          recommendation={recommendation}
          onSubmitted={data.reload}
        />
      ) : null}
      {requests.length > 0 ? <RequestsTable requests={requests} /> : null}
      {limits.history.length > 0 ? <HistoryTable history={limits.history} /> : null}
    </div>
  );
}

function ExposureCard({ exposure }: { exposure: Exposure }) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = exposure.currency;
  const p = exposure.parts;
  const n = exposure.net;
  return (
    <Card
      size="small"
      title={`${t("limits.exposure")} · ${t("common.asOf", { date: i18n.date(exposure.asOf) })}`}
    >
      <Row gutter={16}>
        <Col span={6}>
          <Statistic
            title={t("limits.gross")}
            value={i18n.money(n.grossMinor, c)}
            valueRender={(node) => <span data-testid="exposure-gross">{node}</span>}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t("limits.net")}
            value={i18n.money(n.netMinor, c)}
            valueRender={(node) => <span data-testid="exposure-net">{node}</span>}
          />
        </Col>
        <Col span={6}>
          <Statistic title={t("limits.available")} value={i18n.money(exposure.availableMinor, c)} />
        </Col>
        <Col span={6}>
          <Statistic title={t("limits.utilisation")} value={i18n.percent(exposure.utilisation, 1)} />
        </Col>
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t("limits.openReceivables")}>
          {num(i18n.money(p.openReceivablesMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.overdue")}>
          {num(i18n.money(p.overdueMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.undelivered")}>
          {num(i18n.money(p.undeliveredInHorizonMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.deliveredNotInvoiced")}>
          {num(i18n.money(p.deliveredNotInvoicedMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.reservations")}>
          {num(i18n.money(p.reservationsMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.collateral")}>
          {num(i18n.money(n.collateralMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.guarantees")}>
          {num(i18n.money(n.guaranteesMinor, c))}
        </Descriptions.Item>
        <Descriptions.Item label={t("limits.insured")}>
          {num(i18n.money(n.insuredMinor, c))}
        </Descriptions.Item>
      </Descriptions>
      {exposure.missingFxCurrencies.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t("limits.missingFx", { list: exposure.missingFxCurrencies.join(", ") })}
        />
      ) : null}
    </Card>
  );
}

function RecommendationCard({ recommendation: rec }: { recommendation: LimitRecommendation }) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = rec.currency;
  return (
    <Card size="small" title={t("limits.recommendation")} style={{ marginTop: 16 }}>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Statistic
            title={t("limits.recommended")}
            value={
              rec.recommendedMinor === null ? t("limits.notRecommended") : i18n.money(rec.recommendedMinor, c)
            }
            valueRender={(node) => <span data-testid="limit-recommended">{node}</span>}
          />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t("limits.base")} value={i18n.money(rec.baseMinor, c)} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t("limits.gradeFactor")} value={i18n.number(rec.gradeFactor, 2)} />
        </Col>
        <Col xs={24} md={6}>
          <Statistic title={t("limits.afterGrade")} value={i18n.money(rec.afterGradeMinor, c)} />
        </Col>
      </Row>
      {rec.reason ? <Alert type="info" showIcon title={rec.reason} style={{ marginBottom: 12 }} /> : null}
      <ExportBox name="limit-recommendation">
        <Table<RecommendationRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={recommendationRows(rec)}
          data-testid="recommendation-table"
          columns={[
            {
              key: "method",
              title: t("limits.method"),
              render: (_, row) => t(`limits.method.${row.key}` satisfies MessageKey),
            },
            {
              key: "figure",
              title: t("limits.figure"),
              align: "right",
              render: (_, row) =>
                row.figure.status === "ok" ? num(i18n.money(row.figure.valueMinor, c)) : t("common.empty"),
            },
            {
              key: "basis",
              title: t("limits.basis"),
              render: (_, row) => (row.figure.status === "ok" ? row.figure.formula : row.figure.reason),
            },
            {
              key: "binding",
              title: t("limits.binding"),
              render: (_, row) =>
                row.binding ? (
                  <Tag color="blue" data-testid="recommendation-binding">
                    {t("limits.binding")}
                  </Tag>
                ) : null,
            },
          ]}
        />
      </ExportBox>
    </Card>
  );
}

function RequestForm({
  customer,
  currency,
  recommendation,
  onSubmitted,
}: {
  customer: Customer;
  currency: string;
  /** Shown beside the amount, and offered as the amount when in the same currency. */
  recommendation: LimitRecommendation;
  onSubmitted: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [kind, setKind] = useState<RequestKind>("new");
  const recommended =
    recommendation.recommendedMinor !== null && recommendation.currency === currency
      ? recommendation.recommendedMinor
      : null;
  const [amount, setAmount] = useState("");
  const [justification, setJustification] = useState("");
  const [invalid, setInvalid] = useState<"amount" | "justification" | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const draft = limitRequestDraft({
      customer: customer.code,
      kind,
      currency,
      amountText: amount,
      justification,
      validFrom: localIsoDate(new Date()),
    });
    if (!draft.ok) {
      setInvalid(draft.field);
      return;
    }
    setInvalid(null);
    setError(null);
    setSending(true);
    try {
      await apiPost("/limit-requests", draft.body);
      setAmount("");
      setJustification("");
      void message.success(t("limits.submitted"));
      onSubmitted();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t("limits.request")} style={{ marginTop: 16 }}>
      <Form layout="vertical" data-testid="limit-request-form" onFinish={() => void submit()}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label={t("limits.requestKind")} htmlFor="limit-request-kind">
              <Select<RequestKind>
                id="limit-request-kind"
                value={kind}
                onChange={setKind}
                options={REQUEST_KINDS.map((k) => ({
                  value: k,
                  label: t(`limitKind.${k}` satisfies MessageKey),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t("limits.requestAmount", { currency })}
              htmlFor="limit-request-amount"
              validateStatus={invalid === "amount" ? "error" : ""}
              help={
                invalid === "amount"
                  ? t("limits.amountInvalid", { digits: currencyDigits(currency) })
                  : undefined
              }
            >
              <Input
                id="limit-request-amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label={t("creditFile.recommended")}>
              <Space data-testid="request-recommendation">
                <span className="cd-num">
                  {i18n.money(recommendation.recommendedMinor, recommendation.currency)}
                </span>
                {recommended !== null ? (
                  <Button
                    size="small"
                    onClick={() => setAmount(minorToDecimalString(recommended, currencyDigits(currency)))}
                    data-testid="use-recommendation"
                  >
                    {t("creditFile.useRecommended")}
                  </Button>
                ) : null}
              </Space>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t("limits.justification")}
          htmlFor="limit-request-justification"
          validateStatus={invalid === "justification" ? "error" : ""}
          help={invalid === "justification" ? t("limits.justificationRequired") : undefined}
        >
          <Input.TextArea
            id="limit-request-justification"
            rows={3}
            maxLength={4000}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={sending} data-testid="limit-request-submit">
          {t("limits.submit")}
        </Button>
      </Form>
    </Card>
  );
}

function RequestsTable({ requests }: { requests: LimitRequest[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <h2 className="cd-section-title">{t("limits.requests")}</h2>
      <ExportBox name="limit-requests">
        <Table<LimitRequest>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={requests}
          data-testid="customer-limit-requests"
          columns={[
            { key: "kind", title: t("limits.kind"), render: (_, r) => i18n.label("limitKind", r.kind) },
            {
              key: "amount",
              title: t("approvals.requested"),
              align: "right",
              render: (_, r) => num(i18n.money(r.requestedMinor, r.currency)),
            },
            { key: "by", title: t("approvals.requestedBy"), dataIndex: "requestedBy" },
            { key: "at", title: t("approvals.requestedAt"), render: (_, r) => i18n.date(r.createdAt) },
            {
              key: "status",
              title: t("limits.status"),
              render: (_, r) => <Tag>{i18n.label("requestStatus", r.status)}</Tag>,
            },
            { key: "why", title: t("limits.justification"), dataIndex: "justification" },
          ]}
        />
      </ExportBox>
    </>
  );
}

function HistoryTable({ history }: { history: CreditLimit[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <h2 className="cd-section-title">{t("limits.history")}</h2>
      <ExportBox name="limit-history">
        <Table<CreditLimit>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={history}
          columns={[
            { key: "from", title: t("limits.validFrom"), render: (_, l) => i18n.date(l.validFrom) },
            {
              key: "to",
              title: t("limits.validTo"),
              render: (_, l) => (l.validTo ? i18n.date(l.validTo) : t("limits.openEnded")),
            },
            { key: "kind", title: t("limits.kind"), render: (_, l) => i18n.label("limitKind", l.kind) },
            {
              key: "amount",
              title: t("limits.amount"),
              align: "right",
              render: (_, l) => num(i18n.money(l.amountMinor, l.currency)),
            },
            { key: "by", title: t("limits.createdBy"), dataIndex: "createdBy" },
            {
              key: "superseded",
              title: t("limits.superseded"),
              render: (_, l) => (l.supersededAt ? i18n.date(l.supersededAt) : t("common.empty")),
            },
          ]}
        />
      </ExportBox>
    </>
  );
}
