/**
 * Runs bench/models/sklearn_bench.py on exactly our train/validation split (written as two CSV
 * files with the original header), so the Python references see the same rows as our trainers.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Dataset, RawTable, SplitResult } from "@creditdesk/core/models";
import { stringify } from "csv-stringify/sync";

const here = dirname(new URL(import.meta.url).pathname);
export const PYTHON = "/usr/bin/python3";

export type PythonResult = { ok: true; value: unknown } | { ok: false; reason: string };

export function runPythonReference(options: {
  table: RawTable;
  data: Dataset;
  split: SplitResult;
  seed: number;
  /** Fit only HistGradientBoosting this many times and report CPU seconds (single thread). */
  cpuRepeat?: number;
}): PythonResult {
  if (!existsSync(PYTHON)) {
    return { ok: false, reason: `${PYTHON} not found` };
  }
  const { table, data, split } = options;
  const dir = mkdtempSync(join(tmpdir(), "creditdesk-bench-"));
  try {
    const write = (file: string, index: Uint32Array) =>
      writeFileSync(
        join(dir, file),
        stringify([table.header as string[], ...Array.from(index, (i) => table.rows[i] as string[])]),
      );
    write("train.csv", split.trainIndex);
    write("valid.csv", split.validationIndex);
    const spec = {
      train: join(dir, "train.csv"),
      valid: join(dir, "valid.csv"),
      target: data.targetName,
      positive: data.positive,
      features: data.features.map((f) => ({ name: f.name, kind: f.kind })),
      seed: options.seed,
      ...(options.cpuRepeat ? { cpuRepeat: options.cpuRepeat } : {}),
    };
    writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
    const result = spawnSync(PYTHON, [join(here, "sklearn_bench.py"), join(dir, "spec.json")], {
      encoding: "utf8",
      // Single-threaded BLAS/OpenMP: the CPU-time comparison is one core against one core, and
      // spinning idle OpenMP workers would otherwise count as sklearn's CPU time.
      env: options.cpuRepeat
        ? { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" }
        : process.env,
    });
    if (result.status !== 0) {
      return { ok: false, reason: result.stderr.trim().split("\n").at(-1) ?? `exit ${result.status}` };
    }
    return { ok: true, value: JSON.parse(result.stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
