import { z } from "zod";
import { formatIssuePath } from "../shared/issues.ts";
import { localisedTextSchema, overrideSchema, reasonCodeSchema } from "./override-schema.ts";
import { sourceDefinition } from "./sources.ts";

/**
 * Expert scorecard definition: JSON-serialisable, versioned, stored as jsonb with its id and version.
 * Scoring always takes the definition object, so every stored version stays usable.
 *
 * A numeric bin is a range [from, to) by default: `fromInclusive` defaults to true, `toInclusive` to
 * false; an absent/null `from` or `to` is −∞ / +∞ (JSON has no Infinity). Numeric bins must cover the
 * whole real line without gap or overlap; category bins must cover every value of the source's closed
 * set exactly once; every characteristic needs exactly one `{ missing: true }` bin, used for a value
 * that is absent, not computable or an unknown category.
 *
 * `overrides` (optional, default none) are knock-out rules applied after the points: each caps the
 * grade when its condition holds (see override-schema.ts and apply-overrides.ts).
 */
const localisedText = localisedTextSchema;

export const rangeBinSchema = z.object({
  range: z.object({
    from: z.number().nullable().optional(),
    to: z.number().nullable().optional(),
    fromInclusive: z.boolean().default(true),
    toInclusive: z.boolean().default(false),
  }),
  points: z.number(),
});
export const categoryBinSchema = z.object({
  categories: z.array(z.string().min(1)).min(1),
  points: z.number(),
});
export const missingBinSchema = z.object({ missing: z.literal(true), points: z.number() });
export const binSchema = z.union([rangeBinSchema, categoryBinSchema, missingBinSchema]);

export const characteristicSchema = z.object({
  /** Stable reason code, e.g. BEH_DBT_6M. */
  code: reasonCodeSchema,
  /** A metric path from SCORING_SOURCES, e.g. behaviour.daysBeyondTerms6m. */
  source: z.string(),
  /** Multiplies every bin's points (default 1). */
  weight: z.number().positive().default(1),
  /** Overrides the source's label in reason texts. */
  label: localisedText.optional(),
  bins: z.array(binSchema).min(1),
});

export const scoreScaleSchema = z.object({
  /** Score at the anchor odds (default 650). */
  points: z.number(),
  /** Good:bad odds at the anchor score (default 30). */
  odds: z.number().positive(),
  /** Points to double the odds (default 40). */
  pdo: z.number().positive(),
});

export const scorecardSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    /** Points every customer starts with before the characteristics. */
    basePoints: z.number().default(0),
    /** The log-odds scale the points are calibrated to. */
    scale: scoreScaleSchema,
    characteristics: z.array(characteristicSchema).min(1),
    /** Knock-out rules, applied after the points in this order; none by default. */
    overrides: z.array(overrideSchema).default([]),
  })
  .superRefine((card, ctx) => {
    const codes = new Map<string, number>();
    card.characteristics.forEach((c, i) => {
      const at = (...rest: (string | number)[]) => ["characteristics", i, ...rest];
      const seen = codes.get(c.code);
      if (seen !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: at("code"),
          message: `duplicate code ${c.code} (also characteristics[${seen}])`,
        });
      }
      codes.set(c.code, i);
      const source = sourceDefinition(c.source);
      if (!source) {
        ctx.addIssue({ code: "custom", path: at("source"), message: `unknown source "${c.source}"` });
        return;
      }
      const missingBins = c.bins.filter((b) => "missing" in b).length;
      if (missingBins === 0) {
        ctx.addIssue({ code: "custom", path: at("bins"), message: "no missing bin" });
      } else if (missingBins > 1) {
        ctx.addIssue({ code: "custom", path: at("bins"), message: "more than one missing bin" });
      }
      const problems =
        source.kind === "number"
          ? checkRanges(c.bins)
          : checkCategories(c.bins, source.categories?.map((x) => x.value) ?? []);
      for (const message of problems) {
        ctx.addIssue({ code: "custom", path: at("bins"), message });
      }
    });
    const overrideCodes = new Map<string, number>();
    card.overrides.forEach((o, i) => {
      const seen = overrideCodes.get(o.code);
      const characteristic = codes.get(o.code);
      if (seen !== undefined || characteristic !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["overrides", i, "code"],
          message: `duplicate code ${o.code} (also ${seen !== undefined ? `overrides[${seen}]` : `characteristics[${characteristic}]`})`,
        });
      }
      overrideCodes.set(o.code, i);
    });
  });

