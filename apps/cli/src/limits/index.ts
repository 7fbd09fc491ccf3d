import type { Command } from "commander";

/**
 * `creditdesk limits …` and `creditdesk check …`. The CLI acts with database access (an operator's
 * tool): decisions that need a person name one with `--as LOGIN --role ROLE`, and four eyes still
 * apply (the requester can never approve their own request).
 */
export function registerLimitCommands(program: Command): void {
  const limits = program.command("limits").description("credit limits, exposure and limit requests");
  limits
    .command("recommend")
    .description("recommended limit with each method's figure and the one that bound it")
    .argument("<customer>", "customer code or id")
    .option("--currency <code>", "limit currency", "CNY")
    .option("--as-of <date>", "date YYYY-MM-DD (default today)")
    .action(async (customer: string, o: { currency: string; asOf?: string }) => {
      const { recommendCommand } = await import("./limit-commands.ts");
      await recommendCommand({ customer, currency: o.currency, ...(o.asOf ? { asOf: o.asOf } : {}) });
    });
  limits
    .command("show")
    .description("current limits and exposure (gross and net) of a customer")
    .argument("<customer>", "customer code or id")
    .option("--currency <code>", "currency to show exposure in")
    .action(async (customer: string, o: { currency?: string }) => {
      const { showCommand } = await import("./limit-commands.ts");
      await showCommand({ customer, ...(o.currency ? { currency: o.currency } : {}) });
    });
  limits
    .command("set")
    .description("set a limit directly (administration; approvals go through requests)")
    .argument("<customer>", "customer code or id")
    .argument("<amount>", "amount, e.g. 500000.00")
    .option("--currency <code>", "currency", "CNY")
    .option("--temporary", "a temporary limit (needs --valid-to)")
    .option("--valid-from <date>", "start date (default today)")
    .option("--valid-to <date>", "end date")
    .option("--as <login>", "who sets it", process.env.USER ?? "cli")
    .action(
      async (
        customer: string,
        amount: string,
        o: { currency: string; temporary?: boolean; validFrom?: string; validTo?: string; as: string },
      ) => {
        const { setCommand } = await import("./limit-commands.ts");
        await setCommand({ customer, amount, ...o });
      },
    );
  limits
    .command("request")
    .description("request a new, raised, lowered or temporary limit")
    .argument("<customer>", "customer code or id")
    .argument("<amount>", "requested amount, e.g. 800000.00")
    .requiredOption("--justification <text>", "why")
    .requiredOption("--as <login>", "requester")
    .requiredOption("--role <role>", "requester's role")
    .option("--kind <kind>", "new | raise | lower | temporary", "raise")
    .option("--currency <code>", "currency", "CNY")
    .option("--valid-to <date>", "end date (temporary limits)")
    .action(
      async (
        customer: string,
        amount: string,
        o: {
          justification: string;
          as: string;
          role: string;
          kind: string;
          currency: string;
          validTo?: string;
        },
      ) => {
        const { requestCommand } = await import("./limit-commands.ts");
        await requestCommand({ customer, amount, ...o });
      },
    );
  limits
    .command("decide")
    .description("approve, reject or send back a limit request")
    .argument("<id>", "request id")
    .argument("<decision>", "approve | reject | send_back")
    .requiredOption("--as <login>", "approver")
    .requiredOption("--role <role>", "approver's role")
    .option("--comment <text>", "comment (required to reject or send back)")
    .action(async (id: string, decision: string, o: { as: string; role: string; comment?: string }) => {
      const { decideCommand } = await import("./limit-commands.ts");
      await decideCommand({ id, decision, ...o });
    });

  program
    .command("check")
    .description("credit-check an order: approved (amount reserved) or blocked with reasons")
    .argument("<customer>", "customer code or id")
    .argument("<amount>", "order amount, e.g. 120000.00")
    .option("--currency <code>", "currency", "CNY")
    .option("--order <reference>", "order reference (idempotent per reference)")
    .option("--json", "print JSON")
    .action(
      async (customer: string, amount: string, o: { currency: string; order?: string; json?: boolean }) => {
        const { checkCommand } = await import("./limit-commands.ts");
        await checkCommand({
          customer,
          amount,
          currency: o.currency,
          json: o.json === true,
          ...(o.order ? { order: o.order } : {}),
        });
      },
    );
  limits
    .command("segments")
    .description("list the credit segments and their check steps (JSON)")
    .action(async () => {
      const { listSegmentsCommand } = await import("./segment-commands.ts");
      await listSegmentsCommand();
    });
  limits
    .command("segment-set")
    .description("create or replace a credit segment from a JSON check configuration")
    .argument("<code>", "segment code, e.g. export")
    .argument("<config>", "JSON file: { steps: [...], watchUtilisation, reservationTtlMinutes }")
    .requiredOption("--name <name>", "segment name")
    .option("--as <login>", "who changes it (audit)", process.env.USER ?? "cli")
    .action(async (code: string, file: string, o: { name: string; as: string }) => {
      const { setSegmentCommand } = await import("./segment-commands.ts");
      await setSegmentCommand({ code, file, name: o.name, as: o.as });
    });
}
