import {
  type ApplicationsConfig,
  applicationsConfigSchema,
  DEFAULT_APPLICATIONS_CONFIG,
} from "@creditdesk/core/applications";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { settings } from "@creditdesk/db";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

const KEY = "applications.config";

/** The stored screening configuration (validated), or the shipped default while none is stored. */
export async function loadApplicationsConfig(db: Db): Promise<ApplicationsConfig> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  if (!row) {
    return DEFAULT_APPLICATIONS_CONFIG;
  }
  const parsed = applicationsConfigSchema.safeParse(row.value);
  // A stored value that no longer validates is an installation error, not a silent default.
  if (!parsed.success) {
    throw new AppError("INTERNAL", `stored ${KEY} is invalid: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** Validates and stores the screening configuration. */
export async function saveApplicationsConfig(options: {
  handle: DatabaseHandle;
  config: unknown;
}): Promise<ApplicationsConfig> {
  const parsed = applicationsConfigSchema.safeParse(options.config);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      "invalid applications configuration",
    );
  }
  await options.handle.db
    .insert(settings)
    .values({ key: KEY, value: parsed.data })
    .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedAt: sql`now()` } });
  return parsed.data;
}
