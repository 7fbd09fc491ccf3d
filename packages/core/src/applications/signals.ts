import { IDENTIFIER_TYPES, type IdentifierType, validateIdentifier } from "../identifiers/identifier.ts";
import { normaliseIdentifier } from "../identifiers/uscc.ts";
import { formatMinor } from "../money/money.ts";
import type { ApplicationsConfig } from "./config.ts";
import { daysBetween, monthsBetween } from "./dates.ts";
import type { DuplicateMatch } from "./duplicates.ts";
import {
  nameSimilarity,
  normaliseAddress,
  normaliseBankAccount,
  normaliseEmail,
  normalisePhone,
} from "./normalise.ts";
import {
  eventLabel,
  fieldLabel,
  identifierProblem,
  joinLabels,
  partyKindLabel,
  relationLabel,
} from "./texts.ts";

export const SIGNAL_CODES = [
  "registration_invalid",
  "registration_mismatch",
  "young_company_large_limit",
  "bust_out",
  "shared_details",
  "recent_change",
  "related_party_reference",
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];
export const SIGNAL_SEVERITIES = ["low", "medium", "high"] as const;
export type SignalSeverity = (typeof SIGNAL_SEVERITIES)[number];

/** Points per severity: the application's integrity score is their sum (0 = nothing found). */
export const SIGNAL_SCORES: Readonly<Record<SignalSeverity, number>> = { low: 10, medium: 25, high: 50 };

