import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from "@ant-design/icons";
import { App, Button, Layout, Space } from "antd";
import { useState } from "react";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

/** Header: product name, the signed-in user with their role, sign-out, and the language switch. */
export function AppHeader({
  collapsed,
  onToggleNavigation,
}: {
  collapsed: boolean;
  onToggleNavigation: () => void;
}) {
  const { t, label } = useI18n();
  const auth = useAuth();
  const { message } = App.useApp();
  const [leaving, setLeaving] = useState(false);

  const logout = async () => {
    setLeaving(true);
    try {
      // The route guard (require-auth.tsx) then shows the sign-in page.
      await auth.logout();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
      setLeaving(false);
    }
  };

  return (
    <Layout.Header className="cd-header">
      <div className="cd-header-title">
        <Button
          type="text"
          icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          aria-label={collapsed ? t("nav.expand") : t("nav.collapse")}
          aria-expanded={!collapsed}
          onClick={onToggleNavigation}
        />
        <span className="cd-product">{t("app.name")}</span>
        <span className="cd-product-sub">{t("app.subtitle")}</span>
      </div>
      <Space size="middle">
        <a href="/docs" target="_blank" rel="noreferrer">
          {t("header.apiDocs")}
        </a>
        <LanguageSwitch />
        {auth.user ? (
          <section className="cd-user" aria-label={t("auth.userMenu")} data-testid="current-user">
            <UserOutlined aria-hidden />
            <span className="cd-user-name" data-testid="current-user-name">
              {auth.user.displayName}
            </span>
            <span className="cd-user-role" data-testid="current-user-role">
              {label("role", auth.user.role)}
            </span>
          </section>
        ) : null}
        <Button
          icon={<LogoutOutlined />}
          onClick={() => void logout()}
          loading={leaving}
          data-testid="logout"
        >
          {t("auth.logout")}
        </Button>
      </Space>
    </Layout.Header>
  );
}
