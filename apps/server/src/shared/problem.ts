import {
  APP_ERROR_TITLES,
  AppError,
  type AppErrorCode,
  type FieldProblem,
  toAppError,
} from "@creditdesk/lib/shared";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";

/** RFC 9457 problem details, as every error response of the API. */
export const problemSchema = z
  .object({
    type: z.string().describe("URI naming the problem type, e.g. urn:creditdesk:problem:validation"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().describe("the request path"),
    code: z.string().describe("the application error code (VALIDATION, NOT_FOUND, CONFLICT …)"),
    errors: z
      .array(
        z.object({
          path: z.string().describe("dotted field path, e.g. identifiers.0.value"),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const typeUri = (code: AppErrorCode) => `urn:creditdesk:problem:${code.toLowerCase().replace(/_/g, "-")}`;

export function problemFor(error: AppError, instance: string): Problem {
  return {
    type: typeUri(error.code),
    title: APP_ERROR_TITLES[error.code],
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
}

/** Path of the request without the query string (the problem `instance`). */
const instanceOf = (request: FastifyRequest) => request.url.split("?")[0] ?? request.url;

function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  return reply
    .code(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(problemFor(error, instanceOf(request)));
}

/** Fastify's own client errors (body too large, bad JSON, wrong media type) by status. */
const FRAMEWORK_CODES: Record<number, AppErrorCode> = {
  400: "VALIDATION",
  404: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

/** Turns a schema validation failure into field problems (`/identifiers/0/value` → `identifiers.0.value`). */
function validationProblem(error: FastifyError): AppError {
  const context = (error as { validationContext?: string }).validationContext;
  const fields: FieldProblem[] = (error.validation ?? []).map((issue) => ({
    path: issue.instancePath.replace(/^\//, "").replace(/\//g, ".") || (context ?? ""),
    message: issue.message ?? "is invalid",
  }));
  const where =
    context === "querystring"
      ? "query parameters"
      : context === "params"
        ? "path parameters"
        : "request body";
  return AppError.validation(fields, `the ${where} did not pass validation`);
}

/**
 * The single error handler: AppErrors and database integrity errors keep their code, schema
 * failures name the fields, framework client errors keep their 4xx status, anything else is a 500
 * problem with a generic detail (the real error goes to the log only — never stack or SQL to clients).
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let appError: AppError;
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) {
    appError = validationProblem(error);
  } else if (
    !(error instanceof AppError) &&
    typeof error.statusCode === "number" &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    typeof error.code === "string" &&
    error.code.startsWith("FST_")
  ) {
    appError = new AppError(FRAMEWORK_CODES[error.statusCode] ?? "VALIDATION", error.message);
  } else {
    appError = toAppError(error);
  }
  if (appError.status >= 500) {
    request.log.error({ err: error }, "request failed");
  }
  return sendProblem(reply, request, appError);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    request,
    new AppError("NOT_FOUND", `no route ${request.method} ${instanceOf(request)}`),
  );
}

/** Error responses to document on every route. */
export const problemResponses = {
  400: problemSchema.describe("invalid request (errors name the fields)"),
  404: problemSchema.describe("not found"),
  409: problemSchema.describe("conflict with an existing record (names the key)"),
  422: problemSchema.describe("the request breaks a business rule"),
  500: problemSchema.describe("unexpected error"),
} as const;
