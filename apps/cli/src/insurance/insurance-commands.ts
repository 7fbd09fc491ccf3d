import {
  CLAIM_STATUSES,
  type ClaimStatus,
  INSURER_DECISIONS,
  type InsurerDecision,
  NOTIFICATION_STATES,
  type NotificationState,
} from "@creditdesk/core/insurance";
import { formatMinor, parseDecimalToMinor } from "@creditdesk/core/money";
import type { DatabaseHandle } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import {
  assignReceivables,
  checkInsurance,
  createFactoringAgreement,
  createInsurancePolicy,
  endFactoredReceivable,
  fileInsuranceClaim,
  fileOverdueNotification,
  listFactoredReceivables,
  listFactoringAgreements,
  listInsuranceClaims,
  listInsurancePolicies,
  listInsuredLimitHistory,
  listInsuredPositions,
  listNotificationDeadlines,
  moveInsuranceClaim,
  recordInsurerDecision,
  requestInsuredLimit,
  requirePolicy,
} from "@creditdesk/lib/insurance";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const today = () => new Date().toISOString().slice(0, 10);
const money = (minor: number | null | undefined, currency: string) =>
  minor === null || minor === undefined ? "—" : `${formatMinor(minor, currency)} ${currency}`;

async function withDb<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openAppDatabase();
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function amount(text: string | undefined, currency: string, flag: string): number {
  if (text === undefined) {
    throw new CliError(`${flag} is required`);
  }
  const parsed = parseDecimalToMinor(text, currency);
  if (!parsed.ok) {
    throw new CliError(`${flag}: ${parsed.reason}`);
  }
  return parsed.amountMinor;
}

/** "90" / "1.25" percent → basis points, without floats. */
function bps(text: string, flag: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) {
    throw new CliError(`${flag} must be a percentage like 90 or 1.25, got '${text}'`);
  }
  const value = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (value > 10_000) {
    throw new CliError(`${flag} must be at most 100`);
  }
  return value;
}

function int(text: string | undefined, flag: string): number {
  if (text === undefined || !/^\d+$/.test(text)) {
    throw new CliError(`${flag} must be a whole number, got '${text}'`);
  }
  return Number(text);
}

export async function listPoliciesCommand(o: { json: boolean }) {
  await withDb(async (handle) => {
    const { items } = await listInsurancePolicies({ handle, asOf: today() });
    if (o.json) {
      out(JSON.stringify(items));
      return;
    }
    for (const p of items) {
      out(
        `${p.policyNumber}  ${p.insurer}  ${p.currency}  indemnity ${p.indemnityBps / 100} %  notify within ${p.notificationDeadlineDays} d (warn ${p.warnDaysBefore} d before)  max ${money(p.maxLiabilityMinor, p.currency)}  ${p.validFrom}…${p.validTo ?? ""}  ${p.status}  ${p.buyers} buyers`,
      );
    }
    if (items.length === 0) {
      out("no policies");
    }
  });
}

export async function addPolicyCommand(o: Record<string, string | undefined>) {
  const currency = String(o.currency).toUpperCase();
  await withDb(async (handle) => {
    const p = await createInsurancePolicy({
      handle,
      actor: { id: `cli:${o.as}` },
      input: {
        policyNumber: String(o.number),
        insurer: String(o.insurer),
        currency,
        indemnityBps: bps(String(o.indemnity), "--indemnity"),
        notificationDeadlineDays: int(o.deadlineDays, "--deadline-days"),
        warnDaysBefore: int(o.warnDays, "--warn-days"),
        waitingPeriodDays: int(o.waitingDays, "--waiting-days"),
        maxLiabilityMinor: o.maxLiability ? amount(o.maxLiability, currency, "--max-liability") : null,
        premiumRate: o.premiumRate ?? null,
        premiumMinor: o.premium ? amount(o.premium, currency, "--premium") : null,
        validFrom: String(o.from),
        validTo: o.to ?? null,
      },
    });
    out(`policy ${p.policyNumber} recorded (id ${p.id})`);
  });
}

