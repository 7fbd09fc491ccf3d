import { describe, expect, it } from "vitest";
import type { RawTable } from "./dataset.ts";
import { ModelInputError } from "./model-error.ts";
import { prepareDataset } from "./prepare-dataset.ts";
import { splitDataset } from "./split-dataset.ts";

const table: RawTable = {
  header: ["id", "age", "city", "y"],
  rows: [
    ["1", "30", "a", "1"],
    ["2", "NA", "b", "0"],
    ["3", "45", "?", "0"],
    ["4", "", "a", "1"],
    ["5", "51", "c", "0"],
  ],
};

function errorOf(fn: () => unknown): ModelInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModelInputError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a ModelInputError");
}

describe("prepareDataset", () => {
  it("infers numeric and categorical characteristics, treats empty, NA and ? as missing, excludes ids", () => {
    const data = prepareDataset({ table, target: "y", exclude: ["id"] });
    expect(data.features.map((f) => [f.name, f.kind])).toEqual([
      ["age", "numeric"],
      ["city", "categorical"],
    ]);
    const age = data.features[0]!;
    expect(age.kind === "numeric" && Array.from(age.values)).toEqual([30, Number.NaN, 45, Number.NaN, 51]);
    expect(data.features[1]!.values[2]).toBeNull();
    expect(Array.from(data.target)).toEqual([1, 0, 0, 1, 0]);
  });

  it("maps --positive to 1 = bad", () => {
    const words = {
      header: ["x", "t"],
      rows: [
        ["1", "good"],
        ["2", "bad"],
        ["3", "good"],
      ],
    };
    expect(Array.from(prepareDataset({ table: words, target: "t", positive: "bad" }).target)).toEqual([
      0, 1, 0,
    ]);
  });

  it.each([
    [
      "missing target column",
      { table, target: "default" },
      "missing_column",
      /target column 'default' not found/,
    ],
    [
      "one class only",
      {
        table: {
          header: ["x", "y"],
          rows: [
            ["1", "0"],
            ["2", "0"],
          ],
        },
        target: "y",
      },
      "one_class",
      /one class only/,
    ],
    [
      "a third target value",
      {
        table: {
          header: ["x", "y"],
          rows: [
            ["1", "0"],
            ["2", "1"],
            ["3", "2"],
          ],
        },
        target: "y",
      },
      "bad_target",
      /'2'/,
    ],
    [
      "words without --positive",
      {
        table: {
          header: ["x", "y"],
          rows: [
            ["1", "good"],
            ["2", "bad"],
          ],
        },
        target: "y",
      },
      "bad_target",
      /--positive/,
    ],
    ["an empty file", { table: { header: [], rows: [] }, target: "y" }, "empty_data", /no rows/],
    [
      "garbage in a numeric column",
      {
        table: {
          header: ["amount", "y"],
          rows: [...Array.from({ length: 20 }, (_, i) => [String(i * 10), String(i % 2)]), ["12x", "0"]],
        },
        target: "y",
      },
      "non_numeric",
      /column 'amount' is numeric but row 21 holds '12x'/,
    ],
  ] as const)("rejects %s with a clear message", (_, options, code, message) => {
    const error = errorOf(() => prepareDataset(options));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});

describe("splitDataset", () => {
  const big: RawTable = {
    header: ["x", "y", "when"],
    rows: Array.from({ length: 1000 }, (_, i) => [
      String(i),
      i % 4 === 0 ? "1" : "0",
      `2020-01-${String((i % 28) + 1).padStart(2, "0")}`,
    ]),
  };

  it("stratifies a seeded random split and is reproducible", () => {
    const data = prepareDataset({ table: big, target: "y", exclude: ["when"] });
    const a = splitDataset(data, { method: "random", validationShare: 0.3, seed: 7 });
    const b = splitDataset(data, { method: "random", validationShare: 0.3, seed: 7 });
    expect(a.validation.rows).toBe(300);
    expect(a.validation.target.reduce((s, v) => s + v, 0)).toBe(75);
    expect(Array.from(a.validationIndex)).toEqual(Array.from(b.validationIndex));
    const c = splitDataset(data, { method: "random", validationShare: 0.3, seed: 8 });
    expect(Array.from(c.validationIndex)).not.toEqual(Array.from(a.validationIndex));
  });

  it("holds out the latest rows in a time split", () => {
    const data = prepareDataset({ table: big, target: "y", timeColumn: "when" });
    expect(data.features.map((f) => f.name)).toEqual(["x"]);
    const split = splitDataset(data, { method: "time", validationShare: 0.25 });
    const maxTrain = Math.max(...Array.from(split.train.time!));
    const minValid = Math.min(...Array.from(split.validation.time!));
    expect(maxTrain).toBeLessThanOrEqual(minValid);
  });
});
