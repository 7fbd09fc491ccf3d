export * from "./export-entity.ts";
