import { DEFAULT_APPLICATIONS_CONFIG } from "@creditdesk/core/applications";
import { usccCheckSymbol } from "@creditdesk/core/identifiers";
import { customers, externalEvents, externalRatings, financialStatements, queryRows } from "@creditdesk/db";
import { loadPartyCandidates } from "@creditdesk/db/applications";
import { insuredLimits } from "@creditdesk/db/insurance";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { pdfText } from "@creditdesk/lib/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInsurancePolicy } from "../insurance/create-insurance-policy.ts";
import { recordInsurerDecision } from "../insurance/record-insurer-decision.ts";
import { checkCredit } from "../limits/check-credit.ts";
import { listContractsAndSecurities } from "../limits/contracts.ts";
import { scheduleReviews } from "../reviews/schedule-reviews.ts";
import { buildCaseFile, renderCaseFilePdf } from "./case-file.ts";
import { fulfilApplicationCondition } from "./conditions.ts";
import { saveApplicationsConfig } from "./config.ts";
import { createApplication } from "./create-application.ts";
import { decideApplication } from "./decide-application.ts";
import { getApplication } from "./get-application.ts";
import {
  analyseApplicationStatements,
  clearSignal,
  pullRatingReport,
  recordEvidence,
} from "./investigate.ts";
import { createApplicationLink, inspectApplicationLink, submitPublicApplication } from "./public-form.ts";
import { addCustomerRisk } from "./risk-register.ts";
import { runApplicationCheck } from "./run-application-check.ts";
import { candidateKeysOf, refreshScreeningKeys } from "./screening-keys.ts";

let t: TestDatabase;
const sales = { id: "sally", role: "sales" };
const manager = { id: "max", role: "credit_manager" };
const analyst = { id: "ana", role: "credit_analyst" };
const today = new Date().toISOString().slice(0, 10);
/** A valid USCC from its first 17 symbols (GB 32100-2015 check symbol). */
const uscc = (first17: string) => first17 + usccCheckSymbol(first17);

beforeAll(async () => {
  t = await createTestDatabase();
  // An existing active customer the duplicate detection must find.
  await t.db.insert(customers).values({ code: "C-OLD", legalName: "深圳市华强电子股份有限公司" });
});
afterAll(() => t.close());

const base = {
  registrationType: "uscc" as const,
  registrationId: "91330100799655058B",
  currency: "CNY",
  requestedLimitMinor: 50_000_000,
  requestedTermsDays: 30,
  statedMonthlyNeedMinor: 20_000_000,
  foundedOn: "2012-03-01",
  address: "杭州市西湖区文三路 100 号",
  phone: "0571-8765 4321",
  email: "cfo@xihu-food.cn",
  bankName: "工商银行杭州分行",
  bankAccount: "1202 0210 0900 1234 567",
  references: [{ kind: "trade" as const, name: "宁波某某包装有限公司", phone: "0574-11112222" }],
};

async function addStatement(customerId: number) {
  await t.db.insert(financialStatements).values({
    customerId,
    periodEnd: "2024-12-31",
    currency: "CNY",
    cash: 30_000_000,
    receivables: 80_000_000,
    inventory: 60_000_000,
    currentAssets: 200_000_000,
    totalAssets: 500_000_000,
    intangibleAssets: 10_000_000,
    currentLiabilities: 100_000_000,
    totalLiabilities: 250_000_000,
    equity: 250_000_000,
    retainedEarnings: 120_000_000,
    revenue: 900_000_000,
    costOfSales: 700_000_000,
    ebit: 60_000_000,
    interestExpense: 5_000_000,
    netIncome: 40_000_000,
    operatingCashFlow: 50_000_000,
  });
}

