/** Notifications: in-app inbox, e-mail (SMTP), signed webhooks with retries, digests, channels. */
export * from "./channels.ts";
export * from "./dispatch-notifications.ts";
export * from "./enqueue-alert-notifications.ts";
export * from "./inbox.ts";
export * from "./list-channel-deliveries.ts";
export * from "./send-email.ts";
export * from "./send-test-notification.ts";
export * from "./send-webhook.ts";
