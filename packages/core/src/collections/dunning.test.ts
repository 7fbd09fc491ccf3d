import { describe, expect, it } from "vitest";
import {
  DEFAULT_DUNNING_CONFIG,
  type DunningCandidate,
  dunningConfigSchema,
  levelForDays,
  proposeDunning,
} from "./dunning.ts";

const candidate = (over: Partial<DunningCandidate>): DunningCandidate => ({
  invoiceId: 1,
  customerId: 1,
  daysPastDue: 1,
  currentLevel: 0,
  lastActionOn: null,
  disputed: false,
  promised: false,
  ...over,
});
const one = (c: Partial<DunningCandidate>, asOf = "2025-06-30") =>
  proposeDunning([candidate(c)], DEFAULT_DUNNING_CONFIG, asOf)[0];

describe("dunning levels", () => {
  it.each([
    [0, 0],
    [1, 1],
    [14, 1],
    [15, 2],
    [29, 2],
    [30, 3],
    [60, 4],
    [89, 4],
    [90, 5],
    [400, 5],
  ])("%d days past due deserve level %d", (days, level) => {
    expect(levelForDays(DEFAULT_DUNNING_CONFIG, days)).toBe(level);
  });

  it("progresses one level per run, never skipping, and waits the minimum interval", () => {
    // 35 days overdue, never dunned: level 1 first (the reminder), not straight to the letter.
    expect(one({ daysPastDue: 35 })).toMatchObject({
      kind: "propose",
      fromLevel: 0,
      toLevel: 1,
      action: "reminder_email",
    });
    // Dunned at level 1 three days ago: too soon.
    expect(one({ daysPastDue: 38, currentLevel: 1, lastActionOn: "2025-06-27" })).toMatchObject({
      kind: "skip",
      reason: "too_soon",
    });
    // Seven days later: level 2 (call).
    expect(one({ daysPastDue: 42, currentLevel: 1, lastActionOn: "2025-06-23" })).toMatchObject({
      kind: "propose",
      toLevel: 2,
      action: "call",
    });
    // At level 2 with 20 days past due: the days do not call for level 3 yet.
    expect(one({ daysPastDue: 20, currentLevel: 2, lastActionOn: "2025-06-01" })).toMatchObject({
      kind: "skip",
      reason: "at_level",
    });
    expect(one({ daysPastDue: 61, currentLevel: 3, lastActionOn: "2025-06-01" })).toMatchObject({
      toLevel: 4,
      action: "stop_supply",
    });
    expect(one({ daysPastDue: 95, currentLevel: 4, lastActionOn: "2025-06-01" })).toMatchObject({
      toLevel: 5,
      action: "legal",
    });
    expect(one({ daysPastDue: 400, currentLevel: 5, lastActionOn: "2025-01-01" })).toMatchObject({
      kind: "skip",
      reason: "top_level",
    });
  });

  it("pauses disputed and promised invoices", () => {
    expect(one({ daysPastDue: 50, disputed: true })).toMatchObject({ kind: "skip", reason: "disputed" });
    expect(one({ daysPastDue: 50, promised: true })).toMatchObject({ kind: "skip", reason: "promised" });
  });

  it("rejects levels out of order or with non-increasing days", () => {
    const bad = dunningConfigSchema.safeParse({
      levels: [
        { level: 1, minDaysPastDue: 10, action: "call", label: { zh: "a", en: "a" } },
        { level: 2, minDaysPastDue: 10, action: "letter", label: { zh: "b", en: "b" } },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["levels", 1, "minDaysPastDue"]);
  });
});
