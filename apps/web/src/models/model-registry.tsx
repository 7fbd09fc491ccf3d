import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  InputNumber,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo, useState } from "react";
import { ApiError, apiGet } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { type I18n, useI18n } from "../shared/i18n/i18n-context.tsx";
import { EChart } from "../shared/ui/echart.tsx";
import { ExportBox } from "../shared/ui/export-box.tsx";
import { ExportButton } from "../shared/ui/export-button.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import type { CurveLine } from "./curve-charts.ts";
import { ModelCurves } from "./model-curves.tsx";
import {
  type ModelComparison,
  psiColour,
  type RegisteredModel,
  type RegisteredModelDetail,
} from "./models-api.ts";

const METRICS = ["auc", "ks", "gini"] as const;

/** Stored train and validation AUC, KS and Gini of each model, side by side. */
function metricsOption(i18n: I18n, models: RegisteredModel[]): EChartsCoreOption {
  const names = models.map((m) => `${m.name} v${m.version}`);
  return {
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? i18n.number(v, 3) : ""),
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: names },
    yAxis: { type: "value", min: 0, max: 1 },
    series: METRICS.flatMap((metric) =>
      (["train", "validation"] as const).map((part) => ({
        name: `${metric.toUpperCase()} · ${i18n.t(`models.${part}`)}`,
        type: "bar",
        data: models.map((m) => m.metrics[part]?.[metric] ?? null),
      })),
    ),
  };
}

export function ModelRegistry() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useApi((signal) => apiGet<{ items: RegisteredModel[] }>("/models", {}, signal), []);
  const [selected, setSelected] = useState<number | null>(null);
  const items = list.data?.items ?? [];
  const option = useMemo(() => metricsOption(i18n, items), [i18n, items]);
  if (list.error) {
    return <LoadError error={list.error} onRetry={list.reload} />;
  }
  const f = (v: number | null | undefined) => i18n.number(v ?? null, 3);
  const header = [
    t("models.name"),
    t("models.method"),
    t("models.role"),
    "AUC",
    "KS",
    "Gini",
    t("models.validationAuc"),
    t("models.rows"),
  ];
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Text type="secondary">{t("models.registryHint")}</Typography.Text>
        <ExportButton
          name="models"
          header={header}
          rows={() =>
            items.map((m) => [
              `${m.name} v${m.version}`,
              m.method,
              m.role,
              m.metrics.train?.auc,
              m.metrics.train?.ks,
              m.metrics.train?.gini,
              m.metrics.validation?.auc,
              m.trainingRows,
            ])
          }
        />
      </Space>
      <Table<RegisteredModel>
        size="small"
        rowKey="id"
        loading={list.loading}
        pagination={false}
        data-testid="model-registry"
        dataSource={items}
        locale={{ emptyText: <EmptyState>{t("models.noModels")}</EmptyState> }}
        onRow={(m) => ({ onClick: () => setSelected(m.id), style: { cursor: "pointer" } })}
        columns={[
          {
            key: "name",
            title: header[0],
            render: (_, m) => (
              // A button, so the keyboard reaches it (a link without href is not focusable).
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setSelected(m.id)}>
                {`${m.name} v${m.version}`}
              </Button>
            ),
          },
          { key: "method", title: header[1], render: (_, m) => i18n.label("modelMethod", m.method) },
          {
            key: "role",
            title: header[2],
            render: (_, m) => (
              <Tag color={m.role === "champion" ? "gold" : "default"}>{i18n.label("modelRole", m.role)}</Tag>
            ),
          },
          { key: "auc", title: header[3], align: "right", render: (_, m) => f(m.metrics.train?.auc) },
          { key: "ks", title: header[4], align: "right", render: (_, m) => f(m.metrics.train?.ks) },
          { key: "gini", title: header[5], align: "right", render: (_, m) => f(m.metrics.train?.gini) },
          { key: "vauc", title: header[6], align: "right", render: (_, m) => f(m.metrics.validation?.auc) },
          { key: "rows", title: header[7], align: "right", render: (_, m) => i18n.number(m.trainingRows) },
        ]}
      />
      {items.length > 0 ? (
        <Card size="small" title={t("models.metricsChart")} style={{ marginTop: 16 }}>
          <EChart
            option={option}
            ariaLabel={t("models.metricsChart")}
            height={260}
            testId="models-metrics-chart"
          />
          <Typography.Text type="secondary">{t("models.curvesNote")}</Typography.Text>
        </Card>
      ) : null}
      {selected !== null ? <ModelDetail id={selected} /> : null}
    </>
  );
}

