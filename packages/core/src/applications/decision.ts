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
  readonly note?: string | undefined;
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
      message: `investigation checklist incomplete: ${open.map((i) => `${i.code} (${i.missing.join("; ")})`).join(", ")}`,
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
