import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryItem, WorklistPage } from "../apps/web/src/collections/collections-api.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The collections page on the demo portfolio: the ranked worklist as the API ranks it, a promise to
 * pay entered in the dialog, a dunning run, and the dunning history drawer.
 */
describe("collections page", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 20 }), launchChromium()]);
    api = await apiSignIn(server.url, "finance");
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

  it("lists overdue invoices in the API's priority order", async () => {
    const worklist = (await api.get<WorklistPage>("/collections/worklist?limit=100")).body;
    expect(worklist.items.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/collections`);
    await signIn(page, "finance");
    await page.getByRole("heading", { level: 1, name: "催收工作台" }).waitFor();
    const rows = page.getByTestId("collections-table").locator("tbody tr.ant-table-row");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(worklist.items.length);
    const firstNumbers = await rows.evaluateAll((trs) =>
      trs.slice(0, 3).map((tr) => tr.children[1]?.textContent),
    );
    expect(firstNumbers).toEqual(worklist.items.slice(0, 3).map((i) => i.invoiceNumber));
    await screenshot(page, "60-collections-worklist");
    expect(errors).toEqual([]);
  });

  it("records a promise to pay from the dialog", async () => {
    const worklist = (await api.get<WorklistPage>("/collections/worklist?limit=100")).body;
    const target = worklist.items.find((i) => !i.promised)!;
    await page.getByTestId(`promise-${target.invoiceNumber}`).click();
    await page.getByTestId("promise-amount").fill("100.00");
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId("promise-date").fill(due);
    await page.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByTestId(`promised-${target.invoiceNumber}`).waitFor();
    const promises = (
      await api.get<{ items: { promisedMinor: number; promisedOn: string; invoiceNumbers: string[] }[] }>(
        `/collections/promises?customer=${encodeURIComponent(target.customerCode)}`,
      )
    ).body.items;
    expect(promises[0]).toMatchObject({
      promisedMinor: 10_000,
      promisedOn: due,
      invoiceNumbers: [target.invoiceNumber],
    });
    expect(errors).toEqual([]);
  });

  it("runs dunning and shows the actions in the history drawer", async () => {
    await page.getByTestId("collections-execute").click();
    await page.getByTestId("dunning-result").waitFor();
    const worklist = (await api.get<WorklistPage>("/collections/worklist?limit=100")).body;
    const dunned = worklist.items.find((i) => i.level > 0)!;
    expect(dunned).toBeDefined();
    await page.getByTestId(`history-${dunned.invoiceNumber}`).click();
    await page.getByTestId("collections-history").waitFor();
    const history = (
      await api.get<{ items: HistoryItem[] }>(
        `/collections/customers/${encodeURIComponent(dunned.customerCode)}/history`,
      )
    ).body.items;
    expect(history[0]?.performedBy).toBe("finance");
    await expect(page.getByTestId("collections-history").locator(".ant-timeline-item").count()).resolves.toBe(
      history.length,
    );
    await screenshot(page, "61-collections-history");
    expect(errors).toEqual([]);
  });
});
