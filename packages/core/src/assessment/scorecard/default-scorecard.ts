import { loadScorecard, type ScorecardDefinition, type ScorecardInput } from "./schema.ts";

type Bins = ScorecardInput["characteristics"][number]["bins"];

/**
 * Half-open ranges [edge_i, edge_{i+1}) from ascending cut points: `steps(p0, c1, p1, c2, p2 …)` gives
 * (−∞, c1) → p0, [c1, c2) → p1, …, [cn, +∞) → pn; plus the missing bin.
 */
function steps(missing: number, ...pointsAndCuts: number[]): Bins {
  const bins: Bins = [];
  let from: number | null = null;
  for (let i = 0; i < pointsAndCuts.length; i += 2) {
    const points = pointsAndCuts[i]!;
    const to = pointsAndCuts[i + 1] ?? null;
    bins.push({ range: { from, to, fromInclusive: true, toInclusive: false }, points });
    from = to;
  }
  bins.push({ missing: true, points: missing });
  return bins;
}

function categories(missing: number, groups: [string[], number][]): Bins {
  return [
    ...groups.map(([values, points]) => ({ categories: values, points })),
    { missing: true as const, points: missing },
  ];
}

/**
 * Expert scorecard "default-1" (not statistically fitted), kept exactly as shipped so past decisions
 * reproduce. Known weakness, fixed in default-2: nothing scores how late the OPEN items are, so a
 * customer that stopped paying (whole balance 200+ days past due, earlier invoices paid on time)
 * still scored ≈ 700, low risk. 500 base points plus 18 characteristics,
 * calibrated on the 650 @ 30:1, PDO 40 scale so that a solid customer lands around 700–760, an average
 * one around 620–690 and a deteriorating one below 600 (see default-scorecard.test.ts). Attainable range
 * 355–772. Missing data scores a little below the middle bin: not knowing is neither good nor bad news.
 * Money cut points are in CNY fen (minor units of the reporting currency).
 */
export const DEFAULT_SCORECARD_V1_INPUT: ScorecardInput = {
  id: "default",
  version: "default-1",
  name: "CreditDesk default expert scorecard",
  description:
    "Financial ratios, Altman zone, payment behaviour, profile, external rating and adverse events.",
  basePoints: 500,
  scale: { points: 650, odds: 30, pdo: 40 },
  characteristics: [
    {
      code: "FIN_CURRENT_RATIO",
      source: "financial.currentRatio",
      bins: steps(7, -5, 1, 6, 1.2, 11, 1.5, 16, 2, 18),
    },
    {
      code: "FIN_DEBT_RATIO",
      source: "financial.debtRatio",
      bins: steps(7, 18, 0.4, 14, 0.6, 7, 0.75, 2, 0.9, -5),
    },
    {
      code: "FIN_INTEREST_COVERAGE",
      source: "financial.interestCoverage",
      // Missing is mostly "no interest expense", i.e. little debt: scored above the middle.
      bins: steps(11, -3, 1, 5, 2, 9, 4, 14, 8, 16),
    },
    {
      code: "FIN_NET_MARGIN",
      source: "financial.netMargin",
      bins: steps(6, -5, 0, 5, 0.02, 9, 0.05, 13, 0.1, 15),
    },
    {
      code: "FIN_OCF_TL",
      source: "financial.ocfToTotalLiabilities",
      bins: steps(6, -5, 0, 5, 0.1, 9, 0.2, 13, 0.4, 15),
    },
    {
      code: "FIN_ALTMAN_ZONE",
      source: "financial.altmanZone",
      bins: categories(8, [
        [["safe"], 23],
        [["grey"], 11],
        [["distress"], -15],
      ]),
    },
    {
      code: "BEH_DBT_6M",
      source: "behaviour.daysBeyondTerms6m",
      bins: steps(17, 34, 1, 28, 5, 20, 15, 11, 30, 0, 60, -30),
    },
    { code: "BEH_DBT_TREND", source: "behaviour.daysBeyondTermsTrend", bins: steps(7, 11, 3, 5, 10, -5) },
    {
      code: "BEH_OVERDUE_SHARE",
      source: "behaviour.overdueShare",
      bins: steps(10, 17, 0.05, 13, 0.15, 7, 0.3, 0, 0.5, -20),
    },
    {
      code: "BEH_LATE_SHARE_12M",
      source: "behaviour.latePaidShareByAmount12m",
      bins: steps(6, 11, 0.1, 8, 0.3, 3, 0.6, 0),
    },
    { code: "BEH_OPEN_DISPUTES", source: "behaviour.openDisputeCount", bins: steps(5, 7, 1, 3, 3, -5) },
    { code: "BEH_ORDER_TREND", source: "behaviour.orderTrendRatio", bins: steps(6, -5, 0.5, 5, 0.8, 9) },
    {
      code: "BEH_COMPLAINT_RATE",
      source: "behaviour.complaintRatePer100Invoices12m",
      bins: steps(5, 6, 2, 3, 5, 1, 10, -3),
    },
    {
      code: "PRO_YEARS_IN_BUSINESS",
      source: "profile.yearsInBusiness",
      bins: steps(3, 0, 2, 7, 5, 13, 10, 17),
    },
    {
      code: "PRO_REGISTERED_CAPITAL",
      source: "profile.registeredCapitalMinor",
      // CNY 1 m, 10 m, 50 m in fen
      bins: steps(2, 1, 100_000_000, 5, 1_000_000_000, 8, 5_000_000_000, 10),
    },
    {
      code: "PRO_INDUSTRY_RISK",
      source: "profile.industryRisk",
      bins: categories(5, [
        [["low"], 11],
        [["medium"], 7],
        [["high"], 0],
      ]),
    },
    {
      code: "EXT_RATING",
      source: "external.rating",
      bins: categories(7, [
        [["AAA", "AA"], 17],
        [["A"], 14],
        [["BBB"], 9],
        [["BB"], 5],
        [["B"], 0],
        [["CCC", "CC", "C", "D"], -15],
      ]),
    },
    { code: "EVT_ADVERSE_12M", source: "events.adverseCount12m", bins: steps(10, 17, 1, 8, 2, 0, 4, -25) },
  ],
};

