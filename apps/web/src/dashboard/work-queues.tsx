import { Card, Col, Progress, Row, Statistic, Tag } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { Link } from "react-router";
import { ALERT_SEVERITIES, type AlertItem, severityColour } from "../alerts/alerts-api.ts";
import { addDays, type DueReview, isOverdue } from "../reviews/reviews-api.ts";
import { apiGet, apiGetOptional } from "../shared/api/client.ts";
import type { Page } from "../shared/api/types.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { type I18n, useI18n } from "../shared/i18n/i18n-context.tsx";
import { EChart } from "../shared/ui/echart.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import { type DsoPoint, dsoTrendOf } from "./dso-trend.ts";

const REVIEW_HORIZON_DAYS = 30;

/**
 * What is waiting for someone: open alerts by severity, reviews due in the next 30 days (and how
 * many are late), orders blocked by the credit check, the portfolio's exposure against its credit
 * limits, and the DSO trend. Each part
 * loads on its own and shows only to users who may read it.
 */
export function WorkQueues() {
  const { can } = useAuth();
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {can("alerts:read") ? (
        <Col xs={24} md={12} xl={8}>
          <OpenAlerts />
        </Col>
      ) : null}
      {can("reviews:read") ? (
        <Col xs={24} md={12} xl={8}>
          <ReviewsDue />
        </Col>
      ) : null}
      {can("limits:read") ? (
        <Col xs={24} md={12} xl={8}>
          <BlockedWaiting />
        </Col>
      ) : null}
      {can("portfolio:read") ? (
        <Col xs={24}>
          <LimitUse />
        </Col>
      ) : null}
      <Col xs={24}>
        <DsoTrend />
      </Col>
    </Row>
  );
}

function OpenAlerts() {
  const i18n = useI18n();
  const { t } = i18n;
  const alerts = useApi(
    (signal) => apiGet<Page<AlertItem>>("/alerts", { state: "open,acknowledged", limit: 500 }, signal),
    [],
  );
  const counts = ALERT_SEVERITIES.map((s) => ({
    severity: s,
    n: alerts.data?.items.filter((a) => a.severity === s).length ?? 0,
  }));
  return (
    <Card
      title={t("dashboard.openAlerts")}
      style={{ height: "100%" }}
      data-testid="dashboard-alerts"
      loading={alerts.loading}
    >
      {alerts.error ? (
        <LoadError error={alerts.error} onRetry={alerts.reload} />
      ) : (
        <>
          <Row gutter={8}>
            {counts.map((c) => (
              <Col span={8} key={c.severity}>
                <Statistic
                  title={<Tag color={severityColour(c.severity)}>{i18n.label("severity", c.severity)}</Tag>}
                  value={c.n}
                />
              </Col>
            ))}
          </Row>
          {alerts.data?.nextCursor ? (
            <div className="cd-muted">{t("dashboard.atLeast", { n: 500 })}</div>
          ) : null}
          <Link to="/alerts">{t("dashboard.toAlerts")}</Link>
        </>
      )}
    </Card>
  );
}

function ReviewsDue() {
  const { t } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  const due = useApi(
    (signal) =>
      apiGet<{ items: DueReview[] }>(
        "/reviews",
        { asOf: addDays(today, REVIEW_HORIZON_DAYS), limit: 1000 },
        signal,
      ),
    [today],
  );
  const items = due.data?.items ?? [];
  const overdue = items.filter((r) => isOverdue(r, today)).length;
  return (
    <Card
      title={t("dashboard.reviewsDue")}
      style={{ height: "100%" }}
      data-testid="dashboard-reviews"
      loading={due.loading}
    >
      {due.error ? (
        <LoadError error={due.error} onRetry={due.reload} />
      ) : (
        <>
          <Row gutter={8}>
            <Col span={12}>
              <Statistic title={t("dashboard.dueSoon", { n: REVIEW_HORIZON_DAYS })} value={items.length} />
            </Col>
            <Col span={12}>
              <Statistic
                title={t("dashboard.overdueReviews")}
                value={overdue}
                styles={overdue > 0 ? { content: { color: "#dc2626" } } : {}}
              />
            </Col>
          </Row>
          <Link to="/reviews">{t("dashboard.toReviews")}</Link>
        </>
      )}
    </Card>
  );
}

