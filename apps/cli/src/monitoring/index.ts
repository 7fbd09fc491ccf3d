import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";
import type { ChannelFlags } from "./channel-commands.ts";

const today = () => new Date().toISOString().slice(0, 10);
function checkDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliError(`--as-of must be a date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}

/**
 * `creditdesk monitor run|holds|channels …`, `creditdesk alerts list|show|ack|assign|comment|resolve|dismiss`.
 */
export function registerMonitoringCommands(program: Command): void {
  const monitor = program.command("monitor").description("early-warning monitoring");
  monitor
    .command("run")
    .description(
      "evaluate every monitoring rule over the portfolio (or the given customers) and record alerts",
    )
    .argument("[customers...]", "customer codes (incremental run); all when absent")
    .option("--as-of <date>", "monitoring date YYYY-MM-DD (default today)")
    .option("--json", "print JSON")
    .action(async (customers: string[], o: { asOf?: string; json?: boolean }) => {
      const { runMonitorCommand } = await import("./monitor-commands.ts");
      await runMonitorCommand({ customers, asOf: checkDate(o.asOf ?? today()), json: o.json === true });
    });

  const alerts = program.command("alerts").description("early-warning alerts");
  alerts
    .command("list")
    .description("list alerts (open and acknowledged by default)")
    .option("--all", "every state")
    .option("--severity <severity>", "info | warning | critical")
    .option("--customer <code>", "one customer")
    .option("--json", "print JSON")
    .action(async (o: { all?: boolean; severity?: string; customer?: string; json?: boolean }) => {
      const { listAlertsCommand } = await import("./monitor-commands.ts");
      await listAlertsCommand({
        all: o.all === true,
        json: o.json === true,
        ...(o.severity ? { severity: o.severity } : {}),
        ...(o.customer ? { customer: o.customer } : {}),
      });
    });
  alerts
    .command("ack")
    .description("acknowledge an alert")
    .argument("<id>", "alert id")
    .action(async (id: string) => {
      const { alertActionCommand } = await import("./monitor-commands.ts");
      await alertActionCommand({ id, action: { kind: "acknowledge" } });
    });
  alerts
    .command("resolve")
    .description("resolve an alert")
    .argument("<id>", "alert id")
    .option("--note <text>", "resolution note")
    .action(async (id: string, o: { note?: string }) => {
      const { alertActionCommand } = await import("./monitor-commands.ts");
      await alertActionCommand({ id, action: { kind: "resolve", ...(o.note ? { note: o.note } : {}) } });
    });
  alerts
    .command("dismiss")
    .description("dismiss an alert, with the reason")
    .argument("<id>", "alert id")
    .requiredOption("--reason <text>", "why the alert is dismissed")
    .action(async (id: string, o: { reason: string }) => {
      const { alertActionCommand } = await import("./monitor-commands.ts");
      await alertActionCommand({ id, action: { kind: "dismiss", reason: o.reason } });
    });
  alerts
    .command("assign")
    .description("assign an alert to a user (who gets an inbox entry)")
    .argument("<id>", "alert id")
    .argument("<login>", "the user's login")
    .action(async (id: string, login: string) => {
      const { alertActionCommand } = await import("./monitor-commands.ts");
      await alertActionCommand({ id, action: { kind: "assign", assignee: login } });
    });
  alerts
    .command("comment")
    .description("comment on an alert")
    .argument("<id>", "alert id")
    .argument("<text>", "the comment")
    .action(async (id: string, text: string) => {
      const { alertActionCommand } = await import("./monitor-commands.ts");
      await alertActionCommand({ id, action: { kind: "comment", body: text } });
    });
  alerts
    .command("show")
    .description("one alert with its comments")
    .argument("<id>", "alert id")
    .option("--json", "print JSON")
    .action(async (id: string, o: { json?: boolean }) => {
      const { showAlertCommand } = await import("./monitor-commands.ts");
      await showAlertCommand({ id, json: o.json === true });
    });

  const holds = monitor.command("holds").description("credit holds placed by critical alerts");
  holds
    .command("list", { isDefault: true })
    .description("active credit holds (--all: released ones too)")
    .option("--all", "released holds too")
    .option("--customer <code>", "one customer")
    .option("--json", "print JSON")
    .action(async (o: { all?: boolean; customer?: string; json?: boolean }) => {
      const { listHoldsCommand } = await import("./monitor-commands.ts");
      await listHoldsCommand({
        all: o.all === true,
        json: o.json === true,
        ...(o.customer ? { customer: o.customer } : {}),
      });
    });
  holds
    .command("release")
    .description("release a credit hold (recorded with who, when and why)")
    .argument("<id>", "hold id")
    .requiredOption("--reason <text>", "why the hold is lifted")
    .action(async (id: string, o: { reason: string }) => {
      const { releaseHoldCommand } = await import("./monitor-commands.ts");
      await releaseHoldCommand({ id, reason: o.reason });
    });

  registerChannelCommands(monitor);
}

const MODE_HELP = "immediate | digest | off";

/** `creditdesk monitor channels list|add|update|disable|test|deliveries`. */
function registerChannelCommands(monitor: Command): void {
  const channels = monitor
    .command("channels")
    .description("outbound notification channels: e-mail recipients and signed webhooks");
  const common = (c: Command) =>
    c
      .option("--name <name>", "a label")
      .option("--department <department>", "only this department's alerts: finance | sales | credit")
      .option("--info <mode>", `info alerts: ${MODE_HELP}`)
      .option("--warning <mode>", `warning alerts: ${MODE_HELP}`)
      .option("--critical <mode>", `critical alerts: ${MODE_HELP}`)
      .option("--to <addresses>", "e-mail: recipients, comma-separated")
      .option("--url <url>", "webhook: the http(s) URL")
      .option("--secret <secret>", "webhook: HMAC key, 16+ characters (generated when absent)")
      .option("--json", "print JSON");
  channels
    .command("list")
    .description("every channel (secrets never shown)")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const { listChannelsCommand } = await import("./channel-commands.ts");
      await listChannelsCommand({ json: o.json === true });
    });
  common(
    channels
      .command("add")
      .description("add a channel (default: critical immediate, warning in the daily digest, info off)")
      .argument("<kind>", "email | webhook"),
  ).action(async (kind: string, o: ChannelFlags) => {
    const { addChannelCommand } = await import("./channel-commands.ts");
    await addChannelCommand(kind, o);
  });
  common(
    channels
      .command("update")
      .description("change a channel")
      .argument("<id>", "channel id")
      .option("--all-departments", "every department's alerts")
      .option("--rotate-secret", "webhook: generate a new secret (shown once)")
      .option("--enable", "enable a disabled channel"),
  ).action(async (id: string, o: ChannelFlags) => {
    const { updateChannelCommand } = await import("./channel-commands.ts");
    await updateChannelCommand(id, o);
  });
  channels
    .command("disable")
    .description("stop a channel (pending deliveries are logged as not sent)")
    .argument("<id>", "channel id")
    .action(async (id: string) => {
      const { disableChannelCommand } = await import("./channel-commands.ts");
      await disableChannelCommand(id);
    });
  channels
    .command("test")
    .description("send a test message through a channel now (SMTP_URL for e-mail) and log it")
    .argument("<id>", "channel id")
    .action(async (id: string) => {
      const { testChannelCommand } = await import("./channel-commands.ts");
      await testChannelCommand(id);
    });
  channels
    .command("deliveries")
    .description("a channel's delivery log, newest first")
    .argument("<id>", "channel id")
    .option("--status <status>", "pending | sent | failed")
    .option("--limit <n>", "at most n entries (default 50)")
    .option("--json", "print JSON")
    .action(async (id: string, o: { status?: string; limit?: string; json?: boolean }) => {
      const { deliveriesCommand } = await import("./channel-commands.ts");
      await deliveriesCommand(id, {
        json: o.json === true,
        ...(o.status ? { status: o.status } : {}),
        ...(o.limit ? { limit: o.limit } : {}),
      });
    });
}
