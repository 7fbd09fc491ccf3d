import { PassThrough } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@creditdesk/db/testing";
import { exportEntity } from "@creditdesk/lib/export";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../shared/test-client.ts";

let t: TestDatabase;
let s: TestServer;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await startTestServer(t);
});
afterAll(async () => {
  await s?.close();
  await t?.close();
});

const CSV = "text/csv";
const upload = (server: TestServer, group: string, entity: string, fileName: string, body: string) =>
  server.request(
    "POST",
    `/imports/${group}/files?entity=${entity}&fileName=${encodeURIComponent(fileName)}`,
    body,
    { "content-type": CSV },
  );
const customerCount = async () => (await s.request("GET", "/customers?limit=500")).body.items.length;

/** Runs `fn` while, on PostgreSQL, another connection holds a lock that blocks writes to customers. */
async function holdingCustomersOnPostgres<T>(fn: () => Promise<T>): Promise<T> {
  if (t.kind !== "postgres") {
    return fn();
  }
  return t.transaction(async (tx) => {
    await tx.db.execute(sql`lock table customers in share row exclusive mode`);
    return fn();
  });
}

interface JobPoll {
  status: string;
  phase: string;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/**
 * Starts a preview or commit job (202 + Location) and polls it until it is no longer running;
 * answers the finished job's result and every poll answer seen on the way.
 */
async function runJob(
  server: TestServer,
  group: string,
  id: string,
  kind: "preview" | "commit",
  body: unknown,
) {
  const started = await server.request("POST", `/imports/${group}/files/${id}/${kind}`, body);
  if (started.status !== 202) {
    return { status: started.status, body: started.body, polls: [] as JobPoll[] };
  }
  expect(started.headers.get("location")).toBe(`/imports/${group}/jobs/${started.body.id}`);
  const polls: JobPoll[] = [];
  for (;;) {
    const job = await server.request("GET", `/imports/${group}/jobs/${started.body.id}`);
    expect(job.status).toBe(200);
    polls.push(job.body);
    if (job.body.status !== "running") {
      return {
        status: job.body.status === "done" ? 200 : job.body.error.status,
        body: job.body.status === "done" ? job.body.result : job.body.error,
        polls,
        jobId: started.body.id as string,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// 客户名称 maps by synonym; "Kundennummer" does not, so the wizard maps it by hand.
const BAD = "Kundennummer,客户名称,Tier\nIMP-1,导入一号,core\nIMP-2,导入二号,platinum\n";
const GOOD = "Kundennummer,客户名称,Tier\nIMP-1,导入一号,core\nIMP-2,导入二号,general\n";
const columns = { Kundennummer: "code", 客户名称: "legal_name", Tier: "tier" };

describe("import wizard API", () => {
  it("answers the header, sample rows and suggested mapping of an uploaded CSV", async () => {
    const r = await upload(s, "archive", "customers", "kunden.csv", BAD);
    expect(r.status).toBe(201);
    expect(r.body.headers).toEqual(["Kundennummer", "客户名称", "Tier"]);
    expect(r.body.sampleRows).toEqual([
      ["IMP-1", "导入一号", "core"],
      ["IMP-2", "导入二号", "platinum"],
    ]);
    expect(r.body.suggested).toEqual([null, "legal_name", "tier"]);
    expect(r.body.fields).toContainEqual({ name: "code", kind: expect.any(String), required: true });
  });

  it("previews a bad row by row, column and field without writing, then commits the fixed file", async () => {
    const before = await customerCount();
    const bad = await upload(s, "archive", "customers", "kunden.csv", BAD);
    const preview = await runJob(s, "archive", bad.body.id, "preview", { columns });
    expect(preview.status).toBe(200);
    expect(preview.body.status).toBe("problems");
    expect(preview.body.problems).toEqual([
      expect.objectContaining({ row: 3, column: "Tier", field: "tier", value: "platinum" }),
    ]);
    // Committing the bad file is refused as a whole (strict).
    const refused = await runJob(s, "archive", bad.body.id, "commit", { columns });
    expect(refused.body.status).toBe("rejected");
    expect(await customerCount()).toBe(before);

    const good = await upload(s, "archive", "customers", "kunden.csv", GOOD);
    const ok = await runJob(s, "archive", good.body.id, "preview", { columns });
    expect(ok.body).toMatchObject({ status: "ok", rowsRead: 2, inserted: 2, problemCount: 0 });
    // The preview was rolled back.
    expect(await customerCount()).toBe(before);
    const done = await runJob(s, "archive", good.body.id, "commit", { columns });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "committed", inserted: 2, runId: expect.any(Number) });
    expect(await customerCount()).toBe(before + 2);
    expect((await s.request("GET", "/customers/IMP-2")).body.tier).toBe("general");
    // A committed upload is gone.
    const again = await runJob(s, "archive", good.body.id, "commit", { columns });
    expect(again.status).toBe(404);
    // The commit's audit entry, as the guard writes it for a write, committed with the import.
    const audit = await s.request(
      "GET",
      `/audit?entity=${encodeURIComponent("/imports/archive/files/:id/commit")}&entityId=${good.body.id}`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: "api.post", actor: s.login, entityId: good.body.id }),
    ]);
  });

  it("reads an XLSX upload and re-imports an exported workbook without changing anything", async () => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on("data", (c: Buffer) => chunks.push(c));
    await exportEntity({ handle: t, entity: "customers", format: "xlsx", out });
    const xlsx = Buffer.concat(chunks);
    // Raw bytes (the test client would send a Buffer as JSON).
    const answer = await fetch(`${s.base}/imports/archive/files?entity=customers&fileName=customers.xlsx`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${s.token}`,
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      body: xlsx,
    });
    expect(answer.status).toBe(201);
    const r = {
      body: (await answer.json()) as {
        id: string;
        format: string;
        headers: string[];
        suggested: (string | null)[];
      },
    };
    expect(r.body.format).toBe("xlsx");
    expect(r.body.headers).toContain("code");
    const columns = Object.fromEntries(r.body.headers.map((h, i) => [h, r.body.suggested[i] ?? null]));
    const preview = await runJob(s, "archive", r.body.id, "preview", { columns });
    expect(preview.body).toMatchObject({ status: "ok", inserted: 0, updated: 0, problemCount: 0 });
    expect(preview.body.unchanged).toBe(await customerCount());
  });

  it("keeps an upload to its owner and its group's permission", async () => {
    const mine = await upload(s, "archive", "customers", "kunden.csv", GOOD);
    const analyst = await s.as("credit_analyst");
    const other = await analyst.request("POST", `/imports/archive/files/${mine.body.id}/preview`, {
      columns,
    });
    expect(other.status).toBe(404);
    // A job answers only the credential that started it.
    const job = await s.request("POST", `/imports/archive/files/${mine.body.id}/preview`, { columns });
    expect(job.status).toBe(202);
    expect((await analyst.request("GET", `/imports/archive/jobs/${job.body.id}`)).status).toBe(404);
    const anonymous = await (await s.as(null)).request("GET", `/imports/archive/jobs/${job.body.id}`);
    expect(anonymous.status).toBe(401);
    expect((await s.request("GET", `/imports/ledger/jobs/${job.body.id}`)).status).toBe(404);
    expect((await s.request("GET", `/imports/archive/jobs/${job.body.id}`)).status).toBe(200);
    // Finance may import ledger records but not customers.
    const finance = await s.as("finance_ar");
    expect((await upload(finance, "archive", "customers", "k.csv", GOOD)).status).toBe(403);
    const invoices = await upload(finance, "ledger", "invoices", "i.csv", "invoice_number\nX\n");
    expect(invoices.status).toBe(201);
    // An entity of the other group is a validation error.
    expect((await upload(s, "ledger", "customers", "k.csv", GOOD)).status).toBe(400);
  });

  it("runs a long commit in the background and answers its progress while it runs", async () => {
    const rows = 40_000;
    const lines = Array.from(
      { length: rows },
      (_, i) => `BIG-${String(i).padStart(6, "0")},大批导入${i},general`,
    );
    const csv = `Kundennummer,客户名称,Tier\n${lines.join("\n")}\n`;
    const big = await upload(s, "archive", "customers", "gross.csv", csv);
    expect(big.status).toBe(201);
    // A second run of the same upload while this one runs would race for the same rows: it is
    // refused. On PostgreSQL a 40,000-row commit can finish before the second request arrives, so
    // another connection holds the customers table until the second answer is in (the commit
    // waits at its first write). On PGlite the commit itself holds the only connection.
    const { started, twice } = await holdingCustomersOnPostgres(async () => {
      const started = await s.request("POST", `/imports/archive/files/${big.body.id}/commit`, { columns });
      const twice = await s.request("POST", `/imports/archive/files/${big.body.id}/preview`, { columns });
      return { started, twice };
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: "commit", status: "running", result: null });
    expect(twice.status).toBe(409);
    const polls: JobPoll[] = [];
    let finished: { status: string; result: { status: string; inserted: number; rowsRead: number } };
    for (;;) {
      const job = await s.request("GET", `/imports/archive/jobs/${started.body.id}`);
      polls.push(job.body);
      if (job.body.status !== "running") {
        finished = job.body;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(finished.status).toBe("done");
    expect(finished.result).toMatchObject({ status: "committed", inserted: rows, rowsRead: rows });
    // Polls were answered while the import ran (on PGlite too, whose one connection it holds),
    // with rows and bytes counted part of the way.
    const midway = polls.filter((p) => p.status === "running" && p.rowsRead > 0 && p.rowsRead < rows);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.every((p) => p.bytesRead <= p.totalBytes && p.totalBytes === Buffer.byteLength(csv))).toBe(
      true,
    );
    const seen = polls.map((p) => p.rowsRead);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await s.request("GET", "/customers/BIG-039999")).body.legalName).toBe("大批导入39999");
  }, 120_000);

  it("refuses JSON instead of a file, an empty file and a file over the size limit", async () => {
    const json = await s.request("POST", "/imports/archive/files?entity=customers&fileName=a.csv", {
      code: "X",
    });
    expect(json.status).toBe(415);
    expect((await upload(s, "archive", "customers", "a.csv", "")).status).toBe(400);
    const huge = await upload(s, "archive", "customers", "a.csv", "x".repeat(21 * 1024 * 1024));
    expect(huge.status).toBe(413);
  });
});
