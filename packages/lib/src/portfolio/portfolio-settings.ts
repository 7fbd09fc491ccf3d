import {
  type ConcentrationLimit,
  concentrationLimitSchema,
  DEFAULT_CONCENTRATION_LIMITS,
  DEFAULT_LGD_CONFIG,
  type LgdConfig,
  lgdConfigSchema,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { portfolioConcentrationLimits, portfolioSettings } from "@creditdesk/db/portfolio";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

export interface StoredConcentrationLimit extends ConcentrationLimit {
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** The concentration limits (the shipped defaults are installed on first use). */
export async function listConcentrationLimits(handle: DatabaseHandle): Promise<StoredConcentrationLimit[]> {
  await handle.db
    .insert(portfolioConcentrationLimits)
    .values(DEFAULT_CONCENTRATION_LIMITS.map((l) => ({ ...l })))
    .onConflictDoNothing();
  const rows = await handle.db
    .select()
    .from(portfolioConcentrationLimits)
    .orderBy(portfolioConcentrationLimits.id);
  return rows.map((r) => ({
    ...concentrationLimitSchema.parse({
      dimension: r.dimension,
      maxShareBps: r.maxShareBps,
      severity: r.severity,
      department: r.department,
      active: r.active,
    }),
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Sets one dimension's concentration limit (validated; the version grows on every change). */
export async function setConcentrationLimit(options: {
  handle: DatabaseHandle;
  actor: string;
  limit: unknown;
}): Promise<StoredConcentrationLimit> {
  const parsed = concentrationLimitSchema.safeParse(options.limit);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      "the concentration limit is not valid",
    );
  }
  const l = parsed.data;
  await listConcentrationLimits(options.handle);
  await options.handle.db
    .update(portfolioConcentrationLimits)
    .set({
      maxShareBps: l.maxShareBps,
      severity: l.severity,
      department: l.department,
      active: l.active,
      version: sql`${portfolioConcentrationLimits.version} + 1`,
      updatedBy: options.actor,
      updatedAt: sql`now()`,
    })
    .where(eq(portfolioConcentrationLimits.dimension, l.dimension));
  const all = await listConcentrationLimits(options.handle);
  return all.find((x) => x.dimension === l.dimension)!;
}

/** The LGD configuration (DOMAIN.md defaults until one is saved). */
export async function getLgdConfig(handle: DatabaseHandle): Promise<LgdConfig & { version: number }> {
  const [row] = await handle.db.select().from(portfolioSettings).where(eq(portfolioSettings.key, "lgd"));
  if (!row) {
    return { ...DEFAULT_LGD_CONFIG, version: 0 };
  }
  const parsed = lgdConfigSchema.safeParse(row.value);
  // A stored configuration that no longer validates falls back to the documented defaults.
  return { ...(parsed.success ? parsed.data : DEFAULT_LGD_CONFIG), version: row.version };
}

/** Saves the LGD configuration (validated, versioned). */
export async function setLgdConfig(options: {
  handle: DatabaseHandle;
  actor: string;
  config: unknown;
}): Promise<LgdConfig & { version: number }> {
  const parsed = lgdConfigSchema.safeParse(options.config);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      "the LGD configuration is not valid",
    );
  }
  await options.handle.db
    .insert(portfolioSettings)
    .values({ key: "lgd", value: parsed.data, updatedBy: options.actor })
    .onConflictDoUpdate({
      target: portfolioSettings.key,
      set: {
        value: parsed.data,
        version: sql`${portfolioSettings.version} + 1`,
        updatedBy: options.actor,
        updatedAt: sql`now()`,
      },
    });
  return getLgdConfig(options.handle);
}
