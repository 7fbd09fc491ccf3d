import type { Command } from "commander";

const today = () => new Date().toISOString().slice(0, 10);
const list = (value: string, previous: string[] = []) => [...previous, ...value.split(",").filter(Boolean)];

/** `creditdesk collections worklist|dun|action|promise|interest-statement` (催收). */
export function registerCollectionCommands(program: Command): void {
  const c = program
    .command("collections")
    .description("collections (催收): worklist, dunning, promises, interest");
  c.command("worklist")
    .description("overdue invoices ranked by amount × days overdue × risk")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--collector <login>", "only this collector's customers")
    .option("--owner <name>", "only this sales owner's customers")
    .option("--department <team>", "only customers whose collector or owner is in this team")
    .option("--customer <code>", "only this customer")
    .option("--level <n>", "only invoices at this dunning level (0 = never dunned)")
    .option("--include-disputed", "keep disputed invoices (flagged)")
    .option("--limit <n>", "rows (default 50)", "50")
    .option("--json", "print JSON")
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const { worklistCommand } = await import("./collection-commands.ts");
      await worklistCommand({ ...o, asOf: (o.asOf as string | undefined) ?? today() });
    });
  c.command("dun")
    .description("propose the next dunning level of every overdue invoice; --execute carries it out")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--customer <code>", "only these customers (repeatable, comma-separated)", list)
    .option("--execute", "record the actions, send reminder e-mails (SMTP_URL), place credit holds")
    .option("--locale <locale>", "zh-CN or en for every message (default by the customer's country)")
    .requiredOption("--as <login>", "who runs it (recorded on every action)")
    .option("--json", "print JSON")
    .action(
      async (o: {
        asOf?: string;
        customer?: string[];
        execute?: boolean;
        locale?: string;
        as: string;
        json?: boolean;
      }) => {
        const { dunCommand } = await import("./collection-commands.ts");
        await dunCommand({ ...o, asOf: o.asOf ?? today() });
      },
    );
  c.command("action")
    .description("log a collection action by hand: a call with its outcome, a note, or a legal handover")
    .argument("<customer>", "customer code or id")
    .requiredOption("--kind <kind>", "call, note or legal")
    .option(
      "--outcome <outcome>",
      "call outcome: reached, no_answer, promised, disputed, refused, wrong_contact",
    )
    .option("--invoices <numbers>", "invoice numbers, comma-separated (required for legal)", list)
    .option("--contact <name>", "call: who was reached")
    .option("--phone <number>", "call: the number called")
    .option("--callback <date>", "call: call back on YYYY-MM-DD")
    .option("--to <party>", "legal: handed over to (lawyer, agency)")
    .option("--reference <ref>", "legal: case reference")
    .option("--note <text>", "note (required for kind note)")
    .requiredOption("--as <login>", "who records it")
    .option("--json", "print JSON")
    .action(
      async (
        customer: string,
        o: {
          kind: string;
          outcome?: string;
          invoices?: string[];
          contact?: string;
          phone?: string;
          callback?: string;
          to?: string;
          reference?: string;
          note?: string;
          as: string;
          json?: boolean;
        },
      ) => {
        const { actionCommand } = await import("./collection-commands.ts");
        await actionCommand({ customer, ...o });
      },
    );
  const promise = c.command("promise").description("promises to pay");
  promise
    .command("add")
    .description("record a promise to pay for invoices of a customer")
    .argument("<customer>", "customer code or id")
    .requiredOption("--invoices <numbers>", "invoice numbers, comma-separated", list)
    .requiredOption("--amount <decimal>", "promised amount, e.g. 12000.00 (in the invoices' currency)")
    .requiredOption("--date <date>", "promised payment date YYYY-MM-DD")
    .option("--grace <days>", "grace days (default from the settings)")
    .option("--contact <name>", "who promised")
    .requiredOption("--as <login>", "who records it")
    .action(
      async (
        customer: string,
        o: { invoices: string[]; amount: string; date: string; grace?: string; contact?: string; as: string },
      ) => {
        const { promiseAddCommand } = await import("./collection-commands.ts");
        await promiseAddCommand({ customer, ...o });
      },
    );
  promise
    .command("evaluate")
    .description("evaluate open promises: kept, broken (raises an alert) or still open")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .requiredOption("--as <login>", "who runs it")
    .action(async (o: { asOf?: string; as: string }) => {
      const { promiseEvaluateCommand } = await import("./collection-commands.ts");
      await promiseEvaluateCommand({ as: o.as, asOf: o.asOf ?? today() });
    });
  c.command("interest-statement")
    .description("write a customer's late-payment interest statement at the contract rate")
    .argument("<customer>", "customer code or id")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .option("--from <date>", "late payments received since (default one year before as-of)")
    .requiredOption("--out <file>", "output file (.pdf, .html or .json)")
    .action(async (customer: string, o: { asOf?: string; from?: string; out: string }) => {
      const { interestStatementCommand } = await import("./collection-commands.ts");
      await interestStatementCommand({ customer, ...o, asOf: o.asOf ?? today() });
    });
}
