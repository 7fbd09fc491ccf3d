export * from "./read-csv-table.ts";
export * from "./write-report-files.ts";
export * from "./write-scored-csv.ts";
