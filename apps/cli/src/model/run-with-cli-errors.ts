import { ModelInputError } from "@creditdesk/core/models";
import { CliError } from "../shared/fail.ts";

/** Turns modelling input and registry errors into one-line CLI errors (exit code 1). */
export async function runWithCliErrors(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    // ModelRegistryError is matched by name so this module does not load the database package.
    if (error instanceof ModelInputError || (error instanceof Error && error.name === "ModelRegistryError")) {
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
