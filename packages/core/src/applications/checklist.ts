import { type ApplicationsConfig, applicableChecklist } from "./config.ts";

/** One piece of evidence on a checklist item: a file, a note, the date, who recorded it. */
export interface Evidence {
  readonly note: string | null;
  readonly documentId: number | null;
  readonly date: string;
  readonly by: string;
}

/** What the system knows about the automatic parts of the investigation. */
export interface ChecklistFacts {
  readonly companyType: string;
  /** Requested limit in the config currency. */
  readonly requestedMinor: number;
  /** USCC check (GB 32100-2015) of the registration id, and whether the registry name matches. */
  readonly registration: {
    readonly valid: boolean;
    readonly problem: string | null;
    readonly registryName: string | null;
    readonly nameMatches: boolean | null;
  };
  readonly statements: { readonly count: number; readonly assessed: boolean };
  /** Whether a rating report younger than the configured age is on file. */
  readonly rating: { readonly fresh: boolean; readonly agency: string | null };
  readonly evidence: Readonly<Record<string, readonly Evidence[]>>;
}

export interface ChecklistItemState {
  readonly code: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly complete: boolean;
  /** What is still missing (empty when complete). */
  readonly missing: readonly string[];
  readonly evidence: readonly Evidence[];
}

export interface ChecklistState {
  readonly items: readonly ChecklistItemState[];
  readonly complete: boolean;
}

/** The automatic condition of a built-in item (null = none, evidence alone completes it). */
function automaticGaps(code: string, facts: ChecklistFacts): string[] {
  switch (code) {
    case "registration": {
      const gaps: string[] = [];
      if (!facts.registration.valid) {
        gaps.push(`registration id is not valid: ${facts.registration.problem ?? "unknown"}`);
      }
      if (facts.registration.registryName === null) {
        gaps.push("the name on the registry has not been recorded");
      } else if (facts.registration.nameMatches === false) {
        gaps.push(`the registry name '${facts.registration.registryName}' does not match the applicant`);
      }
      return gaps;
    }
    case "statements": {
      const gaps: string[] = [];
      if (facts.statements.count === 0) {
        gaps.push("no financial statement on file");
      } else if (!facts.statements.assessed) {
        gaps.push("the statements have not been analysed (no assessment since they were filed)");
      }
      return gaps;
    }
    case "rating":
      return facts.rating.fresh ? [] : ["no rating report within the configured age"];
    default:
      return [];
  }
}

/**
 * The investigation checklist of one application: the items that apply to its customer type and
 * amount, each complete only when its automatic condition holds AND it carries evidence (a file
 * or a note, dated, by someone). The whole list is complete when every item is — the decision is
 * blocked until then.
 */
export function evaluateChecklist(config: ApplicationsConfig, facts: ChecklistFacts): ChecklistState {
  const items = applicableChecklist(config, facts).map((item): ChecklistItemState => {
    const evidence = facts.evidence[item.code] ?? [];
    const missing = automaticGaps(item.code, facts);
    if (evidence.length === 0) {
      missing.push("no evidence recorded");
    }
    return { code: item.code, label: item.label, complete: missing.length === 0, missing, evidence };
  });
  return { items, complete: items.every((i) => i.complete) };
}