export interface Signal {
  readonly code: SignalCode;
  readonly severity: SignalSeverity;
  readonly score: number;
  /** The explanation in both UI languages, built from `params` (see texts.ts). */
  readonly explanation: { readonly en: string; readonly zh: string };
  /** The explanation's parameters (stable, language-free). */
  readonly params: Readonly<Record<string, string | number>>;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export interface ReferenceParty {
  readonly kind: "bank" | "trade";
  readonly name: string;
  readonly registrationId?: string | null | undefined;
  readonly bankAccount?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly address?: string | null | undefined;
  readonly email?: string | null | undefined;
  /** Declared by the applicant or found by the analyst to be a related party (same group, owner). */
  readonly relatedParty?: boolean | undefined;
}

export interface SignalFacts {
  /** The application date ("right before applying" counts back from here). */
  readonly asOf: string;
  readonly legalName: string;
  readonly registration: { readonly type: string; readonly value: string } | null;
  readonly registryName: string | null;
  readonly foundedOn: string | null;
  /** Requested limit and stated monthly need, config currency. */
  readonly requestedMinor: number;
  readonly statedMonthlyNeedMinor: number | null;
  /** The customer's orders so far (config currency), e.g. first orders placed while the application runs. */
  readonly orders: ReadonlyArray<{ readonly orderedOn: string; readonly amountMinor: number }>;
  /** Duplicate detection's matches (findDuplicates). */
  readonly matches: readonly DuplicateMatch[];
  readonly events: ReadonlyArray<{
    readonly type: string;
    readonly occurredOn: string;
    readonly description?: string | null;
  }>;
  readonly references: readonly ReferenceParty[];
  readonly applicant: {
    readonly bankAccount: string | null;
    readonly phone: string | null;
    readonly address: string | null;
    readonly email: string | null;
  };
}

const signal = (
  code: SignalCode,
  severity: SignalSeverity,
  explanation: { en: string; zh: string },
  evidence: Record<string, unknown>,
  params: Record<string, string | number> = {},
): Signal => ({ code, severity, score: SIGNAL_SCORES[severity], explanation, params, evidence });

const party = (kind: string, id: number | string, name: string) => ({
  en: `${name} (${partyKindLabel(kind).en} ${id})`,
  zh: `${name}（${partyKindLabel(kind).zh} ${id}）`,
});

const isIdentifierType = (t: string): t is IdentifierType =>
  (IDENTIFIER_TYPES as readonly string[]).includes(t);

function registrationSignals(f: SignalFacts, nameThreshold: number): Signal[] {
  const out: Signal[] = [];
  if (f.registration === null) {
    out.push(
      signal(
        "registration_invalid",
        "high",
        { en: "No registration id was given", zh: "未提供统一社会信用代码或注册号" },
        {},
      ),
    );
    return out;
  }
  const { type, value } = f.registration;
  const check = isIdentifierType(type)
    ? validateIdentifier(type, value)
    : { ok: false as const, message: `unknown type ${type}` };
  if (!check.ok) {
    out.push(
      signal(
        "registration_invalid",
        "high",
        {
          en: `Registration id ${value} is not valid: ${check.message}`,
          zh: `注册号 ${value} 无效：${identifierProblem(type, value, check.message).zh}`,
        },
        { type, value, problem: check.message },
        { value, problem: check.message },
      ),
    );
  }
  const mismatches: Array<{
    source: string;
    name: string;
    similarity: number;
    shown: { en: string; zh: string };
  }> = [];
  if (f.registryName !== null) {
    const similarity = nameSimilarity(f.legalName, f.registryName);
    if (similarity < nameThreshold) {
      const registry = partyKindLabel("registry");
      mismatches.push({
        source: "registry",
        name: f.registryName,
        similarity,
        shown: { en: `${f.registryName} (${registry.en})`, zh: `${f.registryName}（${registry.zh}）` },
      });
    }
  }
  const mine = normaliseIdentifier(value);
  for (const m of f.matches) {
    const byId = m.reasons.some((r) => r.field === "registration_id");
    const similarity = nameSimilarity(f.legalName, m.name);
    if (byId && similarity < nameThreshold) {
      mismatches.push({
        source: `${m.kind} ${m.id}`,
        name: m.name,
        similarity,
        shown: party(m.kind, m.id, m.name),
      });
    }
  }
  if (mismatches.length > 0) {
    out.push(
      signal(
        "registration_mismatch",
        "high",
        {
          en: `Registration id ${mine} belongs to another name: ${mismatches.map((m) => m.shown.en).join("; ")}`,
          zh: `注册号 ${mine} 对应的名称不一致：${mismatches.map((m) => m.shown.zh).join("；")}`,
        },
        { registrationId: mine, mismatches: mismatches.map(({ shown: _, ...m }) => m) },
        { registrationId: mine, names: mismatches.map((m) => m.name).join("; ") },
      ),
    );
  }
  return out;
}

function youngCompany(f: SignalFacts, c: ApplicationsConfig["signals"], currency: string): Signal[] {
  if (f.foundedOn === null || f.requestedMinor < c.largeLimitMinor) {
    return [];
  }
  const months = monthsBetween(f.foundedOn, f.asOf);
  if (months >= c.youngCompanyMonths) {
    return [];
  }
  return [
    signal(
      "young_company_large_limit",
      "high",
      {
        en: `Founded ${f.foundedOn} (${months} months ago, under ${c.youngCompanyMonths}) and asking for ${currency} ${formatMinor(f.requestedMinor, currency)} (large from ${currency} ${formatMinor(c.largeLimitMinor, currency)})`,
        zh: `成立于 ${f.foundedOn}（${months} 个月，不足 ${c.youngCompanyMonths} 个月），申请额度 ${currency} ${formatMinor(f.requestedMinor, currency)}，达到大额标准 ${currency} ${formatMinor(c.largeLimitMinor, currency)}`,
      },
      {
        foundedOn: f.foundedOn,
        ageMonths: months,
        requestedMinor: f.requestedMinor,
        largeLimitMinor: c.largeLimitMinor,
      },
      {
        foundedOn: f.foundedOn,
        ageMonths: months,
        youngCompanyMonths: c.youngCompanyMonths,
        requestedMinor: f.requestedMinor,
        largeLimitMinor: c.largeLimitMinor,
        currency,
      },
    ),
  ];
}

function bustOut(f: SignalFacts, c: ApplicationsConfig["signals"], currency: string): Signal[] {
  if (f.statedMonthlyNeedMinor === null || f.statedMonthlyNeedMinor <= 0 || f.orders.length === 0) {
    return [];
  }
  const first = f.orders.map((o) => o.orderedOn).sort()[0]!;
  const inWindow = f.orders.filter((o) => daysBetween(first, o.orderedOn) < c.bustOutWindowDays);
  const total = inWindow.reduce((s, o) => s + o.amountMinor, 0);
  const ceiling = f.statedMonthlyNeedMinor * c.bustOutMultiple;
  if (total <= ceiling) {
    return [];
  }
  const ratio = Math.round((total / f.statedMonthlyNeedMinor) * 10) / 10;
  const shownTotal = `${currency} ${formatMinor(total, currency)}`;
  const shownNeed = `${currency} ${formatMinor(f.statedMonthlyNeedMinor, currency)}`;
  return [
    signal(
      "bust_out",
      "high",
      {
        en: `First orders within ${c.bustOutWindowDays} days total ${shownTotal}, ${ratio}× the stated monthly need ${shownNeed} (limit ${c.bustOutMultiple}×): bust-out pattern`,
        zh: `首批订单 ${c.bustOutWindowDays} 天内合计 ${shownTotal}，为申报月需求 ${shownNeed} 的 ${ratio} 倍（阈值 ${c.bustOutMultiple} 倍）：疑似"放大骗货"`,
      },
      {
        firstOrderOn: first,
        windowDays: c.bustOutWindowDays,
        ordersMinor: total,
        statedMonthlyNeedMinor: f.statedMonthlyNeedMinor,
        ratio,
      },
      {
        windowDays: c.bustOutWindowDays,
        ordersMinor: total,
        statedMonthlyNeedMinor: f.statedMonthlyNeedMinor,
        ratio,
        multiple: c.bustOutMultiple,
        currency,
      },
    ),
  ];
}

const SHARED_FIELDS = new Set(["bank_account", "phone", "address", "email"]);

function sharedDetails(f: SignalFacts): Signal[] {
  // The same entity again is a duplicate, not a network of parties sharing details.
  const others = f.matches
    .filter((m) => !m.sameEntity)
    .map((m) => ({ ...m, shared: m.reasons.filter((r) => SHARED_FIELDS.has(r.field)) }))
    .filter((m) => m.shared.length > 0);
  if (others.length === 0) {
    return [];
  }
  const fields = [...new Set(others.flatMap((m) => m.shared.map((r) => r.field)))].sort();
  // A shared bank account, or details shared with several parties, is the classic sign of one
  // operator behind several shells; one shared phone or address alone may be a shared office.
  const severity: SignalSeverity = fields.includes("bank_account") || others.length >= 2 ? "high" : "medium";
  const shownFields = joinLabels(fields.map(fieldLabel));
  const shownParties = joinLabels(
    others.map((m) => party(m.kind, m.id, m.name)),
    "; ",
    "；",
  );
  return [
    signal(
      "shared_details",
      severity,
      {
        en: `Shares ${shownFields.en} with ${others.length} other part${others.length === 1 ? "y" : "ies"}: ${shownParties.en}`,
        zh: `与 ${others.length} 个其他主体共用${shownFields.zh}：${shownParties.zh}`,
      },
      {
        fields,
        parties: others.map((m) => ({
          kind: m.kind,
          id: m.id,
          name: m.name,
          fields: m.shared.map((r) => r.field),
        })),
      },
      { fields: fields.join(","), parties: others.length },
    ),
  ];
}

const CHANGE_TYPES = new Set(["legal_rep_change", "address_change", "management_change"]);

function recentChange(f: SignalFacts, c: ApplicationsConfig["signals"]): Signal[] {
  const recent = f.events.filter((e) => {
    const before = daysBetween(e.occurredOn, f.asOf);
    return CHANGE_TYPES.has(e.type) && before >= 0 && before <= c.recentChangeDays;
  });
  if (recent.length === 0) {
    return [];
  }
  const severity: SignalSeverity = recent.some((e) => e.type === "legal_rep_change") ? "high" : "medium";
  return [
    signal(
      "recent_change",
      severity,
      {
        en: `Changed ${recent.map((e) => `${eventLabel(e.type).en} on ${e.occurredOn}`).join(", ")} — within ${c.recentChangeDays} days before applying`,
        zh: `申请前 ${c.recentChangeDays} 天内发生变更：${recent.map((e) => `${eventLabel(e.type).zh}（${e.occurredOn}）`).join("，")}`,
      },
      { events: recent, windowDays: c.recentChangeDays },
      { events: recent.map((e) => `${e.type}@${e.occurredOn}`).join(","), windowDays: c.recentChangeDays },
    ),
  ];
}

function relatedReferences(f: SignalFacts, nameThreshold: number): Signal[] {
  const a = f.applicant;
  const mine = f.registration ? normaliseIdentifier(f.registration.value) : null;
  const related: Array<{ name: string; kind: string; why: string[] }> = [];
  for (const r of f.references) {
    const why: string[] = [];
    if (r.relatedParty) {
      why.push("declared_related");
    }
    if (mine && r.registrationId && normaliseIdentifier(r.registrationId) === mine) {
      why.push("same_registration_id");
    }
    if (nameSimilarity(r.name, f.legalName) >= nameThreshold) {
      why.push("same_name");
    }
    const same = (x: string | null | undefined, y: string | null, norm: (v: string) => string) =>
      Boolean(x && y && norm(x).length >= 6 && norm(x) === norm(y));
    if (same(r.bankAccount, a.bankAccount, normaliseBankAccount)) {
      why.push("same_bank_account");
    }
    if (same(r.phone, a.phone, normalisePhone)) {
      why.push("same_phone");
    }
    if (same(r.address, a.address, normaliseAddress)) {
      why.push("same_address");
    }
    if (r.email && a.email && normaliseEmail(r.email) === normaliseEmail(a.email)) {
      why.push("same_email");
    }
    if (why.length > 0) {
      related.push({ name: r.name, kind: r.kind, why });
    }
  }
  if (related.length === 0) {
    return [];
  }
  return [
    signal(
      "related_party_reference",
      "high",
      {
        en: `Reference${related.length > 1 ? "s" : ""} related to the applicant: ${related.map((r) => `${r.name} (${joinLabels(r.why.map(relationLabel)).en})`).join("; ")}`,
        zh: `推荐人与申请人存在关联：${related.map((r) => `${r.name}（${joinLabels(r.why.map(relationLabel)).zh}）`).join("；")}`,
      },
      { references: related },
      { references: related.map((r) => r.name).join("; ") },
    ),
  ];
}

/**
 * Fraud and integrity signals of an application, each explained (en/zh), scored by severity and
 * with its evidence: invalid or mismatched registration ids, a young company asking a large limit,
 * first orders far above the stated need (bust-out), details shared with other parties, changes of
 * legal representative or address right before applying, and references that are related parties.
 * High-severity signals block approval until cleared with a reason.
 */
export function detectSignals(facts: SignalFacts, config: ApplicationsConfig): Signal[] {
  const threshold = config.duplicates.nameThreshold;
  return [
    ...registrationSignals(facts, threshold),
    ...youngCompany(facts, config.signals, config.currency),
    ...bustOut(facts, config.signals, config.currency),
    ...sharedDetails(facts),
    ...recentChange(facts, config.signals),
    ...relatedReferences(facts, threshold),
  ];
}

/** The integrity score: the sum of the signals' points. */
export const signalScore = (signals: readonly Signal[]): number => signals.reduce((s, x) => s + x.score, 0);
