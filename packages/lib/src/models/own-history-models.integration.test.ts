import { addMonths } from "@creditdesk/core/assessment";
import type { ModelArtefact } from "@creditdesk/core/models";
import { artefactToJson, asOfSchedule, parseArtefact, scoreTable, trainModel } from "@creditdesk/core/models";
import { customerDefaults, customers, invoices, paymentAllocations, payments } from "@creditdesk/db";
import { findModel, listModels, ModelRegistryError, promoteModel, retireModel } from "@creditdesk/db/models";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../demo/seed-demo-if-empty.ts";
import { buildTrainingDataset, type TrainingRow } from "./build-training-dataset.ts";
import { compareRegisteredModels } from "./compare-registered-models.ts";
import { historyWindow } from "./history-window.ts";
import { parseCsvTable } from "./read-csv-table.ts";
import { registerModel } from "./register-model.ts";
import { scoreWithRegisteredModels } from "./score-with-registered-models.ts";
import { trainingDatasetCsv } from "./write-training-dataset.ts";

let t: TestDatabase;
const BASE = "CNY";
const DEFAULTED_ON = "2024-11-30";

/** A customer invoicing monthly from 2023-01 to `lastMonth` (YYYY-MM), each paid on its due date. */
async function addTrader(code: string, lastMonth: string): Promise<number> {
  const [c] = await t.db
    .insert(customers)
    .values({ code, legalName: `${code} 有限公司`, industry: "C", foundedOn: "2010-01-01" })
    .returning();
  for (let m = 0; ; m++) {
    const month = addMonths("2023-01-01", m).slice(0, 7);
    if (month > lastMonth) {
      break;
    }
    const [inv] = await t.db
      .insert(invoices)
      .values({
        invoiceNumber: `${code}-${month}`,
        customerId: c!.id,
        issuedOn: `${month}-05`,
        dueOn: `${month}-25`,
        currency: "CNY",
        amountMinor: 100_000_00,
      })
      .returning();
    const [p] = await t.db
      .insert(payments)
      .values({
        reference: `${code}-P-${month}`,
        customerId: c!.id,
        receivedOn: `${month}-25`,
        currency: "CNY",
        amountMinor: 100_000_00,
      })
      .returning();
    await t.db
      .insert(paymentAllocations)
      .values({ paymentId: p!.id, invoiceId: inv!.id, amountMinor: 100_000_00 });
  }
  return c!.id;
}

const rowOf = (rows: readonly TrainingRow[], code: string, asOf: string) =>
  rows.find((r) => r.customerCode === code && r.asOf === asOf);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t, { seed: 7, customers: 120, years: 3, asOf: "2025-06-30" });
  const d = await addTrader("HIST-D", "2024-10");
  await addTrader("HIST-G", "2025-06");
  await t.db
    .insert(customerDefaults)
    .values({ customerId: d, defaultedOn: DEFAULTED_ON, kind: "past_due_90" });
}, 180_000);
afterAll(() => t.close());

describe("buildTrainingDataset (own history)", () => {
  let rows: TrainingRow[];
  const asOf5mBefore = addMonths(DEFAULTED_ON, -5); // 2024-06-30

  beforeAll(async () => {
    rows = await buildTrainingDataset({
      handle: t,
      asOfDates: ["2023-09-30", asOf5mBefore, "2024-12-31"],
      horizonMonths: 12,
      baseCurrency: BASE,
    });
  });

  it("marks a default 5 months after the as-of date as bad, and a customer that never defaulted as good", () => {
    expect(asOf5mBefore).toBe("2024-06-30");
    expect(rowOf(rows, "HIST-D", asOf5mBefore)?.target).toBe(1);
    expect(rowOf(rows, "HIST-G", asOf5mBefore)?.target).toBe(0);
  });

  it("counts a default beyond the horizon as good and leaves customers already in default out", () => {
    // 2023-09-30 + 12 months = 2024-09-30 < 2024-11-30.
    expect(rowOf(rows, "HIST-D", "2023-09-30")?.target).toBe(0);
    expect(rowOf(rows, "HIST-D", "2024-12-31")).toBeUndefined();
    expect(rowOf(rows, "HIST-G", "2024-12-31")?.target).toBe(0);
  });

  it("carries the features as of the date", () => {
    const g = rowOf(rows, "HIST-G", asOf5mBefore)!;
    // Every invoice paid on its due date: nothing overdue, no days beyond terms.
    expect(g.features.beh_overdueShare).toBe(0);
    expect(g.features.beh_daysBeyondTerms12m).toBe(0);
    expect(g.features.fin_currentRatio).toBeNull();
    expect(g.features.prof_yearsInBusiness as number).toBeCloseTo(14.5, 1);
  });

  it("agrees with the demo's recorded defaults on the targets", async () => {
    const demoBads = rows.filter((r) => r.target === 1 && !r.customerCode.startsWith("HIST-"));
    expect(demoBads.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.asOf === "2024-12-31").length).toBeGreaterThan(50);
  });

  it("proposes an as-of range whose outcome windows are observed", async () => {
    const window = await historyWindow(t.db, { horizonMonths: 12 });
    expect(window).not.toBeNull();
    expect(window!.to <= addMonths(window!.lastObserved, -12)).toBe(true);
    expect(window!.from >= "2023-06-30").toBe(true);
  });
});

