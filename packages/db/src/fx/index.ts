/** FX rates: repository and derived validation schemas (`@creditdesk/db/fx`). */

export * from "./base-rates.ts";
export * from "./fx-rates.ts";
export * from "./validation.ts";
