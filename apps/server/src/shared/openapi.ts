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
  { name: "Portfolio", description: "Portfolio figures: receivables, aging, grade distribution" },
  {
    name: "Assessment",
    description: "Scores, PD, grades, reason codes and policy; credit file; bulk runs; scorecard versions",
  },
  { name: "System", description: "Health" },
];

const DESCRIPTION = `CreditDesk API — customer credit archive and receivables ledger.

Conventions: money is integer minor units (\`amountMinor\`, fen/cents) with an ISO 4217 \`currency\`;
dates are \`YYYY-MM-DD\`. Lists return \`{ items, nextCursor }\`: pass \`nextCursor\` back as \`cursor\`
(with the same \`sort\`) for the next page; \`sort=field\` or \`sort=-field\` from each list's whitelist;
\`limit\` 1–500. Errors are RFC 9457 \`application/problem+json\` with \`errors[].path\` naming fields.`;

/** OpenAPI document from the routes' zod schemas, served at `/openapi.json`, Swagger UI at `/docs`. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "CreditDesk API", version, description: DESCRIPTION },
      tags: OPENAPI_TAGS,
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: false });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
