import type { Department } from "./rule-schema.ts";

/**
 * The departments whose inbox a role reads (DOMAIN.md routes alerts to finance for collection,
 * sales, and credit). Roles that oversee everything — administrators, auditors, viewers — read all.
 */
export function departmentsOfRole(role: string): Department[] {
  switch (role) {
    case "credit_manager":
    case "credit_analyst":
      return ["credit"];
    case "finance_ar":
      return ["finance"];
    case "sales":
      return ["sales"];
    default:
      return ["finance", "sales", "credit"];
  }
}
