export * from "./app-error.ts";
export * from "./cursor.ts";
export * from "./list.ts";
export * from "./paginate.ts";
export * from "./records.ts";
