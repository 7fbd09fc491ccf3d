/**
 * Credit insurance (policies, insured limits and insurer decisions, exposure net of cover,
 * overdue-notification deadlines and the insurance check, notifications, claims) and factoring
 * (agreements, invoices sold or pledged). `@creditdesk/lib/insurance`.
 */
export * from "./assign-receivables.ts";
export * from "./cancel-insurance-policy.ts";
export * from "./check-insurance.ts";
export * from "./create-factoring-agreement.ts";
export * from "./create-insurance-policy.ts";
export * from "./end-factored-receivable.ts";
export * from "./file-insurance-claim.ts";
export * from "./file-overdue-notification.ts";
export * from "./get-customer-insurance.ts";
export * from "./insurance-common.ts";
export * from "./list-factoring.ts";
export * from "./list-insurance-claims.ts";
export * from "./list-insurance-policies.ts";
export * from "./list-insured-limits.ts";
export * from "./list-notification-deadlines.ts";
export * from "./move-insurance-claim.ts";
export * from "./record-insurer-decision.ts";
export * from "./request-insured-limit.ts";
