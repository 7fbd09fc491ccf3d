import type { Customer, ExternalEvent, ExternalRating } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { CursorTable } from "../../shared/ui/cursor-table.tsx";
import { SeverityTag } from "./issues-tab.tsx";

/** What outside sources say: agency ratings and registry/court events. */
export function ExternalTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const empty = t("common.empty");
  return (
    <>
      <h2 className="cd-section-title">{t("external.ratings")}</h2>
      <CursorTable<ExternalRating>
        path="/external-ratings"
        query={{ customerId: customer.id }}
        rowKey="id"
        label={t("external.ratings")}
        empty={t("external.ratingsEmpty")}
        pageSize={10}
        testId="ratings-table"
        columns={[
          { key: "agency", title: t("external.agency"), dataIndex: "agency" },
          { key: "rating", title: t("external.rating"), render: (_, r) => <strong>{r.rating}</strong> },
          { key: "outlook", title: t("external.outlook"), render: (_, r) => r.outlook ?? empty },
          { key: "ratedOn", title: t("external.ratedOn"), render: (_, r) => i18n.date(r.ratedOn) },
        ]}
      />
      <h2 className="cd-section-title">{t("external.events")}</h2>
      <CursorTable<ExternalEvent>
        path="/external-events"
        query={{ customerId: customer.id }}
        rowKey="id"
        label={t("external.events")}
        empty={t("external.eventsEmpty")}
        pageSize={10}
        testId="events-table"
        columns={[
          { key: "occurredOn", title: t("external.occurredOn"), render: (_, e) => i18n.date(e.occurredOn) },
          { key: "type", title: t("external.type"), render: (_, e) => i18n.label("eventType", e.type) },
          {
            key: "severity",
            title: t("complaints.severity"),
            render: (_, e) => <SeverityTag severity={e.severity} />,
          },
          { key: "description", title: t("external.description"), render: (_, e) => e.description ?? empty },
          {
            key: "amount",
            title: t("external.amount"),
            align: "right",
            render: (_, e) => <span className="cd-num">{i18n.money(e.amountMinor, e.currency)}</span>,
          },
          { key: "source", title: t("external.source"), render: (_, e) => `${e.source} · ${e.reference}` },
        ]}
      />
    </>
  );
}
