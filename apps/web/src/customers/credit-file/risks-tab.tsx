import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Table, Tag } from "antd";
import { useState } from "react";
import { localIsoDate } from "../../limits/limits-api.ts";
import { apiGet, apiPost } from "../../shared/api/client.ts";
import type { Customer } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { useAuth } from "../../shared/auth/auth-context.tsx";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../../shared/i18n/zh-CN.ts";
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
}

function RiskForm({ customer, onAdded }: { customer: Customer; onAdded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [category, setCategory] = useState<Category>("credit");
  const [description, setDescription] = useState("");
  const [likelihood, setLikelihood] = useState(3);
  const [impact, setImpact] = useState(3);
  const [owner, setOwner] = useState("");
  const [mitigation, setMitigation] = useState("");
  const [reviewOn, setReviewOn] = useState(localIsoDate(new Date()));
  const [invalid, setInvalid] = useState<"description" | "owner" | "reviewOn" | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (description.trim() === "") {
      setInvalid("description");
      return;
    }
    if (owner.trim() === "") {
      setInvalid("owner");
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewOn)) {
      setInvalid("reviewOn");
      return;
    }
    setInvalid(null);
    setError(null);
    setSending(true);
    try {
      await apiPost(`/customers/${encodeURIComponent(customer.code)}/risks`, {
        category,
        description: description.trim(),
        likelihood,
        impact,
        owner: owner.trim(),
        ...(mitigation.trim() ? { mitigation: mitigation.trim() } : {}),
        reviewOn,
      });
      setDescription("");
      setMitigation("");
      void message.success(t("risks.added"));
      onAdded();
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSending(false);
    }
  };

  const scale = SCALE.map((n) => ({ value: n, label: String(n) }));
  return (
    <Card size="small" title={t("risks.add")} style={{ marginTop: 16 }}>
      <Form layout="vertical" data-testid="risk-form" onFinish={() => void submit()}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label={t("risks.category")} htmlFor="risk-category">
              <Select<Category>
                id="risk-category"
                value={category}
                onChange={setCategory}
                options={CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`risks.category.${c}` satisfies MessageKey),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t("risks.likelihood")} htmlFor="risk-likelihood">
              <Select<number>
                id="risk-likelihood"
                value={likelihood}
                onChange={setLikelihood}
                options={scale}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t("risks.impact")} htmlFor="risk-impact">
              <Select<number> id="risk-impact" value={impact} onChange={setImpact} options={scale} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item
              label={t("risks.owner")}
              htmlFor="risk-owner"
              validateStatus={invalid === "owner" ? "error" : ""}
              help={invalid === "owner" ? t("risks.ownerRequired") : undefined}
            >
              <Input
                id="risk-owner"
                maxLength={100}
                value={owner}
                onChange={(e) => setOwner(e.target.value)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item
              label={t("risks.reviewOn")}
              htmlFor="risk-review-on"
              validateStatus={invalid === "reviewOn" ? "error" : ""}
              help={invalid === "reviewOn" ? t("risks.reviewOnInvalid") : undefined}
            >
              <Input
                id="risk-review-on"
                type="date"
                value={reviewOn}
                onChange={(e) => setReviewOn(e.target.value)}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t("risks.description")}
          htmlFor="risk-description"
          validateStatus={invalid === "description" ? "error" : ""}
          help={invalid === "description" ? t("risks.descriptionRequired") : undefined}
        >
          <Input.TextArea
            id="risk-description"
            rows={2}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t("risks.mitigation")} htmlFor="risk-mitigation">
          <Input.TextArea
            id="risk-mitigation"
            rows={2}
            maxLength={2000}
            value={mitigation}
            onChange={(e) => setMitigation(e.target.value)}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={sending} data-testid="risk-submit">
          {t("risks.submit")}
        </Button>
      </Form>
    </Card>
  );
}

/** 风险登记: the customer's credit, operational, market and reputation risks. */
export function RisksTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
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
      <h2 className="cd-section-title">{t("risks.title")}</h2>
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
              <Tag color={r.status === "open" ? "gold" : "default"}>
                {t(`risks.status.${r.status}` satisfies MessageKey)}
              </Tag>
            ),
          },
        ]}
      />
      {can("applications:write") ? <RiskForm customer={customer} onAdded={risks.reload} /> : null}
    </>
  );
}
