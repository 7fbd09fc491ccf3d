import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";

const today = () => new Date().toISOString().slice(0, 10);
function checkDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliError(`--as-of must be a date YYYY-MM-DD, got '${value}'`);
  }
  return value;
}

/** `creditdesk monitor run`, `creditdesk alerts list|ack|resolve`. */
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
}
