/**
 * Test support shared by the packages' tests (`@creditdesk/lib/testing`, as `@creditdesk/db/testing`):
 * nothing here is used by the application itself.
 */

export { customerWithLimit } from "./customer-with-limit.ts";
export { pdfText } from "./pdf-text.ts";
