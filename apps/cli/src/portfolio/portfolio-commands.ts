import { readFileSync, writeFileSync } from "node:fs";
import { formatMinor } from "@creditdesk/core/money";
import {
  CONCENTRATION_DIMENSIONS,
  PORTFOLIO_DIMENSIONS,
  type PortfolioDimension,
} from "@creditdesk/core/portfolio";
import { loadConfig } from "@creditdesk/lib/config";
import {
  buildPortfolioReport,
  checkConcentrationLimits,
  deleteStressScenario,
  getConcentration,
  getExpectedLoss,
  getGradeMigration,
  getPortfolioView,
  listStressScenarios,
  renderPortfolioReportHtml,
  renderPortfolioReportPdf,
  renderPortfolioReportXlsx,
  runPdBacktest,
  runStressTest,
  saveStressScenario,
  setConcentrationLimit,
} from "@creditdesk/lib/portfolio";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (x: number | null, d = 1) => (x === null ? "—" : `${(x * 100).toFixed(d)} %`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

async function withDatabase<T>(
  fn: (ctx: { handle: Awaited<ReturnType<typeof openAppDatabase>>; base: string }) => Promise<T>,
) {
  const config = loadConfig();
  const handle = await openAppDatabase();
  try {
    return await fn({ handle, base: config.baseCurrency });
  } finally {
    await handle.close();
  }
}

export async function viewCommand(o: {
  asOf: string;
  groupBy: string;
  months: number;
  limit: number | undefined;
  json: boolean;
}): Promise<void> {
  if (!(PORTFOLIO_DIMENSIONS as readonly string[]).includes(o.groupBy)) {
    throw new CliError(`--group-by must be one of ${PORTFOLIO_DIMENSIONS.join(", ")}, got '${o.groupBy}'`);
  }
  await withDatabase(async ({ handle, base }) => {
    const v = await getPortfolioView({
      handle,
      asOf: o.asOf,
      baseCurrency: base,
      groupBy: o.groupBy as PortfolioDimension,
      months: o.months,
      limit: o.limit ?? 30,
    });
    if (o.json) {
      out(JSON.stringify(v));
      return;
    }
    const m = (x: number) => formatMinor(x, base);
    out(
      `portfolio as of ${v.asOf} (${base}), by ${v.groupBy}: ${v.total.customers} customers, exposure ${m(v.total.exposureMinor)}, utilisation ${pct(v.total.utilisation)}`,
    );
    out(
      `${pad(v.groupBy, 24)}${lpad("customers", 10)}${lpad("exposure", 20)}${lpad("overdue", 18)}${lpad("limits", 20)}${lpad("util.", 9)}`,
    );
    for (const g of v.groups) {
      out(
        `${pad(g.key, 24)}${lpad(String(g.customers), 10)}${lpad(m(g.exposureMinor), 20)}${lpad(m(g.overdueMinor), 18)}${lpad(m(g.limitMinor), 20)}${lpad(pct(g.utilisation), 9)}`,
      );
    }
    out("month end      DSO   best   ADDB    CEI");
    for (const t of v.total.trend) {
      const f = (x: number | null) => lpad(x === null ? "—" : x.toFixed(1), 7);
      out(`${t.monthEnd}${f(t.dso)}${f(t.bestDso)}${f(t.addb)}${f(t.cei)}`);
    }
    if (v.missingFxCurrencies.length > 0) {
      out(`note: no FX rate for ${v.missingFxCurrencies.join(", ")} — those amounts are left out`);
    }
  });
}

export async function concentrationCommand(o: {
  asOf: string;
  top: number;
  set: string | undefined;
  check: boolean;
  json: boolean;
}): Promise<void> {
  await withDatabase(async ({ handle, base }) => {
    if (o.set) {
      const match = /^([a-z]+)=(\d+)$/.exec(o.set);
      if (!match || !(CONCENTRATION_DIMENSIONS as readonly string[]).includes(match[1]!)) {
        throw new CliError(
          `--set must be <${CONCENTRATION_DIMENSIONS.join("|")}>=<basis points>, got '${o.set}'`,
        );
      }
      const l = await setConcentrationLimit({
        handle,
        actor: "cli",
        limit: { dimension: match[1], maxShareBps: Number(match[2]) },
      });
      out(
        `concentration limit ${l.dimension} ≤ ${(l.maxShareBps / 100).toFixed(2)} % (version ${l.version})`,
      );
    }
    const c = await getConcentration({ handle, asOf: o.asOf, baseCurrency: base, top: o.top });
    if (o.json && !o.check) {
      out(JSON.stringify(c));
      return;
    }
    if (!o.json) {
      for (const [d, x] of Object.entries(c.dimensions)) {
        out(
          `${pad(d, 10)} top-1 ${lpad(pct(x.top1Share), 8)}  top-5 ${lpad(pct(x.top5Share), 8)}  top-10 ${lpad(pct(x.top10Share), 8)}  HHI ${lpad(Math.round(x.hhi).toString(), 6)} (${x.band})`,
        );
        for (const s of x.shares.slice(0, o.top)) {
          out(`    ${pad(s.key, 24)} ${lpad(pct(s.share), 8)}  ${formatMinor(s.amountMinor, base)}`);
        }
      }
      for (const b of c.breaches) {
        out(`breach: ${b.dimension} ${b.key} ${pct(b.share)} > ${pct(b.maxShare)}`);
      }
    }
    if (o.check) {
      const s = await checkConcentrationLimits({ handle, asOf: o.asOf, baseCurrency: base });
      if (o.json) {
        out(JSON.stringify({ ...c, check: s }));
        return;
      }
      out(`alerts: ${s.alertsOpened} new, ${s.alertsUpdated} still open, ${s.conditionsCleared} cleared`);
    }
  });
}

export async function expectedLossCommand(o: { asOf: string; top: number; json: boolean }): Promise<void> {
  await withDatabase(async ({ handle, base }) => {
    const el = await getExpectedLoss({ handle, asOf: o.asOf, baseCurrency: base, top: o.top });
    if (o.json) {
      out(JSON.stringify(el));
      return;
    }
    const m = (x: number) => formatMinor(x, base);
    out(
      `expected loss as of ${el.asOf}: EL ${m(el.elMinor)} ${base} on EAD ${m(el.eadMinor)} (${pct(el.elRate, 3)}); insured ${m(el.insuredMinor)}`,
    );
    out(
      `LGD: unsecured ${el.lgd.unsecuredBps / 100} %, collateral ${el.lgd.collateralBps / 100} %, guarantees ${el.lgd.guaranteeBps / 100} %`,
    );
    if (el.unassessed.customers > 0) {
      out(
        `note: ${el.unassessed.customers} unassessed customers (EAD ${m(el.unassessed.eadMinor)}) are not in EL`,
      );
    }
    for (const c of el.customers) {
      out(
        `  ${pad(c.code, 16)} ${pad(c.grade ?? "—", 8)} PD ${lpad(pct(c.pd, 2), 8)} LGD ${lpad(pct(c.lgd), 7)} EAD ${lpad(m(c.eadMinor), 18)} EL ${lpad(m(c.elMinor), 14)}`,
      );
    }
    for (const [d, list] of Object.entries(el.byDimension)) {
      out(
        `by ${d}: ${(list ?? [])
          .slice(0, 5)
          .map((g) => `${g.key} ${m(g.elMinor)} (${pct(g.share)})`)
          .join(" · ")}`,
      );
    }
  });
}

export async function migrationCommand(o: {
  from: string;
  to: string;
  scale: "grade" | "notch";
  json: boolean;
}) {
  await withDatabase(async ({ handle }) => {
    const mm = await getGradeMigration({ handle, from: o.from, to: o.to, scale: o.scale });
    if (o.json) {
      out(JSON.stringify(mm));
      return;
    }
    out(
      `grade migration ${mm.from} → ${mm.to}: population ${mm.population}, downgraded ${pct(mm.downgraded)}, upgraded ${pct(mm.upgraded)}`,
    );
    out(pad("", 12) + mm.columns.map((c) => lpad(c, 11)).join("") + lpad("total", 9));
    mm.rows.forEach((r, i) => {
      out(
        pad(r, 12) +
          mm.counts[i]!.map((n) => lpad(String(n), 11)).join("") +
          lpad(String(mm.rowTotals[i]), 9),
      );
    });
  });
}

export async function backtestCommand(o: {
  start: string;
  horizonMonths: number;
  scale: "grade" | "notch";
  json: boolean;
}): Promise<void> {
  await withDatabase(async ({ handle }) => {
    const b = await runPdBacktest({ handle, start: o.start, horizonMonths: o.horizonMonths, scale: o.scale });
    if (o.json) {
      out(JSON.stringify(b));
      return;
    }
    out(`PD back-test from ${b.start} over ${b.horizonMonths} months (binomial test, α = ${b.alpha})`);
    for (const r of [...b.rows, b.total]) {
      out(
        `  ${pad(r.grade, 10)} n ${lpad(String(r.obligors), 8)}  PD ${lpad(pct(r.predictedPd, 2), 8)}  expected ${lpad(r.expectedDefaults.toFixed(1), 8)}  defaults ${lpad(String(r.defaults), 6)}  p ${r.pValue.toExponential(2)}  ${r.result}`,
      );
    }
  });
}

export async function stressCommand(o: {
  scenario: string | undefined;
  asOf: string;
  save: string | undefined;
  delete: string | undefined;
  json: boolean;
}): Promise<void> {
  await withDatabase(async ({ handle, base }) => {
    if (o.save) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(o.save, "utf8"));
      } catch (error) {
        throw new CliError(`${o.save}: not readable JSON (${(error as Error).message})`);
      }
      const s = await saveStressScenario({ handle, actor: "cli", scenario: parsed });
      out(`saved scenario ${s.id} '${s.scenario.name}'`);
    }
    if (o.delete) {
      await deleteStressScenario({ handle, scenario: o.delete });
      out(`deleted scenario '${o.delete}'`);
    }
    if (!o.scenario) {
      if (!o.save && !o.delete) {
        const list = await listStressScenarios(handle);
        if (o.json) {
          out(JSON.stringify(list));
          return;
        }
        for (const s of list) {
          out(
            `${lpad(String(s.id), 4)}  ${s.scenario.name}  ${s.scenario.shocks.map((x) => x.kind).join(", ")}`,
          );
        }
      }
      return;
    }
    const r = await runStressTest({
      handle,
      asOf: o.asOf,
      baseCurrency: base,
      scenario: o.scenario,
      top: 10,
    });
    if (o.json) {
      out(JSON.stringify(r));
      return;
    }
    const m = (x: number) => formatMinor(x, base);
    out(
      `${r.name} as of ${r.asOf}: EL ${m(r.baseElMinor)} → ${m(r.stressedElMinor)} ${base} (ΔEL ${m(r.deltaElMinor)}); ${r.affectedCount} customers affected`,
    );
    for (const a of r.affected) {
      out(`  ${pad(a.code, 16)} EL ${lpad(m(a.baseElMinor), 14)} → ${lpad(m(a.stressedElMinor), 14)}`);
    }
    for (const b of r.newConcentrationBreaches) {
      out(`breaks concentration limit: ${b.dimension} ${b.key} ${pct(b.share)} > ${pct(b.maxShare)}`);
    }
    out(
      `customers over their credit limit: ${r.limitBreaches.length}${r.lossBudgetBreached ? "; loss budget exceeded" : ""}`,
    );
  });
}

export async function reportCommand(o: { asOf: string; format: "html" | "pdf" | "xlsx"; out: string }) {
  await withDatabase(async ({ handle, base }) => {
    const report = await buildPortfolioReport({ handle, asOf: o.asOf, baseCurrency: base });
    const body =
      o.format === "pdf"
        ? await renderPortfolioReportPdf(report)
        : o.format === "xlsx"
          ? await renderPortfolioReportXlsx(report)
          : renderPortfolioReportHtml(report);
    writeFileSync(o.out, body);
    out(`wrote ${o.out} (${o.format}, as of ${o.asOf})`);
  });
}
