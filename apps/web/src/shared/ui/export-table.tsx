import { Table, type TableProps } from "antd";
import { columnsText, type ExportColumn } from "./columns-text.ts";
import { ExportButton } from "./export-button.tsx";

export type ExportTableProps<T extends object> = TableProps<T> & {
  /** File name of the CSV without the date and extension. */
  exportName: string;
  exportTestId?: string;
};

/**
 * An antd Table with a CSV export above it of ALL its rows (`dataSource`, every client-side page)
 * as its columns render them — for tables whose whole data set is loaded (lists without server
 * pagination); server-paginated lists use ExportAllButton.
 */
export function ExportTable<T extends object>({ exportName, exportTestId, ...props }: ExportTableProps<T>) {
  const read = () => columnsText((props.columns ?? []) as ExportColumn<T>[], props.dataSource ?? []);
  return (
    <div>
      <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 4 }}>
        <ExportButton
          name={exportName}
          header={() => read().header}
          rows={() => read().rows}
          {...(exportTestId ? { testId: exportTestId } : {})}
        />
      </div>
      <Table<T> {...props} />
    </div>
  );
}
