/**
 * CPU time of one GBDT fit (trainGbdt only: binning + boosting, no data preparation or scoring)
 * beside scikit-learn's HistGradientBoostingClassifier.fit on the very same split, both single
 * threaded, min and median over repeated fits, in the same run. CPU time instead of wall time,
 * because the benchmark machine is often shared and wall time then measures the neighbours.
 *
 *   npx tsx bench/models/gbdt-fit-cpu.ts [--rows 30000] [--repeat 15] [--seed 42] [--no-python]
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RawTable } from "@creditdesk/core/models";
import {
  auc,
  predictGbdtMargin,
  prepareDataset,
  splitDataset,
  syntheticCreditTable,
  trainGbdt,
} from "@creditdesk/core/models";
import { readCsvTable } from "@creditdesk/lib/models";
import { runPythonReference } from "./python-reference.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "30000" },
    repeat: { type: "string", default: "15" },
    seed: { type: "string", default: "42" },
    "no-python": { type: "boolean", default: false },
  },
});
const repeat = Number(values.repeat);
const seed = Number(values.seed);

function summary(seconds: number[]): { min: number; median: number } {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

function bench(name: string, table: RawTable, target: string, positive?: string, exclude?: string[]) {
  const data = prepareDataset({
    table,
    target,
    ...(positive === undefined ? {} : { positive }),
    ...(exclude === undefined ? {} : { exclude }),
  });
  // The split trainModel makes (random, stratified, 30 % validation, same seed).
  const split = splitDataset(data, { method: "random", validationShare: 0.3, seed });
  const seconds: number[] = [];
  let result: ReturnType<typeof trainGbdt> | undefined;
  for (let rep = 0; rep < repeat; rep++) {
    const start = process.cpuUsage();
    result = trainGbdt({ train: split.train, validation: split.validation, params: { seed } });
    const used = process.cpuUsage(start);
    seconds.push((used.user + used.system) / 1e6);
  }
  const margin = predictGbdtMargin(result!.model, split.validation.features, split.validation.rows);
  const ours = summary(seconds);
  const line = (model: string, a: number | null, trees: string, s: { min: number; median: number }) =>
    `${model.padEnd(16)}${(a?.toFixed(4) ?? "n/a").padStart(8)}${trees.padStart(16)}${s.min.toFixed(4).padStart(10)}${s.median.toFixed(4).padStart(10)}`;
  const lines = [
    `\n## ${name}: train ${split.train.rows} / validation ${split.validation.rows}, ${repeat} fits each`,
    `${"model".padEnd(16)}${"AUC".padStart(8)}${"trees kept/built".padStart(16)}${"CPU min".padStart(10)}${"CPU med".padStart(10)}  ratio (min, median)`,
    line(
      "creditdesk_gbdt",
      auc(split.validation.target, margin),
      `${result!.bestIteration}/${result!.history.length}`,
      ours,
    ),
  ];
  if (!values["no-python"]) {
    const python = runPythonReference({ table, data, split, seed, cpuRepeat: repeat });
    if (python.ok) {
      const hgb = (python.value as { sklearn_hgb: { auc: number; iterations: number; cpuSeconds: number[] } })
        .sklearn_hgb;
      const theirs = summary(hgb.cpuSeconds);
      lines.push(
        `${line("sklearn_hgb", hgb.auc, `${hgb.iterations}`, theirs)}  ours/sklearn ${(ours.min / theirs.min).toFixed(2)}, ${(ours.median / theirs.median).toFixed(2)}`,
      );
    } else {
      lines.push(`sklearn_hgb unavailable: ${python.reason}`);
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

const here = dirname(new URL(import.meta.url).pathname);
const german = [
  resolve(here, "../../../shared/data/german-credit.csv"),
  "/work/shared/data/german-credit.csv",
].find((f) => existsSync(f));
if (german) {
  bench("german-credit", await readCsvTable(german), "creditability", "bad");
}
bench(
  `synthetic ${values.rows} rows (seed 42)`,
  syntheticCreditTable({ rows: Number(values.rows), seed: 42 }),
  "default",
  undefined,
  ["id"],
);
process.stdout.write(
  "\nCPU seconds = process user + system time of the fit alone (ours: trainGbdt incl. binning; sklearn: fit() with OMP_NUM_THREADS=1).\n",
);
