import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import type { Customer } from "../shared/api/types.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import {
  type BlockedOrder,
  canDecide,
  type Decision,
  decisionNeedsComment,
  type LimitRequest,
  RELEASE_CONDITIONS,
  type ReleaseCondition,
} from "./limits-api.ts";

const num = (text: string) => <span className="cd-num">{text}</span>;

type CustomerNames = Map<number, Pick<Customer, "code" | "legalName">>;

/** The customers named by the rows, fetched once per distinct id (the queues carry ids only). */
async function customerNames(ids: readonly number[], signal: AbortSignal): Promise<CustomerNames> {
  const unique = [...new Set(ids)].slice(0, 100);
  const found = await Promise.all(
    unique.map((id) => apiGet<Customer>(`/customers/${id}`, {}, signal).catch(() => null)),
  );
  const names: CustomerNames = new Map();
  for (const customer of found) {
    if (customer) {
      names.set(customer.id, { code: customer.code, legalName: customer.legalName });
    }
  }
  return names;
}

function CustomerCell({ id, names }: { id: number; names: CustomerNames }) {
  const c = names.get(id);
  return c ? (
    <Link to={`/customers/${encodeURIComponent(c.code)}?tab=limits`}>
      {c.legalName} <Typography.Text type="secondary">{c.code}</Typography.Text>
    </Link>
  ) : (
    <Link to={`/customers/${id}`}>#{id}</Link>
  );
}

/** 额度审批: pending limit requests (four eyes) and orders blocked by the credit check. */
export default function ApprovalsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("approvals.title")} subtitle={t("approvals.subtitle")} />
      <PendingRequests />
      <BlockedOrders />
    </>
  );
}

interface PendingDecision {
  request: LimitRequest;
  decision: Decision;
}

