import { readFile } from "node:fs/promises";
import { pdfText } from "@creditdesk/lib/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { chooseOption, launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

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
  id: number;
  closedBy: string | null;
  closeReason: string | null;
}

/**
 * A credit manager registers a reputation risk from the customer's credit file, sees it listed,
 * re-rates and closes it with a reason, and downloads a completed review's case file holding it.
 */
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
    await chooseOption(page, page.getByLabel("可能性（1–5）"), { title: "4" });
    await chooseOption(page, page.getByLabel("影响（1–5）"), { title: "5" });
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

  it("re-rates the risk and closes it with a reason, keeping who and why on the entry", async () => {
    const [risk] = (
      await api.get<{ items: RiskRow[] }>(`/customers/${encodeURIComponent(customer.code)}/risks`)
    ).body.items;
    await page.getByTestId(`risk-edit-${risk!.id}`).click();
    await chooseOption(page, page.getByLabel("影响（1–5）").last(), { title: "2" });
    await page.getByLabel("变更原因（可选）").fill("涉诉已和解");
    await page.getByTestId("risk-edit-confirm").click();
    const row = page.getByTestId("risks-table").getByRole("row", { name: /媒体报道实际控制人涉诉/ });
    await row.getByText("8 · 中").waitFor();

    await page.getByTestId(`risk-close-${risk!.id}`).click();
    // A reason is required: the dialog says so and stays open.
    await page.getByTestId("risk-close-confirm").click();
    await page.getByText("请填写关闭原因").waitFor();
    await page.getByLabel("关闭原因").fill("法院调解结案，舆情平息");
    await page.getByTestId("risk-close-confirm").click();
    await page.getByTestId(`risk-closure-${risk!.id}`).waitFor();
    const closure = (await page.getByTestId(`risk-closure-${risk!.id}`).textContent()) ?? "";
    expect(closure).toContain("manager");
    expect(closure).toContain("法院调解结案，舆情平息");
    expect(await row.textContent()).toContain("已关闭");
    // A closed entry offers no further actions.
    expect(await page.getByTestId(`risk-close-${risk!.id}`).count()).toBe(0);
    await screenshot(page, "63-credit-file-risk-closed");

    const stored = await api.get<{ items: RiskRow[] }>(
      `/customers/${encodeURIComponent(customer.code)}/risks`,
    );
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        id: risk!.id,
        impact: 2,
        status: "closed",
        closedBy: "manager",
        closeReason: "法院调解结案，舆情平息",
      }),
    ]);
    expect(errors).toEqual([]);
  });

  it("downloads a completed review's case file from the credit file, with the risk register in it", async () => {
    expect((await api.post("/reviews/schedule", {})).status).toBe(200);
    const due = await api.get<{ items: { id: number; code: string }[] }>("/reviews?asOf=2100-01-01");
    const review = due.body.items.find((r) => r.code === customer.code);
    expect(review).toBeDefined();
    const done = await api.post(`/reviews/${review!.id}/complete`, {
      conclusion: "keep",
      note: "复核无异常",
    });
    expect(done.status).toBe(200);

    await page.goto(`${server.url}/customers/${encodeURIComponent(customer.code)}?tab=monitoring`);
    const button = page.getByTestId(`review-case-file-${review!.id}`);
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    expect(download.suggestedFilename()).toBe(`case-file-review-${review!.id}.pdf`);
    const text = pdfText(await readFile(await download.path())).replace(/\s+/g, " ");
    expect(text).toContain("信用复核案卷");
    expect(text).toContain("复核无异常");
    expect(text).toContain("媒体报道实际控制人涉诉");
    expect(text).toContain("法院调解结案，舆情平息");
    expect(text).toContain("review.complete");
    expect(errors).toEqual([]);
  });
});
