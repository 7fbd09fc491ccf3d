import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../apps/web/src/shared/format/money.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, RESULTS_DIR, screenshot, signIn, watchErrors } from "./support/browser.ts";

interface CustomerRow {
  code: string;
  legalName: string;
}

/**
 * The web workbench against the real server and a real Chromium: sign-in, dashboard, customer
 * search by a piece of a Chinese name, the credit file, the language switch, paging through the
 * list, CSV export, a wrong password, sign-out, and the return to the page asked for.
 */
describe("CreditDesk web workbench", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 40 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      // No transitions, so screenshots show the settled page.
      reducedMotion: "reduce",
    });
    page = await context.newPage();
    // 401 from /auth/login: the wrong-password test below.
    errors = watchErrors(page, { expected404: [/\/assessments\?/], expected401: [/\/auth\/login$/] });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function apiCustomers(query: string): Promise<{ items: CustomerRow[]; nextCursor: string | null }> {
    const response = await api.get<{ items: CustomerRow[]; nextCursor: string | null }>(
      `/customers?${query}`,
    );
    expect(response.status).toBe(200);
    return response.body;
  }

  it("asks to sign in, then opens the dashboard in Chinese with the user and the navigation", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByRole("heading", { level: 1, name: "登录" }).waitFor();
    await screenshot(page, "00-login-zh");
    await signIn(page, "manager");
    await page.getByRole("heading", { level: 1, name: "仪表盘" }).waitFor();
    await expect(page.getByTestId("current-user-name").textContent()).resolves.toBe(
      "信用经理 Credit Manager",
    );
    await expect(page.getByTestId("current-user-role").textContent()).resolves.toBe("信用经理");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByText("客户", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(nav.getByText("额度审批").isVisible()).resolves.toBe(true);
    await expect(page.getByText("CreditDesk").first().isVisible()).resolves.toBe(true);
    await page.getByTestId("customer-count").waitFor();
    // The figures are the server's portfolio summary (base currency), not a client-side sample.
    const summary = (
      await api.get<{ customers: number; openReceivables: { baseMinor: number }; baseCurrency: string }>(
        "/portfolio/summary",
      )
    ).body;
    await expect(page.getByTestId("customer-count").textContent()).resolves.toContain(
      String(summary.customers),
    );
    await expect(page.getByTestId("open-receivables").textContent()).resolves.toContain(
      formatMoney({
        minor: summary.openReceivables.baseMinor,
        currency: summary.baseCurrency,
        locale: "zh-CN",
        notation: "standard",
      }),
    );
    await page.getByTestId("aging-chart").waitFor();
    await page.getByTestId("grade-chart").waitFor();
    await expect(page.getByTestId("defaults-12m").textContent()).resolves.toContain("近 12 个月违约");
    await page.waitForLoadState("networkidle");
    await screenshot(page, "01-dashboard-zh");
    expect(errors).toEqual([]);
  });

  it("finds a customer by part of its Chinese name and opens its credit file", async () => {
    // A customer from the database, searched by a four-character piece of its name.
    const target = (await apiCustomers("limit=1&sort=-code")).items[0];
    expect(target).toBeDefined();
    const name = target?.legalName ?? "";
    const fragment = name.slice(2, 6);
    expect(fragment).toMatch(/[\u4e00-\u9fff]/);

    await page.getByRole("navigation", { name: "主导航" }).getByText("客户", { exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "客户" }).waitFor();
    const search = page.getByLabel("搜索客户");
    await search.fill(fragment);
    await search.press("Enter");
    await page.waitForURL(/q=/);
    const link = page.getByRole("link", { name, exact: true });
    await link.waitFor();
    const rows = page.getByTestId("customer-table").locator("tbody tr.ant-table-row");
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      await expect(rows.nth(i).textContent()).resolves.toContain(fragment);
    }
    await screenshot(page, "02-customers-search-zh");

    await link.click();
    await page.waitForURL(`**/customers/${encodeURIComponent(target?.code ?? "")}**`);
    await expect(page.getByTestId("credit-file-name").textContent()).resolves.toBe(name);
    await page.getByTestId("profile").waitFor();
    await expect(page.getByTestId("profile").textContent()).resolves.toContain("行业");
    await screenshot(page, "03-credit-file-profile-zh");

    await page.getByRole("tab", { name: "财务报表" }).click();
    await page.getByTestId("statements-table").or(page.getByText("没有财务报表")).first().waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "04-credit-file-financials-zh");

    await page.getByRole("tab", { name: "发票" }).click();
    await page.getByTestId("invoices-table").waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "05-credit-file-invoices-zh");

    // Not assessed yet: the tab says so and offers to run one; running it shows score and grade.
    await page.getByRole("tab", { name: "信用评估" }).click();
    await page.getByTestId("assessment-empty").waitFor();
    await expect(page.getByTestId("assessment-empty").textContent()).resolves.toContain("尚未评估");
    await page.getByTestId("run-assessment").click();
    await page.getByTestId("assessment-score").waitFor();
    await expect(page.getByTestId("assessment-score").textContent()).resolves.toMatch(/\d{3}/);
    await expect(page.getByTestId("assessment-grade").textContent()).resolves.toMatch(/低风险|中风险|高风险/);
    await expect(page.getByTestId("assessment-reasons").textContent()).resolves.toMatch(/-\d+ 分/);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "06-credit-file-assessment-zh");

    // A reload of the client route is answered with the app, not with the API's JSON.
    await page.reload();
    await expect(page.getByTestId("credit-file-name").textContent()).resolves.toBe(name);
    expect(errors).toEqual([]);
  });

  it("switches the interface to English and keeps the choice", async () => {
    await page.getByTestId("language-switch").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "English" }).click();
    await page.getByRole("tab", { name: "Profile" }).waitFor();
    await expect(
      page.getByRole("navigation", { name: "Main navigation" }).getByText("Customers").isVisible(),
    ).resolves.toBe(true);
    await page.getByRole("tab", { name: "Profile" }).click();
    await expect(page.getByTestId("profile").textContent()).resolves.toContain("Industry");
    await expect(page.getByText("Customer credit file").isVisible()).resolves.toBe(true);
    await screenshot(page, "07-credit-file-profile-en");

    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "08-dashboard-en");
    expect(errors).toEqual([]);
  });

  it("pages through the customer list with the server's cursor", async () => {
    const first = await apiCustomers("limit=10&sort=code");
    const second = await apiCustomers(
      `limit=10&sort=code&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
    );
    expect(first.nextCursor).not.toBeNull();

    await page.goto(`${server.url}/customers?limit=10&sort=code`);
    const table = page.getByTestId("customer-table");
    await table.getByRole("link", { name: first.items[0]?.legalName ?? "", exact: true }).waitFor();
    await expect(page.getByTestId("page-number").textContent()).resolves.toBe("Page 1");

    await page.getByTestId("page-next").click();
    await table.getByRole("link", { name: second.items[0]?.legalName ?? "", exact: true }).waitFor();
    await expect(page.getByTestId("page-number").textContent()).resolves.toBe("Page 2");
    await expect(
      table.getByRole("link", { name: first.items[0]?.legalName ?? "", exact: true }).count(),
    ).resolves.toBe(0);
    await screenshot(page, "09-customers-page2-en");

    await page.getByTestId("page-previous").click();
    await table.getByRole("link", { name: first.items[0]?.legalName ?? "", exact: true }).waitFor();
    await expect(page.getByTestId("page-number").textContent()).resolves.toBe("Page 1");
    expect(errors).toEqual([]);
  });

  it("exports every customer of the current view to CSV, not just the page shown", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const file = join(RESULTS_DIR, "customers-export.csv");
    await download.saveAs(file);
    const text = await readFile(file, "utf8");
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Customer code,Customer name,Unified social credit code,Industry,Region,Tier,Status,Sales owner,Terms,Billing currency," +
        "Risk grade,Score,Limit utilisation,Limit (base currency),Exposure (base currency),Open receivables,Overdue,Base currency",
    );
    expect(lines).toHaveLength(1 + 40);
    const codes = lines.slice(1).map((line) => line.split(",")[0]);
    expect([...codes].sort()).toEqual(codes);
    expect(errors).toEqual([]);
  });

  it("signs out to the sign-in page, refuses a wrong password with a clear message", async () => {
    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login$/);
    await page.getByTestId("logged-out").waitFor();
    // The session is gone on the server too: the API refuses the old cookie.
    await expect(page.evaluate("fetch('/auth/me').then((r) => r.status)")).resolves.toBe(401);

    await signIn(page, "manager", "not-the-password");
    const error = page.getByTestId("login-error");
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain("The user name or password is wrong.");
    await expect(page.getByRole("alert").count()).resolves.toBeGreaterThan(0);
    await screenshot(page, "10-login-wrong-password-en");
    expect(page.url()).toMatch(/\/login$/);
    expect(errors).toEqual([]);
  });

  it("returns to the page asked for after signing in", async () => {
    const target = (await apiCustomers("limit=1&sort=code")).items[0];
    await page.goto(`${server.url}/customers/${encodeURIComponent(target?.code ?? "")}`);
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, "manager");
    await page.waitForURL(`**/customers/${encodeURIComponent(target?.code ?? "")}`);
    await expect(page.getByTestId("credit-file-name").textContent()).resolves.toBe(target?.legalName);
    expect(errors).toEqual([]);
  });
});
