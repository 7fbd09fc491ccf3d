import { Button, Result } from "antd";
import { Link } from "react-router";
import { useI18n } from "../shared/i18n/i18n-context.tsx";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t("common.notFoundTitle")}
      subTitle={t("common.notFoundText")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backToDashboard")}</Button>
        </Link>
      }
    />
  );
}
