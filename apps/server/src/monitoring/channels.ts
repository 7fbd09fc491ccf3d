import type { DatabaseHandle } from "@creditdesk/db";
import { loadConfig } from "@creditdesk/lib/config";
import {
  channelCreateSchema,
  channelUpdateSchema,
  createNotificationChannel,
  type DispatchConfig,
  disableNotificationChannel,
  getNotificationChannel,
  listChannelDeliveries,
  listNotificationChannels,
  sendTestNotification,
  updateNotificationChannel,
} from "@creditdesk/lib/notifications";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import {
  channelIdParams,
  channelSchema,
  deliveryPage,
  deliveryQuery,
  deliverySchema,
  MONITORING_TAG,
} from "./monitoring.schema.ts";

const CONFIGURE = { permission: "monitoring:configure" } as const;

/** SMTP settings of the environment (read per call, so a changed SMTP_URL applies at once). */
function environmentDispatch(): DispatchConfig {
  const config = loadConfig();
  return { ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}), smtpFrom: config.smtpFrom };
}

/**
 * Outbound notification channels (e-mail recipients per department, signed webhooks), with a
 * delivery mode per severity, and their delivery log — configuration, so monitoring:configure.
 */
export function registerChannelRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { notify?: () => DispatchConfig },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [MONITORING_TAG];
  const by = (login: string | undefined) => login ?? "api";

  r.get(
    "/notification-channels",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Outbound notification channels (secrets never shown)",
        response: { 200: z.object({ items: z.array(channelSchema) }) },
      },
    },
    async () => ({ items: await listNotificationChannels({ handle }) }),
  );
  r.post(
    "/notification-channels",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Add an e-mail or webhook channel",
        description:
          "E-mail: `recipients`; webhook: `url` and `secret` (generated and returned once when absent). " +
          "`severities` sets immediate | digest | off per severity (default info off, warning digest, critical immediate); " +
          "`department` limits the channel to one department's alerts.",
        body: channelCreateSchema,
        response: { 201: channelSchema, 400: problemResponses[400] },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createNotificationChannel({ handle, input: request.body, by: by(request.principal?.login) }),
        ),
  );
  r.get(
    "/notification-channels/:id",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "One channel",
        params: channelIdParams,
        response: { 200: channelSchema, 404: problemResponses[404] },
      },
    },
    async (request) => getNotificationChannel({ handle, id: request.params.id }),
  );
  r.patch(
    "/notification-channels/:id",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Change a channel (name, department, severities, recipients / URL, secret, enabled)",
        params: channelIdParams,
        body: channelUpdateSchema,
        response: { 200: channelSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) =>
      updateNotificationChannel({
        handle,
        id: request.params.id,
        input: request.body,
        by: by(request.principal?.login),
      }),
  );
  r.post(
    "/notification-channels/:id/disable",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Disable a channel (its pending deliveries are logged as not sent; the log stays)",
        params: channelIdParams,
        response: { 200: channelSchema, 404: problemResponses[404] },
      },
    },
    async (request) =>
      disableNotificationChannel({ handle, id: request.params.id, by: by(request.principal?.login) }),
  );
  r.post(
    "/notification-channels/:id/test",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Send a test message through the channel now and log it",
        params: channelIdParams,
        response: { 200: deliverySchema, 404: problemResponses[404] },
      },
    },
    async (request) =>
      sendTestNotification({
        handle,
        channelId: request.params.id,
        // A test should answer quickly: two retries, short back-off (alert deliveries retry longer).
        config: { webhookRetries: 2, webhookBaseDelayMs: 250, ...(options.notify ?? environmentDispatch)() },
        by: by(request.principal?.login),
      }),
  );
  r.get(
    "/notification-channels/:id/deliveries",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "The channel's delivery log, newest first (status, attempts, HTTP status, error)",
        params: channelIdParams,
        querystring: deliveryQuery,
        response: { 200: deliveryPage, 404: problemResponses[404] },
      },
    },
    async (request) => {
      await getNotificationChannel({ handle, id: request.params.id });
      return listChannelDeliveries({
        handle,
        channelId: request.params.id,
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(request.query.limit ? { limit: request.query.limit } : {}),
        ...(request.query.cursor ? { beforeId: Number(request.query.cursor) } : {}),
      });
    },
  );
}
