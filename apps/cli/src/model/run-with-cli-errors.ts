import { ModelInputError } from "@creditdesk/core/models";
import { CliError } from "../shared/fail.ts";

/** Turns modelling input errors into one-line CLI errors (exit code 1). */
export async function runWithCliErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

/** Parses a non-negative integer option or fails with a clear message. */
export function parseIntegerOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new CliError(`--${name} must be a non-negative integer, got '${raw}'`);
  }
  return value;
}