/** Completes every item of the default checklist for an application of a prospect. */
async function investigate(id: number, customerId: number, legalName: string) {
  await addStatement(customerId);
  await t.db
    .insert(externalRatings)
    .values({ customerId, agency: "qichacha", rating: "A", ratedOn: "2025-01-15" });
  await analyseApplicationStatements({ handle: t, actor: analyst, id, baseCurrency: "CNY" });
  await pullRatingReport({ handle: t, actor: analyst, id });
  await recordEvidence({
    handle: t,
    actor: analyst,
    id,
    item: "registration",
    note: "国家企业信用信息公示系统查询",
    registryName: legalName,
  });
  await recordEvidence({
    handle: t,
    actor: analyst,
    id,
    item: "references",
    note: "宁波某某包装：合作三年，付款及时",
  });
}

describe("credit applications", () => {
  it("finds an existing customer under a name variant and blocks approval until the checklist is complete", async () => {
    const { id, customerId } = await createApplication({
      handle: t,
      actor: sales,
      input: { ...base, legalName: "深圳市 华强电子有限责任公司", registrationId: "9144030071526726XG" },
    });
    const checked = await runApplicationCheck({ handle: t, actor: analyst, id });
    expect(checked.duplicates).toEqual([
      expect.objectContaining({ kind: "customer", name: "深圳市华强电子股份有限公司", sameEntity: true }),
    ]);
    await expect(
      decideApplication({ handle: t, actor: manager, id, input: { decision: "approve" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("checklist incomplete") });
    await investigate(id, customerId, "深圳市华强电子有限责任公司");
    const view = await getApplication({ handle: t, id });
    expect(view.checklist.complete).toBe(true);
    expect(view.approvalBlockers).toEqual([]);
    const [prospect] = await t.db.select().from(customers).where(eq(customers.id, customerId));
    expect(prospect?.status).toBe("prospect");
    // The creator cannot decide their own application.
    await expect(
      decideApplication({
        handle: t,
        actor: { id: "sally", role: "credit_manager" },
        id,
        input: { decision: "approve" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const decided = await decideApplication({
      handle: t,
      actor: manager,
      id,
      input: { decision: "approve", reason: "资料齐全，评级 A", limitMinor: 40_000_000 },
    });
    expect(decided.status).toBe("approved");
    const [active] = await t.db.select().from(customers).where(eq(customers.id, customerId));
    expect(active?.status).toBe("active");
    const limits = await queryRows<{ amount_minor: number }>(
      t.db,
      sql`select amount_minor from credit_limits where customer_id = ${customerId} and superseded_at is null`,
    );
    expect(limits.map((l) => Number(l.amount_minor))).toEqual([40_000_000]);
    const audit = await queryRows<{
      actor: string;
      reason: string;
      after: { inputs: { checklist: { complete: boolean } } };
    }>(
      t.db,
      sql`select actor, reason, after from audit_log where action = 'application.decide' and entity_id = ${String(id)}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "max", reason: "资料齐全，评级 A" });
    expect(audit[0]!.after.inputs.checklist.complete).toBe(true);
  });

  it("declines with a reason and creates no active customer", async () => {
    const { id, customerId } = await createApplication({
      handle: t,
      actor: sales,
      input: { ...base, legalName: "杭州某某食品有限公司", registrationId: "91110000802100433B" },
    });
    await expect(
      decideApplication({ handle: t, actor: manager, id, input: { decision: "decline" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const decided = await decideApplication({
      handle: t,
      actor: manager,
      id,
      input: { decision: "decline", reason: "无法核实经营地址" },
    });
    expect(decided).toMatchObject({ status: "declined", limitId: null });
    const [prospect] = await t.db.select().from(customers).where(eq(customers.id, customerId));
    expect(prospect?.status).not.toBe("active");
    const active = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from customers where legal_name = '杭州某某食品有限公司' and status = 'active'`,
    );
    expect(active[0]?.n).toBe(0);
    const limits = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from credit_limits where customer_id = ${customerId}`,
    );
    expect(limits[0]?.n).toBe(0);
    // A prospect is not in the periodic review cycle.
    await scheduleReviews({ handle: t, customerIds: [customerId] });
    const reviews = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from credit_reviews where customer_id = ${customerId}`,
    );
    expect(reviews[0]?.n).toBe(0);
    await expect(
      decideApplication({ handle: t, actor: manager, id, input: { decision: "approve" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("reuses a rating report younger than the configured age and pulls again once it is older", async () => {
    const first = await createApplication({
      handle: t,
      actor: sales,
      input: { ...base, legalName: "苏州某某机械有限公司", registrationId: "91320500MA1MXXXX0Q" },
    });
    await t.db.insert(externalRatings).values([
      { customerId: first.customerId, agency: "creditreform", rating: "BB", ratedOn: "2025-01-01" },
      { customerId: first.customerId, agency: "qichacha", rating: "A", ratedOn: "2025-02-01" },
    ]);
    // Waterfall order: dun_bradstreet (no report) → creditreform.
    const pulled = await pullRatingReport({ handle: t, actor: analyst, id: first.id, asOf: "2025-03-01" });
    expect(pulled).toMatchObject({
      plan: "pull",
      skipped: ["dun_bradstreet"],
      report: { agency: "creditreform", mode: "pulled" },
    });
    // A second application of the same company 100 days later reuses it (max age 180).
    const second = await createApplication({
      handle: t,
      actor: sales,
      input: { ...base, legalName: "苏州某某机械有限公司", registrationId: "91320500MA1MXXXX0Q" },
    });
    const reused = await pullRatingReport({ handle: t, actor: analyst, id: second.id, asOf: "2025-06-09" });
    expect(reused).toMatchObject({
      plan: "reuse",
      report: { agency: "creditreform", rating: "BB", pulledOn: "2025-03-01", mode: "reused" },
    });
    // With a shorter configured age the same report is too old: a new pull.
    await saveApplicationsConfig({
      handle: t,
      config: {
        ...DEFAULT_APPLICATIONS_CONFIG,
        rating: { ...DEFAULT_APPLICATIONS_CONFIG.rating, maxReportAgeDays: 90 },
      },
    });
    await t.db.insert(externalRatings).values({
      customerId: second.customerId,
      agency: "dun_bradstreet",
      rating: "3A2",
      ratedOn: "2025-05-01",
    });
    const again = await pullRatingReport({ handle: t, actor: analyst, id: second.id, asOf: "2025-06-09" });
    expect(again).toMatchObject({
      plan: "pull",
      report: { agency: "dun_bradstreet", rating: "3A2", pulledOn: "2025-06-09" },
    });
    await saveApplicationsConfig({ handle: t, config: DEFAULT_APPLICATIONS_CONFIG });
  });

  it("flags shared bank accounts and a recent legal-representative change; a cleared signal unblocks", async () => {
    const { id, customerId } = await createApplication({
      handle: t,
      actor: sales,
      // Same bank account as the earlier applications, written with other spacing.
      input: {
        ...base,
        legalName: "无锡某某贸易有限公司",
        registrationId: "91440300MA5FXXXX3W",
        bankAccount: "120202100900 1234567",
        phone: "0510-1234567",
        email: "a@wx.cn",
        address: "无锡市梁溪区",
      },
    });
    await t.db.insert(externalEvents).values({
      customerId,
      reference: `LR-${id}`,
      type: "legal_rep_change",
      occurredOn: today,
      source: "registry",
    });
    const checked = await runApplicationCheck({ handle: t, actor: analyst, id });
    expect(checked.duplicates.every((d) => d.reasons.some((r) => r.field === "bank_account"))).toBe(true);
    expect(checked.signals.map((s) => s.code).sort()).toEqual(
      expect.arrayContaining(["recent_change", "shared_details"]),
    );
    await investigate(id, customerId, "无锡某某贸易有限公司");
    await expect(
      decideApplication({ handle: t, actor: manager, id, input: { decision: "approve" } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("high-risk signals not cleared"),
    });
    for (const s of checked.signals.filter((x) => x.severity === "high")) {
      await clearSignal({
        handle: t,
        actor: manager,
        id,
        code: s.code,
        reason: "法人变更系集团内部调整，已核实",
      });
    }
    const view = await getApplication({ handle: t, id });
    expect(view.approvalBlockers.map((b) => b.code)).not.toContain("UNCLEARED_SIGNAL");
  });

  it("exports a case file PDF with the decision and the reasons", async () => {
    const { id, customerId } = await createApplication({
      handle: t,
      actor: sales,
      input: {
        ...base,
        legalName: "常州某某电机有限公司",
        registrationId: uscc("91320400MA1XXXXX9"),
        bankAccount: "9999888877776666",
        phone: "0519-5555 6666",
        email: "ceo@cz-motor.cn",
        address: "常州市武进区",
      },
    });
    await runApplicationCheck({ handle: t, actor: analyst, id });
    await investigate(id, customerId, "常州某某电机有限公司");
    await addCustomerRisk({
      handle: t,
      actor: analyst,
      customer: customerId,
      input: {
        category: "credit",
        description: "新客户，无付款记录",
        likelihood: 3,
        impact: 4,
        owner: "ana",
        reviewOn: "2026-01-01",
      },
    });
    await decideApplication({
      handle: t,
      actor: manager,
      id,
      input: {
        decision: "approve_with_conditions",
        reason: "首年需预付30%",
        conditions: { prepaymentBps: 3000 },
      },
    });
    const file = await buildCaseFile({ handle: t, id });
    expect(file.assessment?.reasons.length).toBeGreaterThan(0);
    // Lines may wrap anywhere: compare without white space.
    const flat = (x: string) => x.replace(/\s+/g, "");
    const text = flat(pdfText(await renderCaseFilePdf(file)));
    // A Chinese prospect's case prints in Chinese: decision, conditions, checklist and signals.
    expect(file.language).toBe("zh");
    expect(text).toContain(flat("附条件批准：max"));
    expect(text).toContain(flat("理由：首年需预付30%"));
    expect(text).toContain(flat("条件: 每笔订单发货前预付 30 % — 已满足"));
    expect(text).not.toContain(flat("approve_with_conditions by max"));
    const english = flat(pdfText(await renderCaseFilePdf(file, { compress: false, language: "en" })));
    expect(english).toContain(flat("approved with conditions by max"));
    expect(english).toContain(flat("condition: prepayment of 30 % of each order before delivery — met"));
    for (const r of file.assessment!.reasons) {
      expect(text).toContain(flat(r.text!.zh!));
    }
    expect(text).toContain("新客户，无付款记录");
  });

  it("compares an application with existing customers' address, phone, e-mail and bank accounts, keys kept current", async () => {
    const [old] = await t.db
      .insert(customers)
      .values({
        code: "C-CONTACT",
        legalName: "南通某某纺织有限公司",
        registeredAddress: "南通市崇川区 工农路 8 号",
        phone: "+86 513 8111 2222",
        email: "Finance@NT-Textile.cn",
        bankName: "农业银行南通分行",
        bankAccounts: ["6228 4800 1111 2222 333"],
      })
      .returning({ id: customers.id });
    // A differently named applicant sharing the customer's bank account and phone.
    const { id } = await createApplication({
      handle: t,
      actor: sales,
      input: {
        ...base,
        legalName: "盐城某某服饰有限公司",
        registrationId: uscc("91320900MA1WWWWW7"),
        bankAccount: "6228480011112222333",
        phone: "0513-81112222",
        email: "boss@yc-fashion.cn",
        address: "盐城市亭湖区",
      },
    });
    const checked = await runApplicationCheck({ handle: t, actor: analyst, id });
    const match = checked.duplicates.find((d) => d.kind === "customer" && d.id === old!.id);
    expect(match?.reasons.map((r) => r.field).sort()).toEqual(["bank_account", "phone"]);
    const shared = checked.signals.find((s) => s.code === "shared_details");
    expect(shared).toMatchObject({ severity: "high" });
    expect(shared?.explanation.zh).toContain("南通某某纺织有限公司（客户");
    // The customer changes its e-mail to the applicant's: the stale keys are refreshed on the next check.
    await t.db
      .update(customers)
      .set({ email: "BOSS@yc-fashion.cn", updatedAt: sql`now()` })
      .where(eq(customers.id, old!.id));
    const again = await runApplicationCheck({ handle: t, actor: analyst, id });
    expect(
      again.duplicates
        .find((d) => d.id === old!.id && d.kind === "customer")
        ?.reasons.map((r) => r.field)
        .sort(),
    ).toEqual(["bank_account", "email", "phone"]);
  });

  it("looks customers up by indexed keys only: a name variant is found, an unrelated customer is not read", async () => {
    await t.db.insert(customers).values([
      { code: "C-VAR", legalName: "ＡＢＣ 科技（苏州）有限责任公司" },
      { code: "C-OTHER", legalName: "完全无关的公司名称有限公司" },
    ]);
    await refreshScreeningKeys(t.db);
    const keys = candidateKeysOf(
      {
        name: "ABC科技(苏州)有限公司",
        registrationId: null,
        phones: [],
        emails: [],
        addresses: [],
        bankAccounts: [],
      },
      DEFAULT_APPLICATIONS_CONFIG.duplicates.nameThreshold,
    );
    const found = await loadPartyCandidates(t.db, { keys });
    const names = found.filter((c) => c.kind === "customer").map((c) => c.name);
    expect(names).toContain("ＡＢＣ 科技（苏州）有限责任公司");
    expect(names).not.toContain("完全无关的公司名称有限公司");
    // Already current: nothing to refresh.
    expect(await refreshScreeningKeys(t.db)).toBe(0);
  });

  it("takes one application per public link and refuses an expired one", async () => {
    const link = await createApplicationLink({ handle: t, actor: sales, prospectName: "某某客户" });
    expect((await inspectApplicationLink({ handle: t, token: link.token })).state).toBe("open");
    const stored = await queryRows<{ token_hash: string }>(
      t.db,
      sql`select token_hash from application_tokens where id = ${link.id}`,
    );
    expect(stored[0]?.token_hash).not.toContain(link.token);
    const pdf = Buffer.from("%PDF-1.4\n%test\n").toString("base64");
    const done = await submitPublicApplication({
      handle: t,
      token: link.token,
      input: { ...base, legalName: "温州某某鞋业有限公司", registrationId: "91330300MA2XXXXX1Y" },
      documents: [
        {
          kind: "business_licence",
          fileName: "licence.pdf",
          contentType: "application/pdf",
          contentBase64: pdf,
        },
      ],
    });
    const view = await getApplication({ handle: t, id: done.id });
    expect(view).toMatchObject({
      source: "public_form",
      createdBy: "sally",
      documents: [{ fileName: "licence.pdf" }],
    });
    await expect(
      submitPublicApplication({
        handle: t,
        token: link.token,
        input: { ...base, legalName: "再次提交有限公司" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const old = await createApplicationLink({
      handle: t,
      actor: sales,
      now: new Date(Date.now() - 30 * 86_400_000),
    });
    await expect(
      submitPublicApplication({ handle: t, token: old.token, input: { ...base, legalName: "过期有限公司" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("expired") });
    const png = await createApplicationLink({ handle: t, actor: sales });
    await expect(
      submitPublicApplication({
        handle: t,
        token: png.token,
        input: { ...base, legalName: "伪装文件有限公司" },
        documents: [{ kind: "other", fileName: "x.png", contentType: "image/png", contentBase64: pdf }],
      }),
    ).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    // The refused submission wrote nothing and left the link usable.
    expect((await inspectApplicationLink({ handle: t, token: png.token })).state).toBe("open");
  });
  it("creates what an approval's conditions name, and holds release until they are met", async () => {
    await createInsurancePolicy({
      handle: t,
      actor: manager,
      input: {
        policyNumber: "POL-APP",
        insurer: "China Export & Credit Insurance",
        currency: "CNY",
        indemnityBps: 9_000,
        waitingPeriodDays: 150,
        notificationDeadlineDays: 60,
        warnDaysBefore: 7,
        validFrom: "2025-01-01",
      },
    });
    const { id, customerId } = await createApplication({
      handle: t,
      actor: sales,
      input: {
        ...base,
        legalName: "无锡某某机械有限公司",
        registrationId: uscc("91320200MA1YYYYY8"),
        bankAccount: "7777666655554444",
        phone: "0510-3333 4444",
        email: "cfo@wx-mach.cn",
        address: "无锡市新吴区",
      },
    });
    await runApplicationCheck({ handle: t, actor: analyst, id });
    await investigate(id, customerId, "无锡某某机械有限公司");
    const decided = await decideApplication({
      handle: t,
      actor: manager,
      id,
      input: {
        decision: "approve_with_conditions",
        reason: "担保与信保到位后放行",
        conditions: {
          prepaymentBps: 2000,
          guaranteeMinor: 30_000_000,
          guarantor: "无锡某某集团",
          creditInsuranceMinor: 50_000_000,
        },
      },
    });
    expect(decided.accountStatus).toBe("hold");
    expect(decided.conditions.map((c) => [c.kind, c.status])).toEqual([
      ["prepayment", "met"],
      ["guarantee", "open"],
      ["credit_insurance", "open"],
    ]);
    // The contract (limits) carries the terms; the insured-limit request (insurance) waits for the insurer.
    const { contracts, securities } = await listContractsAndSecurities({ handle: t, customer: customerId });
    expect(contracts).toEqual([
      expect.objectContaining({
        reference: `APP-${id}`,
        paymentTermsDays: 30,
        notes: expect.stringContaining("每笔订单发货前预付 20 %"),
      }),
    ]);
    expect(contracts[0]?.notes).toContain("guarantee of CNY 300000.00 by 无锡某某集团");
    expect(securities).toEqual([]);
    const [request] = await t.db.select().from(insuredLimits).where(eq(insuredLimits.customerId, customerId));
    expect(request).toMatchObject({ requestedMinor: 50_000_000, decision: "pending", requestedBy: "max" });

    // The credit check sees the open conditions: the account is on hold, release is blocked.
    const order = { customer: customerId, amountMinor: 1_000_000, currency: "CNY" };
    const held = await checkCredit({ handle: t, input: { ...order, orderReference: "SO-COND-1" } });
    expect(held.outcome).toBe("blocked");

    const guarantee = await fulfilApplicationCondition({
      handle: t,
      actor: manager,
      id,
      kind: "guarantee",
      input: { reference: "GUA-WX-1", validFrom: today },
    });
    expect(guarantee).toMatchObject({ status: "met", metBy: "max", account: "hold" });
    const after = await listContractsAndSecurities({ handle: t, customer: customerId });
    expect(after.securities).toEqual([
      expect.objectContaining({
        type: "guarantee",
        reference: "GUA-WX-1",
        amountMinor: 30_000_000,
        guarantor: "无锡某某集团",
      }),
    ]);
    // Cover is met only once the insurer granted it.
    await expect(
      fulfilApplicationCondition({ handle: t, actor: manager, id, kind: "credit_insurance" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("pending") });
    expect((await checkCredit({ handle: t, input: { ...order, orderReference: "SO-COND-2" } })).outcome).toBe(
      "blocked",
    );
    await recordInsurerDecision({
      handle: t,
      actor: manager,
      input: {
        requestId: request!.id,
        requestedMinor: 50_000_000,
        decidedMinor: 50_000_000,
        decidedOn: today,
      },
    });
    const cover = await fulfilApplicationCondition({
      handle: t,
      actor: manager,
      id,
      kind: "credit_insurance",
    });
    expect(cover.account).toBe("ok");
    expect((await checkCredit({ handle: t, input: { ...order, orderReference: "SO-COND-3" } })).outcome).toBe(
      "approved",
    );
    const view = await getApplication({ handle: t, id });
    expect(view.approvalConditions.every((c) => c.met)).toBe(true);
  });
});
