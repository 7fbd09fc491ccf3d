import { App, Button, Card, DatePicker, Space, Tabs, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { ExportTable } from "../shared/ui/export-table.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import {
  type Claim,
  type ClaimStatus,
  claimMoves,
  type FactoredReceivable,
  type FactoringAgreement,
  type InsuredPosition,
  type NotificationDeadline,
  type Policy,
  stateColor,
} from "./insurance-api.ts";
import {
  AgreementModal,
  AssignModal,
  ClaimModal,
  ClaimPaidModal,
  ClaimRejectModal,
  DecisionModal,
  NotifyModal,
  type PendingRequest,
  PolicyModal,
  RequestLimitModal,
} from "./insurance-forms.tsx";

/** The dialog open on the page (one at a time). */
type Dialog =
  | { kind: "policy" }
  | { kind: "request" }
  | { kind: "decision"; request?: PendingRequest }
  | { kind: "notify"; deadline: NotificationDeadline }
  | { kind: "claim" }
  | { kind: "agreement" }
  | { kind: "assign" };

const today = () => new Date().toISOString().slice(0, 10);
const pct = (bps: number) => `${bps / 100} %`;

/** 信用保险与保理: insured buyers with warnings, notification deadlines, claims, policies, factoring. */
export default function InsurancePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState(today());
  const [checking, setChecking] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // Bumped after every save: the tabs re-mount and read the API again.
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState("buyers");
  const mayWrite = can("insurance:write");
  const close = () => setDialog(null);
  const saved = () => setVersion((v) => v + 1);

  const run = async () => {
    setChecking(true);
    try {
      const s = await apiPost<{
        deadlineWarnings: number;
        coverLost: number;
        overLimit: number;
        alertsOpened: number;
      }>("/insurance/check", { asOf });
      void message.success(
        t("insurance.checked", {
          warnings: s.deadlineWarnings,
          lost: s.coverLost,
          over: s.overLimit,
          opened: s.alertsOpened,
        }),
      );
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t("insurance.title")}
        subtitle={t("insurance.subtitle")}
        extra={
          <Space>
            <DatePicker
              aria-label={t("insurance.asOf")}
              allowClear={false}
              value={dayjs(asOf)}
              onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : today())}
            />
            {mayWrite ? (
              <>
                <Button onClick={() => setDialog({ kind: "policy" })} data-testid="insurance-new-policy">
                  {t("insurance.newPolicy")}
                </Button>
                <Button onClick={() => setDialog({ kind: "request" })} data-testid="insurance-request-limit">
                  {t("insurance.requestLimit")}
                </Button>
                <Button
                  onClick={() => setDialog({ kind: "decision" })}
                  data-testid="insurance-record-decision"
                >
                  {t("insurance.recordDecision")}
                </Button>
                <Button
                  type="primary"
                  loading={checking}
                  onClick={() => void run()}
                  data-testid="insurance-check"
                >
                  {t("insurance.check")}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Tabs
          key={version}
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "buyers",
              label: t("insurance.tab.buyers"),
              children: (
                <BuyersTab
                  asOf={asOf}
                  {...(mayWrite
                    ? { onDecide: (request: PendingRequest) => setDialog({ kind: "decision", request }) }
                    : {})}
                />
              ),
            },
            {
              key: "deadlines",
              label: t("insurance.tab.deadlines"),
              children: (
                <DeadlinesTab
                  asOf={asOf}
                  {...(mayWrite
                    ? {
                        onNotify: (deadline: NotificationDeadline) => setDialog({ kind: "notify", deadline }),
                      }
                    : {})}
                />
              ),
            },
            {
              key: "claims",
              label: t("insurance.tab.claims"),
              children: (
                <>
                  {mayWrite ? (
                    <Button
                      style={{ marginBottom: 8 }}
                      onClick={() => setDialog({ kind: "claim" })}
                      data-testid="insurance-file-claim"
                    >
                      {t("insurance.fileClaim")}
                    </Button>
                  ) : null}
                  <ClaimsTab mayWrite={mayWrite} />
                </>
              ),
            },
            { key: "policies", label: t("insurance.tab.policies"), children: <PoliciesTab asOf={asOf} /> },
            {
              key: "factoring",
              label: t("insurance.tab.factoring"),
              children: (
                <>
                  {mayWrite ? (
                    <Space style={{ marginBottom: 8 }}>
                      <Button
                        onClick={() => setDialog({ kind: "agreement" })}
                        data-testid="factoring-new-agreement"
                      >
                        {t("insurance.newAgreement")}
                      </Button>
                      <Button onClick={() => setDialog({ kind: "assign" })} data-testid="factoring-assign">
                        {t("insurance.assign")}
                      </Button>
                    </Space>
                  ) : null}
                  <AgreementsTable />
                  <FactoringTab />
                </>
              ),
            },
          ]}
        />
      </Card>
      {dialog?.kind === "policy" ? <PolicyModal onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === "request" ? <RequestLimitModal onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === "decision" ? (
        <DecisionModal request={dialog.request} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === "notify" ? (
        <NotifyModal deadline={dialog.deadline} onClose={close} onSaved={saved} />
      ) : null}
      {dialog?.kind === "claim" ? <ClaimModal onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === "agreement" ? <AgreementModal onClose={close} onSaved={saved} /> : null}
      {dialog?.kind === "assign" ? <AssignModal onClose={close} onSaved={saved} /> : null}
    </>
  );
}

