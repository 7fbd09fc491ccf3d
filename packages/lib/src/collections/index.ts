/** Collections (催收): worklist, dunning, promises to pay, interest statements (`@creditdesk/lib/collections`). */
export * from "./assign-collector.ts";
export * from "./collection-history.ts";
export * from "./collection-settings.ts";
export * from "./dunning-message.ts";
export * from "./get-worklist.ts";
export * from "./interest-statement.ts";
export * from "./payment-promises.ts";
export * from "./record-collection-action.ts";
export * from "./run-dunning.ts";
