import { type ApplicationsConfig, applicableChecklist } from "./config.ts";
import type { LocalisedReason } from "./texts.ts";

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
    /** The problem in Chinese (texts.ts identifierProblem); the English one when absent. */
    readonly problemZh?: string | null | undefined;
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
  /** What is still missing (empty when complete): reason codes with parameters and zh/en texts. */
  readonly missing: readonly LocalisedReason[];
  readonly evidence: readonly Evidence[];
}

export interface ChecklistState {
  readonly items: readonly ChecklistItemState[];
  readonly complete: boolean;
}

const gap = (
  code: string,
  text: { en: string; zh: string },
  params: Record<string, string | number> = {},
): LocalisedReason => ({ code, params, text });

/** The automatic condition of a built-in item (none = evidence alone completes it). */
function automaticGaps(code: string, facts: ChecklistFacts): LocalisedReason[] {
  switch (code) {
    case "registration": {
      const gaps: LocalisedReason[] = [];
      if (!facts.registration.valid) {
        const problem = facts.registration.problem ?? "unknown";
        const zhProblem = facts.registration.problemZh ?? problem;
        gaps.push(
          gap(
            "REGISTRATION_INVALID",
            { en: `registration id is not valid: ${problem}`, zh: `注册号无效：${zhProblem}` },
            { problem },
          ),
        );
      }
      if (facts.registration.registryName === null) {
        gaps.push(
          gap("REGISTRY_NAME_MISSING", {
            en: "the name on the registry has not been recorded",
            zh: "尚未记录工商登记名称",
          }),
        );
      } else if (facts.registration.nameMatches === false) {
        const registryName = facts.registration.registryName;
        gaps.push(
          gap(
            "REGISTRY_NAME_MISMATCH",
            {
              en: `the registry name '${registryName}' does not match the applicant`,
              zh: `工商登记名称“${registryName}”与申请人不一致`,
            },
            { registryName },
          ),
        );
      }
      return gaps;
    }
    case "statements": {
      if (facts.statements.count === 0) {
        return [gap("NO_STATEMENT", { en: "no financial statement on file", zh: "尚无财务报表" })];
      }
      if (!facts.statements.assessed) {
        return [
          gap(
            "STATEMENTS_NOT_ANALYSED",
            {
              en: "the statements have not been analysed (no assessment since they were filed)",
              zh: "财务报表尚未分析（报表提交后没有新的评估）",
            },
            { count: facts.statements.count },
          ),
        ];
      }
      return [];
    }
    case "rating":
      return facts.rating.fresh
        ? []
        : [
            gap("NO_FRESH_RATING", {
              en: "no rating report within the configured age",
              zh: "没有在规定时效内的评级报告",
            }),
          ];
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
      missing.push(gap("NO_EVIDENCE", { en: "no evidence recorded", zh: "尚未记录证据" }));
    }
    return { code: item.code, label: item.label, complete: missing.length === 0, missing, evidence };
  });
  return { items, complete: items.every((i) => i.complete) };
}
