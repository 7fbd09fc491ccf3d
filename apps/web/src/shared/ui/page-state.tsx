import { Alert, Button, Empty, Spin } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n-context.tsx";

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 48, textAlign: "center" }} role="status" aria-live="polite">
      <Spin />
      <div style={{ marginTop: 8 }}>{t("common.loading")}</div>
    </div>
  );
}

/** A load error with a retry button. */
export function LoadError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      title={t("common.loadFailed")}
      description={error.message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Empty state that says what to do next. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={children} />;
}
