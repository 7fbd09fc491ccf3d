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

  // The severity filtered on is the one most alerts of the run carry: which rules fire on a small
  // demo portfolio depends on its generated history, so the test must not assume "critical".
  const SEVERITY_LABELS = { info: "提示", warning: "警告", critical: "严重" } as const;
  let severity: keyof typeof SEVERITY_LABELS = "critical";

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

    const counts = new Map<keyof typeof SEVERITY_LABELS, number>();
    for (const a of live.filter((x) => x.state === "open")) {
      counts.set(a.severity, (counts.get(a.severity) ?? 0) + 1);
    }
    severity = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "critical";
    const filtered = await alerts(`state=open,acknowledged&severity=${severity}`);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThanOrEqual(live.length);
    await page.getByTestId("alerts-severity").click();
    await page
      .locator(".ant-select-item-option")
      .getByText(SEVERITY_LABELS[severity], { exact: true })
      .click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(filtered.length);
    await screenshot(page, `30-alerts-${severity}`);
    expect(errors).toEqual([]);
  });

  it("acknowledges, then resolves an alert", async () => {
    const [first] = await alerts(`state=open&severity=${severity}`);
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
