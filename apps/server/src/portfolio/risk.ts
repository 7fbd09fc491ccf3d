import type { DatabaseHandle } from "@creditdesk/db";
import {
  buildPortfolioReport,
  checkConcentrationLimits,
  deleteStressScenario,
  getConcentration,
  getExpectedLoss,
  getGradeMigration,
  getLgdConfig,
  getPortfolioView,
  getReceivablesTrend,
  listConcentrationLimits,
  listStressScenarios,
  renderPortfolioReportHtml,
  renderPortfolioReportPdf,
  renderPortfolioReportXlsx,
  runPdBacktest,
  runStressTest,
  saveStressScenario,
  setConcentrationLimit,
  setLgdConfig,
} from "@creditdesk/lib/portfolio";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { problemResponses } from "../shared/problem.ts";
import {
  asOfBody,
  asOfTopQuery,
  backtestQuery,
  backtestSchema,
  concentrationCheckSchema,
  concentrationLimitBody,
  concentrationLimitSchema,
  concentrationSchema,
  dimensionParams,
  expectedLossSchema,
  lgdBody,
  lgdSchema,
  migrationQuery,
  migrationSchema,
  reportQuery,
  scenarioBody,
  scenarioParams,
  storedScenarioSchema,
  stressResultSchema,
  trendQuery,
  trendSchema,
  viewQuery,
  viewSchema,
} from "./portfolio-risk.schema.ts";

const READ = { permission: "portfolio:read" } as const;
const CONFIGURE = { permission: "portfolio:configure" } as const;
const today = () => new Date().toISOString().slice(0, 10);
const who = (request: FastifyRequest) => request.principal?.login ?? `api:${request.ip}`;
const opt = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * Portfolio risk (issue 9): view, concentration (with limits and their alerts), expected loss with
 * the LGD configuration, grade migration, PD back-test, stress scenarios and the portfolio report.
 * Reads need portfolio:read; limits, LGD and scenarios portfolio:configure.
 */
