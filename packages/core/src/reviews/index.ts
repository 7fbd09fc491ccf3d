export * from "./review-schedule.ts";
