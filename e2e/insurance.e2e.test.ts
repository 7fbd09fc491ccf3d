import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The insurance workbench against a real server: an insured buyer exposed above its insured limit
 * is flagged, the insurance check raises alerts from the page, a claim moves to review, and the
 * credit file shows the customer's insurance tab.
 */
describe("insurance page", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  let customer: { code: string; legalName: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 12 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    const list = await api.get<{ items: { code: string; legalName: string }[] }>(
      "/customers?limit=12&sort=code",
    );
    // A customer with exposure, insured far below it.
    for (const c of list.body.items) {
      const e = await api.get<{ parts: { openReceivablesMinor: number } }>(
        `/customers/${c.code}/exposure?currency=CNY`,
      );
      if (e.body.parts.openReceivablesMinor > 1_000_00) {
        customer = c;
        break;
      }
    }
    expect(customer).toBeDefined();
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await api.post("/insurance/policies", {
          policyNumber: "E2E-POL",
          insurer: "Sinosure",
          currency: "CNY",
          indemnityBps: 9_000,
          notificationDeadlineDays: 60,
          validFrom: "2020-01-01",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.post("/insurance/limits/decisions", {
          policy: "E2E-POL",
          customer: customer.code,
          requestedMinor: 2_000_00,
          decidedMinor: 1_000_00,
          decidedOn: today,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.post("/insurance/claims", {
          reference: "E2E-CLAIM",
          policy: "E2E-POL",
          customer: customer.code,
          claimedMinor: 500_00,
        })
      ).status,
    ).toBe(201);
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

  it("flags the buyer above its insured limit and runs the insurance check", async () => {
    await page.goto(`${server.url}/insurance`);
    await signIn(page, "manager");
    await page.getByRole("heading", { level: 1, name: "信用保险与保理" }).waitFor();
    await page.getByTestId(`over-limit-${customer.code}`).waitFor();
    await page.getByTestId("insurance-check").click();
    await page.getByText(/检查完成/).waitFor();
    const alerts = await api.get<{ items: { ruleCode: string }[] }>(`/alerts?customer=${customer.code}`);
    expect(alerts.body.items.map((a) => a.ruleCode)).toContain("insurance_over_limit");
    await screenshot(page, "60-insurance-buyers");
    expect(errors).toEqual([]);
  });

  it("moves a claim to review from the claims tab", async () => {
    await page.getByRole("tab", { name: "索赔" }).click();
    await page.getByTestId("claim-E2E-CLAIM-under_review").click();
    await page.getByTestId("claim-E2E-CLAIM-paid").waitFor();
    const claim = await api.get<{ status: string; events: { status: string }[] }>(
      "/insurance/claims/E2E-CLAIM",
    );
    expect(claim.body.status).toBe("under_review");
    expect(errors).toEqual([]);
  });

  it("shows exposure net of cover on the credit file's insurance tab", async () => {
    await page.goto(`${server.url}/customers/${encodeURIComponent(customer.code)}?tab=insurance`);
    await page.getByTestId("customer-insurance").waitFor();
    await page.getByText("扣除保障后").first().waitFor();
    await screenshot(page, "61-credit-file-insurance");
    expect(errors).toEqual([]);
  });
});