export async function limitsCommand(o: { asOf: string; customer?: string | undefined; json: boolean }) {
  await withDb(async (handle) => {
    const customerId = o.customer ? await findCustomerId(handle.db, o.customer) : undefined;
    if (o.customer && customerId === undefined) {
      throw new CliError(`customer ${o.customer} does not exist`);
    }
    const positions = await listInsuredPositions({
      handle,
      asOf: o.asOf,
      ...(customerId !== undefined ? { customerIds: [customerId] } : {}),
    });
    const history = customerId !== undefined ? await listInsuredLimitHistory({ handle, customerId }) : [];
    if (o.json) {
      out(JSON.stringify({ positions, history }));
      return;
    }
    for (const p of positions) {
      const limit = p.inForce ? money(p.inForce.limitMinor, p.currency) : `none (${p.latest.decision})`;
      out(
        `${p.customerCode}  ${p.policyNumber}  insured ${limit}  exposure ${money(p.exposureMinor, p.currency)}  cover ${money(p.coverMinor, p.currency)}  net ${money(p.netMinor, p.currency)}${p.overLimit ? `  ABOVE INSURED LIMIT by ${money(p.excessMinor, p.currency)}` : ""}`,
      );
    }
    for (const h of history) {
      out(
        `  #${h.id} requested ${money(h.requestedMinor, h.currency)} on ${h.requestedOn} → ${h.decision}${h.decidedMinor !== null ? ` ${money(h.decidedMinor, h.currency)} on ${h.decidedOn}` : ""}${h.expiresOn ? ` until ${h.expiresOn}` : ""}${h.conditions ? ` (${h.conditions})` : ""}`,
      );
    }
    if (positions.length === 0) {
      out("no insured buyers");
    }
  });
}

export async function requestLimitCommand(o: {
  policy: string;
  customer: string;
  amount: string;
  on?: string | undefined;
  as: string;
}) {
  await withDb(async (handle) => {
    const policy = await requirePolicy(handle.db, o.policy);
    const r = await requestInsuredLimit({
      handle,
      actor: { id: `cli:${o.as}` },
      policy: policy.id,
      customer: o.customer,
      requestedMinor: amount(o.amount, policy.currency, "<amount>"),
      requestedOn: o.on,
    });
    out(`insured-limit request #${r.id} recorded (pending)`);
  });
}

export async function decideCommand(o: Record<string, string | undefined>) {
  if (o.decision !== undefined && !INSURER_DECISIONS.includes(o.decision as InsurerDecision)) {
    throw new CliError(`--decision must be one of ${INSURER_DECISIONS.join(", ")}`);
  }
  await withDb(async (handle) => {
    const policy = await requirePolicy(handle.db, String(o.policy));
    const d = await recordInsurerDecision({
      handle,
      actor: { id: `cli:${o.as}`, role: o.role },
      input: {
        ...(o.request
          ? { requestId: int(o.request, "--request") }
          : { policy: policy.id, customer: String(o.customer) }),
        requestedMinor: amount(o.requested, policy.currency, "--requested"),
        decidedMinor: amount(o.granted, policy.currency, "--granted"),
        ...(o.decision ? { decision: o.decision as InsurerDecision } : {}),
        decidedOn: String(o.on),
        expiresOn: o.expires ?? null,
        conditions: o.conditions ?? null,
        insurerReference: o.ref ?? null,
      },
    });
    out(`insurer decision #${d.id}: ${d.decision} ${money(d.decidedMinor, d.currency)} (audited)`);
  });
}

export async function deadlinesCommand(o: { asOf: string; state?: string | undefined; json: boolean }) {
  if (o.state !== undefined && !NOTIFICATION_STATES.includes(o.state as NotificationState)) {
    throw new CliError(`--state must be one of ${NOTIFICATION_STATES.join(", ")}`);
  }
  await withDb(async (handle) => {
    const items = await listNotificationDeadlines({
      handle,
      asOf: o.asOf,
      ...(o.state ? { states: [o.state as NotificationState] } : {}),
    });
    if (o.json) {
      out(JSON.stringify(items));
      return;
    }
    for (const d of items) {
      out(
        `${d.state.padEnd(13)} ${d.customerCode}  ${d.invoiceNumber}  due ${d.dueOn}  notify by ${d.deadline} (${d.daysLeft} d)  open ${money(d.openMinor, d.currency)}  policy ${d.policyNumber}`,
      );
    }
    if (items.length === 0) {
      out("no overdue insured invoices");
    }
  });
}

