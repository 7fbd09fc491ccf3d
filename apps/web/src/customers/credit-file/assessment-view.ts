/**
 * Reads an assessment (`Assessment` in /openapi.json: score, displayScore, pd, grade, reasons,
 * policy, financial, behaviour …) into what the tab shows. The JSON parts (policy, financial,
 * behaviour) are open-ended on the server, so every field is read defensively and may be absent.
 */
export interface Bilingual {
  en: string;
  zh: string;
}

export interface AssessmentView {
  key: string;
  score: number | undefined;
  grade: string | undefined;
  previousGrade: string | undefined;
  pd: number | undefined;
  notch: number | undefined;
  assessedOn: string | undefined;
  reasons: { code: string; text: Bilingual | string; pointsLost: number | undefined }[];
  policy: PolicyView | undefined;
  model: string | undefined;
  altman: { value: number; zone: string | undefined; variant: string | undefined } | undefined;
  behaviour: Partial<Record<BehaviourMetric, number>>;
  /** Open balance by days past due as of the assessment (DOMAIN.md buckets), empty when not recorded. */
  aging: { bucket: AgingBucket; minor: number; share: number }[];
}

/** The aging buckets of DOMAIN.md, in the server's names (`behaviour.aging`), in order. */
export const AGING_BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_180", "over180"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface PolicyView {
  summary: Bilingual | string | undefined;
  creditSales: string | undefined;
  paymentTermsDays: number | undefined;
  maxCreditPeriodDays: number | undefined;
  prepaymentBps: number | undefined;
  guarantee: string | undefined;
  reviewFrequencyMonths: number | undefined;
}

export const BEHAVIOUR_METRICS = [
  "dso",
  "addb",
  "cei",
  "daysBeyondTerms6m",
  "overdueShare",
  "maxDaysPastDue",
] as const;
export type BehaviourMetric = (typeof BEHAVIOUR_METRICS)[number];

export const GRADE_COLOURS: Record<string, string> = { low: "green", medium: "gold", high: "red" };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A finite number, or the `value` of a `{ status: "ok", value }` result. */
function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) {
    return v;
  }
  if (isObj(v) && (v.status === undefined || v.status === "ok")) {
    return num(v.value);
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function text(v: unknown): Bilingual | string | undefined {
  if (isObj(v) && typeof v.en === "string" && typeof v.zh === "string") {
    return { en: v.en, zh: v.zh };
  }
  return str(v);
}

/** The text in the UI language. */
export function localText(value: Bilingual | string | undefined, locale: string): string | undefined {
  if (value === undefined || typeof value === "string") {
    return value;
  }
  return locale.startsWith("zh") ? value.zh : value.en;
}

function policyOf(v: unknown): PolicyView | undefined {
  if (!isObj(v)) {
    return typeof v === "string" ? ({ summary: v } as PolicyView) : undefined;
  }
  return {
    summary: text(v.summary),
    creditSales: str(v.creditSales),
    paymentTermsDays: num(v.paymentTermsDays),
    maxCreditPeriodDays: num(v.maxCreditPeriodDays),
    prepaymentBps: num(v.prepaymentBps),
    guarantee: str(v.guarantee),
    reviewFrequencyMonths: num(v.reviewFrequencyMonths),
  };
}

function altmanOf(financial: unknown): AssessmentView["altman"] {
  const latest = isObj(financial) && isObj(financial.latest) ? financial.latest : undefined;
  const altman = latest && isObj(latest.altman) ? latest.altman : undefined;
  const value = num(altman);
  return altman && value !== undefined
    ? { value, zone: str(altman.zone), variant: str(altman.variant) }
    : undefined;
}

/** The buckets of `behaviour.aging` with their share of the open balance; empty without a balance. */
export function agingOf(behaviour: unknown): AssessmentView["aging"] {
  const aging = isObj(behaviour) && isObj(behaviour.aging) ? behaviour.aging : undefined;
  if (!aging) {
    return [];
  }
  const rows = AGING_BUCKETS.map((bucket) => ({ bucket, minor: num(aging[bucket]) ?? 0 }));
  const total = rows.reduce((sum, row) => sum + row.minor, 0);
  return total > 0 ? rows.map((row) => ({ ...row, share: row.minor / total })) : [];
}

function behaviourOf(behaviour: unknown): AssessmentView["behaviour"] {
  const result: AssessmentView["behaviour"] = {};
  if (isObj(behaviour)) {
    for (const metric of BEHAVIOUR_METRICS) {
      const value = num(behaviour[metric]);
      if (value !== undefined) {
        result[metric] = value;
      }
    }
  }
  return result;
}

/** One assessment record to the view; undefined when it has neither score nor grade. */
export function toAssessmentView(raw: unknown, index = 0): AssessmentView | undefined {
  if (!isObj(raw)) {
    return undefined;
  }
  const score = num(raw.displayScore) ?? num(raw.score);
  const grade = str(raw.grade);
  if (score === undefined && grade === undefined) {
    return undefined;
  }
  const reasons = Array.isArray(raw.reasons) ? raw.reasons : [];
  return {
    key: String(raw.id ?? index),
    score: score === undefined ? undefined : Math.round(score),
    grade,
    previousGrade: str(raw.previousGrade),
    pd: num(raw.pd),
    notch: isObj(raw.masterNotch) ? num(raw.masterNotch.notch) : undefined,
    assessedOn: str(raw.asOf) ?? str(raw.createdAt),
    reasons: reasons.flatMap((r) => {
      if (!isObj(r)) {
        return [];
      }
      const t = text(r.text) ?? str(r.code);
      return t === undefined ? [] : [{ code: str(r.code) ?? "", text: t, pointsLost: num(r.pointsLost) }];
    }),
    policy: policyOf(raw.policy),
    model: str(raw.scorecardVersion),
    altman: altmanOf(raw.financial),
    behaviour: behaviourOf(raw.behaviour),
    aging: agingOf(raw.behaviour),
  };
}

/** A history answer (`{ items }` or an array) to views, in the order sent (newest first). */
export function toAssessmentList(raw: unknown): AssessmentView[] {
  const list = Array.isArray(raw) ? raw : isObj(raw) && Array.isArray(raw.items) ? raw.items : [];
  return list
    .map((item, index) => toAssessmentView(item, index))
    .filter((v): v is AssessmentView => v !== undefined);
}
