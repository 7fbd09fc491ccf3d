/**
 * Our GBDT against scikit-learn's HistGradientBoostingClassifier over many random splits of one
 * data set (default: German credit), so a single split's luck does not decide the comparison:
 * with 700 training rows the AUC of one split moves by several hundredths from seed to seed.
 *
 *   npx tsx bench/models/gbdt-auc-seeds.ts [--seeds 20] [--data F.csv --target COL --positive V]
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { auc, predictGbdtMargin, prepareDataset, splitDataset, trainGbdt } from "@creditdesk/core/models";
import { readCsvTable } from "@creditdesk/lib/models";
import { runPythonReference } from "./python-reference.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    data: { type: "string" },
    target: { type: "string", default: "creditability" },
    positive: { type: "string", default: "bad" },
  },
});
const here = dirname(new URL(import.meta.url).pathname);
const file =
  values.data ??
  [resolve(here, "../../../shared/data/german-credit.csv"), "/work/shared/data/german-credit.csv"].find((f) =>
    existsSync(f),
  );
if (!file) {
  throw new Error("no data: pass --data");
}
const table = await readCsvTable(file);
const data = prepareDataset({ table, target: values.target, positive: values.positive });
const ours: number[] = [];
const theirs: number[] = [];
process.stdout.write(`${file}: ${data.rows} rows, validation 30 %\nseed   ours    sklearn_hgb  difference\n`);
for (let seed = 1; seed <= Number(values.seeds); seed++) {
  const split = splitDataset(data, { method: "random", validationShare: 0.3, seed });
  const result = trainGbdt({ train: split.train, validation: split.validation, params: { seed } });
  const margin = predictGbdtMargin(result.model, split.validation.features, split.validation.rows);
  const a = auc(split.validation.target, margin)!;
  ours.push(a);
  const python = runPythonReference({ table, data, split, seed, cpuRepeat: 1 });
  const b = python.ok ? (python.value as { sklearn_hgb: { auc: number } }).sklearn_hgb.auc : Number.NaN;
  theirs.push(b);
  process.stdout.write(
    `${String(seed).padStart(4)}  ${a.toFixed(4)}  ${b.toFixed(4).padStart(11)}  ${(a - b).toFixed(4).padStart(10)}\n`,
  );
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const diffs = ours.map((a, k) => a - theirs[k]!);
const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean(diffs)) ** 2, 0) / Math.max(diffs.length - 1, 1));
process.stdout.write(
  `mean  ${mean(ours).toFixed(4)}  ${mean(theirs).toFixed(4).padStart(11)}  ${mean(diffs).toFixed(4).padStart(10)}  (sd of the difference ${sd.toFixed(4)}, standard error ${(sd / Math.sqrt(diffs.length)).toFixed(4)})\n`,
);