export function registerPortfolioRiskRoutes(
  app: FastifyInstance,
  handle: DatabaseHandle,
  options: { baseCurrency: string; tag: string },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [options.tag];
  const base = { handle, baseCurrency: options.baseCurrency };

  r.get(
    "/portfolio/view",
    {
      config: READ,
      schema: {
        tags,
        summary:
          "Portfolio view as of a date: exposure, limits, utilisation, grades, aging, DSO/ADDB/CEI trend",
        querystring: viewQuery,
        response: { 200: viewSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      getPortfolioView({
        ...base,
        asOf: request.query.asOf ?? today(),
        ...opt("groupBy", request.query.groupBy),
        ...opt("months", request.query.months),
        ...opt("limit", request.query.limit),
      }),
  );
  r.get(
    "/portfolio/trend",
    {
      config: READ,
      schema: {
        tags,
        summary: "Monthly DSO, best DSO, ADDB and CEI of the whole portfolio (DOMAIN.md)",
        querystring: trendQuery,
        response: { 200: trendSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      getReceivablesTrend({
        ...base,
        asOf: request.query.asOf ?? today(),
        ...opt("months", request.query.months),
      }),
  );
  r.get(
    "/portfolio/concentration",
    {
      config: READ,
      schema: {
        tags,
        summary: "Concentration by customer, group, industry, region: top-1/5/10 shares, HHI, limit breaches",
        querystring: asOfTopQuery,
        response: { 200: concentrationSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      (await getConcentration({
        ...base,
        asOf: request.query.asOf ?? today(),
        ...opt("top", request.query.top),
      })) as never,
  );
  r.post(
    "/portfolio/concentration/check",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Check the concentration limits now and raise (or update, or clear) their alerts",
        body: asOfBody,
        response: { 200: concentrationCheckSchema, 400: problemResponses[400] },
      },
    },
    async (request) => checkConcentrationLimits({ ...base, asOf: request.body.asOf }),
  );
  r.get(
    "/portfolio/concentration-limits",
    {
      config: READ,
      schema: {
        tags,
        summary: "Concentration limits",
        response: { 200: z.object({ items: z.array(concentrationLimitSchema) }) },
      },
    },
    async () => ({ items: await listConcentrationLimits(handle) }),
  );
  r.put(
    "/portfolio/concentration-limits/:dimension",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Set the concentration limit of a dimension (basis points of exposure)",
        params: dimensionParams,
        body: concentrationLimitBody,
        response: { 200: concentrationLimitSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      setConcentrationLimit({
        handle,
        actor: who(request),
        limit: { ...request.body, dimension: request.params.dimension },
      }),
  );
  r.get(
    "/portfolio/lgd",
    { config: READ, schema: { tags, summary: "LGD configuration", response: { 200: lgdSchema } } },
    async () => getLgdConfig(handle),
  );
  r.put(
    "/portfolio/lgd",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Set the LGD configuration (basis points by security; PD for unassessed customers)",
        body: lgdBody,
        response: { 200: lgdSchema, 400: problemResponses[400] },
      },
    },
    async (request) => setLgdConfig({ handle, actor: who(request), config: request.body }),
  );
  r.get(
    "/portfolio/expected-loss",
    {
      config: READ,
      schema: {
        tags,
        summary: "Expected loss EL = PD × LGD × EAD: totals and contributions",
        querystring: asOfTopQuery,
        response: { 200: expectedLossSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      (await getExpectedLoss({
        ...base,
        asOf: request.query.asOf ?? today(),
        ...opt("top", request.query.top),
      })) as never,
  );
  r.get(
    "/portfolio/migration",
    {
      config: READ,
      schema: {
        tags,
        summary: "Grade migration matrix between two dates",
        querystring: migrationQuery,
        response: { 200: migrationSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      (await getGradeMigration({
        handle,
        from: request.query.from,
        to: request.query.to,
        ...opt("scale", request.query.scale),
      })) as never,
  );
  r.get(
    "/portfolio/backtest",
    {
      config: READ,
      schema: {
        tags,
        summary: "Back-test of predicted PD against realised defaults, binomial test per grade",
        querystring: backtestQuery,
        response: { 200: backtestSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      runPdBacktest({
        handle,
        start: request.query.start,
        ...opt("horizonMonths", request.query.horizonMonths),
        ...opt("scale", request.query.scale),
      }),
  );
  r.get(
    "/portfolio/stress-scenarios",
    {
      config: READ,
      schema: {
        tags,
        summary: "Stored stress scenarios",
        response: { 200: z.object({ items: z.array(storedScenarioSchema) }) },
      },
    },
    async () => ({ items: (await listStressScenarios(handle)) as never[] }),
  );
  r.put(
    "/portfolio/stress-scenarios",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Save a named stress scenario (replaces one of the same name)",
        body: scenarioBody,
        response: { 200: storedScenarioSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      (await saveStressScenario({ handle, actor: who(request), scenario: request.body })) as never,
  );
  r.delete(
    "/portfolio/stress-scenarios/:idOrName",
    {
      config: CONFIGURE,
      schema: {
        tags,
        summary: "Delete a stress scenario",
        params: scenarioParams,
        response: { 200: z.object({ deleted: z.number().int() }), 404: problemResponses[404] },
      },
    },
    async (request) => deleteStressScenario({ handle, scenario: request.params.idOrName }),
  );
  r.get(
    "/portfolio/stress-scenarios/:idOrName/result",
    {
      config: READ,
      schema: {
        tags,
        summary: "Run a stored stress scenario: ΔEL and the limits that would break",
        params: scenarioParams,
        querystring: asOfTopQuery,
        response: { 200: stressResultSchema, 400: problemResponses[400], 404: problemResponses[404] },
      },
    },
    async (request) =>
      (await runStressTest({
        ...base,
        asOf: request.query.asOf ?? today(),
        scenario: request.params.idOrName,
        ...opt("top", request.query.top),
      })) as never,
  );
  r.post(
    "/portfolio/stress-test",
    {
      config: READ,
      schema: {
        tags,
        summary: "Run an unsaved stress scenario (what-if); nothing is stored",
        querystring: asOfTopQuery,
        body: scenarioBody,
        response: { 200: stressResultSchema, 400: problemResponses[400] },
      },
    },
    async (request) =>
      (await runStressTest({
        ...base,
        asOf: request.query.asOf ?? today(),
        scenario: { inline: request.body },
        ...opt("top", request.query.top),
      })) as never,
  );
  r.get(
    "/portfolio/report",
    {
      config: READ,
      schema: {
        tags,
        summary: "Portfolio report as HTML (default), PDF or XLSX",
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const asOf = request.query.asOf ?? today();
      const report = await buildPortfolioReport({ ...base, asOf });
      const format = request.query.format ?? "html";
      if (format === "pdf") {
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="portfolio-${asOf}.pdf"`)
          .send(await renderPortfolioReportPdf(report));
      }
      if (format === "xlsx") {
        return reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", `attachment; filename="portfolio-${asOf}.xlsx"`)
          .send(await renderPortfolioReportXlsx(report));
      }
      return reply.type("text/html; charset=utf-8").send(renderPortfolioReportHtml(report));
    },
  );
}