function ModelDetail({ id }: { id: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const model = useApi((signal) => apiGet<RegisteredModelDetail>(`/models/${id}`, {}, signal), [id]);
  if (model.error) {
    return <LoadError error={model.error} onRetry={model.reload} />;
  }
  const m = model.data;
  if (!m) {
    return <Spin />;
  }
  const lines: CurveLine[] = (["train", "validation"] as const).flatMap((part) => {
    const curves = m.curves?.[part];
    return curves ? [{ name: t(`models.${part}`), curves, auc: m.metrics[part]?.auc ?? null }] : [];
  });
  const rows = (m.scorecard ?? []).flatMap((f) =>
    f.bins.map((b, i) => ({
      key: `${f.name}-${i}`,
      feature: f.name,
      iv: f.iv,
      span: i === 0 ? f.bins.length : 0,
      ...b,
    })),
  );
  return (
    <Card size="small" title={`${m.name} v${m.version}`} style={{ marginTop: 16 }} data-testid="model-detail">
      <ModelCurves lines={lines} x="score" testId="model-curves" empty={t("models.noCurves")} />
      <div style={{ display: "flex", justifyContent: "flex-end", margin: "12px 0 4px" }}>
        {m.scorecard ? (
          <ExportButton
            name={`model-${m.name}-v${m.version}-bins`}
            header={[
              t("models.characteristic"),
              "IV",
              t("models.bin"),
              t("models.good"),
              t("models.bad"),
              "WOE",
              t("models.points"),
            ]}
            rows={() =>
              rows.map((r) => [
                r.feature,
                i18n.number(r.iv, 3),
                r.label,
                r.good,
                r.bad,
                i18n.number(r.woe, 3),
                i18n.number(r.points, 1),
              ])
            }
            testId="model-bins-export"
          />
        ) : (
          <ExportButton
            name={`model-${m.name}-v${m.version}-importance`}
            header={[t("models.characteristic"), t("models.gain")]}
            rows={() => (m.importance ?? []).map((r) => [r.feature, i18n.number(r.gain, 2)])}
          />
        )}
      </div>
      {m.scorecard ? (
        <Table
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              key: "feature",
              title: t("models.characteristic"),
              onCell: (r) => ({ rowSpan: r.span }),
              render: (_, r) => `${r.feature} (IV ${i18n.number(r.iv, 3)})`,
            },
            { key: "bin", title: t("models.bin"), dataIndex: "label" },
            { key: "good", title: t("models.good"), align: "right", dataIndex: "good" },
            { key: "bad", title: t("models.bad"), align: "right", dataIndex: "bad" },
            { key: "woe", title: "WOE", align: "right", render: (_, r) => i18n.number(r.woe, 3) },
            {
              key: "points",
              title: t("models.points"),
              align: "right",
              render: (_, r) => i18n.number(r.points, 1),
            },
          ]}
        />
      ) : (
        <Table
          size="small"
          rowKey="feature"
          pagination={false}
          dataSource={m.importance ?? []}
          columns={[
            { key: "feature", title: t("models.characteristic"), dataIndex: "feature" },
            {
              key: "gain",
              title: t("models.gain"),
              align: "right",
              render: (_, r) => i18n.number(r.gain, 2),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Champion vs latest challenger scored on the same own-history rows (computed on request). */
export function ModelComparisonCard() {
  const i18n = useI18n();
  const { t } = i18n;
  const [horizon, setHorizon] = useState(12);
  const [state, setState] = useState<
    | { kind: "idle" }
    | { kind: "busy" }
    | { kind: "done"; result: ModelComparison }
    | { kind: "error"; error: Error }
  >({ kind: "idle" });
  const run = async () => {
    setState({ kind: "busy" });
    try {
      setState({
        kind: "done",
        result: await apiGet<ModelComparison>("/models/comparison", { horizonMonths: horizon }),
      });
    } catch (error) {
      setState({ kind: "error", error: error instanceof Error ? error : new Error(String(error)) });
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="compare-horizon">{t("models.horizon")}</label>
        <InputNumber
          id="compare-horizon"
          min={1}
          max={36}
          value={horizon}
          onChange={(v) => setHorizon(v ?? 12)}
        />
        <Button
          type="primary"
          loading={state.kind === "busy"}
          onClick={() => void run()}
          data-testid="models-compare"
        >
          {state.kind === "busy" ? t("models.comparing") : t("models.compare")}
        </Button>
      </Space>
      {state.kind === "idle" ? (
        <Typography.Paragraph type="secondary">{t("models.compareHint")}</Typography.Paragraph>
      ) : null}
      {state.kind === "error" ? (
        state.error instanceof ApiError && state.error.status === 404 ? (
          <EmptyState>{t("models.noChampion")}</EmptyState>
        ) : (
          <Alert type="error" showIcon title={state.error.message} />
        )
      ) : null}
      {state.kind === "done" ? <ComparisonResult result={state.result} /> : null}
    </>
  );
}

function ComparisonResult({ result }: { result: ModelComparison }) {
  const i18n = useI18n();
  const { t } = i18n;
  const f = (v: number | null) => i18n.number(v, 3);
  const rows = (["champion", "challenger"] as const).map((role) => ({ role, ...result[role] }));
  const lines: CurveLine[] = rows.flatMap((r) =>
    r.curves
      ? [{ name: `${i18n.label("modelRole", r.role)} ${r.name} v${r.version}`, curves: r.curves, auc: r.auc }]
      : [],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <ExportBox name="model-comparison">
          <Table
            size="small"
            rowKey="role"
            pagination={false}
            dataSource={rows}
            data-testid="model-comparison"
            columns={[
              { key: "role", title: t("models.role"), render: (_, r) => i18n.label("modelRole", r.role) },
              { key: "name", title: t("models.name"), render: (_, r) => `${r.name} v${r.version}` },
              { key: "auc", title: "AUC", align: "right", render: (_, r) => f(r.auc) },
              { key: "ks", title: "KS", align: "right", render: (_, r) => f(r.ks) },
              { key: "gini", title: "Gini", align: "right", render: (_, r) => f(r.gini) },
              { key: "brier", title: "Brier", align: "right", render: (_, r) => f(r.brier) },
              {
                key: "pd",
                title: t("models.meanPd"),
                align: "right",
                render: (_, r) => i18n.percent(r.meanPd, 2),
              },
            ]}
          />
        </ExportBox>
      </Col>
      <Col xs={24} lg={8}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: "asOf", label: t("models.asOf"), children: i18n.date(result.asOf) },
            {
              key: "rows",
              label: t("models.rows"),
              children: `${i18n.number(result.rows)} (${i18n.percent(result.badRate, 1)})`,
            },
            { key: "delta", label: t("models.aucDelta"), children: f(result.aucDelta) },
            {
              key: "psi",
              label: "PSI",
              children: (
                <Tag color={psiColour(result.scorePsi.band)}>
                  {f(result.scorePsi.psi)} · {i18n.label("psiBand", result.scorePsi.band)}
                </Tag>
              ),
            },
          ]}
        />
      </Col>
      <Col span={24}>
        <ModelCurves lines={lines} x="population" testId="comparison-curves" empty={t("models.oneClass")} />
      </Col>
    </Row>
  );
}
