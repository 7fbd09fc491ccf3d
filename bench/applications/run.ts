/**
 * bench/applications — screening one credit application (duplicate detection + fraud signals,
 * `runApplicationCheck`) against 100,000 customers with address, phone, e-mail and bank accounts,
 * on PostgreSQL, beside the baseline of the former approach run in the same process: read every
 * customer and compare in the core (`findDuplicates` over all of them).
 *
 *   flock /tmp/creditdesk-bench.lock npx tsx bench/applications/run.ts [--customers 100000] [--checks 20]
 *
 * Recreates PostgreSQL `cdbench_applications` on BENCH_DATABASE_URL (default
 * postgres://root@127.0.0.1:5432/test) on every run. Target: one screening well under 1 s.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_APPLICATIONS_CONFIG,
  findDuplicates,
  type PartyDetails,
} from "@creditdesk/core/applications";
import { usccCheckSymbol } from "@creditdesk/core/identifiers";
import { migrateDatabase, openDatabase, queryRows } from "@creditdesk/db";
import { createApplication, refreshScreeningKeys, runApplicationCheck } from "@creditdesk/lib/applications";
import { sql } from "drizzle-orm";
import pg from "pg";

const { values } = parseArgs({
  options: { customers: { type: "string", default: "100000" }, checks: { type: "string", default: "20" } },
});
const N = Number(values.customers);
const CHECKS = Number(values.checks);
const base = process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const DB = "cdbench_applications";
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`drop database if exists ${DB}`);
await admin.query(`create database ${DB}`);
await admin.end();
const url = new URL(base);
url.pathname = `/${DB}`;
const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
await migrateDatabase(handle);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const log = (line: string) => process.stdout.write(`${line}\n`);

// Names from city × two words × legal form (≈ 30×40×40×4 combinations, so similar names abound).
const CITIES =
  "北京 上海 广州 深圳 杭州 南京 苏州 无锡 常州 宁波 温州 合肥 武汉 长沙 成都 重庆 西安 郑州 济南 青岛 天津 大连 沈阳 厦门 福州 南昌 昆明 贵阳 南宁 太原".split(
    " ",
  );
const WORDS =
  "华强 恒通 联创 鑫达 盛世 宏图 天润 金源 瑞丰 永泰 中科 博远 新亚 东方 海诚 利民 众诚 汇丰 嘉禾 安泰 德盛 光明 长城 远航 星河 万和 华美 凯达 兴业 同创 伟业 鼎盛 宝丰 正大 三和 富华 明珠 高科 泰和 振兴".split(
    " ",
  );
const TRADES = "电子 机械 食品 纺织 化工 物流 贸易 建材 医药 科技".split(" ");
const FORMS = "有限公司 有限责任公司 股份有限公司 集团有限公司".split(" ");
const arr = (v: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(v)}::jsonb))`;
const t0 = process.hrtime.bigint();
await handle.db.execute(sql`
  insert into customers (code, legal_name, registered_address, phone, email, bank_name, bank_accounts)
  select 'B' || lpad(i::text, 7, '0'),
    (${arr(CITIES)})[1 + i % 30] || '市' || (${arr(WORDS)})[1 + (i / 30) % 40] || (${arr(WORDS)})[1 + (i / 1200) % 40]
      || (${arr(TRADES)})[1 + (i / 7) % 10] || (${arr(FORMS)})[1 + i % 4] || case when i >= 192000 then (i / 192000)::text else '' end,
    (${arr(CITIES)})[1 + i % 30] || '市某区' || (i % 5000) || '路' || i || '号',
    '0' || (200 + i % 700) || '-' || lpad((i * 7919 % 100000000)::text, 8, '0'),
    'finance' || i || '@example' || (i % 97) || '.cn',
    '某某银行' || (${arr(CITIES)})[1 + i % 30] || '分行',
    array['6222' || lpad((i::bigint * 104729 % 1000000000000)::text, 12, '0')]
  from generate_series(1, ${N}) i`);
await handle.db.execute(sql`
  insert into customer_identifiers (customer_id, type, value)
  select id, 'other', 'REG-' || id from customers`);
// The archive was loaded earlier (yesterday): the screenings below see only what changed since.
await handle.db.execute(
  sql`update customers set updated_at = now() - interval '1 day', created_at = now() - interval '1 day'`,
);
await handle.db.execute(sql`analyze`);
log(`loaded ${N} customers in ${(ms(t0) / 1000).toFixed(1)} s`);

let t = process.hrtime.bigint();
const keyed = await refreshScreeningKeys(handle.db, { batch: 5_000 });
await handle.db.execute(sql`analyze customer_screening_keys`);
log(
  `screening keys, first computation (once, after a bulk load): ${keyed} customers in ${(ms(t) / 1000).toFixed(1)} s`,
);

const actor = { id: "bench-sales", role: "sales" };
const analyst = { id: "bench-analyst", role: "credit_analyst" };
const uscc = (first17: string) => first17 + usccCheckSymbol(first17);
const ids: number[] = [];
for (let i = 0; i < CHECKS; i++) {
  const k = 1 + ((i * 4099) % N);
  // Name variants of existing customers (other legal form, spacing, full-width), some sharing a phone.
  const [c] = await queryRows<{ legal_name: string; phone: string }>(
    handle.db,
    sql`select legal_name, phone from customers where code = ${`B${String(k).padStart(7, "0")}`}`,
  );
  const variant = c!.legal_name.replace(/(股份|集团)?有限(责任)?公司$/, " 有限责任公司").replace("市", "市 ");
  const app = await createApplication({
    handle,
    actor,
    input: {
      legalName: variant,
      registrationType: "uscc",
      registrationId: uscc(`9132050${String(1_000_000_000 + i).slice(-10)}`),
      currency: "CNY",
      requestedLimitMinor: 50_000_000,
      requestedTermsDays: 30,
      phone: i % 2 === 0 ? c!.phone : `0999-${String(i).padStart(8, "0")}`,
      bankAccount: `9555${String(i).padStart(12, "0")}`,
      address: `某省某市某路 ${i} 号`,
      email: `applicant${i}@bench.cn`,
    },
  });
  ids.push(app.id);
}
const times: number[] = [];
let found = 0;
const foundBy = new Map<number, string>();
for (const id of ids) {
  t = process.hrtime.bigint();
  const r = await runApplicationCheck({ handle, actor: analyst, id });
  times.push(ms(t));
  const customersFound = r.duplicates
    .filter((d) => d.kind === "customer")
    .map((d) => d.id)
    .sort((a, b) => a - b);
  found += customersFound.length;
  foundBy.set(id, customersFound.join(","));
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
log(
  `runApplicationCheck (refresh stale keys + indexed look-up + signals), ${CHECKS} applications: median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms, ${found} customer matches`,
);

// Baseline: the former approach — every customer read, compared in the core.
const baseline: number[] = [];
let baseFound = 0;
for (const id of ids.slice(0, 3)) {
  t = process.hrtime.bigint();
  const [app] = await queryRows<{
    legal_name: string;
    phone: string;
    bank_account: string;
    customer_id: number;
  }>(
    handle.db,
    sql`select legal_name, phone, bank_account, customer_id from credit_applications where id = ${id}`,
  );
  const all = await queryRows<{
    id: number;
    name: string;
    phone: string | null;
    bank_accounts: string[];
    email: string | null;
    registered_address: string | null;
  }>(
    handle.db,
    sql`select id, legal_name as name, phone, bank_accounts, email, registered_address from customers where id <> ${app!.customer_id}`,
  );
  const candidates: PartyDetails[] = all.map((c) => ({
    kind: "customer",
    id: Number(c.id),
    name: c.name,
    phones: c.phone ? [c.phone] : [],
    bankAccounts: c.bank_accounts,
    emails: c.email ? [c.email] : [],
    addresses: c.registered_address ? [c.registered_address] : [],
  }));
  const m = findDuplicates(
    {
      kind: "application",
      id,
      name: app!.legal_name,
      phones: [app!.phone],
      bankAccounts: [app!.bank_account],
    },
    candidates,
    { nameThreshold: DEFAULT_APPLICATIONS_CONFIG.duplicates.nameThreshold },
  );
  baseFound += m.length;
  const same =
    m
      .map((x) => x.id)
      .sort((a, b) => a - b)
      .join(",") === foundBy.get(id);
  if (!same) {
    log(
      `MISMATCH on application ${id}: indexed ${foundBy.get(id)} vs all-customers ${m.map((x) => x.id).join(",")}`,
    );
  }
  baseline.push(ms(t));
}
log(
  `(the indexed look-up found exactly the customers the full comparison found, for these 3 applications, unless MISMATCH is printed above)`,
);
log(
  `baseline (read all ${N} customers + core findDuplicates, duplicates only, no signals), 3 applications: ${baseline.map((x) => x.toFixed(0)).join(", ")} ms, ${baseFound} matches`,
);
await handle.close();
