export { registerAuditRoutes } from "./audit-routes.ts";
export { inRequestTransaction, requestScopedHandle } from "./request-transaction.ts";
