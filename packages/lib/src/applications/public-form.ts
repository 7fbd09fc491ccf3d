import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { applicationTokens } from "@creditdesk/db/applications";
import { and, eq, gt, isNull } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import type { ApplicationInput, DocumentUpload } from "./application-input.ts";
import { loadApplicationsConfig } from "./config.ts";
import { insertApplication } from "./create-application.ts";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A link for the public application form: a random 256-bit token, shown once; only its SHA-256 is
 * stored (a database leak gives no usable link). Expires after the configured days; one
 * application per token.
 */
export async function createApplicationLink(options: {
  handle: DatabaseHandle;
  actor: Actor;
  prospectName?: string | undefined;
  now?: Date | undefined;
}): Promise<{ id: number; token: string; path: string; expiresAt: string }> {
  const config = await loadApplicationsConfig(options.handle.db);
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + config.publicForm.tokenDays * 86_400_000);
  const [row] = await options.handle.db
    .insert(applicationTokens)
    .values({
      tokenHash: hashToken(token),
      prospectName: options.prospectName ?? null,
      createdBy: options.actor.id,
      expiresAt,
    })
    .returning({ id: applicationTokens.id });
  return { id: row!.id, token, path: `/apply/${token}`, expiresAt: expiresAt.toISOString() };
}

/** What the public form shows about its link (404 for an unknown token, 410-like states otherwise). */
export async function inspectApplicationLink(options: { handle: DatabaseHandle; token: string; now?: Date }) {
  const [row] = await options.handle.db
    .select()
    .from(applicationTokens)
    .where(eq(applicationTokens.tokenHash, hashToken(options.token)));
  if (!row) {
    throw new AppError("NOT_FOUND", "this application link does not exist");
  }
  const config = await loadApplicationsConfig(options.handle.db);
  const now = options.now ?? new Date();
  const state = row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "open";
  return {
    state: state as "open" | "used" | "expired",
    prospectName: row.prospectName,
    expiresAt: row.expiresAt.toISOString(),
    maxFileBytes: config.publicForm.maxFileBytes,
    maxFiles: config.publicForm.maxFiles,
    contentTypes: ["application/pdf", "image/png", "image/jpeg"],
  };
}

/**
 * The prospect submits the form: the token is claimed atomically (unused and unexpired, or 409),
 * then the application is recorded as created by the link's issuer (so four eyes keep the issuer
 * from deciding it) with source `public_form`.
 */
export async function submitPublicApplication(options: {
  handle: DatabaseHandle;
  token: string;
  input: ApplicationInput;
  documents?: readonly DocumentUpload[] | undefined;
  now?: Date;
}): Promise<{ id: number; reference: string }> {
  const config = await loadApplicationsConfig(options.handle.db);
  const now = options.now ?? new Date();
  return options.handle.transaction(async (tx) => {
    const hash = hashToken(options.token);
    const [claimed] = await tx.db
      .update(applicationTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(applicationTokens.tokenHash, hash),
          isNull(applicationTokens.usedAt),
          gt(applicationTokens.expiresAt, now),
        ),
      )
      .returning();
    if (!claimed) {
      const [known] = await tx.db
        .select({ usedAt: applicationTokens.usedAt })
        .from(applicationTokens)
        .where(eq(applicationTokens.tokenHash, hash));
      if (!known) {
        throw new AppError("NOT_FOUND", "this application link does not exist");
      }
      throw new AppError(
        "CONFLICT",
        known.usedAt
          ? "an application was already submitted with this link"
          : "this application link has expired",
      );
    }
    const row = await insertApplication(tx.db, {
      input: options.input,
      documents: options.documents,
      createdBy: claimed.createdBy,
      source: "public_form",
      maxFileBytes: config.publicForm.maxFileBytes,
      maxFiles: config.publicForm.maxFiles,
    });
    await tx.db
      .update(applicationTokens)
      .set({ applicationId: row.id })
      .where(eq(applicationTokens.id, claimed.id));
    return { id: row.id, reference: `APP-${row.id}` };
  });
}
