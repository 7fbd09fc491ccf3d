import type { DuplicateMatch } from "./duplicates.ts";
import { fieldLabel, joinLabels, partyKindLabel } from "./texts.ts";

/**
 * What a user without sight of other customers (sales: their own customers only) may learn of the
 * screening: THAT another party matches, its kind (customer or application) and which details are
 * shared — never that party's name, id or code. Credit staff see the full match (to judge it).
 */
export interface RedactedDuplicate {
  readonly kind: DuplicateMatch["kind"];
  readonly id: null;
  readonly name: null;
  readonly reasons: DuplicateMatch["reasons"];
  readonly sameEntity: boolean;
  readonly redacted: true;
}

export const redactDuplicate = (m: DuplicateMatch): RedactedDuplicate => ({
  kind: m.kind,
  id: null,
  name: null,
  reasons: m.reasons,
  sameEntity: m.sameEntity,
  redacted: true,
});

/** A stored signal as the case shows it: texts, their parameters and the evidence. */
export interface SignalTexts {
  readonly explanation: { readonly en: string; readonly zh: string };
  readonly params: Readonly<Record<string, string | number>>;
  readonly evidence: Readonly<Record<string, unknown>>;
}

const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    : [];
const text = (value: unknown): string => (typeof value === "string" ? value : String(value ?? ""));

/** "2 customers, 1 application" / "2 个客户、1 个申请" from the parties' kinds. */
function kindCounts(kinds: readonly string[]) {
  const counts = new Map<string, number>();
  for (const k of kinds) {
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const parts = [...counts].map(([k, n]) => {
    const label = partyKindLabel(k);
    return { en: `${n} ${label.en}${n === 1 ? "" : "s"}`, zh: `${n} 个${label.zh}` };
  });
  return joinLabels(parts);
}

/**
 * The signal without the other parties it names (shared details, a registration id on file under
 * another name): the kinds of party and the fields stay, names and ids go. Signals about the
 * applicant alone (its own data, its own references) are returned unchanged.
 */
export function redactSignalParties(code: string, s: SignalTexts): SignalTexts {
  switch (code) {
    case "shared_details": {
      const parties = records(s.evidence.parties);
      const fields = Array.isArray(s.evidence.fields) ? s.evidence.fields.map(text) : [];
      const shownFields = joinLabels(fields.map(fieldLabel));
      const kinds = kindCounts(parties.map((p) => text(p.kind)));
      return {
        explanation: {
          en: `Shares ${shownFields.en} with ${parties.length} other part${parties.length === 1 ? "y" : "ies"} (${kinds.en}; names withheld)`,
          zh: `与 ${parties.length} 个其他主体共用${shownFields.zh}（${kinds.zh}；名称不予显示）`,
        },
        params: { fields: fields.join(","), parties: parties.length },
        evidence: {
          fields,
          parties: parties.map((p) => ({
            kind: text(p.kind),
            fields: Array.isArray(p.fields) ? p.fields.map(text) : [],
          })),
        },
      };
    }
    case "registration_mismatch": {
      const registrationId = text(s.evidence.registrationId);
      const mismatches = records(s.evidence.mismatches);
      // The registry's name for the applicant's own id is the applicant's business; other parties' are not.
      const shown = mismatches.map((m) => {
        const source = text(m.source);
        if (source === "registry") {
          const registry = partyKindLabel("registry");
          return { en: `${text(m.name)} (${registry.en})`, zh: `${text(m.name)}（${registry.zh}）` };
        }
        const kind = partyKindLabel(source.split(" ")[0] ?? "");
        return { en: `another ${kind.en} (name withheld)`, zh: `另一${kind.zh}（名称不予显示）` };
      });
      return {
        explanation: {
          en: `Registration id ${registrationId} belongs to another name: ${shown.map((m) => m.en).join("; ")}`,
          zh: `注册号 ${registrationId} 对应的名称不一致：${shown.map((m) => m.zh).join("；")}`,
        },
        params: { registrationId },
        evidence: {
          registrationId,
          mismatches: mismatches.map((m) =>
            text(m.source) === "registry"
              ? m
              : { source: text(m.source).split(" ")[0] ?? "", similarity: m.similarity },
          ),
        },
      };
    }
    default:
      return s;
  }
}
