import type { AddressInfo } from "node:net";
import { assessments, auditLog, contacts, customers, invoices } from "@creditdesk/db";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { like } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let server: TestServer;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];
const ASOF = "2025-06-30";

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
      });
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  // The routes read SMTP_URL like `npm start` does.
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  server = await startTestServer(t);
  delete process.env.SMTP_URL;
  const rows = await t.db
    .insert(customers)
    .values([
      { code: "HC-OWN", legalName: "自有客户有限公司", salesOwner: "test-sales" },
      { code: "HC-OTHER", legalName: "Other Trading Ltd", salesOwner: "someone-else", countryCode: "DE" },
    ])
    .returning();
  const [own, other] = rows;
  await t.db
    .insert(contacts)
    .values({ customerId: other!.id, name: "AP", email: "ap@other.example.de", isPrimary: true });
  for (const [c, pd] of [
    [own!, 0.02],
    [other!, 0.1],
  ] as const) {
    await t.db.insert(assessments).values({
      customerId: c.id,
      asOf: "2025-05-01",
      scorecardVersion: "test",
      score: 620,
      pd,
      grade: "medium",
      reasons: [],
      policy: {},
      result: {},
      inputs: {},
      trigger: "single",
      triggeredBy: "test",
    });
  }
  await t.db.insert(invoices).values([
    // own: 1,000.00 × 60 d × 0.02 = 120,000 (minor-unit priority 100,000 × 60 × 0.02)
    {
      invoiceNumber: "H-OWN-1",
      customerId: own!.id,
      issuedOn: "2025-03-01",
      dueOn: "2025-05-01",
      currency: "CNY",
      amountMinor: 100_000,
    },
    // other: 500.00 × 20 d × 0.1 = 50,000 × 20 × 0.1 = 100,000
    {
      invoiceNumber: "H-OTH-1",
      customerId: other!.id,
      issuedOn: "2025-05-01",
      dueOn: "2025-06-10",
      currency: "CNY",
      amountMinor: 50_000,
    },
  ]);
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await t?.close();
});

describe("collections API", () => {
  it("ranks the worklist, and a sales user sees only their own customers", async () => {
    const all = await server.request("GET", `/collections/worklist?asOf=${ASOF}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual([
      "H-OWN-1",
      "H-OTH-1",
    ]);
    const sales = await server.as("sales");
    const mine = await sales.request("GET", `/collections/worklist?asOf=${ASOF}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual(["H-OWN-1"]);
    expect(mine.body.total).toBe(1);
    expect((await sales.request("GET", "/collections/customers/HC-OTHER/history")).status).toBe(404);
    expect((await sales.request("POST", "/collections/dunning-runs", { mode: "propose" })).status).toBe(403);
  });

  it("executes a dunning run: the English reminder reaches the SMTP server, the action is on record and audited", async () => {
    const run = await server.request("POST", "/collections/dunning-runs", {
      mode: "execute",
      asOf: ASOF,
      customers: ["HC-OTHER"],
    });
    expect(run.status).toBe(201);
    expect(run.body.actions).toMatchObject([{ level: 1, kind: "reminder_email", outcome: "sent" }]);
    expect(run.body.proposals[0].locale).toBe("en");
    const mail = mails.find((m) => m.to.includes("ap@other.example.de"));
    expect(mail?.raw).toContain("Payment reminder");
    const history = await server.request("GET", "/collections/customers/HC-OTHER/history");
    expect(history.body.items).toMatchObject([
      {
        level: 1,
        kind: "reminder_email",
        outcome: "sent",
        performedBy: server.login,
        invoices: [{ invoiceNumber: "H-OTH-1" }],
      },
    ]);
    const audit = await t.db.select().from(auditLog).where(like(auditLog.action, "collections.%"));
    expect(audit.map((a) => [a.action, a.actor])).toContainEqual(["collections.dunning_run", server.login]);
    const letter = await server.request("GET", `/collections/actions/${run.body.actions[0].actionId}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-type")).toContain("text/html");
    expect(String(letter.body)).toContain("H-OTH-1");
  });

  it("records a promise to pay and evaluates it broken after promised date + grace", async () => {
    const created = await server.request("POST", "/collections/customers/HC-OWN/promises", {
      invoiceNumbers: ["H-OWN-1"],
      promisedMinor: 100_000,
      promisedOn: "2025-07-05",
      madeOn: ASOF,
      graceDays: 2,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "open", currency: "CNY", invoiceNumbers: ["H-OWN-1"] });
    const onDeadline = await server.request("POST", "/collections/promise-evaluations", {
      asOf: "2025-07-07",
    });
    expect(onDeadline.body).toMatchObject({ evaluated: 1, open: 1, broken: 0 });
    const after = await server.request("POST", "/collections/promise-evaluations", { asOf: "2025-07-08" });
    expect(after.body).toMatchObject({ evaluated: 1, broken: 1 });
    const alert = await server.request("GET", `/alerts/${after.body.alertIds[0]}`);
    expect(alert.body).toMatchObject({ ruleCode: "collections_broken_promise", department: "finance" });
    const listed = await server.request("GET", "/collections/promises?customer=HC-OWN");
    expect(listed.body.items.map((p: { status: string }) => p.status)).toEqual(["broken"]);
  });

  it("refuses an empty or unknown body and serves the interest statement as HTML and PDF", async () => {
    expect((await server.request("POST", "/collections/dunning-runs", {})).status).toBe(400);
    expect((await server.request("PUT", "/collections/settings", {})).status).toBe(400);
    const html = await server.request(
      "GET",
      `/collections/customers/HC-OWN/interest-statement?asOf=${ASOF}&format=html`,
    );
    expect(html.status).toBe(200);
    expect(String(html.body)).toContain("H-OWN-1");
    const pdf = await fetch(
      `${server.base}/collections/customers/HC-OWN/interest-statement?asOf=${ASOF}&format=pdf`,
      {
        headers: { authorization: `Bearer ${server.token}` },
      },
    );
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
