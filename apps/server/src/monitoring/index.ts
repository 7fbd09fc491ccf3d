import { departmentsOfRole } from "@creditdesk/core/monitoring";
import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/lib/assessment";
import {
  type AlertAction,
  actOnAlert,
  type CustomerScope,
  getAlert,
  listActiveRules,
  listAlerts,
  listCreditHolds,
  listMonitoringRuns,
  listRuleVersions,
  releaseCreditHold,
  runMonitoring,
  saveRule,
} from "@creditdesk/lib/monitoring";
import { type DispatchConfig, listInbox, markNotificationRead } from "@creditdesk/lib/notifications";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { customerOwnersOf } from "../identity/data-scope.ts";
import { problemResponses } from "../shared/problem.ts";
import { registerChannelRoutes } from "./channels.ts";
import {
  alertDetailSchema,
  alertIdParams,
  alertPage,
  alertQuery,
  assignBody,
  commentBody,
  dismissBody,
  holdQuery,
  holdSchema,
  inboxPage,
  inboxQuery,
  MONITORING_TAG,
  releaseHoldBody,
  resolveBody,
  ruleCodeParams,
  ruleSchema,
  runBody,
  runListQuery,
  runRecordSchema,
  runSummarySchema,
} from "./monitoring.schema.ts";

const today = () => new Date().toISOString().slice(0, 10);
// Alerts and the inbox: alerts:read / alerts:write (acknowledge, assign, comment, resolve,
// dismiss); rules, runs and channels: monitoring:configure (packages/core/src/identity/roles.ts).
const READ = { permission: "alerts:read" } as const;
const WRITE = { permission: "alerts:write" } as const;
const CONFIGURE = { permission: "monitoring:configure" } as const;
export const who = (request: FastifyRequest) => request.principal?.login ?? `api:${request.ip}`;

/** The caller's customer scope for the use cases (a sales user: their own customers only). */
export async function scopeOf(
  request: FastifyRequest,
  handle: DatabaseHandle,
): Promise<{ scope?: CustomerScope }> {
  const owners = await customerOwnersOf(request, handle);
  return owners === null ? {} : { scope: { owners } };
}

export interface MonitoringRouteOptions {
  baseCurrency: string;
  /** Outbound delivery settings for channel tests; default SMTP_URL / SMTP_FROM of the environment. */
  notify?: () => DispatchConfig;
}

