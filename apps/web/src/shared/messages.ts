/** Messages of the shared UI parts (export button, progress, hints). */
export const zhCN = {
  "shared.exportCsv": "导出 CSV",
  "shared.exported": "已导出 {n} 行",
  "shared.exportEmpty": "没有可导出的行",
  "shared.yes": "是",
  "shared.no": "否",
} as const;

export const en: { readonly [K in keyof typeof zhCN]: string } = {
  "shared.exportCsv": "Export CSV",
  "shared.exported": "Exported {n} rows",
  "shared.exportEmpty": "Nothing to export",
  "shared.yes": "Yes",
  "shared.no": "No",
};
