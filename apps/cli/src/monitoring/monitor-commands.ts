import { findCustomerId } from "@creditdesk/lib/assessment";
import { loadConfig } from "@creditdesk/lib/config";
import {
  type AlertAction,
  actOnAlert,
  getAlert,
  listAlerts,
  listCreditHolds,
  releaseCreditHold,
  runMonitoring,
} from "@creditdesk/lib/monitoring";
import { AppError } from "@creditdesk/lib/shared";
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

function numericId(what: string, id: string): number {
  if (!/^\d+$/.test(id)) {
    throw new CliError(`${what} id must be a number, got '${id}'`);
  }
  return Number(id);
}

/** Field problems of a validation error on the one line the CLI prints. */
function explained(error: unknown): unknown {
  return error instanceof AppError && error.errors.length > 0
    ? new CliError(`${error.message}: ${error.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`)
    : error;
}

export async function alertActionCommand(o: { id: string; action: AlertAction }): Promise<void> {
  const id = numericId("alert", o.id);
  const handle = await openAppDatabase();
  try {
    const a = await actOnAlert({ handle, id, action: o.action, by: `cli:${process.env.USER ?? "user"}` });
    out(
      o.action.kind === "assign"
        ? `alert #${a.id} is assigned to ${a.assignee}`
        : o.action.kind === "comment"
          ? `commented on alert #${a.id} (${a.comments.length} comments)`
          : `alert #${a.id} is now ${a.state}`,
    );
  } catch (error) {
    throw explained(error);
  } finally {
    await handle.close();
  }
}

export async function showAlertCommand(o: { id: string; json: boolean }): Promise<void> {
  const id = numericId("alert", o.id);
  const handle = await openAppDatabase();
  try {
    const a = await getAlert(handle, id);
    if (o.json) {
      out(JSON.stringify(a));
      return;
    }
    const round = (v: number | null) => (v === null ? "—" : String(Math.round(v * 100) / 100));
    out(`#${a.id} ${a.severity} ${a.state} — ${a.customer.code} ${a.customer.name}`);
    out(`rule ${a.ruleCode} v${a.ruleVersion}: ${a.title}`);
    out(
      `measured ${round(a.measuredValue)} (latest ${round(a.lastValue)}) against threshold ${round(a.threshold)}${a.baseline !== null ? `, own baseline ${round(a.baseline)}` : ""}; as of ${a.asOf}`,
    );
    out(
      `department ${a.department}; recommended: ${a.recommendedAction.replaceAll("_", " ")}; assignee ${a.assignee ?? "—"}`,
    );
    if (a.dismissedReason) {
      out(`dismissed: ${a.dismissedReason}`);
    }
    for (const c of a.comments) {
      out(`  ${c.createdAt.slice(0, 16)} ${c.author}: ${c.body}`);
    }
  } finally {
    await handle.close();
  }
}

export async function listHoldsCommand(o: { all: boolean; customer?: string; json: boolean }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const holds = await listCreditHolds({
      handle,
      active: !o.all,
      ...(o.customer ? { customer: o.customer } : {}),
    });
    if (o.json) {
      out(JSON.stringify(holds));
      return;
    }
    for (const h of holds) {
      out(
        `#${h.id} ${h.customer.code} ${h.customer.name} — ${h.reason} (placed ${h.placedAt.slice(0, 10)} by ${h.placedBy}${h.releasedAt ? `; released ${h.releasedAt.slice(0, 10)} by ${h.releasedBy}: ${h.releaseReason ?? ""}` : ""})`,
      );
    }
    out(`${holds.length} ${o.all ? "" : "active "}credit holds`);
  } finally {
    await handle.close();
  }
}

export async function releaseHoldCommand(o: { id: string; reason: string }): Promise<void> {
  const id = numericId("hold", o.id);
  if (o.reason.trim().length < 3) {
    throw new CliError("--reason must say why the hold is lifted (3+ characters)");
  }
  const handle = await openAppDatabase();
  try {
    const h = await releaseCreditHold({
      handle,
      holdId: id,
      by: `cli:${process.env.USER ?? "user"}`,
      reason: o.reason,
    });
    out(`credit hold #${h.id} of ${h.customer.code} released`);
  } finally {
    await handle.close();
  }
}
