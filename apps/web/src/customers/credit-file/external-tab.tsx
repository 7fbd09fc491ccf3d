import type { Customer, ExternalEvent, ExternalRating } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { CursorTable, numberView } from "../../shared/ui/cursor-table.tsx";
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
          { key: "agency", title: t("external.agency"), text: (r) => r.agency },
          {
            key: "rating",
            title: t("external.rating"),
            text: (r) => r.rating,
            view: (text) => <strong>{text}</strong>,
          },
          { key: "outlook", title: t("external.outlook"), text: (r) => r.outlook ?? empty },
          { key: "ratedOn", title: t("external.ratedOn"), text: (r) => i18n.date(r.ratedOn) },
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
          { key: "occurredOn", title: t("external.occurredOn"), text: (e) => i18n.date(e.occurredOn) },
          { key: "type", title: t("external.type"), text: (e) => i18n.label("eventType", e.type) },
          {
            key: "severity",
            title: t("complaints.severity"),
            text: (e) => i18n.label("severity", e.severity),
            view: (_, e) => <SeverityTag severity={e.severity} />,
          },
          { key: "description", title: t("external.description"), text: (e) => e.description ?? empty },
          {
            key: "amount",
            title: t("external.amount"),
            align: "right",
            text: (e) => i18n.money(e.amountMinor, e.currency),
            view: numberView,
          },
          { key: "source", title: t("external.source"), text: (e) => `${e.source} · ${e.reference}` },
        ]}
      />
    </>
  );
}
