/** Types and calls of the applications API (apps/server/src/applications). */

export const APPLICATION_STATUSES = [
  "submitted",
  "in_review",
  "approved",
  "approved_with_conditions",
  "declined",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const DECISIONS = ["approve", "approve_with_conditions", "decline"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface ApplicationSummary {
  id: number;
  reference: string;
  customerId: number;
  status: ApplicationStatus;
  source: "sales" | "public_form";
  legalName: string;
  registrationId: string | null;
  currency: string;
  requestedLimitMinor: number;
  requestedTermsDays: number;
  createdBy: string;
  createdAt: string;
  checkedAt: string | null;
  decision: Decision | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface Evidence {
  note: string | null;
  documentId: number | null;
  date: string;
  by: string;
}

export interface ChecklistItem {
  code: string;
  label: { zh: string; en: string };
  complete: boolean;
  /** Reason codes with parameters and both texts (core texts.ts), shown in the UI's language. */
  missing: Array<{ code: string; params: Record<string, string | number>; text: { en: string; zh: string } }>;
  evidence: Evidence[];
}

export interface ConditionView {
  id: number;
  kind: "prepayment" | "guarantee" | "credit_insurance";
  status: "open" | "met";
  met: boolean;
  text: { en: string; zh: string };
  contractId: number | null;
  securityId: number | null;
  insuredLimitId: number | null;
  metBy: string | null;
  metAt: string | null;
}

export interface SignalView {
  code: string;
  severity: "low" | "medium" | "high";
  score: number;
  explanation: { en: string; zh: string };
  params: Record<string, string | number>;
  active: boolean;
  clearedBy: string | null;
  clearReason: string | null;
}

/**
 * A possible duplicate. For a user who sees only their own customers (sales) the other party's
 * id and name are withheld (`redacted`): the kind and the shared fields stay.
 */
export interface DuplicateView {
  kind: "customer" | "application";
  id: number | null;
  name: string | null;
  sameEntity: boolean;
  redacted?: true;
  reasons: Array<{ field: string; value: string; similarity?: number }>;
}

export interface ApplicationView extends ApplicationSummary {
  customerCode: string | null;
  customerStatus: string | null;
  registryName: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  bankName: string | null;
  bankAccount: string | null;
  foundedOn: string | null;
  references: Array<{ kind: "bank" | "trade"; name: string }>;
  statedMonthlyNeedMinor: number | null;
  decisionReason: string | null;
  approvedLimitMinor: number | null;
  approvedTermsDays: number | null;
  reviewOn: string | null;
  documents: Array<{ id: number; kind: string; fileName: string; sizeBytes: number; uploadedBy: string }>;
  checklist: { items: ChecklistItem[]; complete: boolean };
  signals: SignalView[];
  approvalConditions: ConditionView[];
  signalScore: number;
  duplicates: DuplicateView[];
  comments: Array<{ id: number; author: string; body: string; createdAt: string }>;
  approvalBlockers: Array<{ code: string; message: string }>;
}

export interface LinkState {
  state: "open" | "used" | "expired";
  prospectName: string | null;
  expiresAt: string;
  maxFileBytes: number;
  maxFiles: number;
  contentTypes: string[];
}

export interface DocumentUpload {
  kind: string;
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/** A browser File as a JSON upload (base64 of its bytes). */
export async function toUpload(file: File, kind = "other"): Promise<DocumentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { kind, fileName: file.name, contentType: file.type, contentBase64: btoa(binary) };
}

/** Decision body: amounts in minor units, conditions only for an approval with conditions. */
export function decisionBody(values: {
  decision: Decision;
  reason?: string | undefined;
  limitMinor?: number | undefined;
  termsDays?: number | undefined;
  reviewOn?: string | undefined;
  prepaymentPercent?: number | undefined;
  guaranteeMinor?: number | undefined;
  guarantor?: string | undefined;
  insuranceMinor?: number | undefined;
}): Record<string, unknown> {
  const body: Record<string, unknown> = { decision: values.decision };
  if (values.reason) {
    body.reason = values.reason;
  }
  if (values.decision !== "decline") {
    if (values.limitMinor !== undefined) {
      body.limitMinor = values.limitMinor;
    }
    if (values.termsDays !== undefined) {
      body.termsDays = values.termsDays;
    }
    if (values.reviewOn) {
      body.reviewOn = values.reviewOn;
    }
  }
  if (values.decision === "approve_with_conditions") {
    const conditions: Record<string, number | string> = {};
    if (values.prepaymentPercent) {
      conditions.prepaymentBps = Math.round(values.prepaymentPercent * 100);
    }
    if (values.guaranteeMinor) {
      conditions.guaranteeMinor = values.guaranteeMinor;
      if (values.guarantor) {
        conditions.guarantor = values.guarantor;
      }
    }
    if (values.insuranceMinor) {
      conditions.creditInsuranceMinor = values.insuranceMinor;
    }
    body.conditions = conditions;
  }
  return body;
}
