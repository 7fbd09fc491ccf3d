/** Codes for problems with modelling input, so callers can map them to messages or statuses. */
export const MODEL_ERROR_CODES = [
  "empty_data",
  "missing_column",
  "one_class",
  "bad_target",
  "non_numeric",
  "bad_date",
  "no_features",
  "invalid_model",
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

/** A modelling input problem with a one-line, human-readable message. */
export class ModelInputError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ModelInputError";
  }
}
