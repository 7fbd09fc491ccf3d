import { App, Button, Card, Drawer, Input, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import { ApplicationForm } from "./application-form.tsx";
import type { ApplicationStatus, ApplicationSummary } from "./applications-api.ts";

const STATUS_COLOUR: Record<ApplicationStatus, string> = {
  submitted: "blue",
  in_review: "gold",
  approved: "green",
  approved_with_conditions: "cyan",
  declined: "red",
};

/** 授信申请: the list of applications, entry of a new one, links to the public form. */
export default function ApplicationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = useApi(
    (signal) => apiGet<{ items: ApplicationSummary[] }>("/applications", { limit: 200 }, signal),
    [],
  );
  const [entering, setEntering] = useState(false);
  const [busy, setBusy] = useState(false);
  const [prospect, setProspect] = useState("");
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);

  const createLink = async () => {
    const made = await apiPost<{ path: string; expiresAt: string }>("/applications/links", {
      prospectName: prospect,
    });
    setLink({ url: `${window.location.origin}${made.path}`, expiresAt: made.expiresAt });
  };

  return (
    <>
      <PageHeader
        title={t("applications.title")}
        subtitle={t("applications.subtitle")}
        extra={
          can("applications:write") ? (
            <Button type="primary" onClick={() => setEntering(true)} data-testid="application-new">
              {t("applications.new")}
            </Button>
          ) : null
        }
      />
      {can("applications:write") && (
        <Card title={t("applications.link")} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Input
              aria-label={t("applications.linkFor")}
              placeholder={t("applications.linkFor")}
              value={prospect}
              onChange={(e) => setProspect(e.target.value)}
              style={{ width: 280 }}
            />
            <Button
              disabled={!prospect.trim()}
              onClick={() => void createLink()}
              data-testid="application-link-create"
            >
              {t("applications.link")}
            </Button>
          </Space>
          {link && (
            <Typography.Paragraph style={{ marginTop: 12 }}>
              {t("applications.linkCreated", { date: i18n.date(link.expiresAt) })}:{" "}
              <Typography.Text copyable code data-testid="application-link">
                {link.url}
              </Typography.Text>
            </Typography.Paragraph>
          )}
        </Card>
      )}
      <Card>
        {list.loading && !list.data ? (
          <PageLoading />
        ) : list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (list.data?.items.length ?? 0) === 0 ? (
          <EmptyState>{t("applications.empty")}</EmptyState>
        ) : (
          <Table<ApplicationSummary>
            rowKey="id"
            size="middle"
            data-testid="applications-table"
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 50 }}
            columns={[
              {
                title: t("applications.reference"),
                dataIndex: "reference",
                render: (ref: string, a) => <Link to={`/applications/${a.id}`}>{ref}</Link>,
              },
              { title: t("applications.company"), dataIndex: "legalName" },
              {
                title: t("applications.requested"),
                align: "right",
                render: (_, a) => (
                  <span className="cd-num">{i18n.money(a.requestedLimitMinor, a.currency)}</span>
                ),
              },
              {
                title: t("applications.status"),
                dataIndex: "status",
                render: (s: ApplicationStatus) => (
                  <Tag color={STATUS_COLOUR[s]}>{t(`applications.status.${s}` as MessageKey)}</Tag>
                ),
              },
              {
                title: t("applications.source"),
                dataIndex: "source",
                render: (s: string) => t(`applications.source.${s}` as MessageKey),
              },
              { title: t("applications.createdBy"), dataIndex: "createdBy" },
              {
                title: t("applications.createdAt"),
                dataIndex: "createdAt",
                render: (d: string) => i18n.date(d),
              },
            ]}
          />
        )}
      </Card>
      <Drawer open={entering} onClose={() => setEntering(false)} title={t("applications.new")} size="large">
        <ApplicationForm
          busy={busy}
          maxFileBytes={5 * 1024 * 1024}
          maxFiles={10}
          onSubmit={(body) => {
            setBusy(true);
            apiPost<{ reference: string }>("/applications", body)
              .then((created) => {
                void message.success(t("applications.created", { reference: created.reference }));
                setEntering(false);
                list.reload();
              })
              .catch((error: Error) => void message.error(error.message))
              .finally(() => setBusy(false));
          }}
        />
      </Drawer>
    </>
  );
}
