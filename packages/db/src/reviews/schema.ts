import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers } from "../archive/schema.ts";
import { assessments } from "../assessment/schema.ts";
import { alerts } from "../monitoring/schema.ts";
import { id } from "../shared/columns.ts";

/**
 * Periodic credit review tasks: due date from tier and grade (DOMAIN.md), pulled forward by alerts;
 * a completed review records the fresh assessment and the reviewer's conclusion.
 */
export const creditReviews = pgTable(
  "credit_reviews",
  {
    id: id(),
    customerId: bigint({ mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    dueOn: date({ mode: "string" }).notNull(),
    reason: text().notNull(),
    alertId: bigint({ mode: "number" }).references(() => alerts.id, { onDelete: "set null" }),
    owner: text(),
    status: text().notNull().default("open"),
    assessmentId: bigint({ mode: "number" }).references(() => assessments.id),
    conclusion: text(),
    conclusionNote: text(),
    reviewer: text(),
    snapshot: jsonb(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("credit_reviews_one_open_uq").on(t.customerId).where(sql`${t.status} = 'open'`),
    index("credit_reviews_due_idx").on(t.status, t.dueOn),
    check("credit_reviews_status_ck", sql`${t.status} in ('open', 'completed', 'cancelled')`),
    check("credit_reviews_reason_ck", sql`${t.reason} in ('scheduled', 'alert', 'manual')`),
    check(
      "credit_reviews_conclusion_ck",
      sql`${t.conclusion} is null or ${t.conclusion} in ('keep', 'raise', 'lower', 'hold')`,
    ),
  ],
);
