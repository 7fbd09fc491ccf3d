import type { ResourceTable } from "./resource-table.ts";
import { contacts } from "./schema.ts";

/** Contacts of customers: sortable by name or creation; filter by customer or primary flag. */
export const CONTACT_SORTS = ["name", "createdAt", "id"] as const;
export const CONTACT_FILTERS = ["customerId", "isPrimary", "email"] as const;
export const contactResource: ResourceTable<
  typeof contacts,
  (typeof CONTACT_SORTS)[number],
  (typeof CONTACT_FILTERS)[number]
> = {
  table: contacts,
  sorts: { name: contacts.name, createdAt: contacts.createdAt, id: contacts.id },
  filters: {
    customerId: { column: contacts.customerId, op: "eq" },
    isPrimary: { column: contacts.isPrimary, op: "eq" },
    email: { column: contacts.email, op: "eq" },
  },
};
