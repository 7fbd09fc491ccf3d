/**
 * Shapes of the limits capability (apps/server/src/limits, see `/openapi.json`): limits, exposure,
 * the recommendation, limit requests (four eyes) and blocked orders. Money is integer minor units.
 */

import { parseAmountToMinor } from "../shared/format/money.ts";

export interface CreditLimit {
  id: number;
  segment: string;
  kind: string;
  currency: string;
  amountMinor: number;
  validFrom: string;
  validTo: string | null;
  requestId: number | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  supersededAt: string | null;
}

/** `GET /customers/{idOrCode}/limits`. */
export interface CustomerLimits {
  customerId: number;
  segment: string;
  asOf: string;
  effective: CreditLimit | null;
  accountStatus: string;
  history: CreditLimit[];
}

/** `GET /customers/{idOrCode}/exposure`. */
export interface Exposure {
  customerId: number;
  asOf: string;
  currency: string;
  parts: {
    openReceivablesMinor: number;
    overdueMinor: number;
    undeliveredOrdersMinor: number;
    undeliveredInHorizonMinor: number;
    deliveredNotInvoicedMinor: number;
    reservationsMinor: number;
    oldestDaysPastDue: number | null;
  };
  net: {
    grossMinor: number;
    collateralMinor: number;
    guaranteesMinor: number;
    insuredMinor: number;
    netMinor: number;
  };
  limitMinor: number | null;
  availableMinor: number | null;
  utilisation: number | null;
  missingFxCurrencies: string[];
}

export type MethodFigure =
  | { status: "ok"; valueMinor: number; formula: string }
  | { status: "not_computable"; reason: string };

export const RECOMMENDATION_METHODS = ["tangible_net_worth", "working_capital", "expected_need"] as const;
export const RECOMMENDATION_CAPS = ["policy_cap", "insured_plus_tolerance"] as const;

/** `GET /customers/{idOrCode}/limit-recommendation`. */
export interface LimitRecommendation {
  customerId: number;
  currency: string;
  asOf: string;
  methods: Record<(typeof RECOMMENDATION_METHODS)[number], MethodFigure>;
  baseMethod: string | null;
  baseMinor: number | null;
  gradeFactor: number | null;
  afterGradeMinor: number | null;
  caps: Record<(typeof RECOMMENDATION_CAPS)[number], MethodFigure>;
  recommendedMinor: number | null;
  boundBy: string | null;
  reason: string | null;
}

