import type { Command } from "commander";
import { CliError } from "../shared/fail.ts";

const today = () => new Date().toISOString().slice(0, 10);
function date(value: string | undefined, flag = "--as-of"): string {
  const v = value ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
    throw new CliError(`${flag} must be a date YYYY-MM-DD, got '${v}'`);
  }
  return v;
}
const optionalDate = (value: string | undefined, flag: string) =>
  value === undefined ? undefined : date(value, flag);
const user = () => process.env.USER ?? "cli";
const lazy = () => import("./insurance-commands.ts");

/**
 * `creditdesk insurance policies|limits|request|decide|deadlines|notify|claims|check` and
 * `creditdesk factoring agreements|sell|pledge|list|end`. Amounts are decimals in the currency
 * named (policy, agreement or invoice currency); percentages as numbers ("90" = 90 %).
 */
export function registerInsuranceCommands(program: Command): void {
  const insurance = program
    .command("insurance")
    .description("credit insurance: policies, insured limits, claims");

  const policies = insurance.command("policies").description("credit insurance policies");
  policies
    .command("list", { isDefault: true })
    .description("list policies")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => (await lazy()).listPoliciesCommand({ json: o.json === true }));
  policies
    .command("add")
    .description("record a policy")
    .requiredOption("--number <policyNumber>", "policy number")
    .requiredOption("--insurer <name>", "insurer")
    .requiredOption("--currency <code>", "policy currency")
    .requiredOption("--indemnity <percent>", "share of a loss the insurer pays, e.g. 90")
    .requiredOption("--deadline-days <days>", "overdue notification deadline, days after the due date")
    .option("--warn-days <days>", "warn this many days before the deadline", "7")
    .option("--waiting-days <days>", "waiting period before a claim is paid", "0")
    .option("--max-liability <amount>", "maximum liability")
    .option("--premium-rate <decimal>", "premium rate on insured turnover, e.g. 0.0015")
    .option("--premium <amount>", "fixed premium")
    .requiredOption("--from <date>", "valid from")
    .option("--to <date>", "valid to")
    .option("--as <login>", "who records it", user())
    .action(async (o: Record<string, string>) =>
      (await lazy()).addPolicyCommand({ ...o, from: date(o.from, "--from"), to: optionalDate(o.to, "--to") }),
    );

  insurance
    .command("limits")
    .description("insured position per buyer: limit in force, exposure, cover, excess over the insured limit")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--customer <code>", "one customer (with the decision history)")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; customer?: string; json?: boolean }) =>
      (await lazy()).limitsCommand({ asOf: date(o.asOf), customer: o.customer, json: o.json === true }),
    );
  insurance
    .command("request")
    .description("record an insured-limit request sent to the insurer")
    .argument("<policy>", "policy number")
    .argument("<customer>", "customer code")
    .argument("<amount>", "requested amount, policy currency")
    .option("--on <date>", "requested on (default today)")
    .option("--as <login>", "who requests", user())
    .action(async (policy: string, customer: string, amount: string, o: { on?: string; as: string }) =>
      (await lazy()).requestLimitCommand({
        policy,
        customer,
        amount,
        on: optionalDate(o.on, "--on"),
        as: o.as,
      }),
    );
  insurance
    .command("decide")
    .description("record the insurer's decision on an insured limit (audited)")
    .argument("<policy>", "policy number")
    .argument("<customer>", "customer code")
    .requiredOption("--requested <amount>", "amount requested")
    .requiredOption("--granted <amount>", "amount granted (0 = refused)")
    .option("--decision <kind>", "full | partial | refused (derived from the amounts when absent)")
    .requiredOption("--on <date>", "decision date")
    .option("--expires <date>", "expiry of the decision")
    .option("--conditions <text>", "the insurer's conditions")
    .option("--ref <reference>", "the insurer's reference")
    .option("--request <id>", "the pending request it answers")
    .option("--as <login>", "who records it", user())
    .option("--role <role>", "the recorder's role", "credit_manager")
    .action(async (policy: string, customer: string, o: Record<string, string>) =>
      (await lazy()).decideCommand({
        ...o,
        policy,
        customer,
        on: date(o.on, "--on"),
        expires: optionalDate(o.expires, "--expires"),
      }),
    );
  insurance
    .command("deadlines")
    .description("overdue invoices of insured buyers against their notification deadline")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--state <state>", "pending | warning | missed | notified | notified_late")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; state?: string; json?: boolean }) =>
      (await lazy()).deadlinesCommand({ asOf: date(o.asOf), state: o.state, json: o.json === true }),
    );
  insurance
    .command("notify")
    .description("record an overdue notification filed with the insurer")
    .argument("<policy>", "policy number")
    .argument("<customer>", "customer code")
    .argument("<invoices...>", "invoice numbers")
    .option("--on <date>", "filed on (default today)")
    .option("--ref <reference>", "the notification's reference")
    .option("--as <login>", "who filed it", user())
    .action(
      async (
        policy: string,
        customer: string,
        invoices: string[],
        o: { on?: string; ref?: string; as: string },
      ) =>
        (await lazy()).notifyCommand({
          policy,
          customer,
          invoices,
          on: optionalDate(o.on, "--on"),
          ref: o.ref,
          as: o.as,
        }),
    );

  const claims = insurance.command("claims").description("insurance claims");
  claims
    .command("list", { isDefault: true })
    .description("list claims")
    .option("--customer <code>", "one customer")
    .option("--json", "print JSON")
    .action(async (o: { customer?: string; json?: boolean }) =>
      (await lazy()).listClaimsCommand({ customer: o.customer, json: o.json === true }),
    );
  claims
    .command("file")
    .description("file a claim")
    .argument("<reference>", "claim reference")
    .requiredOption("--policy <number>", "policy number")
    .requiredOption("--customer <code>", "customer code")
    .requiredOption("--amount <amount>", "claimed amount, policy currency")
    .option("--on <date>", "filed on (default today)")
    .option("--notification <id>", "the overdue notification it follows")
    .option("--as <login>", "who files it", user())
    .action(async (reference: string, o: Record<string, string>) =>
      (await lazy()).fileClaimCommand({ ...o, reference, on: optionalDate(o.on, "--on") }),
    );
  claims
    .command("move")
    .description("move a claim: under_review | paid | rejected (audited)")
    .argument("<claim>", "claim reference")
    .argument("<status>", "under_review | paid | rejected")
    .option("--on <date>", "date (default today)")
    .option("--paid <amount>", "indemnity paid (status paid)")
    .option("--reason <text>", "the insurer's reason (status rejected)")
    .option("--as <login>", "who records it", user())
    .action(async (claim: string, status: string, o: Record<string, string>) =>
      (await lazy()).moveClaimCommand({ ...o, claim, status, on: optionalDate(o.on, "--on") }),
    );
  insurance
    .command("check")
    .description("raise alerts: notification deadlines near or missed, exposure above insured limits")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--json", "print JSON")
    .action(async (o: { asOf?: string; json?: boolean }) =>
      (await lazy()).checkCommand({ asOf: date(o.asOf), json: o.json === true }),
    );

  const factoring = program.command("factoring").description("factoring: receivables sold or pledged");
  const agreements = factoring.command("agreements").description("factoring agreements");
  agreements
    .command("list", { isDefault: true })
    .description("list agreements")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => (await lazy()).listAgreementsCommand({ json: o.json === true }));
  agreements
    .command("add")
    .description("record an agreement")
    .requiredOption("--reference <ref>", "agreement reference")
    .requiredOption("--factor <name>", "the factor")
    .requiredOption("--currency <code>", "currency")
    .option("--no-recourse", "without recourse (the factor bears the credit risk)")
    .requiredOption("--advance <percent>", "advance rate, e.g. 80")
    .option("--fee <percent>", "fees, e.g. 1.2", "0")
    .option("--facility <amount>", "facility limit")
    .requiredOption("--from <date>", "valid from")
    .option("--to <date>", "valid to")
    .option("--as <login>", "who records it", user())
    .action(async (o: Record<string, string | boolean>) =>
      (await lazy()).addAgreementCommand({
        ...o,
        recourse: o.recourse !== false,
        from: date(String(o.from), "--from"),
        to: optionalDate(o.to === undefined ? undefined : String(o.to), "--to"),
      }),
    );
  for (const mode of ["sell", "pledge"] as const) {
    factoring
      .command(mode)
      .description(mode === "sell" ? "sell invoices to a factor" : "pledge invoices to a factor")
      .argument("<agreement>", "agreement reference")
      .argument("<invoices...>", "invoice numbers")
      .option("--on <date>", "assigned on (default today)")
      .option("--as <login>", "who records it", user())
      .action(async (agreement: string, invoices: string[], o: { on?: string; as: string }) =>
        (await lazy()).assignCommand({
          agreement,
          invoices,
          mode: mode === "sell" ? "sold" : "pledged",
          on: optionalDate(o.on, "--on"),
          as: o.as,
        }),
      );
  }
  factoring
    .command("list")
    .description("invoices sold or pledged")
    .option("--customer <code>", "one customer")
    .option("--json", "print JSON")
    .action(async (o: { customer?: string; json?: boolean }) =>
      (await lazy()).listFactoredCommand({ customer: o.customer, json: o.json === true }),
    );
  factoring
    .command("end")
    .description("end a factored invoice: repurchased (back in exposure) or settled")
    .argument("<id>", "factored receivable id")
    .argument("<outcome>", "repurchased | settled")
    .option("--on <date>", "date (default today)")
    .option("--as <login>", "who records it", user())
    .action(async (id: string, outcome: string, o: { on?: string; as: string }) =>
      (await lazy()).endFactoredCommand({ id, outcome, on: optionalDate(o.on, "--on"), as: o.as }),
    );
}
