import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/lib/assessment";
import {
  type AlertAction,
  actOnAlert,
  getAlert,
  listActiveRules,
  listAlerts,
  listRuleVersions,
  runMonitoring,
  saveRule,
} from "@creditdesk/lib/monitoring";
import { listInbox, markNotificationRead } from "@creditdesk/lib/notifications";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import {
  alertDetailSchema,
  alertIdParams,
  alertPage,
  alertQuery,
  assignBody,
  commentBody,
  dismissBody,
  inboxPage,
  inboxQuery,
  MONITORING_TAG,
  resolveBody,
  ruleCodeParams,
  ruleSchema,
  runBody,
  runSummarySchema,
} from "./monitoring.schema.ts";

const today = () => new Date().toISOString().slice(0, 10);
// Until identity ships alerts:* permissions, alerts ride on the assessment permissions.
const READ = { permission: "assessment:read" } as const;
const WRITE = { permission: "assessment:run" } as const;
const who = (request: FastifyRequest) =>
  (request as FastifyRequest & { principal?: { login: string } | null }).principal?.login ??
  `api:${request.ip}`;

/** Early-warning alerts, monitoring rules and runs, and the in-app inbox. */
export function registerMonitoringRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
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
    async (request) => (await getAlert(handle, request.params.id)) as never,
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
      config: { permission: "scorecards:write" },
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
  r.post(
    "/monitoring/runs",
    {
      config: WRITE,
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
    "/inbox",
    {
      config: { permission: "authenticated" as never },
      schema: {
        tags,
        summary: "The caller's inbox (own entries and the given department's)",
        querystring: inboxQuery,
        response: { 200: inboxPage },
      },
    },
    async (request) =>
      (await listInbox({
        handle,
        user: who(request),
        ...(request.query.department ? { departments: [request.query.department] } : {}),
        unreadOnly: request.query.unread === "true",
        ...(request.query.limit ? { limit: request.query.limit } : {}),
        ...(request.query.cursor ? { beforeId: Number(request.query.cursor) } : {}),
      })) as never,
  );
  r.post(
    "/inbox/:id/read",
    {
      config: { permission: "authenticated" as never },
      schema: {
        tags,
        summary: "Mark an inbox entry read",
        params: alertIdParams,
        response: { 204: z.null(), 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      await markNotificationRead({ handle, id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