/** Insured buyers: limit in force, exposure, cover, excess — over-limit buyers flagged. */
export function BuyersTab({
  asOf,
  customerIds,
  onDecide,
}: {
  asOf: string;
  customerIds?: readonly number[];
  onDecide?: (request: PendingRequest) => void;
}) {
  const state = useApi(
    (signal) => apiGet<{ items: InsuredPosition[] }>("/insurance/limits", { asOf }, signal),
    [asOf],
  );
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  const items = (state.data?.items ?? []).filter((p) => !customerIds || customerIds.includes(p.customerId));
  return <PositionsTable items={items} loading={state.loading} {...(onDecide ? { onDecide } : {})} />;
}

export function PositionsTable({
  items,
  loading,
  onDecide,
}: {
  items: InsuredPosition[];
  loading: boolean;
  /** Offers "record decision" on buyers whose latest request is still pending. */
  onDecide?: (request: PendingRequest) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ExportTable<InsuredPosition>
      exportName="insured-buyers"
      size="small"
      rowKey={(p) => `${p.policyId}-${p.customerId}`}
      loading={loading}
      dataSource={items}
      data-testid="insurance-buyers"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState>{t("insurance.empty")}</EmptyState> }}
      columns={[
        {
          key: "customer",
          title: t("insurance.customer"),
          render: (_, p) => (
            <Link to={`/customers/${encodeURIComponent(p.customerCode)}`}>{p.customerName}</Link>
          ),
        },
        { key: "policy", title: t("insurance.policy"), render: (_, p) => `${p.policyNumber} · ${p.insurer}` },
        {
          key: "decision",
          title: t("insurance.decision"),
          render: (_, p) => (
            <Space size={4}>
              <Tag>{t(`insurance.decision.${p.latest.decision}` as MessageKey)}</Tag>
              {p.latest.expiresOn ? `${t("insurance.expires")} ${i18n.date(p.latest.expiresOn)}` : null}
              {onDecide && p.latest.decision === "pending" ? (
                <Button
                  size="small"
                  data-testid={`decide-${p.customerCode}`}
                  onClick={() =>
                    onDecide({
                      requestId: p.latest.id,
                      policyNumber: p.policyNumber,
                      customerCode: p.customerCode,
                      currency: p.latest.currency,
                      requestedMinor: p.latest.requestedMinor,
                    })
                  }
                >
                  {t("insurance.recordDecision")}
                </Button>
              ) : null}
            </Space>
          ),
        },
        {
          key: "limit",
          title: t("insurance.insuredLimit"),
          align: "right",
          render: (_, p) =>
            p.inForce ? i18n.money(p.inForce.limitMinor, p.currency) : t("insurance.noLimit"),
        },
        {
          key: "indemnity",
          title: t("insurance.indemnity"),
          align: "right",
          render: (_, p) => pct(p.indemnityBps),
        },
        {
          key: "exposure",
          title: t("insurance.exposure"),
          align: "right",
          render: (_, p) => i18n.money(p.exposureMinor, p.currency),
        },
        {
          key: "cover",
          title: t("insurance.cover"),
          align: "right",
          render: (_, p) => i18n.money(p.coverMinor, p.currency),
        },
        {
          key: "net",
          title: t("insurance.net"),
          align: "right",
          render: (_, p) => i18n.money(p.netMinor, p.currency),
        },
        {
          key: "excess",
          title: t("insurance.excess"),
          align: "right",
          render: (_, p) =>
            p.overLimit ? (
              <Tag color="red" data-testid={`over-limit-${p.customerCode}`}>
                {t("insurance.overLimit")} {i18n.money(p.excessMinor, p.currency)}
              </Tag>
            ) : (
              t("common.empty")
            ),
        },
      ]}
    />
  );
}

