import { App, Badge, Button, Calendar, Card, Form, Input, Segmented, Select, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { ExportButton } from "../shared/ui/export-button.tsx";
import { FormModal } from "../shared/ui/form-modal.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import { ReviewReportButtons } from "./review-report.tsx";
import {
  addDays,
  byDueDate,
  type DueReview,
  isOverdue,
  REVIEW_CONCLUSIONS,
  type ReviewConclusion,
} from "./reviews-api.ts";

const HORIZONS = [0, 30, 90, 365] as const;
type Horizon = (typeof HORIZONS)[number];
const today = () => new Date().toISOString().slice(0, 10);

/** 复核: open credit reviews due up to a horizon, as a list or a calendar; complete with a conclusion. */
export default function ReviewsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const [horizon, setHorizon] = useState<Horizon>(30);
  const [view, setView] = useState<"list" | "calendar">("list");
  const [completing, setCompleting] = useState<DueReview | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const now = today();
  const asOf = addDays(now, horizon);
  const due = useApi(
    (signal) => apiGet<{ items: DueReview[] }>("/reviews", { asOf, limit: 1000 }, signal),
    [asOf],
  );
  const mayComplete = can("assessment:run");
  const items = due.data?.items ?? [];
  const overdue = items.filter((r) => isOverdue(r, now)).length;

  const schedule = async () => {
    setScheduling(true);
    try {
      const r = await apiPost<{ scheduled: number }>("/reviews/schedule", {});
      void message.success(t("reviews.scheduled", { n: r.scheduled }));
      due.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setScheduling(false);
    }
  };

  const header = [
    t("reviews.dueOn"),
    t("reviews.customer"),
    t("reviews.reason"),
    t("reviews.owner"),
    t("reviews.overdue"),
  ];
  return (
    <>
      <PageHeader
        title={t("reviews.title")}
        subtitle={t("reviews.subtitle")}
        extra={
          mayComplete ? (
            <Button loading={scheduling} onClick={() => void schedule()} data-testid="reviews-schedule">
              {t("reviews.schedule")}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 12, justifyContent: "space-between", width: "100%" }}>
          <Space wrap>
            <Segmented<Horizon>
              aria-label={t("reviews.horizon")}
              value={horizon}
              onChange={setHorizon}
              options={HORIZONS.map((h) => ({ value: h, label: t(`reviews.horizon.${h}` as MessageKey) }))}
            />
            <Segmented<"list" | "calendar">
              aria-label={t("reviews.view")}
              value={view}
              onChange={setView}
              options={[
                { value: "list", label: t("reviews.list") },
                { value: "calendar", label: t("reviews.calendar") },
              ]}
            />
            {overdue > 0 ? <Tag color="red">{t("reviews.overdueCount", { n: overdue })}</Tag> : null}
          </Space>
          <ExportButton
            name="reviews"
            header={header}
            rows={() =>
              items.map((r) => [
                r.due_on,
                `${r.legal_name} (${r.code})`,
                i18n.label("reviewReason", r.reason),
                r.owner,
                isOverdue(r, now) ? t("shared.yes") : t("shared.no"),
              ])
            }
          />
        </Space>
        {due.error ? (
          <LoadError error={due.error} onRetry={due.reload} />
        ) : view === "calendar" ? (
          <ReviewCalendar items={items} now={now} />
        ) : (
          <Table<DueReview>
            size="small"
            rowKey="id"
            loading={due.loading}
            data-testid="reviews-list"
            dataSource={items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyState>{mayComplete ? t("reviews.emptyCanSchedule") : t("reviews.empty")}</EmptyState>
              ),
            }}
            columns={[
              {
                key: "due",
                title: header[0],
                render: (_, r) => (
                  <Space size={4}>
                    {i18n.date(r.due_on)}
                    {isOverdue(r, now) ? <Tag color="red">{t("reviews.overdue")}</Tag> : null}
                  </Space>
                ),
              },
              {
                key: "customer",
                title: header[1],
                render: (_, r) => (
                  <Link to={`/customers/${encodeURIComponent(r.code)}?tab=monitoring`}>{r.legal_name}</Link>
                ),
              },
              { key: "reason", title: header[2], render: (_, r) => i18n.label("reviewReason", r.reason) },
              { key: "owner", title: header[3], render: (_, r) => r.owner ?? t("common.empty") },
              {
                key: "actions",
                title: t("reviews.actions"),
                render: (_, r) => (
                  <Space size={4} wrap>
                    {mayComplete ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setCompleting(r)}
                        data-testid={`complete-${r.id}`}
                      >
                        {t("reviews.complete")}
                      </Button>
                    ) : null}
                    <ReviewReportButtons id={r.id} />
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {completing ? (
        <CompleteReviewModal review={completing} onClose={() => setCompleting(null)} onSaved={due.reload} />
      ) : null}
    </>
  );
}

function ReviewCalendar({ items, now }: { items: DueReview[]; now: string }) {
  const days = byDueDate(items);
  return (
    <Calendar
      data-testid="reviews-calendar"
      cellRender={(value: Dayjs, info) => {
        if (info.type !== "date") {
          return info.originNode;
        }
        const list = days.get(value.format("YYYY-MM-DD")) ?? [];
        return (
          <ul className="cd-plain-list" style={{ margin: 0, padding: 0, listStyle: "none" }}>
            {list.slice(0, 3).map((r) => (
              <li key={r.id}>
                <Badge status={isOverdue(r, now) ? "error" : "processing"} text={r.legal_name} />
              </li>
            ))}
            {list.length > 3 ? <li>+{list.length - 3}</li> : null}
          </ul>
        );
      }}
    />
  );
}

/** Completing re-assesses the customer on fresh data (a server round trip) and records the conclusion. */
function CompleteReviewModal({
  review,
  onClose,
  onSaved,
}: {
  review: DueReview;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal<{ conclusion: ReviewConclusion; note?: string }>
      title={t("reviews.completeTitle", { customer: review.legal_name })}
      name="review"
      okText={t("reviews.complete")}
      pendingOkText={t("reviews.reassessing")}
      cancelText={t("approvals.cancel")}
      okTestId="review-complete-confirm"
      successMessage={t("reviews.completed")}
      onSubmit={(v) => {
        const note = v.note?.trim();
        return apiPost(
          `/reviews/${review.id}/complete`,
          note ? { conclusion: v.conclusion, note } : { conclusion: v.conclusion },
        );
      }}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Form.Item
        name="conclusion"
        label={t("reviews.conclusion")}
        rules={[{ required: true, message: t("reviews.conclusionRequired") }]}
      >
        <Select<ReviewConclusion>
          data-testid="review-conclusion"
          options={REVIEW_CONCLUSIONS.map((c) => ({ value: c, label: t(`conclusion.${c}` as MessageKey) }))}
        />
      </Form.Item>
      {/* The note keeps its element id (`review-note`), which the label points at. */}
      <Form.Item name="note" label={t("reviews.note")} htmlFor="review-note">
        <Input.TextArea id="review-note" rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
