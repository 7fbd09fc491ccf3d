import { formatMinor } from "@creditdesk/core/money";
import type { CustomerProfile } from "@creditdesk/lib/archive";
import type { Command } from "commander";
import { openAppDatabase } from "../shared/open-database.ts";
import { formatTable } from "./format-table.ts";

/** `creditdesk customers show <code>`: profile, identifiers, contacts, ledger counts and balances. */
export function registerShowCustomerCommand(customers: Command): void {
  customers
    .command("show")
    .description("show one customer: profile, identifiers, contacts, counts and balances")
    .argument("<code>", "customer code (or numeric id)")
    .option("--as-of <date>", "balances as of this date (YYYY-MM-DD, default today)")
    .option("--json", "print JSON")
    .action(async (code: string, options: { asOf?: string; json?: boolean }) => {
      const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
      const { getCustomerProfile } = await import("@creditdesk/lib/archive");
      const handle = await openAppDatabase();
      try {
        const profile = await getCustomerProfile({ handle, idOrCode: code, asOf });
        process.stdout.write(options.json ? `${JSON.stringify(profile, null, 2)}\n` : renderProfile(profile));
      } finally {
        await handle.close();
      }
    });
}

/** The human-readable profile (exported for tests). */
export function renderProfile(profile: CustomerProfile): string {
  const c = profile.customer;
  const field = (label: string, value: string | number | null | undefined) =>
    value === null || value === undefined || value === "" ? [] : [`  ${label.padEnd(20)}${value}`];
  const lines = [
    `${c.code}  ${c.legalName}`,
    ...field("other names", c.otherNames.join(", ")),
    ...field("status / tier", `${c.status} / ${c.tier}`),
    ...field("company type", c.companyType),
    ...field("industry", c.industry),
    ...field("region", c.region ? `${c.region} (${c.countryCode})` : c.countryCode),
    ...field("founded", c.foundedOn),
    ...field(
      "registered capital",
      c.registeredCapitalMinor !== null && c.registeredCapitalCurrency
        ? `${formatMinor(c.registeredCapitalMinor, c.registeredCapitalCurrency)} ${c.registeredCapitalCurrency}`
        : null,
    ),
    ...field("employees", c.employees),
    ...field("payment terms", `${c.paymentTermsDays} days, ${c.defaultCurrency}`),
    ...field("sales owner", c.salesOwner),
    ...field("parent", c.parentCode),
    "",
    "Identifiers",
    c.identifiers.length === 0
      ? "  (none)"
      : c.identifiers
          .map((i) => `  ${i.type.padEnd(6)}${i.value}${i.verifiedOn ? `  verified ${i.verifiedOn}` : ""}`)
          .join("\n"),
    "",
    "Contacts",
    profile.contacts.length === 0
      ? "  (none)"
      : formatTable(profile.contacts, [
          { header: "NAME", value: (k) => `${k.name}${k.isPrimary ? " *" : ""}` },
          { header: "TITLE", value: (k) => k.title ?? "" },
          { header: "PHONE", value: (k) => k.phone ?? "" },
          { header: "E-MAIL", value: (k) => k.email ?? "" },
        ])
          .split("\n")
          .map((l) => `  ${l}`)
          .join("\n"),
    "",
    `Ledger  ${profile.counts.invoices} invoices, ${profile.counts.payments} payments, ${profile.counts.openOrders} open orders, ${profile.counts.openDisputes} open disputes`,
    profile.balances.length === 0
      ? `  no open receivables as of ${profile.asOf}`
      : formatTable(profile.balances, [
          { header: "CURRENCY", value: (b) => b.currency },
          { header: "OPEN INVOICES", value: (b) => String(b.openInvoices), right: true },
          { header: "OPEN", value: (b) => formatMinor(b.openMinor, b.currency), right: true },
          {
            header: `OVERDUE (${profile.asOf})`,
            value: (b) => formatMinor(b.overdueMinor, b.currency),
            right: true,
          },
        ])
          .split("\n")
          .map((l) => `  ${l}`)
          .join("\n"),
  ];
  return `${lines.join("\n")}\n`;
}
