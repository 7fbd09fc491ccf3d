/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 * 18 symbols from a 31-symbol alphabet (no I, O, S, V, Z); position 18 is a check symbol computed
 * from positions 1–17 with weights 3^(i-1) mod 31.
 */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem =
  | { code: "length"; message: string }
  | { code: "symbol"; message: string; position: number }
  | { code: "checksum"; message: string; expected: string };

/** The check symbol for the first 17 symbols of a code (GB 32100-2015 §5). */
export function usccCheckSymbol(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) {
      throw new RangeError(`invalid symbol at position ${i + 1}`);
    }
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Normalises (trim, upper-case, full-width → half-width) and validates a code. */
export function validateUscc(
  input: string,
): { ok: true; value: string } | { ok: false; problem: UsccProblem } {
  const value = normaliseIdentifier(input);
  if (value.length !== 18) {
    return {
      ok: false,
      problem: { code: "length", message: `must have 18 characters, has ${value.length}` },
    };
  }
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(value.charAt(i))) {
      return {
        ok: false,
        problem: {
          code: "symbol",
          position: i + 1,
          message: `character '${value.charAt(i)}' at position ${i + 1} is not allowed (I, O, S, V, Z are never used)`,
        },
      };
    }
  }
  const expected = usccCheckSymbol(value.slice(0, 17));
  if (value.charAt(17) !== expected) {
    return {
      ok: false,
      problem: {
        code: "checksum",
        expected,
        message: `check symbol is '${value.charAt(17)}' but GB 32100-2015 gives '${expected}'`,
      },
    };
  }
  return { ok: true, value };
}

/** Upper-cases, trims, removes inner spaces and maps full-width ASCII (Ａ-Ｚ, ０-９) to half-width. */
export function normaliseIdentifier(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, "")
    .toUpperCase();
}
