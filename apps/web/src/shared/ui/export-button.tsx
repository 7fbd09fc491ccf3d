import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { type CsvCell, downloadText, toCsv } from "../format/csv.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

export interface ExportButtonProps {
  /** File name without the date and extension, e.g. "reviews". */
  name: string;
  /** The header row, or a function giving it at export time (e.g. read from the table on screen). */
  header: readonly string[] | (() => readonly string[]);
  /** The rows as shown (formatted per locale where that is what a reader expects). */
  rows: () => readonly (readonly CsvCell[])[];
  testId?: string;
}

/** Exports the rows of a table on screen as CSV (shared/format/csv.ts: BOM, quoting, no formulas). */
export function ExportButton({ name, header, rows, testId }: ExportButtonProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      data-testid={testId}
      onClick={() => {
        const data = rows();
        if (data.length === 0) {
          void message.info(t("shared.exportEmpty"));
          return;
        }
        const head = typeof header === "function" ? header() : header;
        downloadText(`${name}-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(head, data));
        void message.success(t("shared.exported", { n: data.length }));
      }}
    >
      {t("shared.exportCsv")}
    </Button>
  );
}
