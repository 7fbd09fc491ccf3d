import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortfolioConcentration, PortfolioView } from "../apps/web/src/portfolio/portfolio-api.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/** The portfolio risk page against a seeded demo portfolio: the view and the concentration tab. */
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
});
