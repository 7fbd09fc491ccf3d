import { Alert, Button, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo, useState } from "react";
import { ApiError, apiGet, apiGetOptional, apiPost } from "../../shared/api/client.ts";
import { EXPORT_PAGE_SIZE } from "../../shared/api/fetch-all-pages.ts";
import type { Customer } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { type I18n, useI18n } from "../../shared/i18n/i18n-context.tsx";
import { EChart } from "../../shared/ui/echart.tsx";
import { ExportAllButton } from "../../shared/ui/export-all-button.tsx";
import { EmptyState, LoadError, PageLoading } from "../../shared/ui/page-state.tsx";
import {
  type AssessmentView,
  BEHAVIOUR_METRICS,
  type BehaviourMetric,
  GRADE_COLOURS,
  localText,
  toAssessmentList,
  toAssessmentView,
} from "./assessment-view.ts";
import { BehaviourTrendChart } from "./behaviour-trend-chart.tsx";
import { ScoreHistoryChart } from "./score-history-chart.tsx";

/**
 * The customer's latest credit assessment (score, grade, PD, reasons, policy) and its history.
 * The assessment endpoints are new; their answer is read defensively (see assessment-view.ts), and
 * a missing endpoint or an empty history shows "not assessed yet".
 */
export function AssessmentTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<Error | undefined>(undefined);
  const history = useApi(
    (signal) => apiGetOptional<unknown>(`/customers/${customer.id}/assessments`, { limit: 20 }, signal),
    [customer.id],
  );
  // The latest assessment as a detail read: the list leaves out the recomputed behaviour (aging,
  // DSO …) and financial parts the key metrics and the aging chart show.
  const creditFile = useApi(
    (signal) => apiGetOptional<{ latest: unknown }>(`/customers/${customer.id}/credit-file`, {}, signal),
    [customer.id],
  );

  const run = async () => {
    setRunning(true);
    setRunError(undefined);
    try {
      await apiPost(`/customers/${customer.id}/assessments`, {});
      history.reload();
      creditFile.reload();
    } catch (error) {
      setRunError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setRunning(false);
    }
  };

  if (history.error) {
    return <LoadError error={history.error} onRetry={history.reload} />;
  }
  if (history.loading && history.data === undefined) {
    return <PageLoading />;
  }
  const endpointMissing = history.data === null;
  const items = toAssessmentList(history.data);
  const detail = toAssessmentView(creditFile.data?.latest);
  // The detail of the same assessment the list shows first (a newer one may be on its way).
  const latest = detail && detail.key === items[0]?.key ? detail : items[0];

  const runButton = endpointMissing ? null : (
    <Button type="primary" loading={running} onClick={() => void run()} data-testid="run-assessment">
      {running ? t("assessment.running") : t("assessment.run")}
    </Button>
  );
  const runFailed =
    runError === undefined ? null : (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        title={runError instanceof ApiError ? runError.message : String(runError)}
      />
    );

  if (!latest) {
    return (
      <div data-testid="assessment-empty">
        {runFailed}
        <EmptyState>
          <Typography.Title level={4} style={{ marginBottom: 4 }}>
            {t("assessment.notAssessed")}
          </Typography.Title>
          <div>{endpointMissing ? t("assessment.unavailable") : t("assessment.notAssessedHint")}</div>
          <div style={{ marginTop: 12 }}>{runButton}</div>
        </EmptyState>
        {/* Payment behaviour needs no assessment: the ledger alone gives it. */}
        <BehaviourTrendChart code={customer.code} />
      </div>
    );
  }

  return (
    <div data-testid="assessment">
      {runFailed}
      <LatestAssessment view={latest} extra={runButton} />
      <BehaviourTrendChart code={customer.code} />
      {items.length > 1 ? (
        <>
          <h2 className="cd-section-title">{t("assessment.history")}</h2>
          <ScoreHistoryChart items={items} />
          <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 4 }}>
            {/* The whole history (every page of the API), not only the 20 shown. */}
            <ExportAllButton<AssessmentView>
              name={`assessments-${customer.code}`}
              header={[
                t("assessment.assessedOn"),
                t("assessment.score"),
                t("assessment.grade"),
                t("assessment.pd"),
                t("assessment.scorecard"),
                t("creditFile.reasonCodes"),
              ]}
              fetchPage={async (cursor) => {
                const page = await apiGet<{ items: unknown[]; nextCursor: string | null }>(
                  `/customers/${customer.id}/assessments`,
                  { limit: EXPORT_PAGE_SIZE, cursor },
                );
                return { items: toAssessmentList(page), nextCursor: page.nextCursor };
              }}
              row={(a) => [
                i18n.date(a.assessedOn),
                i18n.number(a.score),
                a.grade ? i18n.label("grade", a.grade) : t("common.empty"),
                i18n.percent(a.pd, 2),
                a.model ?? t("common.empty"),
                a.reasons.map((r) => r.code).join(" "),
              ]}
              testId="assessments-export"
            />
          </div>
          <Table<AssessmentView>
            size="small"
            rowKey={(row) => row.key}
            pagination={false}
            dataSource={items}
            columns={[
              { key: "date", title: t("assessment.assessedOn"), render: (_, a) => i18n.date(a.assessedOn) },
              {
                key: "score",
                title: t("assessment.score"),
                align: "right",
                render: (_, a) => i18n.number(a.score),
              },
              { key: "grade", title: t("assessment.grade"), render: (_, a) => <GradeTag grade={a.grade} /> },
              {
                key: "pd",
                title: t("assessment.pd"),
                align: "right",
                render: (_, a) => i18n.percent(a.pd, 2),
              },
              {
                key: "model",
                title: t("assessment.scorecard"),
                render: (_, a) => a.model ?? t("common.empty"),
              },
              {
                key: "reasons",
                title: t("creditFile.reasonCodes"),
                render: (_, a) => (
                  <span data-testid="history-reasons">
                    {a.reasons.slice(0, 4).map((r, i) => (
                      <Tag key={r.code || i} title={localText(r.text, locale) ?? r.code}>
                        {r.code}
                      </Tag>
                    ))}
                  </span>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}

const AGING_COLOURS = ["#16a34a", "#facc15", "#f59e0b", "#ea580c", "#dc2626", "#7f1d1d"];
/** Message keys of the buckets (`aging.<key>`, shared with the dashboard). */
const AGING_LABELS = {
  current: "current",
  d1_30: "d1_30",
  d31_60: "d31_60",
  d61_90: "d61_90",
  d91_180: "d91_180",
  over180: "d180plus",
} as const;

function agingOption(i18n: I18n, rows: AssessmentView["aging"]): EChartsCoreOption {
  return {
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? i18n.percent(v, 1) : ""),
    },
    grid: { left: 48, right: 12, top: 12, bottom: 28 },
    xAxis: {
      type: "category",
      data: rows.map((r) => i18n.label("aging", AGING_LABELS[r.bucket])),
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: { type: "value", max: 1, axisLabel: { formatter: (v: number) => i18n.percent(v, 0) } },
    series: [
      {
        type: "bar",
        barMaxWidth: 40,
        data: rows.map((r, i) => ({ value: r.share, itemStyle: { color: AGING_COLOURS[i] } })),
      },
    ],
  };
}

/** 账龄: the customer's open balance by days past due as of the latest assessment, as shares. */
function AgingChart({ rows }: { rows: AssessmentView["aging"] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const option = useMemo(() => agingOption(i18n, rows), [i18n, rows]);
  return (
    <Card title={t("assessment.aging")} size="small" style={{ marginTop: 16 }} data-testid="customer-aging">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t("assessment.agingEmpty")}</Typography.Text>
      ) : (
        <EChart
          option={option}
          height={200}
          testId="customer-aging-chart"
          ariaLabel={`${t("assessment.aging")}: ${rows
            .map((r) => `${i18n.label("aging", AGING_LABELS[r.bucket])} ${i18n.percent(r.share, 1)}`)
            .join("; ")}`}
        />
      )}
    </Card>
  );
}

function GradeTag({ grade }: { grade: string | undefined }) {
  const i18n = useI18n();
  if (!grade) {
    return <>{i18n.t("common.empty")}</>;
  }
  return <Tag color={GRADE_COLOURS[grade] ?? "default"}>{i18n.label("grade", grade)}</Tag>;
}

function formatBehaviour(i18n: ReturnType<typeof useI18n>, metric: BehaviourMetric, value: number): string {
  switch (metric) {
    case "overdueShare":
      return i18n.percent(value, 1);
    case "cei":
      return i18n.number(value, 1);
    case "dso":
    case "addb":
    case "daysBeyondTerms6m":
    case "maxDaysPastDue":
      return i18n.t("common.days", { n: i18n.number(value, metric === "maxDaysPastDue" ? 0 : 1) });
    default: {
      const unreachable: never = metric;
      return unreachable;
    }
  }
}

function LatestAssessment({ view, extra }: { view: AssessmentView; extra: React.ReactNode }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const empty = t("common.empty");
  const p = view.policy;
  const summary =
    localText(p?.summary, locale) ?? (view.grade ? i18n.label("policy", view.grade) : undefined);
  const metrics = BEHAVIOUR_METRICS.filter((m) => view.behaviour[m] !== undefined);
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card data-testid="assessment-score">
            <Statistic title={t("assessment.score")} value={view.score ?? empty} />
            <Typography.Text type="secondary">{t("assessment.scoreScale")}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card>
            <div className="cd-stat-title">{t("assessment.grade")}</div>
            <div style={{ fontSize: 22, marginTop: 4 }} data-testid="assessment-grade">
              <GradeTag grade={view.grade} />
            </div>
            {view.previousGrade ? (
              <Typography.Text type="secondary">
                {t("assessment.previousGrade", { grade: i18n.label("grade", view.previousGrade) })}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t("assessment.pd")} value={i18n.percent(view.pd, 2)} />
            {view.notch !== undefined ? (
              <Typography.Text type="secondary">{t("assessment.notch", { n: view.notch })}</Typography.Text>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t("assessment.assessedOn")} value={i18n.date(view.assessedOn)} />
            <div style={{ marginTop: 8 }}>{extra}</div>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t("assessment.reasons")} size="small" data-testid="assessment-reasons">
            {view.reasons.length === 0 ? (
              empty
            ) : (
              <ol className="cd-reasons">
                {view.reasons.map((reason, index) => (
                  <li key={reason.code || index}>
                    <span>{localText(reason.text, locale)}</span>
                    {reason.pointsLost === undefined ? null : (
                      <span className="cd-num cd-points">
                        {t("assessment.points", { n: i18n.number(-Math.abs(reason.pointsLost)) })}
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t("assessment.policy")} size="small" data-testid="assessment-policy">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: "summary", label: t("assessment.policy"), children: summary ?? empty },
                {
                  key: "sales",
                  label: t("assessment.creditSales"),
                  children: i18n.label("creditSales", p?.creditSales),
                },
                {
                  key: "terms",
                  label: t("assessment.paymentTerms"),
                  children:
                    p?.paymentTermsDays === undefined
                      ? empty
                      : t("profile.termsValue", { n: p.paymentTermsDays }),
                },
                {
                  key: "max",
                  label: t("assessment.maxCreditPeriod"),
                  children:
                    p?.maxCreditPeriodDays === undefined
                      ? empty
                      : t("common.days", { n: p.maxCreditPeriodDays }),
                },
                {
                  key: "prepayment",
                  label: t("assessment.prepayment"),
                  // Basis points → share: 10,000 bps = 100 %.
                  children:
                    p?.prepaymentBps === undefined ? empty : i18n.percent(p.prepaymentBps / 10_000, 0),
                },
                {
                  key: "guarantee",
                  label: t("assessment.guarantee"),
                  children: i18n.label("guarantee", p?.guarantee),
                },
                {
                  key: "review",
                  label: t("assessment.reviewFrequency"),
                  children:
                    p?.reviewFrequencyMonths === undefined
                      ? empty
                      : t("assessment.reviewMonths", { n: p.reviewFrequencyMonths }),
                },
                { key: "model", label: t("assessment.scorecard"), children: view.model ?? empty },
              ]}
            />
          </Card>
          <Card title={t("assessment.keyMetrics")} size="small" style={{ marginTop: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: "altman",
                  label: t("assessment.altman"),
                  children: view.altman
                    ? t("assessment.altmanValue", {
                        value: i18n.number(view.altman.value, 2),
                        variant: i18n.label("altman", view.altman.variant),
                        zone: i18n.label("zone", view.altman.zone),
                      })
                    : empty,
                },
                ...metrics.map((metric) => ({
                  key: metric,
                  label: t(`behaviour.${metric}`),
                  children: formatBehaviour(i18n, metric, view.behaviour[metric] ?? 0),
                })),
              ]}
            />
          </Card>
          <AgingChart rows={view.aging} />
        </Col>
      </Row>
    </>
  );
}
