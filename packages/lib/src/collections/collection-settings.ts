import {
  DEFAULT_DUNNING_CONFIG,
  DEFAULT_DUNNING_TEMPLATES,
  DEFAULT_PRIORITY_WEIGHTS,
  type DunningConfig,
  type DunningTemplates,
  dunningConfigSchema,
  dunningTemplatesSchema,
  type PriorityWeights,
  priorityWeightsSchema,
} from "@creditdesk/core/collections";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { collectionSettings } from "@creditdesk/db/collections";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";

export interface CollectionSettings {
  priority: PriorityWeights;
  dunning: DunningConfig;
  templates: DunningTemplates;
  /** Signs dunning messages ({sender}). */
  sender: string;
}

export const DEFAULT_COLLECTION_SETTINGS: CollectionSettings = {
  priority: DEFAULT_PRIORITY_WEIGHTS,
  dunning: DEFAULT_DUNNING_CONFIG,
  templates: DEFAULT_DUNNING_TEMPLATES,
  sender: "CreditDesk",
};

export const collectionSettingsInputSchema = z
  .object({
    priority: priorityWeightsSchema.optional(),
    dunning: dunningConfigSchema.optional(),
    templates: dunningTemplatesSchema.optional(),
    sender: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "name at least one setting");

/**
 * The collections settings: stored values over the shipped defaults. A stored value that no longer
 * validates falls back to the default (and is reported on the next save), never to nothing.
 */
export async function loadCollectionSettings(db: Db): Promise<CollectionSettings> {
  const rows = await db.select().from(collectionSettings);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const pick = <T>(key: string, schema: z.ZodType<T>, fallback: T): T => {
    const parsed = schema.safeParse(stored.get(key));
    return stored.has(key) && parsed.success ? parsed.data : fallback;
  };
  return {
    priority: pick("priority", priorityWeightsSchema, DEFAULT_COLLECTION_SETTINGS.priority),
    dunning: pick("dunning", dunningConfigSchema, DEFAULT_COLLECTION_SETTINGS.dunning),
    templates: pick("templates", dunningTemplatesSchema, DEFAULT_COLLECTION_SETTINGS.templates),
    sender: pick("sender", z.string().min(1), DEFAULT_COLLECTION_SETTINGS.sender),
  };
}

/**
 * Saves some settings (validated; every dunning level must keep a template in both languages) and
 * audits the change with before and after.
 */
export async function saveCollectionSettings(options: {
  handle: DatabaseHandle;
  actor: string;
  input: unknown;
}): Promise<CollectionSettings> {
  const parsed = collectionSettingsInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return options.handle.transaction(async (tx) => {
    const before = await loadCollectionSettings(tx.db);
    const after = { ...before, ...parsed.data } as CollectionSettings;
    const missing = after.dunning.levels.filter((l) => !after.templates[String(l.level)]);
    if (missing.length > 0) {
      throw AppError.validation(
        missing.map((l) => ({
          path: `templates.${l.level}`,
          message: "every dunning level needs a template",
        })),
      );
    }
    for (const [key, value] of Object.entries(parsed.data)) {
      await tx.db
        .insert(collectionSettings)
        .values({ key, value, updatedBy: options.actor })
        .onConflictDoUpdate({
          target: collectionSettings.key,
          set: { value, updatedBy: options.actor, updatedAt: sql`now()` },
        });
    }
    await appendAudit(tx.db, {
      actor: options.actor,
      action: "collections.settings.save",
      entity: "collection_settings",
      entityId: Object.keys(parsed.data).join(","),
      before: Object.fromEntries(
        Object.keys(parsed.data).map((k) => [k, before[k as keyof CollectionSettings]]),
      ),
      after: parsed.data,
    });
    return after;
  });
}
