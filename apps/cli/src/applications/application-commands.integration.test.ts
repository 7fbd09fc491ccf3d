import { readFileSync } from "node:fs";
import { join } from "node:path";
import { usccCheckSymbol } from "@creditdesk/core/identifiers";
import {
  type DatabaseHandle,
  externalRatings,
  financialStatements,
  migrateDatabase,
  openDatabase,
} from "@creditdesk/db";
import {
  addCustomerRisk,
  analyseApplicationStatements,
  createApplication,
  decideApplication,
  pullRatingReport,
  recordEvidence,
  runApplicationCheck,
} from "@creditdesk/lib/applications";
import { scheduleReviews } from "@creditdesk/lib/reviews";
import { pdfText } from "@creditdesk/lib/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { useCliHarness } from "../shared/cli-test-support.ts";

const cli = useCliHarness("applications");
const { dir, run } = cli;
let applicationId: number;
let customerId: number;

/** The database the CLI will use: PostgreSQL's test database, or the CLI's PGlite folder (closed after). */
async function withCliDatabase(fn: (handle: DatabaseHandle) => Promise<void>) {
  if (cli.t.url) {
    await fn(cli.t);
    return;
  }
  const handle = await openDatabase({ dataDir: join(dir, "data") });
  try {
    await migrateDatabase(handle);
    await fn(handle);
  } finally {
    await handle.close();
  }
}

const uscc = (first17: string) => first17 + usccCheckSymbol(first17);
const analyst = { id: "ana", role: "credit_analyst" };
const manager = { id: "max", role: "credit_manager" };

/** An approval with a guarantee condition: investigated, decided by a manager, account on hold. */
beforeAll(async () => {
  await withCliDatabase(async (handle) => {
    const created = await createApplication({
      handle,
      actor: { id: "sally", role: "sales" },
      input: {
        legalName: "常州某某电机有限公司",
        registrationType: "uscc",
        registrationId: uscc("91320400MA1WXXXX4"),
        currency: "CNY",
        requestedLimitMinor: 40_000_000,
        requestedTermsDays: 30,
        statedMonthlyNeedMinor: 10_000_000,
        foundedOn: "2011-06-01",
        address: "常州市武进区",
        phone: "0519-8888 0001",
        email: "cfo@cz-motor.cn",
        bankAccount: "3201 0000 1111 2222",
        references: [{ kind: "trade", name: "南京某某物资有限公司" }],
      },
    });
    applicationId = created.id;
    customerId = created.customerId;
    await runApplicationCheck({ handle, actor: analyst, id: applicationId });
    await handle.db.insert(financialStatements).values({
      customerId,
      periodEnd: "2024-12-31",
      currency: "CNY",
      currentAssets: 90_000_000,
      totalAssets: 200_000_000,
      currentLiabilities: 50_000_000,
      totalLiabilities: 100_000_000,
      equity: 100_000_000,
      intangibleAssets: 0,
      revenue: 300_000_000,
      ebit: 20_000_000,
      netIncome: 12_000_000,
    });
    await handle.db.insert(externalRatings).values({
      customerId,
      agency: "qichacha",
      rating: "A",
      ratedOn: new Date().toISOString().slice(0, 10),
    });
    await analyseApplicationStatements({ handle, actor: analyst, id: applicationId, baseCurrency: "CNY" });
    await pullRatingReport({ handle, actor: analyst, id: applicationId });
    await recordEvidence({
      handle,
      actor: analyst,
      id: applicationId,
      item: "registration",
      note: "公示系统已查",
      registryName: "常州某某电机有限公司",
    });
    await recordEvidence({
      handle,
      actor: analyst,
      id: applicationId,
      item: "references",
      note: "推荐人确认",
    });
    const decided = await decideApplication({
      handle,
      actor: manager,
      id: applicationId,
      input: {
        decision: "approve_with_conditions",
        reason: "保函到位后放行",
        conditions: { guaranteeMinor: 20_000_000, guarantor: "常州某某集团" },
      },
    });
    expect(decided.accountStatus).toBe("hold");
    await addCustomerRisk({
      handle,
      actor: manager,
      customer: customerId,
      input: {
        category: "market",
        description: "Copper price exposure",
        likelihood: 3,
        impact: 3,
        owner: "max",
        reviewOn: "2026-12-31",
      },
    });
    await scheduleReviews({ handle, customerIds: [customerId] });
  });
}, 120_000);

