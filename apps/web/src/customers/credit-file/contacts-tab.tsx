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
          text: (c) => (c.isPrimary ? `${c.name} ${t("contacts.primary")}` : c.name),
          view: (_, c) => (
            <>
              {c.name} {c.isPrimary ? <Tag color="blue">{t("contacts.primary")}</Tag> : null}
            </>
          ),
        },
        { key: "title", title: t("contacts.title"), text: (c) => c.title ?? empty },
        {
          key: "phone",
          title: t("contacts.phone"),
          text: (c) => c.phone ?? empty,
          view: (text, c) => (c.phone ? <a href={`tel:${c.phone}`}>{text}</a> : text),
        },
        {
          key: "email",
          title: t("contacts.email"),
          text: (c) => c.email ?? empty,
          view: (text, c) => (c.email ? <a href={`mailto:${c.email}`}>{text}</a> : text),
        },
      ]}
    />
  );
}
