import { canonicalJson } from "./canonical-json.ts";

/** One audit entry as hashed (everything but the hashes themselves). */
export interface AuditEntryContent {
  seq: number;
  /** ISO 8601 instant, millisecond precision. */
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface ChainedAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/** The hash of the entry before the first one. */
export const GENESIS_HASH = "0".repeat(64);

/** A hex SHA-256 (injected: the core does no crypto I/O; lib passes node:crypto's). */
export type Sha256Hex = (text: string) => string;

/** The text hashed for one entry: the previous hash, a newline, the canonical JSON of the content. */
export function entryHashInput(prevHash: string, entry: AuditEntryContent): string {
  const content: AuditEntryContent = {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason,
  };
  return `${prevHash}\n${canonicalJson(content)}`;
}

/**
 * The hash input of an entry split around its `seq`, for an appender that learns the seq only in
 * the database (packages/lib/src/audit/append-audit.ts computes the hash in SQL in the same
 * statement that takes the next seq): `entryHashInput(prev, entry)` equals
 * `` `${prev}\n${prefix}${seq}${suffix}` `` — canonical JSON sorts keys, and `seq` sorts last.
 */
export function entryHashParts(entry: Omit<AuditEntryContent, "seq">): { prefix: string; suffix: string } {
  const marker = 0;
  const text = entryHashInput("", { ...entry, seq: marker }).slice(1);
  const tail = `"seq":${marker}}`;
  if (!text.endsWith(tail)) {
    throw new Error("canonical audit JSON no longer ends with seq");
  }
  return { prefix: text.slice(0, text.length - tail.length + '"seq":'.length), suffix: "}" };
}

export type ChainBreak =
  | { kind: "hash_mismatch"; seq: number; message: string }
  | { kind: "prev_hash_mismatch"; seq: number; message: string }
  | { kind: "gap"; seq: number; message: string }
  /** The newest entries are gone or the last one was re-hashed: it disagrees with the chain head. */
  | { kind: "head_mismatch"; seq: number; message: string };

export type ChainVerdict =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; break: ChainBreak };

/**
 * Walks entries in `seq` order and names the first one that breaks the chain: a changed entry
 * (its hash no longer matches its content), a removed entry (a gap in `seq`, or a `prevHash` that
 * is not the previous entry's hash) or a re-hashed entry (the next one's `prevHash` disagrees).
 * Resumable: pass the state after the last verified entry as `from`.
 */
export class ChainVerifier {
  private expectedPrev: string;
  private expectedSeq: number | null;
  private count = 0;
  private broken: ChainBreak | null = null;

  constructor(
    private readonly sha256: Sha256Hex,
    from: { prevHash: string; nextSeq: number | null } = { prevHash: GENESIS_HASH, nextSeq: 1 },
  ) {
    this.expectedPrev = from.prevHash;
    this.expectedSeq = from.nextSeq;
  }

  /** Checks one more entry; returns false once the chain is broken. */
  push(entry: ChainedAuditEntry): boolean {
    if (this.broken) {
      return false;
    }
    this.count += 1;
    if (this.expectedSeq !== null && entry.seq !== this.expectedSeq) {
      this.broken = {
        kind: "gap",
        seq: entry.seq,
        message: `entry ${entry.seq} follows entry ${this.expectedSeq - 1}: entries ${this.expectedSeq}…${entry.seq - 1} are missing`,
      };
      return false;
    }
    if (entry.prevHash !== this.expectedPrev) {
      this.broken = {
        kind: "prev_hash_mismatch",
        seq: entry.seq,
        message: `entry ${entry.seq} does not link to the entry before it (prev_hash differs)`,
      };
      return false;
    }
    const computed = this.sha256(entryHashInput(entry.prevHash, entry));
    if (computed !== entry.hash) {
      this.broken = {
        kind: "hash_mismatch",
        seq: entry.seq,
        message: `entry ${entry.seq} was changed after it was written (hash differs)`,
      };
      return false;
    }
    this.expectedPrev = entry.hash;
    this.expectedSeq = entry.seq + 1;
    return true;
  }

  verdict(): ChainVerdict {
    return this.broken
      ? { ok: false, entries: this.count, break: this.broken }
      : { ok: true, entries: this.count, lastHash: this.expectedPrev };
  }
}

/** Verifies a whole chain held in memory. */
export function verifyChain(entries: Iterable<ChainedAuditEntry>, sha256: Sha256Hex): ChainVerdict {
  const verifier = new ChainVerifier(sha256);
  for (const entry of entries) {
    if (!verifier.push(entry)) {
      break;
    }
  }
  return verifier.verdict();
}
