import { Alert, App, Card, Result, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { ApiError, apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { PageLoading } from "../shared/ui/page-state.tsx";
import { ApplicationForm } from "./application-form.tsx";
import type { LinkState } from "./applications-api.ts";

/** The public application form behind a token link: no sign-in; one application per link. */
export default function PublicFormPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { token = "" } = useParams();
  const state = useApi(
    (signal) => apiGet<LinkState>(`/public/applications/${encodeURIComponent(token)}`, {}, signal),
    [token],
  );
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  let body: React.ReactNode;
  if (state.loading && !state.data) {
    body = <PageLoading />;
  } else if (state.error) {
    body = <Alert type="error" showIcon title={t("applications.publicMissing")} />;
  } else if (done) {
    body = (
      <Result
        status="success"
        title={t("applications.publicDone", { reference: done })}
        data-testid="public-done"
      />
    );
  } else if (state.data?.state === "used") {
    body = <Alert type="warning" showIcon title={t("applications.publicUsed")} />;
  } else if (state.data?.state === "expired") {
    body = <Alert type="warning" showIcon title={t("applications.publicExpired")} />;
  } else if (state.data) {
    body = (
      <>
        {state.data.prospectName && (
          <Typography.Paragraph strong>
            {t("applications.publicFor", { name: state.data.prospectName })}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph>{t("applications.publicIntro")}</Typography.Paragraph>
        <ApplicationForm
          busy={busy}
          maxFileBytes={state.data.maxFileBytes}
          maxFiles={state.data.maxFiles}
          onSubmit={(values) => {
            setBusy(true);
            apiPost<{ reference: string }>(`/public/applications/${encodeURIComponent(token)}`, values)
              .then((r) => setDone(r.reference))
              .catch(
                (error: unknown) =>
                  void message.error(
                    error instanceof ApiError ? (error.detail ?? error.message) : String(error),
                  ),
              )
              .finally(() => setBusy(false));
          }}
        />
      </>
    );
  }
  return (
    <main style={{ maxWidth: 800, margin: "32px auto", padding: "0 16px" }}>
      <Card title={<h1 style={{ margin: 0, fontSize: 20 }}>{t("applications.publicTitle")}</h1>}>{body}</Card>
    </main>
  );
}
