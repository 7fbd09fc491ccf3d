/** Messages of the shared UI parts (export button, progress, hints). */
export const zhCN = {
  "shared.exportCsv": "导出 CSV",
  "shared.exported": "已导出 {n} 行",
  "shared.exportEmpty": "没有可导出的行",
  "shared.exportingRows": "正在导出… 已取 {n} 行",
  "shared.exportCapped": "已导出前 {n} 行（单次导出上限）。请缩小筛选范围后分批导出。",
  "shared.exportFailed": "导出失败：{reason}",
  "shared.yes": "是",
  "shared.no": "否",
} as const;

export const en: { readonly [K in keyof typeof zhCN]: string } = {
  "shared.exportCsv": "Export CSV",
  "shared.exported": "Exported {n} rows",
  "shared.exportEmpty": "Nothing to export",
  "shared.exportingRows": "Exporting… {n} rows so far",
  "shared.exportCapped":
    "Exported the first {n} rows (the limit of one export). Narrow the filters to export the rest.",
  "shared.exportFailed": "Export failed: {reason}",
  "shared.yes": "Yes",
  "shared.no": "No",
};
