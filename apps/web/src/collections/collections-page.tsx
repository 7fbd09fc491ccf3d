import { Alert, App, Button, Card, Drawer, Input, Select, Space, Table, Tag, Timeline } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportAllButton } from "../shared/ui/export-all-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import { ActionModal } from "./action-modal.tsx";
import {
  type DunningRun,
  type HistoryItem,
  levelColour,
  type PromiseEvaluation,
  type WorklistItem,
  type WorklistPage,
} from "./collections-api.ts";
import { PromiseModal } from "./promise-modal.tsx";

const PAGE_SIZE = 100;
const today = () => new Date().toISOString().slice(0, 10);

/** 催收: the ranked worklist of overdue invoices with dunning runs, promises to pay and the dunning history. */
export default function CollectionsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const mayWrite = can("collections:write");
  const [collector, setCollector] = useState("");
  const [customer, setCustomer] = useState("");
  const [level, setLevel] = useState<number | undefined>(undefined);
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState(false);
  const [promiseFor, setPromiseFor] = useState<WorklistItem | null>(null);
  const [historyFor, setHistoryFor] = useState<WorklistItem | null>(null);
  const [actionFor, setActionFor] = useState<WorklistItem | null>(null);
  const [runResult, setRunResult] = useState<DunningRun | null>(null);

  const list = useApi(
    (signal) =>
      apiGet<WorklistPage>(
        "/collections/worklist",
        {
          collector: collector || undefined,
          customer: customer || undefined,
          level,
          limit: PAGE_SIZE,
          offset,
        },
        signal,
      ),
    [collector, customer, level, offset],
  );
  const history = useApi(
    (signal) =>
      historyFor
        ? apiGet<{ items: HistoryItem[] }>(
            `/collections/customers/${encodeURIComponent(historyFor.customerCode)}/history`,
            undefined,
            signal,
          )
        : Promise.resolve({ items: [] }),
    [historyFor?.customerCode],
  );

  const fail = (error: unknown) => void message.error(error instanceof Error ? error.message : String(error));

  const dun = async (mode: "propose" | "execute") => {
    setBusy(true);
    try {
      const run = await apiPost<DunningRun>("/collections/dunning-runs", { mode, asOf: today() });
      setRunResult(run);
      list.reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const evaluate = async () => {
    setBusy(true);
    try {
      const r = await apiPost<PromiseEvaluation>("/collections/promise-evaluations", { asOf: today() });
      void message.success(
        t("collections.evaluated", { n: r.evaluated, kept: r.kept, broken: r.broken, open: r.open }),
      );
      list.reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const page = list.data;
  return (
    <>
      <PageHeader title={t("collections.title")} subtitle={t("collections.subtitle")} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t("collections.collector")}
            placeholder={t("collections.collector")}
            style={{ width: 180 }}
            onSearch={(v) => {
              setCollector(v.trim());
              setOffset(0);
            }}
          />
          <Input.Search
            allowClear
            aria-label={t("collections.customer")}
            data-testid="collections-customer"
            placeholder={t("collections.customer")}
            style={{ width: 180 }}
            onSearch={(v) => {
              setCustomer(v.trim());
              setOffset(0);
            }}
          />
          <Select<number | undefined>
            allowClear
            aria-label={t("collections.level")}
            placeholder={t("collections.level")}
            style={{ width: 160 }}
            value={level}
            onChange={(v) => {
              setLevel(v);
              setOffset(0);
            }}
            options={[0, 1, 2, 3, 4, 5].map((n) => ({
              value: n,
              label: n === 0 ? t("collections.levelNone") : t("collections.levelN", { n }),
            }))}
          />
          {mayWrite ? (
            <>
              <Button loading={busy} onClick={() => void dun("propose")} data-testid="collections-propose">
                {t("collections.propose")}
              </Button>
              <Button
                type="primary"
                danger
                loading={busy}
                onClick={() => void dun("execute")}
                data-testid="collections-execute"
              >
                {t("collections.execute")}
              </Button>
              <Button loading={busy} onClick={() => void evaluate()} data-testid="collections-evaluate">
                {t("collections.evaluate")}
              </Button>
            </>
          ) : null}
          {/* The whole ranked worklist the filters match (every offset page), not only these 100. */}
          <ExportAllButton<WorklistItem & { rank: number; baseCurrency: string }>
            name="collections-worklist"
            size="middle"
            testId="collections-export"
            header={[
              t("collections.rank"),
              t("collections.invoice"),
              t("collections.customer"),
              t("collections.dueOn"),
              t("collections.daysPastDue"),
              t("collections.open"),
              t("collections.openBase"),
              t("collections.pd"),
              t("collections.level"),
              t("collections.collector"),
              t("collections.disputed"),
              t("collections.promised"),
            ]}
            fetchPage={async (cursor) => {
              const from = Number(cursor ?? 0);
              const r = await apiGet<WorklistPage>("/collections/worklist", {
                collector: collector || undefined,
                customer: customer || undefined,
                level,
                limit: 1000,
                offset: from,
              });
              const next = from + r.items.length;
              return {
                items: r.items.map((item, i) => ({
                  ...item,
                  rank: from + i + 1,
                  baseCurrency: r.baseCurrency,
                })),
                nextCursor: r.items.length > 0 && next < r.total ? String(next) : null,
              };
            }}
            row={(r) => [
              r.rank,
              r.invoiceNumber,
              `${r.customerCode} ${r.customerName}`,
              r.dueOn,
              r.daysPastDue,
              i18n.money(r.openMinor, r.currency),
              i18n.money(r.openBaseMinor, r.baseCurrency),
              i18n.percent(r.risk, 2),
              r.level === 0 ? t("collections.levelNone") : t("collections.levelN", { n: r.level }),
              r.collector,
              r.disputed ? t("collections.disputed") : null,
              r.promised ? t("collections.promised") : null,
            ]}
          />
        </Space>
        {runResult ? (
          <Alert
            type="info"
            showIcon
            closable={{ "aria-label": "close", onClose: () => setRunResult(null) }}
            style={{ marginBottom: 12 }}
            data-testid="dunning-result"
            title={t("collections.runResult", { id: runResult.runId, steps: runResult.proposals.length })}
            description={
              <>
                <ul style={{ margin: 0 }}>
                  {runResult.proposals.map((p) => (
                    <li key={`${p.customerCode}-${p.level}`}>
                      {p.customerName} · {t("collections.levelN", { n: p.level })} ·{" "}
                      {i18n.label("collectionAction", p.action)} ·{" "}
                      {p.invoices.map((i) => i.invoiceNumber).join(", ")}
                    </li>
                  ))}
                </ul>
                {Object.values(runResult.skipped).some((n) => n > 0) ? (
                  <div>
                    {t("collections.runSkipped", {
                      text: Object.entries(runResult.skipped)
                        .filter(([, n]) => n > 0)
                        .map(([k, n]) => `${k} ${n}`)
                        .join(", "),
                    })}
                  </div>
                ) : null}
              </>
            }
          />
        ) : null}
        {page ? (
          <p data-testid="collections-total">
            {t("collections.total", {
              n: page.total,
              amount: i18n.money(page.totalBaseMinor, page.baseCurrency),
            })}{" "}
            ·{" "}
            {t("collections.weights", { a: page.weights.amount, d: page.weights.days, r: page.weights.risk })}
          </p>
        ) : null}
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<WorklistItem>
            size="small"
            rowKey="invoiceId"
            data-testid="collections-table"
            loading={list.loading}
            pagination={false}
            dataSource={page?.items ?? []}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <EmptyState>{t("collections.empty")}</EmptyState> }}
            columns={[
              { key: "rank", title: t("collections.rank"), render: (_, _r, i) => offset + i + 1 },
              { key: "invoice", title: t("collections.invoice"), dataIndex: "invoiceNumber" },
              {
                key: "customer",
                title: t("collections.customer"),
                render: (_, r) => (
                  <Link to={`/customers/${encodeURIComponent(r.customerCode)}`}>{r.customerName}</Link>
                ),
              },
              { key: "due", title: t("collections.dueOn"), render: (_, r) => i18n.date(r.dueOn) },
              { key: "dpd", title: t("collections.daysPastDue"), align: "right", dataIndex: "daysPastDue" },
              {
                key: "open",
                title: t("collections.open"),
                align: "right",
                render: (_, r) => <span className="cd-num">{i18n.money(r.openMinor, r.currency)}</span>,
              },
              {
                key: "base",
                title: t("collections.openBase"),
                align: "right",
                render: (_, r) => (
                  <span className="cd-num">{i18n.money(r.openBaseMinor, page?.baseCurrency)}</span>
                ),
              },
              {
                key: "pd",
                title: t("collections.pd"),
                align: "right",
                render: (_, r) => i18n.percent(r.risk, 2),
              },
              {
                key: "level",
                title: t("collections.level"),
                render: (_, r) => (
                  <Tag color={levelColour(r.level)} data-testid={`level-${r.invoiceNumber}`}>
                    {r.level === 0 ? t("collections.levelNone") : t("collections.levelN", { n: r.level })}
                  </Tag>
                ),
              },
              {
                key: "collector",
                title: t("collections.collector"),
                render: (_, r) => r.collector ?? t("common.empty"),
              },
              {
                key: "flags",
                title: t("collections.flags"),
                render: (_, r) => (
                  <>
                    {r.disputed ? <Tag color="purple">{t("collections.disputed")}</Tag> : null}
                    {r.promised ? (
                      <Tag color="green" data-testid={`promised-${r.invoiceNumber}`}>
                        {t("collections.promised")}
                      </Tag>
                    ) : null}
                  </>
                ),
              },
              {
                key: "do",
                title: t("collections.actions"),
                render: (_, r) => (
                  <Space size={4}>
                    {mayWrite ? (
                      <>
                        <Button
                          size="small"
                          onClick={() => setPromiseFor(r)}
                          data-testid={`promise-${r.invoiceNumber}`}
                        >
                          {t("collections.promise")}
                        </Button>
                        <Button
                          size="small"
                          onClick={() => setActionFor(r)}
                          data-testid={`action-${r.invoiceNumber}`}
                        >
                          {t("collections.recordAction")}
                        </Button>
                      </>
                    ) : null}
                    <Button
                      size="small"
                      onClick={() => setHistoryFor(r)}
                      data-testid={`history-${r.invoiceNumber}`}
                    >
                      {t("collections.history")}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
        {page && (offset > 0 || offset + PAGE_SIZE < page.total) ? (
          <nav className="cd-pager" aria-label={`${t("collections.title")} — ${t("common.pagination")}`}>
            <Button disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE_SIZE))}>
              {t("common.previous")}
            </Button>
            <Button
              disabled={offset + PAGE_SIZE >= page.total}
              onClick={() => setOffset((o) => o + PAGE_SIZE)}
            >
              {t("common.next")}
            </Button>
          </nav>
        ) : null}
      </Card>

      {promiseFor ? (
        <PromiseModal item={promiseFor} onClose={() => setPromiseFor(null)} onSaved={list.reload} />
      ) : null}

      {actionFor ? (
        <ActionModal item={actionFor} onClose={() => setActionFor(null)} onSaved={list.reload} />
      ) : null}

      <Drawer
        open={historyFor !== null}
        size="large"
        title={historyFor ? t("collections.historyTitle", { customer: historyFor.customerName }) : ""}
        onClose={() => setHistoryFor(null)}
        extra={
          historyFor ? (
            <a
              href={`/collections/customers/${encodeURIComponent(historyFor.customerCode)}/interest-statement?format=pdf`}
              target="_blank"
              rel="noreferrer"
            >
              {t("collections.interestStatement")} (PDF)
            </a>
          ) : null
        }
      >
        {history.error ? (
          <LoadError error={history.error} onRetry={history.reload} />
        ) : (history.data?.items.length ?? 0) === 0 ? (
          <EmptyState>{t("collections.historyEmpty")}</EmptyState>
        ) : (
          <Timeline
            data-testid="collections-history"
            items={(history.data?.items ?? []).map((h) => ({
              key: h.id,
              content: (
                <div>
                  <strong>
                    {h.level !== null ? `${t("collections.levelN", { n: h.level })} · ` : ""}
                    {i18n.label("collectionAction", h.kind)}
                  </strong>{" "}
                  <Tag>{i18n.label("collectionOutcome", h.outcome)}</Tag>
                  <div>{t("collections.by", { who: h.performedBy, date: i18n.date(h.actionOn) })}</div>
                  {h.subject ? <div>{h.subject}</div> : null}
                  {h.note ? <div>{h.note}</div> : null}
                  <div>{h.invoices.map((i) => i.invoiceNumber).join(", ")}</div>
                  {h.kind === "letter" ? (
                    <a
                      href={`/collections/actions/${h.id}/letter?format=pdf`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t("collections.letter")} (PDF)
                    </a>
                  ) : null}
                </div>
              ),
            }))}
          />
        )}
      </Drawer>
    </>
  );
}
