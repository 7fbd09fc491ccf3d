import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** argon2id (OWASP 2023 minimum: m = 19 MiB, t = 2, p = 1). Algorithm 2 = Argon2id. */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the login does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
};

/** sha256 hex: how session ids and API tokens are stored (they are random, no salt needed). */
export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** 32 random bytes, base64url, with an optional prefix (`cd_` for API tokens). */
export const randomSecret = (prefix = ""): string => `${prefix}${randomBytes(32).toString("base64url")}`;

/** Passwords: at least 8 characters (NIST SP 800-63B), at most 256. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) {
    return "the password must have at least 8 characters";
  }
  if (password.length > 256) {
    return "the password must have at most 256 characters";
  }
  return null;
}
