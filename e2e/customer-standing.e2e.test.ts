import { readFile } from "node:fs/promises";
import { creditAccounts, creditLimits, customers } from "@creditdesk/db";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSession, apiSignIn } from "./support/api.ts";
import { type AppServer, startAppServer } from "./support/app-server.ts";
import { launchChromium, screenshot, signIn, watchErrors } from "./support/browser.ts";

interface ListItem {
  code: string;
  standing: { grade: string | null; utilisation: number | null; overdueMinor: number };
}
interface ListPage {
  items: ListItem[];
  nextCursor: string | null;
}
interface TrendMonth {
  period: string;
  dbt: number | null;
  payments: number;
}

/**
 * The customer list's credit standing and the credit file's days-beyond-terms chart, through the
 * browser as a credit manager on the demo portfolio: filter by grade and utilisation, sort by
 * overdue (the rows checked against the API), export every matching row, and draw the DBT chart
 * of a customer that pays.
 */
describe("customer standing and payment behaviour", () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiSession;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer({ customers: 40 }), launchChromium()]);
    api = await apiSignIn(server.url, "manager");
    // The demo seeds the ledger only: assess the whole portfolio (bulk run over the API) and give
    // every customer a limit of 100,000–500,000 CNY so grades and utilisations vary.
    expect((await api.post("/assessment-runs", {})).status).toBe(201);
    const ids = await server.handle.db.select({ id: customers.id }).from(customers);
    const accounts = await server.handle.db
      .insert(creditAccounts)
      .values(ids.map(({ id }) => ({ customerId: id })))
      .onConflictDoNothing()
      .returning();
    await server.handle.db.insert(creditLimits).values(
      accounts.map((a) => ({
        accountId: a.id,
        customerId: a.customerId,
        currency: "CNY",
        amountMinor: ((a.customerId % 5) + 1) * 10_000_000,
        validFrom: "2020-01-01",
        createdBy: "e2e",
        createdAt: new Date("2020-01-01T00:00:00Z"),
      })),
    );
    context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      locale: "zh-CN",
      reducedMotion: "reduce",
    });
    page = await context.newPage();
    watchErrors(page, { expected404: [/\/portfolio\/trend/, /\/assessments\?/] });
    await page.goto(`${server.url}/customers`);
    await signIn(page, "manager");
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const all = async (query: string): Promise<ListItem[]> => {
    const out: ListItem[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: ListPage } = await api.get<ListPage>(
        `/customers?${query}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(r.status).toBe(200);
      out.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    return out;
  };

  const tableCodes = async () => {
    const rows = page.getByTestId("customer-table").locator("tbody tr.ant-table-row");
    const n = await rows.count();
    const codes: string[] = [];
    for (let i = 0; i < n; i++) {
      codes.push(((await rows.nth(i).locator("td").first().textContent()) ?? "").trim());
    }
    return codes;
  };

  it("filters by grade and utilisation and sorts by overdue as the API does", async () => {
    // Pick the grades and the threshold from the data so the filter keeps some customers but not all.
    const everyone = await all("sort=code");
    const withLimit = everyone.filter((c) => c.standing.grade !== null && c.standing.utilisation !== null);
    expect(withLimit.length).toBeGreaterThan(3);
    const grade = withLimit[0]!.standing.grade!;
    const utilisations = withLimit
      .filter((c) => c.standing.grade === grade)
      .map((c) => c.standing.utilisation!)
      .sort((a, b) => a - b);
    const threshold = Math.floor(utilisations[Math.floor(utilisations.length / 2)]! * 100);
    const expected = await all(`grade=${grade}&utilisationMin=${threshold}&sort=-overdue`);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everyone.length);
    for (const c of expected) {
      expect(c.standing.grade).toBe(grade);
      expect(c.standing.utilisation! * 100).toBeGreaterThanOrEqual(threshold - 1e-9);
    }
    const overdue = expected.map((c) => c.standing.overdueMinor);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));

    await page.getByTestId("customer-table").waitFor();
    const gradeLabel = { low: "低风险", medium: "中风险", high: "高风险" }[grade] ?? grade;
    // A multiple select keeps its dropdown open after a pick: pick, then close it with Escape.
    await page.locator("#customer-grade").click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: gradeLabel })
      .first()
      .click();
    await page.keyboard.press("Escape");
    await page.waitForURL(new RegExp(`grade=${grade}`));
    await page.locator("#customer-utilisation").fill(String(threshold));
    await page.locator("#customer-utilisation").press("Tab");
    await page.waitForURL(/utilisationMin=/);
    // Overdue column header: the first click sorts ascending, the second descending.
    const header = page.getByTestId("customer-table").locator("th").filter({ hasText: "逾期应收" });
    const settled = () =>
      page.getByTestId("customer-table").locator(".ant-spin-spinning").waitFor({ state: "detached" });
    await settled();
    await header.click();
    await page.waitForURL(/sort=overdue/);
    await settled();
    await screenshot(page, "59-customers-sorted-overdue-ascending");
    await header.click();
    await page.waitForURL(/sort=-overdue/, { timeout: 10_000 });
    expect(page.url()).toContain(`grade=${grade}`);
    const rows = page.getByTestId("customer-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(Math.min(expected.length, 20));
    await expect.poll(tableCodes, { timeout: 15_000 }).toEqual(expected.slice(0, 20).map((c) => c.code));
    await screenshot(page, "60-customers-grade-utilisation-overdue");

    // The export follows the same filters and sort over every page.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("customers-export").click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines.length - 1).toBe(expected.length);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(expected.map((c) => c.code));
  });

  it("draws the days-beyond-terms chart of a customer that pays", async () => {
    const everyone = await all("sort=code");
    let chosen: { code: string; months: TrendMonth[] } | undefined;
    for (const c of everyone) {
      const r = await api.get<{ months: TrendMonth[] }>(
        `/customers/${encodeURIComponent(c.code)}/behaviour-trend?months=12`,
      );
      expect(r.status).toBe(200);
      if (r.body.months.filter((m) => m.dbt !== null).length >= 3) {
        chosen = { code: c.code, months: r.body.months };
        break;
      }
    }
    expect(chosen, "a demo customer with payments in three months").toBeDefined();
    await page.goto(`${server.url}/customers/${encodeURIComponent(chosen!.code)}`);
    await page.getByRole("tab", { name: "信用评估" }).click();
    const chart = page.getByTestId("behaviour-trend-chart");
    await chart.waitFor();
    await chart.locator("canvas").first().waitFor();
    const label = (await chart.getAttribute("aria-label")) ?? "";
    expect(label).toContain("超期天数");
    // Every month is in the text alternative, with its DBT as the API gives it (one decimal).
    for (const m of chosen!.months) {
      expect(label).toContain(m.period.slice(0, 7));
    }
    const paid = chosen!.months.find((m) => m.dbt !== null)!;
    expect(label).toContain(`${paid.period.slice(0, 7)} 超期天数 ${paid.dbt!.toFixed(1)} 天`);
    await page.getByTestId("behaviour-trend").scrollIntoViewIfNeeded();
    await screenshot(page, "61-credit-file-dbt-trend");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("behaviour-trend-export").click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(
      csv
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(chosen!.months.length + 1);
  });
});
