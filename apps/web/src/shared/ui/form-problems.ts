import type { FieldProblem } from "../api/client.ts";

/** A form field's name as AntD's form takes it (`["invoices"]`, `["lines", 0, "amount"]`). */
export type FieldName = (string | number)[];

/** The errors to put on one field (`form.setFields` entries). */
export interface FieldErrorEntry {
  name: FieldName;
  errors: string[];
}

const dotted = (name: readonly (string | number)[]) => name.join(".");

/**
 * Places the fields a problem names (RFC 9457 `errors`, dotted paths) on the form's own fields.
 * A path is tried as it is, then through `aliases` (API name → form name, where the request's
 * names differ from the form's, e.g. `requestedMinor` → `amount`), then without its last segment
 * (`invoices.2` → `invoices`); what finds no field is left in `rest` for the form as a whole.
 * Several messages for one field are kept together, in the problem's order.
 */
export function placeFieldProblems(
  problems: readonly FieldProblem[],
  fields: readonly (readonly (string | number)[])[],
  aliases: Readonly<Record<string, string>> = {},
): { placed: FieldErrorEntry[]; rest: FieldProblem[] } {
  const known = new Map(fields.map((name) => [dotted(name), [...name]]));
  const placed = new Map<string, FieldErrorEntry>();
  const rest: FieldProblem[] = [];
  for (const problem of problems) {
    const target = fieldOf(problem.path, known, aliases);
    if (target === undefined) {
      rest.push(problem);
      continue;
    }
    const key = dotted(target);
    const entry = placed.get(key) ?? { name: target, errors: [] };
    entry.errors.push(problem.message);
    placed.set(key, entry);
  }
  return { placed: [...placed.values()], rest };
}

function fieldOf(
  path: string,
  known: ReadonlyMap<string, FieldName>,
  aliases: Readonly<Record<string, string>>,
): FieldName | undefined {
  const segments = path.split(".").filter((s) => s !== "");
  for (let length = segments.length; length > 0; length--) {
    const candidate = segments.slice(0, length).join(".");
    const field = known.get(candidate) ?? known.get(aliases[candidate] ?? "");
    if (field !== undefined) {
      return field;
    }
  }
  return undefined;
}
