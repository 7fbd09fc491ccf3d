import type { DatabaseHandle } from "@creditdesk/db";
import { customers } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import {
  assignCollector,
  buildInterestStatement,
  cancelPaymentPromise,
  createPaymentPromise,
  evaluatePaymentPromises,
  getWorklist,
  listCollectionHistory,
  listPaymentPromises,
  loadCollectionSettings,
  type MailConfig,
  recordCollectionAction,
  renderActionLetter,
  renderInterestStatementHtml,
  renderInterestStatementPdf,
  runDunning,
  saveCollectionSettings,
} from "@creditdesk/lib/collections";
import { AppError } from "@creditdesk/lib/shared";
import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { customerOwnersOf } from "../identity/data-scope.ts";
import { problemResponses as p } from "../shared/problem.ts";
import {
  actionBody,
  actionSchema,
  assignBody,
  COLLECTIONS_TAG,
  cancelBody,
  customerParams,
  dunningRunBody,
  dunningRunSchema,
  evaluationBody,
  evaluationSchema,
  historySchema,
  idParams,
  letterQuery,
  promiseBody,
  promisePageSchema,
  promiseQuery,
  promiseSchema,
  settingsBody,
  settingsSchema,
  statementQuery,
  worklistPageSchema,
  worklistQuery,
} from "./collections.schema.ts";

export { COLLECTIONS_TAG } from "./collections.schema.ts";

const READ = { permission: "collections:read" } as const;
// The use cases write their own audit entries (in the same transaction as the change), so the CLI
// is audited the same way; reminder e-mails go out after that transaction commits.
const WRITE = { permission: "collections:write", audit: false } as const;
const today = () => new Date().toISOString().slice(0, 10);
/** Dates become ISO strings, as the response schemas describe them. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function actorOf(request: FastifyRequest): string {
  const login = request.principal?.login;
  if (!login) {
    throw new AppError("UNAUTHORIZED", "sign in (POST /auth/login) or send an API token");
  }
  return login;
}

/** SMTP for reminder e-mails, as `npm start` configures the notifications (SMTP_URL, SMTP_FROM). */
export function mailFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const url = env.SMTP_URL;
  return {
    ...(url && /^smtps?:\/\//.test(url) ? { smtpUrl: url } : {}),
    from: env.SMTP_FROM ?? "CreditDesk <creditdesk@localhost>",
  };
}

/** A sales user may only reach their own customers' records (404 as if absent). */
async function assertInScope(request: FastifyRequest, handle: DatabaseHandle, customerId: number) {
  const owners = await customerOwnersOf(request, handle);
  if (owners === null) {
    return;
  }
  const [c] = await handle.db
    .select({ owner: customers.salesOwner })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!c?.owner || !owners.includes(c.owner)) {
    throw new AppError("NOT_FOUND", `${request.url.split("?")[0]} does not exist`);
  }
}

/**
 * Collections (催收): the ranked worklist, collector assignment, dunning runs, the action log with
 * calls / notes / legal handovers, letters, promises to pay and their evaluation, late-payment
 * interest statements, settings. Reads need collections:read (sales: own customers only), writes
 * collections:write.
 */
