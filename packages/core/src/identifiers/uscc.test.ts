import { describe, expect, it } from "vitest";
import { validateIdentifier } from "./identifier.ts";
import { usccCheckSymbol, validateUscc } from "./uscc.ts";

describe("unified social credit code (GB 32100-2015)", () => {
  it.each(["9144030071526726XG", "91330100799655058B", "91110000802100433B"])(
    "accepts public example %s",
    (code) => {
      expect(validateUscc(code)).toEqual({ ok: true, value: code });
    },
  );

  it("normalises lower case, spaces and full-width symbols before checking", () => {
    expect(validateUscc(" ９１４４０３００７１５２６７２６ｘｇ ")).toEqual({
      ok: true,
      value: "9144030071526726XG",
    });
  });

  it.each([
    ["9144030071526726XH", "checksum"],
    ["9144030071526727XG", "checksum"],
    ["91330100799655058", "length"],
    ["91330100799655O58B", "symbol"],
    ["9I330100799655058B", "symbol"],
  ])("rejects corrupted %s with a %s problem", (code, problem) => {
    const r = validateUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(problem);
    }
  });

  it("detects every single-symbol substitution in the first 17 positions", () => {
    const code = "91110000802100433B";
    for (let i = 0; i < 17; i++) {
      const replacement = code[i] === "1" ? "2" : "1";
      const corrupted = code.slice(0, i) + replacement + code.slice(i + 1);
      expect(validateUscc(corrupted).ok, corrupted).toBe(false);
    }
  });

  it("computes the check symbol", () => {
    expect(usccCheckSymbol("91330100799655058")).toBe("B");
  });

  it("names the identifier type in the message", () => {
    const r = validateIdentifier("uscc", "91330100799655058C");
    expect(r).toEqual({ ok: false, message: expect.stringContaining("unified social credit code") });
  });

  it("validates an LEI with its mod 97-10 check digits", () => {
    expect(validateIdentifier("lei", "5493001KJTIIGC8Y1R12").ok).toBe(true);
    expect(validateIdentifier("lei", "5493001KJTIIGC8Y1R13").ok).toBe(false);
  });
});
