import { Button, Table, type TableProps } from "antd";
import { type ReactNode, useRef, useState } from "react";
import { apiGet, type QueryValue } from "../api/client.ts";
import type { Page } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { ExportButton } from "./export-button.tsx";
import { EmptyState, LoadError } from "./page-state.tsx";
import { tableText } from "./table-export.ts";

export interface CursorTableProps<T> {
  /** List endpoint answering `{ items, nextCursor }`. */
  path: string;
  query: Record<string, QueryValue>;
  columns: NonNullable<TableProps<T>["columns"]>;
  rowKey: keyof T & string;
  empty: ReactNode;
  label: string;
  pageSize?: number;
  testId?: string;
}

/** A table over a cursor-paginated API list, with previous/next paging on the server. */
export function CursorTable<T extends object>({
  path,
  query,
  columns,
  rowKey,
  empty,
  label,
  pageSize = 20,
  testId,
}: CursorTableProps<T>) {
  const { t } = useI18n();
  const [trail, setTrail] = useState<string[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const cursor = trail.at(-1);
  const page = useApi(
    (signal) => apiGet<Page<T>>(path, { ...query, limit: pageSize, cursor }, signal),
    [path, JSON.stringify(query), pageSize, cursor],
  );
  if (page.error) {
    return <LoadError error={page.error} onRetry={page.reload} />;
  }
  const items = page.data?.items ?? [];
  const single = trail.length === 0 && !page.data?.nextCursor;
  const shown = () => (box.current ? tableText(box.current) : { header: [], rows: [] });
  return (
    <div ref={box}>
      <Table<T>
        data-testid={testId}
        aria-label={label}
        rowKey={rowKey}
        size="small"
        loading={page.loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      />
      <nav className="cd-pager" aria-label={`${label} — ${t("common.pagination")}`}>
        {/* The page on screen, as shown; paging on the server keeps each page small. */}
        <ExportButton
          name={path.replace(/^\//, "").replace(/\W+/g, "-")}
          header={() => shown().header}
          rows={() => shown().rows}
        />
        {single ? null : (
          <>
            <span>{t("common.pageNumber", { n: trail.length + 1 })}</span>
            <Button
              size="small"
              disabled={trail.length === 0 || page.loading}
              onClick={() => setTrail((p) => p.slice(0, -1))}
            >
              {t("common.previous")}
            </Button>
            <Button
              size="small"
              disabled={!page.data?.nextCursor || page.loading}
              onClick={() => {
                const next = page.data?.nextCursor;
                if (next) {
                  setTrail((p) => [...p, next]);
                }
              }}
            >
              {t("common.next")}
            </Button>
          </>
        )}
      </nav>
    </div>
  );
}
