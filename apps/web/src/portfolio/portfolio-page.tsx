import { App, Button, Card, Col, Descriptions, Input, Row, Select, Space, Statistic, Tabs, Tag } from "antd";
import { useState } from "react";
import { apiGet, apiPost, apiUrl } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { EChart } from "../shared/ui/echart.tsx";
import { ExportTable } from "../shared/ui/export-table.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import {
  type Backtest,
  type BacktestRow,
  bandColour,
  type ExpectedLoss,
  GROUP_BY,
  type GroupBy,
  type LgdConfig,
  type Migration,
  migrationRows,
  type PortfolioConcentration,
  type PortfolioGroup,
  type PortfolioView,
  type StoredScenario,
  type StressResult,
} from "./portfolio-api.ts";
import {
  ConcentrationLimitModal,
  type ConcentrationLimitRow,
  LgdModal,
  ScenarioModal,
} from "./portfolio-forms.tsx";

const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

function ViewTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [groupBy, setGroupBy] = useState<GroupBy>("industry");
  const view = useApi(
    (signal) => apiGet<PortfolioView>("/portfolio/view", { asOf, groupBy, months: 12, limit: 50 }, signal),
    [asOf, groupBy],
  );
  if (view.error) {
    return <LoadError error={view.error} onRetry={view.reload} />;
  }
  const v = view.data;
  const cur = v?.baseCurrency ?? "CNY";
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t("portfolio.groupBy")}</span>
        <Select<GroupBy>
          aria-label={t("portfolio.groupBy")}
          data-testid="portfolio-group-by"
          style={{ width: 180 }}
          value={groupBy}
          onChange={setGroupBy}
          options={GROUP_BY.map((g) => ({ value: g, label: t(`portfolio.dim.${g}` as MessageKey) }))}
        />
      </Space>
      {v && (
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={6}>
            <Statistic title={t("portfolio.customers")} value={v.total.customers} />
          </Col>
          <Col span={6}>
            <Statistic title={t("portfolio.exposure")} value={i18n.money(v.total.exposureMinor, cur)} />
          </Col>
          <Col span={6}>
            <Statistic title={t("portfolio.overdue")} value={i18n.money(v.total.overdueMinor, cur)} />
          </Col>
          <Col span={6}>
            <Statistic title={t("portfolio.utilisation")} value={i18n.percent(v.total.utilisation)} />
          </Col>
        </Row>
      )}
      {v && v.total.trend.length > 0 && (
        <EChart
          ariaLabel={t("portfolio.trend")}
          height={240}
          testId="portfolio-trend"
          option={{
            tooltip: { trigger: "axis" },
            legend: { data: ["DSO", "ADDB", "CEI"] },
            xAxis: { type: "category", data: v.total.trend.map((m) => m.monthEnd.slice(0, 7)) },
            yAxis: [{ type: "value" }, { type: "value", max: 100 }],
            series: [
              { name: "DSO", type: "line", data: v.total.trend.map((m) => m.dso) },
              { name: "ADDB", type: "line", data: v.total.trend.map((m) => m.addb) },
              { name: "CEI", type: "line", yAxisIndex: 1, data: v.total.trend.map((m) => m.cei) },
            ],
          }}
        />
      )}
      <ExportTable<PortfolioGroup>
        exportName="portfolio-groups"
        size="small"
        rowKey="key"
        data-testid="portfolio-groups"
        loading={view.loading}
        pagination={false}
        dataSource={v?.groups ?? []}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "key", title: t(`portfolio.dim.${groupBy}` as MessageKey), dataIndex: "key" },
          { key: "customers", title: t("portfolio.customers"), dataIndex: "customers", align: "right" },
          {
            key: "exposure",
            title: t("portfolio.exposure"),
            align: "right",
            render: (_, g) => <span className="cd-num">{i18n.money(g.exposureMinor, cur)}</span>,
          },
          {
            key: "overdue",
            title: t("portfolio.overdue"),
            align: "right",
            render: (_, g) => <span className="cd-num">{i18n.money(g.overdueMinor, cur)}</span>,
          },
          {
            key: "limits",
            title: t("portfolio.limits"),
            align: "right",
            render: (_, g) => <span className="cd-num">{i18n.money(g.limitMinor, cur)}</span>,
          },
          {
            key: "utilisation",
            title: t("portfolio.utilisation"),
            align: "right",
            render: (_, g) => i18n.percent(g.utilisation),
          },
          { key: "over", title: t("portfolio.overLimit"), dataIndex: "overLimit", align: "right" },
        ]}
      />
    </>
  );
}

function ConcentrationTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const data = useApi(
    (signal) => apiGet<PortfolioConcentration>("/portfolio/concentration", { asOf, top: 10 }, signal),
    [asOf],
  );
  const [busy, setBusy] = useState(false);
  if (data.error) {
    return <LoadError error={data.error} onRetry={data.reload} />;
  }
  const c = data.data;
  const cur = c?.baseCurrency ?? "CNY";
  const check = async () => {
    setBusy(true);
    try {
      const r = await apiPost<{ alertsOpened: number; alertsUpdated: number; conditionsCleared: number }>(
        "/portfolio/concentration/check",
        { asOf },
      );
      void message.success(
        t("portfolio.checked", {
          opened: r.alertsOpened,
          updated: r.alertsUpdated,
          cleared: r.conditionsCleared,
        }),
      );
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const dims = c
    ? (Object.entries(c.dimensions) as [string, PortfolioConcentration["dimensions"]["customer"]][])
    : [];
  return (
    <>
      {can("portfolio:configure") && (
        <Button
          data-testid="portfolio-check"
          loading={busy}
          onClick={() => void check()}
          style={{ marginBottom: 12 }}
        >
          {t("portfolio.check")}
        </Button>
      )}
      <ExportTable
        exportName="portfolio-concentration"
        size="small"
        rowKey="dimension"
        data-testid="portfolio-concentration"
        loading={data.loading}
        pagination={false}
        dataSource={dims.map(([dimension, x]) => ({ dimension, ...x }))}
        columns={[
          {
            key: "dimension",
            title: t("portfolio.group"),
            render: (_, x) => t(`portfolio.dim.${x.dimension}` as MessageKey),
          },
          {
            key: "top1",
            title: t("portfolio.top1"),
            align: "right",
            render: (_, x) => i18n.percent(x.top1Share),
          },
          {
            key: "top5",
            title: t("portfolio.top5"),
            align: "right",
            render: (_, x) => i18n.percent(x.top5Share),
          },
          {
            key: "top10",
            title: t("portfolio.top10"),
            align: "right",
            render: (_, x) => i18n.percent(x.top10Share),
          },
          { key: "hhi", title: t("portfolio.hhi"), align: "right", render: (_, x) => i18n.number(x.hhi, 0) },
          {
            key: "band",
            title: t("portfolio.band"),
            render: (_, x) => (
              <Tag color={bandColour(x.band)}>{t(`portfolio.band.${x.band}` as MessageKey)}</Tag>
            ),
          },
        ]}
      />
      {c && (
        <EChart
          ariaLabel={t("portfolio.dim.customer")}
          height={260}
          option={{
            tooltip: {},
            xAxis: { type: "value", axisLabel: { formatter: "{value} %" } },
            yAxis: { type: "category", inverse: true, data: c.dimensions.customer.shares.map((s) => s.key) },
            series: [
              { type: "bar", data: c.dimensions.customer.shares.map((s) => Math.round(s.share * 1000) / 10) },
            ],
          }}
        />
      )}
      <h3>{t("portfolio.breaches")}</h3>
      <ExportTable
        exportName="concentration-breaches"
        size="small"
        rowKey={(b) => `${b.dimension}:${b.key}`}
        data-testid="portfolio-breaches"
        pagination={false}
        dataSource={c?.breaches ?? []}
        locale={{ emptyText: <EmptyState>{t("portfolio.noBreaches")}</EmptyState> }}
        columns={[
          {
            key: "dimension",
            title: t("portfolio.group"),
            render: (_, b) => t(`portfolio.dim.${b.dimension}` as MessageKey),
          },
          { key: "key", title: "", dataIndex: "key" },
          {
            key: "amount",
            title: t("portfolio.exposure"),
            align: "right",
            render: (_, b) => i18n.money(b.amountMinor, cur),
          },
          {
            key: "share",
            title: t("portfolio.share"),
            align: "right",
            render: (_, b) => i18n.percent(b.share),
          },
          {
            key: "limit",
            title: t("portfolio.limit"),
            align: "right",
            render: (_, b) => i18n.percent(b.maxShare),
          },
        ]}
      />
      <ConcentrationLimitsTable mayConfigure={can("portfolio:configure")} onSaved={data.reload} />
    </>
  );
}

/** The configured concentration limits, each editable by those who may configure the portfolio. */
function ConcentrationLimitsTable({ mayConfigure, onSaved }: { mayConfigure: boolean; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const limits = useApi(
    (signal) =>
      apiGet<{ items: ConcentrationLimitRow[] }>("/portfolio/concentration-limits", undefined, signal),
    [],
  );
  const [editing, setEditing] = useState<ConcentrationLimitRow | null>(null);
  if (limits.error) {
    return <LoadError error={limits.error} onRetry={limits.reload} />;
  }
  return (
    <>
      <h3>{t("portfolio.concentrationLimits")}</h3>
      <ExportTable<ConcentrationLimitRow>
        exportName="concentration-limits"
        size="small"
        rowKey="dimension"
        data-testid="portfolio-limits"
        loading={limits.loading}
        pagination={false}
        dataSource={limits.data?.items ?? []}
        columns={[
          {
            key: "dimension",
            title: t("portfolio.group"),
            render: (_, l) => t(`portfolio.dim.${l.dimension}` as MessageKey),
          },
          {
            key: "max",
            title: t("portfolio.maxShare"),
            align: "right",
            render: (_, l) => i18n.percent(l.maxShareBps / 10_000),
          },
          { key: "severity", title: t("portfolio.severity"), dataIndex: "severity" },
          { key: "department", title: t("portfolio.department"), dataIndex: "department" },
          {
            key: "active",
            title: t("portfolio.active"),
            render: (_, l) => (l.active ? t("portfolio.yes") : t("portfolio.no")),
          },
          ...(mayConfigure
            ? [
                {
                  key: "edit",
                  title: "",
                  render: (_: unknown, l: ConcentrationLimitRow) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(l)}
                      data-testid={`limit-edit-${l.dimension}`}
                    >
                      {t("portfolio.edit")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <ConcentrationLimitModal
          limit={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            limits.reload();
            onSaved();
          }}
        />
      ) : null}
    </>
  );
}

function ExpectedLossTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const data = useApi(
    (signal) => apiGet<ExpectedLoss>("/portfolio/expected-loss", { asOf, top: 20 }, signal),
    [asOf],
  );
  if (data.error) {
    return <LoadError error={data.error} onRetry={data.reload} />;
  }
  const el = data.data;
  const cur = el?.baseCurrency ?? "CNY";
  const industry = el?.byDimension.industry ?? [];
  return (
    <>
      {el && (
        <Row gutter={16} style={{ marginBottom: 12 }} data-testid="portfolio-el-summary">
          <Col span={6}>
            <Statistic title={t("portfolio.el")} value={i18n.money(el.elMinor, cur)} />
          </Col>
          <Col span={6}>
            <Statistic title={t("portfolio.ead")} value={i18n.money(el.eadMinor, cur)} />
          </Col>
          <Col span={6}>
            <Statistic title={t("portfolio.elRate")} value={i18n.percent(el.elRate, 3)} />
          </Col>
          <Col span={6}>
            <Statistic title={t("portfolio.insured")} value={i18n.money(el.insuredMinor, cur)} />
          </Col>
        </Row>
      )}
      {el && <LgdConfigView lgd={el.lgd} onSaved={data.reload} />}
      {el && el.unassessed.customers > 0 && (
        <p>
          {t("portfolio.unassessed", {
            n: el.unassessed.customers,
            amount: i18n.money(el.unassessed.eadMinor, cur),
          })}
        </p>
      )}
      {industry.length > 0 && (
        <EChart
          ariaLabel={t("portfolio.elByIndustry")}
          height={240}
          option={{
            tooltip: {},
            xAxis: { type: "category", data: industry.slice(0, 15).map((g) => g.key) },
            yAxis: { type: "value" },
            series: [{ type: "bar", data: industry.slice(0, 15).map((g) => g.elMinor / 100) }],
          }}
        />
      )}
      <ExportTable
        exportName="expected-loss"
        size="small"
        rowKey="customerId"
        data-testid="portfolio-el"
        loading={data.loading}
        pagination={false}
        dataSource={el?.customers ?? []}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "code", title: t("portfolio.dim.customer"), render: (_, c) => `${c.code} ${c.name}` },
          { key: "grade", title: t("portfolio.grade"), render: (_, c) => c.grade ?? "—" },
          { key: "pd", title: t("portfolio.pd"), align: "right", render: (_, c) => i18n.percent(c.pd, 2) },
          { key: "lgd", title: t("portfolio.lgd"), align: "right", render: (_, c) => i18n.percent(c.lgd) },
          {
            key: "ead",
            title: t("portfolio.ead"),
            align: "right",
            render: (_, c) => i18n.money(c.eadMinor, cur),
          },
          {
            key: "el",
            title: t("portfolio.el"),
            align: "right",
            render: (_, c) => i18n.money(c.elMinor, cur),
          },
        ]}
      />
    </>
  );
}

