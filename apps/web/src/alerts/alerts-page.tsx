import { App, Button, Card, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { EXPORT_PAGE_SIZE } from "../shared/api/fetch-all-pages.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { ExportAllButton } from "../shared/ui/export-all-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import {
  ALERT_SEVERITIES,
  ALERT_STATES,
  type AlertAction,
  type AlertItem,
  type AlertSeverity,
  type AlertState,
  alertActions,
  severityColour,
  stateQuery,
} from "./alerts-api.ts";

const PAGE_SIZE = 50;

/** 预警: early-warning alerts filtered by severity and state, acknowledged and resolved in place. */
export default function AlertsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const [severity, setSeverity] = useState<AlertSeverity | undefined>(undefined);
  const [states, setStates] = useState<AlertState[]>([]);
  const [trail, setTrail] = useState<string[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  // `?customer=CODE` (from a credit file) narrows the inbox to one customer.
  const [params] = useSearchParams();
  const customer = params.get("customer") ?? undefined;
  const cursor = trail.at(-1);
  const list = useApi(
    (signal) =>
      apiGet<{ items: AlertItem[]; nextCursor: string | null }>(
        "/alerts",
        { severity, customer, state: stateQuery(states), limit: PAGE_SIZE, cursor },
        signal,
      ),
    [severity, customer, states.join(","), cursor],
  );

  const act = async (alert: AlertItem, action: AlertAction) => {
    setBusy(alert.id);
    try {
      await apiPost(`/alerts/${alert.id}/${action}`, {});
      list.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  const mayAct = can("alerts:write");

  return (
    <>
      <PageHeader title={t("alerts.title")} subtitle={t("alerts.subtitle")} />
      <Card
        extra={
          // Every alert the filters match (all pages), the cells as the table shows them.
          <ExportAllButton<AlertItem>
            name="alerts"
            header={[
              t("alerts.severity"),
              t("customers.code"),
              t("alerts.customer"),
              t("alerts.alert"),
              t("alerts.measured"),
              t("alerts.action"),
              t("alerts.asOf"),
              t("alerts.state"),
            ]}
            fetchPage={(next) =>
              apiGet<{ items: AlertItem[]; nextCursor: string | null }>("/alerts", {
                severity,
                customer,
                state: stateQuery(states),
                limit: EXPORT_PAGE_SIZE,
                cursor: next,
              })
            }
            row={(a) => [
              i18n.label("severity", a.severity),
              a.customer.code,
              a.customer.name,
              a.title,
              `${i18n.number(a.measuredValue, 2)} / ${i18n.number(a.threshold, 2)}`,
              i18n.label("alertAction", a.recommendedAction),
              i18n.date(a.asOf),
              i18n.label("alertState", a.state),
            ]}
            testId="alerts-export"
          />
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<AlertSeverity | undefined>
            aria-label={t("alerts.severity")}
            data-testid="alerts-severity"
            placeholder={t("alerts.severity")}
            allowClear
            style={{ width: 160 }}
            value={severity}
            onChange={(value) => {
              setSeverity(value);
              setTrail([]);
            }}
            options={ALERT_SEVERITIES.map((s) => ({ value: s, label: i18n.label("severity", s) }))}
          />
          <Select<AlertState[]>
            mode="multiple"
            aria-label={t("alerts.state")}
            data-testid="alerts-state"
            placeholder={`${t("alerts.state")}: ${t("alertState.open")}, ${t("alertState.acknowledged")}`}
            allowClear
            style={{ minWidth: 280 }}
            value={states}
            onChange={(value) => {
              setStates(value);
              setTrail([]);
            }}
            options={ALERT_STATES.map((s) => ({
              value: s,
              label: t(`alertState.${s}` satisfies MessageKey),
            }))}
          />
        </Space>
        <div>
          {list.error ? (
            <LoadError error={list.error} onRetry={list.reload} />
          ) : (
            <Table<AlertItem>
              size="small"
              rowKey="id"
              data-testid="alerts-table"
              loading={list.loading}
              pagination={false}
              dataSource={list.data?.items ?? []}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <EmptyState>{t("alerts.empty")}</EmptyState> }}
              columns={[
                {
                  key: "severity",
                  title: t("alerts.severity"),
                  render: (_, a) => (
                    <Tag color={severityColour(a.severity)}>{i18n.label("severity", a.severity)}</Tag>
                  ),
                },
                {
                  key: "customer",
                  title: t("alerts.customer"),
                  render: (_, a) => (
                    <Link to={`/customers/${encodeURIComponent(a.customer.code)}`}>{a.customer.name}</Link>
                  ),
                },
                { key: "title", title: t("alerts.alert"), dataIndex: "title" },
                {
                  key: "measured",
                  title: t("alerts.measured"),
                  align: "right",
                  render: (_, a) => (
                    <span className="cd-num">
                      {i18n.number(a.measuredValue, 2)} / {i18n.number(a.threshold, 2)}
                    </span>
                  ),
                },
                {
                  key: "action",
                  title: t("alerts.action"),
                  render: (_, a) => i18n.label("alertAction", a.recommendedAction),
                },
                { key: "asOf", title: t("alerts.asOf"), render: (_, a) => i18n.date(a.asOf) },
                {
                  key: "state",
                  title: t("alerts.state"),
                  render: (_, a) => (
                    <Tag data-testid={`alert-state-${a.id}`}>{i18n.label("alertState", a.state)}</Tag>
                  ),
                },
                {
                  key: "do",
                  title: t("approvals.actions"),
                  render: (_, a) =>
                    mayAct ? (
                      <Space size={4}>
                        {alertActions(a.state).map((action) => (
                          <Button
                            key={action}
                            size="small"
                            type={action === "acknowledge" ? "default" : "primary"}
                            loading={busy === a.id}
                            onClick={() => void act(a, action)}
                            data-testid={`alert-${action}-${a.id}`}
                          >
                            {t(`alerts.${action}` satisfies MessageKey)}
                          </Button>
                        ))}
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </div>
        {trail.length > 0 || list.data?.nextCursor ? (
          <nav className="cd-pager" aria-label={`${t("alerts.title")} — ${t("common.pagination")}`}>
            <Button disabled={trail.length === 0} onClick={() => setTrail((tr) => tr.slice(0, -1))}>
              {t("common.previous")}
            </Button>
            <Button
              disabled={!list.data?.nextCursor}
              onClick={() => {
                const next = list.data?.nextCursor;
                if (next) {
                  setTrail((tr) => [...tr, next]);
                }
              }}
            >
              {t("common.next")}
            </Button>
          </nav>
        ) : null}
      </Card>
    </>
  );
}
