import { formatMinor } from "@creditdesk/core/money";
import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";
import { formatTable } from "./format-table.ts";

interface ListOptions {
  q?: string;
  industry?: string;
  region?: string;
  status?: string;
  sort?: string;
  limit: string;
  json?: boolean;
}

/** `creditdesk customers list`: a readable table (or JSON) of customers, searched and filtered. */
export function registerListCustomersCommand(customers: Command): void {
  customers
    .command("list")
    .description("list customers (search by code, name, other names or identifier)")
    .option("--q <text>", "free-text search (Chinese works)")
    .option("--industry <industry>", "only this industry")
    .option("--region <region>", "only this region")
    .option("--status <status>", "prospect, active, inactive or closed")
    .option("--sort <field>", "code, legalName, createdAt, updatedAt or id; prefix - for descending", "code")
    .option("--limit <n>", "how many (1–500)", "50")
    .option("--json", "print JSON instead of a table")
    .action(async (options: ListOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new CliError(`--limit must be a whole number from 1 to 500, not ${options.limit}`);
      }
      const { listCustomers } = await import("@creditdesk/lib/archive");
      const handle = await openAppDatabase();
      try {
        const page = await listCustomers({
          handle,
          q: options.q,
          filters: { industry: options.industry, region: options.region, status: options.status },
          params: { sort: options.sort, limit },
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(page.items, null, 2)}\n`);
          return;
        }
        if (page.items.length === 0) {
          process.stdout.write("no customers match\n");
          return;
        }
        const table = formatTable(page.items, [
          { header: "CODE", value: (c) => c.code },
          { header: "LEGAL NAME", value: (c) => c.legalName, max: 40 },
          { header: "INDUSTRY", value: (c) => c.industry ?? "" },
          { header: "REGION", value: (c) => c.region ?? "", max: 16 },
          { header: "TIER", value: (c) => c.tier },
          { header: "STATUS", value: (c) => c.status },
          { header: "TERMS", value: (c) => `${c.paymentTermsDays}d`, right: true },
          {
            header: "REG. CAPITAL",
            right: true,
            value: (c) =>
              c.registeredCapitalMinor !== null && c.registeredCapitalCurrency
                ? `${formatMinor(c.registeredCapitalMinor, c.registeredCapitalCurrency)} ${c.registeredCapitalCurrency}`
                : "",
          },
          {
            header: "IDENTIFIER",
            value: (c) => (c.identifiers[0] ? `${c.identifiers[0].type}:${c.identifiers[0].value}` : ""),
          },
        ]);
        const more = page.nextCursor ? `\n(more customers: raise --limit or narrow with --q)` : "";
        process.stdout.write(`${table}\n${page.items.length} customer(s)${more}\n`);
      } finally {
        await handle.close();
      }
    });
}
