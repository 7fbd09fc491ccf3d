import { Table, Typography } from "antd";
import { apiGet } from "../../shared/api/client.ts";
import { EXPORT_PAGE_SIZE } from "../../shared/api/fetch-all-pages.ts";
import type { Customer, Page } from "../../shared/api/types.ts";
import { useApi } from "../../shared/api/use-api.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { ExportAllButton } from "../../shared/ui/export-all-button.tsx";
import { EmptyState, LoadError } from "../../shared/ui/page-state.tsx";

/** One audit entry (`GET /customers/{idOrCode}/audit`). */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
}

const LIMIT = 200;

/** What the entry changed, in one short line (the route for generic API entries). */
function summaryOf(entry: AuditEntry): string {
  const after = entry.after as { route?: unknown } | null;
  if (after && typeof after === "object" && typeof after.route === "string") {
    return after.route;
  }
  return [entry.entity, entry.entityId].filter(Boolean).join(" ");
}

/** 审计轨迹: who changed what about this customer and when (hash-chained; newest first). */
export function AuditTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const page = useApi(
    (signal) => apiGet<Page<AuditEntry>>(`/customers/${customer.id}/audit`, { limit: LIMIT }, signal),
    [customer.id],
  );
  if (page.error) {
    return <LoadError error={page.error} onRetry={page.reload} />;
  }
  const items = page.data?.items ?? [];
  const header = [
    t("audit.seq"),
    t("audit.at"),
    t("audit.actor"),
    t("audit.action"),
    t("audit.what"),
    t("audit.reason"),
  ];
  return (
    <>
      <div
        className="cd-toolbar"
        style={{ display: "flex", justifyContent: "space-between", marginBottom: 8 }}
      >
        <Typography.Text type="secondary">{t("audit.hint")}</Typography.Text>
        {/* The whole trail (every page), not only the entries loaded here. */}
        <ExportAllButton<AuditEntry>
          name={`audit-${customer.code}`}
          header={header}
          fetchPage={(cursor) =>
            apiGet<Page<AuditEntry>>(`/customers/${customer.id}/audit`, { limit: EXPORT_PAGE_SIZE, cursor })
          }
          row={(e) => [e.seq, e.at, e.actor, e.action, summaryOf(e), e.reason]}
          testId="audit-export"
        />
      </div>
      <Table<AuditEntry>
        size="small"
        rowKey="seq"
        loading={page.loading}
        data-testid="customer-audit"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState>{t("audit.empty")}</EmptyState> }}
        expandable={{
          expandedRowRender: (e) => (
            <pre className="cd-json">
              {JSON.stringify({ before: e.before, after: e.after, hash: e.hash }, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { key: "seq", title: header[0], dataIndex: "seq", width: 80 },
          { key: "at", title: header[1], render: (_, e) => new Date(e.at).toLocaleString(i18n.locale) },
          { key: "actor", title: header[2], dataIndex: "actor" },
          { key: "action", title: header[3], render: (_, e) => <code>{e.action}</code> },
          { key: "what", title: header[4], render: (_, e) => summaryOf(e) },
          { key: "reason", title: header[5], render: (_, e) => e.reason ?? t("common.empty") },
        ]}
      />
      {page.data?.nextCursor ? (
        <Typography.Text type="secondary">{t("audit.more", { n: LIMIT })}</Typography.Text>
      ) : null}
    </>
  );
}