/**
 * The LGD configuration the EL figures above were computed with (it comes with them, so the two
 * cannot disagree), editable by those who may configure the portfolio; saving reloads the figures.
 */
function LgdConfigView({ lgd, onSaved }: { lgd: LgdConfig; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  // Basis points are shown exactly (45 %, 35.55 %), not rounded to the page's one decimal.
  const percent = (ratio: number, digits: number) =>
    new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: digits }).format(ratio);
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={4}
        data-testid="lgd-config"
        style={{ marginBottom: 12 }}
        title={
          <span style={{ fontSize: 14 }}>
            {t("portfolio.lgdConfig")}{" "}
            <Tag>
              {lgd.version === 0 ? t("portfolio.lgdDefaults") : t("portfolio.lgdVersion", { n: lgd.version })}
            </Tag>
          </span>
        }
        extra={
          can("portfolio:configure") ? (
            <Button size="small" onClick={() => setEditing(true)} data-testid="lgd-edit">
              {t("portfolio.editLgd")}
            </Button>
          ) : null
        }
        items={[
          {
            key: "unsecured",
            label: t("portfolio.lgdUnsecured"),
            children: percent(lgd.unsecuredBps / 10_000, 2),
          },
          {
            key: "collateral",
            label: t("portfolio.lgdCollateral"),
            children: percent(lgd.collateralBps / 10_000, 2),
          },
          {
            key: "guarantee",
            label: t("portfolio.lgdGuarantee"),
            children: percent(lgd.guaranteeBps / 10_000, 2),
          },
          {
            key: "unassessedPd",
            label: t("portfolio.unassessedPd"),
            children:
              lgd.unassessedPd === null ? t("portfolio.unassessedPdNone") : percent(lgd.unassessedPd, 4),
          },
        ]}
      />
      {editing ? <LgdModal lgd={lgd} onClose={() => setEditing(false)} onSaved={onSaved} /> : null}
    </>
  );
}

function MigrationTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [from, setFrom] = useState(daysBefore(asOf, 365));
  const [to, setTo] = useState(asOf);
  const data = useApi(
    (signal) => apiGet<Migration>("/portfolio/migration", { from, to }, signal),
    [from, to],
  );
  const m = data.data;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t("portfolio.from")}</span>
        <Input
          type="date"
          aria-label={t("portfolio.from")}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <span>{t("portfolio.to")}</span>
        <Input
          type="date"
          aria-label={t("portfolio.to")}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </Space>
      {data.error ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : (
        <>
          {m && (
            <p>
              {t("portfolio.population", {
                n: m.population,
                down: i18n.percent(m.downgraded),
                up: i18n.percent(m.upgraded),
              })}
            </p>
          )}
          <ExportTable
            exportName="grade-migration"
            size="small"
            rowKey="row"
            data-testid="portfolio-migration"
            loading={data.loading}
            pagination={false}
            dataSource={m ? migrationRows(m) : []}
            columns={[
              { key: "row", title: `${from} \\ ${to}`, dataIndex: "row" },
              ...(m?.columns ?? []).map((c) => ({ key: c, title: c, dataIndex: c, align: "right" as const })),
              { key: "total", title: "Σ", dataIndex: "total", align: "right" as const },
            ]}
          />
        </>
      )}
    </>
  );
}

