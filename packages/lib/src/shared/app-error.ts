/**
 * The one application error. Use cases throw it with a string code; the HTTP edge maps the code to
 * a status (APP_ERROR_HTTP_STATUS) and renders RFC 9457 problem+json, the CLI prints one line.
 */
export const APP_ERROR_CODES = [
  "VALIDATION",
  "NOT_FOUND",
  "CONFLICT",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNPROCESSABLE",
  "INTERNAL",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** One problem with one input field, `path` in dotted form (`identifiers.0.value`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export const APP_ERROR_HTTP_STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  INTERNAL: 500,
};

/** Short human titles per code (the problem `title`, constant per type as RFC 9457 asks). */
export const APP_ERROR_TITLES: Record<AppErrorCode, string> = {
  VALIDATION: "Invalid request",
  UNAUTHORIZED: "Authentication required",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  UNPROCESSABLE: "Unprocessable request",
  INTERNAL: "Internal server error",
};

export interface AppErrorOptions {
  errors?: FieldProblem[] | undefined;
  cause?: unknown;
}

export class AppError extends Error {
  readonly errors: FieldProblem[];

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.errors = options.errors ?? [];
  }

  get status(): number {
    return APP_ERROR_HTTP_STATUS[this.code];
  }

  static notFound(what: string, key: string | number): AppError {
    return new AppError("NOT_FOUND", `${what} ${key} does not exist`);
  }

  static validation(errors: FieldProblem[], message = "the request is not valid"): AppError {
    return new AppError("VALIDATION", message, { errors });
  }
}

/** PostgreSQL error fields we read (both node-postgres and PGlite errors carry them). */
interface PgErrorLike {
  code: string;
  detail?: string;
  constraint?: string;
  column?: string;
}

function findPgError(error: unknown): PgErrorLike | undefined {
  // Drizzle wraps driver errors (DrizzleQueryError) with the driver error as `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return current as PgErrorLike;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const snakeToCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `Key (type, value)=(uscc, 9144…) already exists.` → ["type", "value"] in camelCase. */
function keyColumns(detail: string | undefined): string[] {
  const match = detail ? /Key \(([^)]*)\)/.exec(detail) : null;
  return match?.[1] ? match[1].split(",").map((c) => snakeToCamel(c.trim().replace(/"/g, ""))) : [];
}

/**
 * Turns anything thrown into an AppError: AppErrors pass through, PostgreSQL integrity errors
 * become 409/400 naming the key (SQLSTATE 23505 unique, 23503 foreign key, 23514 check, 23502
 * not null, 22xxx data), everything else becomes INTERNAL with a generic message — the original
 * stays in `cause` for the log and is never shown to a client.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    return error;
  }
  const pg = findPgError(error);
  if (pg) {
    const columns = keyColumns(pg.detail);
    const key = columns.join(", ");
    switch (pg.code) {
      case "23505":
        return new AppError(
          "CONFLICT",
          `a record with the same ${key || pg.constraint || "key"} already exists (${pg.constraint ?? "unique key"})`,
          { cause: error, errors: columns.map((path) => ({ path, message: "already exists" })) },
        );
      case "23503":
        return new AppError("VALIDATION", `the referenced ${key || "record"} does not exist`, {
          cause: error,
          errors: columns.map((path) => ({ path, message: "refers to a record that does not exist" })),
        });
      case "23514":
        return new AppError("VALIDATION", `the values break the rule ${pg.constraint ?? "(check)"}`, {
          cause: error,
        });
      case "23502":
        return new AppError("VALIDATION", "a required value is missing", {
          cause: error,
          errors: pg.column ? [{ path: snakeToCamel(pg.column), message: "is required" }] : [],
        });
      default:
        if (pg.code.startsWith("22")) {
          return new AppError("VALIDATION", "a value is out of range or malformed", { cause: error });
        }
    }
  }
  return new AppError("INTERNAL", "an unexpected error occurred", { cause: error });
}
