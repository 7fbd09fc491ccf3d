import { Card, Table, Tag } from "antd";
import { Link } from "react-router";
import { type AlertItem, severityColour } from "../../alerts/alerts-api.ts";
import { ReviewReportButtons } from "../../reviews/review-report.tsx";
import { apiGet } from "../../shared/api/client.ts";
import type { Customer, Page } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { useAuth } from "../../shared/auth/auth-context.tsx";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { ExportButton } from "../../shared/ui/export-button.tsx";
import { EmptyState, LoadError } from "../../shared/ui/page-state.tsx";

/** One review of the customer (`GET /customers/{idOrCode}/reviews`). */
export interface CustomerReview {
  id: number;
  dueOn: string;
  reason: string;
  status: string;
  owner: string | null;
  conclusion: string | null;
  conclusionNote: string | null;
  reviewer: string | null;
  completedAt: string | null;
}

/** 预警与复核: the customer's early-warning alerts (every state) and credit reviews with their reports. */
export function MonitoringTab({ customer }: { customer: Customer }) {
  const { can } = useAuth();
  return (
    <>
      {can("alerts:read") ? <CustomerAlerts customer={customer} /> : null}
      {can("reviews:read") ? <CustomerReviews customer={customer} /> : null}
    </>
  );
}

function CustomerAlerts({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const alerts = useApi(
    (signal) =>
      apiGet<Page<AlertItem>>(
        "/alerts",
        { customer: customer.code, state: "open,acknowledged,resolved,dismissed", limit: 200 },
        signal,
      ),
    [customer.code],
  );
  const items = alerts.data?.items ?? [];
  const header = [
    t("alerts.asOf"),
    t("alerts.severity"),
    t("alerts.alert"),
    t("alerts.state"),
    t("alerts.action"),
  ];
  return (
    <Card
      size="small"
      title={t("creditFile.alerts")}
      style={{ marginBottom: 16 }}
      extra={
        <ExportButton
          name={`alerts-${customer.code}`}
          header={header}
          rows={() =>
            items.map((a) => [
              a.asOf,
              i18n.label("severity", a.severity),
              a.title,
              i18n.label("alertState", a.state),
              i18n.label("alertAction", a.recommendedAction),
            ])
          }
        />
      }
    >
      {alerts.error ? (
        <LoadError error={alerts.error} onRetry={alerts.reload} />
      ) : (
        <Table<AlertItem>
          size="small"
          rowKey="id"
          loading={alerts.loading}
          data-testid="customer-alerts"
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState>{t("creditFile.noAlerts")}</EmptyState> }}
          columns={[
            { key: "asOf", title: header[0], render: (_, a) => i18n.date(a.asOf) },
            {
              key: "severity",
              title: header[1],
              render: (_, a) => (
                <Tag color={severityColour(a.severity)}>{i18n.label("severity", a.severity)}</Tag>
              ),
            },
            { key: "title", title: header[2], dataIndex: "title" },
            { key: "state", title: header[3], render: (_, a) => i18n.label("alertState", a.state) },
            {
              key: "action",
              title: header[4],
              render: (_, a) => i18n.label("alertAction", a.recommendedAction),
            },
          ]}
        />
      )}
      <Link to={`/alerts?customer=${encodeURIComponent(customer.code)}`}>{t("creditFile.allAlerts")}</Link>
    </Card>
  );
}

function CustomerReviews({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const reviews = useApi(
    (signal) => apiGet<{ items: CustomerReview[] }>(`/customers/${customer.id}/reviews`, {}, signal),
    [customer.id],
  );
  const items = reviews.data?.items ?? [];
  const header = [
    t("reviews.dueOn"),
    t("reviews.reason"),
    t("reviews.status"),
    t("reviews.conclusion"),
    t("reviews.reviewer"),
    t("reviews.note"),
  ];
  return (
    <Card
      size="small"
      title={t("creditFile.reviews")}
      extra={
        <ExportButton
          name={`reviews-${customer.code}`}
          header={header}
          rows={() =>
            items.map((r) => [
              r.dueOn,
              i18n.label("reviewReason", r.reason),
              i18n.label("reviewStatus", r.status),
              i18n.label("conclusion", r.conclusion),
              r.reviewer,
              r.conclusionNote,
            ])
          }
        />
      }
    >
      {reviews.error ? (
        <LoadError error={reviews.error} onRetry={reviews.reload} />
      ) : (
        <Table<CustomerReview>
          size="small"
          rowKey="id"
          loading={reviews.loading}
          data-testid="customer-reviews"
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState>{t("creditFile.noReviews")}</EmptyState> }}
          columns={[
            { key: "due", title: header[0], render: (_, r) => i18n.date(r.dueOn) },
            { key: "reason", title: header[1], render: (_, r) => i18n.label("reviewReason", r.reason) },
            {
              key: "status",
              title: header[2],
              render: (_, r) => <Tag>{i18n.label("reviewStatus", r.status)}</Tag>,
            },
            { key: "conclusion", title: header[3], render: (_, r) => i18n.label("conclusion", r.conclusion) },
            { key: "reviewer", title: header[4], render: (_, r) => r.reviewer ?? t("common.empty") },
            {
              key: "report",
              title: t("reviews.report"),
              render: (_, r) => <ReviewReportButtons id={r.id} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
