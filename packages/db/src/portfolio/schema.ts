import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestamps } from "../shared/columns.ts";

/**
 * Concentration limits (issue 9): at most `maxShareBps` of the portfolio's exposure with one holder
 * of `dimension` (customer, customer group, industry, region); one row per dimension, validated by
 * core `concentrationLimitSchema`. `version` grows with every change and is recorded on the alerts
 * a breach raises.
 */
export const portfolioConcentrationLimits = pgTable(
  "portfolio_concentration_limits",
  {
    id: id(),
    dimension: text().notNull(),
    maxShareBps: integer().notNull(),
    severity: text().notNull().default("warning"),
    department: text().notNull().default("credit"),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    updatedBy: text().notNull().default("system"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("portfolio_concentration_limits_dimension_uq").on(t.dimension),
    check(
      "portfolio_concentration_limits_dimension_ck",
      sql`${t.dimension} in ('customer', 'group', 'industry', 'region')`,
    ),
    check("portfolio_concentration_limits_share_ck", sql`${t.maxShareBps} between 1 and 10000`),
    check(
      "portfolio_concentration_limits_severity_ck",
      sql`${t.severity} in ('info', 'warning', 'critical')`,
    ),
    check(
      "portfolio_concentration_limits_department_ck",
      sql`${t.department} in ('finance', 'sales', 'credit')`,
    ),
  ],
);

/** Portfolio settings as validated JSON documents by key (e.g. `lgd`: core `lgdConfigSchema`). */
export const portfolioSettings = pgTable("portfolio_settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  version: integer().notNull().default(1),
  updatedBy: text().notNull().default("system"),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Named stress scenarios (core `stressScenarioSchema` in `definition`), run on demand. */
export const portfolioStressScenarios = pgTable(
  "portfolio_stress_scenarios",
  {
    id: id(),
    name: text().notNull(),
    definition: jsonb().notNull(),
    createdBy: text().notNull(),
    updatedBy: text().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("portfolio_stress_scenarios_name_uq").on(t.name)],
);