/** Early-warning alerts, monitoring rules and runs, credit holds, channels and the in-app inbox. */
export function registerMonitoringRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: MonitoringRouteOptions,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [MONITORING_TAG];

  r.get(
    "/alerts",
    {
      config: READ,
      schema: {
        tags,
        summary: "Alerts, newest first, with filters",
        querystring: alertQuery,
        response: { 200: alertPage, 400: problemResponses[400] },
      },
    },
    async (request) => {
      const q = request.query;
      return (await listAlerts(handle, {
        ...(await scopeOf(request, handle)),
        ...(q.state ? { state: q.state } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.department ? { department: q.department } : {}),
        ...(q.customer ? { customer: q.customer } : {}),
        ...(q.rule ? { ruleCode: q.rule } : {}),
        ...(q.assignee ? { assignee: q.assignee } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.cursor ? { beforeId: Number(q.cursor) } : {}),
      })) as never;
    },
  );
  r.get(
    "/alerts/:id",
    {
      config: READ,
      schema: {
        tags,
        summary: "One alert with its comments",
        params: alertIdParams,
        response: { 200: alertDetailSchema, 404: problemResponses[404] },
      },
    },
    async (request) =>
      (await getAlert(handle, request.params.id, (await scopeOf(request, handle)).scope)) as never,
  );
  const act = (path: string, summary: string, body: z.ZodType, toAction: (b: never) => AlertAction) =>
    r.post(
      `/alerts/:id/${path}`,
      {
        config: WRITE,
        schema: {
          tags,
          summary,
          params: alertIdParams,
          body,
          response: {
            200: alertDetailSchema,
            400: problemResponses[400],
            404: problemResponses[404],
            409: problemResponses[409],
          },
        },
      },
      async (request) =>
        (await actOnAlert({
          handle,
          id: request.params.id,
          action: toAction(request.body as never),
          by: who(request),
          ...(await scopeOf(request, handle)),
        })) as never,
    );
  act("acknowledge", "Acknowledge an open alert", z.object({}).strict().optional(), () => ({
    kind: "acknowledge",
  }));
  act("assign", "Assign an alert to a user", assignBody, (b: z.infer<typeof assignBody>) => ({
    kind: "assign",
    assignee: b.assignee,
  }));
  act("comments", "Comment on an alert", commentBody, (b: z.infer<typeof commentBody>) => ({
    kind: "comment",
    body: b.body,
  }));
  act(
    "resolve",
    "Resolve an alert",
    resolveBody.optional(),
    (b: z.infer<typeof resolveBody> | undefined) => ({
      kind: "resolve",
      ...(b?.note ? { note: b.note } : {}),
    }),
  );
  act("dismiss", "Dismiss an alert with a reason", dismissBody, (b: z.infer<typeof dismissBody>) => ({
    kind: "dismiss",
    reason: b.reason,
  }));

  r.get(
    "/monitoring/rules",
    {
      config: READ,
      schema: {
        tags,
        summary: "Active monitoring rules (defaults installed on first use)",
        response: { 200: z.array(ruleSchema) },
      },
    },
    async () => (await listActiveRules(handle)) as never,
  );
  r.get(
    "/monitoring/rules/:code",
    {
      config: READ,
      schema: {
        tags,
        summary: "Every version of one rule, newest first",
        params: ruleCodeParams,
        response: { 200: z.array(ruleSchema) },
      },
    },
    async (request) => (await listRuleVersions(handle, request.params.code)) as never,
  );
  r.post(
    "/monitoring/rules",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Save a rule (validated; a new active version of its code)",
        body: z.unknown(),
        response: { 201: ruleSchema, 400: problemResponses[400] },
      },
    },
    async (request, reply) =>
      reply.code(201).send((await saveRule({ handle, input: request.body, by: who(request) })) as never),
  );
  r.get(
    "/monitoring/runs",
    {
      config: READ,
      schema: {
        tags,
        summary: "The latest monitoring runs, newest first",
        querystring: runListQuery,
        response: { 200: z.object({ items: z.array(runRecordSchema) }) },
      },
    },
    async (request) =>
      ({
        items: await listMonitoringRuns({
          handle,
          ...(request.query.limit ? { limit: request.query.limit } : {}),
        }),
      }) as never,
  );
  r.post(
    "/monitoring/runs",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Run monitoring now (whole portfolio or the given customers)",
        body: runBody,
        response: { 201: runSummarySchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      const ids = request.body.customers
        ? await Promise.all(request.body.customers.map((c) => findCustomerId(handle, c)))
        : undefined;
      const summary = await runMonitoring({
        handle,
        asOf: request.body.asOf ?? today(),
        trigger: "api",
        baseCurrency: options.baseCurrency,
        triggeredBy: who(request),
        ...(ids ? { customerIds: ids } : {}),
      });
      return reply.code(201).send(summary as never);
    },
  );
  r.get(
    "/credit-holds",
    {
      config: READ,
      schema: {
        tags,
        summary: "Credit holds (active ones unless all=true), newest first",
        querystring: holdQuery,
        response: { 200: z.object({ items: z.array(holdSchema) }) },
      },
    },
    async (request) => ({
      items: await listCreditHolds({
        handle,
        active: request.query.all !== "true",
        ...(request.query.customer ? { customer: request.query.customer } : {}),
        ...(await scopeOf(request, handle)),
      }),
    }),
  );
  r.post(
    "/credit-holds/:id/release",
    {
      // Lifting a hold lets credit flow again, whatever the amounts: credit managers (and admins).
      config: { permission: "holds:release" },
      schema: {
        tags,
        summary: "Release a credit hold, with the reason (recorded with who and when)",
        params: alertIdParams,
        body: releaseHoldBody,
        response: {
          200: holdSchema,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemResponses[409],
        },
      },
    },
    async (request) =>
      releaseCreditHold({
        handle,
        holdId: request.params.id,
        by: who(request),
        reason: request.body.reason,
        ...(await scopeOf(request, handle)),
      }),
  );
  r.get(
    "/inbox",
    {
      config: { permission: "authenticated" as never },
      schema: {
        tags,
        summary: "The caller's inbox: entries addressed to them and to their departments",
        description:
          "Departments follow the role (credit manager and analyst: credit; finance/AR: finance; sales: sales; others: all); `department` narrows to one of them.",
        querystring: inboxQuery,
        response: {
          200: inboxPage,
          403: problemResponses[400].describe("not one of the caller's departments"),
        },
      },
    },
    async (request) => {
      const mine = departmentsOfRole(request.principal?.role ?? "");
      const wanted = request.query.department;
      if (wanted && !mine.includes(wanted)) {
        throw new AppError(
          "FORBIDDEN",
          `the ${wanted} department's inbox is not yours (yours: ${mine.join(", ")})`,
        );
      }
      return (await listInbox({
        handle,
        user: who(request),
        departments: wanted ? [wanted] : mine,
        ...(await scopeOf(request, handle)),
        unreadOnly: request.query.unread === "true",
        ...(request.query.limit ? { limit: request.query.limit } : {}),
        ...(request.query.cursor ? { beforeId: Number(request.query.cursor) } : {}),
      })) as never;
    },
  );
  r.post(
    "/inbox/:id/read",
    {
      config: { permission: "authenticated" as never },
      schema: {
        tags,
        summary: "Mark an inbox entry read (one addressed to the caller or their department)",
        params: alertIdParams,
        response: { 204: z.null(), 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      await markNotificationRead({
        handle,
        id: request.params.id,
        user: who(request),
        departments: departmentsOfRole(request.principal?.role ?? ""),
        ...(await scopeOf(request, handle)),
      });
      return reply.code(204).send(null);
    },
  );
  registerChannelRoutes(app, handle, options);
}
