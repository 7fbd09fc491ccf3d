import { Tag } from "antd";
import type { Contact, Customer } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { CursorTable } from "../../shared/ui/cursor-table.tsx";

export function ContactsTab({ customer }: { customer: Customer }) {
  const { t } = useI18n();
  const empty = t("common.empty");
  return (
    <CursorTable<Contact>
      path="/contacts"
      query={{ customerId: customer.id }}
      rowKey="id"
      label={t("creditFile.tab.contacts")}
      empty={t("contacts.empty")}
      testId="contacts-table"
      columns={[
        {
          key: "name",
          title: t("contacts.name"),
          render: (_, c) => (
            <>
              {c.name} {c.isPrimary ? <Tag color="blue">{t("contacts.primary")}</Tag> : null}
            </>
          ),
        },
        { key: "title", title: t("contacts.title"), render: (_, c) => c.title ?? empty },
        {
          key: "phone",
          title: t("contacts.phone"),
          render: (_, c) => (c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : empty),
        },
        {
          key: "email",
          title: t("contacts.email"),
          render: (_, c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : empty),
        },
      ]}
    />
  );
}
