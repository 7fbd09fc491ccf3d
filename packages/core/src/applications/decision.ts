import { formatMinor } from "../money/money.ts";
import type { ChecklistState } from "./checklist.ts";
import type { SignalCode, SignalSeverity } from "./signals.ts";

export const APPLICATION_DECISIONS = ["approve", "approve_with_conditions", "decline"] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

export const APPLICATION_STATUSES = [
  "submitted",
  "in_review",
  "approved",
  "approved_with_conditions",
  "declined",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Status after a decision. */
export const STATUS_OF_DECISION: Readonly<Record<ApplicationDecision, ApplicationStatus>> = {
  approve: "approved",
  approve_with_conditions: "approved_with_conditions",
  decline: "declined",
};

export const GUARANTEE_KINDS = ["guarantee", "credit_insurance"] as const;

/** Conditions of an approval: prepayment share, a guarantee, credit insurance cover. */
export interface ApprovalConditions {
  readonly prepaymentBps?: number | undefined;
  readonly guaranteeMinor?: number | undefined;
  readonly guarantor?: string | undefined;
  readonly creditInsuranceMinor?: number | undefined;
  /** The credit insurance policy to request the insured limit under (id or number); default the one active policy in the currency. */
  readonly insurancePolicy?: string | number | undefined;
  readonly note?: string | undefined;
}

export const CONDITION_KINDS = ["prepayment", "guarantee", "credit_insurance"] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** One condition an approval names, as it is created and tracked. */
export interface ConditionRequirement {
  readonly kind: ConditionKind;
  readonly amountMinor: number | null;
  readonly prepaymentBps: number | null;
  readonly guarantor: string | null;
}

/** The conditions an approval names, one per kind (prepayment, guarantee, credit insurance). */
export function conditionRequirements(c: ApprovalConditions): ConditionRequirement[] {
  const out: ConditionRequirement[] = [];
  if (c.prepaymentBps) {
    out.push({ kind: "prepayment", amountMinor: null, prepaymentBps: c.prepaymentBps, guarantor: null });
  }
  if (c.guaranteeMinor) {
    out.push({
      kind: "guarantee",
      amountMinor: c.guaranteeMinor,
      prepaymentBps: null,
      guarantor: c.guarantor ?? null,
    });
  }
  if (c.creditInsuranceMinor) {
    out.push({
      kind: "credit_insurance",
      amountMinor: c.creditInsuranceMinor,
      prepaymentBps: null,
      guarantor: null,
    });
  }
  return out;
}

/**
 * A prepayment is a term of every order (the contract holds it), in force from the approval; a
 * guarantee is met when received, credit insurance cover when the insurer grants the insured limit
 * (`insuredMinor` at least the amount named).
 */
export function conditionMet(
  r: ConditionRequirement,
  facts: { guaranteeReceived: boolean; insuredMinor: number | null },
): boolean {
  switch (r.kind) {
    case "prepayment":
      return true;
    case "guarantee":
      return facts.guaranteeReceived;
    case "credit_insurance":
      return facts.insuredMinor !== null && facts.insuredMinor >= (r.amountMinor ?? 0);
  }
}

/** The condition in both languages, amounts in `currency` (e.g. "guarantee of CNY 500,000.00 by X"). */
export function conditionText(r: ConditionRequirement, currency: string): { en: string; zh: string } {
  const amount = r.amountMinor === null ? "" : `${currency} ${formatMinor(r.amountMinor, currency)}`;
  switch (r.kind) {
    case "prepayment":
      return {
        en: `prepayment of ${(r.prepaymentBps ?? 0) / 100} % of each order before delivery`,
        zh: `每笔订单发货前预付 ${(r.prepaymentBps ?? 0) / 100} %`,
      };
    case "guarantee":
      return {
        en: `guarantee of ${amount}${r.guarantor ? ` by ${r.guarantor}` : ""} received before the first release`,
        zh: `首次放行前须收到${r.guarantor ? ` ${r.guarantor} 出具的` : ""}担保 ${amount}`,
      };
    case "credit_insurance":
      return {
        en: `credit insurance cover (insured limit) of ${amount} granted by the insurer`,
        zh: `信用保险承保额度 ${amount} 获保险公司批准`,
      };
  }
}

export interface StoredSignal {
  readonly code: SignalCode;
  readonly severity: SignalSeverity;
  readonly active: boolean;
  readonly clearedBy: string | null;
}

export interface DecisionBlocker {
  readonly code:
    | "OWN_APPLICATION"
    | "ALREADY_DECIDED"
    | "CHECKLIST_INCOMPLETE"
    | "UNCLEARED_SIGNAL"
    | "NOT_CHECKED"
    | "NO_CONDITIONS"
    | "NO_REASON";
  readonly message: string;
}

/**
 * Why a decision may not be taken (empty = it may). Four eyes: the application's creator never
 * decides it. An approval needs a complete checklist and every active high-risk signal cleared;
 * an approval with conditions names at least one condition; a decline needs a reason.
 */
export function decisionBlockers(options: {
  decision: ApplicationDecision;
  status: string;
  actorId: string;
  createdBy: string;
  checked: boolean;
  checklist: ChecklistState;
  signals: readonly StoredSignal[];
  reason: string | null | undefined;
  conditions?: ApprovalConditions | undefined;
}): DecisionBlocker[] {
  const out: DecisionBlocker[] = [];
  if (options.actorId === options.createdBy) {
    out.push({
      code: "OWN_APPLICATION",
      message: "four eyes: the creator of an application cannot decide it",
    });
  }
  if (options.status !== "submitted" && options.status !== "in_review") {
    out.push({ code: "ALREADY_DECIDED", message: `the application is already ${options.status}` });
  }
  if (options.decision === "decline") {
    if (!options.reason?.trim()) {
      out.push({ code: "NO_REASON", message: "a decline needs a reason" });
    }
    return out;
  }
  if (!options.checked) {
    out.push({ code: "NOT_CHECKED", message: "run the checks (duplicates, signals) before approving" });
  }
  if (!options.checklist.complete) {
    const open = options.checklist.items.filter((i) => !i.complete);
    out.push({
      code: "CHECKLIST_INCOMPLETE",
      message: `investigation checklist incomplete: ${open.map((i) => `${i.code} (${i.missing.map((m) => m.text.en).join("; ")})`).join(", ")}`,
    });
  }
  const blocking = options.signals.filter((s) => s.active && s.severity === "high" && s.clearedBy === null);
  if (blocking.length > 0) {
    out.push({
      code: "UNCLEARED_SIGNAL",
      message: `high-risk signals not cleared: ${blocking.map((s) => s.code).join(", ")}`,
    });
  }
  if (options.decision === "approve_with_conditions") {
    const c = options.conditions ?? {};
    if (!c.prepaymentBps && !c.guaranteeMinor && !c.creditInsuranceMinor) {
      out.push({
        code: "NO_CONDITIONS",
        message: "an approval with conditions names a prepayment, a guarantee or credit insurance cover",
      });
    }
  }
  return out;
}
