/** Credit applications and new-customer screening (`@creditdesk/lib/applications`). */
export * from "./application-input.ts";
export * from "./case-file.ts";
export * from "./conditions.ts";
export * from "./config.ts";
export * from "./create-application.ts";
export * from "./decide-application.ts";
export * from "./documents.ts";
export * from "./get-application.ts";
export * from "./investigate.ts";
export * from "./public-form.ts";
export * from "./risk-register.ts";
export * from "./run-application-check.ts";
export * from "./screening-keys.ts";
