import { App, Card, Switch, Table, Tabs, Tag, Typography } from "antd";
import { severityColour } from "../alerts/alerts-api.ts";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportBox } from "../shared/ui/export-box.tsx";
import { ExportButton } from "../shared/ui/export-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import { AuthorityPanel } from "./authority-panel.tsx";
import {
  type AssessmentConfig,
  bandRanges,
  type MonitoringRule,
  policyRows,
  thresholdText,
} from "./settings-api.ts";
import { UsersPanel } from "./users-panel.tsx";

/** 设置: grade bands and policy table (read only), monitoring rules, authority matrix and users. */
export default function SettingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const tabs = [
    ...(can("scorecards:read")
      ? [{ key: "grades", label: t("settings.tab.grades"), children: <GradesPanel /> }]
      : []),
    ...(can("alerts:read")
      ? [{ key: "rules", label: t("settings.tab.rules"), children: <RulesPanel /> }]
      : []),
    ...(can("limits:read")
      ? [{ key: "authority", label: t("settings.tab.authority"), children: <AuthorityPanel /> }]
      : []),
    ...(can("users:read")
      ? [{ key: "users", label: t("settings.tab.users"), children: <UsersPanel /> }]
      : []),
  ];
  return (
    <>
      <PageHeader title={t("settings.title")} subtitle={t("settings.subtitle")} />
      <Card>
        <Tabs items={tabs} />
      </Card>
    </>
  );
}

function GradesPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const config = useApi((signal) => apiGet<AssessmentConfig>("/assessment-config", {}, signal), []);
  if (config.error) {
    return <LoadError error={config.error} onRetry={config.reload} />;
  }
  if (!config.data) {
    return <PageLoading />;
  }
  const bands = bandRanges(config.data.bands);
  const policies = policyRows(config.data.policyTable);
  const range = (from: number | null, below: number | null) =>
    from === null ? `< ${below}` : below === null ? `≥ ${from}` : `${from} – < ${below}`;
  const policyHeader = [
    t("settings.grade"),
    t("assessment.creditSales"),
    t("assessment.paymentTerms"),
    t("assessment.maxCreditPeriod"),
    t("assessment.prepayment"),
    t("assessment.guarantee"),
    t("settings.limitFactor"),
    t("assessment.reviewFrequency"),
    t("assessment.policy"),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t("settings.readOnlyConfig")}</Typography.Paragraph>
      <h2 className="cd-section-title">{t("settings.gradeBands")}</h2>
      <ExportBox name="grade-bands">
        <Table
          size="small"
          rowKey="grade"
          pagination={false}
          data-testid="grade-bands"
          dataSource={bands}
          columns={[
            {
              key: "grade",
              title: t("settings.grade"),
              render: (_, b) => <Tag>{i18n.label("grade", b.grade)}</Tag>,
            },
            { key: "range", title: t("settings.scoreRange"), render: (_, b) => range(b.from, b.below) },
          ]}
        />
      </ExportBox>
      <h2 className="cd-section-title" style={{ display: "flex", justifyContent: "space-between" }}>
        {t("settings.policyTable")}
        <ExportButton
          name="policy-table"
          header={policyHeader}
          rows={() =>
            policies.map((p) => [
              i18n.label("grade", p.grade),
              i18n.label("creditSales", p.creditSales),
              p.paymentTermsDays,
              p.maxCreditPeriodDays,
              p.prepaymentBps / 10_000,
              i18n.label("guarantee", p.guarantee),
              p.limitGradeFactor,
              p.reviewFrequencyMonths,
              i18n.locale === "zh-CN" ? p.summary.zh : p.summary.en,
            ])
          }
        />
      </h2>
      <Table
        size="small"
        rowKey="grade"
        pagination={false}
        data-testid="policy-table"
        dataSource={policies}
        scroll={{ x: "max-content" }}
        columns={[
          {
            key: "grade",
            title: policyHeader[0],
            render: (_, p) => <Tag>{i18n.label("grade", p.grade)}</Tag>,
          },
          {
            key: "sales",
            title: policyHeader[1],
            render: (_, p) => i18n.label("creditSales", p.creditSales),
          },
          {
            key: "terms",
            title: policyHeader[2],
            render: (_, p) => t("common.days", { n: p.paymentTermsDays }),
          },
          {
            key: "max",
            title: policyHeader[3],
            render: (_, p) => t("common.days", { n: p.maxCreditPeriodDays }),
          },
          // Basis points → share: 10,000 bps = 100 %.
          { key: "pre", title: policyHeader[4], render: (_, p) => i18n.percent(p.prepaymentBps / 10_000, 0) },
          {
            key: "guarantee",
            title: policyHeader[5],
            render: (_, p) => i18n.label("guarantee", p.guarantee),
          },
          { key: "factor", title: policyHeader[6], render: (_, p) => i18n.number(p.limitGradeFactor, 2) },
          {
            key: "review",
            title: policyHeader[7],
            render: (_, p) => t("assessment.reviewMonths", { n: p.reviewFrequencyMonths }),
          },
          {
            key: "summary",
            title: policyHeader[8],
            render: (_, p) => (i18n.locale === "zh-CN" ? p.summary.zh : p.summary.en),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t("settings.coreReview", { n: config.data.policyTable.coreCustomerReviewMonths })}
      </Typography.Paragraph>
    </>
  );
}

function RulesPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const rules = useApi((signal) => apiGet<MonitoringRule[]>("/monitoring/rules", {}, signal), []);
  if (rules.error) {
    return <LoadError error={rules.error} onRetry={rules.reload} />;
  }
  const items = rules.data ?? [];
  const header = [
    t("settings.rule"),
    t("settings.condition"),
    t("alerts.severity"),
    t("settings.department"),
    t("alerts.action"),
    t("settings.enabled"),
  ];
  const condition = (r: MonitoringRule) => thresholdText(r.rule, t("settings.ownAverage"));
  const mayConfigure = can("monitoring:configure");
  // Saving a rule makes a new active version of its code (apps/server/src/monitoring).
  const toggle = async (r: MonitoringRule, enabled: boolean) => {
    try {
      await apiPost("/monitoring/rules", { ...r.rule, enabled });
      void message.success(t("settings.ruleSaved", { name: r.rule.name }));
      rules.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Text type="secondary">{t("settings.rulesHint")}</Typography.Text>
        <ExportButton
          name="monitoring-rules"
          header={header}
          rows={() =>
            items.map((r) => [
              r.rule.name,
              condition(r),
              r.rule.severity,
              r.rule.department,
              r.rule.action,
              r.rule.enabled,
            ])
          }
        />
      </div>
      <Table<MonitoringRule>
        size="small"
        rowKey="id"
        loading={rules.loading}
        pagination={false}
        data-testid="monitoring-rules"
        dataSource={items}
        columns={[
          {
            key: "name",
            title: header[0],
            render: (_, r) => (
              <>
                {r.rule.name} <Typography.Text type="secondary">v{r.version}</Typography.Text>
              </>
            ),
          },
          { key: "cond", title: header[1], render: (_, r) => <code>{condition(r)}</code> },
          {
            key: "sev",
            title: header[2],
            render: (_, r) => (
              <Tag color={severityColour(r.rule.severity as "info")}>
                {i18n.label("severity", r.rule.severity)}
              </Tag>
            ),
          },
          { key: "dept", title: header[3], render: (_, r) => i18n.label("department", r.rule.department) },
          { key: "action", title: header[4], render: (_, r) => i18n.label("alertAction", r.rule.action) },
          {
            key: "enabled",
            title: header[5],
            render: (_, r) =>
              mayConfigure ? (
                <Switch
                  size="small"
                  checked={r.rule.enabled}
                  aria-label={`${header[5]} — ${r.rule.name}`}
                  onChange={(enabled) => void toggle(r, enabled)}
                />
              ) : r.rule.enabled ? (
                t("shared.yes")
              ) : (
                t("shared.no")
              ),
          },
        ]}
      />
    </>
  );
}
