import { Button, Table, type TableColumnType } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { apiGet, type QueryValue } from "../api/client.ts";
import { EXPORT_PAGE_SIZE } from "../api/fetch-all-pages.ts";
import type { Page } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { ExportAllButton } from "./export-all-button.tsx";
import { EmptyState, LoadError } from "./page-state.tsx";

/**
 * A column of a CursorTable: `text` is the cell as the reader sees it (formatted per locale), and
 * is what the export writes; `view` may dress that text on screen (a tag, a link, a colour)
 * without changing it. One function for both keeps the file and the screen the same.
 */
export interface CursorColumn<T> {
  key: string;
  title: string;
  text: (row: T) => string;
  view?: (text: string, row: T) => ReactNode;
  align?: "left" | "right" | "center";
}

export interface CursorTableProps<T> {
  /** List endpoint answering `{ items, nextCursor }`. */
  path: string;
  query: Record<string, QueryValue>;
  columns: readonly CursorColumn<T>[];
  rowKey: keyof T & string;
  empty: ReactNode;
  label: string;
  pageSize?: number;
  testId?: string;
}

/** Right-aligned figures in tabular digits (`cd-num`). */
export const numberView = (text: string) => <span className="cd-num">{text}</span>;

/**
 * A table over a cursor-paginated API list, with previous/next paging on the server and a CSV
 * export of every row of the same query (all pages, not only the one on screen).
 */
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
  const cursor = trail.at(-1);
  const queryKey = JSON.stringify(query);
  const page = useApi(
    (signal) => apiGet<Page<T>>(path, { ...query, limit: pageSize, cursor }, signal),
    [path, queryKey, pageSize, cursor],
  );
  const tableColumns = useMemo(
    () =>
      columns.map(
        (c): TableColumnType<T> => ({
          key: c.key,
          title: c.title,
          ...(c.align ? { align: c.align } : {}),
          render: (_: unknown, row: T) => (c.view ? c.view(c.text(row), row) : c.text(row)),
        }),
      ),
    [columns],
  );
  if (page.error) {
    return <LoadError error={page.error} onRetry={page.reload} />;
  }
  const items = page.data?.items ?? [];
  const single = trail.length === 0 && !page.data?.nextCursor;
  return (
    <div>
      <Table<T>
        data-testid={testId}
        aria-label={label}
        rowKey={rowKey}
        size="small"
        loading={page.loading}
        columns={tableColumns}
        dataSource={items}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      />
      <nav className="cd-pager" aria-label={`${label} — ${t("common.pagination")}`}>
        <ExportAllButton<T>
          name={path.replace(/^\//, "").replace(/\W+/g, "-")}
          header={columns.map((c) => c.title)}
          fetchPage={(next) => apiGet<Page<T>>(path, { ...query, limit: EXPORT_PAGE_SIZE, cursor: next })}
          row={(item) => columns.map((c) => c.text(item))}
          {...(testId ? { testId: `${testId}-export` } : {})}
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
