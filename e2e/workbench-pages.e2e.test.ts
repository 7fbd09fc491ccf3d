import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The workbench pages added in session 2, through the browser as a credit manager: the import
 * wizard (a bad row shown, fixed, committed), releasing a blocked order with a condition,
 * completing a review, the scorecard table, the grade bands and the language switch.
 */
describe("workbench pages", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 20 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      reducedMotion: "reduce",
    });
    page = await context.newPage();
    errors = watchErrors(page, { expected404: [/\/portfolio\/trend/] });
    await page.goto(`${server.url}/customers/import`);
    await signIn(page, "manager");
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Picks `option` in the antd Select with `testId` (typing filters the options). */
  const choose = async (testId: string, option: string) => {
    await page.getByTestId(testId).click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: option })
      .first()
      .click();
  };

  it("imports a CSV: maps a column, shows the bad row, takes the corrected file and commits it", async () => {
    const header = "Kundennummer,客户名称,客户分级";
    const bad = `${header}\nE2E-IMP-1,端到端导入一号,核心\nE2E-IMP-2,端到端导入二号,白金\n`;
    const good = `${header}\nE2E-IMP-1,端到端导入一号,核心\nE2E-IMP-2,端到端导入二号,一般\n`;
    await page.getByRole("heading", { level: 1, name: "导入向导" }).waitFor();
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "kunden.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.getByTestId("import-mapping").waitFor();
    // The code column's header is not a known synonym: checking is blocked until it is mapped.
    await page.getByTestId("import-missing-required").waitFor();
    await expect(page.getByTestId("import-preview").isDisabled()).resolves.toBe(true);
    await choose("map-Kundennummer", "code *");
    await page.getByTestId("import-missing-required").waitFor({ state: "detached" });
    await page.getByTestId("import-preview").click();
    const problems = page.getByTestId("import-problems");
    await problems.waitFor();
    const row = problems.locator("tbody tr").first();
    await expect(row.textContent()).resolves.toMatch(/kunden\.csv3客户分级tier白金/);
    await expect(problems.locator("tbody tr").count()).resolves.toBe(1);
    await screenshot(page, "20-import-problem");
    // The problems export as CSV (BOM, one line per problem).
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-problems").click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.split("\r\n")[1]).toBe('kunden.csv,3,客户分级,tier,白金,"must be one of core, general"');
    expect((await api.get("/customers/E2E-IMP-1")).status).toBe(404);

    // The corrected file keeps the mapping and is checked at once.
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "kunden.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await page.getByTestId("import-preview-ok").waitFor();
    await expect(page.getByTestId("import-counts").textContent()).resolves.toContain("2");
    await page.getByTestId("import-commit").click();
    await page.getByTestId("import-done").waitFor();
    await screenshot(page, "21-import-done");
    const imported = await api.get<{ tier: string; legalName: string }>("/customers/E2E-IMP-2");
    expect(imported.body).toMatchObject({ tier: "general", legalName: "端到端导入二号" });
    expect(errors).toEqual([]);
  });

  it("releases a blocked order with a condition and a justification", async () => {
    // Four eyes: an analyst's check blocks the order, the manager decides it (within their authority).
    const analyst = await apiSignIn(server.url, "analyst");
    const list = await api.get<{ items: { code: string }[] }>("/customers?limit=20&sort=code");
    let code = "";
    for (const row of list.body.items) {
      if ((await api.get<{ effective: unknown }>(`/customers/${row.code}/limits`)).body.effective === null) {
        code = row.code;
        break;
      }
    }
    expect(code).not.toBe("");
    const check = await analyst.post<{ id: number; decision: string }>("/credit-checks", {
      customer: code,
      amountMinor: 50_000_000,
      currency: "CNY",
      orderReference: "E2E-BLOCK-1",
    });
    expect(check.status).toBeLessThan(300);
    const blocked = await api.get<{ items: { id: number; orderReference: string }[] }>("/blocked-orders");
    const order = blocked.body.items.find((o) => o.orderReference === "E2E-BLOCK-1");
    expect(order).toBeDefined();

    await page.goto(`${server.url}/limits`);
    await page.getByTestId(`release-${order?.id}`).click();
    await choose("release-condition", "已收到担保");
    // A release without a justification is refused in the dialog.
    await page.getByTestId("decision-confirm").click();
    await page.getByText("拒绝或退回时必须填写意见").waitFor();
    await page.locator("#decision-comment").fill("母公司担保函已收到");
    await page.getByTestId("decision-confirm").click();
    await page.getByTestId(`release-${order?.id}`).waitFor({ state: "detached" });
    await screenshot(page, "22-blocked-released");
    const after = await api.get<{ items: { id: number }[] }>("/blocked-orders");
    expect(after.body.items.some((o) => o.id === order?.id)).toBe(false);
    const resolved = await api.get<{ blockStatus: string }>(`/credit-checks/${order?.id}`);
    expect(resolved.body.blockStatus).toBe("released");
    expect(errors).toEqual([]);
  });

  it("completes a due review with a conclusion and opens its report", async () => {
    await api.post("/assessment-runs", {});
    const scheduled = await api.post<{ scheduled: number }>("/reviews/schedule", {});
    expect(scheduled.body.scheduled).toBeGreaterThan(0);
    await page.goto(`${server.url}/reviews`);
    await page.getByRole("heading", { level: 1, name: "信用复核" }).waitFor();
    await page.getByText("一年内").click();
    const rows = page.getByTestId("reviews-list").locator("tbody tr[data-row-key]");
    await rows.first().waitFor();
    const id = Number(await rows.first().getAttribute("data-row-key"));
    const due = await api.get<{ items: { id: number; code: string }[] }>("/reviews?asOf=2100-01-01");
    const code = due.body.items.find((r) => r.id === id)?.code ?? "";

    await page.getByTestId(`report-html-${id}`).click();
    const frame = page.getByTestId("review-report-frame");
    await frame.waitFor();
    await expect(frame.getAttribute("srcdoc")).resolves.toContain("<html");
    await page.keyboard.press("Escape");
    await frame.waitFor({ state: "detached" });

    await page.getByTestId(`complete-${id}`).click();
    await choose("review-conclusion", "维持额度");
    await page.locator("#review-note").fill("付款正常，维持现有额度");
    await page.getByTestId("review-complete-confirm").click();
    await page.getByTestId(`complete-${id}`).waitFor({ state: "detached", timeout: 30_000 });
    const reviews = await api.get<{
      items: { id: number; status: string; conclusion: string; reviewer: string }[];
    }>(`/customers/${encodeURIComponent(code)}/reviews`);
    expect(reviews.body.items.find((r) => r.id === id)).toMatchObject({
      status: "completed",
      conclusion: "keep",
      reviewer: "manager",
    });
    await screenshot(page, "23-reviews");
    expect(errors).toEqual([]);
  });

  it("shows the active scorecard as a table of bins and points", async () => {
    const active = await api.get<{ definition: { characteristics: { code: string; bins: unknown[] }[] } }>(
      "/scorecards/active",
    );
    const characteristics = active.body.definition.characteristics;
    await page.goto(`${server.url}/models`);
    const table = page.getByTestId("scorecard-table");
    await table.locator("tbody tr").first().waitFor();
    const bins = characteristics.reduce((n, c) => n + c.bins.length, 0);
    await expect(table.locator("tbody tr").count()).resolves.toBe(bins);
    await expect(table.textContent()).resolves.toContain(characteristics[0]?.code ?? "?");
    await screenshot(page, "24-models-scorecard");
    expect(errors).toEqual([]);
  });

  it("shows the grade bands in settings and switches the page to English", async () => {
    await page.goto(`${server.url}/settings`);
    const bands = page.getByTestId("grade-bands");
    await bands.locator("tbody tr").first().waitFor();
    await expect(bands.locator("tbody tr").count()).resolves.toBe(3);
    await expect(bands.textContent()).resolves.toContain("≥ 700");
    await expect(bands.textContent()).resolves.toContain("600 – < 700");
    await screenshot(page, "25-settings-zh");

    // A manager may switch a monitoring rule off (saved as a new version of the rule).
    await page.getByRole("tab", { name: "监控规则" }).click();
    const rules = page.getByTestId("monitoring-rules");
    await rules.locator("tbody tr").first().waitFor();
    const firstRule = (await api.get<{ code: string; rule: { name: string } }[]>("/monitoring/rules"))
      .body[0];
    await page.getByRole("switch", { name: `启用 — ${firstRule?.rule.name}` }).click();
    await page.getByText(`已保存规则：${firstRule?.rule.name}`).waitFor();
    const saved =
      await api.get<{ code: string; version: number; rule: { enabled: boolean } }[]>("/monitoring/rules");
    expect(saved.body.find((r) => r.code === firstRule?.code)).toMatchObject({
      version: 2,
      rule: { enabled: false },
    });
    await page.getByRole("tab", { name: "等级与政策" }).click();

    await page.getByTestId("language-switch").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await expect(page.getByRole("tab", { name: "Grades and policy" }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("policy-table").textContent()).resolves.toContain(
      "Credit sales restricted",
    );
    await screenshot(page, "26-settings-en");
    // Back to Chinese for whoever reuses the browser profile.
    await page.getByTestId("language-switch").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "简体中文" }).click();
    await page.getByRole("heading", { level: 1, name: "设置" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("shows the work queues and DSO trend on the dashboard and a customer's audit trail to an administrator", async () => {
    const admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const adminPage = await admin.newPage();
    const adminErrors = watchErrors(adminPage);
    try {
      await adminPage.goto(`${server.url}/`);
      await signIn(adminPage, "admin");
      for (const id of ["dashboard-alerts", "dashboard-reviews", "dashboard-blocked"]) {
        await adminPage.getByTestId(id).waitFor();
      }
      await adminPage.getByTestId("dso-chart").waitFor();
      // The review completed above scheduled the next one; the released order left the queue.
      await expect(adminPage.getByTestId("dashboard-blocked").textContent()).resolves.toContain("0");
      await adminPage.waitForLoadState("networkidle");
      await screenshot(adminPage, "27-dashboard-queues");

      const adminApi = await apiSignIn(server.url, "admin");
      const assessed = await adminApi.post("/customers/E2E-IMP-1/assessments", {});
      expect(assessed.status).toBe(201);
      await adminPage.goto(`${server.url}/customers/E2E-IMP-1?tab=audit`);
      const trail = adminPage.getByTestId("customer-audit");
      // The table shows its empty row while loading: wait for the entry itself (newest first).
      const newest = trail.locator("tbody tr.ant-table-row").first();
      await newest.waitFor();
      await expect(newest.textContent()).resolves.toContain("assessment.single");
      await screenshot(adminPage, "28-credit-file-audit");
      expect(adminErrors).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it("lets an administrator create a user and change the approval authority in dialogs", async () => {
    const admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const adminPage = await admin.newPage();
    const adminErrors = watchErrors(adminPage);
    try {
      const adminApi = await apiSignIn(server.url, "admin");
      await adminPage.goto(`${server.url}/settings`);
      await signIn(adminPage, "admin");
      await adminPage.getByRole("tab", { name: "用户" }).click();
      await adminPage.getByTestId("user-create").click();
      const dialog = adminPage.getByRole("dialog");
      await dialog.getByLabel("用户名").fill("e2e-new-user");
      await dialog.getByLabel("初始密码").fill("short");
      await dialog.getByRole("button", { name: /创\s*建/ }).click();
      // The rule refuses a short password on its field; nothing is created.
      await dialog.getByText("至少 8 个字符").waitFor();
      await dialog.getByLabel("初始密码").fill("long-enough-2026");
      await dialog.getByRole("button", { name: /创\s*建/ }).click();
      await dialog.waitFor({ state: "detached" });
      // The display name defaults to the login: the new row shows it twice.
      await adminPage.getByTestId("users").locator("tbody tr", { hasText: "e2e-new-user" }).waitFor();
      const users = (await adminApi.get<{ items: { login: string; role: string }[] }>("/users")).body.items;
      expect(users.find((u) => u.login === "e2e-new-user")?.role).toBe("viewer");

      await adminPage.getByRole("tab", { name: "审批权限" }).click();
      await adminPage.getByTestId("authority-edit").click();
      const cap = dialog.getByLabel("最高审批额度 — 信用分析师");
      await cap.fill("1,2x");
      await adminPage.getByTestId("authority-save").click();
      await dialog.getByText("请填写有效金额（最多两位小数），或留空表示不限。").waitFor();
      await cap.fill("2000000");
      await adminPage.getByTestId("authority-save").click();
      await dialog.waitFor({ state: "detached" });
      const matrix = (
        await adminApi.get<{ entries: { role: string; maxMinor: number | null }[] }>("/limit-authorities")
      ).body;
      expect(matrix.entries.find((e) => e.role === "credit_analyst")?.maxMinor).toBe(200_000_000);
      await expect
        .poll(() => adminPage.getByTestId("authority-matrix").textContent(), { timeout: 20_000 })
        .toContain("2,000,000.00");
      await screenshot(adminPage, "29-settings-authority");
      expect(adminErrors).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
