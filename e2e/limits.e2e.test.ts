import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerLimits, Exposure, LimitRequest } from "../apps/web/src/limits/limits-api.ts";
import { formatMoney } from "../apps/web/src/shared/format/money.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

interface CustomerRow {
  code: string;
  legalName: string;
}

/**
 * Four eyes on a credit limit, through the browser: an analyst asks for a limit on the customer's
 * Limits tab, cannot decide it themselves, signs out; a manager approves it on the approvals page;
 * the credit file then shows the new limit.
 */
describe("limit request and approval", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  let customer: CustomerRow;
  let currency: string;
  // 1,234,567.89 in the limit currency: within a credit manager's authority (level 2).
  const requestedMinor = 123_456_789;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 20 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    const list = await api.get<{ items: CustomerRow[] }>("/customers?limit=20&sort=code");
    // A customer without a limit yet, so the request is a "new" one.
    for (const row of list.body.items) {
      const limits = await api.get<CustomerLimits>(`/customers/${row.code}/limits`);
      if (limits.body.effective === null) {
        customer = row;
        break;
      }
    }
    expect(customer).toBeDefined();
    currency = (await api.get<Exposure>(`/customers/${customer.code}/exposure`)).body.currency;
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      reducedMotion: "reduce",
    });
    page = await context.newPage();
    errors = watchErrors(page, { expected404: [/\/assessments\?/] });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const limitsTab = () => `${server.url}/customers/${encodeURIComponent(customer.code)}?tab=limits`;

  it("lets an analyst request a limit on the customer's Limits tab", async () => {
    await page.goto(limitsTab());
    await signIn(page, "analyst");
    await page.getByTestId("limits-tab").waitFor();
    await expect(page.getByTestId("credit-file-name").textContent()).resolves.toBe(customer.legalName);
    await expect(page.getByTestId("limit-effective").textContent()).resolves.toBe("尚未设定额度");
    // Exposure and the recommendation come from the server, formatted exactly.
    const exposure = (await api.get<Exposure>(`/customers/${customer.code}/exposure`)).body;
    await expect(page.getByTestId("exposure-gross").textContent()).resolves.toBe(
      formatMoney({ minor: exposure.net.grossMinor, currency, locale: "zh-CN" }),
    );
    await expect(page.getByTestId("exposure-net").textContent()).resolves.toBe(
      formatMoney({ minor: exposure.net.netMinor, currency, locale: "zh-CN" }),
    );
    await expect(page.getByTestId("recommendation-table").locator("tbody tr").count()).resolves.toBe(5);

    // An empty justification is refused before anything is sent.
    await page.getByLabel(`申请金额（${currency}）`).fill("1,234,567.89");
    await page.getByTestId("limit-request-submit").click();
    await page.getByText("请填写申请理由").waitFor();

    await page.getByLabel("申请理由").fill("订单增长，需要新设额度");
    await page.getByTestId("limit-request-submit").click();
    const requests = page.getByTestId("customer-limit-requests");
    await requests.getByText("待审批").waitFor();
    await expect(requests.textContent()).resolves.toContain(
      formatMoney({ minor: requestedMinor, currency, locale: "zh-CN" }),
    );
    await screenshot(page, "20-limits-tab-requested");
    expect(errors).toEqual([]);
  });

  it("shows the analyst their pending request without decision buttons", async () => {
    const pending = await api.get<{ items: LimitRequest[] }>("/limit-requests?status=pending");
    const request = pending.body.items.find((r) => r.requestedMinor === requestedMinor);
    expect(request?.requestedBy).toBe("analyst");
    await page.getByRole("navigation", { name: "主导航" }).getByText("额度审批").click();
    await page.getByRole("heading", { level: 1, name: "额度审批" }).waitFor();
    await page.getByTestId(`own-request-${request?.id}`).waitFor();
    await expect(page.getByTestId(`approve-${request?.id}`).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("lets a manager approve it, after which the credit file shows the new limit", async () => {
    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login$/);
    await signIn(page, "manager");
    await page.getByRole("heading", { level: 1, name: "仪表盘" }).waitFor();
    await page.getByRole("navigation", { name: "主导航" }).getByText("额度审批").click();
    const table = page.getByTestId("pending-requests");
    await table.getByText(customer.legalName).waitFor();
    const pending = await api.get<{ items: LimitRequest[] }>("/limit-requests?status=pending");
    const request = pending.body.items.find((r) => r.requestedMinor === requestedMinor);
    expect(request).toBeDefined();
    // Rejecting needs a comment: the dialog refuses an empty one.
    await page.getByTestId(`reject-${request?.id}`).click();
    await page.getByTestId("decision-confirm").click();
    await page.getByText("拒绝或退回时必须填写意见").waitFor();
    await page.getByTestId("decision-cancel").click();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    // The request's approval levels: the awaited one is shown as waiting.
    const progress = page.getByTestId(`progress-${request?.id}`);
    await progress.waitFor();
    expect(request?.currentLevel).not.toBeNull();
    await expect(progress.textContent()).resolves.toContain(`第${request?.currentLevel}级：待审批`);
    await screenshot(page, "21-approvals-pending");
    await page.getByTestId(`approve-${request?.id}`).click();
    await page.getByText("没有待审批的额度申请").waitFor();

    const decided = await api.get<LimitRequest>(`/limit-requests/${request?.id}`);
    expect(decided.body.status).toBe("approved");
    expect(decided.body.decidedBy).toBe("manager");

    await page.goto(limitsTab());
    await page.getByTestId("limits-tab").waitFor();
    await expect(page.getByTestId("limit-effective").textContent()).resolves.toBe(
      formatMoney({ minor: requestedMinor, currency, locale: "zh-CN" }),
    );
    await screenshot(page, "22-limits-tab-approved");
    expect(errors).toEqual([]);
  });
});