export const REQUEST_KINDS = ["new", "raise", "lower", "temporary"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const DECISIONS = ["approve", "reject", "send_back"] as const;
export type Decision = (typeof DECISIONS)[number];

/** A limit request (`/limit-requests`). */
export interface LimitRequest {
  id: number;
  customerId: number;
  segment: string;
  kind: RequestKind;
  currency: string;
  requestedMinor: number;
  currentMinor: number | null;
  exposureMinor: number | null;
  belowExposure: boolean | null;
  validFrom: string;
  validTo: string | null;
  justification: string;
  requiredRole: string | null;
  requiredLevel: number | null;
  /** The authority levels the request passes through, in order (null: one step). */
  approvalLevels?: number[] | null;
  /** The level whose decision is awaited (null once decided). */
  currentLevel?: number | null;
  /** Submitted, approved (with the level signed), rejected, sent back … oldest first. */
  steps?: LimitRequestStep[];
  status: string;
  requestedBy: string;
  requestedRole: string;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface LimitRequestStep {
  action: string;
  actorId: string;
  actorRole: string;
  level: number | null;
  comment: string | null;
  createdAt: string;
}

export type LevelState = "signed" | "waiting" | "later";

/**
 * Where a multi-level request stands: each level of `approvalLevels` with who signed it (the
 * latest approval at that level since the last submission), the awaited one, and those after it.
 */
export function approvalProgress(
  request: Pick<LimitRequest, "approvalLevels" | "currentLevel" | "steps" | "status">,
): Array<{ level: number; state: LevelState; signedBy: string | null; signedAt: string | null }> {
  const levels = request.approvalLevels ?? [];
  const steps = request.steps ?? [];
  // Approvals count from the latest (re)submission on: a request sent back starts over.
  let from = 0;
  steps.forEach((s, i) => {
    if (s.action === "submitted" || s.action === "resubmitted") {
      from = i;
    }
  });
  const current = steps.slice(from);
  const waiting = request.status === "pending" ? (request.currentLevel ?? null) : null;
  return levels.map((level) => {
    const signed = [...current].reverse().find((s) => s.action === "approved" && s.level === level);
    const state: LevelState = signed ? "signed" : level === waiting ? "waiting" : "later";
    return { level, state, signedBy: signed?.actorId ?? null, signedAt: signed?.createdAt ?? null };
  });
}

/** A credit check that blocked an order (`GET /blocked-orders`). */
export interface BlockedOrder {
  id: number;
  customerId: number;
  orderReference: string;
  amountMinor: number;
  orderTotalMinor: number;
  currency: string;
  limitCurrency: string | null;
  creditStatus: string;
  reasons: { code: string; severity: "block" | "warning"; text: { en: string; zh: string } }[];
  exposureMinor: number | null;
  limitMinor: number | null;
  availableMinor: number | null;
  utilisationAfter: number | null;
  blockStatus: string | null;
  checkedAt: string;
}

export const RELEASE_CONDITIONS = [
  "guarantee_received",
  "prepayment_received",
  "shorter_terms",
  "other",
] as const;
export type ReleaseCondition = (typeof RELEASE_CONDITIONS)[number];

/** Whether a decision needs a comment: rejecting and sending back must say why. */
export function decisionNeedsComment(decision: Decision): boolean {
  switch (decision) {
    case "approve":
      return false;
    case "reject":
    case "send_back":
      return true;
  }
}

/**
 * Four eyes on the client side: the requester never decides their own request (the server refuses
 * it too); deciding needs `limits:approve`.
 */
export function canDecide(
  request: Pick<LimitRequest, "requestedBy" | "status">,
  login: string,
  mayApprove: boolean,
) {
  return mayApprove && request.status === "pending" && request.requestedBy !== login;
}

/** The figure of a method, or null when it could not be computed. */
export function figureOf(figure: MethodFigure | undefined): number | null {
  return figure?.status === "ok" ? figure.valueMinor : null;
}

/** A recommendation row: one sizing method or cap, and whether it is the one that bound the result. */
export interface RecommendationRow {
  key: (typeof RECOMMENDATION_METHODS)[number] | (typeof RECOMMENDATION_CAPS)[number];
  group: "method" | "cap";
  figure: MethodFigure;
  binding: boolean;
}

/**
 * The methods then the caps of a recommendation, in a fixed order, with the binding one marked:
 * `boundBy` names the method or cap that set the recommended figure; when the server names none
 * (e.g. no grade factor yet), the base method is marked instead.
 */
export function recommendationRows(rec: LimitRecommendation): RecommendationRow[] {
  const binding = rec.boundBy ?? rec.baseMethod;
  return [
    ...RECOMMENDATION_METHODS.map((key) => ({
      key,
      group: "method" as const,
      figure: rec.methods[key],
      binding: key === binding,
    })),
    ...RECOMMENDATION_CAPS.map((key) => ({
      key,
      group: "cap" as const,
      figure: rec.caps[key],
      binding: key === binding,
    })),
  ];
}

/** `POST /limit-requests` body. */
export interface LimitRequestBody {
  customer: string;
  kind: RequestKind;
  currency: string;
  requestedMinor: number;
  validFrom: string;
  justification: string;
}

export type LimitRequestDraftResult =
  | { ok: true; body: LimitRequestBody }
  | { ok: false; field: "amount" | "justification" };

/**
 * Turns the request form into the API body: the amount is parsed exactly into minor units of
 * `currency` (no floats), the justification is trimmed and must not be empty.
 */
export function limitRequestDraft(options: {
  customer: string;
  kind: RequestKind;
  currency: string;
  amountText: string;
  justification: string;
  validFrom: string;
}): LimitRequestDraftResult {
  const requestedMinor = parseAmountToMinor(options.amountText, options.currency);
  if (requestedMinor === null || requestedMinor <= 0) {
    return { ok: false, field: "amount" };
  }
  const justification = options.justification.trim();
  if (justification === "") {
    return { ok: false, field: "justification" };
  }
  return {
    ok: true,
    body: {
      customer: options.customer,
      kind: options.kind,
      currency: options.currency,
      requestedMinor,
      validFrom: options.validFrom,
      justification,
    },
  };
}

/** Today's calendar date in the user's time zone as "YYYY-MM-DD" (a limit's first valid day). */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
