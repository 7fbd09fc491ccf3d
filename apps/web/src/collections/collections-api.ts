/** Shapes of the collections API (apps/server/src/collections, see `/openapi.json`) and small pure helpers. */

export interface WorklistItem {
  invoiceId: number;
  invoiceNumber: string;
  customerId: number;
  customerCode: string;
  customerName: string;
  salesOwner: string | null;
  collector: string | null;
  dueOn: string;
  currency: string;
  openMinor: number;
  openBaseMinor: number | null;
  daysPastDue: number;
  pd: number | null;
  grade: string | null;
  risk: number;
  priority: number | null;
  level: number;
  lastActionOn: string | null;
  disputed: boolean;
  promised: boolean;
}

export interface WorklistPage {
  asOf: string;
  baseCurrency: string;
  weights: { amount: number; days: number; risk: number };
  total: number;
  totalBaseMinor: number;
  items: WorklistItem[];
}

export interface HistoryItem {
  id: number;
  level: number | null;
  kind: string;
  outcome: string;
  subject: string | null;
  note: string | null;
  performedBy: string;
  performedAt: string;
  actionOn: string;
  invoices: { invoiceNumber: string; currency: string; openMinor: number; daysPastDue: number }[];
}

export interface DunningRun {
  runId: number;
  mode: "propose" | "execute";
  proposals: {
    customerCode: string;
    customerName: string;
    level: number;
    action: string;
    invoices: { invoiceNumber: string }[];
  }[];
  skipped: Record<string, number>;
  actions: { actionId: number; level: number; kind: string; outcome: string }[];
}

export interface PromiseEvaluation {
  evaluated: number;
  kept: number;
  broken: number;
  open: number;
}

/** Tag colour of a dunning level: none grey, reminders blue, call/letter orange, stop supply and legal red. */
export function levelColour(level: number): string {
  if (level <= 0) {
    return "default";
  }
  if (level === 1) {
    return "blue";
  }
  return level <= 3 ? "orange" : "red";
}

/**
 * Minor units from a decimal typed by a person ("1,234.56") for a currency with `exponent` decimals,
 * exactly (no float arithmetic); null when it is not a positive amount with at most that many decimals.
 */
export function parseAmountMinor(text: string, exponent = 2): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim().replace(/,/g, ""));
  if (!m) {
    return null;
  }
  const fraction = m[2] ?? "";
  if (fraction.length > exponent) {
    return null;
  }
  const value = Number(`${m[1]}${fraction.padEnd(exponent, "0")}`);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
