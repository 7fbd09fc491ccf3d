import { ModelInputError } from "../data/model-error.ts";
import type { ModelArtefact } from "./artefact-schema.ts";
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, modelArtefactSchema } from "./artefact-schema.ts";

/** JSON text of an artefact (numbers keep full precision, so a round trip scores identically). */
export function artefactToJson(artefact: ModelArtefact, indent = 0): string {
  return JSON.stringify(artefact, null, indent || undefined);
}

/** Parses and validates an artefact from JSON text or an already parsed value (e.g. jsonb). */
export function parseArtefact(input: string | unknown): ModelArtefact {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ModelInputError("invalid_model", `model file is not JSON: ${(error as Error).message}`);
    }
  }
  const head = value as { format?: unknown; formatVersion?: unknown } | null;
  if (head?.format !== MODEL_FORMAT) {
    throw new ModelInputError(
      "invalid_model",
      `not a ${MODEL_FORMAT} file (format = ${String(head?.format)})`,
    );
  }
  if (head.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelInputError(
      "invalid_model",
      `unsupported model formatVersion ${String(head.formatVersion)} (this version reads ${MODEL_FORMAT_VERSION})`,
    );
  }
  const parsed = modelArtefactSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelInputError(
      "invalid_model",
      `invalid model file at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "unknown problem"}`,
    );
  }
  return parsed.data;
}
