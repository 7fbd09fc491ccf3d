import { readFile } from "node:fs/promises";
import { asOfSchedule, trainModel } from "@creditdesk/core/models";
import {
  buildTrainingDataset,
  historyWindow,
  parseCsvTable,
  registerModel,
  TRAINING_ID_COLUMNS,
  trainingDatasetCsv,
} from "@creditdesk/lib/models";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * Issue #8's remaining workbench pieces, through the browser as a credit manager: the ROC and KS
 * charts of a registered model and of champion vs challenger, the export of a table spanning
 * several pages, and the import wizard's progress on a long import.
 */
describe("models charts, full exports and import progress", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  const HORIZON = 6;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 40 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    // A scorecard (champion) and a GBDT (challenger) trained on the demo's own history, as
    // `creditdesk model dataset | train | register` would do.
    const window = await historyWindow(server.handle.db, { horizonMonths: HORIZON });
    if (!window) {
      throw new Error("the demo history has no complete outcome window");
    }
    const rows = await buildTrainingDataset({
      handle: server.handle,
      asOfDates: asOfSchedule({ from: window.from, to: window.to, everyMonths: 1 }),
      horizonMonths: HORIZON,
      baseCurrency: "CNY",
    });
    const common = {
      table: parseCsvTable(trainingDatasetCsv(rows)),
      target: "target",
      exclude: [...TRAINING_ID_COLUMNS],
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    for (const [method, role] of [
      ["scorecard", "champion"],
      ["gbdt", "challenger"],
    ] as const) {
      const { artefact } = trainModel({ ...common, method, gbdt: { maxIterations: 30 } });
      await registerModel({ handle: server.handle, artefact, name: `own-${method}`, role, createdBy: "e2e" });
    }
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      reducedMotion: "reduce",
      acceptDownloads: true,
    });
    page = await context.newPage();
    errors = watchErrors(page, { expected404: [/\/portfolio\/trend/] });
    await page.goto(`${server.url}/models`);
    await signIn(page, "manager");
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Coloured (non-white, non-transparent) pixels of the chart's canvas: > 0 once ECharts drew. */
  const inkOf = (testId: string) =>
    page.getByTestId(testId).evaluate((element) => {
      const canvas = element.querySelector("canvas");
      const context2d = canvas?.getContext("2d");
      if (!canvas || !context2d) {
        return 0;
      }
      const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) > 0 && ((data[i] ?? 255) < 200 || (data[i + 2] ?? 255) < 200)) {
          ink++;
        }
      }
      return ink;
    });

  it("draws a registered model's ROC and KS curves with its AUC and KS as text", async () => {
    const models = await api.get<{ items: { id: number; name: string; version: string }[] }>("/models");
    const champion = models.body.items.find((m) => m.name === "own-scorecard");
    const detail = await api.get<{
      metrics: { train: { auc: number } };
      curves: { train: { roc: unknown[]; ks: { statistic: number } } };
    }>(`/models/${champion?.id}`);
    expect(detail.body.curves.train.roc.length).toBeGreaterThan(2);

    await page.getByRole("tab", { name: "模型登记" }).click();
    await page.getByRole("button", { name: "own-scorecard v1" }).click();
    const roc = page.getByTestId("model-curves-roc");
    await roc.waitFor();
    const label = (await roc.getAttribute("aria-label")) ?? "";
    // The text alternative names the AUC and KS as the registry stored them (3 decimals, zh-CN).
    expect(label).toContain(`AUC ${detail.body.metrics.train.auc.toFixed(3)}`);
    expect(label).toContain(`KS ${detail.body.curves.train.ks.statistic.toFixed(3)}`);
    await expect.poll(() => inkOf("model-curves-roc")).toBeGreaterThan(500);
    await expect.poll(() => inkOf("model-curves-ks")).toBeGreaterThan(500);
    // The bins table exports whole: one line per bin of every characteristic.
    const bins = await api.get<{ scorecard: { bins: unknown[] }[] }>(`/models/${champion?.id}`);
    const [binsFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("model-bins-export").click(),
    ]);
    const binLines = (await readFile((await binsFile.path()) ?? "", "utf8")).trimEnd().split("\r\n");
    expect(binLines).toHaveLength(1 + bins.body.scorecard.reduce((n, f) => n + f.bins.length, 0));
    await page.getByTestId("model-detail").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/30-model-roc-ks.png" });
    expect(errors).toEqual([]);
  });

  it("draws champion and challenger on one ROC chart after a comparison", async () => {
    await page.getByRole("tab", { name: "冠军与挑战者" }).click();
    await page.locator("#compare-horizon").fill(String(HORIZON));
    await page.getByTestId("models-compare").click();
    const roc = page.getByTestId("comparison-curves-roc");
    await roc.waitFor({ timeout: 30_000 });
    const label = (await roc.getAttribute("aria-label")) ?? "";
    expect(label).toContain("own-scorecard v1");
    expect(label).toContain("own-gbdt v1");
    await expect.poll(() => inkOf("comparison-curves-roc")).toBeGreaterThan(500);
    await screenshot(page, "31-model-comparison-curves");
    expect(errors).toEqual([]);
  });

  it("exports every invoice of a credit file, not just the page on screen", async () => {
    // The customer with the most invoices: more than one page of 20.
    const customers = await api.get<{ items: { id: number; code: string }[] }>("/customers?limit=100");
    let best = { id: 0, code: "", total: 0 };
    for (const c of customers.body.items) {
      let total = 0;
      let cursor: string | null = null;
      do {
        const qs: string = `/invoices?customerId=${c.id}&limit=500${cursor ? `&cursor=${cursor}` : ""}`;
        const r: { body: { items: unknown[]; nextCursor: string | null } } = await api.get(qs);
        total += r.body.items.length;
        cursor = r.body.nextCursor;
      } while (cursor);
      if (total > best.total) {
        best = { id: c.id, code: c.code, total };
      }
    }
    expect(best.total).toBeGreaterThan(20);

    await page.goto(`${server.url}/customers/${encodeURIComponent(best.code)}?tab=invoices`);
    const table = page.getByTestId("invoices-table");
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    await expect(table.locator("tbody tr.ant-table-row").count()).resolves.toBe(20);
    const firstOnScreen = await table
      .locator("tbody tr.ant-table-row")
      .first()
      .locator("td")
      .allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("invoices-table-export").click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(1 + best.total);
    expect(lines[0]).toBe("发票号,订单号,开票日期,到期日,金额,未结金额,逾期天数,状态");
    // The cells as the table shows them (amounts with their currency sign, labels in Chinese).
    const firstInFile = (lines[1] ?? "")
      .match(/("([^"]|"")*"|[^,]*)(,|$)/g)
      ?.map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
    expect(firstInFile?.slice(0, 8)).toEqual(firstOnScreen.map((text) => text.trim()));
    await screenshot(page, "32-invoices-exported");
    expect(errors).toEqual([]);

    // The same customer's payment behaviour: its open balance by days past due, as assessed.
    expect((await api.post(`/customers/${encodeURIComponent(best.code)}/assessments`, {})).status).toBe(201);
    await page.goto(`${server.url}/customers/${encodeURIComponent(best.code)}?tab=assessment`);
    const aging = page.getByTestId("customer-aging-chart");
    await aging.waitFor();
    await expect(aging.getAttribute("aria-label")).resolves.toMatch(/^账龄.*未到期 [\d.]+%/);
    await expect.poll(() => inkOf("customer-aging-chart")).toBeGreaterThan(100);
    await page.getByTestId("customer-aging").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/36-credit-file-aging.png" });

    // A second assessment: the history shows, and exports every assessment the API holds.
    await page.getByTestId("run-assessment").click();
    const history = await api.get<{ items: unknown[]; nextCursor: string | null }>(
      `/customers/${encodeURIComponent(best.code)}/assessments?limit=500`,
    );
    await expect.poll(async () => (await page.getByTestId("history-reasons").count()) > 1).toBe(true);
    const [historyFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("assessments-export").click(),
    ]);
    const now = await api.get<{ items: unknown[] }>(
      `/customers/${encodeURIComponent(best.code)}/assessments?limit=500`,
    );
    expect(now.body.items.length).toBeGreaterThanOrEqual(history.body.items.length);
    const historyLines = (await readFile((await historyFile.path()) ?? "", "utf8")).trimEnd().split("\r\n");
    expect(historyLines).toHaveLength(1 + now.body.items.length);
    expect(errors).toEqual([]);
  });

  it("shows the portfolio's exposure against its credit limits on the dashboard", async () => {
    const view = await api.get<{
      baseCurrency: string;
      total: { overLimit: number; utilisation: number | null };
    }>("/portfolio/view?months=1");
    await page.goto(`${server.url}/`);
    const card = page.getByTestId("dashboard-limit-use");
    await card.getByText("额度使用率").waitFor();
    await expect(card.textContent()).resolves.toContain(`${view.body.total.overLimit} 家客户超额度`);
    if (view.body.total.utilisation !== null) {
      await expect(card.getByRole("progressbar").count()).resolves.toBe(1);
    }
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/35-dashboard-limit-use.png" });
    expect(errors).toEqual([]);
  });

  it("shows the phase and rows read while a long import is checked and committed", async () => {
    // Long enough (about 5 MB) that the check and the commit each take seconds on PGlite.
    const rows = 150_000;
    const body = Array.from(
      { length: rows },
      (_, i) => `PROG-${String(i).padStart(6, "0")},进度测试客户${i},general`,
    ).join("\n");
    const csv = `code,legal_name,tier\n${body}\n`;
    await page.goto(`${server.url}/customers/import`);
    await page.getByRole("heading", { level: 1, name: "导入向导" }).waitFor();
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "progress.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("import-mapping").waitFor();
    await page.getByTestId("import-preview").click();
    // While the server checks the file the wizard polls the job: rows read so far, part of 100 %.
    const text = page.getByTestId("import-progress-text");
    await expect
      .poll(
        async () =>
          Number(
            ((await text.textContent({ timeout: 500 }).catch(() => "")) ?? "")
              .match(/已读 ([\d,]+) 行/)?.[1]
              ?.replace(/,/g, "") ?? 0,
          ),
        {
          timeout: 60_000,
          interval: 100,
        },
      )
      .toBeGreaterThan(0);
    // The wizard as it is now, while the job still runs (a full-page capture would come too late).
    await page.screenshot({ path: "test-results/33-import-progress.png" });
    await page.getByTestId("import-preview-ok").waitFor({ timeout: 120_000 });
    await expect(page.getByTestId("import-counts").textContent()).resolves.toContain("150,000");
    await page.getByTestId("import-commit").click();
    await page.getByTestId("import-progress").waitFor();
    await expect(page.getByTestId("import-busy").textContent()).resolves.toContain("正在导入");
    await page.screenshot({ path: "test-results/34-import-commit-progress.png" });
    await page.getByTestId("import-done").waitFor({ timeout: 120_000 });
    const last = await api.get<{ legalName: string }>("/customers/PROG-149999");
    expect(last.body.legalName).toBe("进度测试客户149999");
    expect(errors).toEqual([]);
  });
});
