import { Tag, Typography } from "antd";
import type { CreditNote, Customer, Invoice, Payment, SalesOrder } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { CursorTable, numberView } from "../../shared/ui/cursor-table.tsx";

/** Whole days from `dueOn` to today (UTC calendar days); positive = past due. */
export function daysPastDue(dueOn: string, today: Date = new Date()): number {
  const due = Date.parse(`${dueOn}T00:00:00Z`);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((now - due) / 86_400_000);
}

export function OrdersTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <CursorTable<SalesOrder>
      path="/sales-orders"
      query={{ customerId: customer.id, sort: "-orderedOn" }}
      rowKey="id"
      label={t("creditFile.tab.orders")}
      empty={t("orders.empty")}
      testId="orders-table"
      columns={[
        { key: "number", title: t("orders.number"), text: (o) => o.orderNumber },
        { key: "orderedOn", title: t("orders.orderedOn"), text: (o) => i18n.date(o.orderedOn) },
        { key: "deliveryDue", title: t("orders.deliveryDue"), text: (o) => i18n.date(o.deliveryDue) },
        {
          key: "ordered",
          title: t("orders.ordered"),
          align: "right",
          text: (o) => i18n.money(o.orderedMinor, o.currency),
          view: numberView,
        },
        {
          key: "delivered",
          title: t("orders.delivered"),
          align: "right",
          text: (o) => i18n.money(o.deliveredMinor, o.currency),
          view: numberView,
        },
        {
          key: "invoiced",
          title: t("orders.invoiced"),
          align: "right",
          text: (o) => i18n.money(o.invoicedMinor, o.currency),
          view: numberView,
        },
        {
          key: "status",
          title: t("orders.status"),
          text: (o) => i18n.label("orderStatus", o.status),
          view: (text) => <Tag>{text}</Tag>,
        },
      ]}
    />
  );
}

export function InvoicesTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const empty = t("common.empty");
  return (
    <CursorTable<Invoice>
      path="/invoices"
      query={{ customerId: customer.id, sort: "-issuedOn" }}
      rowKey="id"
      label={t("creditFile.tab.invoices")}
      empty={t("invoices.empty")}
      testId="invoices-table"
      columns={[
        { key: "number", title: t("invoices.number"), text: (inv) => inv.invoiceNumber },
        { key: "order", title: t("invoices.order"), text: (inv) => inv.orderNumber ?? empty },
        { key: "issuedOn", title: t("invoices.issuedOn"), text: (inv) => i18n.date(inv.issuedOn) },
        { key: "dueOn", title: t("invoices.dueOn"), text: (inv) => i18n.date(inv.dueOn) },
        {
          key: "amount",
          title: t("invoices.amount"),
          align: "right",
          text: (inv) => i18n.money(inv.amountMinor, inv.currency),
          view: numberView,
        },
        {
          key: "open",
          title: t("invoices.open"),
          align: "right",
          text: (inv) =>
            inv.openMinor === undefined || inv.openMinor === null
              ? empty
              : i18n.money(inv.openMinor, inv.currency),
          view: numberView,
        },
        {
          key: "dpd",
          title: t("invoices.daysPastDue"),
          align: "right",
          text: (inv) => (inv.status === "open" ? i18n.number(Math.max(0, daysPastDue(inv.dueOn))) : empty),
          view: (text, inv) =>
            inv.status === "open" && daysPastDue(inv.dueOn) > 0 ? (
              <Typography.Text type="danger">{numberView(text)}</Typography.Text>
            ) : (
              numberView(text)
            ),
        },
        {
          key: "status",
          title: t("invoices.status"),
          text: (inv) => i18n.label("invoiceStatus", inv.status),
          view: (text, inv) => (
            <Tag color={inv.status === "paid" ? "green" : inv.status === "open" ? "gold" : "default"}>
              {text}
            </Tag>
          ),
        },
      ]}
    />
  );
}

export function PaymentsTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  const empty = t("common.empty");
  return (
    <>
      <CursorTable<Payment>
        path="/payments"
        query={{ customerId: customer.id, sort: "-receivedOn" }}
        rowKey="id"
        label={t("creditFile.tab.payments")}
        empty={t("payments.empty")}
        testId="payments-table"
        columns={[
          { key: "reference", title: t("payments.reference"), text: (p) => p.reference },
          { key: "receivedOn", title: t("payments.receivedOn"), text: (p) => i18n.date(p.receivedOn) },
          {
            key: "amount",
            title: t("payments.amount"),
            align: "right",
            text: (p) => i18n.money(p.amountMinor, p.currency),
            view: numberView,
          },
          { key: "method", title: t("payments.method"), text: (p) => p.method ?? empty },
        ]}
      />
      <h2 className="cd-section-title">{t("creditNotes.title")}</h2>
      <CursorTable<CreditNote>
        path="/credit-notes"
        query={{ customerId: customer.id, sort: "-issuedOn" }}
        rowKey="id"
        label={t("creditNotes.title")}
        empty={t("creditNotes.empty")}
        pageSize={10}
        testId="credit-notes-table"
        columns={[
          { key: "number", title: t("creditNotes.number"), text: (n) => n.noteNumber },
          { key: "issuedOn", title: t("creditNotes.issuedOn"), text: (n) => i18n.date(n.issuedOn) },
          {
            key: "amount",
            title: t("creditNotes.amount"),
            align: "right",
            text: (n) => i18n.money(n.amountMinor, n.currency),
            view: numberView,
          },
          { key: "reason", title: t("creditNotes.reason"), text: (n) => n.reason ?? empty },
        ]}
      />
    </>
  );
}
