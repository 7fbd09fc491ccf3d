import { readFile } from "node:fs/promises";
import { parseCsvTable } from "@creditdesk/lib/models";
import { pdfText } from "@creditdesk/lib/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplicationSummary, ApplicationView } from "../apps/web/src/applications/applications-api.ts";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

/**
 * New-customer screening through the browser: sales create a link to the public form; the
 * prospect fills it in without signing in; sales run the checks and see the fraud signal of an
 * invalid registration id and that another customer shares its phone (not which one); a credit
 * manager sees who, declines with a reason, and no active customer exists.
 */
describe("credit application from the public form to a decision", () => {
  let server: AppServer;
  let browser: Browser;
  let staff: BrowserContext;
  let page: Page;
  let errors: string[];
  let api: ApiSession;
  let linkUrl: string;
  let application: ApplicationSummary;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 8 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    staff = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      reducedMotion: "reduce",
    });
    page = await staff.newPage();
    errors = watchErrors(page, { expected404: [/\/assessments\?/] });
    // Another sales person's customer with the phone the prospect will give.
    const other = await api.post("/customers", {
      code: "E2E-PHONE",
      legalName: "漳州某某隐名商贸有限公司",
      countryCode: "CN",
      salesOwner: "someone-else",
      phone: "0592 555 6666",
    });
    expect(other.status).toBe(201);
  });

  afterAll(async () => {
    await staff?.close();
    await browser?.close();
    await server?.close();
  });

  it("lets sales create a link to the public application form", async () => {
    await page.goto(`${server.url}/applications`);
    await signIn(page, "sales");
    await page.getByRole("heading", { level: 1, name: "授信申请" }).waitFor();
    await page.getByRole("navigation", { name: "主导航" }).getByText("授信申请").waitFor();
    await page.getByLabel("客户名称").fill("厦门某某物流");
    await page.getByTestId("application-link-create").click();
    linkUrl = (await page.getByTestId("application-link").textContent())?.trim() ?? "";
    expect(linkUrl).toMatch(/\/apply\/[A-Za-z0-9_-]{40,}$/);
    expect(errors).toEqual([]);
  });

  it("takes the prospect's application without sign-in, once", async () => {
    const prospect = await browser.newContext({ locale: "zh-CN", reducedMotion: "reduce" });
    const form = await prospect.newPage();
    const formErrors = watchErrors(form);
    await form.goto(linkUrl);
    await form.getByText("致：厦门某某物流").waitFor();
    await form.getByLabel("企业名称").fill("厦门某某物流有限公司");
    // A check symbol that GB 32100-2015 does not give: the screening must flag it.
    await form.getByLabel("统一社会信用代码").fill("91350200MA2XXXXX1A");
    await form.getByLabel("电话").fill("0592-5556666");
    await form.getByLabel("银行推荐人（开户行或授信银行）").fill("招商银行厦门分行");
    await form.getByLabel("商业推荐人（贸易伙伴）").fill("厦门某某港务有限公司");
    await form.getByLabel("申请额度（元）").fill("300,000.00");
    await form.locator('input[type="file"]').setInputFiles({
      name: "营业执照.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n%licence\n"),
    });
    await form.getByTestId("application-submit").click();
    await form.getByTestId("public-done").waitFor();
    await screenshot(form, "60-application-public-form-done");
    await form.reload();
    await form.getByText("此链接已提交过申请，不能再次使用。").waitFor();
    expect(formErrors).toEqual([]);
    await prospect.close();
    const list = await api.get<{ items: ApplicationSummary[] }>("/applications");
    application = list.body.items.find((a) => a.legalName === "厦门某某物流有限公司")!;
    expect(application).toMatchObject({
      source: "public_form",
      createdBy: "sales",
      requestedLimitMinor: 30_000_000,
    });
  });

  it("shows sales the application and the signal of the invalid registration id after the check", async () => {
    await page.reload();
    await page.getByTestId("applications-table").getByText("厦门某某物流有限公司").waitFor();
    await page.getByRole("link", { name: application.reference }).click();
    await expect(page.getByTestId("application-title").textContent()).resolves.toContain(
      "厦门某某物流有限公司",
    );
    await page.getByTestId("application-check").click();
    await page.getByTestId("signal-registration_invalid").waitFor();
    // Sales learn that a customer shares the phone, not which one.
    await page.getByTestId("signal-shared_details").getByText("名称不予显示", { exact: false }).waitFor();
    const duplicates = (await page.getByTestId("application-duplicates").textContent()) ?? "";
    expect(duplicates).toContain("另一主体（名称不予显示）");
    expect(duplicates).toContain("phone");
    const shown = (await page.locator("main").textContent()) ?? "";
    expect(shown).not.toContain("漳州某某隐名商贸");
    expect(shown).not.toContain("E2E-PHONE");
    await expect(page.getByTestId("checklist-registration").textContent()).resolves.toContain("工商登记核验");
    // Evidence on a checklist item: a note, the uploaded licence attached, dated.
    await page.getByTestId("evidence-document-references").click();
    await page.locator('.ant-select-item-option[title^="营业执照.pdf"]:visible').click();
    await page.getByLabel("references 证据日期").fill("2026-11-30");
    await page.getByLabel("references 说明").fill("银行推荐函已核实");
    await page.getByTestId("evidence-references").click();
    const references = page.getByTestId("checklist-references");
    await references.getByText("银行推荐函已核实", { exact: false }).waitFor();
    const view = await api.get<ApplicationView>(`/applications/${application.id}`);
    expect(view.body.references).toEqual([
      { kind: "bank", name: "招商银行厦门分行" },
      { kind: "trade", name: "厦门某某港务有限公司" },
    ]);
    const licence = view.body.documents.find((d) => d.fileName === "营业执照.pdf");
    expect(licence).toBeDefined();
    expect(await references.textContent()).toContain(
      `2026-11-30 · sales: 银行推荐函已核实 (#${licence!.id})`,
    );
    // The checklist exports as it is shown: every item, each cell's text (one line per evidence).
    const checklist = page.getByTestId("application-checklist").locator(".ant-table");
    const screenHeader = (await checklist.locator("thead th").allTextContents()).map((h) => h.trim());
    const screenRows = await Promise.all(
      (await checklist.locator("tbody tr.ant-table-row").all()).map(async (tr) =>
        (await tr.locator(":scope > td").allTextContents()).map((cell) => cell.trim()),
      ),
    );
    expect(screenHeader).toEqual(["状态", "核查项", "缺少", "证据"]);
    expect(screenRows).toHaveLength(view.body.checklist.items.length);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("application-checklist-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^application-.+-checklist-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(download.suggestedFilename().startsWith(`application-${application.reference}-checklist-`)).toBe(
      true,
    );
    const csv = parseCsvTable(await readFile((await download.path()) ?? "", "utf8"));
    expect(csv.header).toEqual(screenHeader);
    expect(csv.rows).toEqual(screenRows);
    const referencesItem = view.body.checklist.items.find((i) => i.code === "references")!;
    expect(csv.rows.find((row) => row[1] === referencesItem.label.zh)?.[3]).toBe(
      `2026-11-30 · sales: 银行推荐函已核实 (#${licence!.id})`,
    );
    // Sales have no decision rights.
    await expect(page.getByTestId("decision-submit").count()).resolves.toBe(0);
    await screenshot(page, "61-application-checked");
    expect(errors).toEqual([]);
  });

  it("lets a credit manager decline it with a reason; no active customer is created", async () => {
    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/applications/${application.id}`);
    await signIn(page, "manager");
    await page.getByTestId("decision-blockers").waitFor();
    // The credit manager judges the match: the other customer is named.
    await page
      .getByTestId("application-duplicates")
      .getByText("漳州某某隐名商贸有限公司", { exact: false })
      .waitFor();
    await expect(page.getByTestId("decision-blockers").textContent()).resolves.toContain(
      "registration_invalid",
    );
    await page.getByLabel("审批决定").click();
    await page.locator('.ant-select-item-option[title="拒绝"]').click();
    await page.getByLabel("理由", { exact: true }).fill("统一社会信用代码校验位错误，无法核实主体");
    await page.getByTestId("decision-submit").click();
    await expect(
      page.getByTestId("application-status").getByText("已拒绝").waitFor(),
    ).resolves.toBeUndefined();
    await page
      .getByTestId("application-decision")
      .getByText("统一社会信用代码校验位错误", { exact: false })
      .waitFor();
    await screenshot(page, "62-application-declined");
    // The case file downloads as a PDF (fetched, not navigated: /applications/… is also an SPA route).
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("application-case-file").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`case-file-${application.reference}.pdf`);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes).replace(/\s+/g, " ");
    expect(text).toContain("拒绝：manager");
    expect(text).toContain("统一社会信用代码校验位错误，无法核实主体");
    const view = await api.get<ApplicationView>(`/applications/${application.id}`);
    expect(view.body).toMatchObject({ status: "declined", decidedBy: "manager", customerStatus: "prospect" });
    const active = await api.get<{ items: Array<{ legalName: string }> }>(
      "/customers?status=active&limit=500",
    );
    expect(active.body.items.map((c) => c.legalName)).not.toContain("厦门某某物流有限公司");
    expect(errors).toEqual([]);
  });
});