function BlockedWaiting() {
  const i18n = useI18n();
  const { t } = i18n;
  const blocked = useApi(
    (signal) =>
      apiGet<{ items: { orderTotalMinor: number; currency: string }[] }>("/blocked-orders", {}, signal),
    [],
  );
  const items = blocked.data?.items ?? [];
  return (
    <Card
      title={t("dashboard.blockedOrders")}
      style={{ height: "100%" }}
      data-testid="dashboard-blocked"
      loading={blocked.loading}
    >
      {blocked.error ? (
        <LoadError error={blocked.error} onRetry={blocked.reload} />
      ) : (
        <>
          <Statistic title={t("dashboard.waiting")} value={items.length} />
          <Link to="/limits">{t("dashboard.toApprovals")}</Link>
        </>
      )}
    </Card>
  );
}

/** The whole portfolio's total line of `GET /portfolio/view` (exposure, limits, utilisation). */
interface PortfolioTotal {
  baseCurrency: string;
  total: {
    customers: number;
    exposureMinor: number;
    limitMinor: number;
    utilisation: number | null;
    overLimit: number;
    customersWithoutLimit: number;
  };
}

/** Exposure (receivables, orders, reservations) against the credit limits granted, today. */
function LimitUse() {
  const i18n = useI18n();
  const { t } = i18n;
  const view = useApi((signal) => apiGet<PortfolioTotal>("/portfolio/view", { months: 1 }, signal), []);
  const total = view.data?.total;
  const base = view.data?.baseCurrency ?? "";
  const utilisation = total?.utilisation ?? null;
  return (
    <Card title={t("dashboard.limitUse")} data-testid="dashboard-limit-use" loading={view.loading}>
      {view.error ? (
        <LoadError error={view.error} onRetry={view.reload} />
      ) : total ? (
        <Row gutter={[16, 16]} align="middle">
          <Col xs={24} md={6}>
            <Statistic title={t("dashboard.exposure")} value={i18n.money(total.exposureMinor, base)} />
          </Col>
          <Col xs={24} md={6}>
            <Statistic title={t("dashboard.limits")} value={i18n.money(total.limitMinor, base)} />
          </Col>
          <Col xs={24} md={6}>
            <div className="cd-muted">{t("dashboard.utilisation")}</div>
            {utilisation === null ? (
              <span className="cd-muted">{t("dashboard.noLimits")}</span>
            ) : (
              <Progress
                percent={Math.round(utilisation * 1000) / 10}
                status={utilisation > 1 ? "exception" : "normal"}
                format={() => i18n.percent(utilisation, 1)}
                aria-label={`${t("dashboard.utilisation")} ${i18n.percent(utilisation, 1)}`}
              />
            )}
          </Col>
          <Col xs={24} md={6}>
            <div>
              <Link to="/portfolio">{t("dashboard.overLimit", { n: i18n.number(total.overLimit) })}</Link>
            </div>
            <div className="cd-muted">
              {t("dashboard.withoutLimit", { n: i18n.number(total.customersWithoutLimit) })}
            </div>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}

function dsoOption(i18n: I18n, points: DsoPoint[]): EChartsCoreOption {
  return {
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) =>
        typeof v === "number" ? i18n.t("common.days", { n: i18n.number(v, 1) }) : "",
    },
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: "category", data: points.map((p) => p.period) },
    yAxis: { type: "value", name: i18n.t("dashboard.days") },
    series: [{ type: "line", data: points.map((p) => p.dso), smooth: false, symbolSize: 6 }],
  };
}

/** DSO by month from the portfolio trend API (`GET /portfolio/trend`), when the server has it. */
function DsoTrend() {
  const i18n = useI18n();
  const { t } = i18n;
  const trend = useApi((signal) => apiGetOptional<unknown>("/portfolio/trend", { months: 12 }, signal), []);
  const points = dsoTrendOf(trend.data);
  return (
    <Card title={t("dashboard.dsoTrend")} data-testid="dashboard-dso" loading={trend.loading}>
      {trend.error ? (
        <LoadError error={trend.error} onRetry={trend.reload} />
      ) : points.length === 0 ? (
        <EmptyState>{t("dashboard.dsoEmpty")}</EmptyState>
      ) : (
        <EChart
          option={dsoOption(i18n, points)}
          ariaLabel={points.map((p) => `${p.period} ${i18n.number(p.dso, 1)}`).join("; ")}
          height={240}
          testId="dso-chart"
        />
      )}
    </Card>
  );
}
