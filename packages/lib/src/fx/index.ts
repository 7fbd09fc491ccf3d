export * from "./fx-rates.ts";
