import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ExpectedLoss,
  LgdConfig,
  PortfolioConcentration,
  PortfolioView,
} from "../apps/web/src/portfolio/portfolio-api.ts";
import { formatMoney } from "../apps/web/src/shared/format/money.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The portfolio risk page against a seeded demo portfolio: the view and the concentration tab; the
 * view as of a past date groups customers by the tier they had then (state history); the expected
 * loss tab shows the insured share of the demo's credit insurance.
 */
describe("portfolio page", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 20 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      reducedMotion: "reduce",
    });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("shows the portfolio grouped by industry and its concentration", async () => {
    const view = (await api.get<PortfolioView>(`/portfolio/view?asOf=${today}&groupBy=industry&limit=50`))
      .body;
    const conc = (await api.get<PortfolioConcentration>(`/portfolio/concentration?asOf=${today}`)).body;
    await page.goto(`${server.url}/portfolio`);
    await signIn(page, "manager");
    await page.getByRole("heading", { level: 1, name: "组合风险" }).waitFor();
    const rows = page.getByTestId("portfolio-groups").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(view.groups.length);
    await expect(rows.first().locator("td").first().textContent()).resolves.toBe(view.groups[0]?.key);

    await page.getByRole("tab", { name: "集中度" }).click();
    const dims = page.getByTestId("portfolio-concentration").locator("tbody tr.ant-table-row");
    await expect.poll(() => dims.count(), { timeout: 20_000 }).toBe(4);
    const hhi = Math.round(conc.dimensions.customer.hhi);
    await expect(dims.first().textContent()).resolves.toContain(hhi.toLocaleString("zh-CN"));
    await screenshot(page, "60-portfolio-concentration");
    expect(errors).toEqual([]);
  });

  it("groups by the tier a customer had on a past date, and shows EL with the insured share", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tiers = async (asOf: string) =>
      Object.fromEntries(
        (await api.get<PortfolioView>(`/portfolio/view?asOf=${asOf}&groupBy=tier`)).body.groups.map((g) => [
          g.key,
          g.customers,
        ]),
      ) as Record<string, number>;
    const before = await tiers(today);
    const customers = (
      await api.get<{ items: { code: string; tier: string }[] }>("/customers?limit=20&sort=code")
    ).body.items;
    const moved = customers.find((c) => c.tier === "general")!;
    expect((await api.patch(`/customers/${encodeURIComponent(moved.code)}`, { tier: "core" })).status).toBe(
      200,
    );
    const now = await tiers(today);
    expect(now.general).toBe((before.general ?? 0) - 1);
    expect(await tiers(yesterday)).toEqual(before);

    await page.getByRole("tab", { name: "组合视图" }).click();
    await page.getByTestId("portfolio-group-by").click();
    await page.locator(".ant-select-item-option", { hasText: "客户层级" }).click();
    const general = page
      .getByTestId("portfolio-groups")
      .locator("tbody tr.ant-table-row", { hasText: "general" });
    await expect
      .poll(() => general.locator("td").nth(1).textContent(), { timeout: 20_000 })
      .toBe(String(now.general));
    await page.getByTestId("portfolio-as-of").fill(yesterday);
    await expect
      .poll(() => general.locator("td").nth(1).textContent(), { timeout: 20_000 })
      .toBe(String(before.general));

    await page.getByTestId("portfolio-as-of").fill(today);
    const el = (
      await api.get<{ elMinor: number; insuredMinor: number }>(`/portfolio/expected-loss?asOf=${today}`)
    ).body;
    expect(el.insuredMinor).toBeGreaterThan(0);
    await page.getByRole("tab", { name: "预期损失" }).click();
    await page.getByTestId("portfolio-el").locator("tbody tr.ant-table-row").first().waitFor();
    await screenshot(page, "61-portfolio-el");
    expect(errors).toEqual([]);
  });

  it("saves a stress scenario from the form and shows its result, and edits a concentration limit", async () => {
    await page.getByRole("tab", { name: "压力测试" }).click();
    // The demo stores two scenarios; a new one is made in the dialog.
    await page.getByTestId("portfolio-new-scenario").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("情景名称").fill("E2E 前两大客户违约");
    await dialog.getByLabel("冲击").click();
    await page.locator(".ant-select-item-option", { hasText: "最大 N 个敞口违约" }).click();
    await dialog.getByLabel("N（最大敞口客户数）").fill("2");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByTestId("portfolio-stress-result").waitFor();
    const stored = (
      await api.get<{ items: { id: number; scenario: { name: string; shocks: unknown[] } }[] }>(
        "/portfolio/stress-scenarios",
      )
    ).body.items;
    const mine = stored.find((s) => s.scenario.name === "E2E 前两大客户违约")!;
    expect(mine.scenario.shocks).toEqual([{ kind: "top_n_default", n: 2 }]);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    const result = (
      await api.get<{ deltaElMinor: number }>(`/portfolio/stress-scenarios/${mine.id}/result?asOf=${today}`)
    ).body;
    expect(result.deltaElMinor).toBeGreaterThanOrEqual(0);

    await page.getByRole("tab", { name: "集中度" }).click();
    await page.getByTestId("limit-edit-customer").click();
    await dialog.getByLabel("最高占比（%）").fill("5");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: "detached" });
    const limits = (
      await api.get<{ items: { dimension: string; maxShareBps: number }[] }>(
        "/portfolio/concentration-limits",
      )
    ).body.items;
    expect(limits.find((l) => l.dimension === "customer")?.maxShareBps).toBe(500);
    await screenshot(page, "62-portfolio-limits");
    expect(errors).toEqual([]);
  });

  it("back-tests the predicted PDs from the back-test tab", async () => {
    const start = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const api12 = (
      await api.get<{ rows: { grade: string }[]; total: { obligors: number } }>(
        `/portfolio/backtest?start=${start}&horizonMonths=12`,
      )
    ).body;
    await page.getByRole("tab", { name: "违约概率回测" }).click();
    const rows = page.getByTestId("portfolio-backtest").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(api12.rows.length + 1);
    await expect(rows.last().locator("td").nth(1).textContent()).resolves.toBe(String(api12.total.obligors));
    expect(errors).toEqual([]);
  });

  it("shows the LGD configuration, refuses an out-of-range LGD, and saves one that refreshes EL", async () => {
    const before = (await api.get<ExpectedLoss>(`/portfolio/expected-loss?asOf=${today}&top=20`)).body;
    expect(before.lgd).toMatchObject({ unsecuredBps: 4_500, unassessedPd: null, version: 0 });
    await page.getByTestId("portfolio-as-of").fill(today);
    await page.getByRole("tab", { name: "预期损失" }).click();
    const view = page.getByTestId("lgd-config");
    await expect.poll(() => view.textContent(), { timeout: 20_000 }).toContain("无担保部分 LGD45%");
    await expect(view.textContent()).resolves.toContain("不计入 EL");
    const elFigure = page
      .getByTestId("portfolio-el-summary")
      .locator(".ant-statistic", { hasText: "预期损失 EL" })
      .locator(".ant-statistic-content");
    await expect(elFigure.textContent()).resolves.toBe(
      formatMoney({ minor: before.elMinor, currency: before.baseCurrency, locale: "zh-CN" }),
    );

    await page.getByTestId("lgd-edit").click();
    const dialog = page.getByRole("dialog");
    const unsecured = dialog.getByLabel("无担保部分 LGD（%）");
    await expect(unsecured.inputValue()).resolves.toBe("45");
    // Out of range and a fraction of a basis point are refused on their fields; nothing is sent.
    await unsecured.fill("150");
    await dialog.getByLabel("抵押覆盖部分 LGD（%）").fill("35.555");
    await page.getByTestId("lgd-save").click();
    await dialog.getByText("请输入 0 到 100 之间的百分比").waitFor();
    await dialog.getByText("最多两位小数（整数基点）").waitFor();
    expect((await api.get<LgdConfig>("/portfolio/lgd")).body.version).toBe(0);

    await unsecured.fill("60");
    await dialog.getByLabel("抵押覆盖部分 LGD（%）").fill("35.55");
    await dialog.getByLabel("未评估客户 PD（%）").fill("5");
    await page.getByTestId("lgd-save").click();
    await dialog.waitFor({ state: "detached" });
    const saved = (await api.get<LgdConfig>("/portfolio/lgd")).body;
    expect(saved).toEqual({
      unsecuredBps: 6_000,
      collateralBps: 3_555,
      guaranteeBps: 4_500,
      unassessedPd: 0.05,
      version: 1,
    });
    await expect.poll(() => view.textContent(), { timeout: 20_000 }).toContain("无担保部分 LGD60%");
    await expect(view.textContent()).resolves.toContain("抵押覆盖部分 LGD35.55%");
    await expect(view.textContent()).resolves.toContain("未评估客户 PD5%");
    await expect(view.textContent()).resolves.toContain("第 1 版");

    // The EL figures were reloaded with the new configuration.
    const after = (await api.get<ExpectedLoss>(`/portfolio/expected-loss?asOf=${today}&top=20`)).body;
    expect(after.elMinor).toBeGreaterThan(before.elMinor);
    await expect
      .poll(() => elFigure.textContent(), { timeout: 20_000 })
      .toBe(formatMoney({ minor: after.elMinor, currency: after.baseCurrency, locale: "zh-CN" }));
    await screenshot(page, "63-portfolio-lgd");
    expect(errors).toEqual([]);
  });

  it("shows the LGD configuration without the edit button to an analyst", async () => {
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const analystPage = await other.newPage();
    const analystErrors = watchErrors(analystPage);
    try {
      await analystPage.goto(`${server.url}/portfolio`);
      await signIn(analystPage, "analyst");
      await analystPage.getByRole("tab", { name: "预期损失" }).click();
      const view = analystPage.getByTestId("lgd-config");
      await expect.poll(() => view.textContent(), { timeout: 20_000 }).toContain("无担保部分 LGD60%");
      await expect(analystPage.getByTestId("lgd-edit").count()).resolves.toBe(0);
      expect(analystErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
