import type { ModelComparison, RawTable } from "@creditdesk/core/models";
import { compareModels, parseTarget, scoreFeatureRecords, scoreTable } from "@creditdesk/core/models";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  findChampion,
  findLatestChallenger,
  ModelRegistryError,
  type RegisteredModel,
} from "@creditdesk/db/models";
import { buildTrainingDataset } from "./build-training-dataset.ts";
import { registeredArtefact } from "./register-model.ts";

export type CompareSource =
  | {
      /** Own history: the customers of this as-of date with their outcome over the horizon after it. */
      readonly kind: "history";
      readonly asOf: string;
      readonly horizonMonths: number;
      readonly baseCurrency: string;
    }
  | { readonly kind: "table"; readonly table: RawTable; readonly target: string; readonly positive?: string };

async function championAndChallenger(handle: DatabaseHandle): Promise<[RegisteredModel, RegisteredModel]> {
  const champion = await findChampion(handle.db);
  const challenger = await findLatestChallenger(handle.db);
  if (!champion || !challenger) {
    throw new ModelRegistryError(
      "not_found",
      `a comparison needs a champion and a challenger (found ${champion ? "a champion" : "no champion"}, ${challenger ? "a challenger" : "no challenger"})`,
    );
  }
  return [champion, challenger];
}

/**
 * Champion vs latest challenger on the same labelled rows: AUC, KS, Gini, Brier of each and the
 * PSI between their score distributions. Rows are the own-history data set of one as-of date, or a
 * labelled table (a CSV file).
 */
export async function compareRegisteredModels(options: {
  handle: DatabaseHandle;
  source: CompareSource;
}): Promise<ModelComparison & { source: Record<string, unknown> }> {
  const [champion, challenger] = await championAndChallenger(options.handle);
  const a = registeredArtefact(champion);
  const b = registeredArtefact(challenger);
  const { source } = options;
  let target: Uint8Array;
  let scoresA: ReturnType<typeof scoreTable>;
  let scoresB: ReturnType<typeof scoreTable>;
  let described: Record<string, unknown>;
  if (source.kind === "history") {
    const rows = await buildTrainingDataset({
      handle: options.handle,
      asOfDates: [source.asOf],
      horizonMonths: source.horizonMonths,
      baseCurrency: source.baseCurrency,
    });
    target = Uint8Array.from(rows, (r) => r.target);
    const records = rows.map((r) => r.features);
    scoresA = scoreFeatureRecords({ artefact: a, records, maxReasons: 0 });
    scoresB = scoreFeatureRecords({ artefact: b, records, maxReasons: 0 });
    described = { kind: "history", asOf: source.asOf, horizonMonths: source.horizonMonths };
  } else {
    target = parseTarget({
      table: source.table,
      target: source.target,
      ...(source.positive === undefined ? {} : { positive: source.positive }),
    }).target;
    scoresA = scoreTable({ artefact: a, table: source.table, maxReasons: 0 });
    scoresB = scoreTable({ artefact: b, table: source.table, maxReasons: 0 });
    described = { kind: "table", target: source.target };
  }
  const comparison = compareModels({
    target,
    champion: { name: champion.name, version: champion.version, method: champion.method, scores: scoresA },
    challenger: {
      name: challenger.name,
      version: challenger.version,
      method: challenger.method,
      scores: scoresB,
    },
  });
  return { source: described, ...comparison };
}
