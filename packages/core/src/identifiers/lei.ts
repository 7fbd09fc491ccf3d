import { normaliseIdentifier } from "./uscc.ts";

/**
 * Legal Entity Identifier (ISO 17442): 20 alphanumerics whose last two digits are an
 * ISO 7064 MOD 97-10 check — the whole code, letters as 10–35, is ≡ 1 (mod 97).
 */
export function validateLei(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = normaliseIdentifier(input);
  if (!/^[0-9A-Z]{18}[0-9]{2}$/.test(value)) {
    return { ok: false, message: "must be 18 letters or digits followed by 2 check digits" };
  }
  if (mod97(value) !== 1) {
    return { ok: false, message: "ISO 7064 MOD 97-10 check digits do not match" };
  }
  return { ok: true, value };
}

function mod97(code: string): number {
  let remainder = 0;
  for (const ch of code) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) {
      remainder = (remainder * 10 + Number(d)) % 97;
    }
  }
  return remainder;
}
