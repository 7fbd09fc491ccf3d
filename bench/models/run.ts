/**
 * Model benchmark: our scorecard and GBDT against a plain one-hot logistic regression (TS) and,
 * when /usr/bin/python3 has them, scikit-learn (LogisticRegression, HistGradientBoosting) and
 * XGBoost on the very same split.
 *
 *   npx tsx bench/models/run.ts                       # German credit + synthetic (30k rows)
 *   npx tsx bench/models/run.ts --data F.csv --target COL [--positive V] [--exclude a,b]
 *   options: --rows N (synthetic size), --seed N
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RawTable } from "@creditdesk/core/models";
import {
  auc,
  ks,
  predictGbdtMargin,
  prepareDataset,
  scoreColumns,
  splitDataset,
  syntheticCreditTable,
  trainGbdt,
  trainModel,
} from "@creditdesk/core/models";
import { readCsvTable } from "@creditdesk/lib/models";
import { trainBaselineLogistic } from "./baseline-logistic.ts";
import { runPythonReference } from "./python-reference.ts";

interface Row {
  model: string;
  auc: number | null;
  ks: number | null;
  seconds: number;
  peakRssMb: number;
  note?: string;
}

const here = dirname(new URL(import.meta.url).pathname);
const { values: args } = parseArgs({
  options: {
    data: { type: "string" },
    target: { type: "string" },
    positive: { type: "string" },
    exclude: { type: "string" },
    rows: { type: "string", default: "30000" },
    seed: { type: "string", default: "42" },
  },
});
const seed = Number(args.seed);

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

async function bench(name: string, table: RawTable, target: string, positive?: string, exclude?: string[]) {
  const common = {
    table,
    target,
    seed,
    createdAt: new Date().toISOString(),
    ...(positive === undefined ? {} : { positive }),
    ...(exclude === undefined ? {} : { exclude }),
  };
  const rows: Row[] = [];
  const sc = timed(() => trainModel({ ...common, method: "scorecard" }));
  const scValid = sc.value.artefact.metrics.validation!;
  rows.push({
    model: "creditdesk_scorecard",
    auc: scValid.auc,
    ks: scValid.ks,
    seconds: sc.seconds,
    peakRssMb: peakRssMb(),
    note: `${sc.value.artefact.method === "scorecard" ? sc.value.artefact.model.features.length : 0} characteristics`,
  });
  const gb = timed(() => trainModel({ ...common, method: "gbdt" }));
  const gbValid = gb.value.artefact.metrics.validation!;
  rows.push({
    model: "creditdesk_gbdt",
    auc: gbValid.auc,
    ks: gbValid.ks,
    seconds: gb.seconds,
    peakRssMb: peakRssMb(),
    note: `${gb.value.artefact.method === "gbdt" ? gb.value.artefact.model.trees.length : 0} trees (early stopping on validation)`,
  });
  // The same split, re-created (same seed) for the baseline and the Python references.
  const data = prepareDataset(common);
  const split = splitDataset(data, { method: "random", validationShare: 0.3, seed });
  const base = timed(() => trainBaselineLogistic(split.train));
  const pd = base.value(split.validation);
  rows.push({
    model: "ts_logistic_onehot",
    auc: auc(split.validation.target, pd),
    ks: ks(split.validation.target, pd),
    seconds: base.seconds,
    peakRssMb: peakRssMb(),
  });
  // Fit time alone (pre-parsed data), comparable with the Python figures, which time fit() only.
  const fitOnly = timed(() =>
    trainGbdt({ train: split.train, validation: split.validation, params: { seed } }),
  );
  const fitPd = predictGbdtMargin(fitOnly.value.model, split.validation.features, split.validation.rows);
  rows.push({
    model: "creditdesk_gbdt_fit_only",
    auc: auc(split.validation.target, fitPd),
    ks: ks(split.validation.target, fitPd),
    seconds: fitOnly.seconds,
    peakRssMb: peakRssMb(),
    note: `${fitOnly.value.bestIteration} trees`,
  });
  // Sanity: the split trainModel used is the one we rebuilt.
  const check = scoreColumns({
    artefact: gb.value.artefact,
    columns: split.validation.features,
    rows: split.validation.rows,
  });
  if (auc(split.validation.target, check.pd) !== gbValid.auc) {
    throw new Error("benchmark split differs from the training split");
  }

  const python = runPythonReference({ table, data, split, seed });
  if (python.ok) {
    const parsed = python.value as Record<string, Omit<Row, "model"> & { iterations?: number }>;
    for (const [model, r] of Object.entries(parsed)) {
      rows.push({
        model,
        auc: r.auc,
        ks: r.ks,
        seconds: r.seconds,
        peakRssMb: r.peakRssMb,
        ...(r.iterations ? { note: `${r.iterations} trees` } : {}),
      });
    }
  } else {
    rows.push({
      model: "python",
      auc: null,
      ks: null,
      seconds: 0,
      peakRssMb: 0,
      note: `unavailable: ${python.reason}`,
    });
  }
  process.stdout.write(
    `\n## ${name}: ${data.rows} rows, ${data.features.length} characteristics, train ${split.train.rows} / validation ${split.validation.rows}\n`,
  );
  process.stdout.write(
    `${"model".padEnd(26)}${"AUC".padStart(8)}${"KS".padStart(8)}${"train s".padStart(10)}${"peak RSS MB".padStart(13)}  note\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.model.padEnd(26)}${(r.auc?.toFixed(4) ?? "n/a").padStart(8)}${(r.ks?.toFixed(4) ?? "n/a").padStart(8)}${r.seconds.toFixed(3).padStart(10)}${r.peakRssMb.toFixed(0).padStart(13)}  ${r.note ?? ""}\n`,
    );
  }
  return rows;
}

if (args.data) {
  if (!args.target) {
    throw new Error("--data needs --target");
  }
  await bench(args.data, await readCsvTable(args.data), args.target, args.positive, args.exclude?.split(","));
} else {
  const root = resolve(here, "../..");
  const german = [
    resolve(root, "../shared/data/german-credit.csv"),
    "/work/shared/data/german-credit.csv",
  ].find((f) => existsSync(f));
  if (german) {
    await bench("german-credit", await readCsvTable(german), "creditability", "bad");
  }
  await bench(
    `synthetic (seed ${seed})`,
    syntheticCreditTable({ rows: Number(args.rows), seed }),
    "default",
    undefined,
    ["id"],
  );
}
process.stdout.write("\npeak RSS is the process-wide maximum so far (cumulative across rows).\n");
