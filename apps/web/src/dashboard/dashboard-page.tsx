import { Alert, Card, Col, Row, Statistic } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { Link } from "react-router";
import { useApi } from "../shared/api/use-api.ts";
import { type I18n, useI18n } from "../shared/i18n/i18n-context.tsx";
import { industryLabel } from "../shared/reference/industries.ts";
import { EChart } from "../shared/ui/echart.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import { type DashboardData, loadDashboard } from "./dashboard-data.ts";
import {
  agingRows,
  foreignCurrencies,
  gradeRows,
  overdueShareOf,
  type PortfolioGrade,
  type PortfolioSummary,
} from "./portfolio-summary.ts";
import { WorkQueues } from "./work-queues.tsx";

const AGING_COLOURS = ["#16a34a", "#facc15", "#f59e0b", "#ea580c", "#dc2626", "#7f1d1d"];
const GRADE_COLOURS: Record<PortfolioGrade, string> = {
  low: "#16a34a",
  medium: "#f59e0b",
  high: "#dc2626",
  unassessed: "#94a3b8",
};

function agingOption(i18n: I18n, summary: PortfolioSummary): EChartsCoreOption {
  const currency = summary.baseCurrency;
  const rows = agingRows(summary);
  return {
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      // Bars carry minor units; the tooltip formats them exactly.
      valueFormatter: (v: unknown) => (typeof v === "number" ? i18n.money(v, currency) : ""),
    },
    grid: { left: 72, right: 16, top: 16, bottom: 28 },
    xAxis: {
      type: "category",
      data: rows.map((row) => i18n.label("aging", row.label)),
      // Every bucket is labelled, even when the chart is narrow.
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: {
      type: "value",
      axisLabel: { formatter: (v: number) => i18n.money(v, currency, true) },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 56,
        data: rows.map((row, index) => ({ value: row.minor, itemStyle: { color: AGING_COLOURS[index] } })),
      },
    ],
  };
}

function industryOption(i18n: I18n, data: DashboardData): EChartsCoreOption {
  const top = data.byIndustry.slice(0, 10).reverse();
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: {
      type: "category",
      data: top.map((row) => industryLabel(row.code, i18n.locale)),
      axisLabel: { width: 180, overflow: "truncate" },
    },
    series: [
      { type: "bar", data: top.map((row) => row.count), itemStyle: { color: "#1d4ed8" }, barMaxWidth: 22 },
    ],
  };
}

function tierOption(i18n: I18n, data: DashboardData): EChartsCoreOption {
  const general = Math.max(0, data.byIndustry.reduce((sum, row) => sum + row.count, 0) - data.coreCustomers);
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["45%", "70%"],
        label: { formatter: "{b}\n{c} ({d}%)" },
        data: [
          { name: i18n.t("tier.core"), value: data.coreCustomers, itemStyle: { color: "#1d4ed8" } },
          { name: i18n.t("tier.general"), value: general, itemStyle: { color: "#94a3b8" } },
        ],
      },
    ],
  };
}

function gradeOption(i18n: I18n, rows: { grade: PortfolioGrade; count: number }[]): EChartsCoreOption {
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["45%", "70%"],
        label: { formatter: "{b}: {c} ({d}%)" },
        data: rows.map((row) => ({
          name: i18n.label("grade", row.grade),
          value: row.count,
          itemStyle: { color: GRADE_COLOURS[row.grade] },
        })),
      },
    ],
  };
}

