import type { AssessmentFeatureRecord, ModelArtefact } from "@creditdesk/core/models";
import { missingModelInputs, parseArtefact, scoreFeatureRecords } from "@creditdesk/core/models";
import type { Db } from "@creditdesk/db";
import { findChampion, findLatestChallenger, type RegisteredModel } from "@creditdesk/db/models";

/** One registered model's verdict on one customer. */
export interface RegisteredModelScore {
  readonly name: string;
  readonly version: string;
  readonly pd: number;
  /** On the artefact's own points scale. */
  readonly score: number;
}

export interface RegisteredModelScores {
  readonly champion?: RegisteredModelScore;
  readonly challenger?: RegisteredModelScore;
}

/** A model left out of scoring, and why (e.g. trained on a file with other column names). */
export interface SkippedModel {
  readonly role: "champion" | "challenger";
  readonly name: string;
  readonly version: string;
  readonly reason: string;
}

interface Loaded {
  readonly model: RegisteredModel;
  readonly artefact: ModelArtefact;
}

function load(
  model: RegisteredModel | undefined,
  role: "champion" | "challenger",
  names: readonly string[],
  onSkip: ((skipped: SkippedModel) => void) | undefined,
): Loaded | undefined {
  if (!model) {
    return undefined;
  }
  const skip = (reason: string) => {
    onSkip?.({ role, name: model.name, version: model.version, reason });
    return undefined;
  };
  let artefact: ModelArtefact;
  try {
    artefact = parseArtefact(model.artefact);
  } catch (error) {
    return skip((error as Error).message);
  }
  const missing = missingModelInputs(artefact, names);
  if (missing.length > 0) {
    return skip(`reads characteristics the assessment does not provide: ${missing.join(", ")}`);
  }
  return { model, artefact };
}

/**
 * Scores customers with the registered champion and the latest challenger, for the bulk
 * assessment: both models are loaded once (two queries), then every row is scored in memory.
 * `features` must come from `assessmentFeatures` (the names the own-history models are trained
 * on). A model that cannot score these features (another data set's columns, a broken artefact)
 * is skipped and reported through `onSkip` instead of failing the assessment run.
 */
export async function scoreWithRegisteredModels(options: {
  db: Db;
  rows: readonly { customerId: number; features: AssessmentFeatureRecord }[];
  onSkip?: (skipped: SkippedModel) => void;
}): Promise<Map<number, RegisteredModelScores>> {
  const { rows } = options;
  const out = new Map<number, RegisteredModelScores>();
  const names = rows[0] ? Object.keys(rows[0].features) : [];
  const champion = load(await findChampion(options.db), "champion", names, options.onSkip);
  const challenger = load(await findLatestChallenger(options.db), "challenger", names, options.onSkip);
  const records = rows.map((r) => r.features);
  const scored = (loaded: Loaded | undefined) =>
    loaded
      ? { loaded, scores: scoreFeatureRecords({ artefact: loaded.artefact, records, maxReasons: 0 }) }
      : undefined;
  const a = scored(champion);
  const b = scored(challenger);
  const pick = (s: ReturnType<typeof scored>, i: number): RegisteredModelScore | undefined =>
    s
      ? {
          name: s.loaded.model.name,
          version: s.loaded.model.version,
          pd: s.scores.pd[i]!,
          score: s.scores.score[i]!,
        }
      : undefined;
  rows.forEach((row, i) => {
    const c = pick(a, i);
    const d = pick(b, i);
    out.set(row.customerId, { ...(c ? { champion: c } : {}), ...(d ? { challenger: d } : {}) });
  });
  return out;
}
