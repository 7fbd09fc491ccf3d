import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * The insurance workbench against a real server: an insured buyer exposed above its insured limit
 * is flagged, the insurance check raises alerts from the page, a claim moves to review, and the
 * credit file shows the customer's insurance tab. The page's forms: a policy created, an insured
 * limit requested and the insurer's decision recorded on it, an overdue invoice notified, a claim
 * filed, a factoring agreement without recourse made and an invoice sold under it (out of exposure),
 * a claim's payment and another's rejection recorded in their dialogs.
 */
describe("insurance page", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  let customer: { id: number; code: string; legalName: string };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const dialog = () => page.getByRole("dialog");
  const ok = () =>
    dialog()
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 12 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    const list = await api.get<{ items: { id: number; code: string; legalName: string }[] }>(
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
    // An invoice 10 days overdue (notification deadline in 50 days) and one not yet due.
    for (const [invoiceNumber, issuedOn, dueOn, amountMinor] of [
      ["E2E-OVERDUE-1", day(-40), day(-10), 3_000_00],
      ["E2E-CURRENT-1", day(-5), day(25), 5_000_00],
    ] as const) {
      expect(
        (
          await api.post("/invoices", {
            invoiceNumber,
            customerId: customer.id,
            issuedOn,
            dueOn,
            currency: "CNY",
            amountMinor,
          })
        ).status,
      ).toBe(201);
    }
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

  it("creates a policy, requests an insured limit and records the insurer's decision on it", async () => {
    await page.goto(`${server.url}/insurance`);
    await page.getByRole("heading", { level: 1, name: "信用保险与保理" }).waitFor();
    await page.getByTestId("insurance-new-policy").click();
    // From the keyboard: the first field, then Tab to the next one.
    await dialog().getByLabel("保单号").fill("E2E-UI-POL");
    await page.keyboard.press("Tab");
    await page.keyboard.type("中国人保 PICC");
    await dialog().getByLabel("赔付比例（%）").fill("85");
    await dialog().getByLabel("最高赔偿限额").fill("2,000,000.00");
    await dialog().getByLabel("报损期限（天）").fill("45");
    await screenshot(page, "62-insurance-policy-form");
    await ok();
    await dialog().waitFor({ state: "detached" });
    const policy = await api.get<{
      insurer: string;
      indemnityBps: number;
      maxLiabilityMinor: number;
      notificationDeadlineDays: number;
    }>("/insurance/policies/E2E-UI-POL");
    expect(policy.body).toMatchObject({
      insurer: "中国人保 PICC",
      indemnityBps: 8_500,
      maxLiabilityMinor: 200_000_000,
      notificationDeadlineDays: 45,
    });

    await page.getByTestId("insurance-request-limit").click();
    await dialog().getByLabel("保单", { exact: true }).click();
    await page.keyboard.type("E2E-UI-POL");
    await page.keyboard.press("Enter");
    await dialog().getByLabel("客户编码").fill(customer.code);
    await dialog().getByLabel("申请金额（保单币种）").fill("300000");
    await ok();
    await dialog().waitFor({ state: "detached" });
    // The pending request offers its decision on the buyers tab.
    await page.getByTestId(`decide-${customer.code}`).click();
    await expect(dialog().getByLabel("申请金额").inputValue()).resolves.toBe("300000.00");
    await dialog().getByLabel("批复金额").fill("150000");
    await dialog().getByLabel("保险公司批复编号").fill("PICC-2025-7");
    await ok();
    await dialog().waitFor({ state: "detached" });
    const history = await api.get<{
      items: {
        policyId: number;
        decision: string;
        decidedMinor: number | null;
        insurerReference: string | null;
      }[];
    }>(`/insurance/limits/history?customer=${encodeURIComponent(customer.code)}`);
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          decision: "partial",
          decidedMinor: 15_000_000,
          insurerReference: "PICC-2025-7",
        }),
      ]),
    );
    expect(history.body.items.filter((h) => h.decision === "pending")).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("files the overdue notification of an invoice and a claim from their tabs", async () => {
    await page.getByRole("tab", { name: "报损期限" }).click();
    await page.getByTestId("notify-E2E-OVERDUE-1").first().click();
    await dialog().getByLabel("报损编号").fill("E2E-NOTIF-1");
    await ok();
    await dialog().waitFor({ state: "detached" });
    const notifications = await api.get<{ items: { reference: string | null; overdueMinor: number }[] }>(
      `/insurance/notifications?customer=${encodeURIComponent(customer.code)}`,
    );
    expect(notifications.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference: "E2E-NOTIF-1", overdueMinor: 3_000_00 })]),
    );

    await page.getByRole("tab", { name: "索赔" }).click();
    await page.getByTestId("insurance-file-claim").click();
    await dialog().getByLabel("索赔编号").fill("E2E-UI-CLAIM");
    await dialog().getByLabel("保单", { exact: true }).click();
    await page.keyboard.type("E2E-POL");
    await page.keyboard.press("Enter");
    await dialog().getByLabel("客户编码").fill(customer.code);
    await dialog().getByLabel("索赔金额").fill("2,000.50");
    await ok();
    await dialog().waitFor({ state: "detached" });
    await page.getByTestId("claim-E2E-UI-CLAIM-under_review").waitFor();
    const claim = await api.get<{ status: string; claimedMinor: number }>("/insurance/claims/E2E-UI-CLAIM");
    expect(claim.body).toMatchObject({ status: "filed", claimedMinor: 2_000_50 });
    expect(errors).toEqual([]);
  });

  it("makes a factoring agreement without recourse and sells an invoice out of exposure", async () => {
    const exposure = async () =>
      (
        await api.get<{ parts: { openReceivablesMinor: number } }>(
          `/customers/${customer.code}/exposure?currency=CNY`,
        )
      ).body.parts.openReceivablesMinor;
    const before = await exposure();
    await page.getByRole("tab", { name: "保理" }).click();
    await page.getByTestId("factoring-new-agreement").click();
    await dialog().getByLabel("协议").fill("E2E-FACT-NR");
    await dialog().getByLabel("保理商").fill("E2E Factor Bank");
    await dialog().getByLabel("无追索权").check();
    await dialog().getByLabel("预付比例（%）").fill("90");
    await ok();
    await dialog().waitFor({ state: "detached" });
    await page.getByTestId("factoring-agreements").getByText("E2E-FACT-NR").waitFor();

    await page.getByTestId("factoring-assign").click();
    await dialog().getByLabel("协议", { exact: true }).click();
    await page.keyboard.type("E2E-FACT-NR");
    await page.keyboard.press("Enter");
    await dialog().getByLabel("发票号").fill("E2E-CURRENT-1");
    await ok();
    await dialog().waitFor({ state: "detached" });
    const row = page.getByTestId("insurance-factoring").locator("tr", { hasText: "E2E-CURRENT-1" });
    await row.getByText("移出敞口").waitFor();
    await screenshot(page, "63-insurance-factoring");
    const sold = await api.get<{
      items: { invoiceNumber: string; withRecourse: boolean; advanceMinor: number }[];
    }>(`/factoring/receivables?customer=${encodeURIComponent(customer.code)}`);
    expect(sold.body.items.find((r) => r.invoiceNumber === "E2E-CURRENT-1")).toMatchObject({
      withRecourse: false,
      advanceMinor: 4_500_00,
    });
    expect(await exposure()).toBe(before - 5_000_00);
    expect(errors).toEqual([]);
  });

  it("records a claim's payment and another's rejection in dialogs, the server's field problem on its field", async () => {
    await page.getByRole("tab", { name: "索赔" }).click();
    // E2E-CLAIM (500.00 claimed) is under review since the second test.
    await page.getByTestId("claim-E2E-CLAIM-paid").click();
    const paid = dialog().getByLabel("赔付金额（CNY）");
    await dialog().getByRole("button", { name: "登记赔付" }).click();
    await dialog().getByText("请输入赔付金额（CNY）").waitFor();
    // More than claimed: the server refuses and names the field, the dialog stays with the value.
    await paid.fill("600");
    await dialog().getByRole("button", { name: "登记赔付" }).click();
    // On the field itself (its error list), not only in the alert above the form.
    await dialog()
      .locator(".ant-form-item-explain-error", { hasText: "a paid claim needs the indemnity paid" })
      .waitFor();
    await expect(paid.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(paid.inputValue()).resolves.toBe("600");
    const refused = errors.findIndex((e) =>
      /^HTTP 400 POST .*\/insurance\/claims\/E2E-CLAIM\/status$/.test(e),
    );
    expect(refused).toBeGreaterThanOrEqual(0);
    errors.splice(refused, 1);
    await paid.fill("450.00");
    await paid.press("Tab");
    await dialog().getByRole("button", { name: "登记赔付" }).click();
    await dialog().waitFor({ state: "detached" });
    const paidClaim = await api.get<{ status: string; indemnityPaidMinor: number }>(
      "/insurance/claims/E2E-CLAIM",
    );
    expect(paidClaim.body).toMatchObject({ status: "paid", indemnityPaidMinor: 450_00 });

    // The claim filed from the page is rejected; Escape closes the dialog and forgets what was typed.
    await page.getByTestId("claim-E2E-UI-CLAIM-rejected").click();
    await dialog().getByLabel("拒赔原因").fill("not this one");
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
    await page.getByTestId("claim-E2E-UI-CLAIM-rejected").click();
    const reason = dialog().getByLabel("拒赔原因");
    await expect(reason.inputValue()).resolves.toBe("");
    await dialog()
      .getByRole("button", { name: /拒\s*赔/ })
      .click();
    await dialog().getByText("请填写保险公司的拒赔原因").waitFor();
    await reason.fill("超过报损期限");
    await dialog()
      .getByRole("button", { name: /拒\s*赔/ })
      .click();
    await dialog().waitFor({ state: "detached" });
    await page
      .getByTestId("insurance-claims")
      .locator("tr", { hasText: "E2E-UI-CLAIM" })
      .getByText("已拒赔")
      .waitFor();
    const rejected = await api.get<{ status: string; rejectionReason: string }>(
      "/insurance/claims/E2E-UI-CLAIM",
    );
    expect(rejected.body).toMatchObject({ status: "rejected", rejectionReason: "超过报损期限" });
    expect(errors).toEqual([]);
  });
});
