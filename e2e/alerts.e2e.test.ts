import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertItem } from "../apps/web/src/alerts/alerts-api.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The alerts page against alerts raised by a real monitoring run: filtering by severity, then
 * acknowledging and resolving an alert in place.
 */
describe("alerts page", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;

  const alerts = async (query: string) =>
    (await api.get<{ items: AlertItem[] }>(`/alerts?limit=500&${query}`)).body.items;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 20 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    const run = await api.post<{ alertsOpened: number }>("/monitoring/runs", {});
    expect(run.status).toBe(201);
    expect(run.body.alertsOpened).toBeGreaterThan(0);
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

  it("lists the live alerts and filters them by severity", async () => {
    await page.goto(`${server.url}/alerts`);
    await signIn(page, "manager");
    await page.getByRole("heading", { level: 1, name: "预警" }).waitFor();
    const rows = page.getByTestId("alerts-table").locator("tbody tr.ant-table-row");
    const live = await alerts("state=open,acknowledged");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(live.length);

    const critical = await alerts("state=open,acknowledged&severity=critical");
    await page.getByTestId("alerts-severity").click();
    await page.locator(".ant-select-item-option").getByText("严重", { exact: true }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(critical.length);
    await screenshot(page, "30-alerts-critical");
    expect(errors).toEqual([]);
  });

  it("acknowledges, then resolves an alert", async () => {
    const [first] = await alerts("state=open&severity=critical");
    expect(first).toBeDefined();
    const id = first?.id ?? 0;
    await page.getByTestId(`alert-acknowledge-${id}`).click();
    await expect
      .poll(() => page.getByTestId(`alert-state-${id}`).textContent(), { timeout: 10_000 })
      .toBe("已确认");
    await expect(page.getByTestId(`alert-acknowledge-${id}`).count()).resolves.toBe(0);

    await page.getByTestId(`alert-resolve-${id}`).click();
    // Resolved alerts leave the default (live) view.
    await page.getByTestId(`alert-state-${id}`).waitFor({ state: "detached" });
    const [after] = (await alerts("state=resolved")).filter((a) => a.id === id);
    expect(after?.state).toBe("resolved");
    expect(errors).toEqual([]);
  });
});
