import { Form, Input, InputNumber, Radio, Select } from "antd";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { currencyDigits, minorToDecimalString, parseAmountToMinor } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { FieldErrors, FormModal, fieldError } from "../shared/ui/form-modal.tsx";
import type { Claim, FactoringAgreement, NotificationDeadline, Policy } from "./insurance-api.ts";

const today = () => new Date().toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Basis points from a percentage typed with up to two decimals ("90" → 9,000; "0.8" → 80). */
const bpsOf = (percent: number) => Math.round(percent * 100);

/** Minor units of `text` in `currency`, or a field error on `name` (nothing is sent). */
function amountOf(name: string, text: string, currency: string, message: string): number {
  const minor = parseAmountToMinor(text, currency);
  if (minor === null || minor <= 0) {
    throw fieldError(name, message);
  }
  return minor;
}

/** An ISO date field (the browser's date input). */
function DateItem({ name, label, required = false }: { name: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required, pattern: DATE, message: t("insurance.dateInvalid") }]}
    >
      <Input type="date" />
    </Form.Item>
  );
}

/** The ISO 4217 code of the amounts (three capitals). */
function CurrencyItem({ disabled = false }: { disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="currency"
      label={t("insurance.currency")}
      rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: t("insurance.currencyInvalid") }]}
    >
      <Input maxLength={3} disabled={disabled} />
    </Form.Item>
  );
}

function usePolicies() {
  return useApi((signal) => apiGet<{ items: Policy[] }>("/insurance/policies", {}, signal), []);
}

/** The active policies to choose from; value and onChange come from the Form.Item around it. */
function PolicySelect({
  testId,
  ...field
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  testId: string;
}) {
  const policies = usePolicies();
  return (
    <Select<string>
      {...field}
      showSearch
      loading={policies.loading}
      data-testid={testId}
      options={(policies.data?.items ?? [])
        .filter((p) => p.status === "active")
        .map((p) => ({ value: p.policyNumber, label: `${p.policyNumber} · ${p.insurer} (${p.currency})` }))}
    />
  );
}

interface PolicyValues {
  policyNumber: string;
  insurer: string;
  currency: string;
  indemnityPercent: number;
  maxLiability?: string;
  waitingPeriodDays: number;
  notificationDeadlineDays: number;
  warnDaysBefore: number;
  premiumRate?: string;
  validFrom: string;
  validTo?: string;
}

/** A new credit insurance policy: insurer, cover %, maximum liability, waiting period, deadline, premium. */
export function PolicyModal({ onClose, onSaved }: { onClose: () => void; onSaved?: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<PolicyValues>
      title={t("insurance.newPolicy")}
      testId="policy-form"
      problemFields={{ indemnityBps: "indemnityPercent", maxLiabilityMinor: "maxLiability" }}
      onClose={onClose}
      onSaved={onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{
        currency: "CNY",
        indemnityPercent: 90,
        waitingPeriodDays: 150,
        notificationDeadlineDays: 60,
        warnDaysBefore: 7,
        validFrom: today(),
      }}
      onSubmit={async (v) => {
        const maxLiabilityMinor = v.maxLiability?.trim()
          ? amountOf("maxLiability", v.maxLiability, v.currency, t("insurance.amountInvalid"))
          : null;
        return apiPost("/insurance/policies", {
          policyNumber: v.policyNumber,
          insurer: v.insurer,
          currency: v.currency,
          indemnityBps: bpsOf(v.indemnityPercent),
          maxLiabilityMinor,
          waitingPeriodDays: v.waitingPeriodDays,
          notificationDeadlineDays: v.notificationDeadlineDays,
          warnDaysBefore: v.warnDaysBefore,
          ...(v.premiumRate?.trim() ? { premiumRate: v.premiumRate.trim() } : {}),
          validFrom: v.validFrom,
          ...(v.validTo ? { validTo: v.validTo } : {}),
        });
      }}
    >
      <Form.Item name="policyNumber" label={t("insurance.policyNumber")} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="insurer" label={t("insurance.insurer")} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <CurrencyItem />
      <Form.Item name="indemnityPercent" label={t("insurance.indemnityPercent")} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} step={0.01} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="maxLiability" label={t("insurance.maxLiability")}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="waitingPeriodDays" label={t("insurance.waitingDays")} rules={[{ required: true }]}>
        <InputNumber min={0} max={720} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="notificationDeadlineDays"
        label={t("insurance.deadlineDays")}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={720} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="warnDaysBefore" label={t("insurance.warnDays")} rules={[{ required: true }]}>
        <InputNumber min={0} max={365} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="premiumRate"
        label={t("insurance.premiumRate")}
        rules={[{ pattern: /^\d+(\.\d{1,6})?$/, message: t("insurance.rateInvalid") }]}
      >
        <Input inputMode="decimal" placeholder="0.0012" />
      </Form.Item>
      <DateItem name="validFrom" label={t("insurance.validFrom")} required />
      <DateItem name="validTo" label={t("insurance.validTo")} />
    </FormModal>
  );
}