export type ScorecardDefinition = z.output<typeof scorecardSchema>;
export type ScorecardInput = z.input<typeof scorecardSchema>;
export type ScorecardCharacteristic = ScorecardDefinition["characteristics"][number];
export type ScorecardBin = ScorecardCharacteristic["bins"][number];
export type RangeBin = z.output<typeof rangeBinSchema>;
export type ScoreScale = z.output<typeof scoreScaleSchema>;

type Bin = z.output<typeof binSchema>;

function checkRanges(bins: readonly Bin[]): string[] {
  if (bins.some((b) => "categories" in b)) {
    return ["category bins on a numeric source"];
  }
  const ranges = bins.flatMap((b) => ("range" in b ? [b.range] : []));
  if (ranges.length === 0) {
    return ["no range bins"];
  }
  const problems: string[] = [];
  const lo = (r: RangeBin["range"]) => r.from ?? Number.NEGATIVE_INFINITY;
  const hi = (r: RangeBin["range"]) => r.to ?? Number.POSITIVE_INFINITY;
  for (const r of ranges) {
    const empty = lo(r) > hi(r) || (lo(r) === hi(r) && !(r.fromInclusive && r.toInclusive));
    if (empty) {
      problems.push(`empty range from ${r.from ?? "-∞"} to ${r.to ?? "+∞"}`);
    }
  }
  // Sort by lower edge (an inclusive edge starts before an exclusive one at the same value).
  const sorted = [...ranges].sort(
    (a, b) => lo(a) - lo(b) || Number(b.fromInclusive) - Number(a.fromInclusive),
  );
  const first = sorted[0]!;
  if (lo(first) !== Number.NEGATIVE_INFINITY) {
    problems.push(`gap below ${first.from}`);
  }
  // Walk up the line keeping the furthest upper edge reached so far.
  let end = hi(first);
  let endInclusive = first.toInclusive;
  for (const next of sorted.slice(1)) {
    const start = lo(next);
    if (end > start || (end === start && endInclusive && next.fromInclusive)) {
      problems.push(`ranges overlap at ${start}`);
    } else if (end < start) {
      problems.push(`gap between ${end} and ${start}`);
    } else if (!endInclusive && !next.fromInclusive) {
      problems.push(`gap at ${end}`);
    }
    if (hi(next) > end || (hi(next) === end && next.toInclusive)) {
      end = hi(next);
      endInclusive = next.toInclusive;
    }
  }
  if (end !== Number.POSITIVE_INFINITY) {
    problems.push(`gap above ${end}`);
  }
  return problems;
}

function checkCategories(bins: readonly Bin[], allowed: readonly string[]): string[] {
  if (bins.some((b) => "range" in b)) {
    return ["range bins on a category source"];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const b of bins) {
    if (!("categories" in b)) {
      continue;
    }
    for (const value of b.categories) {
      if (!allowed.includes(value)) {
        problems.push(`unknown category "${value}" (allowed: ${allowed.join(", ")})`);
      } else if (seen.has(value)) {
        problems.push(`category "${value}" is in more than one bin`);
      }
      seen.add(value);
    }
  }
  const uncovered = allowed.filter((v) => !seen.has(v));
  if (uncovered.length > 0) {
    problems.push(`categories not covered: ${uncovered.join(", ")}`);
  }
  return problems;
}

export class ScorecardValidationError extends Error {
  readonly errors: readonly string[];
  constructor(errors: readonly string[]) {
    super(`invalid scorecard definition:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    this.name = "ScorecardValidationError";
    this.errors = errors;
  }
}

/** Validates a stored or submitted definition; errors name their path, e.g. "characteristics[3].bins: ranges overlap at 1.5". */
export function parseScorecard(
  input: unknown,
): { ok: true; scorecard: ScorecardDefinition } | { ok: false; errors: string[] } {
  const result = scorecardSchema.safeParse(input);
  if (result.success) {
    return { ok: true, scorecard: result.data };
  }
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const path = formatIssuePath(issue.path);
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    }),
  };
}

/** parseScorecard that throws ScorecardValidationError. */
export function loadScorecard(input: unknown): ScorecardDefinition {
  const parsed = parseScorecard(input);
  if (!parsed.ok) {
    throw new ScorecardValidationError(parsed.errors);
  }
  return parsed.scorecard;
}
