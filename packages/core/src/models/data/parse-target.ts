import type { RawTable } from "./dataset.ts";
import { isMissingCell, parseNumberCell } from "./dataset.ts";
import { ModelInputError } from "./model-error.ts";
import { columnIndex } from "./parse-features.ts";

export interface ParseTargetOptions {
  readonly table: RawTable;
  readonly target: string;
  /** The raw value meaning bad (1). Without it the target must hold 0/1 with 1 = bad. */
  readonly positive?: string;
}

/** Reads the binary target: 1 = bad. Errors on missing values, one class or a third value. */
export function parseTarget(options: ParseTargetOptions): { target: Uint8Array; positive: string } {
  const { table, target: name } = options;
  const index = columnIndex(table, name, "target");
  const n = table.rows.length;
  const raws: string[] = new Array(n);
  const distinct = new Set<string>();
  for (let r = 0; r < n; r++) {
    const raw = table.rows[r]?.[index];
    if (raw === undefined || isMissingCell(raw)) {
      throw new ModelInputError("bad_target", `target column '${name}' is missing at row ${r + 1}`);
    }
    const text = raw.trim();
    raws[r] = text;
    distinct.add(text);
  }
  const values = [...distinct].sort();
  const listed = values.map((v) => `'${v}'`).join(", ");
  const positive = options.positive ?? "1";
  let isBad: (text: string) => boolean;
  if (options.positive === undefined) {
    const allBinary = values.every((v) => {
      const x = parseNumberCell(v);
      return x === 0 || x === 1;
    });
    if (!allBinary) {
      throw new ModelInputError(
        "bad_target",
        `target column '${name}' has values ${listed}, not 0/1; name the value that means bad (--positive VALUE)`,
      );
    }
    isBad = (text) => parseNumberCell(text) === 1;
  } else {
    if (!distinct.has(positive)) {
      throw new ModelInputError(
        "bad_target",
        `positive value '${positive}' does not occur in target column '${name}' (values: ${listed})`,
      );
    }
    isBad = (text) => text === positive;
  }
  const classes = new Set(raws.map((text) => isBad(text)));
  if (values.length > 2 || (options.positive === undefined && classes.size > 2)) {
    throw new ModelInputError(
      "bad_target",
      `target column '${name}' must hold exactly two classes, found ${values.length}: ${listed}`,
    );
  }
  if (classes.size < 2) {
    throw new ModelInputError(
      "one_class",
      `target column '${name}' holds one class only (${listed}); need both good and bad rows`,
    );
  }
  const out = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    out[r] = isBad(raws[r]!) ? 1 : 0;
  }
  return { target: out, positive };
}