/** default-1, validated once at load. */
export const DEFAULT_SCORECARD_V1: ScorecardDefinition = loadScorecard(DEFAULT_SCORECARD_V1_INPUT);

const V1_CHARACTERISTICS = DEFAULT_SCORECARD_V1_INPUT.characteristics;
const overdueShareAt = V1_CHARACTERISTICS.findIndex((c) => c.code === "BEH_OVERDUE_SHARE") + 1;

/**
 * Expert scorecard "default-2": default-1 plus how late the open balance is, and knock-out rules.
 *
 * - New characteristic BEH_OVERDUE_90_SHARE on `behaviour.overdue90Share` (share of the open balance
 *   more than 90 days past due): < 1 % +10, 1–10 % +3, 10–30 % −8, ≥ 30 % −25, no ledger +3. Base
 *   points 500 → 492 so that a customer with nothing over 90 days scores 2 points above default-1.
 *   Calibration (default-scorecard.test.ts): solid 733, average 654, deteriorating 474.
 * - Overrides, applied after the points (they cap the grade, never improve it):
 *   KO_SEVERE_DELINQUENCY → high: ≥ 30 % of the open balance over 90 days past due, or an invoice
 *     180+ days past due while ≥ 10 % of the balance is over 90 days (the customer has stopped paying,
 *     whatever its history; a single small forgotten invoice does not count);
 *   KO_ADVERSE_EVENTS → at most medium: 3 or more adverse external events (lawsuits, enforcement,
 *     insolvency filings…) in the last 12 months;
 *   KO_FINANCIAL_DISTRESS → at most medium: Altman zone "distress" AND current ratio < 1 (both
 *     DOMAIN.md early-warning signs at once: insolvency risk and short-term illiquidity).
 */
export const DEFAULT_SCORECARD_V2_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V1_INPUT,
  version: "default-2",
  description:
    "Financial ratios, Altman zone, payment behaviour (including the share of the open balance over 90 days past due), " +
    "profile, external rating and adverse events; knock-outs: severe delinquency (≥ 30 % of the open balance over " +
    "90 days past due, or an invoice 180+ days past due with ≥ 10 % of the balance over 90 days) → high risk; 3+ adverse events in 12 months → at most " +
    "medium; Altman distress with a current ratio below 1 → at most medium.",
  basePoints: 492,
  characteristics: [
    ...V1_CHARACTERISTICS.slice(0, overdueShareAt),
    {
      code: "BEH_OVERDUE_90_SHARE",
      source: "behaviour.overdue90Share",
      bins: steps(3, 10, 0.01, 3, 0.1, -8, 0.3, -25),
    },
    ...V1_CHARACTERISTICS.slice(overdueShareAt),
  ],
  overrides: [
    {
      code: "KO_SEVERE_DELINQUENCY",
      when: {
        any: [
          { source: "behaviour.overdue90Share", op: ">=", value: 0.3 },
          {
            all: [
              { source: "behaviour.maxDaysPastDue", op: ">=", value: 180 },
              // Material: one forgotten small invoice must not knock out a good customer.
              { source: "behaviour.overdue90Share", op: ">=", value: 0.1 },
            ],
          },
        ],
      },
      maxGrade: "high",
      text: { en: "Severe delinquency", zh: "严重拖欠" },
      description:
        "A customer that has stopped paying is high risk whatever its payment history and financials: " +
        "historic days beyond terms only count paid invoices, so they stay low while the open balance ages.",
    },
    {
      code: "KO_ADVERSE_EVENTS",
      when: { source: "events.adverseCount12m", op: ">=", value: 3 },
      maxGrade: "medium",
      text: { en: "Repeated adverse events", zh: "多次不利事件" },
      description:
        "Three or more lawsuits, enforcement actions, insolvency filings or similar in 12 months: " +
        "not low risk until reviewed, however good the numbers.",
    },
    {
      code: "KO_FINANCIAL_DISTRESS",
      when: {
        all: [
          { source: "financial.altmanZone", op: "==", value: "distress" },
          { source: "financial.currentRatio", op: "<", value: 1 },
        ],
      },
      maxGrade: "medium",
      text: { en: "Financial distress", zh: "财务困境" },
      description:
        "Altman Z in the distress zone together with current liabilities above current assets: " +
        "insolvency risk and short-term illiquidity at once.",
    },
  ],
};

/** default-2, validated once at load. */
export const DEFAULT_SCORECARD_V2: ScorecardDefinition = loadScorecard(DEFAULT_SCORECARD_V2_INPUT);

/** The scorecard installed when none is active: currently default-2. */
export const DEFAULT_SCORECARD_INPUT: ScorecardInput = DEFAULT_SCORECARD_V2_INPUT;
/** The default scorecard, validated once at load: currently default-2. */
export const DEFAULT_SCORECARD: ScorecardDefinition = DEFAULT_SCORECARD_V2;

/** Every shipped default version, oldest first (for installing them so past decisions reproduce). */
export const SHIPPED_SCORECARDS: readonly ScorecardDefinition[] = [
  DEFAULT_SCORECARD_V1,
  DEFAULT_SCORECARD_V2,
];
