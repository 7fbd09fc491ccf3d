import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

interface CustomerRow {
  code: string;
  legalName: string;
}
interface RiskRow {
  category: string;
  description: string;
  likelihood: number;
  impact: number;
  owner: string;
  mitigation: string | null;
  reviewOn: string;
  status: string;
}

/** A credit manager registers a reputation risk from the customer's credit file and sees it listed. */
describe("customer risk register in the credit file", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  let customer: CustomerRow;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 8 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    const list = await api.get<{ items: CustomerRow[] }>("/customers?limit=1&sort=code");
    customer = list.body.items[0]!;
    expect(customer).toBeDefined();
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

  it("adds a risk entry through the labelled form and lists it", async () => {
    await page.goto(`${server.url}/customers/${encodeURIComponent(customer.code)}?tab=risks`);
    await signIn(page, "manager");
    await page.getByRole("tab", { name: "风险登记" }).waitFor();
    await page.getByTestId("risks-table").getByText("该客户还没有登记风险。").waitFor();

    await page.getByLabel("风险类型").click();
    await page.getByTitle("声誉风险").click();
    await page.getByLabel("可能性（1–5）").click();
    await page.locator('.ant-select-item-option[title="4"]:visible').click();
    await page.getByLabel("影响（1–5）").click();
    await page.locator('.ant-select-item-option[title="5"]:visible').click();
    await page.getByLabel("责任人").fill("信用经理 王");
    await page.getByLabel("复核日期").fill("2027-03-31");
    await page.getByLabel("风险描述").fill("媒体报道实际控制人涉诉");
    await page.getByLabel("缓释措施").fill("要求追加担保");
    // Submitting from the keyboard: Enter on the focused submit button.
    await page.getByTestId("risk-submit").focus();
    await page.keyboard.press("Enter");

    const row = page.getByTestId("risks-table").getByRole("row", { name: /媒体报道实际控制人涉诉/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("声誉风险");
    expect(text).toContain("信用经理 王");
    expect(text).toContain("要求追加担保");
    expect(text).toContain("20 · 高");
    await screenshot(page, "62-credit-file-risk-register");

    const stored = await api.get<{ items: RiskRow[] }>(
      `/customers/${encodeURIComponent(customer.code)}/risks`,
    );
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        category: "reputation",
        description: "媒体报道实际控制人涉诉",
        likelihood: 4,
        impact: 5,
        owner: "信用经理 王",
        mitigation: "要求追加担保",
        reviewOn: "2027-03-31",
        status: "open",
      }),
    ]);
    expect(errors).toEqual([]);
  });
});
