import type { Command } from "commander";
import { openAppDatabase } from "../shared/open-database.ts";

export function registerMigrateCommands(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (also done by start)")
    .action(async () => {
      const handle = await openAppDatabase();
      await handle.close();
      process.stdout.write(`migrations applied (${handle.kind})\n`);
    });
}
