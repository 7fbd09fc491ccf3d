import { Card, Space, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { apiGet } from "../../shared/api/client.ts";
import { useApi } from "../../shared/api/use-api.ts";
import type { I18n } from "../../shared/i18n/i18n-context.tsx";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { EChart } from "../../shared/ui/echart.tsx";
import { ExportButton } from "../../shared/ui/export-button.tsx";
import { LoadError } from "../../shared/ui/page-state.tsx";

/** One month of GET /customers/{id}/behaviour-trend. */
export interface BehaviourTrendMonth {
  period: string;
  dbt: number | null;
  paidMinor: number;
  payments: number;
  latePayments: number;
  dso: number | null;
  bestDso: number | null;
  addb: number | null;
  closingArMinor: number;
  creditSalesMinor: number;
}
export interface BehaviourTrend {
  customerId: number;
  asOf: string;
  baseCurrency: string;
  months: BehaviourTrendMonth[];
}

const MONTHS = 12;

export function fetchBehaviourTrend(code: string, signal?: AbortSignal): Promise<BehaviourTrend> {
  return apiGet<BehaviourTrend>(
    `/customers/${encodeURIComponent(code)}/behaviour-trend`,
    { months: MONTHS },
    signal,
  );
}

const days = (i18n: I18n, v: number | null) =>
  v === null ? i18n.t("common.empty") : i18n.t("common.days", { n: i18n.number(v, 1) });

function trendOption(i18n: I18n, months: readonly BehaviourTrendMonth[]): EChartsCoreOption {
  const { t } = i18n;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) =>
        typeof v === "number" ? t("common.days", { n: i18n.number(v, 1) }) : t("common.empty"),
    },
    legend: { top: 0, data: [t("behaviourTrend.dbt"), t("behaviourTrend.dso")] },
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    xAxis: { type: "category", data: months.map((m) => m.period.slice(0, 7)), axisLabel: { fontSize: 11 } },
    yAxis: { type: "value", name: t("behaviourTrend.daysAxis"), minInterval: 1 },
    series: [
      {
        name: t("behaviourTrend.dbt"),
        type: "bar",
        barMaxWidth: 28,
        itemStyle: { color: "#ea580c" },
        data: months.map((m) => round(m.dbt)),
      },
      {
        name: t("behaviourTrend.dso"),
        type: "line",
        connectNulls: false,
        itemStyle: { color: "#2563eb" },
        data: months.map((m) => round(m.dso)),
      },
    ],
  };
}

/**
 * 超期天数趋势: the customer's days beyond terms per month of payment (bars) beside its DSO (line)
 * for the last 12 months, with a text alternative listing every month and a CSV of the series.
 */
export function BehaviourTrendChart({ code }: { code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const trend = useApi((signal) => fetchBehaviourTrend(code, signal), [code]);
  const months = trend.data?.months ?? [];
  const option = useMemo(() => trendOption(i18n, months), [i18n, months]);
  const anyPayments = months.some((m) => m.payments > 0);
  const currency = trend.data?.baseCurrency ?? "";
  return (
    <Card
      title={t("behaviourTrend.title")}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="behaviour-trend"
      loading={trend.loading && !trend.data}
      extra={
        <ExportButton
          name={`behaviour-trend-${code}`}
          testId="behaviour-trend-export"
          header={[
            t("behaviourTrend.month"),
            t("behaviourTrend.dbt"),
            t("behaviourTrend.payments"),
            t("behaviourTrend.latePayments"),
            t("behaviourTrend.paid"),
            t("behaviourTrend.dso"),
            t("behaviourTrend.bestDso"),
            t("behaviourTrend.addb"),
            t("behaviourTrend.closingAr"),
            t("behaviourTrend.creditSales"),
          ]}
          rows={() =>
            months.map((m) => [
              m.period,
              m.dbt === null ? null : Math.round(m.dbt * 100) / 100,
              m.payments,
              m.latePayments,
              i18n.money(m.paidMinor, currency),
              m.dso === null ? null : Math.round(m.dso * 100) / 100,
              m.bestDso === null ? null : Math.round(m.bestDso * 100) / 100,
              m.addb === null ? null : Math.round(m.addb * 100) / 100,
              i18n.money(m.closingArMinor, currency),
              i18n.money(m.creditSalesMinor, currency),
            ])
          }
        />
      }
    >
      {trend.error ? (
        <LoadError error={trend.error} onRetry={trend.reload} />
      ) : !anyPayments && months.every((m) => m.dso === null) ? (
        <Typography.Text type="secondary">{t("behaviourTrend.empty")}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }} size={4}>
          <EChart
            option={option}
            height={220}
            testId="behaviour-trend-chart"
            ariaLabel={`${t("behaviourTrend.title")}: ${months
              .map(
                (m) =>
                  `${m.period.slice(0, 7)} ${t("behaviourTrend.dbt")} ${days(i18n, m.dbt)}, ${t("behaviourTrend.dso")} ${days(i18n, m.dso)}`,
              )
              .join("; ")}`}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("behaviourTrend.note")}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
