import type { Command } from "commander";

/**
 * `creditdesk users create-admin|create|list`, `creditdesk tokens create|revoke`,
 * `creditdesk audit verify|export`. Passwords are read from a prompt or stdin, never from argv.
 */
export function registerIdentityCommands(program: Command): void {
  const users = program.command("users").description("users and roles");
  users
    .command("create-admin")
    .description("create an administrator (password prompted, or read from stdin)")
    .requiredOption("--login <login>", "login name")
    .option("--name <displayName>", "display name")
    .option("--password-stdin", "read the password from the first line of stdin")
    .action(async (o: { login: string; name?: string; passwordStdin?: boolean }) => {
      const { createUserCommand } = await import("./user-commands.ts");
      await createUserCommand({
        login: o.login,
        role: "admin",
        displayName: o.name,
        passwordStdin: o.passwordStdin ?? false,
      });
    });
  users
    .command("create")
    .description("create a user of a role (password prompted, or read from stdin)")
    .requiredOption("--login <login>", "login name")
    .requiredOption(
      "--role <role>",
      "admin, credit_manager, credit_analyst, finance_ar, sales, auditor or viewer",
    )
    .option("--name <displayName>", "display name")
    .option("--team <team>", "team (sales data scope)")
    .option("--password-stdin", "read the password from the first line of stdin")
    .action(
      async (o: { login: string; role: string; name?: string; team?: string; passwordStdin?: boolean }) => {
        const { createUserCommand } = await import("./user-commands.ts");
        await createUserCommand({ ...o, displayName: o.name, passwordStdin: o.passwordStdin ?? false });
      },
    );
  users
    .command("list")
    .description("list users with role, team and status")
    .action(async () => {
      const { listUsersCommand } = await import("./user-commands.ts");
      await listUsersCommand();
    });

  const tokens = program.command("tokens").description("API tokens (Authorization: Bearer cd_…)");
  tokens
    .command("create")
    .description("create an API token for a user; prints the token once")
    .requiredOption("--user <login>", "the user the token acts as")
    .requiredOption("--scope <scope>", "read, write, or a comma-separated permission list")
    .option("--name <name>", "what the token is for", "cli")
    .action(async (o: { user: string; scope: string; name: string }) => {
      const { createTokenCommand } = await import("./user-commands.ts");
      await createTokenCommand(o);
    });
  tokens
    .command("revoke")
    .description("revoke an API token by id")
    .argument("<id>", "token id (see GET /users/{login}/tokens)")
    .action(async (id: string) => {
      const { revokeTokenCommand } = await import("./user-commands.ts");
      await revokeTokenCommand(Number(id));
    });

  const audit = program.command("audit").description("the tamper-evident audit trail");
  audit
    .command("verify")
    .description("walk the hash chain; exit 1 naming the first broken entry")
    .action(async () => {
      const { verifyAuditCommand } = await import("./audit-commands.ts");
      await verifyAuditCommand();
    });
  audit
    .command("export")
    .description("write audit entries to stdout")
    .option("--from <date>", "from (date or ISO instant, inclusive)")
    .option("--to <date>", "to (date or ISO instant, inclusive)")
    .option("--format <format>", "csv or json (JSON Lines)", "csv")
    .action(async (o: { from?: string; to?: string; format: string }) => {
      const { exportAuditCommand } = await import("./audit-commands.ts");
      await exportAuditCommand(o);
    });
}
