import { ArrowLeftOutlined } from "@ant-design/icons";
import { Card, Result, Space, Tabs, Tag, Typography } from "antd";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError, apiGet } from "../../shared/api/client.ts";
import type { Customer } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { useAuth } from "../../shared/auth/auth-context.tsx";
import type { Permission } from "../../shared/auth/auth-types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../../shared/i18n/zh-CN.ts";
import { industryLabel } from "../../shared/reference/industries.ts";
import { regionLabel } from "../../shared/reference/regions.ts";
import { LoadError, PageLoading } from "../../shared/ui/page-state.tsx";
import { usccOf } from "../customers-api.ts";
import { AssessmentTab } from "./assessment-tab.tsx";
import { AuditTab } from "./audit-tab.tsx";
import { ContactsTab } from "./contacts-tab.tsx";
import { ExternalTab } from "./external-tab.tsx";
import { FinancialsTab } from "./financials-tab.tsx";
import { InsuranceTab } from "./insurance-tab.tsx";
import { IssuesTab } from "./issues-tab.tsx";
import { InvoicesTab, OrdersTab, PaymentsTab } from "./ledger-tabs.tsx";
import { LimitsTab } from "./limits-tab.tsx";
import { MonitoringTab } from "./monitoring-tab.tsx";
import { ProfileTab } from "./profile-tab.tsx";
import { RisksTab } from "./risks-tab.tsx";

const TABS = [
  "profile",
  "assessment",
  "limits",
  "contacts",
  "financials",
  "orders",
  "invoices",
  "payments",
  "issues",
  "external",
  "monitoring",
  "risks",
  "insurance",
  "audit",
] as const;
type TabKey = (typeof TABS)[number];

/** Tabs shown only to users who may read what they hold (the rest ride on customers:read). */
const TAB_PERMISSIONS: Partial<Record<TabKey, readonly Permission[]>> = {
  monitoring: ["alerts:read", "reviews:read"],
  risks: ["applications:read"],
  insurance: ["insurance:read"],
  audit: ["audit:read"],
};

function renderTab(key: TabKey, customer: Customer) {
  switch (key) {
    case "profile":
      return <ProfileTab customer={customer} />;
    case "assessment":
      return <AssessmentTab customer={customer} />;
    case "limits":
      return <LimitsTab customer={customer} />;
    case "contacts":
      return <ContactsTab customer={customer} />;
    case "financials":
      return <FinancialsTab customer={customer} />;
    case "orders":
      return <OrdersTab customer={customer} />;
    case "invoices":
      return <InvoicesTab customer={customer} />;
    case "payments":
      return <PaymentsTab customer={customer} />;
    case "issues":
      return <IssuesTab customer={customer} />;
    case "external":
      return <ExternalTab customer={customer} />;
    case "monitoring":
      return <MonitoringTab customer={customer} />;
    case "risks":
      return <RisksTab customer={customer} />;
    case "insurance":
      return <InsuranceTab customer={customer} />;
    case "audit":
      return <AuditTab customer={customer} />;
    default: {
      const unreachable: never = key;
      return unreachable;
    }
  }
}

/** 客户信用档案: one customer's profile, ledger, financials, outside signals and assessment. */
export default function CreditFilePage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { code = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const tabs = TABS.filter((key) => TAB_PERMISSIONS[key]?.some((p) => can(p)) ?? true);
  const tabParam = params.get("tab");
  const activeTab: TabKey = (tabs as readonly string[]).includes(tabParam ?? "")
    ? (tabParam as TabKey)
    : "profile";

  const customer = useApi(
    (signal) => apiGet<Customer>(`/customers/${encodeURIComponent(code)}`, {}, signal),
    [code],
  );

  if (customer.loading && !customer.data) {
    return <PageLoading />;
  }
  if (customer.error) {
    if (customer.error instanceof ApiError && customer.error.status === 404) {
      return (
        <Result
          status="404"
          title={t("creditFile.notFound", { code })}
          extra={<Link to="/customers">{t("creditFile.back")}</Link>}
        />
      );
    }
    return <LoadError error={customer.error} onRetry={customer.reload} />;
  }
  const c = customer.data;
  if (!c) {
    return <PageLoading />;
  }
  const uscc = usccOf(c);

  return (
    <>
      <Link to="/customers" className="cd-back">
        <ArrowLeftOutlined aria-hidden /> {t("creditFile.back")}
      </Link>
      <div className="cd-page-header" style={{ marginTop: 8 }}>
        <div>
          <Typography.Text type="secondary">{t("creditFile.title")}</Typography.Text>
          <h1 data-testid="credit-file-name">{c.legalName}</h1>
          <Space wrap size={[8, 4]} style={{ marginTop: 6 }}>
            <Tag>{c.code}</Tag>
            <Tag color={c.tier === "core" ? "blue" : "default"}>{i18n.label("tier", c.tier)}</Tag>
            <Tag color={c.status === "active" ? "green" : "default"}>{i18n.label("status", c.status)}</Tag>
            {c.industry ? <span>{industryLabel(c.industry, locale)}</span> : null}
            {c.region ? <span>· {regionLabel(c.region, locale)}</span> : null}
            {uscc ? (
              <Typography.Text type="secondary" copyable={{ text: uscc }}>
                · {t("identifier.uscc")} {uscc}
              </Typography.Text>
            ) : null}
          </Space>
        </div>
      </div>
      <Card>
        <Tabs
          aria-label={t("creditFile.tabs")}
          activeKey={activeTab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set("tab", key);
            setParams(next, { replace: true });
          }}
          items={tabs.map((key) => ({
            key,
            label: t(`creditFile.tab.${key}` satisfies MessageKey),
            children: renderTab(key, c),
          }))}
        />
      </Card>
    </>
  );
}
