import { AppError } from "./app-error.ts";

/**
 * The position after the last row of a page in keyset pagination: the sort key as the database
 * renders it in text (exact, e.g. microsecond timestamps) and the row id as tie-breaker.
 */
export interface CursorPosition {
  /** The sort field the cursor was made for; a cursor is refused under another sort. */
  sort: string;
  key: string;
  id: number;
}

/** Opaque to clients: base64url of a small JSON array. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.key, position.id]), "utf8").toString(
    "base64url",
  );
}

/** Decodes a cursor made by `encodeCursor` for the same sort, or throws a VALIDATION AppError on `cursor`. */
export function decodeCursor(cursor: string, sort: string): CursorPosition {
  const invalid = (message: string) => AppError.validation([{ path: "cursor", message }], "invalid cursor");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("is not a cursor returned by this API");
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== "string" ||
    typeof parsed[1] !== "string" ||
    !Number.isSafeInteger(parsed[2])
  ) {
    throw invalid("is not a cursor returned by this API");
  }
  if (parsed[0] !== sort) {
    throw invalid(`was made for sort=${parsed[0]}, not sort=${sort}`);
  }
  return { sort: parsed[0], key: parsed[1], id: parsed[2] as number };
}
