import { Alert, Col, Row, Table, Tag, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { apiGet } from "../../shared/api/client.ts";
import {
  type Customer,
  type FinancialStatement,
  type Page,
  STATEMENT_LINES,
  type StatementLine,
} from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { type I18n, useI18n } from "../../shared/i18n/i18n-context.tsx";
import { EChart } from "../../shared/ui/echart.tsx";
import { ExportBox } from "../../shared/ui/export-box.tsx";
import { EmptyState, LoadError, PageLoading } from "../../shared/ui/page-state.tsx";
import { computeRatio, PERCENT_RATIOS, RATIO_KEYS, type RatioKey, type RatioValue } from "./ratios.ts";

const MULTIPLE_TREND: readonly RatioKey[] = ["currentRatio", "quickRatio", "debtToEquity", "assetTurnover"];
const PERCENT_TREND: readonly RatioKey[] = ["debtRatio", "netMargin", "roa", "roe"];

function formatRatio(i18n: I18n, key: RatioKey, value: RatioValue): string {
  if (value.status !== "ok") {
    return i18n.t("financials.notComputable");
  }
  return PERCENT_RATIOS.has(key) ? i18n.percent(value.value, 1) : i18n.number(value.value, 2);
}

function periodLabel(s: FinancialStatement): string {
  return s.periodMonths === 12 ? s.periodEnd.slice(0, 4) : `${s.periodEnd.slice(0, 7)} (${s.periodMonths}M)`;
}

function trendOption(
  i18n: I18n,
  statements: FinancialStatement[],
  keys: readonly RatioKey[],
  percent: boolean,
) {
  return {
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) =>
        typeof v === "number" ? (percent ? `${v.toFixed(1)}%` : v.toFixed(2)) : "—",
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    xAxis: { type: "category", data: statements.map((s) => periodLabel(s)) },
    yAxis: { type: "value", axisLabel: { formatter: percent ? "{value}%" : "{value}" } },
    series: keys.map((key) => ({
      name: i18n.t(`ratio.${key}`),
      type: "line",
      connectNulls: false,
      data: statements.map((s) => {
        const r = computeRatio(s, key);
        // A ratio that cannot be computed is a gap in the line, never a zero.
        return r.status === "ok" ? Number((percent ? r.value * 100 : r.value).toFixed(4)) : null;
      }),
    })),
  } satisfies EChartsCoreOption;
}

/** Statements by period, the ratios computed from them with their formulas, and ratio trends. */
export function FinancialsTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const result = useApi(
    (signal) =>
      apiGet<Page<FinancialStatement>>(
        "/financial-statements",
        { customerId: customer.id, sort: "-periodEnd", limit: 20 },
        signal,
      ),
    [customer.id],
  );
  // Oldest first, for trends that read left to right.
  const statements = useMemo(() => [...(result.data?.items ?? [])].reverse(), [result.data]);
  const multiples = useMemo(() => trendOption(i18n, statements, MULTIPLE_TREND, false), [i18n, statements]);
  const percents = useMemo(() => trendOption(i18n, statements, PERCENT_TREND, true), [i18n, statements]);

  if (result.error) {
    return <LoadError error={result.error} onRetry={result.reload} />;
  }
  if (result.loading && !result.data) {
    return <PageLoading />;
  }
  if (statements.length === 0) {
    return <EmptyState>{t("financials.empty")}</EmptyState>;
  }

  const periodColumns = statements.map((s) => ({
    key: String(s.id),
    title: (
      <span>
        {periodLabel(s)}{" "}
        <Tag color={s.audited ? "green" : "default"} style={{ marginInlineEnd: 0 }}>
          {s.audited ? t("financials.audited") : t("financials.unaudited")}
        </Tag>
      </span>
    ),
    align: "right" as const,
  }));

  const ratioRows = RATIO_KEYS.map((key) => ({ key, values: statements.map((s) => computeRatio(s, key)) }));
  const lineRows = STATEMENT_LINES.filter((line) => statements.some((s) => s[line] !== null)).map((line) => ({
    key: line,
  }));

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <h2 className="cd-section-title">{t("financials.ratioTrend")}</h2>
          <EChart
            option={multiples}
            ariaLabel={`${t("financials.ratioTrend")}: ${MULTIPLE_TREND.map((k) => t(`ratio.${k}`)).join(", ")}`}
            height={260}
            testId="ratio-trend"
          />
        </Col>
        <Col xs={24} xl={12}>
          <div className="cd-section-spacer" aria-hidden />
          <EChart
            option={percents}
            ariaLabel={`${t("financials.ratioTrend")}: ${PERCENT_TREND.map((k) => t(`ratio.${k}`)).join(", ")}`}
            height={260}
          />
        </Col>
      </Row>

      <h2 className="cd-section-title">{t("financials.ratios")}</h2>
      <Alert type="info" showIcon title={t("financials.ratiosComputedHere")} style={{ marginBottom: 12 }} />
      <ExportBox name="ratios">
        <Table
          data-testid="ratios-table"
          size="small"
          pagination={false}
          scroll={{ x: "max-content" }}
          rowKey="key"
          dataSource={ratioRows}
          columns={[
            {
              key: "ratio",
              title: t("financials.ratio"),
              fixed: "left",
              render: (_, row) => t(`ratio.${row.key}`),
            },
            {
              key: "formula",
              title: t("financials.formula"),
              render: (_, row) => (
                <Typography.Text type="secondary">{t(`formula.${row.key}`)}</Typography.Text>
              ),
            },
            ...periodColumns.map((column, index) => ({
              ...column,
              render: (_: unknown, row: (typeof ratioRows)[number]) => {
                const value = row.values[index];
                if (!value) {
                  return t("common.empty");
                }
                return value.status === "ok" ? (
                  <span className="cd-num">{formatRatio(i18n, row.key, value)}</span>
                ) : (
                  <Typography.Text type="secondary" title={t(`notComputable.${value.reason}`)}>
                    {t("financials.notComputable")}
                  </Typography.Text>
                );
              },
            })),
          ]}
        />
      </ExportBox>

      <h2 className="cd-section-title">{t("financials.statements")}</h2>
      <ExportBox name="statements">
        <Table
          data-testid="statements-table"
          size="small"
          pagination={false}
          scroll={{ x: "max-content" }}
          rowKey="key"
          dataSource={lineRows}
          columns={[
            {
              key: "line",
              title: t("financials.line"),
              fixed: "left",
              render: (_, row) => t(`line.${row.key as StatementLine}`),
            },
            ...periodColumns.map((column, index) => ({
              ...column,
              render: (_: unknown, row: { key: StatementLine }) => {
                const s = statements[index];
                return s ? (
                  <span className="cd-num">{i18n.money(s[row.key], s.currency)}</span>
                ) : (
                  t("common.empty")
                );
              },
            })),
          ]}
        />
      </ExportBox>
    </>
  );
}
