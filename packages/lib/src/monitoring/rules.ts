import {
  DEFAULT_RULE_INPUTS,
  type MonitoringRule,
  monitoringRuleSchema,
  validateRule,
} from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import { monitoringRules } from "@creditdesk/db/monitoring";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";

export interface StoredRule {
  id: number;
  code: string;
  version: number;
  active: boolean;
  rule: MonitoringRule;
  createdBy: string;
  createdAt: string;
}

/**
 * Installs DOMAIN.md's default rules: version 1 of each code not yet present; and where the active
 * version of a default code is still one the system installed (nobody edited it) and differs from
 * the shipped default, the shipped default becomes its next version — so recalibrated defaults
 * reach existing installations while every rule someone saved stays as they saved it.
 */
export async function ensureDefaultRules(handle: DatabaseHandle): Promise<void> {
  const existing = await handle.db
    .select({
      code: monitoringRules.code,
      version: monitoringRules.version,
      active: monitoringRules.active,
      createdBy: monitoringRules.createdBy,
      definition: monitoringRules.definition,
    })
    .from(monitoringRules);
  const have = new Set(existing.map((r) => r.code));
  const missing = DEFAULT_RULE_INPUTS.filter((r) => !have.has(r.code));
  const stale = DEFAULT_RULE_INPUTS.flatMap((input) => {
    const rows = existing.filter((r) => r.code === input.code);
    const current = rows.find((r) => r.active);
    if (current?.createdBy !== "system") {
      return [];
    }
    const shipped = monitoringRuleSchema.parse(input);
    const installed = monitoringRuleSchema.safeParse(current.definition);
    if (installed.success && JSON.stringify(installed.data) === JSON.stringify(shipped)) {
      return [];
    }
    return [{ code: input.code, version: Math.max(...rows.map((r) => r.version)) + 1, definition: shipped }];
  });
  if (missing.length === 0 && stale.length === 0) {
    return;
  }
  await handle.transaction(async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('monitoring_rule:defaults'))`);
    if (missing.length > 0) {
      await tx.db
        .insert(monitoringRules)
        .values(
          missing.map((r) => ({
            code: r.code,
            version: 1,
            definition: monitoringRuleSchema.parse(r),
            active: true,
          })),
        )
        .onConflictDoNothing();
    }
    for (const s of stale) {
      await tx.db
        .update(monitoringRules)
        .set({ active: false })
        .where(
          and(
            eq(monitoringRules.code, s.code),
            eq(monitoringRules.active, true),
            eq(monitoringRules.createdBy, "system"),
            // A concurrent installer may have added this version already: leave it active.
            lt(monitoringRules.version, s.version),
          ),
        );
      await tx.db
        .insert(monitoringRules)
        .values({ code: s.code, version: s.version, definition: s.definition, active: true })
        .onConflictDoNothing();
    }
  });
}

/** The active version of every rule (defaults installed on first use). */
export async function listActiveRules(handle: DatabaseHandle): Promise<StoredRule[]> {
  await ensureDefaultRules(handle);
  const rows = await handle.db
    .select()
    .from(monitoringRules)
    .where(eq(monitoringRules.active, true))
    .orderBy(monitoringRules.code);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    version: r.version,
    active: r.active,
    rule: monitoringRuleSchema.parse(r.definition),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Every version of one rule, newest first. */
export async function listRuleVersions(handle: DatabaseHandle, code: string): Promise<StoredRule[]> {
  const rows = await handle.db
    .select()
    .from(monitoringRules)
    .where(eq(monitoringRules.code, code))
    .orderBy(desc(monitoringRules.version));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    version: r.version,
    active: r.active,
    rule: monitoringRuleSchema.parse(r.definition),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * Validates a rule (errors name the path, e.g. `threshold.value`) and saves it as the next version
 * of its code, which becomes the active one; earlier versions stay for the alerts that used them.
 */
export async function saveRule(options: {
  handle: DatabaseHandle;
  input: unknown;
  by: string;
}): Promise<StoredRule> {
  const checked = validateRule(options.input);
  if (!checked.ok) {
    throw new AppError("VALIDATION", "the monitoring rule is invalid", { errors: checked.issues });
  }
  const rule = checked.rule;
  await ensureDefaultRules(options.handle);
  return options.handle.transaction(async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`monitoring_rule:${rule.code}`}))`);
    const [last] = await tx.db
      .select({ version: monitoringRules.version })
      .from(monitoringRules)
      .where(eq(monitoringRules.code, rule.code))
      .orderBy(desc(monitoringRules.version))
      .limit(1);
    await tx.db
      .update(monitoringRules)
      .set({ active: false })
      .where(and(eq(monitoringRules.code, rule.code), eq(monitoringRules.active, true)));
    const [row] = await tx.db
      .insert(monitoringRules)
      .values({
        code: rule.code,
        version: (last?.version ?? 0) + 1,
        definition: rule,
        active: true,
        createdBy: options.by,
      })
      .returning();
    return {
      id: row!.id,
      code: row!.code,
      version: row!.version,
      active: true,
      rule,
      createdBy: row!.createdBy,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}
