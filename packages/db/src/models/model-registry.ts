import { and, desc, eq, sql } from "drizzle-orm";
import { models } from "../assessment/schema.ts";
import type { DatabaseHandle, Db } from "../client.ts";

/** Roles of a registered model: one champion scores for real, challengers are scored beside it. */
export const MODEL_ROLES = ["champion", "challenger", "retired"] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

export const MODEL_REGISTRY_ERROR_CODES = ["duplicate_version", "not_found", "invalid_role"] as const;
export type ModelRegistryErrorCode = (typeof MODEL_REGISTRY_ERROR_CODES)[number];

/** A registry request that cannot be honoured (the message names the model). */
export class ModelRegistryError extends Error {
  constructor(
    readonly code: ModelRegistryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ModelRegistryError";
  }
}

/** A registered model as the rest of the system sees it (the artefact still to be validated). */
export interface RegisteredModel {
  readonly id: number;
  readonly name: string;
  readonly version: string;
  readonly method: string;
  readonly role: ModelRole;
  readonly artefact: unknown;
  readonly metrics: unknown;
  readonly createdBy: string;
  /** ISO timestamp. */
  readonly createdAt: string;
}

type ModelRow = typeof models.$inferSelect;

function toRegisteredModel(row: ModelRow): RegisteredModel {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    method: row.method,
    role: row.role as ModelRole,
    artefact: row.artefact,
    metrics: row.metrics ?? null,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

const label = (name: string, version: string) => `model '${name}' version '${version}'`;

/** One model by name and version, or undefined. */
export async function findModel(db: Db, name: string, version: string): Promise<RegisteredModel | undefined> {
  const [row] = await db
    .select()
    .from(models)
    .where(and(eq(models.name, name), eq(models.version, version)))
    .limit(1);
  return row ? toRegisteredModel(row) : undefined;
}

/** All models, newest first (retired ones included). */
export async function listModels(db: Db): Promise<RegisteredModel[]> {
  const rows = await db.select().from(models).orderBy(desc(models.createdAt), desc(models.id));
  return rows.map(toRegisteredModel);
}

/** The champion, if any. */
export async function findChampion(db: Db): Promise<RegisteredModel | undefined> {
  const [row] = await db.select().from(models).where(eq(models.role, "champion")).limit(1);
  return row ? toRegisteredModel(row) : undefined;
}

/** The most recently registered challenger, if any. */
export async function findLatestChallenger(db: Db): Promise<RegisteredModel | undefined> {
  const [row] = await db
    .select()
    .from(models)
    .where(eq(models.role, "challenger"))
    .orderBy(desc(models.createdAt), desc(models.id))
    .limit(1);
  return row ? toRegisteredModel(row) : undefined;
}

/** The next free integer version of a name: "1" for a new name, else 1 + the largest integer version. */
export async function nextModelVersion(db: Db, name: string): Promise<string> {
  const rows = await db.select({ version: models.version }).from(models).where(eq(models.name, name));
  let max = 0;
  for (const { version } of rows) {
    if (/^\d+$/.test(version)) {
      max = Math.max(max, Number(version));
    }
  }
  return String(max + 1);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") {
      return true;
    }
  }
  return false;
}

export interface InsertModelValues {
  readonly name: string;
  readonly version: string;
  readonly method: string;
  readonly artefact: unknown;
  readonly metrics: unknown;
  readonly role: "champion" | "challenger";
  readonly createdBy: string;
}

/**
 * Registers a model version. Versions are immutable: an existing name + version is refused
 * (`duplicate_version`), never overwritten. Registering as champion demotes the current champion
 * to challenger in the same transaction, so there is never a moment with two (or, between the two
 * statements, a visible moment with none).
 */
export async function insertModel(
  handle: DatabaseHandle,
  values: InsertModelValues,
): Promise<RegisteredModel> {
  try {
    return await handle.transaction(async (tx) => {
      if (await findModel(tx.db, values.name, values.version)) {
        throw new ModelRegistryError(
          "duplicate_version",
          `${label(values.name, values.version)} already exists; versions are immutable`,
        );
      }
      if (values.role === "champion") {
        await tx.db.update(models).set({ role: "challenger" }).where(eq(models.role, "champion"));
      }
      const [row] = await tx.db
        .insert(models)
        .values({ ...values, metrics: values.metrics ?? null })
        .returning();
      return toRegisteredModel(row!);
    });
  } catch (error) {
    if (!(error instanceof ModelRegistryError) && isUniqueViolation(error)) {
      // Two registrations raced past the check: the unique index decided.
      throw new ModelRegistryError(
        "duplicate_version",
        `${label(values.name, values.version)} already exists; versions are immutable`,
      );
    }
    throw error;
  }
}

/**
 * Makes a model the champion; the former champion becomes a challenger. One transaction: the
 * demotion and the promotion are seen together or not at all. Promoting the champion is a no-op.
 */
export async function promoteModel(
  handle: DatabaseHandle,
  name: string,
  version: string,
): Promise<{ champion: RegisteredModel; former: RegisteredModel | undefined }> {
  return handle.transaction(async (tx) => {
    // Lock the current champion row (if any) so concurrent promotions serialise.
    await tx.db.execute(sql`select id from ${models} where ${models.role} = 'champion' for update`);
    const target = await findModel(tx.db, name, version);
    if (!target) {
      throw new ModelRegistryError("not_found", `${label(name, version)} is not registered`);
    }
    if (target.role === "champion") {
      return { champion: target, former: undefined };
    }
    const former = await findChampion(tx.db);
    if (former) {
      await tx.db.update(models).set({ role: "challenger" }).where(eq(models.id, former.id));
    }
    const [row] = await tx.db
      .update(models)
      .set({ role: "champion" })
      .where(eq(models.id, target.id))
      .returning();
    return {
      champion: toRegisteredModel(row!),
      former: former ? { ...former, role: "challenger" as const } : undefined,
    };
  });
}

/** Retires a model (it is kept for audit but no longer scores). Retiring the champion leaves none. */
export async function retireModel(db: Db, name: string, version: string): Promise<RegisteredModel> {
  const [row] = await db
    .update(models)
    .set({ role: "retired" })
    .where(and(eq(models.name, name), eq(models.version, version)))
    .returning();
  if (!row) {
    throw new ModelRegistryError("not_found", `${label(name, version)} is not registered`);
  }
  return toRegisteredModel(row);
}
