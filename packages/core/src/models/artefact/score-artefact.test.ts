import { describe, expect, it } from "vitest";
import { ModelInputError } from "../data/model-error.ts";
import { scaleFactor } from "../scorecard/scale.ts";
import { syntheticCreditTable } from "../testing/synthetic.ts";
import { trainModel } from "../train-model.ts";
import { scoreTable } from "./score-artefact.ts";
import { artefactToJson, parseArtefact } from "./serialise-artefact.ts";

const table = syntheticCreditTable({ rows: 3000, seed: 9 });
const scoring = syntheticCreditTable({ rows: 500, seed: 10 });
// Scoring data without the target column, as in production.
const unlabelled = { header: scoring.header.slice(0, -1), rows: scoring.rows.map((r) => r.slice(0, -1)) };

describe.each(["scorecard", "gbdt"] as const)("%s artefact", (method) => {
  const { artefact } = trainModel({
    table,
    target: "default",
    exclude: ["id"],
    method,
    createdAt: "2025-01-01T00:00:00.000Z",
    gbdt: { maxIterations: 80 },
  });

  it("round-trips through JSON and scores identically", () => {
    const copy = parseArtefact(artefactToJson(artefact));
    expect(copy).toEqual(artefact);
    const a = scoreTable({ artefact, table: unlabelled });
    const b = scoreTable({ artefact: copy, table: unlabelled });
    expect(Array.from(b.pd)).toEqual(Array.from(a.pd));
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
    expect(b.reasons).toEqual(a.reasons);
  });

  it("puts score and PD on one log-odds scale: score = offset − factor·logit(pd)", () => {
    const { pd, score } = scoreTable({ artefact, table: unlabelled });
    const { factor, offset } = scaleFactor(artefact.model.scale);
    for (let i = 0; i < 500; i += 37) {
      expect(score[i]!).toBeCloseTo(offset - factor * Math.log(pd[i]! / (1 - pd[i]!)), 6);
    }
  });

  it("discriminates on fresh data", () => {
    expect(artefact.metrics.validation!.auc!).toBeGreaterThan(0.7);
  });

  it("keeps ROC and KS curves of both parts that agree with the stored KS", () => {
    expect(artefact.curves?.validation?.ks.statistic).toBeCloseTo(artefact.metrics.validation!.ks!, 12);
    expect(artefact.curves?.train?.ks.statistic).toBeCloseTo(artefact.metrics.train.ks!, 12);
    expect(artefact.curves?.train?.roc.length).toBeLessThanOrEqual(200);
  });

  it("orders reason codes by points lost", () => {
    const { reasons } = scoreTable({ artefact, table: unlabelled, maxReasons: 3 });
    for (const row of reasons.slice(0, 50)) {
      expect(row.length).toBeLessThanOrEqual(3);
      for (let k = 1; k < row.length; k++) {
        expect(row[k]!.pointsLost).toBeLessThanOrEqual(row[k - 1]!.pointsLost);
      }
    }
  });
});

describe("parseArtefact", () => {
  it.each([
    ["not JSON", "{", /not JSON/],
    ["another format", JSON.stringify({ format: "x" }), /not a creditdesk-model/],
    ["a newer version", JSON.stringify({ format: "creditdesk-model", formatVersion: 2 }), /formatVersion 2/],
    [
      "a broken body",
      JSON.stringify({ format: "creditdesk-model", formatVersion: 1, method: "gbdt" }),
      /invalid model file/,
    ],
  ])("rejects %s", (_, text, message) => {
    expect(() => parseArtefact(text)).toThrow(ModelInputError);
    expect(() => parseArtefact(text)).toThrow(message);
  });
});
