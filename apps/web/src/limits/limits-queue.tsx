import { App, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet } from "../shared/api/client.ts";
import type { Customer } from "../shared/api/types.ts";
import { type ApiState, useApi } from "../shared/api/use-api.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";

export type CustomerNames = Map<number, Pick<Customer, "code" | "legalName">>;

/** The customers named by the rows, fetched once per distinct id (the queues carry ids only). */
async function customerNames(ids: readonly number[], signal: AbortSignal): Promise<CustomerNames> {
  const unique = [...new Set(ids)].slice(0, 100);
  const found = await Promise.all(
    unique.map((id) => apiGet<Customer>(`/customers/${id}`, {}, signal).catch(() => null)),
  );
  const names: CustomerNames = new Map();
  for (const customer of found) {
    if (customer) {
      names.set(customer.id, { code: customer.code, legalName: customer.legalName });
    }
  }
  return names;
}

/** A queue of customer-bearing rows (`{ items }`) with the names of their customers. */
export function useCustomerQueue<T extends { customerId: number }>(
  path: string,
  query: Record<string, string | number> = {},
): ApiState<{ items: T[]; names: CustomerNames }> {
  return useApi(
    async (signal) => {
      const { items } = await apiGet<{ items: T[] }>(path, query, signal);
      return {
        items,
        names: await customerNames(
          items.map((r) => r.customerId),
          signal,
        ),
      };
    },
    [path, JSON.stringify(query)],
  );
}

/** Runs one decision at a time: busy flag, success message, error message, then `after`. */
export function useDecision(after: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  const run = async (id: number, send: () => Promise<unknown>) => {
    setBusy(id);
    try {
      await send();
      void message.success(t("approvals.decided"));
      after();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

export function CustomerCell({ id, names }: { id: number; names: CustomerNames | undefined }) {
  const c = names?.get(id);
  return c ? (
    <Link to={`/customers/${encodeURIComponent(c.code)}?tab=limits`}>
      {c.legalName} <Typography.Text type="secondary">{c.code}</Typography.Text>
    </Link>
  ) : (
    <Link to={`/customers/${id}`}>#{id}</Link>
  );
}

export function customerText(id: number, names: CustomerNames | undefined): string {
  const c = names?.get(id);
  return c ? `${c.legalName} (${c.code})` : `#${id}`;
}
