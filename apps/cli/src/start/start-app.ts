import { readServerSettings, serverSettingsWarnings } from "@creditdesk/db";
import { runAssessments } from "@creditdesk/lib/assessment";
import { loadConfig } from "@creditdesk/lib/config";
import { seedDemoIfEmpty } from "@creditdesk/lib/demo";
import { seedDemoUsers } from "@creditdesk/lib/identity";
import { startMonitoringScheduler } from "@creditdesk/lib/monitoring";
import { buildServer, registerWeb } from "@creditdesk/server";
import { ensureWebBuilt } from "@creditdesk/web/ensure-built";
import { openAppDatabase } from "../shared/open-database.ts";

/**
 * `creditdesk start`: open (and migrate) the database, seed the demo portfolio into an empty one,
 * serve until SIGINT/SIGTERM, then close the server and the database cleanly (PGlite flushes).
 */
export async function startApp(options: { demo: boolean }): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  // The web workbench is (re)built only when its sources changed since the last build.
  const [web, handle] = await Promise.all([ensureWebBuilt(), openAppDatabase()]);
  if (web.built) {
    log("built the web workbench");
  }
  const where =
    handle.kind === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
  log(`database: ${where}, migrations applied`);
  if (handle.kind === "postgres") {
    for (const warning of serverSettingsWarnings(handle.kind, await readServerSettings(handle.db))) {
      log(`warning: ${warning}`);
    }
  }
  if (options.demo && config.demo) {
    const seeded = await seedDemoIfEmpty(
      handle,
      { customers: config.demoCustomers, years: 3, seed: 42 },
      config.baseCurrency,
    );
    if (seeded.seeded) {
      log(
        `empty database: seeded a demo portfolio in ${seeded.seconds.toFixed(1)} s (${summarise(seeded)}) — CREDITDESK_DEMO=0 turns this off`,
      );
      // Demo users, one per role, with the passwords published in README "Demo users" — only here,
      // with the demo portfolio in an empty database.
      const demoUsers = await seedDemoUsers({ handle });
      if (demoUsers > 0) {
        log(`created ${demoUsers} demo users (one per role; see README "Demo users")`);
      }
      // A demo without scores shows little: assess the new portfolio once, as of today.
      const run = await runAssessments({
        handle,
        asOf: new Date().toISOString().slice(0, 10),
        baseCurrency: config.baseCurrency,
        trigger: "bulk",
        triggeredBy: "system:demo-seed",
      });
      log(
        `assessed the demo portfolio: ${run.byGrade.low} low, ${run.byGrade.medium} medium, ${run.byGrade.high} high risk (${run.seconds.total} s)`,
      );
    }
  }
  const app = await buildServer({
    handle,
    baseCurrency: config.baseCurrency,
    capabilities: [(instance) => registerWeb(instance, { distDir: web.distDir })],
    logger: config.logLevel !== "silent" ? { level: config.logLevel } : false,
  });
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log(
    `CreditDesk is serving on http://${shown}:${port} (API docs at /docs) — ready in ${Date.now() - started} ms`,
  );

  // Nightly monitoring run and digest, and incremental monitoring on domain events.
  const scheduler = startMonitoringScheduler({
    handle,
    baseCurrency: config.baseCurrency,
    hour: config.monitorHour,
    notify: { ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}), smtpFrom: config.smtpFrom },
    log,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    log(`${signal}: shutting down`);
    scheduler.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

function summarise(counts: object): string {
  return Object.entries(counts)
    .filter(([k, v]) => k !== "seeded" && k !== "seconds" && typeof v === "number")
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
}

function log(line: string): void {
  process.stdout.write(`creditdesk: ${line}\n`);
}
