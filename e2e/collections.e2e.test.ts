import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryItem, WorklistPage } from "../apps/web/src/collections/collections-api.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The collections page on the demo portfolio: the ranked worklist as the API ranks it, a promise to
 * pay entered in the dialog, a call and a legal handover recorded in the action dialog, a dunning
 * run, the dunning history drawer, and the demo's promises (kept and broken) as evaluated.
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

  it("records a call with its outcome and a legal handover from the action dialog", async () => {
    const worklist = (await api.get<WorklistPage>("/collections/worklist?limit=100")).body;
    const target = worklist.items.at(-1)!;
    const dialog = page.getByRole("dialog");
    await page.getByTestId(`action-${target.invoiceNumber}`).click();
    await dialog.getByLabel("通话结果").click();
    await page.locator(".ant-select-item-option", { hasText: "无人接听" }).click();
    await dialog.getByLabel("联系人").fill("王会计");
    await dialog
      .getByLabel("回访日期")
      .fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await dialog.getByRole("textbox", { name: "备注" }).fill("e2e: 电话无人接听");
    await screenshot(page, "62-collections-action");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: "detached" });

    // A legal handover needs to whom it went: the dialog refuses without it.
    await page.getByTestId(`action-${target.invoiceNumber}`).click();
    await dialog.getByLabel("法律程序").check();
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.getByText("请输入移交给（律师/机构）").waitFor();
    await dialog.getByLabel("移交给（律师/机构）").fill("金杜律师事务所");
    await dialog.getByLabel("案件编号").fill("E2E-LEGAL-1");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: "detached" });

    const history = (
      await api.get<{ items: HistoryItem[] }>(
        `/collections/customers/${encodeURIComponent(target.customerCode)}/history`,
      )
    ).body.items.filter((h) => h.performedBy === "finance");
    expect(history.map((h) => [h.kind, h.outcome])).toEqual([
      ["legal", "handed_over"],
      ["call", "no_answer"],
    ]);
    expect(history[1]!.note).toBe("e2e: 电话无人接听");
    expect(history[0]!.invoices.map((i) => i.invoiceNumber)).toEqual([target.invoiceNumber]);
    expect(errors).toEqual([]);
  });

  it("shows the demo's promises to pay as evaluated: one kept, one broken", async () => {
    const statuses = async (status: string) =>
      (await api.get<{ items: { status: string }[] }>(`/collections/promises?status=${status}`)).body.items
        .length;
    expect(await statuses("kept")).toBeGreaterThanOrEqual(1);
    expect(await statuses("broken")).toBeGreaterThanOrEqual(1);
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
