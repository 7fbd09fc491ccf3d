import type { DatabaseHandle } from "@creditdesk/db";
import {
  findCustomerId,
  findRowById,
  insertRow,
  listRows,
  type Patch,
  type ResourceTable,
  type TableWithId,
  updateRow,
} from "@creditdesk/db/archive";
import { AppError } from "./app-error.ts";
import type { Page } from "./list.ts";
import { type ListParams, paginate } from "./paginate.ts";

/**
 * The four use cases of a plain record resource (contacts, statements, ratings, events, orders,
 * credit notes …): list with filters/sort/cursor, get, create, update. Resources with their own
 * rules (customers, invoices, payments) have dedicated use-case files instead.
 */
export interface RecordUseCases<Row, S extends string, F extends string> {
  /** Display name for messages ("invoice", "contact"). */
  readonly name: string;
  readonly sorts: readonly S[];
  readonly filters: readonly F[];
  list(options: {
    handle: DatabaseHandle;
    filters?: Partial<Record<F, unknown>>;
    params: ListParams;
  }): Promise<Page<Row>>;
  get(options: { handle: DatabaseHandle; id: number }): Promise<Row>;
  create(options: { handle: DatabaseHandle; values: object }): Promise<Row>;
  update(options: { handle: DatabaseHandle; id: number; patch: object }): Promise<Row>;
}

export function recordUseCases<T extends TableWithId, S extends string, F extends string>(config: {
  name: string;
  resource: ResourceTable<T, S, F>;
  sorts: readonly S[];
  filters: readonly F[];
  defaultSort: NoInfer<`${S}` | `-${S}`>;
}): RecordUseCases<T["$inferSelect"], S, F> {
  const { name, resource } = config;
  return {
    name,
    sorts: config.sorts,
    filters: config.filters,
    list: ({ handle, filters, params }) =>
      paginate(params, {
        sorts: config.sorts,
        defaultSort: config.defaultSort,
        fetch: (request) => listRows(handle.db, resource, { ...request, filters }),
      }),
    async get({ handle, id }) {
      const row = await findRowById(handle.db, resource.table, id);
      if (!row) {
        throw AppError.notFound(name, id);
      }
      return row;
    },
    create: ({ handle, values }) => insertRow(handle.db, resource.table, values as T["$inferInsert"]),
    async update({ handle, id, patch }) {
      const row = await updateRow(handle.db, resource.table, id, patch as Patch<T["$inferInsert"]>);
      if (!row) {
        throw AppError.notFound(name, id);
      }
      return row;
    },
  };
}

/** Resolves a customer given by id or code, or throws NOT_FOUND. */
export async function requireCustomerId(handle: DatabaseHandle, idOrCode: string | number): Promise<number> {
  const id = await findCustomerId(handle.db, idOrCode);
  if (id === undefined) {
    throw AppError.notFound("customer", idOrCode);
  }
  return id;
}