export async function notifyCommand(o: {
  policy: string;
  customer: string;
  invoices: string[];
  on?: string | undefined;
  ref?: string | undefined;
  as: string;
}) {
  await withDb(async (handle) => {
    const n = await fileOverdueNotification({
      handle,
      actor: { id: `cli:${o.as}` },
      policy: o.policy,
      customer: o.customer,
      invoices: o.invoices,
      filedOn: o.on,
      reference: o.ref,
    });
    out(
      `notification #${n.id} filed ${n.filedOn}: ${n.invoices.length} invoices, ${money(n.overdueMinor, n.currency)}`,
    );
  });
}

export async function listClaimsCommand(o: { customer?: string | undefined; json: boolean }) {
  await withDb(async (handle) => {
    const customerId = o.customer ? await findCustomerId(handle.db, o.customer) : undefined;
    if (o.customer && customerId === undefined) {
      throw new CliError(`customer ${o.customer} does not exist`);
    }
    const items = await listInsuranceClaims({ handle, customerId });
    if (o.json) {
      out(JSON.stringify(items));
      return;
    }
    for (const c of items) {
      out(
        `${c.reference}  ${c.customerCode}  ${c.policyNumber}  ${c.status}  claimed ${money(c.claimedMinor, c.currency)}  expected ${money(c.expectedIndemnityMinor, c.currency)}  paid ${money(c.indemnityPaidMinor, c.currency)}  filed ${c.filedOn}`,
      );
    }
    if (items.length === 0) {
      out("no claims");
    }
  });
}

export async function fileClaimCommand(o: Record<string, string | undefined>) {
  await withDb(async (handle) => {
    const policy = await requirePolicy(handle.db, String(o.policy));
    const c = await fileInsuranceClaim({
      handle,
      actor: { id: `cli:${o.as}` },
      input: {
        reference: String(o.reference),
        policy: policy.id,
        customer: String(o.customer),
        claimedMinor: amount(o.amount, policy.currency, "--amount"),
        filedOn: o.on,
        ...(o.notification ? { notificationId: int(o.notification, "--notification") } : {}),
      },
    });
    out(
      `claim ${c.reference} filed: expected indemnity ${money(c.expectedIndemnityMinor, c.currency)}, payable from ${c.payableFrom}`,
    );
  });
}

export async function moveClaimCommand(o: Record<string, string | undefined>) {
  const status = String(o.status);
  if (!CLAIM_STATUSES.includes(status as ClaimStatus)) {
    throw new CliError(`status must be one of ${CLAIM_STATUSES.join(", ")}`);
  }
  await withDb(async (handle) => {
    const listed = await listInsuranceClaims({ handle });
    const claim = listed.find((c) => c.reference === o.claim || String(c.id) === o.claim);
    const paid = o.paid && claim ? amount(o.paid, claim.currency, "--paid") : undefined;
    const c = await moveInsuranceClaim({
      handle,
      actor: { id: `cli:${o.as}` },
      claim: String(o.claim),
      to: status as ClaimStatus,
      on: o.on,
      indemnityPaidMinor: paid,
      reason: o.reason,
    });
    out(`claim ${c.reference}: ${c.status}`);
  });
}

export async function checkCommand(o: { asOf: string; json: boolean }) {
  await withDb(async (handle) => {
    const s = await checkInsurance({ handle, asOf: o.asOf });
    if (o.json) {
      out(JSON.stringify(s));
      return;
    }
    out(
      `insurance check ${s.asOf}: ${s.deadlineWarnings} deadline warnings, ${s.coverLost} cover lost, ${s.overLimit} above insured limit → ${s.alertsOpened} new alerts, ${s.alertsUpdated} still open, ${s.conditionsCleared} cleared`,
    );
  });
}

