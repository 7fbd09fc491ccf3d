import { GlobalOutlined } from "@ant-design/icons";
import { Select } from "antd";
import { type Locale, useI18n } from "../shared/i18n/i18n-context.tsx";

const LANGUAGES: readonly { value: Locale; label: string }[] = [
  { value: "zh-CN", label: "简体中文" },
  { value: "en", label: "English" },
];

/** The interface language (persisted by the i18n provider), with an icon label. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <>
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
    </>
  );
}
