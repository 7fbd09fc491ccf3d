import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { artefactToJson, syntheticCreditTable, trainModel } from "@creditdesk/core/models";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { useCliHarness } from "../shared/cli-test-support.ts";

const cli = useCliHarness("registry", { prefix: ["model"] });
const { dir, run } = cli;

beforeAll(async () => {
  const table = syntheticCreditTable({ rows: 1500, seed: 3 });
  writeFileSync(join(dir, "data.csv"), stringify([table.header, ...table.rows]));
  for (const method of ["scorecard", "gbdt"] as const) {
    const { artefact } = trainModel({
      table,
      target: "default",
      exclude: ["id"],
      method,
      createdAt: "2025-01-01T00:00:00.000Z",
      gbdt: { maxIterations: 20 },
    });
    writeFileSync(join(dir, `${method}.json`), artefactToJson(artefact));
  }
});

const roles = () =>
  (JSON.parse(run(["list", "--json"]).stdout) as { version: string; role: string }[]).map(
    (m) => `${m.version}:${m.role}`,
  );

describe("creditdesk model register|list|promote|compare", () => {
  it("registers a champion and a challenger and refuses a duplicate version", () => {
    expect(
      run(["register", "--model", "scorecard.json", "--name", "pd", "--role", "champion"]).stdout,
    ).toMatch(/registered pd 1 \(scorecard, champion\)/);
    expect(run(["register", "--model", "gbdt.json", "--name", "pd"]).stdout).toMatch(
      /registered pd 2 \(gbdt, challenger\)/,
    );
    const duplicate = run(["register", "--model", "gbdt.json", "--name", "pd", "--version", "1"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/version '1' already exists/);
    expect(roles()).toEqual(["2:challenger", "1:champion"]);
  }, 120_000);

  it("compares champion and challenger on a labelled file in one JSON object", () => {
    const result = run(["compare", "--data", "data.csv", "--target", "default"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.rows).toBe(1500);
    expect([out.champion.version, out.challenger.version]).toEqual(["1", "2"]);
    for (const side of [out.champion, out.challenger]) {
      expect(side.auc).toBeGreaterThan(0.6);
      expect(side.gini).toBeCloseTo(2 * side.auc - 1, 10);
      expect(typeof side.ks).toBe("number");
      expect(typeof side.brier).toBe("number");
    }
    expect(out.scorePsi.psi).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it("promotes the challenger and demotes the champion", () => {
    expect(run(["promote", "pd", "2"]).stdout).toMatch(/pd 2 is champion; pd 1 is now a challenger/);
    expect(roles()).toEqual(["2:champion", "1:challenger"]);
    expect(run(["retire", "pd", "1"]).code).toBe(0);
    expect(roles()).toEqual(["2:champion", "1:retired"]);
  }, 120_000);
});
