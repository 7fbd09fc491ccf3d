export * from "./import-file.ts";
export * from "./read-csv.ts";
export * from "./read-records.ts";
export * from "./read-xlsx.ts";
export * from "./source-record.ts";
export * from "./write-rejects.ts";
