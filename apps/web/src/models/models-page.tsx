import { Card, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { apiGet } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportButton } from "../shared/ui/export-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import { ModelComparisonCard, ModelRegistry } from "./model-registry.tsx";
import {
  type ScorecardDefinition,
  type ScorecardRow,
  type ScorecardSummary,
  scorecardRows,
} from "./models-api.ts";

/** 模型与评分卡: the expert scorecard versions as tables, the model registry and champion vs challenger. */
export default function ModelsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("models.title")} subtitle={t("models.subtitle")} />
      <Card>
        <Tabs
          items={[
            { key: "scorecards", label: t("models.tab.scorecards"), children: <Scorecards /> },
            { key: "registry", label: t("models.tab.registry"), children: <ModelRegistry /> },
            { key: "comparison", label: t("models.tab.comparison"), children: <ModelComparisonCard /> },
          ]}
        />
      </Card>
    </>
  );
}

function Scorecards() {
  const i18n = useI18n();
  const { t } = i18n;
  const versions = useApi((signal) => apiGet<ScorecardSummary[]>("/scorecards", {}, signal), []);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const version =
    chosen ?? versions.data?.find((v) => v.status === "active")?.version ?? versions.data?.[0]?.version;
  const card = useApi(
    (signal) =>
      version
        ? apiGet<{ version: string; status: string; definition: ScorecardDefinition }>(
            `/scorecards/${encodeURIComponent(version)}`,
            {},
            signal,
          )
        : Promise.resolve(null),
    [version],
  );
  if (versions.error) {
    return <LoadError error={versions.error} onRetry={versions.reload} />;
  }
  if (!versions.data) {
    return <PageLoading />;
  }
  if (versions.data.length === 0) {
    return <EmptyState>{t("models.noScorecards")}</EmptyState>;
  }
  const def = card.data?.definition;
  const rows = def ? scorecardRows(def, { locale: i18n.locale, missing: t("models.missingBin") }) : [];
  const header = [t("models.characteristic"), t("models.reasonCode"), t("models.bin"), t("models.points")];
  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: "100%", justifyContent: "space-between" }}>
        <Space wrap>
          <Select<string>
            aria-label={t("models.version")}
            style={{ minWidth: 220 }}
            value={version ?? null}
            onChange={setChosen}
            options={versions.data.map((v) => ({
              value: v.version,
              label: `${v.version} · ${i18n.label("scorecardStatus", v.status)}`,
            }))}
            data-testid="scorecard-version"
          />
          {def ? (
            <Typography.Text type="secondary">
              {t("models.scale", {
                base: def.basePoints ?? 0,
                points: def.scale.points,
                odds: def.scale.odds,
                pdo: def.scale.pdo,
              })}
            </Typography.Text>
          ) : null}
        </Space>
        <ExportButton
          name={`scorecard-${version ?? ""}`}
          header={header}
          rows={() => rows.map((r) => [r.label, r.code, r.bin, r.points])}
        />
      </Space>
      {card.error ? <LoadError error={card.error} onRetry={card.reload} /> : null}
      <Table<ScorecardRow>
        size="small"
        bordered
        rowKey="key"
        loading={card.loading}
        pagination={false}
        data-testid="scorecard-table"
        dataSource={rows}
        columns={[
          {
            key: "label",
            title: header[0],
            onCell: (r) => ({ rowSpan: r.span }),
            render: (_, r) => (
              <>
                <div>{r.label}</div>
                {r.label === r.source ? null : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.source}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            key: "code",
            title: header[1],
            onCell: (r) => ({ rowSpan: r.span }),
            render: (_, r) => <code>{r.code}</code>,
          },
          { key: "bin", title: header[2], dataIndex: "bin" },
          {
            key: "points",
            title: header[3],
            align: "right",
            render: (_, r) => (
              <span className="cd-num">{i18n.number(r.points, Number.isInteger(r.points) ? 0 : 1)}</span>
            ),
          },
        ]}
      />
      {def?.overrides && def.overrides.length > 0 ? (
        <>
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <h2 className="cd-section-title">{t("models.overrides")}</h2>
            <ExportButton
              name={`scorecard-${version ?? ""}-overrides`}
              header={[t("models.reasonCode"), t("models.override"), t("models.maxGrade"), t("models.why")]}
              rows={() =>
                (def.overrides ?? []).map((o) => [
                  o.code,
                  i18n.locale === "zh-CN" ? o.text.zh : o.text.en,
                  i18n.label("grade", o.maxGrade),
                  o.description ?? t("common.empty"),
                ])
              }
            />
          </Space>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={def.overrides}
            columns={[
              { key: "code", title: t("models.reasonCode"), render: (_, o) => <code>{o.code}</code> },
              {
                key: "text",
                title: t("models.override"),
                render: (_, o) => (i18n.locale === "zh-CN" ? o.text.zh : o.text.en),
              },
              {
                key: "max",
                title: t("models.maxGrade"),
                render: (_, o) => <Tag>{i18n.label("grade", o.maxGrade)}</Tag>,
              },
              { key: "why", title: t("models.why"), render: (_, o) => o.description ?? t("common.empty") },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