describe("own-history models in the registry", () => {
  let csv: string;
  let scorecard: ModelArtefact;
  let gbdt: ModelArtefact;

  beforeAll(async () => {
    const rows = await buildTrainingDataset({
      handle: t,
      asOfDates: asOfSchedule({ from: "2023-06-30", to: "2024-06-30", everyMonths: 3 }),
      horizonMonths: 12,
      baseCurrency: BASE,
    });
    csv = trainingDatasetCsv(rows);
    const common = {
      table: parseCsvTable(csv),
      target: "target",
      exclude: ["customer_code", "as_of"],
      timeColumn: "as_of",
      createdAt: "2025-07-01T00:00:00.000Z",
    };
    scorecard = trainModel({ ...common, method: "scorecard" }).artefact;
    gbdt = trainModel({ ...common, method: "gbdt", gbdt: { maxIterations: 30 } }).artefact;
  }, 120_000);

  it("trains an out-of-time model on the data set CSV", () => {
    expect(scorecard.training.split.method).toBe("time");
    expect(scorecard.training.split.validationRows).toBeGreaterThan(0);
    expect(scorecard.metrics.train.bads).toBeGreaterThan(0);
  });

  it("stores an artefact that scores identically to the file", async () => {
    const file = artefactToJson(scorecard, 2);
    await registerModel({
      handle: t,
      artefact: JSON.parse(file),
      name: "own-pd",
      version: "1",
      role: "champion",
      createdBy: "test",
    });
    const stored = parseArtefact((await findModel(t.db, "own-pd", "1"))!.artefact);
    const table = parseCsvTable(csv);
    const a = scoreTable({ artefact: parseArtefact(file), table });
    const b = scoreTable({ artefact: stored, table });
    expect(Array.from(b.pd)).toEqual(Array.from(a.pd));
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
  });

  it("refuses to register the same version twice", async () => {
    await expect(
      registerModel({ handle: t, artefact: gbdt, name: "own-pd", version: "1", createdBy: "test" }),
    ).rejects.toThrow(ModelRegistryError);
  });

  it("scores assessment features with the champion and the latest challenger, as the CSV would", async () => {
    const challenger = await registerModel({ handle: t, artefact: gbdt, name: "own-pd", createdBy: "test" });
    expect([challenger.version, challenger.role]).toEqual(["2", "challenger"]);
    const rows = await buildTrainingDataset({
      handle: t,
      asOfDates: ["2024-06-30"],
      horizonMonths: 12,
      baseCurrency: BASE,
    });
    const scored = await scoreWithRegisteredModels({
      db: t.db,
      rows: rows.map((r) => ({ customerId: r.customerId, features: r.features })),
    });
    expect(scored.size).toBe(rows.length);
    const fromFile = scoreTable({ artefact: scorecard, table: parseCsvTable(trainingDatasetCsv(rows)) });
    const fromGbdt = scoreTable({ artefact: gbdt, table: parseCsvTable(trainingDatasetCsv(rows)) });
    rows.forEach((r, i) => {
      const s = scored.get(r.customerId)!;
      expect(s.champion).toEqual({
        name: "own-pd",
        version: "1",
        pd: fromFile.pd[i],
        score: fromFile.score[i],
      });
      expect(s.challenger).toEqual({
        name: "own-pd",
        version: "2",
        pd: fromGbdt.pd[i],
        score: fromGbdt.score[i],
      });
    });
  });

  it("skips a model trained on other columns instead of failing", async () => {
    const skipped: string[] = [];
    const foreign = { ...gbdt, model: { ...gbdt.model, features: [{ name: "duration", kind: "numeric" }] } };
    await registerModel({ handle: t, artefact: foreign, name: "foreign", version: "1", createdBy: "test" });
    const scored = await scoreWithRegisteredModels({
      db: t.db,
      rows: [{ customerId: 1, features: { fin_currentRatio: 1 } }],
      onSkip: (s) => skipped.push(`${s.role} ${s.name}`),
    });
    expect(skipped).toContain("challenger foreign");
    expect(scored.get(1)?.challenger).toBeUndefined();
  });

  it("promotes the challenger atomically and compares champion and challenger", async () => {
    await retireModel(t.db, "foreign", "1");
    await promoteModel(t, "own-pd", "2");
    const roles = Object.fromEntries((await listModels(t.db)).map((m) => [`${m.name}@${m.version}`, m.role]));
    expect(roles["own-pd@2"]).toBe("champion");
    expect(Object.values(roles).filter((r) => r === "champion")).toHaveLength(1);
    const comparison = await compareRegisteredModels({
      handle: t,
      source: { kind: "history", asOf: "2024-06-30", horizonMonths: 12, baseCurrency: BASE },
    });
    expect(comparison.champion.version).toBe("2");
    expect(comparison.rows).toBeGreaterThan(50);
    expect(comparison.champion.auc).not.toBeNull();
    expect(comparison.scorePsi.psi).toBeGreaterThanOrEqual(0);
    // Both models' ROC/KS curves on the same rows, agreeing with their KS.
    expect(comparison.champion.curves?.ks.statistic).toBeCloseTo(comparison.champion.ks ?? -1, 10);
    expect(comparison.challenger.curves?.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
  });
});