export async function listAgreementsCommand(o: { json: boolean }) {
  await withDb(async (handle) => {
    const { items } = await listFactoringAgreements({ handle });
    if (o.json) {
      out(JSON.stringify(items));
      return;
    }
    for (const a of items) {
      out(
        `${a.reference}  ${a.factor}  ${a.currency}  ${a.withRecourse ? "with recourse" : "WITHOUT recourse"}  advance ${a.advanceRateBps / 100} %  fees ${a.feeBps / 100} %  facility ${money(a.facilityLimitMinor, a.currency)}  ${a.validFrom}…${a.validTo ?? ""}`,
      );
    }
    if (items.length === 0) {
      out("no agreements");
    }
  });
}

export async function addAgreementCommand(o: Record<string, string | boolean | undefined>) {
  const currency = String(o.currency).toUpperCase();
  await withDb(async (handle) => {
    const a = await createFactoringAgreement({
      handle,
      actor: { id: `cli:${o.as}` },
      input: {
        reference: String(o.reference),
        factor: String(o.factor),
        currency,
        withRecourse: o.recourse !== false,
        advanceRateBps: bps(String(o.advance), "--advance"),
        feeBps: bps(String(o.fee ?? "0"), "--fee"),
        facilityLimitMinor: o.facility ? amount(String(o.facility), currency, "--facility") : null,
        validFrom: String(o.from),
        validTo: typeof o.to === "string" ? o.to : null,
      },
    });
    out(`agreement ${a.reference} recorded (${a.withRecourse ? "with" : "without"} recourse)`);
  });
}

export async function assignCommand(o: {
  agreement: string;
  invoices: string[];
  mode: "sold" | "pledged";
  on?: string | undefined;
  as: string;
}) {
  await withDb(async (handle) => {
    const { items } = await assignReceivables({
      handle,
      actor: { id: `cli:${o.as}` },
      agreement: o.agreement,
      mode: o.mode,
      invoices: o.invoices,
      assignedOn: o.on,
    });
    for (const r of items) {
      out(
        `#${r.id} ${r.invoiceNumber} ${o.mode}: face ${money(r.faceMinor, r.currency)}, advance ${money(r.advanceMinor, r.currency)}, fees ${money(r.feesMinor, r.currency)}${r.removedFromExposure ? " — out of exposure" : " — stays in exposure"}`,
      );
    }
  });
}

export async function listFactoredCommand(o: { customer?: string | undefined; json: boolean }) {
  await withDb(async (handle) => {
    const customerId = o.customer ? await findCustomerId(handle.db, o.customer) : undefined;
    if (o.customer && customerId === undefined) {
      throw new CliError(`customer ${o.customer} does not exist`);
    }
    const items = await listFactoredReceivables({ handle, customerId });
    if (o.json) {
      out(JSON.stringify(items));
      return;
    }
    for (const r of items) {
      out(
        `#${r.id} ${r.invoiceNumber}  ${r.customerCode}  ${r.mode}${r.withRecourse ? " (recourse)" : " (no recourse)"}  ${r.agreementReference}  face ${money(r.faceMinor, r.currency)}  ${r.status}${r.endedOn ? ` ${r.endedOn}` : ""}`,
      );
    }
    if (items.length === 0) {
      out("no factored invoices");
    }
  });
}

export async function endFactoredCommand(o: {
  id: string;
  outcome: string;
  on?: string | undefined;
  as: string;
}) {
  if (o.outcome !== "repurchased" && o.outcome !== "settled") {
    throw new CliError("outcome must be repurchased or settled");
  }
  await withDb(async (handle) => {
    const r = await endFactoredReceivable({
      handle,
      actor: { id: `cli:${o.as}` },
      id: int(o.id, "<id>"),
      outcome: o.outcome as "repurchased" | "settled",
      endedOn: o.on,
    });
    out(`factored receivable #${r.id}: ${r.status} on ${r.endedOn}`);
  });
}
