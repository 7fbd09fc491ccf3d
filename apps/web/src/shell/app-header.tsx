import { GlobalOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { Button, Layout, Select, Space } from "antd";
import { type Locale, useI18n } from "../shared/i18n/i18n-context.tsx";

const LANGUAGES: readonly { value: Locale; label: string }[] = [
  { value: "zh-CN", label: "简体中文" },
  { value: "en", label: "English" },
];

/** Header: product name and the language switch (persisted by the i18n provider). */
export function AppHeader({
  collapsed,
  onToggleNavigation,
}: {
  collapsed: boolean;
  onToggleNavigation: () => void;
}) {
  const { t, locale, setLocale } = useI18n();
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
        <label className="cd-lang" htmlFor="cd-language">
          <GlobalOutlined aria-hidden />
          <span className="cd-visually-hidden">{t("header.language")}</span>
        </label>
        <Select<Locale>
          id="cd-language"
          data-testid="language-switch"
          aria-label={t("header.language")}
          value={locale}
          onChange={setLocale}
          options={LANGUAGES.map((l) => ({ value: l.value, label: <span lang={l.value}>{l.label}</span> }))}
          style={{ width: 120 }}
        />
      </Space>
    </Layout.Header>
  );
}
