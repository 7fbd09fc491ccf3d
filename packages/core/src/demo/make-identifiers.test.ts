import { describe, expect, it } from "vitest";
import { validateLei } from "../identifiers/lei.ts";
import { validateUscc } from "../identifiers/uscc.ts";
import {
  leiCheckDigits,
  makeDuns,
  makeGermanVat,
  makeLei,
  makeUscc,
  organisationCodeCheck,
} from "./make-identifiers.ts";

describe("demo registry identifiers", () => {
  it.each([
    // Σ digit·weight with weights 3 7 9 10 5 8 4 2, then 11 − (Σ mod 11); 10 → X, 11 → 0.
    ["12345678", "8"], // Σ = 201, 201 mod 11 = 3, 11 − 3 = 8
    ["00000000", "0"], // Σ = 0 → 11 → "0"
    ["10000000", "8"], // Σ = 3 → 8
    ["00000001", "9"], // Σ = 2 → 9
    ["40000000", "X"], // Σ = 12, 12 mod 11 = 1 → 10 → "X"
  ])("computes the GB 11714 check of %s as %s", (body, check) => {
    expect(organisationCodeCheck(body)).toBe(check);
  });

  it("makes unified social credit codes that validate, carry the division code and never repeat", () => {
    const seen = new Set<string>();
    for (let index = 0; index < 5000; index++) {
      const code = makeUscc({ index, seed: 42, divisionCode: "330100" });
      expect(validateUscc(code)).toEqual({ ok: true, value: code });
      expect(code.slice(0, 8)).toBe("91330100");
      seen.add(code);
    }
    expect(seen.size).toBe(5000);
  });

  it("makes LEIs whose ISO 7064 check digits validate", () => {
    for (let index = 0; index < 500; index++) {
      expect(validateLei(makeLei({ index, seed: 9 })).ok).toBe(true);
    }
    // A published LEI (GLEIF's own): 506700GE1G29325QX363.
    expect(leiCheckDigits("506700GE1G29325QX3")).toBe("63");
  });

  it("makes distinct D-U-N-S numbers and German VAT numbers of the right shape", () => {
    const duns = new Set(Array.from({ length: 3000 }, (_, index) => makeDuns({ index, seed: 1 })));
    expect(duns.size).toBe(3000);
    for (const d of duns) {
      expect(d).toMatch(/^\d{9}$/);
    }
    expect(makeGermanVat({ index: 3, seed: 1 })).toMatch(/^DE\d{9}$/);
  });
});
