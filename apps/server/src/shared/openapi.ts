import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** Tags of the API, one per resource, grouped by capability (archive, ledger, fx). */
export const OPENAPI_TAGS = [
  {
    name: "Archive: customers",
    description: "Customer profiles with registry identifiers (USCC, LEI, DUNS, VAT)",
  },
  {
    name: "Archive: contacts",
    description: "Customer contacts, flat (`/contacts`) or nested (`/customers/{idOrCode}/contacts`)",
  },
  {
    name: "Archive: financial statements",
    description: "Statements per period; lines in minor units of `currency`",
  },
  { name: "Archive: external ratings", description: "Ratings by outside agencies" },
  { name: "Archive: external events", description: "Lawsuits, enforcement, management changes …" },
  { name: "Archive: complaints", description: "Customer complaints" },
  { name: "Archive: customer defaults", description: "Realised defaults (model outcomes)" },
  { name: "Ledger: sales orders", description: "Orders; `…Minor` amounts in `currency`" },
  { name: "Ledger: invoices", description: "Receivables with allocated, credited and open amounts" },
  { name: "Ledger: payments", description: "Payments and their allocations to invoices" },
  { name: "Ledger: credit notes", description: "Credit notes, optionally against an invoice" },
  { name: "Ledger: disputes", description: "Disputed amounts" },
  { name: "FX: rates", description: "Exchange rates by date and currency pair (exact decimals)" },
  { name: "Reviews", description: "Periodic credit reviews: due list, completion, review report (HTML/PDF)" },
  {
    name: "Portfolio",
    description:
      "Portfolio risk: view, concentration and its limits, expected loss, grade migration, PD back-test, stress tests, report",
  },
  {
    name: "Assessment",
    description: "Scores, PD, grades, reason codes and policy; credit file; bulk runs; scorecard versions",
  },
  {
    name: "Limits: credit checks",
    description: "Real-time credit check of orders (approved / blocked with reasons), reservations",
  },
  { name: "Limits: limits and exposure", description: "Limits with history, temporary limits, exposure" },
  { name: "Limits: requests", description: "Limit requests routed by the authority matrix (four eyes)" },
  { name: "Limits: blocked orders", description: "Blocked orders queue: release or reject" },
  { name: "Limits: contracts", description: "Payment terms, late-payment interest, penalties, securities" },
  { name: "Limits: credit segments", description: "Credit segments and their check steps" },
  {
    name: "Insurance",
    description:
      "Credit insurance: policies, insured limits and insurer decisions, exposure net of cover, notification deadlines, claims",
  },
  {
    name: "Factoring",
    description: "Factoring agreements; invoices sold or pledged (with or without recourse)",
  },
  {
    name: "Monitoring",
    description:
      "Early-warning rules, monitoring runs, alerts (acknowledge, assign, resolve, dismiss) and the inbox",
  },
  {
    name: "Applications",
    description:
      "Credit applications and new-customer screening: duplicates, investigation checklist, fraud signals, decision, case file",
  },
  {
    name: "Applications: public form",
    description: "Token links to the public application form (no sign-in)",
  },
  {
    name: "Applications: risk register",
    description: "Credit, operational, market and reputation risks per customer",
  },
  { name: "Identity: sign-in", description: "Sessions (cookie + CSRF header) and the signed-in user" },
  { name: "Identity: users and tokens", description: "Users, roles and API tokens (administrators)" },
  { name: "Models", description: "Model registry: metrics, scorecard tables, champion vs challenger" },
  {
    name: "Import",
    description: "Web import wizard: upload a CSV/XLSX file, map columns, preview problems, commit",
  },
  {
    name: "Collections",
    description:
      "催收: ranked worklist, dunning runs and actions, promises to pay, late-payment interest statements",
  },
  { name: "Audit", description: "The tamper-evident audit trail (hash chain) and its verification" },
  { name: "System", description: "Health" },
];

const DESCRIPTION = `CreditDesk API — customer credit archive and receivables ledger.

Conventions: money is integer minor units (\`amountMinor\`, fen/cents) with an ISO 4217 \`currency\`;
dates are \`YYYY-MM-DD\`. Lists return \`{ items, nextCursor }\`: pass \`nextCursor\` back as \`cursor\`
(with the same \`sort\`) for the next page; \`sort=field\` or \`sort=-field\` from each list's whitelist;
\`limit\` 1–500. Every route but /health, /openapi.json, /docs and POST /auth/login needs a
signed-in session or an API token and the permission of the caller's role (401 / 403 problems otherwise).
Errors are RFC 9457 \`application/problem+json\` with \`errors[].path\` naming fields.`;

/** OpenAPI document from the routes' zod schemas, served at `/openapi.json`, Swagger UI at `/docs`. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "CreditDesk API", version, description: DESCRIPTION },
      tags: OPENAPI_TAGS,
      components: {
        securitySchemes: {
          bearerToken: {
            type: "http",
            scheme: "bearer",
            description: "API token `cd_…` (creditdesk tokens create), scoped read / write / permission list",
          },
          sessionCookie: {
            type: "apiKey",
            in: "cookie",
            name: "cd_session",
            description:
              "Browser session from POST /auth/login; unsafe methods also need header x-csrf-token = cookie cd_csrf",
          },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: false });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
