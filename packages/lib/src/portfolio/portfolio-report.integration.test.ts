import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAssessments } from "../assessment/run-assessments.ts";
import { seedDemoIfEmpty } from "../demo/seed-demo-if-empty.ts";
import { pdfText } from "../testing/pdf-text.ts";
import { buildPortfolioReport, type PortfolioReport } from "./build-portfolio-report.ts";
import {
  renderPortfolioReportHtml,
  renderPortfolioReportPdf,
  renderPortfolioReportXlsx,
} from "./render-portfolio-report.ts";
import { saveStressScenario } from "./stress-scenarios.ts";

const AS_OF = "2025-06-30";
let t: TestDatabase;
let report: PortfolioReport;

// The demo portfolio (with its insurance, factoring and collections records) assessed a year
// apart, and one stored stress scenario.
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t, { seed: 11, customers: 30, years: 3, asOf: AS_OF });
  for (const asOf of ["2024-06-30", AS_OF]) {
    await runAssessments({ handle: t, asOf, baseCurrency: "CNY", trigger: "bulk", triggeredBy: "test" });
  }
  await saveStressScenario({
    handle: t,
    actor: "test",
    scenario: { name: "PD × 2", shocks: [{ kind: "pd_factor", factor: 2 }] },
  });
  report = await buildPortfolioReport({ handle: t, asOf: AS_OF, baseCurrency: "CNY" });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("portfolio report", () => {
  it("has the grade migration of the year to as-of, rows summing to the population", () => {
    const m = report.migration;
    expect([m.from, m.to]).toEqual(["2024-06-30", AS_OF]);
    expect(m.population).toBeGreaterThan(0);
    const graded = m.rows.map((r, i) => ({ r, total: m.rowTotals[i] ?? 0 })).filter((x) => x.r !== "new");
    expect(graded.reduce((a, x) => a + x.total, 0)).toBe(m.population);
    for (const [i, row] of m.counts.entries()) {
      expect(row.reduce((a, n) => a + n, 0)).toBe(m.rowTotals[i]);
    }
  });

  it("has the insurance coverage: cover within exposure, EL lower with insurance than without", () => {
    const ins = report.insurance;
    const cny = ins.byCurrency.find((c) => c.currency === "CNY")!;
    expect(cny.buyers).toBeGreaterThan(0);
    expect(cny.coverMinor).toBeLessThanOrEqual(cny.exposureMinor);
    expect(cny.netMinor).toBe(cny.exposureMinor - cny.coverMinor);
    expect(ins.elMinor).toBe(report.expectedLoss.elMinor);
    expect(ins.elUninsuredMinor).toBeGreaterThan(ins.elMinor);
    expect(ins.overLimit.length).toBeGreaterThan(0);
    expect(ins.openClaims.reduce((a, c) => a + c.count, 0)).toBeGreaterThanOrEqual(1);
  });

  it("renders concentration, EL, migration, stress and insurance in HTML", () => {
    const html = renderPortfolioReportHtml(report);
    for (const section of [
      "集中度 Concentration",
      "预期损失 Expected loss",
      "评级迁移 Grade migration",
      "压力测试 Stress tests",
      "信用保险 Credit insurance",
      "PD × 2",
    ]) {
      expect(html).toContain(section);
    }
    expect(html).toContain(`<svg xmlns="http://www.w3.org/2000/svg"`);
  });

  it("renders the same sections in a PDF that embeds the CJK font", async () => {
    const pdf = await renderPortfolioReportPdf(report);
    const raw = pdf.toString("latin1");
    // The font program itself is in the file (a TrueType subset), not a reference to a system font.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(raw).toContain("/FontFile2");
    const text = pdfText(pdf).replace(/\s+/g, "");
    for (const section of [
      "集中度Concentration",
      "评级迁移Grade migration",
      "信用保险Credit insurance",
      "压力测试Stress tests",
    ]) {
      expect(text).toContain(section.replace(/\s+/g, ""));
    }
    expect(text).toContain("PD×2");
  });

  it("renders migration and insurance sheets in the XLSX", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderPortfolioReportXlsx(report)) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Concentration 集中度",
        "Expected loss 预期损失",
        "Migration 迁移",
        "Insurance 保险",
        "Stress 压力测试",
      ]),
    );
    const mig = wb.getWorksheet("Migration 迁移")!;
    expect(mig.rowCount).toBeGreaterThan(report.migration.rows.length);
    const ins = wb.getWorksheet("Insurance 保险")!;
    expect(ins.getRow(2).getCell(1).value).toBe(report.insurance.byCurrency[0]!.currency);
  });
});