/** Overdue invoices of insured buyers and their notification deadlines. */
function DeadlinesTab({ asOf, onNotify }: { asOf: string; onNotify?: (d: NotificationDeadline) => void }) {
  const state = useApi(
    (signal) => apiGet<{ items: NotificationDeadline[] }>("/insurance/deadlines", { asOf }, signal),
    [asOf],
  );
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  return (
    <DeadlinesTable
      items={state.data?.items ?? []}
      loading={state.loading}
      {...(onNotify ? { onNotify } : {})}
    />
  );
}

export function DeadlinesTable({
  items,
  loading,
  onNotify,
}: {
  items: NotificationDeadline[];
  loading: boolean;
  /** Offers "notify the insurer" on overdue invoices not yet notified. */
  onNotify?: (d: NotificationDeadline) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ExportTable<NotificationDeadline>
      exportName="insurance-deadlines"
      size="small"
      rowKey={(d) => `${d.policyNumber}-${d.invoiceId}`}
      loading={loading}
      dataSource={items}
      data-testid="insurance-deadlines"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState>{t("insurance.empty")}</EmptyState> }}
      columns={[
        {
          key: "state",
          title: t("insurance.state"),
          render: (_, d) => (
            <Tag color={stateColor(d.state)}>{t(`insurance.state.${d.state}` as MessageKey)}</Tag>
          ),
        },
        { key: "customer", title: t("insurance.customer"), render: (_, d) => d.customerCode },
        { key: "invoice", title: t("insurance.invoice"), render: (_, d) => d.invoiceNumber },
        { key: "due", title: t("insurance.dueOn"), render: (_, d) => i18n.date(d.dueOn) },
        { key: "deadline", title: t("insurance.deadline"), render: (_, d) => i18n.date(d.deadline) },
        { key: "left", title: t("insurance.daysLeft"), align: "right", render: (_, d) => d.daysLeft },
        {
          key: "open",
          title: t("insurance.open"),
          align: "right",
          render: (_, d) => i18n.money(d.openMinor, d.currency),
        },
        { key: "policy", title: t("insurance.policy"), render: (_, d) => d.policyNumber },
        ...(onNotify
          ? [
              {
                key: "notify",
                title: t("insurance.actions"),
                render: (_: unknown, d: NotificationDeadline) =>
                  d.state === "pending" || d.state === "warning" || d.state === "missed" ? (
                    <Button
                      size="small"
                      onClick={() => onNotify(d)}
                      data-testid={`notify-${d.invoiceNumber}`}
                    >
                      {t("insurance.notify")}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

function ClaimsTab({ mayWrite }: { mayWrite: boolean }) {
  const state = useApi((signal) => apiGet<{ items: Claim[] }>("/insurance/claims", {}, signal), []);
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  return (
    <ClaimsTable
      items={state.data?.items ?? []}
      loading={state.loading}
      mayWrite={mayWrite}
      onChange={state.reload}
    />
  );
}

export function ClaimsTable({
  items,
  loading,
  mayWrite,
  onChange,
}: {
  items: Claim[];
  loading: boolean;
  mayWrite: boolean;
  onChange?: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message, modal } = App.useApp();
  // Paid and rejected need the amount or the reason: a dialog asks; to review is one click.
  const [moving, setMoving] = useState<{ claim: Claim; to: "paid" | "rejected" } | null>(null);
  const move = async (claim: Claim, status: ClaimStatus) => {
    if (status === "paid" || status === "rejected") {
      setMoving({ claim, to: status });
      return;
    }
    try {
      await apiPost(`/insurance/claims/${encodeURIComponent(claim.reference)}/status`, { status });
      void message.success(t("insurance.saved"));
      onChange?.();
    } catch (error) {
      modal.error({ content: error instanceof Error ? error.message : String(error) });
    }
  };
  const label: Record<ClaimStatus, MessageKey> = {
    filed: "insurance.claimStatus.filed",
    under_review: "insurance.toReview",
    paid: "insurance.markPaid",
    rejected: "insurance.reject",
  };
  const closeMove = () => setMoving(null);
  return (
    <>
      {moving?.to === "paid" ? (
        <ClaimPaidModal claim={moving.claim} onClose={closeMove} onSaved={onChange} />
      ) : null}
      {moving?.to === "rejected" ? (
        <ClaimRejectModal claim={moving.claim} onClose={closeMove} onSaved={onChange} />
      ) : null}
      <ExportTable<Claim>
        exportName="insurance-claims"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={items}
        data-testid="insurance-claims"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState>{t("insurance.empty")}</EmptyState> }}
        columns={[
          { key: "ref", title: t("insurance.claim"), render: (_, c) => c.reference },
          {
            key: "customer",
            title: t("insurance.customer"),
            render: (_, c) => c.customerCode ?? c.customerId,
          },
          { key: "policy", title: t("insurance.policy"), render: (_, c) => c.policyNumber ?? "" },
          { key: "filed", title: t("insurance.filedOn"), render: (_, c) => i18n.date(c.filedOn) },
          {
            key: "claimed",
            title: t("insurance.claimed"),
            align: "right",
            render: (_, c) => i18n.money(c.claimedMinor, c.currency),
          },
          {
            key: "expected",
            title: t("insurance.expectedIndemnity"),
            align: "right",
            render: (_, c) => i18n.money(c.expectedIndemnityMinor ?? null, c.currency),
          },
          {
            key: "paid",
            title: t("insurance.paid"),
            align: "right",
            render: (_, c) => i18n.money(c.indemnityPaidMinor, c.currency),
          },
          {
            key: "status",
            title: t("insurance.status"),
            render: (_, c) => (
              <Space size={4} wrap>
                <Tag color={c.status === "paid" ? "green" : c.status === "rejected" ? "red" : "blue"}>
                  {t(`insurance.claimStatus.${c.status}` as MessageKey)}
                </Tag>
                {mayWrite
                  ? claimMoves(c.status).map((to) => (
                      <Button
                        key={to}
                        size="small"
                        onClick={() => void move(c, to)}
                        data-testid={`claim-${c.reference}-${to}`}
                      >
                        {t(label[to])}
                      </Button>
                    ))
                  : null}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function PoliciesTab({ asOf }: { asOf: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useApi(
    (signal) => apiGet<{ items: Policy[] }>("/insurance/policies", { asOf }, signal),
    [asOf],
  );
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  return (
    <ExportTable<Policy>
      exportName="insurance-policies"
      size="small"
      rowKey="id"
      loading={state.loading}
      dataSource={state.data?.items ?? []}
      data-testid="insurance-policies"
      pagination={false}
      locale={{ emptyText: <EmptyState>{t("insurance.empty")}</EmptyState> }}
      columns={[
        { key: "number", title: t("insurance.policy"), render: (_, p) => p.policyNumber },
        { key: "insurer", title: t("insurance.insurer"), render: (_, p) => p.insurer },
        {
          key: "indemnity",
          title: t("insurance.indemnity"),
          align: "right",
          render: (_, p) => pct(p.indemnityBps),
        },
        {
          key: "max",
          title: t("insurance.maxLiability"),
          align: "right",
          render: (_, p) => i18n.money(p.maxLiabilityMinor, p.currency),
        },
        {
          key: "deadline",
          title: t("insurance.deadlineDays"),
          align: "right",
          render: (_, p) => p.notificationDeadlineDays,
        },
        { key: "warn", title: t("insurance.warnDays"), align: "right", render: (_, p) => p.warnDaysBefore },
        {
          key: "waiting",
          title: t("insurance.waitingDays"),
          align: "right",
          render: (_, p) => p.waitingPeriodDays,
        },
        {
          key: "valid",
          title: t("insurance.validity"),
          render: (_, p) => `${i18n.date(p.validFrom)} – ${p.validTo ? i18n.date(p.validTo) : ""}`,
        },
        { key: "status", title: t("insurance.status"), render: (_, p) => <Tag>{p.status}</Tag> },
      ]}
    />
  );
}

export function FactoringTab({ customer }: { customer?: string }) {
  const state = useApi(
    (signal) =>
      apiGet<{ items: FactoredReceivable[] }>("/factoring/receivables", customer ? { customer } : {}, signal),
    [customer],
  );
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  return <FactoredTable items={state.data?.items ?? []} loading={state.loading} />;
}

export function FactoredTable({ items, loading }: { items: FactoredReceivable[]; loading: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ExportTable<FactoredReceivable>
      exportName="factored-receivables"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      data-testid="insurance-factoring"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState>{t("insurance.empty")}</EmptyState> }}
      columns={[
        { key: "invoice", title: t("insurance.invoice"), render: (_, r) => r.invoiceNumber ?? r.id },
        { key: "customer", title: t("insurance.customer"), render: (_, r) => r.customerCode ?? r.customerId },
        {
          key: "factor",
          title: t("insurance.factor"),
          render: (_, r) => `${r.factor ?? ""} (${r.agreementReference ?? ""})`,
        },
        {
          key: "mode",
          title: t("insurance.mode"),
          render: (_, r) => t(`insurance.mode.${r.mode}` as MessageKey),
        },
        {
          key: "recourse",
          title: t("insurance.recourse"),
          render: (_, r) => (r.withRecourse ? t("insurance.withRecourse") : t("insurance.withoutRecourse")),
        },
        {
          key: "face",
          title: t("insurance.face"),
          align: "right",
          render: (_, r) => i18n.money(r.faceMinor, r.currency),
        },
        {
          key: "advance",
          title: t("insurance.advance"),
          align: "right",
          render: (_, r) => i18n.money(r.advanceMinor, r.currency),
        },
        {
          key: "fees",
          title: t("insurance.fees"),
          align: "right",
          render: (_, r) => i18n.money(r.feesMinor, r.currency),
        },
        {
          key: "exposure",
          title: t("insurance.exposure"),
          render: (_, r) =>
            r.status === "active" && r.removedFromExposure ? (
              <Tag color="green">{t("insurance.outOfExposure")}</Tag>
            ) : (
              <Tag>{t("insurance.inExposure")}</Tag>
            ),
        },
        {
          key: "status",
          title: t("insurance.status"),
          render: (_, r) => `${r.status}${r.endedOn ? ` ${r.endedOn}` : ""}`,
        },
      ]}
    />
  );
}

/** The factoring agreements: factor, recourse, advance and fee rates, facility. */
function AgreementsTable() {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useApi(
    (signal) => apiGet<{ items: FactoringAgreement[] }>("/factoring/agreements", {}, signal),
    [],
  );
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  return (
    <ExportTable<FactoringAgreement>
      exportName="factoring-agreements"
      size="small"
      rowKey="id"
      loading={state.loading}
      dataSource={state.data?.items ?? []}
      data-testid="factoring-agreements"
      pagination={false}
      style={{ marginBottom: 16 }}
      locale={{ emptyText: <EmptyState>{t("insurance.empty")}</EmptyState> }}
      columns={[
        { key: "ref", title: t("insurance.agreement"), render: (_, a) => a.reference },
        { key: "factor", title: t("insurance.factor"), render: (_, a) => a.factor },
        {
          key: "recourse",
          title: t("insurance.recourse"),
          render: (_, a) => (a.withRecourse ? t("insurance.withRecourse") : t("insurance.withoutRecourse")),
        },
        {
          key: "advance",
          title: t("insurance.advancePercent"),
          align: "right",
          render: (_, a) => pct(a.advanceRateBps),
        },
        { key: "fee", title: t("insurance.feePercent"), align: "right", render: (_, a) => pct(a.feeBps) },
        {
          key: "facility",
          title: t("insurance.facilityLimit"),
          align: "right",
          render: (_, a) => i18n.money(a.facilityLimitMinor, a.currency),
        },
        {
          key: "valid",
          title: t("insurance.validity"),
          render: (_, a) => `${i18n.date(a.validFrom)} – ${a.validTo ? i18n.date(a.validTo) : ""}`,
        },
        { key: "status", title: t("insurance.status"), render: (_, a) => <Tag>{a.status}</Tag> },
      ]}
    />
  );
}
