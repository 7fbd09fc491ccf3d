import { z } from "zod";
import { daysBetween, type IsoDate } from "../assessment/index.ts";

/** What a dunning level does. E-mail, call and letter address the debt; stop supply and legal escalate. */
export const DUNNING_ACTIONS = ["reminder_email", "call", "letter", "stop_supply", "legal"] as const;
export type DunningAction = (typeof DUNNING_ACTIONS)[number];

const label = z.object({ zh: z.string().min(1).max(100), en: z.string().min(1).max(100) }).strict();

export const dunningLevelSchema = z
  .object({
    level: z.number().int().min(1).max(9),
    /** The level applies from this many days past due. */
    minDaysPastDue: z.number().int().min(1).max(3650),
    action: z.enum(DUNNING_ACTIONS),
    label,
  })
  .strict();
export type DunningLevel = z.infer<typeof dunningLevelSchema>;

/**
 * Dunning configuration. Levels are numbered 1…n without gaps, with strictly increasing days.
 * Defaults follow common trade-credit practice: a friendly reminder as soon as an invoice is
 * overdue, a call at 15 days, a formal letter at 30, stop supply at 60, legal at 90.
 */
export const dunningConfigSchema = z
  .object({
    levels: z.array(dunningLevelSchema).min(1).max(9),
    /**
     * A run escalates an invoice by at most one level, and only when its last dunning action is at
     * least this many days old: the customer gets time to react to each notice, and no level is
     * skipped (a legal handover presupposes the letter before it).
     */
    minDaysBetweenLevels: z.number().int().min(0).max(365).default(7),
    /** Grace days after a promised date before a promise to pay counts as broken. */
    promiseGraceDays: z.number().int().min(0).max(60).default(3),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.levels.forEach((l, i) => {
      if (l.level !== i + 1) {
        ctx.addIssue({ code: "custom", path: ["levels", i, "level"], message: `expected level ${i + 1}` });
      }
      const prev = c.levels[i - 1];
      if (prev && l.minDaysPastDue <= prev.minDaysPastDue) {
        ctx.addIssue({
          code: "custom",
          path: ["levels", i, "minDaysPastDue"],
          message: "days past due must increase from level to level",
        });
      }
    });
  });
export type DunningConfig = z.infer<typeof dunningConfigSchema>;

export const DEFAULT_DUNNING_CONFIG: DunningConfig = dunningConfigSchema.parse({
  levels: [
    {
      level: 1,
      minDaysPastDue: 1,
      action: "reminder_email",
      label: { zh: "付款提醒", en: "Payment reminder" },
    },
    { level: 2, minDaysPastDue: 15, action: "call", label: { zh: "电话催收", en: "Collection call" } },
    { level: 3, minDaysPastDue: 30, action: "letter", label: { zh: "催款函", en: "Dunning letter" } },
    { level: 4, minDaysPastDue: 60, action: "stop_supply", label: { zh: "停止供货", en: "Stop supply" } },
    { level: 5, minDaysPastDue: 90, action: "legal", label: { zh: "法律程序", en: "Legal action" } },
  ],
});

/** What the run knows about one overdue invoice. */
export interface DunningCandidate {
  invoiceId: number;
  customerId: number;
  daysPastDue: number;
  /** Highest level reached so far (0: never dunned). */
  currentLevel: number;
  /** Day of the last dunning action on the invoice (null: none). */
  lastActionOn: IsoDate | null;
  /** An open dispute on the invoice pauses dunning. */
  disputed: boolean;
  /** An open (not yet due or within grace) promise to pay covering the invoice pauses dunning. */
  promised: boolean;
}

export type DunningSkipReason = "disputed" | "promised" | "too_soon" | "at_level" | "top_level";

export type DunningDecision =
  | {
      invoiceId: number;
      customerId: number;
      kind: "propose";
      fromLevel: number;
      toLevel: number;
      action: DunningAction;
    }
  | { invoiceId: number; customerId: number; kind: "skip"; reason: DunningSkipReason; level: number };

/** The level an invoice deserves by its days past due alone (0: none yet). */
export function levelForDays(config: DunningConfig, daysPastDue: number): number {
  let level = 0;
  for (const l of config.levels) {
    if (daysPastDue >= l.minDaysPastDue) {
      level = l.level;
    }
  }
  return level;
}

/**
 * The next dunning step of every candidate (pure): disputed and promised invoices are paused; an
 * invoice whose days past due call for a higher level than it has reached moves up ONE level,
 * unless its last action is fewer than `minDaysBetweenLevels` days old.
 */
export function proposeDunning(
  candidates: readonly DunningCandidate[],
  config: DunningConfig,
  asOf: IsoDate,
): DunningDecision[] {
  const top = config.levels.length;
  return candidates.map((c): DunningDecision => {
    const base = { invoiceId: c.invoiceId, customerId: c.customerId };
    if (c.disputed) {
      return { ...base, kind: "skip", reason: "disputed", level: c.currentLevel };
    }
    if (c.promised) {
      return { ...base, kind: "skip", reason: "promised", level: c.currentLevel };
    }
    if (c.currentLevel >= top) {
      return { ...base, kind: "skip", reason: "top_level", level: c.currentLevel };
    }
    const target = levelForDays(config, c.daysPastDue);
    if (target <= c.currentLevel) {
      return { ...base, kind: "skip", reason: "at_level", level: c.currentLevel };
    }
    if (c.lastActionOn !== null && daysBetween(c.lastActionOn, asOf) < config.minDaysBetweenLevels) {
      return { ...base, kind: "skip", reason: "too_soon", level: c.currentLevel };
    }
    const toLevel = c.currentLevel + 1;
    const level = config.levels[toLevel - 1];
    if (!level) {
      throw new Error(`dunning level ${toLevel} is not configured`);
    }
    return { ...base, kind: "propose", fromLevel: c.currentLevel, toLevel, action: level.action };
  });
}
