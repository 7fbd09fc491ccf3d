import type { EntitySpec } from "./entities.ts";
import type { FieldSpec } from "./fields.ts";
import { fileProblem, type ImportProblem } from "./problem.ts";

/**
 * Normalises a header for matching: Unicode NFKC (full-width letters, digits, spaces and brackets
 * become ASCII), lower case, and no spaces, underscores, hyphens, dots, colons, brackets or
 * slashes — so "Invoice No.", "invoice_no", "ＩＮＶＯＩＣＥ　ＮＯ" and " 发票号 " all compare equal to
 * their canonical spellings.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[\s_\-.:：()（）[\]【】/\\#*'"’]+/g, "");
}

/** Column overrides from a mapping file: header → field name, or null to ignore the column. */
export type ColumnOverrides = Readonly<Record<string, string | null>>;

export interface HeaderMapping {
  /** For each column of the file, the field it feeds, or null when it is ignored. */
  readonly fields: readonly (string | null)[];
  /** Headers present in the file that are not mapped to anything and not explicitly ignored. */
  readonly unknown: readonly string[];
  /** Fields that are present (a column maps to them). */
  readonly present: ReadonlySet<string>;
  /** Problems that stop the import whatever the mode (missing required field, duplicates …). */
  readonly problems: readonly ImportProblem[];
}

/**
 * Maps the header row of a file to the entity's fields: explicit overrides first, then the
 * canonical name and synonyms of every field. A required field that no column maps to is one
 * clear problem naming the field, its accepted headers and the headers seen; unknown columns are
 * returned so that strict imports can refuse them.
 */
export function mapHeaders(
  headers: readonly string[],
  spec: EntitySpec,
  overrides: ColumnOverrides = {},
): HeaderMapping {
  const bySynonym = new Map<string, FieldSpec>();
  for (const field of spec.fields) {
    for (const s of [field.name, ...field.synonyms]) {
      bySynonym.set(normaliseHeader(s), field);
    }
  }
  const fieldNames = new Set(spec.fields.map((f) => f.name));
  const overrideByHeader = new Map<string, string | null>();
  const problems: ImportProblem[] = [];
  for (const [header, target] of Object.entries(overrides)) {
    if (target !== null && !fieldNames.has(target)) {
      problems.push(
        fileProblem(
          `the mapping file maps column '${header}' to '${target}', which is not a field of ${spec.entity} (fields: ${[...fieldNames].join(", ")})`,
          header,
        ),
      );
      continue;
    }
    overrideByHeader.set(normaliseHeader(header), target);
  }

  const fields: (string | null)[] = [];
  const unknown: string[] = [];
  const columnOf = new Map<string, string>();
  headers.forEach((header) => {
    const key = normaliseHeader(header);
    let field: string | null;
    if (key === "") {
      field = null; // an empty trailing header column: nothing to map, nothing to report
    } else if (overrideByHeader.has(key)) {
      field = overrideByHeader.get(key) ?? null;
    } else {
      field = bySynonym.get(key)?.name ?? null;
      if (field === null) {
        unknown.push(header);
      }
    }
    if (field !== null) {
      const earlier = columnOf.get(field);
      if (earlier !== undefined) {
        problems.push(
          fileProblem(
            `columns '${earlier}' and '${header}' both map to field ${field}; ignore one of them in a mapping file ("columns": { "${header}": null })`,
            header,
            field,
          ),
        );
        field = null;
      } else {
        columnOf.set(field, header);
      }
    }
    fields.push(field);
  });

  for (const field of spec.fields) {
    if (field.required && !columnOf.has(field.name)) {
      const accepted = [field.name, ...field.synonyms.filter((s) => s !== field.name)].slice(0, 6).join(", ");
      problems.push(
        fileProblem(
          `required field ${field.name} has no column (accepted headers include: ${accepted}; headers seen: ${headers.join(", ")}); map one with --mapping`,
          null,
          field.name,
        ),
      );
    }
  }
  return { fields, unknown, present: new Set(columnOf.keys()), problems };
}
