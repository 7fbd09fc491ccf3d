import { App, Button, Card, Drawer, Input, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { EXPORT_PAGE_SIZE } from "../shared/api/fetch-all-pages.ts";
import type { Page } from "../shared/api/types.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { currencyDigits, minorToDecimalString } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { ExportAllButton } from "../shared/ui/export-all-button.tsx";
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
      <Card
        extra={
          // Every application (all pages of the API), not only the 200 loaded here.
          <ExportAllButton<ApplicationSummary>
            name="applications"
            testId="applications-export"
            header={[
              t("applications.reference"),
              t("applications.company"),
              t("applications.requested"),
              t("applications.currency"),
              t("applications.status"),
              t("applications.source"),
              t("applications.createdBy"),
              t("applications.createdAt"),
            ]}
            fetchPage={(cursor) =>
              apiGet<Page<ApplicationSummary>>("/applications", {
                limit: EXPORT_PAGE_SIZE,
                ...(cursor ? { cursor } : {}),
              })
            }
            row={(a) => [
              a.reference,
              a.legalName,
              minorToDecimalString(a.requestedLimitMinor, currencyDigits(a.currency)),
              a.currency,
              t(`applications.status.${a.status}` as MessageKey),
              t(`applications.source.${a.source}` as MessageKey),
              a.createdBy,
              a.createdAt.slice(0, 10),
            ]}
          />
        }
      >
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
