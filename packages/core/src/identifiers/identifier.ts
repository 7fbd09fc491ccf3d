import { validateLei } from "./lei.ts";
import { normaliseIdentifier, validateUscc } from "./uscc.ts";

/** Registry identifier types a customer may carry; the type is always explicit. */
export const IDENTIFIER_TYPES = ["uscc", "duns", "lei", "vat", "other"] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export type IdentifierCheck = { ok: true; value: string } | { ok: false; message: string };

/** Validates and normalises an identifier of the given type. */
export function validateIdentifier(type: IdentifierType, raw: string): IdentifierCheck {
  switch (type) {
    case "uscc": {
      const r = validateUscc(raw);
      return r.ok ? r : { ok: false, message: `unified social credit code ${r.problem.message}` };
    }
    case "lei":
      return validateLei(raw);
    case "duns": {
      const value = raw.replace(/[\s-]/g, "");
      return /^[0-9]{9}$/.test(value)
        ? { ok: true, value }
        : { ok: false, message: "DUNS must have 9 digits" };
    }
    case "vat": {
      const value = normaliseIdentifier(raw);
      return /^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(value)
        ? { ok: true, value }
        : { ok: false, message: "VAT number must start with a 2-letter country code" };
    }
    case "other": {
      const value = raw.trim();
      return value.length > 0 ? { ok: true, value } : { ok: false, message: "must not be empty" };
    }
    default: {
      const never: never = type;
      throw new Error(`unknown identifier type ${String(never)}`);
    }
  }
}
