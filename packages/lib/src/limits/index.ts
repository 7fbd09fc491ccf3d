/** Credit limits, exposure, limit requests, credit checks, blocked orders, contracts (`@creditdesk/lib/limits`). */

export * from "./authority-matrix.ts";
export * from "./blocked-orders.ts";
export * from "./check-credit.ts";
export * from "./contracts.ts";
export * from "./credit-check-result.ts";
export * from "./credit-segments.ts";
export * from "./get-exposure.ts";
export * from "./limit-requests.ts";
export * from "./list-limits.ts";
export * from "./recommend-customer-limit.ts";
export * from "./release-reservation.ts";
export * from "./set-credit-limit.ts";