interface RequestValues {
  policy: string;
  customer: string;
  amount: string;
  requestedOn: string;
}

/** Asks the insurer for an insured limit on a buyer (pending until its decision is recorded). */
export function RequestLimitModal({ onClose, onSaved }: { onClose: () => void; onSaved?: () => void }) {
  const { t } = useI18n();
  const policies = usePolicies();
  return (
    <FormModal<RequestValues>
      title={t("insurance.requestLimit")}
      testId="request-limit-form"
      problemFields={{ requestedMinor: "amount" }}
      onClose={onClose}
      onSaved={onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{ requestedOn: today() }}
      onSubmit={async (v) => {
        const currency = policies.data?.items.find((p) => p.policyNumber === v.policy)?.currency ?? "CNY";
        const requestedMinor = amountOf("amount", v.amount, currency, t("insurance.amountInvalid"));
        return apiPost("/insurance/limits/requests", {
          policy: v.policy,
          customer: v.customer.trim(),
          requestedMinor,
          requestedOn: v.requestedOn,
        });
      }}
    >
      <Form.Item name="policy" label={t("insurance.policy")} rules={[{ required: true }]}>
        <PolicySelect testId="request-policy" />
      </Form.Item>
      <Form.Item name="customer" label={t("insurance.customerCode")} rules={[{ required: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="amount" label={t("insurance.requestedAmount")} rules={[{ required: true }]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <DateItem name="requestedOn" label={t("insurance.requestedOn")} required />
    </FormModal>
  );
}

/** A pending request the decision completes. */
export interface PendingRequest {
  requestId: number;
  policyNumber: string;
  customerCode: string;
  currency: string;
  requestedMinor: number;
}

interface DecisionValues {
  policy: string;
  customer: string;
  currency: string;
  requested: string;
  granted: string;
  decidedOn: string;
  expiresOn?: string;
  insurerReference?: string;
  conditions?: string;
}

/**
 * Records the insurer's decision (full / partial / refused follows from the amounts: granted 0 is a
 * refusal), completing a pending request or directly for a policy and buyer.
 */
export function DecisionModal(props: {
  request?: PendingRequest | undefined;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const { t } = useI18n();
  const r = props.request;
  const majorOf = (minor: number, currency: string) => minorToDecimalString(minor, currencyDigits(currency));
  return (
    <FormModal<DecisionValues>
      title={t("insurance.recordDecision")}
      testId="decision-form"
      problemFields={{ requestedMinor: "requested", decidedMinor: "granted", decision: "granted" }}
      onClose={props.onClose}
      onSaved={props.onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{
        decidedOn: today(),
        currency: r?.currency ?? "CNY",
        ...(r
          ? {
              policy: r.policyNumber,
              customer: r.customerCode,
              requested: majorOf(r.requestedMinor, r.currency),
            }
          : {}),
      }}
      onSubmit={async (v) => {
        // Both amounts are checked before either is reported, so both fields say what is wrong.
        const positive = (text: string) => {
          const minor = parseAmountToMinor(text, v.currency);
          return minor !== null && minor > 0 ? minor : null;
        };
        const requestedMinor = positive(v.requested);
        // A refusal is granted 0, written as such ("0", "0.00").
        const decidedMinor = /^\s*0+([.,]0*)?\s*$/.test(v.granted) ? 0 : positive(v.granted);
        if (requestedMinor === null || decidedMinor === null) {
          const errors = [t("insurance.amountInvalid")];
          throw new FieldErrors([
            ...(requestedMinor === null ? [{ name: "requested", errors }] : []),
            ...(decidedMinor === null ? [{ name: "granted", errors }] : []),
          ]);
        }
        return apiPost("/insurance/limits/decisions", {
          ...(r ? { requestId: r.requestId } : { policy: v.policy, customer: v.customer.trim() }),
          requestedMinor,
          decidedMinor,
          decidedOn: v.decidedOn,
          ...(v.expiresOn ? { expiresOn: v.expiresOn } : {}),
          ...(v.insurerReference ? { insurerReference: v.insurerReference } : {}),
          ...(v.conditions ? { conditions: v.conditions } : {}),
        });
      }}
    >
      <Form.Item name="policy" label={t("insurance.policy")} rules={[{ required: true }]}>
        {r ? <Input disabled /> : <Input data-testid="decision-policy" />}
      </Form.Item>
      <Form.Item name="customer" label={t("insurance.customerCode")} rules={[{ required: true }]}>
        <Input disabled={r !== undefined} data-testid="decision-customer" />
      </Form.Item>
      <CurrencyItem disabled={r !== undefined} />
      <Form.Item name="requested" label={t("insurance.requested")} rules={[{ required: true }]}>
        <Input inputMode="decimal" data-testid="decision-requested" />
      </Form.Item>
      <Form.Item
        name="granted"
        label={t("insurance.granted")}
        extra={t("insurance.grantedHelp")}
        rules={[{ required: true }]}
      >
        <Input inputMode="decimal" data-testid="decision-granted" />
      </Form.Item>
      <DateItem name="decidedOn" label={t("insurance.decidedOn")} required />
      <DateItem name="expiresOn" label={t("insurance.expiresOn")} />
      <Form.Item name="insurerReference" label={t("insurance.insurerReference")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="conditions" label={t("insurance.conditions")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface NotifyValues {
  filedOn: string;
  reference?: string;
  note?: string;
}

/** Files the overdue notification of an invoice with its insurer (before the deadline keeps cover). */
export function NotifyModal(props: {
  deadline: NotificationDeadline;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const { t, money, date } = useI18n();
  const d = props.deadline;
  return (
    <FormModal<NotifyValues>
      title={t("insurance.notifyTitle", { invoice: d.invoiceNumber })}
      testId="notify-form"
      onClose={props.onClose}
      onSaved={props.onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{ filedOn: today() }}
      onSubmit={(v) =>
        apiPost("/insurance/notifications", {
          policy: d.policyNumber,
          customer: d.customerCode,
          invoices: [d.invoiceNumber],
          filedOn: v.filedOn,
          ...(v.reference ? { reference: v.reference } : {}),
          ...(v.note ? { note: v.note } : {}),
        })
      }
    >
      <Form.Item label={t("insurance.invoice")}>
        {d.customerCode} · {d.invoiceNumber} · {money(d.openMinor, d.currency)} · {t("insurance.deadline")}{" "}
        {date(d.deadline)}
      </Form.Item>
      <DateItem name="filedOn" label={t("insurance.filedOn")} required />
      <Form.Item name="reference" label={t("insurance.notificationReference")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label={t("insurance.note")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface ClaimValues {
  reference: string;
  policy: string;
  customer: string;
  amount: string;
  filedOn: string;
  note?: string;
}

/** Files a claim with the insurer (status filed; moved on from the claims table). */
export function ClaimModal({ onClose, onSaved }: { onClose: () => void; onSaved?: () => void }) {
  const { t } = useI18n();
  const policies = usePolicies();
  return (
    <FormModal<ClaimValues>
      title={t("insurance.fileClaim")}
      testId="claim-form"
      problemFields={{ claimedMinor: "amount" }}
      onClose={onClose}
      onSaved={onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{ filedOn: today() }}
      onSubmit={async (v) => {
        const currency = policies.data?.items.find((p) => p.policyNumber === v.policy)?.currency ?? "CNY";
        const claimedMinor = amountOf("amount", v.amount, currency, t("insurance.amountInvalid"));
        return apiPost("/insurance/claims", {
          reference: v.reference,
          policy: v.policy,
          customer: v.customer.trim(),
          claimedMinor,
          filedOn: v.filedOn,
          ...(v.note ? { note: v.note } : {}),
        });
      }}
    >
      <Form.Item name="reference" label={t("insurance.claim")} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="policy" label={t("insurance.policy")} rules={[{ required: true }]}>
        <PolicySelect testId="claim-policy" />
      </Form.Item>
      <Form.Item name="customer" label={t("insurance.customerCode")} rules={[{ required: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="amount" label={t("insurance.claimed")} rules={[{ required: true }]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <DateItem name="filedOn" label={t("insurance.filedOn")} required />
      <Form.Item name="note" label={t("insurance.note")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface AgreementValues {
  reference: string;
  factor: string;
  currency: string;
  withRecourse: boolean;
  advancePercent: number;
  feePercent: number;
  facilityLimit?: string;
  validFrom: string;
  validTo?: string;
}

/** A factoring agreement: with or without recourse, advance rate, fees, facility limit. */
export function AgreementModal({ onClose, onSaved }: { onClose: () => void; onSaved?: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<AgreementValues>
      title={t("insurance.newAgreement")}
      testId="agreement-form"
      problemFields={{
        advanceRateBps: "advancePercent",
        feeBps: "feePercent",
        facilityLimitMinor: "facilityLimit",
      }}
      onClose={onClose}
      onSaved={onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{
        currency: "CNY",
        withRecourse: true,
        advancePercent: 80,
        feePercent: 0,
        validFrom: today(),
      }}
      onSubmit={async (v) => {
        const facilityLimitMinor = v.facilityLimit?.trim()
          ? amountOf("facilityLimit", v.facilityLimit, v.currency, t("insurance.amountInvalid"))
          : null;
        return apiPost("/factoring/agreements", {
          reference: v.reference,
          factor: v.factor,
          currency: v.currency,
          withRecourse: v.withRecourse,
          advanceRateBps: bpsOf(v.advancePercent),
          feeBps: bpsOf(v.feePercent),
          facilityLimitMinor,
          validFrom: v.validFrom,
          ...(v.validTo ? { validTo: v.validTo } : {}),
        });
      }}
    >
      <Form.Item name="reference" label={t("insurance.agreement")} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="factor" label={t("insurance.factor")} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <CurrencyItem />
      <Form.Item name="withRecourse" label={t("insurance.recourse")} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: t("insurance.withRecourse") },
            { value: false, label: t("insurance.withoutRecourse") },
          ]}
        />
      </Form.Item>
      <Form.Item name="advancePercent" label={t("insurance.advancePercent")} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} step={0.01} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="feePercent" label={t("insurance.feePercent")} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} step={0.01} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="facilityLimit" label={t("insurance.facilityLimit")}>
        <Input inputMode="decimal" />
      </Form.Item>
      <DateItem name="validFrom" label={t("insurance.validFrom")} required />
      <DateItem name="validTo" label={t("insurance.validTo")} />
    </FormModal>
  );
}

interface AssignValues {
  agreement: string;
  mode: "sold" | "pledged";
  invoices: string;
  assignedOn: string;
}

/** Sells or pledges open invoices to a factor under an agreement (recourse from the agreement). */
export function AssignModal({ onClose, onSaved }: { onClose: () => void; onSaved?: () => void }) {
  const { t } = useI18n();
  const agreements = useApi(
    (signal) => apiGet<{ items: FactoringAgreement[] }>("/factoring/agreements", {}, signal),
    [],
  );
  return (
    <FormModal<AssignValues>
      title={t("insurance.assign")}
      testId="assign-form"
      onClose={onClose}
      onSaved={onSaved}
      successMessage={t("insurance.saved")}
      initialValues={{ mode: "sold", assignedOn: today() }}
      onSubmit={(v) =>
        apiPost("/factoring/receivables", {
          agreement: v.agreement,
          mode: v.mode,
          invoices: v.invoices
            .split(/[\s,，;；]+/)
            .map((s) => s.trim())
            .filter(Boolean),
          assignedOn: v.assignedOn,
        })
      }
    >
      <Form.Item name="agreement" label={t("insurance.agreement")} rules={[{ required: true }]}>
        <Select<string>
          showSearch
          loading={agreements.loading}
          data-testid="assign-agreement"
          options={(agreements.data?.items ?? [])
            .filter((a) => a.status === "active")
            .map((a) => ({
              value: a.reference,
              label: `${a.reference} · ${a.factor} · ${a.withRecourse ? t("insurance.withRecourse") : t("insurance.withoutRecourse")}`,
            }))}
        />
      </Form.Item>
      <Form.Item name="mode" label={t("insurance.mode")} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: "sold", label: t("insurance.mode.sold") },
            { value: "pledged", label: t("insurance.mode.pledged") },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="invoices"
        label={t("insurance.invoiceNumbers")}
        extra={t("insurance.invoiceNumbersHelp")}
        rules={[{ required: true }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <DateItem name="assignedOn" label={t("insurance.assignedOn")} required />
    </FormModal>
  );
}

/** The claim a paid / rejected dialog moves (as the claims table lists it). */
type MovedClaim = Pick<Claim, "reference" | "currency" | "claimedMinor" | "expectedIndemnityMinor">;

const claimStatusPath = (claim: MovedClaim) =>
  `/insurance/claims/${encodeURIComponent(claim.reference)}/status`;

/** Records the indemnity the insurer paid on a claim under review (0 … the claimed amount). */
export function ClaimPaidModal(props: {
  claim: MovedClaim;
  onClose: () => void;
  onSaved?: (() => void) | undefined;
}) {
  const { t, money } = useI18n();
  const c = props.claim;
  return (
    <FormModal<{ paid: string }>
      title={t("insurance.paidTitle", { claim: c.reference })}
      testId="claim-paid-form"
      okText={t("insurance.markPaid")}
      onClose={props.onClose}
      onSaved={props.onSaved}
      successMessage={t("insurance.saved")}
      problemFields={{ indemnityPaidMinor: "paid" }}
      onSubmit={(v) => {
        const indemnityPaidMinor = parseAmountToMinor(v.paid, c.currency);
        if (indemnityPaidMinor === null || indemnityPaidMinor < 0) {
          throw fieldError("paid", t("insurance.amountInvalid"));
        }
        return apiPost(claimStatusPath(c), { status: "paid", indemnityPaidMinor });
      }}
    >
      <Form.Item
        name="paid"
        label={t("insurance.amountPaid", { currency: c.currency })}
        extra={t("insurance.amountPaidHelp", {
          claimed: money(c.claimedMinor, c.currency),
          expected: money(c.expectedIndemnityMinor ?? null, c.currency),
        })}
        rules={[{ required: true }]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
    </FormModal>
  );
}

/** Records the insurer's rejection of a claim, with its reason. */
export function ClaimRejectModal(props: {
  claim: MovedClaim;
  onClose: () => void;
  onSaved?: (() => void) | undefined;
}) {
  const { t } = useI18n();
  const c = props.claim;
  return (
    <FormModal<{ reason: string }>
      title={t("insurance.rejectTitle", { claim: c.reference })}
      testId="claim-reject-form"
      okText={t("insurance.reject")}
      onClose={props.onClose}
      onSaved={props.onSaved}
      successMessage={t("insurance.saved")}
      onSubmit={(v) => apiPost(claimStatusPath(c), { status: "rejected", reason: v.reason.trim() })}
    >
      <Form.Item
        name="reason"
        label={t("insurance.rejectReason")}
        rules={[{ required: true, whitespace: true, message: t("insurance.rejectReasonRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
