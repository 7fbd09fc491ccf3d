/** An error the CLI prints as one line (no stack) before exiting non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Turns anything thrown into one readable line on stderr and a non-zero exit code. */
export function reportAndExit(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  // A validation error of a use case (lib AppError) names each field and why: print them too.
  const fields = (error as { errors?: unknown }).errors;
  const detail = Array.isArray(fields)
    ? fields
        .filter((f): f is { path: string; message: string } => typeof f?.path === "string")
        .map((f) => `${f.path}: ${f.message}`)
        .join("; ")
    : "";
  process.stderr.write(`creditdesk: ${message.split("\n")[0]}${detail ? ` (${detail})` : ""}\n`);
  if (process.env.CREDITDESK_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
