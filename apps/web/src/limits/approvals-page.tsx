import { Alert, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { apiPost } from "../shared/api/client.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { ExportButton } from "../shared/ui/export-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError, PageLoading } from "../shared/ui/page-state.tsx";
import { DecisionModal } from "./decision-modal.tsx";
import {
  approvalProgress,
  type BlockedOrder,
  canDecide,
  type Decision,
  decisionNeedsComment,
  type LimitRequest,
  RELEASE_CONDITIONS,
  type ReleaseCondition,
} from "./limits-api.ts";
import { CustomerCell, customerText, useCustomerQueue, useDecision } from "./limits-queue.tsx";

const num = (text: string) => <span className="cd-num">{text}</span>;

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

function PendingRequests() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can, user } = useAuth();
  const [pending, setPending] = useState<{ request: LimitRequest; decision: Decision } | null>(null);
  const queue = useCustomerQueue<LimitRequest>("/limit-requests", { status: "pending", limit: 200 });
  const { busy, run } = useDecision(() => {
    setPending(null);
    queue.reload();
  });
  const send = (request: LimitRequest, decision: Decision, comment?: string) =>
    apiPost(`/limit-requests/${request.id}/decision`, comment ? { decision, comment } : { decision });
  // Approving needs no comment: straight from the row, without the dialog.
  const decide = (request: LimitRequest, decision: Decision) =>
    void run(request.id, () => send(request, decision));

  const mayApprove = can("limits:approve");
  const login = user?.login ?? "";
  const names = queue.data?.names;
  const items = queue.data?.items ?? [];
  const header = [
    t("approvals.customer"),
    t("limits.kind"),
    t("approvals.requested"),
    t("approvals.currentLimit"),
    t("limits.exposure"),
    t("limits.justification"),
    t("approvals.requestedBy"),
    t("approvals.requestedAt"),
    t("approvals.requiredRole"),
    t("approvals.progress"),
  ];
  const progressText = (r: LimitRequest) =>
    approvalProgress(r)
      .map((p) =>
        p.state === "signed"
          ? t("approvals.levelSigned", { level: p.level, who: p.signedBy ?? "" })
          : t(p.state === "waiting" ? "approvals.levelWaiting" : "approvals.levelLater", { level: p.level }),
      )
      .join("; ");

  return (
    <Card
      title={t("approvals.pending")}
      style={{ marginBottom: 16 }}
      extra={
        <ExportButton
          name="limit-requests"
          header={header}
          rows={() =>
            items.map((r) => [
              customerText(r.customerId, names),
              i18n.label("limitKind", r.kind),
              i18n.money(r.requestedMinor, r.currency),
              i18n.money(r.currentMinor, r.currency),
              i18n.money(r.exposureMinor, r.currency),
              r.justification,
              r.requestedBy,
              r.createdAt,
              i18n.label("role", r.requiredRole),
              progressText(r),
            ])
          }
        />
      }
    >
      {queue.error ? (
        <LoadError error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState>{t("approvals.noPending")}</EmptyState>
      ) : (
        <Table<LimitRequest>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={items}
          data-testid="pending-requests"
          scroll={{ x: "max-content" }}
          columns={[
            {
              key: "customer",
              title: header[0],
              render: (_, r) => <CustomerCell id={r.customerId} names={names} />,
            },
            { key: "kind", title: header[1], render: (_, r) => i18n.label("limitKind", r.kind) },
            {
              key: "requested",
              title: header[2],
              align: "right",
              render: (_, r) => num(i18n.money(r.requestedMinor, r.currency)),
            },
            {
              key: "current",
              title: header[3],
              align: "right",
              render: (_, r) => num(i18n.money(r.currentMinor, r.currency)),
            },
            {
              key: "exposure",
              title: header[4],
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
            { key: "why", title: header[5], dataIndex: "justification" },
            { key: "by", title: header[6], dataIndex: "requestedBy" },
            { key: "at", title: header[7], render: (_, r) => i18n.date(r.createdAt) },
            { key: "role", title: header[8], render: (_, r) => i18n.label("role", r.requiredRole) },
            {
              key: "progress",
              title: header[9],
              render: (_, r) => (
                <Space size={2} wrap data-testid={`progress-${r.id}`}>
                  {approvalProgress(r).map((p) => (
                    <Tag
                      key={p.level}
                      color={p.state === "signed" ? "green" : p.state === "waiting" ? "blue" : "default"}
                      data-testid={`level-${r.id}-${p.level}-${p.state}`}
                      title={p.signedAt ? i18n.date(p.signedAt) : undefined}
                    >
                      {p.state === "signed"
                        ? t("approvals.levelSigned", { level: p.level, who: p.signedBy ?? "" })
                        : t(p.state === "waiting" ? "approvals.levelWaiting" : "approvals.levelLater", {
                            level: p.level,
                          })}
                    </Tag>
                  ))}
                </Space>
              ),
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
                      onClick={() => decide(r, "approve")}
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
        <DecisionModal
          title={t(`decision.${pending.decision}` satisfies MessageKey)}
          required={decisionNeedsComment(pending.decision)}
          onSubmit={({ comment }) => send(pending.request, pending.decision, comment)}
          onSaved={queue.reload}
          onClose={() => setPending(null)}
        />
      ) : null}
    </Card>
  );
}

type Resolution = "release" | "reject";

function BlockedOrders() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { can } = useAuth();
  const [pending, setPending] = useState<{ order: BlockedOrder; action: Resolution } | null>(null);
  const queue = useCustomerQueue<BlockedOrder>("/blocked-orders");
  const resolve = (order: BlockedOrder, action: Resolution, comment: string, condition?: ReleaseCondition) =>
    apiPost(`/blocked-orders/${order.id}/resolution`, {
      action,
      comment,
      ...(action === "release" ? { condition } : {}),
    });

  const mayResolve = can("limits:approve");
  const names = queue.data?.names;
  const items = queue.data?.items ?? [];
  const reasonText = (o: BlockedOrder) => o.reasons.map((r) => (locale === "zh-CN" ? r.text.zh : r.text.en));
  const header = [
    t("approvals.customer"),
    t("approvals.order"),
    t("approvals.orderAmount"),
    t("approvals.creditStatus"),
    t("approvals.reasons"),
    t("limits.exposure"),
    t("approvals.currentLimit"),
    t("approvals.checkedAt"),
  ];

  return (
    <Card
      title={t("approvals.blocked")}
      extra={
        <ExportButton
          name="blocked-orders"
          header={header}
          rows={() =>
            items.map((o) => [
              customerText(o.customerId, names),
              o.orderReference,
              i18n.money(o.orderTotalMinor, o.currency),
              i18n.label("accountStatus", o.creditStatus),
              reasonText(o).join("; "),
              i18n.money(o.exposureMinor, o.limitCurrency ?? o.currency),
              i18n.money(o.limitMinor, o.limitCurrency ?? o.currency),
              o.checkedAt,
            ])
          }
        />
      }
    >
      {queue.error ? (
        <LoadError error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState>{t("approvals.noBlocked")}</EmptyState>
      ) : (
        <Table<BlockedOrder>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={items}
          data-testid="blocked-orders"
          scroll={{ x: "max-content" }}
          columns={[
            {
              key: "customer",
              title: header[0],
              render: (_, o) => <CustomerCell id={o.customerId} names={names} />,
            },
            { key: "order", title: header[1], dataIndex: "orderReference" },
            {
              key: "amount",
              title: header[2],
              align: "right",
              render: (_, o) => num(i18n.money(o.orderTotalMinor, o.currency)),
            },
            {
              key: "status",
              title: header[3],
              render: (_, o) => <Tag>{i18n.label("accountStatus", o.creditStatus)}</Tag>,
            },
            {
              key: "reasons",
              title: header[4],
              render: (_, o) => (
                <ul className="cd-plain-list" style={{ margin: 0, paddingInlineStart: 16 }}>
                  {reasonText(o).map((text, i) => (
                    <li key={o.reasons[i]?.code ?? i}>{text}</li>
                  ))}
                </ul>
              ),
            },
            {
              key: "exposure",
              title: header[5],
              align: "right",
              render: (_, o) => num(i18n.money(o.exposureMinor, o.limitCurrency ?? o.currency)),
            },
            {
              key: "limit",
              title: header[6],
              align: "right",
              render: (_, o) => num(i18n.money(o.limitMinor, o.limitCurrency ?? o.currency)),
            },
            { key: "at", title: header[7], render: (_, o) => i18n.date(o.checkedAt) },
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
        <DecisionModal<ReleaseCondition>
          title={t(pending.action === "release" ? "blocked.release" : "blocked.reject")}
          required
          {...(pending.action === "release"
            ? {
                conditions: {
                  values: RELEASE_CONDITIONS,
                  label: (c: ReleaseCondition) => t(`releaseCondition.${c}` satisfies MessageKey),
                },
              }
            : {})}
          onSubmit={({ comment, condition }) => resolve(pending.order, pending.action, comment, condition)}
          onSaved={queue.reload}
          onClose={() => setPending(null)}
        />
      ) : null}
      {!mayResolve && items.length > 0 ? (
        <Alert type="info" showIcon title={t("common.forbidden")} style={{ marginTop: 12 }} />
      ) : null}
    </Card>
  );
}
