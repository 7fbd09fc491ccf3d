import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useCliHarness } from "../shared/cli-test-support.ts";

const cli = useCliHarness("import-cli");
const { dir, run } = cli;

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Each command is a process that opens (and on PGlite migrates) the database: seconds each on a busy machine.
describe("creditdesk import, export and customers", { timeout: 180_000 }, () => {
  it("imports customers from Chinese headers, then a re-import of the same file changes nothing", () => {
    const customers = file(
      "客户.csv",
      "客户编码,客户名称,行业,地区\nC-001,苏州某某精密机械有限公司,manufacturing,江苏\nC-002,杭州某某贸易有限公司,wholesale,浙江\n",
    );
    const first = run(["import", "customers", customers]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/customers: read 2, inserted 2, updated 0, unchanged 0, rejected 0/);
    const again = run(["import", "customers", customers]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/customers: read 2, inserted 0, updated 0, unchanged 2, rejected 0/);
  });

  it("rejects a strict invoice file with one bad row: names row, column and reason, and writes nothing", () => {
    const invoices = file(
      "invoices.csv",
      [
        "发票号,客户编码,开票日期,到期日,金额,币种",
        "INV-1,C-001,2025-01-31,2025-03-02,1200.50,CNY",
        "INV-2,C-404,2025-02-01,2025-03-03,800.00,CNY",
        "INV-3,C-002,2025-02-05,2025-03-07,99.90,CNY",
        "",
      ].join("\n"),
    );
    const rejected = run(["import", "invoices", invoices]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/row 3, column 客户编码 \(customer_code\): .*C-404/);
    expect(rejected.stdout).toMatch(/inserted 0/);
    const exported = run(["export", "invoices"]);
    expect(exported.code).toBe(0);
    // Only the header: the rejected file wrote nothing.
    expect(exported.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("commits the good rows of a lenient import and writes the bad one to a rejects file with its reason", () => {
    const invoices = join(dir, "invoices.csv");
    const lenient = run(["import", "invoices", invoices, "--lenient"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/invoices: read 3, inserted 2, updated 0, unchanged 0, rejected 1/);
    const rejects = readFileSync(`${invoices}.rejects.csv`, "utf8");
    expect(rejects).toMatch(/INV-2,C-404/);
    expect(rejects.split("\n")[0]).toMatch(/reject_reason/);
    const exported = run(["export", "invoices", "--out", join(dir, "out.csv")]);
    expect(exported.code).toBe(0);
    const out = readFileSync(join(dir, "out.csv"), "utf8");
    expect(out).toMatch(/INV-1/);
    expect(out).toMatch(/1200\.50/);
    expect(out).not.toMatch(/INV-2/);
  });

  it("lists and shows customers, and shows a customer's open balance", () => {
    const listed = JSON.parse(run(["customers", "list", "--json"]).stdout) as { code: string }[];
    expect(listed.map((c) => c.code)).toEqual(["C-001", "C-002"]);
    const shown = run(["customers", "show", "C-001", "--as-of", "2025-02-10"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/苏州某某精密机械有限公司/);
    expect(shown.stdout).toMatch(/CNY +1 +1200\.50 +0\.00/);
  });

  it("answers a wrong command with one clear line and a non-zero exit", () => {
    const unknown = run(["import", "widgets", "x.csv"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown entity 'widgets'; one of: customers/);
    const missing = run(["customers", "show", "C-999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/C-999/);
  });
});
