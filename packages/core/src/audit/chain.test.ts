import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";
import {
  type ChainedAuditEntry,
  entryHashInput,
  entryHashParts,
  GENESIS_HASH,
  verifyChain,
} from "./chain.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function chain(n: number): ChainedAuditEntry[] {
  const out: ChainedAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      at: `2025-01-01T00:00:0${seq}.000Z`,
      actor: "alice",
      action: "customer.update",
      entity: "customer",
      entityId: String(seq),
      before: { b: 1, a: [1, { z: 2, y: null }] },
      after: { a: seq },
      reason: null,
    };
    const hash = sha256(entryHashInput(prev, content));
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, "x"], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[true,"x"]},"b":1}',
    );
  });

  it("refuses NaN", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain", () => {
    const entries = chain(4);
    expect(verifyChain(entries, sha256)).toEqual({ ok: true, entries: 4, lastHash: entries[3]?.hash });
  });

  it("names a changed entry", () => {
    const entries = chain(4);
    entries[2] = { ...(entries[2] as ChainedAuditEntry), after: { a: 999 } };
    const verdict = verifyChain(entries, sha256);
    expect(verdict).toMatchObject({ ok: false, break: { kind: "hash_mismatch", seq: 3 } });
  });

  it("names the entry after a deleted one", () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verifyChain(entries, sha256)).toMatchObject({ ok: false, break: { kind: "gap", seq: 3 } });
  });

  it("names a re-hashed entry through its successor's link", () => {
    const entries = chain(3);
    const second = { ...(entries[1] as ChainedAuditEntry), reason: "forged" };
    second.hash = sha256(entryHashInput(second.prevHash, second));
    entries[1] = second;
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      break: { kind: "prev_hash_mismatch", seq: 3 },
    });
  });
});

describe("entryHashParts", () => {
  it.each([1, 9, 10, 12_345_678_901])("splits the hash input around seq %i", (seq) => {
    const content = {
      at: "2025-01-01T00:00:00.000Z",
      actor: "李雷",
      action: "credit_check.create",
      entity: "credit_check",
      entityId: "7",
      before: null,
      after: { zz: [1, "\u0000"], seq: 3, a: "x" },
      reason: "why",
    };
    const { prefix, suffix } = entryHashParts(content);
    expect(`${GENESIS_HASH}\n${prefix}${seq}${suffix}`).toBe(
      entryHashInput(GENESIS_HASH, { ...content, seq }),
    );
  });
});
