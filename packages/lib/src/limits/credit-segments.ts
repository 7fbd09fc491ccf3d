import {
  type CreditCheckConfig,
  creditCheckConfigSchema,
  DEFAULT_CREDIT_CHECK_CONFIG,
} from "@creditdesk/core/limits";
import type { DatabaseHandle } from "@creditdesk/db";
import { creditSegments } from "@creditdesk/db/limits";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";

export const SEGMENT_CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A segment as stored, or the shipped default for `default` while none is stored. */
export interface CreditSegmentView {
  code: string;
  name: string;
  config: CreditCheckConfig;
  /** false: not stored, the shipped default configuration applies. */
  stored: boolean;
  updatedAt: string | null;
}

/**
 * A segment's check configuration, validated beyond its shape: every step at most once (a second
 * `static_limit` would only repeat the first's reasons, a second threshold contradict it).
 */
export const segmentConfigSchema = creditCheckConfigSchema.superRefine((config, ctx) => {
  const seen = new Set<string>();
  config.steps.forEach((s, i) => {
    if (seen.has(s.step)) {
      ctx.addIssue({ code: "custom", path: ["steps", i, "step"], message: `step ${s.step} appears twice` });
    }
    seen.add(s.step);
  });
});

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  config: segmentConfigSchema,
});
export type CreditSegmentInput = z.infer<typeof segmentInputSchema>;

function view(row: typeof creditSegments.$inferSelect): CreditSegmentView {
  const parsed = creditCheckConfigSchema.safeParse(row.config);
  return {
    code: row.code,
    name: row.name,
    // A stored configuration that no longer parses is shown as the strict default the check uses.
    config: parsed.success ? parsed.data : DEFAULT_CREDIT_CHECK_CONFIG,
    stored: true,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

const shippedDefault = (): CreditSegmentView => ({
  code: "default",
  name: "Default",
  config: DEFAULT_CREDIT_CHECK_CONFIG,
  stored: false,
  updatedAt: null,
});

/** Every stored segment by code, with `default` (shipped configuration) when it is not stored. */
export async function listCreditSegments(options: { handle: DatabaseHandle }): Promise<CreditSegmentView[]> {
  const rows = await options.handle.db.select().from(creditSegments).orderBy(asc(creditSegments.code));
  const views = rows.map(view);
  return views.some((v) => v.code === "default") ? views : [shippedDefault(), ...views];
}

export async function getCreditSegment(options: {
  handle: DatabaseHandle;
  code: string;
}): Promise<CreditSegmentView> {
  const [row] = await options.handle.db
    .select()
    .from(creditSegments)
    .where(eq(creditSegments.code, options.code));
  if (row) {
    return view(row);
  }
  if (options.code === "default") {
    return shippedDefault();
  }
  throw AppError.notFound("credit segment", options.code);
}

/**
 * Creates or replaces a credit segment and its check-step configuration (validated: known steps
 * with their thresholds, each step once, Watch threshold, reservation lifetime), with before and
 * after in the audit trail in the same transaction. Checks of the segment use it from the next
 * check on.
 */
export async function saveCreditSegment(options: {
  handle: DatabaseHandle;
  code: string;
  input: CreditSegmentInput;
  actor: string;
}): Promise<{ segment: CreditSegmentView; created: boolean }> {
  if (!SEGMENT_CODE.test(options.code)) {
    throw AppError.validation([{ path: "code", message: "1–64 lower-case letters, digits, '_' or '-'" }]);
  }
  const parsed = segmentInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const { name, config } = parsed.data;
  return options.handle.transaction(async (tx) => {
    const [before] = await tx.db
      .select()
      .from(creditSegments)
      .where(eq(creditSegments.code, options.code))
      .for("update");
    const [row] = await tx.db
      .insert(creditSegments)
      .values({ code: options.code, name, config })
      .onConflictDoUpdate({ target: creditSegments.code, set: { name, config, updatedAt: new Date() } })
      .returning();
    if (!row) {
      throw new AppError("INTERNAL", "the credit segment was not saved");
    }
    const segment = view(row);
    await appendAudit(tx.db, {
      actor: options.actor,
      action: before ? "credit_segment.update" : "credit_segment.create",
      entity: "credit_segment",
      entityId: options.code,
      before: before ? view(before) : null,
      after: segment,
    });
    return { segment, created: !before };
  });
}
