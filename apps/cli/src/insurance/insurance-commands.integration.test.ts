import { describe, expect, it } from "vitest";
import { useCliHarness } from "../shared/cli-test-support.ts";

const cli = useCliHarness("insurance");
const { run } = cli;

describe("creditdesk insurance|factoring", () => {
  it("records a policy and an agreement from decimal amounts and percentages, and lists them", () => {
    const added = run([
      "insurance",
      "policies",
      "add",
      "--number",
      "CLI-POL",
      "--insurer",
      "Sinosure",
      "--currency",
      "CNY",
      "--indemnity",
      "87.5",
      "--deadline-days",
      "45",
      "--max-liability",
      "1,000,000.50",
      "--from",
      "2025-01-01",
    ]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const [policy] = JSON.parse(run(["insurance", "policies", "--json"]).stdout) as {
      policyNumber: string;
      indemnityBps: number;
      maxLiabilityMinor: number;
      notificationDeadlineDays: number;
    }[];
    expect(policy).toMatchObject({
      policyNumber: "CLI-POL",
      indemnityBps: 8_750,
      maxLiabilityMinor: 100_000_050,
      notificationDeadlineDays: 45,
    });

    expect(
      run([
        "factoring",
        "agreements",
        "add",
        "--reference",
        "CLI-FA",
        "--factor",
        "ICBC",
        "--currency",
        "CNY",
        "--no-recourse",
        "--advance",
        "80",
        "--fee",
        "1.2",
        "--from",
        "2025-01-01",
      ]).code,
    ).toBe(0);
    const [agreement] = JSON.parse(run(["factoring", "agreements", "--json"]).stdout) as {
      withRecourse: boolean;
      advanceRateBps: number;
      feeBps: number;
    }[];
    expect(agreement).toMatchObject({ withRecourse: false, advanceRateBps: 8_000, feeBps: 120 });
    // Each run is a new process (and on PGlite the first one migrates its folder): slow on a busy machine.
  }, 300_000);

  it("refuses bad input with one readable line and a non-zero exit", () => {
    const unknown = run([
      "insurance",
      "decide",
      "CLI-POL",
      "NOBODY",
      "--requested",
      "10",
      "--granted",
      "5",
      "--on",
      "2025-02-01",
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/customer NOBODY does not exist/);
    const badPercent = run([
      "factoring",
      "agreements",
      "add",
      "--reference",
      "X",
      "--factor",
      "F",
      "--currency",
      "CNY",
      "--advance",
      "eighty",
      "--from",
      "2025-01-01",
    ]);
    expect(badPercent.code).not.toBe(0);
    expect(badPercent.stderr).toMatch(/--advance must be a percentage/);
    const check = run(["insurance", "check", "--as-of", "2025-03-01", "--json"]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ asOf: "2025-03-01", alertsOpened: 0 });
  }, 300_000);
});