function PendingRequests() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can, user } = useAuth();
  const { message } = App.useApp();
  const [pending, setPending] = useState<PendingDecision | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const queue = useApi(async (signal) => {
    const { items } = await apiGet<{ items: LimitRequest[] }>(
      "/limit-requests",
      { status: "pending", limit: 200 },
      signal,
    );
    return {
      items,
      names: await customerNames(
        items.map((r) => r.customerId),
        signal,
      ),
    };
  }, []);

  const decide = async (request: LimitRequest, decision: Decision, comment?: string) => {
    setBusy(request.id);
    try {
      await apiPost(`/limit-requests/${request.id}/decision`, comment ? { decision, comment } : { decision });
      void message.success(t("approvals.decided"));
      setPending(null);
      queue.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const mayApprove = can("limits:approve");
  const login = user?.login ?? "";

  return (
    <Card title={t("approvals.pending")} style={{ marginBottom: 16 }}>
      {queue.error ? (
        <LoadError error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <PageLoading />
      ) : queue.data.items.length === 0 ? (
        <EmptyState>{t("approvals.noPending")}</EmptyState>
      ) : (
        <Table<LimitRequest>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={queue.data.items}
          data-testid="pending-requests"
          columns={[
            {
              key: "customer",
              title: t("approvals.customer"),
              render: (_, r) => <CustomerCell id={r.customerId} names={queue.data?.names ?? new Map()} />,
            },
            {
              key: "kind",
              title: t("limits.kind"),
              render: (_, r) => i18n.label("limitKind", r.kind),
            },
            {
              key: "requested",
              title: t("approvals.requested"),
              align: "right",
              render: (_, r) => num(i18n.money(r.requestedMinor, r.currency)),
            },
            {
              key: "current",
              title: t("approvals.currentLimit"),
              align: "right",
              render: (_, r) => num(i18n.money(r.currentMinor, r.currency)),
            },
            {
              key: "exposure",
              title: t("limits.exposure"),
              align: "right",
              render: (_, r) => (
                <>
                  {num(i18n.money(r.exposureMinor, r.currency))}
                  {r.belowExposure ? (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      {t("approvals.belowExposure")}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            { key: "why", title: t("limits.justification"), dataIndex: "justification" },
            { key: "by", title: t("approvals.requestedBy"), dataIndex: "requestedBy" },
            { key: "at", title: t("approvals.requestedAt"), render: (_, r) => i18n.date(r.createdAt) },
            {
              key: "role",
              title: t("approvals.requiredRole"),
              render: (_, r) => i18n.label("role", r.requiredRole),
            },
            {
              key: "actions",
              title: t("approvals.actions"),
              render: (_, r) =>
                canDecide(r, login, mayApprove) ? (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      type="primary"
                      loading={busy === r.id}
                      onClick={() => void decide(r, "approve")}
                      data-testid={`approve-${r.id}`}
                    >
                      {t("decision.approve")}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setPending({ request: r, decision: "reject" })}
                      data-testid={`reject-${r.id}`}
                    >
                      {t("decision.reject")}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setPending({ request: r, decision: "send_back" })}
                      data-testid={`send-back-${r.id}`}
                    >
                      {t("decision.send_back")}
                    </Button>
                  </Space>
                ) : r.requestedBy === login ? (
                  <Typography.Text type="secondary" data-testid={`own-request-${r.id}`}>
                    {t("approvals.ownRequest")}
                  </Typography.Text>
                ) : null,
            },
          ]}
        />
      )}
      {pending ? (
        // Mounted only while asked for: closing unmounts it at once (no leave animation to wait on)
        // and the next decision starts with an empty comment.
        <CommentModal
          title={t(`decision.${pending.decision}` satisfies MessageKey)}
          required={decisionNeedsComment(pending.decision)}
          busy={busy === pending.request.id}
          onCancel={() => setPending(null)}
          onConfirm={(comment) => void decide(pending.request, pending.decision, comment)}
        />
      ) : null}
    </Card>
  );
}

/** Asks for the comment of a decision; `required` refuses an empty one. */
function CommentModal({
  title,
  required,
  busy,
  onCancel,
  onConfirm,
  extra,
}: {
  title: string;
  required: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (comment: string) => void;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText={t("approvals.confirm")}
      cancelText={t("approvals.cancel")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "decision-confirm" } as ButtonProps}
      cancelButtonProps={{ "data-testid": "decision-cancel" } as ButtonProps}
      onCancel={onCancel}
      onOk={() => {
        if (required && comment.trim() === "") {
          setMissing(true);
          return;
        }
        onConfirm(comment.trim());
      }}
    >
      {extra}
      <Form layout="vertical">
        <Form.Item
          label={t("approvals.comment")}
          htmlFor="decision-comment"
          required={required}
          validateStatus={missing ? "error" : ""}
          help={missing ? t("approvals.commentRequired") : undefined}
        >
          <Input.TextArea
            id="decision-comment"
            rows={3}
            maxLength={4000}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              setMissing(false);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Resolution = "release" | "reject";

function BlockedOrders() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const [pending, setPending] = useState<{ order: BlockedOrder; action: Resolution } | null>(null);
  const [condition, setCondition] = useState<ReleaseCondition>("guarantee_received");
  const [busy, setBusy] = useState(false);
  const queue = useApi(async (signal) => {
    const { items } = await apiGet<{ items: BlockedOrder[] }>("/blocked-orders", {}, signal);
    return {
      items,
      names: await customerNames(
        items.map((o) => o.customerId),
        signal,
      ),
    };
  }, []);

  const resolve = async (order: BlockedOrder, action: Resolution, comment: string) => {
    setBusy(true);
    try {
      await apiPost(`/blocked-orders/${order.id}/resolution`, {
        action,
        comment,
        ...(action === "release" ? { condition } : {}),
      });
      void message.success(t("approvals.decided"));
      setPending(null);
      queue.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const mayResolve = can("limits:approve");

  return (
    <Card title={t("approvals.blocked")}>
      {queue.error ? (
        <LoadError error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <PageLoading />
      ) : queue.data.items.length === 0 ? (
        <EmptyState>{t("approvals.noBlocked")}</EmptyState>
      ) : (
        <Table<BlockedOrder>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={queue.data.items}
          data-testid="blocked-orders"
          columns={[
            {
              key: "customer",
              title: t("approvals.customer"),
              render: (_, o) => <CustomerCell id={o.customerId} names={queue.data?.names ?? new Map()} />,
            },
            { key: "order", title: t("approvals.order"), dataIndex: "orderReference" },
            {
              key: "amount",
              title: t("approvals.orderAmount"),
              align: "right",
              render: (_, o) => num(i18n.money(o.orderTotalMinor, o.currency)),
            },
            {
              key: "status",
              title: t("approvals.creditStatus"),
              render: (_, o) => <Tag>{i18n.label("accountStatus", o.creditStatus)}</Tag>,
            },
            {
              key: "reasons",
              title: t("approvals.reasons"),
              render: (_, o) => (
                <ul className="cd-plain-list" style={{ margin: 0, paddingInlineStart: 16 }}>
                  {o.reasons.map((r) => (
                    <li key={r.code}>{locale === "zh-CN" ? r.text.zh : r.text.en}</li>
                  ))}
                </ul>
              ),
            },
            {
              key: "exposure",
              title: t("limits.exposure"),
              align: "right",
              render: (_, o) => num(i18n.money(o.exposureMinor, o.limitCurrency ?? o.currency)),
            },
            {
              key: "limit",
              title: t("approvals.currentLimit"),
              align: "right",
              render: (_, o) => num(i18n.money(o.limitMinor, o.limitCurrency ?? o.currency)),
            },
            { key: "at", title: t("approvals.checkedAt"), render: (_, o) => i18n.date(o.checkedAt) },
            {
              key: "actions",
              title: t("approvals.actions"),
              render: (_, o) =>
                mayResolve ? (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setPending({ order: o, action: "release" })}
                      data-testid={`release-${o.id}`}
                    >
                      {t("blocked.release")}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setPending({ order: o, action: "reject" })}
                      data-testid={`reject-order-${o.id}`}
                    >
                      {t("blocked.reject")}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
      {pending ? (
        <CommentModal
          title={t(pending.action === "release" ? "blocked.release" : "blocked.reject")}
          required
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={(comment) => void resolve(pending.order, pending.action, comment)}
          extra={
            pending.action === "release" ? (
              <Form layout="vertical">
                <Form.Item label={t("blocked.condition")} htmlFor="release-condition">
                  <Select<ReleaseCondition>
                    id="release-condition"
                    value={condition}
                    onChange={setCondition}
                    options={RELEASE_CONDITIONS.map((c) => ({
                      value: c,
                      label: t(`releaseCondition.${c}` satisfies MessageKey),
                    }))}
                  />
                </Form.Item>
              </Form>
            ) : null
          }
        />
      ) : null}
      {!mayResolve && queue.data && queue.data.items.length > 0 ? (
        <Alert type="info" showIcon title={t("common.forbidden")} style={{ marginTop: 12 }} />
      ) : null}
    </Card>
  );
}
