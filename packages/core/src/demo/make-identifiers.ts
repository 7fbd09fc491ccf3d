import { usccCheckSymbol } from "../identifiers/uscc.ts";

/*
 * Registry identifiers for demo customers. Each is a bijection of the customer's index (an
 * affine map modulo the size of the number space, with a multiplier coprime to it), so codes
 * are unique across any portfolio size without keeping a set of issued codes.
 */

const ORG_SPACE = 100_000_000; // 8 digits
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character of an 8-digit organisation code (GB 11714-1997: 11 − Σ wᵢcᵢ mod 11; 10 → X, 11 → 0). */
export function organisationCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number(body.charAt(i)) * (GB11714_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/**
 * A unified social credit code (GB 32100-2015): "91" (registered by the market regulator, an
 * enterprise), the 6-digit division code of the place of registration, a 9-character organisation
 * code (GB 11714 body + its own check) and the GB 32100 check symbol.
 */
export function makeUscc(options: { index: number; seed: number; divisionCode: string }): string {
  const offset = (options.seed * 2_654_435) % ORG_SPACE;
  const body = String((options.index * 7_919_813 + offset + 10_000_000) % ORG_SPACE).padStart(8, "0");
  const first17 = `91${options.divisionCode}${body}${organisationCodeCheck(body)}`;
  return first17 + usccCheckSymbol(first17);
}

/** A 9-digit D-U-N-S number (no check digit in the format). */
export function makeDuns(options: { index: number; seed: number }): string {
  const space = 800_000_000;
  return String(100_000_000 + ((options.index * 48_271 + options.seed * 97) % space));
}

/**
 * A Legal Entity Identifier (ISO 17442): a 4-character LOU prefix, "00", a 12-character entity
 * part and two ISO 7064 MOD 97-10 check digits.
 */
export function makeLei(options: { index: number; seed: number }): string {
  const space = 10_000_000_000;
  const digits = String((options.index * 1_234_567 + options.seed * 31) % space).padStart(10, "0");
  const body = `529900DM${digits}`; // 529900: a real LOU prefix (used here only as a shape)
  return body + leiCheckDigits(body);
}

/** The two check digits completing an 18-character LEI body (98 − body·100 mod 97). */
export function leiCheckDigits(body18: string): string {
  let remainder = 0;
  for (const ch of `${body18}00`) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) {
      remainder = (remainder * 10 + Number(d)) % 97;
    }
  }
  return String(98 - remainder).padStart(2, "0");
}

/** A German VAT number shape: DE + 9 digits. */
export function makeGermanVat(options: { index: number; seed: number }): string {
  const space = 900_000_000;
  return `DE${100_000_000 + ((options.index * 69_073 + options.seed * 13) % space)}`;
}
