import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** API paths proxied to `npm start` on :3000 while developing with `vite dev`. */
const API_PREFIXES = [
  "/customers",
  "/contacts",
  "/financial-statements",
  "/external-ratings",
  "/external-events",
  "/complaints",
  "/customer-defaults",
  "/invoices",
  "/payments",
  "/sales-orders",
  "/credit-notes",
  "/disputes",
  "/fx-rates",
  "/assessments",
  "/assessment-runs",
  "/scorecards",
  "/portfolio",
  "/credit-checks",
  "/limit-requests",
  "/limit-authorities",
  "/blocked-orders",
  "/auth",
  "/users",
  "/audit",
  "/alerts",
  "/monitoring",
  "/inbox",
  "/reviews",
  "/health",
  "/openapi.json",
  "/docs",
];

const api: ProxyOptions = {
  target: "http://localhost:3000",
  // A browser navigation to a client route (/customers/C001) is the app's, not the API's.
  bypass: (req) =>
    req.headers.accept?.includes("text/html") && !req.url?.startsWith("/docs") ? "/index.html" : undefined,
};

/**
 * The CreditDesk web workbench. Built into `apps/web/dist` (see scripts/ensure-built.ts) and
 * served by the API server (`apps/server/src/web`); everything is bundled, no CDN at run time.
 */
export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, api])),
  },
});
