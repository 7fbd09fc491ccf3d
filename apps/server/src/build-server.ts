import { readFileSync } from "node:fs";
import type { RolePermissionTable } from "@creditdesk/core/identity";
import type { DatabaseHandle } from "@creditdesk/db";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { registerApplicationRoutes } from "./applications/index.ts";
import { registerCustomerContactRoutes } from "./archive/customer-contacts.ts";
import { registerCustomerRoutes } from "./archive/customers.ts";
import { registerArchiveRecordRoutes } from "./archive/records.ts";
import { registerAssessmentConfigRoutes } from "./assessment/assessment-config.ts";
import { registerAssessmentRoutes } from "./assessment/index.ts";
import { registerCustomerAuditRoutes } from "./audit/customer-audit.ts";
import { registerAuditRoutes, requestScopedHandle } from "./audit/index.ts";
import { registerCollectionRoutes } from "./collections/index.ts";
import { registerFxRateRoutes } from "./fx/fx-rates.ts";
import { registerHealthRoutes } from "./health/health.ts";
import { registerGuard, registerIdentityRoutes } from "./identity/index.ts";
import { registerImportRoutes } from "./import/index.ts";
import { registerInsuranceRoutes } from "./insurance/index.ts";
import { registerInvoiceRoutes } from "./ledger/invoices.ts";
import { registerPaymentRoutes } from "./ledger/payments.ts";
import { registerLedgerRecordRoutes } from "./ledger/records.ts";
import { registerLimitRoutes } from "./limits/index.ts";
import { registerModelRoutes } from "./models/index.ts";
import { registerMonitoringRoutes } from "./monitoring/index.ts";
import { registerPortfolioRoutes } from "./portfolio/index.ts";
import { registerCustomerReviewRoutes } from "./reviews/customer-reviews.ts";
import { registerReviewRoutes } from "./reviews/index.ts";
import { registerOpenApi } from "./shared/openapi.ts";
import { handleError, handleNotFound } from "./shared/problem.ts";
import { registerSecurityHeaders } from "./shared/security-headers.ts";

/** A capability's routes: called with the app and the database once, at build time. */
export interface CapabilityContext {
  handle: DatabaseHandle;
  /** Reporting currency (ISO 4217) amounts are converted to for assessments and portfolio figures. */
  baseCurrency: string;
}
export type Capability = (app: FastifyInstance, context: CapabilityContext) => void | Promise<void>;

export interface BuildServerOptions {
  handle: DatabaseHandle;
  /** Fastify logger option (false / { level }). Default: off. */
  logger?: FastifyServerOptions["logger"];
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Reporting currency, default CNY (CREDITDESK_BASE_CURRENCY). */
  baseCurrency?: string;
  /** Further capabilities (auth, web …) registered after the built-in ones. */
  capabilities?: readonly Capability[];
  /** Role → permissions (configureRolePermissions); default the shipped table. */
  rolePermissions?: RolePermissionTable | undefined;
}

const VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** The built-in capabilities, in registration (and OpenAPI) order. */
export const CORE_CAPABILITIES: readonly Capability[] = [
  (app, { handle }) => registerHealthRoutes(app, handle),
  (app, { handle, baseCurrency }) => {
    registerCustomerRoutes(app, handle, { baseCurrency });
    registerCustomerContactRoutes(app, handle);
    registerArchiveRecordRoutes(app, handle);
  },
  (app, { handle }) => {
    registerInvoiceRoutes(app, handle);
    registerPaymentRoutes(app, handle);
    registerLedgerRecordRoutes(app, handle);
  },
  (app, { handle }) => registerFxRateRoutes(app, handle),
  (app, { handle, baseCurrency }) => registerAssessmentRoutes(app, handle, { baseCurrency }),
  (app, { handle, baseCurrency }) => registerPortfolioRoutes(app, handle, { baseCurrency }),
  (app, { handle }) => registerLimitRoutes(app, handle),
  (app, { handle }) => registerInsuranceRoutes(app, handle),
  (app, { handle }) => {
    registerIdentityRoutes(app, handle);
    registerAuditRoutes(app, handle);
  },
  (app, { handle, baseCurrency }) => registerMonitoringRoutes(app, handle, { baseCurrency }),
  (app, { handle, baseCurrency }) => registerReviewRoutes(app, handle, { baseCurrency }),
  (app, { handle, baseCurrency }) => registerCollectionRoutes(app, handle, { baseCurrency }),
  (app, { handle, baseCurrency }) => registerApplicationRoutes(app, handle, { baseCurrency }),
  (app, { handle }) => registerImportRoutes(app, handle),
  // Read routes of the web workbench: settings, models page, the credit file's audit and reviews.
  (app, { handle, baseCurrency }) => {
    registerAssessmentConfigRoutes(app);
    registerModelRoutes(app, handle, { baseCurrency });
    registerCustomerAuditRoutes(app, handle);
    registerCustomerReviewRoutes(app, handle);
  },
];

/**
 * Builds the HTTP API (not yet listening): zod validation and serialization compiled once per
 * route at start-up, RFC 9457 problems for every error, security headers, OpenAPI at
 * `/openapi.json` and Swagger UI at `/docs`.
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Keep `/customers/` and `/customers` the same route.
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  registerSecurityHeaders(app);
  // Before any route: every route must resolve to a permission or be public, or this throws.
  // Routes get a handle that joins the request transaction (change + audit entry commit together).
  const handle = requestScopedHandle(options.handle);
  registerGuard(app, {
    handle: options.handle,
    scopedHandle: handle,
    rolePermissions: options.rolePermissions,
  });
  await registerOpenApi(app, VERSION);
  for (const capability of [...CORE_CAPABILITIES, ...(options.capabilities ?? [])]) {
    await capability(app, { handle, baseCurrency: options.baseCurrency ?? "CNY" });
  }
  return app;
}
