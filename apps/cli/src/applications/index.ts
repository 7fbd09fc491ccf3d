import type { Command } from "commander";

/**
 * `creditdesk applications list|show|create|check|decide|condition-met|case-file` and
 * `creditdesk risks list|add|close`. Like the limits commands the
 * CLI is an operator's tool with database access: who acts is named with `--as LOGIN --role ROLE`,
 * and four eyes still apply (the creator of an application never decides it).
 */
export function registerApplicationCommands(program: Command): void {
  const apps = program.command("applications").description("credit applications and new-customer screening");
  apps
    .command("list")
    .description("applications, newest first")
    .option("--status <status>", "submitted | in_review | approved | approved_with_conditions | declined")
    .option("--json", "print JSON")
    .action(async (o: { status?: string; json?: boolean }) => {
      const { listCommand } = await import("./application-commands.ts");
      await listCommand({ json: o.json === true, ...(o.status ? { status: o.status } : {}) });
    });
  apps
    .command("show")
    .description("an application with checklist, signals, duplicates and decision (JSON)")
    .argument("<id>", "application id (or APP-<id>)")
    .action(async (id: string) => {
      const { showCommand } = await import("./application-commands.ts");
      await showCommand({ id });
    });
  apps
    .command("create")
    .description("enter an application from a JSON file (fields of POST /applications)")
    .requiredOption("--file <path>", "JSON file")
    .requiredOption("--as <login>", "who enters it")
    .option("--role <role>", "their role", "sales")
    .action(async (o: { file: string; as: string; role: string }) => {
      const { createCommand } = await import("./application-commands.ts");
      await createCommand(o);
    });
  apps
    .command("check")
    .description("run duplicate detection and the fraud and integrity signals")
    .argument("<id>", "application id")
    .requiredOption("--as <login>", "who runs it")
    .option("--role <role>", "their role", "credit_analyst")
    .action(async (id: string, o: { as: string; role: string }) => {
      const { checkCommand } = await import("./application-commands.ts");
      await checkCommand({ id, ...o });
    });
  apps
    .command("decide")
    .description("approve, approve_with_conditions or decline an application")
    .argument("<id>", "application id")
    .argument("<decision>", "approve | approve_with_conditions | decline")
    .requiredOption("--as <login>", "who decides (never the creator)")
    .requiredOption("--role <role>", "their role (limit authority)")
    .option("--reason <text>", "reason (required to decline)")
    .option("--limit <amount>", "approved limit, e.g. 500000.00 (default: requested)")
    .option("--terms <days>", "payment terms in days (default: requested)")
    .option("--review-on <date>", "next review YYYY-MM-DD")
    .option("--prepayment <percent>", "condition: prepayment share in percent")
    .option("--guarantee <amount>", "condition: guarantee amount")
    .option("--insurance <amount>", "condition: credit insurance cover")
    .action(
      async (
        id: string,
        decision: string,
        o: {
          as: string;
          role: string;
          reason?: string;
          limit?: string;
          terms?: string;
          reviewOn?: string;
          prepayment?: string;
          guarantee?: string;
          insurance?: string;
        },
      ) => {
        const { decideCommand } = await import("./application-commands.ts");
        await decideCommand({ id, decision, ...o });
      },
    );
  apps
    .command("condition-met")
    .description(
      "record that a condition of an approval with conditions is met (the account stays on hold until all are)",
    )
    .argument("<id>", "application id")
    .argument("<kind>", "prepayment | guarantee | credit_insurance")
    .requiredOption("--as <login>", "who records it")
    .option("--reference <text>", "guarantee / policy reference")
    .option("--valid-from <date>", "guarantee valid from YYYY-MM-DD")
    .option("--expires-on <date>", "guarantee expires on YYYY-MM-DD")
    .option("--note <text>", "note")
    .action(
      async (
        id: string,
        kind: string,
        o: { as: string; reference?: string; validFrom?: string; expiresOn?: string; note?: string },
      ) => {
        const { conditionMetCommand } = await import("./application-commands.ts");
        await conditionMetCommand({ id, kind, ...o });
      },
    );
  apps
    .command("case-file")
    .description("write the case file as PDF (or JSON with a .json file name)")
    .argument("<id>", "application id")
    .requiredOption("--out <file>", "output file (.pdf or .json)")
    .option("--lang <language>", "zh or en (default: by the prospect's country)")
    .action(async (id: string, o: { out: string; lang?: string }) => {
      const { caseFileCommand } = await import("./application-commands.ts");
      await caseFileCommand({ id, out: o.out, ...(o.lang ? { lang: o.lang } : {}) });
    });

  const risks = program
    .command("risks")
    .description("a customer's risk register (credit, operational, market, reputation)");
  risks
    .command("list")
    .description("the register, open entries first")
    .argument("<customer>", "customer id or code")
    .option("--json", "print JSON")
    .action(async (customer: string, o: { json?: boolean }) => {
      const { listRisksCommand } = await import("./risk-commands.ts");
      await listRisksCommand({ customer, json: o.json === true });
    });
  risks
    .command("add")
    .description("register a risk (audited)")
    .argument("<customer>", "customer id or code")
    .requiredOption("--as <login>", "who registers it")
    .option("--role <role>", "their role", "credit_analyst")
    .requiredOption("--category <category>", "credit | operational | market | reputation")
    .requiredOption("--description <text>", "what the risk is")
    .requiredOption("--likelihood <1-5>", "likelihood")
    .requiredOption("--impact <1-5>", "impact")
    .requiredOption("--owner <name>", "who owns it")
    .requiredOption("--review-on <date>", "next review YYYY-MM-DD")
    .option("--mitigation <text>", "mitigation")
    .action(
      async (
        customer: string,
        o: {
          as: string;
          role: string;
          category: string;
          description: string;
          likelihood: string;
          impact: string;
          owner: string;
          reviewOn: string;
          mitigation?: string;
        },
      ) => {
        const { addRiskCommand } = await import("./risk-commands.ts");
        await addRiskCommand({ customer, ...o });
      },
    );
  risks
    .command("close")
    .description("close a risk with a reason (who, when and why kept and audited)")
    .argument("<customer>", "customer id or code")
    .argument("<risk-id>", "risk id")
    .requiredOption("--as <login>", "who closes it")
    .option("--role <role>", "their role", "credit_analyst")
    .requiredOption("--reason <text>", "why it is closed")
    .action(async (customer: string, riskId: string, o: { as: string; role: string; reason: string }) => {
      const { closeRiskCommand } = await import("./risk-commands.ts");
      await closeRiskCommand({ customer, riskId, ...o });
    });
}
