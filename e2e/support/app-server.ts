import { type DatabaseHandle, migrateDatabase, openDatabase } from "@creditdesk/db";
import { seedDemoIfEmpty } from "@creditdesk/lib/demo";
import { seedDemoUsers } from "@creditdesk/lib/identity";
import { buildServer } from "@creditdesk/server";
import { registerWeb } from "../../apps/server/src/web/index.ts";
import { ensureWebBuilt } from "../../apps/web/scripts/ensure-built.ts";

export interface AppServer {
  url: string;
  handle: DatabaseHandle;
  close: () => Promise<void>;
}

/**
 * The real CreditDesk server, as `npm start` runs it, on an in-memory PGlite database with a small
 * demo portfolio and the demo users (one per role), listening on a free port, serving the built web workbench.
 */
export async function startAppServer(options: { customers?: number } = {}): Promise<AppServer> {
  const [{ distDir }, handle] = await Promise.all([ensureWebBuilt(), openDatabase({ dataDir: "memory://" })]);
  await migrateDatabase(handle);
  await seedDemoIfEmpty(handle, { customers: options.customers ?? 40, years: 2, seed: 7 });
  // One user per role, password `<login>-demo-2025` (as `npm start` does with the demo portfolio).
  await seedDemoUsers({ handle });
  const app = await buildServer({
    handle,
    logger: false,
    capabilities: [(instance) => registerWeb(instance, { distDir })],
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") {
    throw new Error("server has no TCP address");
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
