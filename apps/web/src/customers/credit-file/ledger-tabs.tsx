import { Tag, Typography } from "antd";
import type { CreditNote, Customer, Invoice, Payment, SalesOrder } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { CursorTable } from "../../shared/ui/cursor-table.tsx";

const num = (text: string) => <span className="cd-num">{text}</span>;

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
        { key: "number", title: t("orders.number"), dataIndex: "orderNumber" },
        { key: "orderedOn", title: t("orders.orderedOn"), render: (_, o) => i18n.date(o.orderedOn) },
        { key: "deliveryDue", title: t("orders.deliveryDue"), render: (_, o) => i18n.date(o.deliveryDue) },
        {
          key: "ordered",
          title: t("orders.ordered"),
          align: "right",
          render: (_, o) => num(i18n.money(o.orderedMinor, o.currency)),
        },
        {
          key: "delivered",
          title: t("orders.delivered"),
          align: "right",
          render: (_, o) => num(i18n.money(o.deliveredMinor, o.currency)),
        },
        {
          key: "invoiced",
          title: t("orders.invoiced"),
          align: "right",
          render: (_, o) => num(i18n.money(o.invoicedMinor, o.currency)),
        },
        {
          key: "status",
          title: t("orders.status"),
          render: (_, o) => <Tag>{i18n.label("orderStatus", o.status)}</Tag>,
        },
      ]}
    />
  );
}

export function InvoicesTab({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <CursorTable<Invoice>
      path="/invoices"
      query={{ customerId: customer.id, sort: "-issuedOn" }}
      rowKey="id"
      label={t("creditFile.tab.invoices")}
      empty={t("invoices.empty")}
      testId="invoices-table"
      columns={[
        { key: "number", title: t("invoices.number"), dataIndex: "invoiceNumber" },
        {
          key: "order",
          title: t("invoices.order"),
          render: (_, inv) => inv.orderNumber ?? t("common.empty"),
        },
        { key: "issuedOn", title: t("invoices.issuedOn"), render: (_, inv) => i18n.date(inv.issuedOn) },
        { key: "dueOn", title: t("invoices.dueOn"), render: (_, inv) => i18n.date(inv.dueOn) },
        {
          key: "amount",
          title: t("invoices.amount"),
          align: "right",
          render: (_, inv) => num(i18n.money(inv.amountMinor, inv.currency)),
        },
        {
          key: "open",
          title: t("invoices.open"),
          align: "right",
          render: (_, inv) =>
            inv.openMinor === undefined || inv.openMinor === null
              ? t("common.empty")
              : num(i18n.money(inv.openMinor, inv.currency)),
        },
        {
          key: "dpd",
          title: t("invoices.daysPastDue"),
          align: "right",
          render: (_, inv) => {
            if (inv.status !== "open") {
              return t("common.empty");
            }
            const days = daysPastDue(inv.dueOn);
            return days > 0 ? (
              <Typography.Text type="danger">{num(i18n.number(days))}</Typography.Text>
            ) : (
              num("0")
            );
          },
        },
        {
          key: "status",
          title: t("invoices.status"),
          render: (_, inv) => (
            <Tag color={inv.status === "paid" ? "green" : inv.status === "open" ? "gold" : "default"}>
              {i18n.label("invoiceStatus", inv.status)}
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
          { key: "reference", title: t("payments.reference"), dataIndex: "reference" },
          { key: "receivedOn", title: t("payments.receivedOn"), render: (_, p) => i18n.date(p.receivedOn) },
          {
            key: "amount",
            title: t("payments.amount"),
            align: "right",
            render: (_, p) => num(i18n.money(p.amountMinor, p.currency)),
          },
          { key: "method", title: t("payments.method"), render: (_, p) => p.method ?? t("common.empty") },
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
        columns={[
          { key: "number", title: t("creditNotes.number"), dataIndex: "noteNumber" },
          { key: "issuedOn", title: t("creditNotes.issuedOn"), render: (_, n) => i18n.date(n.issuedOn) },
          {
            key: "amount",
            title: t("creditNotes.amount"),
            align: "right",
            render: (_, n) => num(i18n.money(n.amountMinor, n.currency)),
          },
          { key: "reason", title: t("creditNotes.reason"), render: (_, n) => n.reason ?? t("common.empty") },
        ]}
      />
    </>
  );
}