/** Portfolio overview: customers, receivables, overdue share, defaults, aging, grades, industries, tiers. */
export default function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const result = useApi((signal) => loadDashboard(signal), []);
  const data = result.data;
  const summary = data?.summary;
  const aging = useMemo(() => (summary ? agingOption(i18n, summary) : null), [i18n, summary]);
  const industries = useMemo(() => (data ? industryOption(i18n, data) : null), [i18n, data]);
  const tiers = useMemo(() => (data ? tierOption(i18n, data) : null), [i18n, data]);
  const grades = useMemo(() => (summary ? gradeRows(summary) : []), [summary]);
  const gradeChart = useMemo(() => (grades.length > 0 ? gradeOption(i18n, grades) : null), [i18n, grades]);

  const header = (
    <PageHeader
      title={t("dashboard.title")}
      subtitle={summary ? t("common.asOf", { date: i18n.date(summary.asOf) }) : t("dashboard.subtitle")}
    />
  );
  if (result.error) {
    return (
      <>
        {header}
        <LoadError error={result.error} onRetry={result.reload} />
      </>
    );
  }
  if (!data || !summary) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (summary.customers === 0) {
    return (
      <>
        {header}
        <Card>
          <EmptyState>{t("dashboard.noCustomers")}</EmptyState>
        </Card>
      </>
    );
  }
  const base = summary.baseCurrency;
  const foreign = foreignCurrencies(summary);
  const overdueShare = overdueShareOf(summary);
  const hasReceivables = summary.openReceivables.baseMinor > 0;
  const assessed = summary.grades.low + summary.grades.medium + summary.grades.high;

  return (
    <>
      {header}
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="customer-count" style={{ height: "100%" }}>
            <Statistic title={t("dashboard.customers")} value={i18n.number(summary.customers)} />
            <div className="cd-muted">
              <Link to="/customers">
                {t("dashboard.coreCustomers", { n: i18n.number(data.coreCustomers) })}
              </Link>
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="open-receivables" style={{ height: "100%" }}>
            <Statistic
              title={t("dashboard.openReceivables")}
              value={i18n.money(summary.openReceivables.baseMinor, base)}
            />
            <div className="cd-muted">
              {foreign.length > 0
                ? t("dashboard.includesForeign", {
                    list: foreign
                      .map((row) => i18n.money(row.openMinor, row.currency))
                      .join(i18n.locale === "zh-CN" ? "，" : ", "),
                  })
                : t("dashboard.inBase", { currency: base })}
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="overdue-share" style={{ height: "100%" }}>
            <Statistic
              title={t("dashboard.overdueShare")}
              value={i18n.percent(overdueShare, 1)}
              styles={{
                content: { color: overdueShare !== null && overdueShare > 0.2 ? "#b91c1c" : undefined },
              }}
            />
            <div className="cd-muted">
              {t("dashboard.overdueAmount", { amount: i18n.money(summary.overdueBaseMinor, base) })}
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="defaults-12m" style={{ height: "100%" }}>
            <Statistic
              title={t("dashboard.defaults12m")}
              value={i18n.number(summary.defaults12m)}
              styles={{ content: { color: summary.defaults12m > 0 ? "#b91c1c" : undefined } }}
            />
            <div className="cd-muted">{t("dashboard.defaultsHint")}</div>
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            title={t("dashboard.aging")}
            extra={<span className="cd-muted">{t("dashboard.agingBase", { currency: base })}</span>}
            style={{ height: "100%" }}
          >
            {hasReceivables && aging ? (
              <EChart
                option={aging}
                ariaLabel={agingRows(summary)
                  .map((row) => `${i18n.label("aging", row.label)} ${i18n.money(row.minor, base)}`)
                  .join("; ")}
                testId="aging-chart"
              />
            ) : (
              <EmptyState>{t("dashboard.noInvoices")}</EmptyState>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t("dashboard.grades")} style={{ height: "100%" }}>
            {gradeChart ? (
              <EChart
                option={gradeChart}
                ariaLabel={grades.map((row) => `${i18n.label("grade", row.grade)} ${row.count}`).join("; ")}
                testId="grade-chart"
              />
            ) : null}
            {assessed === 0 ? <div className="cd-muted">{t("dashboard.gradesEmpty")}</div> : null}
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={t("dashboard.byIndustry")} style={{ height: "100%" }}>
            {industries ? (
              <EChart
                option={industries}
                ariaLabel={data.byIndustry
                  .map((row) => `${industryLabel(row.code, i18n.locale)} ${row.count}`)
                  .join("; ")}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t("dashboard.byTier")} style={{ height: "100%" }}>
            {tiers ? (
              <EChart option={tiers} ariaLabel={`${t("tier.core")} ${data.coreCustomers}`} height={300} />
            ) : null}
          </Card>
        </Col>
      </Row>
      <WorkQueues />
      {data.breakdownComplete ? null : (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title={t("dashboard.breakdownPartial", {
            n: i18n.number(data.byIndustry.reduce((sum, row) => sum + row.count, 0)),
          })}
        />
      )}
    </>
  );
}
