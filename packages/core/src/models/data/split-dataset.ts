import type { Dataset } from "./dataset.ts";
import { subsetDataset } from "./dataset.ts";
import { createRng, shuffleInPlace } from "./rng.ts";

export const SPLIT_METHODS = ["random", "time"] as const;
export type SplitMethod = (typeof SPLIT_METHODS)[number];

export interface SplitOptions {
  readonly method: SplitMethod;
  /** Share held out for validation (default 0.3). */
  readonly validationShare?: number;
  readonly seed?: number;
}

export interface SplitResult {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly trainIndex: Uint32Array;
  readonly validationIndex: Uint32Array;
}

/**
 * Train/validation split. `random`: stratified by target (each class shuffled with the seed and
 * the same share taken from each), so both parts keep the bad rate. `time`: the latest rows by the
 * data set's time column form the validation part (out-of-time validation).
 */
export function splitDataset(data: Dataset, options: SplitOptions): SplitResult {
  const share = options.validationShare ?? 0.3;
  const isValidation = new Uint8Array(data.rows);
  if (options.method === "time") {
    const time = data.time;
    if (!time) {
      throw new RangeError("a time split needs a time column");
    }
    const order = Array.from({ length: data.rows }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
    const cut = Math.round(data.rows * (1 - share));
    for (let k = cut; k < order.length; k++) {
      isValidation[order[k]!] = 1;
    }
  } else {
    const random = createRng(options.seed ?? 42);
    for (const cls of [0, 1]) {
      const members: number[] = [];
      for (let i = 0; i < data.rows; i++) {
        if (data.target[i] === cls) {
          members.push(i);
        }
      }
      shuffleInPlace(members, random);
      const take = Math.round(members.length * share);
      for (let k = 0; k < take; k++) {
        isValidation[members[k]!] = 1;
      }
    }
  }
  const trainList: number[] = [];
  const validList: number[] = [];
  for (let i = 0; i < data.rows; i++) {
    (isValidation[i] ? validList : trainList).push(i);
  }
  const trainIndex = Uint32Array.from(trainList);
  const validationIndex = Uint32Array.from(validList);
  return {
    train: subsetDataset(data, trainIndex),
    validation: subsetDataset(data, validationIndex),
    trainIndex,
    validationIndex,
  };
}