describe("creditdesk applications condition-met|case-file, reviews case-file", () => {
  it("records a met guarantee condition (releasing the hold) and refuses it twice or for an unknown kind", () => {
    const unknown = run([
      "applications",
      "condition-met",
      String(applicationId),
      "collateral",
      "--as",
      "max",
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("condition must be one of prepayment, guarantee, credit_insurance");

    const met = run([
      "applications",
      "condition-met",
      `APP-${applicationId}`,
      "guarantee",
      "--as",
      "max",
      "--reference",
      "BG-2026-17",
      "--note",
      "保函原件已收",
    ]);
    expect(met.stderr).toBe("");
    expect(met.code).toBe(0);
    const body = JSON.parse(met.stdout) as { kind: string; met: boolean; metBy: string; account: string };
    expect(body).toMatchObject({ kind: "guarantee", met: true, metBy: "max", account: "ok" });

    const again = run(["applications", "condition-met", String(applicationId), "guarantee", "--as", "max"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already met");
  }, 120_000);

  it("writes the application's case file in the asked language, with the met condition and its audit entry", () => {
    const out = join(dir, "application.pdf");
    const wrote = run(["applications", "case-file", String(applicationId), "--out", out, "--lang", "en"]);
    expect(wrote.stderr).toBe("");
    expect(wrote.stdout).toContain(`wrote ${out}`);
    const text = pdfText(readFileSync(out)).replace(/\s+/g, " ");
    expect(text).toContain("Credit application case file");
    expect(text).toMatch(/condition: .* — met/);
    expect(text).toContain("max application.condition.met — 保函原件已收");
    expect(text).toContain("Copper price exposure");
  }, 120_000);

  it("registers, lists and closes a risk with a reason; refuses a bad rating and a second close", () => {
    const bad = run([
      "risks",
      "add",
      String(customerId),
      "--as",
      "ana",
      "--category",
      "credit",
      "--description",
      "x",
      "--likelihood",
      "9",
      "--impact",
      "2",
      "--owner",
      "ana",
      "--review-on",
      "2026-12-31",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--likelihood");
    const added = run([
      "risks",
      "add",
      String(customerId),
      "--as",
      "ana",
      "--category",
      "operational",
      "--description",
      "Single plant",
      "--likelihood",
      "3",
      "--impact",
      "5",
      "--owner",
      "ana",
      "--review-on",
      "2026-10-31",
    ]);
    expect(added.stderr).toBe("");
    const riskId = /added risk (\d+) \(operational, 15 high\)/.exec(added.stdout)?.[1];
    expect(riskId).toBeDefined();
    const closed = run([
      "risks",
      "close",
      String(customerId),
      riskId!,
      "--as",
      "max",
      "--reason",
      "second plant opened",
    ]);
    expect(closed.stdout).toContain(`closed risk ${riskId} by max: second plant opened`);
    expect(
      run(["risks", "close", String(customerId), riskId!, "--as", "max", "--reason", "again"]).stderr,
    ).toContain("already closed");
    const listed = run(["risks", "list", String(customerId)]).stdout;
    expect(listed).toMatch(
      /closed operational 15 high .*Single plant \(closed by max: second plant opened\)/,
    );
    expect(listed).toContain("2 risk(s)");
  }, 120_000);

  it("completes the customer's review and writes its case file as PDF and as JSON", () => {
    const due = JSON.parse(run(["reviews", "due", "--as-of", "2100-01-01", "--json"]).stdout) as {
      id: number;
      customer_id: number;
    }[];
    const review = due.find((r) => r.customer_id === customerId);
    expect(review).toBeDefined();
    const id = String(review!.id);
    expect(
      run(["reviews", "complete", id, "keep", "--as", "rita", "--note", "guarantee in place"]).code,
    ).toBe(0);

    const pdf = join(dir, "review.pdf");
    const wrote = run(["reviews", "case-file", id, "--out", pdf, "--lang", "en"]);
    expect(wrote.stderr).toBe("");
    const text = pdfText(readFileSync(pdf)).replace(/\s+/g, " ");
    expect(text).toContain("Credit review case file");
    expect(text).toContain("keep by rita");
    expect(text).toContain("guarantee in place");
    expect(text).toContain("Copper price exposure");
    // The CLI's completion is audited like the API's.
    expect(text).toMatch(/rita review\.complete — guarantee in place/);

    const json = join(dir, "review.json");
    expect(run(["reviews", "case-file", id, "--out", json]).code).toBe(0);
    const file = JSON.parse(readFileSync(json, "utf8")) as {
      review: { conclusion: string; reviewer: string };
      risks: { description: string }[];
      trail: { action: string; actor: string }[];
    };
    expect(file.review).toMatchObject({ conclusion: "keep", reviewer: "rita" });
    expect(file.risks.map((r) => r.description)).toEqual(["Copper price exposure", "Single plant"]);
    expect(file.trail).toEqual([expect.objectContaining({ action: "review.complete", actor: "rita" })]);

    expect(run(["reviews", "case-file", "999999", "--out", json]).code).toBe(1);
  }, 120_000);
});
