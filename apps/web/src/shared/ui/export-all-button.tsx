import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { EXPORT_MAX_ROWS, fetchAllPages } from "../api/fetch-all-pages.ts";
import type { Page } from "../api/types.ts";
import { type CsvCell, downloadText, toCsv } from "../format/csv.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

export interface ExportAllButtonProps<T> {
  /** File name without the date and extension, e.g. "invoices". */
  name: string;
  header: readonly string[];
  /** One page of the same filtered query the table shows (cursor undefined = the first page). */
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>;
  /** A row's cells as the table formats them. */
  row: (item: T) => readonly CsvCell[];
  max?: number;
  size?: "small" | "middle";
  testId?: string;
}

/**
 * Exports every row of a server-paginated list as CSV, not only the page on screen: fetches all
 * pages of the query (showing how many rows it has so far), up to EXPORT_MAX_ROWS, and says so when
 * it stopped there. CSV from shared/format/csv.ts (BOM, quoting, no formulas).
 */
export function ExportAllButton<T>({
  name,
  header,
  fetchPage,
  row,
  max,
  size = "small",
  testId,
}: ExportAllButtonProps<T>) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const [fetched, setFetched] = useState<number | null>(null);
  const limit = max ?? EXPORT_MAX_ROWS;
  const run = async () => {
    setFetched(0);
    try {
      const { items, capped } = await fetchAllPages({ fetchPage, max: limit, onProgress: setFetched });
      if (items.length === 0) {
        void message.info(t("shared.exportEmpty"));
        return;
      }
      downloadText(`${name}-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, items.map(row)));
      if (capped) {
        void message.warning(t("shared.exportCapped", { n: items.length }));
      } else {
        void message.success(t("shared.exported", { n: items.length }));
      }
    } catch (error) {
      void message.error(
        t("shared.exportFailed", { reason: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      setFetched(null);
    }
  };
  return (
    <Button
      size={size}
      icon={<DownloadOutlined />}
      loading={fetched !== null}
      data-testid={testId}
      aria-live="polite"
      onClick={() => void run()}
    >
      {fetched === null ? t("shared.exportCsv") : t("shared.exportingRows", { n: i18n.number(fetched) })}
    </Button>
  );
}
