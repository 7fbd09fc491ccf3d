import { Alert, Descriptions, Table } from "antd";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { ExportButton } from "../../shared/ui/export-button.tsx";
import type { ImportProblem, ImportResult } from "./import-api.ts";

/** Problems of a preview or a refused commit: file, row, column, field, value and why. */
export function ImportProblems({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const header = [
    t("import.file"),
    t("import.row"),
    t("import.column"),
    t("import.field"),
    t("import.value"),
    t("import.reason"),
  ];
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        title={t("import.problemsFound", { n: result.problemCount, file: result.fileName })}
        description={t("import.problemsHint")}
        action={
          <ExportButton
            name="import-problems"
            header={header}
            rows={() =>
              result.problems.map((p) => [result.fileName, p.row, p.column, p.field, p.value, p.reason])
            }
            testId="export-problems"
          />
        }
      />
      <Table<ImportProblem>
        size="small"
        data-testid="import-problems"
        rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={result.problems}
        columns={[
          { key: "file", title: header[0], render: () => result.fileName },
          { key: "row", title: header[1], render: (_, p) => p.row ?? t("import.wholeFile") },
          { key: "column", title: header[2], render: (_, p) => p.column ?? t("common.empty") },
          { key: "field", title: header[3], render: (_, p) => p.field ?? t("common.empty") },
          { key: "value", title: header[4], render: (_, p) => p.value ?? t("common.empty") },
          { key: "reason", title: header[5], dataIndex: "reason" },
        ]}
      />
    </>
  );
}

/** What a preview found to write, or what a commit wrote. */
export function ImportCounts({ result }: { result: ImportResult }) {
  const { t, number } = useI18n();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 5 }}
      data-testid="import-counts"
      items={[
        { key: "rows", label: t("import.rowsRead"), children: number(result.rowsRead) },
        { key: "inserted", label: t("import.inserted"), children: number(result.inserted) },
        { key: "updated", label: t("import.updated"), children: number(result.updated) },
        { key: "unchanged", label: t("import.unchanged"), children: number(result.unchanged) },
        { key: "seconds", label: t("import.seconds"), children: number(result.seconds, 1) },
      ]}
    />
  );
}
