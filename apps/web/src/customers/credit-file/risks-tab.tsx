import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { localIsoDate } from "../../limits/limits-api.ts";
import { apiGet, apiPost, apiRequest } from "../../shared/api/client.ts";
import type { Customer } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { useAuth } from "../../shared/auth/auth-context.tsx";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../../shared/i18n/zh-CN.ts";
import { ExportButton } from "../../shared/ui/export-button.tsx";
import { FormModal, NOTHING_TO_SAVE } from "../../shared/ui/form-modal.tsx";
import { LoadError, PageLoading } from "../../shared/ui/page-state.tsx";

const CATEGORIES = ["credit", "operational", "market", "reputation"] as const;
type Category = (typeof CATEGORIES)[number];
const SCALE = [1, 2, 3, 4, 5] as const;
const LEVEL_COLOURS: Record<string, string> = { low: "default", medium: "gold", high: "red" };

/** One entry of GET /customers/{idOrCode}/risks. */
interface Risk {
  id: number;
  category: Category;
  description: string;
  likelihood: number;
  impact: number;
  rating: number;
  level: "low" | "medium" | "high";
  owner: string;
  mitigation: string | null;
  reviewOn: string;
  status: "open" | "closed";
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
}

interface RiskValues {
  category: Category;
  likelihood: number;
  impact: number;
  owner: string;
  reviewOn: string;
  description: string;
  mitigation?: string;
}

const SCALE_OPTIONS = SCALE.map((n) => ({ value: n, label: String(n) }));

