import type { DatabaseHandle } from "@creditdesk/db";
import type { FastifyInstance } from "fastify";
import { registerCreditCheckRoutes } from "./credit-checks.ts";
import { registerLimitRoutes as registerCustomerLimitRoutes } from "./limits.ts";
import { registerCreditSegmentRoutes } from "./segments.ts";
import { registerLimitWorkflowRoutes } from "./workflow.ts";

/** The limits capability: credit checks, limits and exposure, limit requests, blocked orders, contracts. */
export function registerLimitRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  registerCreditCheckRoutes(app, handle);
  registerCustomerLimitRoutes(app, handle);
  registerLimitWorkflowRoutes(app, handle);
  registerCreditSegmentRoutes(app, handle);
}
