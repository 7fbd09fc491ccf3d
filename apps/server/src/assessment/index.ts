import type { DatabaseHandle } from "@creditdesk/db";
import {
  assessCustomerNow,
  getAssessment,
  getBehaviourTrend,
  getCreditFile,
  listAssessments,
  runAssessments,
} from "@creditdesk/lib/assessment";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { problemResponses } from "../shared/problem.ts";
import {
  ASSESSMENT_TAG,
  assessmentIdParams,
  assessmentPage,
  assessmentSchema,
  behaviourTrendQuery,
  behaviourTrendSchema,
  creditFileSchema,
  customerRefParams,
  historyQuery,
  runAssessmentBody,
  runSummarySchema,
} from "./assessments.schema.ts";
import { registerScorecardRoutes } from "./scorecards.ts";

const today = () => new Date().toISOString().slice(0, 10);

/** Assessments (score, PD, grade, reasons, policy), the credit file, bulk runs and scorecards. */
export function registerAssessmentRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Until sign-in lands (issue 3) the API records the caller as the client address.
  const who = (ip: string) => `api:${ip}`;

  r.post(
    "/customers/:idOrCode/assessments",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "Assess a customer now and record the result",
        params: customerRefParams,
        body: runAssessmentBody,
        response: { 201: assessmentSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request, reply) => {
      const { assessment } = await assessCustomerNow({
        handle,
        customer: request.params.idOrCode,
        asOf: request.body.asOf ?? today(),
        baseCurrency: options.baseCurrency,
        trigger: "api",
        triggeredBy: who(request.ip),
        ...(request.body.scorecardVersion ? { scorecardVersion: request.body.scorecardVersion } : {}),
      });
      return reply.code(201).send(assessment as never);
    },
  );
  r.get(
    "/customers/:idOrCode/assessments",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "A customer's assessment history, newest first",
        params: customerRefParams,
        querystring: historyQuery,
        response: { 200: assessmentPage, 404: problemResponses[404] },
      },
    },
    async (request) =>
      (await listAssessments(handle, {
        customer: request.params.idOrCode,
        ...(request.query.limit ? { limit: request.query.limit } : {}),
        ...(request.query.cursor ? { beforeId: Number(request.query.cursor) } : {}),
      })) as never,
  );
  r.get(
    "/customers/:idOrCode/credit-file",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary:
          "The customer's credit file: latest assessment with reasons, ratios, behaviour; score history",
        params: customerRefParams,
        response: { 200: creditFileSchema, 404: problemResponses[404] },
      },
    },
    async (request) => (await getCreditFile(handle, request.params.idOrCode)) as never,
  );
  r.get(
    "/customers/:idOrCode/behaviour-trend",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "The customer's payment behaviour month by month: days beyond terms, DSO, ADDB",
        description:
          "Per calendar month ending at asOf (oldest first): the amount-weighted days beyond terms of the payments dated in it (DOMAIN.md, as the assessment computes DBT), payments and late payments, and the month's DSO, best DSO and ADDB from the customer's receivables; base currency.",
        params: customerRefParams,
        querystring: behaviourTrendQuery,
        response: { 200: behaviourTrendSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) =>
      getBehaviourTrend({
        handle,
        customer: request.params.idOrCode,
        baseCurrency: options.baseCurrency,
        asOf: request.query.asOf,
        months: request.query.months,
      }),
  );
  r.get(
    "/assessments/:id",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "One assessment with its full inputs snapshot (to reproduce the decision)",
        params: assessmentIdParams,
        response: { 200: assessmentSchema, 404: problemResponses[404] },
      },
    },
    async (request) => {
      const a = await getAssessment(handle, request.params.id);
      if (!a) {
        throw new AppError("NOT_FOUND", `assessment ${request.params.id} does not exist`);
      }
      return a as never;
    },
  );
  r.post(
    "/assessment-runs",
    {
      schema: {
        tags: [ASSESSMENT_TAG],
        summary: "Assess the whole portfolio (set-wise bulk run)",
        body: runAssessmentBody,
        response: { 201: runSummarySchema, 400: problemResponses[400] },
      },
    },
    async (request, reply) => {
      const s = await runAssessments({
        handle,
        asOf: request.body.asOf ?? today(),
        baseCurrency: options.baseCurrency,
        trigger: "api",
        triggeredBy: who(request.ip),
        ...(request.body.scorecardVersion ? { scorecardVersion: request.body.scorecardVersion } : {}),
      });
      const { results: _results, ...summary } = s;
      return reply.code(201).send(summary);
    },
  );
  registerScorecardRoutes(app, handle);
}
