/**
 * Credit insurance and factoring (pure): policies and insurer decisions, exposure net of cover,
 * overdue-notification deadlines, claims lifecycle, and which factored invoices leave exposure.
 */
export * from "./claims.ts";
export * from "./factoring.ts";
export * from "./insurance-schema.ts";
export * from "./insured-limit.ts";
export * from "./notification-deadline.ts";