export function registerCollectionRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string; mail?: MailConfig },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [COLLECTIONS_TAG];
  const mail = options.mail ?? mailFromEnv();

  r.get(
    "/collections/worklist",
    {
      config: READ,
      schema: {
        tags,
        summary: "Overdue invoices ranked by amount × days overdue × risk (PD)",
        description:
          "priority = amount^wA × days^wD × PD^wR, amount in base-currency minor units; weights in the collection settings. Disputed invoices are left out unless includeDisputed=true.",
        querystring: worklistQuery,
        response: { 200: worklistPageSchema, 400: p[400], 404: p[404] },
      },
    },
    async (request) => {
      const q = request.query;
      let customerIds: number[] | undefined;
      if (q.customer) {
        const id = await findCustomerId(handle.db, q.customer);
        if (id === undefined) {
          throw AppError.notFound("customer", q.customer);
        }
        customerIds = [id];
      }
      const owners = await customerOwnersOf(request, handle);
      return json(
        await getWorklist({
          handle,
          filter: {
            asOf: q.asOf ?? today(),
            baseCurrency: options.baseCurrency,
            customerIds,
            collector: q.collector,
            owner: q.owner,
            department: q.department,
            level: q.level,
            includeDisputed: q.includeDisputed === "true",
            ...(owners === null ? {} : { owners }),
          },
          ...(q.limit ? { limit: q.limit } : {}),
          ...(q.offset ? { offset: q.offset } : {}),
        }),
      ) as never;
    },
  );

  r.post(
    "/collections/assignments",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Assign a collector to customers (null unassigns)",
        body: assignBody,
        response: {
          200: assignBody.omit({ customers: true }).extend({ customerIds: assignBody.shape.customers }),
          400: p[400],
          404: p[404],
        },
      },
    },
    async (request) =>
      assignCollector({
        handle,
        actor: actorOf(request),
        customers: request.body.customers,
        collector: request.body.collector,
      }),
  );

  r.post(
    "/collections/dunning-runs",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Propose (dry run) or execute the next dunning level of every overdue invoice",
        description:
          "One level at a time, after the minimum interval; disputed and promised invoices paused. execute records every action and sends reminder e-mails through SMTP (SMTP_URL).",
        body: dunningRunBody,
        response: { 201: dunningRunSchema, 400: p[400], 404: p[404] },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await runDunning({
        handle,
        actor: actorOf(request),
        asOf: b.asOf ?? today(),
        baseCurrency: options.baseCurrency,
        mode: b.mode,
        customers: b.customers,
        locale: b.locale,
        mail,
      });
      return reply.code(201).send(result);
    },
  );

  r.get(
    "/collections/customers/:idOrCode/history",
    {
      config: READ,
      schema: {
        tags,
        summary: "Dunning history: every collection action with who, when, what, outcome",
        params: customerParams,
        response: { 200: historySchema, 404: p[404] },
      },
    },
    async (request) =>
      ({ items: await listCollectionHistory({ handle, customer: request.params.idOrCode }) }) as never,
  );

  r.post(
    "/collections/customers/:idOrCode/actions",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Log a call (with its outcome), a note or a legal handover",
        params: customerParams,
        body: actionBody,
        response: { 201: actionSchema, 400: p[400], 404: p[404], 409: p[409] },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        json(
          await recordCollectionAction({
            handle,
            actor: actorOf(request),
            customer: request.params.idOrCode,
            input: request.body,
          }),
        ) as never,
      ),
  );

  r.get(
    "/collections/actions/:id/letter",
    {
      config: READ,
      schema: {
        tags,
        summary: "The letter (message) of a collection action as HTML (default) or PDF",
        params: idParams,
        querystring: letterQuery,
        response: { 404: p[404] },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? "html";
      const letter = await renderActionLetter({ handle, actionId: request.params.id, format });
      await assertInScope(request, handle, letter.customerId);
      if (format === "pdf") {
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="dunning-letter-${request.params.id}.pdf"`)
          .send(letter.body as never);
      }
      return reply.type("text/html; charset=utf-8").send(letter.body as never);
    },
  );

  r.get(
    "/collections/promises",
    {
      config: READ,
      schema: {
        tags,
        summary: "Promises to pay, newest first",
        querystring: promiseQuery,
        response: { 200: promisePageSchema, 404: p[404] },
      },
    },
    async (request) => {
      const owners = await customerOwnersOf(request, handle);
      // Sales: their own customers only, in SQL (the data-scope hook filters `items` too).
      const items = await listPaymentPromises({
        handle,
        customer: request.query.customer,
        status: request.query.status,
        limit: request.query.limit,
        ...(owners === null ? {} : { owners }),
      });
      return json({ items }) as never;
    },
  );

  r.post(
    "/collections/customers/:idOrCode/promises",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Record a promise to pay for invoices of the customer",
        params: customerParams,
        body: promiseBody,
        response: { 201: promiseSchema, 400: p[400], 404: p[404] },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        json(
          await createPaymentPromise({
            handle,
            actor: actorOf(request),
            customer: request.params.idOrCode,
            input: request.body,
          }),
        ) as never,
      ),
  );

  r.post(
    "/collections/promises/:id/cancel",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Cancel an open promise to pay",
        params: idParams,
        body: cancelBody,
        response: { 200: promiseSchema, 400: p[400], 409: p[409] },
      },
    },
    async (request) =>
      json(
        await cancelPaymentPromise({
          handle,
          actor: actorOf(request),
          promiseId: request.params.id,
          reason: request.body.reason,
        }),
      ) as never,
  );

  r.post(
    "/collections/promise-evaluations",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Evaluate open promises as of a date: kept, broken (raises one alert each) or open",
        body: evaluationBody,
        response: { 200: evaluationSchema, 400: p[400] },
      },
    },
    async (request) =>
      evaluatePaymentPromises({
        handle,
        actor: actorOf(request),
        asOf: request.body.asOf,
        baseCurrency: options.baseCurrency,
      }),
  );

  r.get(
    "/collections/customers/:idOrCode/interest-statement",
    {
      config: READ,
      schema: {
        tags,
        summary: "Late-payment interest statement at the contract rate (JSON, HTML or PDF)",
        params: customerParams,
        description: "format=json (default, the InterestStatement schema), html or pdf.",
        querystring: statementQuery,
      },
    },
    async (request, reply) => {
      const s = await buildInterestStatement({
        handle,
        customer: request.params.idOrCode,
        asOf: request.query.asOf ?? today(),
        baseCurrency: options.baseCurrency,
        from: request.query.from,
      });
      if (request.query.format === "pdf") {
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="interest-${s.customer.code}-${s.asOf}.pdf"`)
          .send(await renderInterestStatementPdf(s));
      }
      if (request.query.format === "html") {
        return reply.type("text/html; charset=utf-8").send(renderInterestStatementHtml(s));
      }
      return json(s);
    },
  );

  r.get(
    "/collections/settings",
    {
      config: READ,
      schema: {
        tags,
        summary: "Worklist weights, dunning levels, templates (zh-CN/en), sender",
        response: { 200: settingsSchema },
      },
    },
    async () => loadCollectionSettings(handle.db),
  );

  r.put(
    "/collections/settings",
    {
      config: WRITE,
      schema: {
        tags,
        summary: "Change collection settings (validated; every level keeps a template in both languages)",
        body: settingsBody,
        response: { 200: settingsSchema, 400: p[400] },
      },
    },
    async (request) => saveCollectionSettings({ handle, actor: actorOf(request), input: request.body }),
  );
}