/** Back-test of predicted PDs: customers assessed by the start date against the defaults after it. */
function BacktestTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [start, setStart] = useState(daysBefore(asOf, 365));
  const [horizon, setHorizon] = useState(12);
  const data = useApi(
    (signal) => apiGet<Backtest>("/portfolio/backtest", { start, horizonMonths: horizon }, signal),
    [start, horizon],
  );
  const rows = data.data ? [...data.data.rows, data.data.total] : [];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t("portfolio.backtestStart")}</span>
        <Input
          type="date"
          aria-label={t("portfolio.backtestStart")}
          data-testid="portfolio-backtest-start"
          value={start}
          onChange={(e) => e.target.value && setStart(e.target.value)}
        />
        <span>{t("portfolio.horizon")}</span>
        <Select<number>
          aria-label={t("portfolio.horizon")}
          value={horizon}
          onChange={setHorizon}
          style={{ width: 120 }}
          options={[3, 6, 12, 24].map((m) => ({ value: m, label: t("portfolio.months", { n: m }) }))}
        />
      </Space>
      {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
      <ExportTable<BacktestRow>
        exportName="pd-backtest"
        size="small"
        rowKey="grade"
        data-testid="portfolio-backtest"
        loading={data.loading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <EmptyState>{t("portfolio.backtestEmpty")}</EmptyState> }}
        columns={[
          { key: "grade", title: t("portfolio.grade"), dataIndex: "grade" },
          { key: "n", title: t("portfolio.obligors"), dataIndex: "obligors", align: "right" },
          {
            key: "pd",
            title: t("portfolio.predictedPd"),
            align: "right",
            render: (_, r) => i18n.percent(r.predictedPd, 2),
          },
          {
            key: "expected",
            title: t("portfolio.expectedDefaults"),
            align: "right",
            render: (_, r) => r.expectedDefaults.toFixed(1),
          },
          { key: "defaults", title: t("portfolio.defaults"), dataIndex: "defaults", align: "right" },
          {
            key: "observed",
            title: t("portfolio.observedRate"),
            align: "right",
            render: (_, r) => i18n.percent(r.observedRate, 2),
          },
          { key: "p", title: "p", align: "right", render: (_, r) => r.pValue.toFixed(3) },
          {
            key: "result",
            title: t("portfolio.result"),
            render: (_, r) => (
              <Tag color={r.result === "pass" ? "green" : "red"}>
                {r.result === "pass" ? t("portfolio.pass") : t("portfolio.fail")}
              </Tag>
            ),
          },
        ]}
      />
    </>
  );
}

function StressTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useApi(
    (signal) => apiGet<{ items: StoredScenario[] }>("/portfolio/stress-scenarios", undefined, signal),
    [],
  );
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const result = useApi(
    (signal) =>
      chosen === undefined
        ? Promise.resolve(null)
        : apiGet<StressResult>(`/portfolio/stress-scenarios/${chosen}/result`, { asOf, top: 20 }, signal),
    [chosen, asOf],
  );
  if (list.error) {
    return <LoadError error={list.error} onRetry={list.reload} />;
  }
  const items = list.data?.items ?? [];
  const r = result.data;
  const cur = r?.baseCurrency ?? "CNY";
  const create = can("portfolio:configure") ? (
    <>
      <Button onClick={() => setCreating(true)} data-testid="portfolio-new-scenario">
        {t("portfolio.newScenario")}
      </Button>
      {creating ? (
        <ScenarioModal
          baseCurrency={cur}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            list.reload();
            setChosen(id);
          }}
        />
      ) : null}
    </>
  ) : null;
  if (!list.loading && items.length === 0) {
    return (
      <>
        <EmptyState>{t("portfolio.noScenarios")}</EmptyState>
        {create}
      </>
    );
  }
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {create}
        <span>{t("portfolio.scenario")}</span>
        <Select<number>
          aria-label={t("portfolio.scenario")}
          data-testid="portfolio-scenario"
          style={{ minWidth: 260 }}
          {...(chosen === undefined ? {} : { value: chosen })}
          onChange={(value) => setChosen(value)}
          options={items.map((s) => ({ value: s.id, label: s.scenario.name }))}
        />
      </Space>
      {result.error && <LoadError error={result.error} onRetry={result.reload} />}
      {r && (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }} data-testid="portfolio-stress-result">
            <Col span={8}>
              <Statistic title={t("portfolio.el")} value={i18n.money(r.baseElMinor, cur)} />
            </Col>
            <Col span={8}>
              <Statistic title={t("portfolio.stressedEl")} value={i18n.money(r.stressedElMinor, cur)} />
            </Col>
            <Col span={8}>
              <Statistic title={t("portfolio.deltaEl")} value={i18n.money(r.deltaElMinor, cur)} />
            </Col>
          </Row>
          <h3>{t("portfolio.newBreaches")}</h3>
          <ul>
            {r.newConcentrationBreaches.map((b) => (
              <li key={`${b.dimension}:${b.key}`}>
                {t(`portfolio.dim.${b.dimension}` as MessageKey)} {b.key}: {i18n.percent(b.share)} &gt;{" "}
                {i18n.percent(b.maxShare)}
              </li>
            ))}
          </ul>
          <h3>{t("portfolio.limitBreaches")}</h3>
          <ExportTable
            exportName="stress-limit-breaches"
            size="small"
            rowKey="customerId"
            pagination={false}
            dataSource={r.limitBreaches}
            columns={[
              { key: "code", title: t("portfolio.dim.customer"), dataIndex: "code" },
              {
                key: "exposure",
                title: t("portfolio.exposure"),
                align: "right",
                render: (_, b) => i18n.money(b.exposureMinor, cur),
              },
              {
                key: "limit",
                title: t("portfolio.limits"),
                align: "right",
                render: (_, b) => i18n.money(b.limitMinor, cur),
              },
            ]}
          />
        </>
      )}
    </>
  );
}

/** 组合风险: portfolio view, concentration, expected loss, grade migration and stress tests. */
export default function PortfolioPage() {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState(today());
  return (
    <>
      <PageHeader title={t("portfolio.title")} subtitle={t("portfolio.subtitle")} />
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <span>{t("portfolio.asOf")}</span>
          <Input
            type="date"
            aria-label={t("portfolio.asOf")}
            data-testid="portfolio-as-of"
            value={asOf}
            onChange={(e) => e.target.value && setAsOf(e.target.value)}
          />
          {(["html", "pdf", "xlsx"] as const).map((format) => (
            <Button key={format} href={apiUrl("/portfolio/report", { asOf, format })} target="_blank">
              {t("portfolio.report")} {format.toUpperCase()}
            </Button>
          ))}
        </Space>
        <Tabs
          items={[
            { key: "view", label: t("portfolio.tab.view"), children: <ViewTab asOf={asOf} /> },
            {
              key: "concentration",
              label: t("portfolio.tab.concentration"),
              children: <ConcentrationTab asOf={asOf} />,
            },
            { key: "el", label: t("portfolio.tab.el"), children: <ExpectedLossTab asOf={asOf} /> },
            { key: "migration", label: t("portfolio.tab.migration"), children: <MigrationTab asOf={asOf} /> },
            { key: "backtest", label: t("portfolio.tab.backtest"), children: <BacktestTab asOf={asOf} /> },
            { key: "stress", label: t("portfolio.tab.stress"), children: <StressTab asOf={asOf} /> },
          ]}
        />
      </Card>
    </>
  );
}
