import { validateIdentifier } from "@creditdesk/core/identifiers";
import type { CustomerIdentifier, CustomerIdentifierInput } from "@creditdesk/db/archive";
import { AppError, type FieldProblem } from "../shared/app-error.ts";

/**
 * Validates (GB 32100-2015 USCC check symbol, LEI mod 97-10, DUNS …) and normalises customer
 * identifiers; one per type. Problems name the field (`identifiers.0.value`) for the API and CLI.
 */
export function normaliseIdentifiers(
  identifiers: readonly CustomerIdentifierInput[],
  path = "identifiers",
): CustomerIdentifier[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const out: CustomerIdentifier[] = [];
  identifiers.forEach((identifier, index) => {
    if (seen.has(identifier.type)) {
      problems.push({
        path: `${path}.${index}.type`,
        message: `only one ${identifier.type} identifier per customer`,
      });
    }
    seen.add(identifier.type);
    const check = validateIdentifier(identifier.type, identifier.value);
    if (check.ok) {
      out.push({ type: identifier.type, value: check.value, verifiedOn: identifier.verifiedOn ?? null });
    } else {
      problems.push({ path: `${path}.${index}.value`, message: check.message });
    }
  });
  if (problems.length > 0) {
    throw AppError.validation(problems, "invalid customer identifiers");
  }
  return out;
}
