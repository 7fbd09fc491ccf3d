import type { Command } from "commander";

export function registerStartCommands(program: Command): void {
  program
    .command("start")
    .description("serve the API and web app (embedded database with demo data unless DATABASE_URL is set)")
    .option("--no-demo", "do not seed a demo portfolio into an empty database")
    .action(async (options: { demo: boolean }) => {
      // Loaded on use so that other commands do not pay for the server's start-up.
      const { startApp } = await import("./start-app.ts");
      await startApp({ demo: options.demo });
    });
}
