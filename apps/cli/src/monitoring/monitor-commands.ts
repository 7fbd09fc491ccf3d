import { findCustomerId } from "@creditdesk/lib/assessment";
import { loadConfig } from "@creditdesk/lib/config";
import { type AlertAction, actOnAlert, listAlerts, runMonitoring } from "@creditdesk/lib/monitoring";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);

export async function runMonitorCommand(o: {
  customers: string[];
  asOf: string;
  json: boolean;
}): Promise<void> {
  const config = loadConfig();
  const handle = await openAppDatabase();
  try {
    const ids =
      o.customers.length > 0
        ? await Promise.all(o.customers.map((c) => findCustomerId(handle, c)))
        : undefined;
    const smtpUrl = process.env.SMTP_URL;
    const s = await runMonitoring({
      handle,
      asOf: o.asOf,
      trigger: "manual",
      baseCurrency: config.baseCurrency,
      triggeredBy: "cli",
      ...(ids ? { customerIds: ids } : {}),
      ...(smtpUrl
        ? { notify: { smtpUrl, ...(process.env.SMTP_FROM ? { smtpFrom: process.env.SMTP_FROM } : {}) } }
        : {}),
    });
    if (o.json) {
      out(JSON.stringify(s));
      return;
    }
    out(
      `monitoring ${s.asOf}: ${s.customers} customers, ${s.breaches} breaches → ${s.alertsOpened} new alerts, ${s.alertsUpdated} still open, ${s.conditionsCleared} cleared, ${s.holdsPlaced} credit holds (${s.seconds.total} s)`,
    );
    for (const n of s.notes) {
      out(`note: ${n}`);
    }
  } finally {
    await handle.close();
  }
}

export async function listAlertsCommand(o: {
  all: boolean;
  severity?: string;
  customer?: string;
  json: boolean;
}): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const page = await listAlerts(handle, {
      limit: 500,
      ...(o.all ? {} : { state: ["open", "acknowledged"] as const }),
      ...(o.severity ? { severity: o.severity as "info" | "warning" | "critical" } : {}),
      ...(o.customer ? { customer: o.customer } : {}),
    });
    if (o.json) {
      out(JSON.stringify(page.items));
      return;
    }
    for (const a of page.items) {
      out(
        `#${a.id} ${a.severity.padEnd(8)} ${a.state.padEnd(12)} ${a.customer.code} ${a.customer.name} — ${a.title} (value ${Math.round(a.lastValue * 100) / 100}, threshold ${a.threshold}) → ${a.recommendedAction}`,
      );
    }
    out(`${page.items.length} alerts`);
  } finally {
    await handle.close();
  }
}

export async function alertActionCommand(o: { id: string; action: AlertAction }): Promise<void> {
  if (!/^\d+$/.test(o.id)) {
    throw new CliError(`alert id must be a number, got '${o.id}'`);
  }
  const handle = await openAppDatabase();
  try {
    const a = await actOnAlert({
      handle,
      id: Number(o.id),
      action: o.action,
      by: `cli:${process.env.USER ?? "user"}`,
    });
    out(`alert #${a.id} is now ${a.state}`);
  } finally {
    await handle.close();
  }
}
