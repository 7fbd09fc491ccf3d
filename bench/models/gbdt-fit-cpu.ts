/**
 * CPU time of one GBDT fit (trainGbdt only, no data preparation or scoring) on the synthetic set,
 * min and median over repeated runs. CPU time instead of wall time, because the benchmark machine
 * is often shared and wall time then measures the neighbours.
 *
 *   npx tsx bench/models/gbdt-fit-cpu.ts [--rows 30000] [--repeat 15]
 */
import { parseArgs } from "node:util";
import { prepareDataset, splitDataset, syntheticCreditTable, trainGbdt } from "@creditdesk/core/models";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "30000" }, repeat: { type: "string", default: "15" } },
});
const table = syntheticCreditTable({ rows: Number(values.rows), seed: 42 });
const data = prepareDataset({ table, target: "default", exclude: ["id"] });
const split = splitDataset(data, { method: "random", validationShare: 0.3, seed: 42 });
const seconds: number[] = [];
let trees = 0;
for (let rep = 0; rep < Number(values.repeat); rep++) {
  const start = process.cpuUsage();
  const result = trainGbdt({ train: split.train, validation: split.validation, params: { seed: 42 } });
  const used = process.cpuUsage(start);
  seconds.push((used.user + used.system) / 1e6);
  trees = result.model.trees.length;
}
seconds.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ rows: split.train.rows, trees, cpuSecondsMin: seconds[0], cpuSecondsMedian: seconds[Math.floor(seconds.length / 2)] })}\n`,
);
