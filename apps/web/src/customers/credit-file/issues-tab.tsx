import { Tag } from "antd";
import type { Complaint, Customer, Dispute } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { CursorTable, numberView } from "../../shared/ui/cursor-table.tsx";

const SEVERITY_COLOURS: Record<string, string> = {
  low: "default",
  medium: "gold",
  high: "orange",
  critical: "red",
};

export function SeverityTag({ severity }: { severity: string }) {
  const i18n = useI18n();
  return <Tag color={SEVERITY_COLOURS[severity] ?? "default"}>{i18n.label("severity", severity)}</Tag>;
}

/** Disputes (on invoices) and complaints (about the customer relationship). */
export function IssuesTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const empty = t("common.empty");
  return (
    <>
      <h2 className="cd-section-title">{t("disputes.title")}</h2>
      <CursorTable<Dispute>
        path="/disputes"
        query={{ customerId: customer.id, sort: "-openedOn" }}
        rowKey="id"
        label={t("disputes.title")}
        empty={t("disputes.empty")}
        pageSize={10}
        testId="disputes-table"
        columns={[
          { key: "reference", title: t("disputes.reference"), text: (d) => d.reference },
          { key: "openedOn", title: t("disputes.openedOn"), text: (d) => i18n.date(d.openedOn) },
          {
            key: "amount",
            title: t("disputes.amount"),
            align: "right",
            text: (d) => i18n.money(d.amountMinor, d.currency),
            view: numberView,
          },
          { key: "reason", title: t("disputes.reason"), text: (d) => d.reason ?? empty },
          {
            key: "status",
            title: t("disputes.status"),
            text: (d) => i18n.label("disputeStatus", d.status),
            view: (text, d) => <Tag color={d.status === "open" ? "gold" : "default"}>{text}</Tag>,
          },
          { key: "resolvedOn", title: t("disputes.resolvedOn"), text: (d) => i18n.date(d.resolvedOn) },
        ]}
      />
      <h2 className="cd-section-title">{t("complaints.title")}</h2>
      <CursorTable<Complaint>
        path="/complaints"
        query={{ customerId: customer.id }}
        rowKey="id"
        label={t("complaints.title")}
        empty={t("complaints.empty")}
        pageSize={10}
        testId="complaints-table"
        columns={[
          { key: "reference", title: t("complaints.reference"), text: (c) => c.reference },
          { key: "receivedOn", title: t("complaints.receivedOn"), text: (c) => i18n.date(c.receivedOn) },
          { key: "category", title: t("complaints.category"), text: (c) => c.category ?? empty },
          {
            key: "severity",
            title: t("complaints.severity"),
            text: (c) => i18n.label("severity", c.severity),
            view: (_, c) => <SeverityTag severity={c.severity} />,
          },
          { key: "description", title: t("complaints.description"), text: (c) => c.description ?? empty },
          {
            key: "resolvedOn",
            title: t("complaints.resolvedOn"),
            text: (c) => (c.resolvedOn ? i18n.date(c.resolvedOn) : t("complaints.unresolved")),
            view: (text, c) => (c.resolvedOn ? text : <Tag color="gold">{text}</Tag>),
          },
        ]}
      />
    </>
  );
}
