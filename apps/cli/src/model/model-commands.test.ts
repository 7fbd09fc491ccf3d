import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../../..");
const bin = join(root, "apps/cli/bin/creditdesk.js");
// shared/ sits beside the repository (in development and in CI).
const german =
  [resolve(root, "../shared/data/german-credit.csv"), "/work/shared/data/german-credit.csv"].find((f) =>
    existsSync(f),
  ) ?? resolve(root, "../shared/data/german-credit.csv");
const dir = mkdtempSync(join(tmpdir(), "creditdesk-model-"));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, "model", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(["scorecard", "gbdt"] as const)("creditdesk model (%s) on the German credit data", (method) => {
  const model = join(dir, `${method}.json`);

  it("trains, prints validation metrics and writes a model", () => {
    const train = run([
      "train",
      "--data",
      german,
      "--target",
      "creditability",
      "--positive",
      "bad",
      "--method",
      method,
      "--out",
      model,
    ]);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/validation\s+300\s+0\.3000\s+0\.[6-9]\d{3}/);
    const artefact = JSON.parse(readFileSync(model, "utf8"));
    expect(artefact).toMatchObject({ format: "creditdesk-model", formatVersion: 1, method });
    expect(artefact.training).toMatchObject({ rows: 1000, target: "creditability", positive: "bad" });
  }, 60_000);

  it("scores a file into pd and score columns", () => {
    const out = join(dir, `${method}-scored.csv`);
    const score = run(["score", "--model", model, "--data", german, "--out", out]);
    expect(score.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toMatch(/,creditability,pd,score$/);
    const [pd, points] = lines[1]!.split(",").slice(-2).map(Number);
    expect(pd).toBeGreaterThan(0);
    expect(pd).toBeLessThan(1);
    expect(points).toBeGreaterThan(300);
  }, 60_000);

  it("evaluates into one JSON object", () => {
    const evaluate = run([
      "evaluate",
      "--model",
      model,
      "--data",
      german,
      "--target",
      "creditability",
      "--positive",
      "bad",
    ]);
    expect(evaluate.code).toBe(0);
    const lines = evaluate.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const metrics = JSON.parse(lines[0]!);
    expect(metrics.n).toBe(1000);
    expect(metrics.auc).toBeGreaterThan(0.75);
    expect(metrics.gini).toBeCloseTo(2 * metrics.auc - 1, 10);
    for (const key of ["ks", "brier", "logLoss"]) {
      expect(typeof metrics[key]).toBe("number");
    }
  }, 60_000);
});

describe("creditdesk model errors", () => {
  it.each([
    ["a missing target column", ["--target", "nope"], /target column 'nope' not found/],
    ["a target with words and no --positive", ["--target", "creditability"], /--positive/],
  ])(
    "reports %s in one line",
    (_, extra, message) => {
      const result = run(["train", "--data", german, ...extra]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    },
    60_000,
  );

  it("names the column, row and value of garbage in a numeric column", () => {
    const file = join(dir, "garbage.csv");
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2}`);
    rows.splice(12, 0, "oops,1");
    writeFileSync(file, `amount,y\n${rows.join("\n")}\n`);
    const result = run(["train", "--data", file, "--target", "y"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/column 'amount' is numeric but row 13 holds 'oops'/);
  }, 60_000);

  it("rejects an empty file", () => {
    const file = join(dir, "empty.csv");
    writeFileSync(file, "");
    const result = run(["train", "--data", file, "--target", "y"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/empty/);
  }, 60_000);
});
