import { readFile } from "node:fs/promises";
import type { ModelArtefact } from "@creditdesk/core/models";
import { parseArtefact } from "@creditdesk/core/models";
import { CliError } from "../shared/fail.ts";

/** Reads and validates a model JSON file. */
export async function readModelFile(file: string): Promise<ModelArtefact> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read model '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseArtefact(text);
}
