/** Periodic credit reviews: schedule, tasks pulled forward by alerts, review runs, reports. */
export * from "./assign-review.ts";
export * from "./build-review-report.ts";
export * from "./complete-review.ts";
export * from "./get-review.ts";
export * from "./list-customer-reviews.ts";
export * from "./pull-reviews-forward.ts";
export * from "./render-review-report.ts";
export * from "./review-case-file.ts";
export * from "./schedule-reviews.ts";
