import {
  AlertOutlined,
  AuditOutlined,
  DashboardOutlined,
  DollarOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  PieChartOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { Layout, Menu, type MenuProps, Tag } from "antd";
import { useState } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useAuth } from "../shared/auth/auth-context.tsx";
import type { Permission } from "../shared/auth/auth-types.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { AppHeader } from "./app-header.tsx";
import "./shell.css";

interface NavEntry {
  key: string;
  label: MessageKey;
  icon: React.ReactNode;
  /** Shown only to users holding this permission. */
  permission: Permission;
  /** Capabilities that are planned but not built yet are shown disabled. */
  comingSoon?: boolean;
}

const NAV: readonly NavEntry[] = [
  { key: "/", label: "nav.dashboard", icon: <DashboardOutlined />, permission: "portfolio:read" },
  { key: "/customers", label: "nav.customers", icon: <TeamOutlined />, permission: "customers:read" },
  {
    key: "/limits",
    label: "nav.limits",
    icon: <FileProtectOutlined />,
    permission: "limits:read",
  },
  {
    key: "/applications",
    label: "nav.applications",
    icon: <SolutionOutlined />,
    permission: "applications:read",
  },
  { key: "/portfolio", label: "nav.portfolio", icon: <PieChartOutlined />, permission: "portfolio:read" },
  { key: "/alerts", label: "nav.alerts", icon: <AlertOutlined />, permission: "alerts:read" },
  { key: "/reviews", label: "nav.reviews", icon: <AuditOutlined />, permission: "reviews:read" },
  { key: "/insurance", label: "nav.insurance", icon: <SafetyOutlined />, permission: "insurance:read" },
  { key: "/collections", label: "nav.collections", icon: <DollarOutlined />, permission: "collections:read" },
  { key: "/models", label: "nav.models", icon: <ExperimentOutlined />, permission: "scorecards:read" },
  // Settings: grade bands, policy and rules are business reading; users are a tab for users:read.
  { key: "/settings", label: "nav.settings", icon: <SettingOutlined />, permission: "scorecards:read" },
];

function selectedKey(pathname: string): string {
  if (pathname === "/") {
    return "/";
  }
  return NAV.find((entry) => entry.key !== "/" && pathname.startsWith(entry.key))?.key ?? "";
}

/** Page frame: side navigation, header, and the routed page. */
export function AppLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { can } = useAuth();

  const items: MenuProps["items"] = NAV.filter((entry) => can(entry.permission)).map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    disabled: entry.comingSoon === true,
    title: entry.comingSoon ? `${t(entry.label)} — ${t("nav.comingSoon")}` : t(entry.label),
    label: entry.comingSoon ? (
      <span className="cd-nav-soon">
        {t(entry.label)}
        <Tag className="cd-soon-tag" variant="filled" aria-label={t("nav.comingSoon")}>
          {t("nav.soonTag")}
        </Tag>
      </span>
    ) : (
      t(entry.label)
    ),
  }));

  return (
    <Layout className="cd-root">
      <a className="cd-skip" href="#main">
        {t("app.skipToContent")}
      </a>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={256}
        breakpoint="lg"
        className="cd-sider"
        // The toggle is a real button in the header (keyboard reachable), not the Sider's div trigger.
        trigger={null}
      >
        <div className="cd-brand" aria-hidden={collapsed}>
          <span className="cd-brand-mark">CD</span>
          {!collapsed && (
            <span className="cd-brand-text">
              <strong>{t("app.name")}</strong>
              <small>{t("app.subtitle")}</small>
            </span>
          )}
        </div>
        <nav aria-label={t("nav.label")}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            items={items}
            onClick={({ key }) => {
              void navigate(key);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <AppHeader collapsed={collapsed} onToggleNavigation={() => setCollapsed((c) => !c)} />
        <Layout.Content id="main" className="cd-content" tabIndex={-1}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
