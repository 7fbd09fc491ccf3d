/** Shapes of the insurance capability's API (apps/server/src/insurance) as the web reads them. */

export interface InsuredLimitRow {
  id: number;
  policyId: number;
  customerId: number;
  currency: string;
  requestedMinor: number;
  requestedOn: string;
  decision: "pending" | "full" | "partial" | "refused";
  decidedMinor: number | null;
  decidedOn: string | null;
  expiresOn: string | null;
  conditions: string | null;
}

export interface InsuredPosition {
  policyId: number;
  policyNumber: string;
  insurer: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  currency: string;
  inForce: { insuredLimitId: number; limitMinor: number; decidedOn: string; expiresOn: string | null } | null;
  latest: InsuredLimitRow;
  indemnityBps: number;
  exposureMinor: number;
  coverMinor: number;
  netMinor: number;
  excessMinor: number;
  overLimit: boolean;
}

export type NotificationState =
  | "not_overdue"
  | "pending"
  | "warning"
  | "missed"
  | "notified"
  | "notified_late";

export interface NotificationDeadline {
  policyNumber: string;
  customerId: number;
  customerCode: string;
  invoiceId: number;
  invoiceNumber: string;
  dueOn: string;
  currency: string;
  openMinor: number;
  state: NotificationState;
  deadline: string;
  daysLeft: number;
}

export type ClaimStatus = "filed" | "under_review" | "paid" | "rejected";

export interface Claim {
  id: number;
  reference: string;
  customerId: number;
  customerCode?: string;
  customerName?: string;
  policyNumber?: string;
  currency: string;
  claimedMinor: number;
  expectedIndemnityMinor?: number;
  indemnityPaidMinor: number | null;
  status: ClaimStatus;
  filedOn: string;
  rejectionReason: string | null;
}

export interface Policy {
  id: number;
  policyNumber: string;
  insurer: string;
  currency: string;
  indemnityBps: number;
  maxLiabilityMinor: number | null;
  waitingPeriodDays: number;
  notificationDeadlineDays: number;
  warnDaysBefore: number;
  validFrom: string;
  validTo: string | null;
  status: string;
  buyers?: number;
}

export interface FactoringAgreement {
  id: number;
  reference: string;
  factor: string;
  currency: string;
  withRecourse: boolean;
  advanceRateBps: number;
  feeBps: number;
  facilityLimitMinor: number | null;
  validFrom: string;
  validTo: string | null;
  status: string;
}

export interface FactoredReceivable {
  id: number;
  invoiceNumber?: string;
  customerCode?: string;
  agreementReference?: string;
  factor?: string;
  customerId: number;
  mode: "sold" | "pledged";
  withRecourse: boolean;
  assignedOn: string;
  currency: string;
  faceMinor: number;
  advanceMinor: number;
  feesMinor: number;
  status: string;
  endedOn: string | null;
  removedFromExposure: boolean;
}

export interface CustomerInsurance {
  customerId: number;
  asOf: string;
  exposure: { currency: string; grossMinor: number; insuredMinor: number; netMinor: number };
  positions: InsuredPosition[];
  history: InsuredLimitRow[];
  deadlines: NotificationDeadline[];
  claims: Claim[];
  factored: FactoredReceivable[];
}

/** Tag colour of a notification state: red once cover is lost, orange inside the warning window. */
export function stateColor(state: NotificationState): string {
  switch (state) {
    case "missed":
    case "notified_late":
      return "red";
    case "warning":
      return "orange";
    case "notified":
      return "green";
    case "pending":
    case "not_overdue":
      return "default";
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** Next moves of a claim (core `canMoveClaim`, mirrored for the buttons). */
export function claimMoves(status: ClaimStatus): ClaimStatus[] {
  switch (status) {
    case "filed":
      return ["under_review", "rejected"];
    case "under_review":
      return ["paid", "rejected"];
    case "paid":
    case "rejected":
      return [];
    default: {
      const never: never = status;
      return never;
    }
  }
}