/** The register's add form (on the tab, not a dialog): labelled fields with their rules. */
function RiskForm({ customer, onAdded }: { customer: Customer; onAdded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RiskValues>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: RiskValues) => {
    setError(null);
    setSending(true);
    try {
      await apiPost(`/customers/${encodeURIComponent(customer.code)}/risks`, {
        category: v.category,
        description: v.description.trim(),
        likelihood: v.likelihood,
        impact: v.impact,
        owner: v.owner.trim(),
        ...(v.mitigation?.trim() ? { mitigation: v.mitigation.trim() } : {}),
        reviewOn: v.reviewOn,
      });
      // The next entry often shares the category, ratings, owner and date: only the texts go.
      form.resetFields(["description", "mitigation"]);
      void message.success(t("risks.added"));
      onAdded();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={t("risks.add")} style={{ marginTop: 16 }}>
      <Form<RiskValues>
        form={form}
        name="risk"
        layout="vertical"
        data-testid="risk-form"
        initialValues={{ category: "credit", likelihood: 3, impact: 3, reviewOn: localIsoDate(new Date()) }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="category" label={t("risks.category")}>
              <Select<Category>
                options={CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`risks.category.${c}` satisfies MessageKey),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="likelihood" label={t("risks.likelihood")}>
              <Select<number> options={SCALE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="impact" label={t("risks.impact")}>
              <Select<number> options={SCALE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item
              name="owner"
              label={t("risks.owner")}
              rules={[{ required: true, whitespace: true, message: t("risks.ownerRequired") }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item
              name="reviewOn"
              label={t("risks.reviewOn")}
              rules={[
                { required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t("risks.reviewOnInvalid") },
              ]}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t("risks.description")}
          rules={[{ required: true, whitespace: true, message: t("risks.descriptionRequired") }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="mitigation" label={t("risks.mitigation")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={sending} data-testid="risk-submit">
          {t("risks.submit")}
        </Button>
      </Form>
    </Card>
  );
}

const riskPath = (customer: Customer, risk: Risk) =>
  `/customers/${encodeURIComponent(customer.code)}/risks/${risk.id}`;

/** Closing records who, when and why (the server keeps them on the entry and in the audit trail). */
function CloseRiskModal(props: { customer: Customer; risk: Risk; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<{ reason: string }>
      title={t("risks.closeTitle", { description: props.risk.description })}
      name="risk-close"
      okText={t("risks.close")}
      cancelText={t("approvals.cancel")}
      okTestId="risk-close-confirm"
      successMessage={t("risks.closed")}
      onSubmit={(v) => apiPost(`${riskPath(props.customer, props.risk)}/close`, { reason: v.reason.trim() })}
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      <Form.Item
        name="reason"
        label={t("risks.closeReason")}
        rules={[{ required: true, whitespace: true, message: t("risks.closeReasonRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

interface EditRiskValues {
  likelihood: number;
  impact: number;
  owner: string;
  reviewOn: string;
  mitigation?: string;
  reason?: string;
}

/** Re-rates an open risk (likelihood, impact), its mitigation, owner or review date, with an optional reason. */
function EditRiskModal(props: { customer: Customer; risk: Risk; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { risk } = props;
  return (
    <FormModal<EditRiskValues>
      title={t("risks.editTitle", { description: risk.description })}
      name="risk-edit"
      okText={t("risks.edit")}
      cancelText={t("approvals.cancel")}
      okTestId="risk-edit-confirm"
      initialValues={{
        likelihood: risk.likelihood,
        impact: risk.impact,
        owner: risk.owner,
        reviewOn: risk.reviewOn,
        mitigation: risk.mitigation ?? "",
      }}
      successMessage={t("risks.updated")}
      onSubmit={async (v) => {
        const owner = (v.owner ?? "").trim();
        const mitigation = (v.mitigation ?? "").trim();
        const reason = (v.reason ?? "").trim();
        const change = {
          ...(v.likelihood !== risk.likelihood ? { likelihood: v.likelihood } : {}),
          ...(v.impact !== risk.impact ? { impact: v.impact } : {}),
          ...(owner && owner !== risk.owner ? { owner } : {}),
          ...(mitigation !== (risk.mitigation ?? "") ? { mitigation } : {}),
          ...(v.reviewOn !== risk.reviewOn ? { reviewOn: v.reviewOn } : {}),
        };
        if (Object.keys(change).length === 0) {
          return NOTHING_TO_SAVE;
        }
        return apiRequest("PATCH", riskPath(props.customer, risk), {
          body: { ...change, ...(reason ? { reason } : {}) },
        });
      }}
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="likelihood" label={t("risks.likelihood")}>
            <Select<number> options={SCALE_OPTIONS} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="impact" label={t("risks.impact")}>
            <Select<number> options={SCALE_OPTIONS} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="owner" label={t("risks.owner")}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="reviewOn" label={t("risks.reviewOn")}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="mitigation" label={t("risks.mitigation")}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="reason" label={t("risks.changeReason")}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

/** 风险登记: the customer's credit, operational, market and reputation risks. */
export function RisksTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const [acting, setActing] = useState<{ risk: Risk; action: "close" | "edit" } | null>(null);
  const risks = useApi(
    (signal) =>
      apiGet<{ items: Risk[] }>(`/customers/${encodeURIComponent(customer.code)}/risks`, {}, signal),
    [customer.code],
  );
  if (risks.error) {
    return <LoadError error={risks.error} onRetry={risks.reload} />;
  }
  if (!risks.data) {
    return <PageLoading />;
  }
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h2 className="cd-section-title">{t("risks.title")}</h2>
        {/* The whole register (the API returns every entry of the customer, open and closed). */}
        <ExportButton
          name={`risks-${customer.code}`}
          testId="risks-export"
          header={[
            t("risks.category"),
            t("risks.description"),
            t("risks.likelihood"),
            t("risks.impact"),
            t("risks.rating"),
            t("risks.owner"),
            t("risks.mitigation"),
            t("risks.reviewOn"),
            t("risks.status"),
            t("risks.closedByColumn"),
          ]}
          rows={() =>
            (risks.data?.items ?? []).map((r) => [
              t(`risks.category.${r.category}` satisfies MessageKey),
              r.description,
              r.likelihood,
              r.impact,
              `${r.rating} · ${t(`risks.level.${r.level}` satisfies MessageKey)}`,
              r.owner,
              r.mitigation,
              r.reviewOn,
              t(`risks.status.${r.status}` satisfies MessageKey),
              r.closedBy
                ? t("risks.closedBy", {
                    who: r.closedBy,
                    date: i18n.date(r.closedAt),
                    reason: r.closeReason ?? "",
                  })
                : null,
            ])
          }
        />
      </div>
      <Table<Risk>
        aria-label={t("risks.title")}
        data-testid="risks-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={risks.data.items}
        locale={{ emptyText: t("risks.empty") }}
        columns={[
          {
            key: "category",
            title: t("risks.category"),
            render: (_, r) => t(`risks.category.${r.category}` satisfies MessageKey),
          },
          { key: "description", title: t("risks.description"), dataIndex: "description" },
          { key: "likelihood", title: t("risks.likelihood"), dataIndex: "likelihood", align: "right" },
          { key: "impact", title: t("risks.impact"), dataIndex: "impact", align: "right" },
          {
            key: "rating",
            title: t("risks.rating"),
            render: (_, r) => (
              <Tag color={LEVEL_COLOURS[r.level] ?? "default"}>
                {r.rating} · {t(`risks.level.${r.level}` satisfies MessageKey)}
              </Tag>
            ),
          },
          { key: "owner", title: t("risks.owner"), dataIndex: "owner" },
          {
            key: "mitigation",
            title: t("risks.mitigation"),
            render: (_, r) => r.mitigation ?? t("common.empty"),
          },
          { key: "reviewOn", title: t("risks.reviewOn"), render: (_, r) => i18n.date(r.reviewOn) },
          {
            key: "status",
            title: t("risks.status"),
            render: (_, r) => (
              <>
                <Tag color={r.status === "open" ? "gold" : "default"}>
                  {t(`risks.status.${r.status}` satisfies MessageKey)}
                </Tag>
                {r.closedBy ? (
                  <div data-testid={`risk-closure-${r.id}`}>
                    {t("risks.closedBy", {
                      who: r.closedBy,
                      date: i18n.date(r.closedAt),
                      reason: r.closeReason ?? "",
                    })}
                  </div>
                ) : null}
              </>
            ),
          },
          ...(can("applications:write")
            ? [
                {
                  key: "actions",
                  title: t("risks.actions"),
                  width: 150,
                  render: (_: unknown, r: Risk) =>
                    r.status === "open" ? (
                      <Space size={4}>
                        <Button
                          size="small"
                          onClick={() => setActing({ risk: r, action: "edit" })}
                          data-testid={`risk-edit-${r.id}`}
                        >
                          {t("risks.edit")}
                        </Button>
                        <Button
                          size="small"
                          onClick={() => setActing({ risk: r, action: "close" })}
                          data-testid={`risk-close-${r.id}`}
                        >
                          {t("risks.close")}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {acting?.action === "close" ? (
        <CloseRiskModal
          customer={customer}
          risk={acting.risk}
          onClose={() => setActing(null)}
          onSaved={risks.reload}
        />
      ) : null}
      {acting?.action === "edit" ? (
        <EditRiskModal
          customer={customer}
          risk={acting.risk}
          onClose={() => setActing(null)}
          onSaved={risks.reload}
        />
      ) : null}
      {can("applications:write") ? <RiskForm customer={customer} onAdded={risks.reload} /> : null}
    </>
  );
}
