import { Alert, Select, Table, Tag, Typography } from "antd";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../../shared/i18n/zh-CN.ts";
import {
  type Cell,
  type ColumnMapping,
  duplicateTargets,
  type ImportUpload,
  missingRequired,
} from "./import-api.ts";

const IGNORE = "";

/** Step 2: one row per column of the file, its first values and the field it feeds. */
export function ImportMapping({
  upload,
  mapping,
  onChange,
}: {
  upload: ImportUpload;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const { t } = useI18n();
  const missing = missingRequired(upload, mapping);
  const duplicates = duplicateTargets(mapping);
  const columns = upload.headers.map((header, index) => ({ header, index })).filter((c) => c.header !== "");
  const options = [
    { value: IGNORE, label: t("import.ignoreColumn") },
    ...upload.fields.map((f) => ({ value: f.name, label: f.required ? `${f.name} *` : f.name })),
  ];
  return (
    <>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("import.missingRequired", { fields: missing.join(", ") })}
          data-testid="import-missing-required"
        />
      ) : null}
      {duplicates.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("import.duplicateTargets", { fields: duplicates.join(", ") })}
        />
      ) : null}
      <Table
        size="small"
        rowKey="header"
        pagination={false}
        data-testid="import-mapping"
        dataSource={columns}
        columns={[
          {
            key: "column",
            title: t("import.fileColumn"),
            render: (_, c) => <Typography.Text strong>{c.header}</Typography.Text>,
          },
          {
            key: "sample",
            title: t("import.sampleValues"),
            render: (_, c) => (
              <span>
                {upload.sampleRows.slice(0, 3).map((row, i) => (
                  <Tag key={String(i)}>{cellText(row[c.index])}</Tag>
                ))}
              </span>
            ),
          },
          {
            key: "field",
            title: t("import.targetField"),
            render: (_, c) => (
              <Select
                style={{ minWidth: 220 }}
                aria-label={t("import.mapColumn", { column: c.header })}
                data-testid={`map-${c.header}`}
                value={mapping[c.header] ?? IGNORE}
                options={options}
                showSearch
                onChange={(value: string) =>
                  onChange({ ...mapping, [c.header]: value === IGNORE ? null : value })
                }
              />
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(`import.entityHint.${upload.entity}` as MessageKey)}
      </Typography.Paragraph>
    </>
  );
}

function cellText(cell: Cell | undefined): string {
  return cell === null || cell === undefined || cell === "" ? "·" : String(cell);
}
