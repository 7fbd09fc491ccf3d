import { startAppServer } from "./app-server.ts";

/**
 * `node --import tsx e2e/support/serve.ts [customers]`: the e2e server (in-memory PGlite, demo
 * portfolio and demo users) for trying the workbench by hand; prints its URL, stops on Ctrl+C.
 */
const server = await startAppServer({ customers: Number(process.argv[2] ?? 40) || 40 });
process.stdout.write(`${server.url}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
