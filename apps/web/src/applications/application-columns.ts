import type { I18n } from "../shared/i18n/i18n-context.tsx";
import type { ChecklistItem, DuplicateView, Evidence, SignalView } from "./applications-api.ts";

/**
 * A column of the application page's tables as one text per row: the cell on screen shows that
 * text (with colour or a tooltip at most) and the CSV export writes the same, so the file holds
 * what the reader saw.
 */
export interface TextColumn<T> {
  key: string;
  title: string;
  align?: "right";
  text: (row: T) => string;
}

type Texts = Pick<I18n, "t" | "label" | "locale">;

const inLocale = (locale: I18n["locale"], x: { zh: string; en: string }) =>
  locale === "zh-CN" ? x.zh : x.en;

/** One piece of evidence: date, who, the note and the attached document (`#id`), if any. */
export function evidenceLine(e: Evidence): string {
  return `${e.date} · ${e.by}:${e.note ? ` ${e.note}` : ""}${e.documentId !== null ? ` (#${e.documentId})` : ""}`;
}

/** Checklist: done or not, the item, what is missing, the evidence recorded (one line each). */
export function checklistColumns({ t, locale }: Texts): TextColumn<ChecklistItem>[] {
  return [
    {
      key: "status",
      title: t("applications.status"),
      text: (i) => t(i.complete ? "applications.itemComplete" : "applications.itemOpen"),
    },
    { key: "item", title: t("applications.item"), text: (i) => inLocale(locale, i.label) },
    {
      key: "missing",
      title: t("applications.missing"),
      text: (i) =>
        i.missing.map((m) => inLocale(locale, m.text)).join(locale === "zh-CN" ? "；" : "; ") ||
        t("common.empty"),
    },
    {
      key: "evidence",
      title: t("applications.evidence"),
      text: (i) => i.evidence.map(evidenceLine).join("\n") || t("common.empty"),
    },
  ];
}

/** Signals: severity, score, the signal, its explanation, and whether it is still found or cleared. */
export function signalColumns({ t, label, locale }: Texts): TextColumn<SignalView>[] {
  return [
    {
      key: "severity",
      title: t("applications.severity"),
      text: (s) => label("applications.severity", s.severity),
    },
    { key: "score", title: t("applications.score"), align: "right", text: (s) => String(s.score) },
    { key: "signal", title: t("applications.signal"), text: (s) => label("applications.signal", s.code) },
    {
      key: "explanation",
      title: t("applications.explanation"),
      text: (s) => inLocale(locale, s.explanation),
    },
    {
      key: "state",
      title: t("applications.status"),
      text: (s) => {
        const parts = [
          ...(s.active ? [] : [t("applications.inactive")]),
          ...(s.clearedBy
            ? [t("applications.cleared", { who: s.clearedBy, reason: s.clearReason ?? "" })]
            : []),
        ];
        return parts.length > 0 ? parts.join(" · ") : t("applications.signalOpen");
      },
    },
  ];
}

/**
 * Possible duplicates: kind, the other party (withheld for users who may not see it), whether it is
 * the same legal entity, and the details shared (field names, as the API gives them).
 */
export function duplicateColumns({ t, label }: Texts): TextColumn<DuplicateView>[] {
  return [
    {
      key: "kind",
      title: t("applications.duplicateKind"),
      text: (d) => label("applications.duplicateKind", d.kind),
    },
    {
      key: "party",
      title: t("applications.party"),
      text: (d) => (d.id === null ? t("applications.nameWithheld") : `${d.name ?? ""} (#${d.id})`),
    },
    {
      key: "sameEntity",
      title: t("applications.sameEntity"),
      text: (d) => t(d.sameEntity ? "shared.yes" : "shared.no"),
    },
    {
      key: "fields",
      title: t("applications.sharedFields"),
      text: (d) => d.reasons.map((r) => r.field).join(", "),
    },
  ];
}
