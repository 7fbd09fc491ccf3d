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
import { AGING_BUCKETS, type CurrencyReceivables } from "./aggregate-receivables.ts";
import { type DashboardData, loadDashboard } from "./dashboard-data.ts";

const AGING_COLOURS = ["#16a34a", "#facc15", "#f59e0b", "#ea580c", "#dc2626", "#7f1d1d"];
const GRADE_ORDER = ["low", "medium", "high"] as const;
const GRADE_COLOURS: Record<string, string> = { low: "#16a34a", medium: "#f59e0b", high: "#dc2626" };

function agingOption(i18n: I18n, r: CurrencyReceivables): EChartsCoreOption {
  return {
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      // Bars carry minor units; the tooltip formats them exactly.
      valueFormatter: (v: unknown) => (typeof v === "number" ? i18n.money(v, r.currency) : ""),
    },
    grid: { left: 72, right: 16, top: 16, bottom: 28 },
    xAxis: {
      type: "category",
      data: AGING_BUCKETS.map((b) => i18n.t(`aging.${b}`)),
      // Every bucket is labelled, even when the chart is narrow.
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: {
      type: "value",
      axisLabel: { formatter: (v: number) => i18n.money(v, r.currency, true) },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 56,
        data: AGING_BUCKETS.map((b, index) => ({
          value: r.aging[b],
          itemStyle: { color: AGING_COLOURS[index] },
        })),
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
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["45%", "70%"],
        label: { formatter: "{b}: {c} ({d}%)" },
        data: [
          { name: i18n.t("tier.core"), value: data.coreCustomers, itemStyle: { color: "#1d4ed8" } },
          {
            name: i18n.t("tier.general"),
            value: data.customers - data.coreCustomers,
            itemStyle: { color: "#94a3b8" },
          },
        ],
      },
    ],
  };
}

function gradeOption(i18n: I18n, grades: Record<string, number>): EChartsCoreOption {
  const keys = [
    ...GRADE_ORDER.filter((g) => g in grades),
    ...Object.keys(grades).filter((g) => !GRADE_ORDER.includes(g as never)),
  ];
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["45%", "70%"],
        data: keys.map((g) => ({
          name: i18n.label("grade", g),
          value: grades[g],
          itemStyle: GRADE_COLOURS[g] ? { color: GRADE_COLOURS[g] } : {},
        })),
      },
    ],
  };
}

/** Portfolio overview: customers, open receivables, overdue share, aging, industries, grades. */
export default function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const result = useApi((signal) => loadDashboard(signal), []);
  const data = result.data;
  const main = data?.receivables[0];
  const aging = useMemo(() => (main ? agingOption(i18n, main) : null), [i18n, main]);
  const industries = useMemo(() => (data ? industryOption(i18n, data) : null), [i18n, data]);
  const grades = data?.grades && Object.keys(data.grades).length > 0 ? data.grades : null;
  const tiers = useMemo(() => (data ? tierOption(i18n, data) : null), [i18n, data]);
  const gradeChart = useMemo(() => (grades ? gradeOption(i18n, grades) : null), [i18n, grades]);

  const header = (
    <PageHeader
      title={t("dashboard.title")}
      subtitle={data ? t("common.asOf", { date: i18n.date(data.asOf) }) : t("dashboard.subtitle")}
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
  if (!data) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (data.customers === 0) {
    return (
      <>
        {header}
        <Card>
          <EmptyState>{t("dashboard.noCustomers")}</EmptyState>
        </Card>
      </>
    );
  }
  const others = data.receivables.slice(1);
  const overdueShare = main && main.openMinor > 0 ? main.overdueMinor / main.openMinor : null;

  return (
    <>
      {header}
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="customer-count" style={{ height: "100%" }}>
            <Statistic title={t("dashboard.customers")} value={i18n.number(data.customers)} />
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
              value={main ? i18n.money(main.openMinor, main.currency) : t("common.empty")}
            />
            <div className="cd-muted">
              {others.length > 0
                ? t("dashboard.otherCurrencies", {
                    list: others.map((o) => i18n.money(o.openMinor, o.currency)).join("，"),
                  })
                : t("dashboard.openInvoices", { n: i18n.number(main?.invoices ?? 0) })}
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
              {main
                ? t("dashboard.overdueAmount", { amount: i18n.money(main.overdueMinor, main.currency) })
                : t("common.empty")}
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card data-testid="open-invoices" style={{ height: "100%" }}>
            <Statistic
              title={t("dashboard.openInvoiceCount")}
              value={i18n.number(data.receivables.reduce((sum, r) => sum + r.invoices, 0))}
            />
            <div className="cd-muted">
              {t("dashboard.overdueInvoices", {
                n: i18n.number(data.receivables.reduce((sum, r) => sum + r.overdueInvoices, 0)),
              })}
            </div>
          </Card>
        </Col>
      </Row>

      {data.receivablesComplete ? null : (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title={t("dashboard.sampled", { n: i18n.number(data.openInvoicesRead) })}
        />
      )}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            title={t("dashboard.aging")}
            extra={
              main ? (
                <span className="cd-muted">{t("dashboard.agingHint", { currency: main.currency })}</span>
              ) : null
            }
          >
            {main && aging ? (
              <EChart
                option={aging}
                ariaLabel={AGING_BUCKETS.map(
                  (b) => `${t(`aging.${b}`)} ${i18n.money(main.aging[b], main.currency)}`,
                ).join("; ")}
                testId="aging-chart"
              />
            ) : (
              <EmptyState>{t("dashboard.noInvoices")}</EmptyState>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t("dashboard.byIndustry")}>
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
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={10}>
          <Card title={t("dashboard.grades")} style={{ height: "100%" }}>
            {gradeChart && grades ? (
              <EChart
                option={gradeChart}
                ariaLabel={Object.entries(grades)
                  .map(([g, n]) => `${i18n.label("grade", g)} ${n}`)
                  .join("; ")}
                height={260}
              />
            ) : (
              <EmptyState>
                {data.grades === null ? t("dashboard.gradesUnavailable") : t("dashboard.gradesEmpty")}
              </EmptyState>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t("dashboard.byTier")} style={{ height: "100%" }}>
            {tiers ? (
              <EChart
                option={tiers}
                ariaLabel={`${t("tier.core")} ${data.coreCustomers}; ${t("tier.general")} ${data.customers - data.coreCustomers}`}
                height={260}
              />
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
