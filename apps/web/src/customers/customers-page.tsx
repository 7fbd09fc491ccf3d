import { UploadOutlined } from "@ant-design/icons";
import { Button, Input, InputNumber, Select, Space, Table, type TableProps, Tag, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { EXPORT_PAGE_SIZE } from "../shared/api/fetch-all-pages.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { currencyDigits, minorToDecimalString } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { INDUSTRY_SECTIONS, industryLabel } from "../shared/reference/industries.ts";
import { PROVINCES, regionLabel } from "../shared/reference/regions.ts";
import { ExportAllButton } from "../shared/ui/export-all-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import { GRADE_COLOURS } from "./credit-file/assessment-view.ts";
import {
  type CustomerListItem,
  type CustomerSort,
  type CustomerSortField,
  listCustomers,
  parseSortParam,
  RISK_GRADES,
  sortParam,
  usccOf,
} from "./customers-api.ts";

const PAGE_SIZES = [10, 20, 50, 100] as const;

/**
 * The customer list: free-text search (Chinese names too), filters, server-side sorting and
 * cursor pagination, CSV export of everything the current filters match. Filters and sort live in
 * the URL so a view can be bookmarked; the cursor trail is page state.
 */
export default function CustomersPage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const industry = params.get("industry") ?? undefined;
  const region = params.get("region") ?? undefined;
  const tier = params.get("tier") ?? undefined;
  const grades = useMemo(
    () =>
      (params.get("grade") ?? "").split(",").filter((g) => (RISK_GRADES as readonly string[]).includes(g)),
    [params],
  );
  const grade = grades.length > 0 ? grades.join(",") : undefined;
  const utilisationParam = Number(params.get("utilisationMin"));
  const utilisationMin =
    params.get("utilisationMin") && Number.isFinite(utilisationParam) && utilisationParam >= 0
      ? utilisationParam
      : undefined;
  const hasOverdueParam = params.get("hasOverdue");
  const hasOverdue: "true" | "false" | undefined =
    hasOverdueParam === "true" || hasOverdueParam === "false" ? hasOverdueParam : undefined;
  const sortParamValue = params.get("sort");
  const sort = useMemo(() => parseSortParam(sortParamValue), [sortParamValue]);
  const limitParam = Number(params.get("limit"));
  const limit = (PAGE_SIZES as readonly number[]).includes(limitParam) ? limitParam : 20;

  const [searchText, setSearchText] = useState(q);
  // Cursors of the pages before the current one; the last entry is the current page's cursor.
  const [trail, setTrail] = useState<string[]>([]);
  const cursor = trail.at(-1);

  const filters = useMemo(
    () => ({
      ...(q ? { q } : {}),
      ...(industry ? { industry } : {}),
      ...(region ? { region } : {}),
      ...(tier ? { tier } : {}),
      ...(grade ? { grade } : {}),
      ...(utilisationMin !== undefined ? { utilisationMin } : {}),
      ...(hasOverdue ? { hasOverdue } : {}),
      ...(sort ? { sort } : {}),
    }),
    [q, industry, region, tier, grade, utilisationMin, hasOverdue, sort],
  );

  const page = useApi(
    (signal) => listCustomers({ ...filters, limit, ...(cursor ? { cursor } : {}) }, signal),
    [filters, limit, cursor],
  );

  // From the address bar, not this render's `params`: antd's table keeps the sorter's onChange of
  // an earlier render, whose closure (and its setParams) would drop the filters chosen since —
  // found by the e2e test sorting after filtering.
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setTrail([]);
    setParams(next);
  };

  const sortOrderOf = (field: CustomerSortField): SortOrder =>
    sort?.field === field ? (sort.direction === "asc" ? "ascend" : "descend") : null;

  const columns: TableProps<CustomerListItem>["columns"] = [
    {
      key: "code",
      dataIndex: "code",
      title: t("customers.code"),
      sorter: true,
      sortOrder: sortOrderOf("code"),
      width: 160,
    },
    {
      key: "legalName",
      title: t("customers.legalName"),
      sorter: true,
      sortOrder: sortOrderOf("legalName"),
      render: (_, customer) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/customers/${encodeURIComponent(customer.code)}`}>{customer.legalName}</Link>
          {usccOf(customer) ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {usccOf(customer)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: "industry",
      title: t("customers.industry"),
      render: (_, customer) => industryLabel(customer.industry, locale) || t("common.empty"),
    },
    {
      key: "region",
      title: t("customers.region"),
      render: (_, customer) => regionLabel(customer.region, locale) || t("common.empty"),
    },
    {
      key: "tier",
      title: t("customers.tier"),
      render: (_, customer) => (
        <Tag color={customer.tier === "core" ? "blue" : "default"}>{i18n.label("tier", customer.tier)}</Tag>
      ),
    },
    {
      key: "score",
      title: t("customers.grade"),
      sorter: true,
      sortOrder: sortOrderOf("score"),
      render: (_, { standing }) =>
        standing.grade ? (
          <Space size={4}>
            <Tag color={GRADE_COLOURS[standing.grade] ?? "default"}>
              {i18n.label("grade", standing.grade)}
            </Tag>
            <span className="cd-num">{i18n.number(standing.score)}</span>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t("customers.unassessed")}</Typography.Text>
        ),
    },
    {
      key: "utilisation",
      title: t("customers.utilisation"),
      align: "right",
      sorter: true,
      sortOrder: sortOrderOf("utilisation"),
      render: (_, { standing }) => (
        <span
          className="cd-num"
          style={standing.utilisation !== null && standing.utilisation > 1 ? { color: "#cf1322" } : undefined}
        >
          {standing.utilisation === null ? t("customers.noLimit") : i18n.percent(standing.utilisation)}
        </span>
      ),
    },
    {
      key: "open",
      title: t("customers.open"),
      align: "right",
      render: (_, { standing }) => (
        <span className="cd-num">{i18n.money(standing.openMinor, standing.baseCurrency)}</span>
      ),
    },
    {
      key: "overdue",
      title: t("customers.overdue"),
      align: "right",
      sorter: true,
      sortOrder: sortOrderOf("overdue"),
      render: (_, { standing }) => (
        <span className="cd-num" style={standing.overdueMinor > 0 ? { color: "#cf1322" } : undefined}>
          {i18n.money(standing.overdueMinor, standing.baseCurrency)}
        </span>
      ),
    },
    {
      key: "salesOwner",
      dataIndex: "salesOwner",
      title: t("customers.salesOwner"),
      render: (value: string | null) => value ?? t("common.empty"),
    },
    {
      key: "paymentTermsDays",
      title: t("customers.terms"),
      align: "right",
      render: (_, customer) => (
        <span className="cd-num">{t("common.days", { n: customer.paymentTermsDays })}</span>
      ),
    },
    {
      key: "status",
      title: t("customers.status"),
      render: (_, customer) => i18n.label("status", customer.status),
    },
  ];

  // The next order of the clicked column from the address bar (ascending → descending → none),
  // not from antd's `sorter.order`: the table's header handler can be an earlier render's and
  // offer "ascending" again on the second click of a column (the e2e test clicks twice).
  const onTableChange: TableProps<CustomerListItem>["onChange"] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey as CustomerSortField | undefined;
    if (!field) {
      return;
    }
    const current = parseSortParam(new URLSearchParams(window.location.search).get("sort"));
    const next: CustomerSort | undefined =
      current?.field !== field
        ? { field, direction: "asc" }
        : current.direction === "asc"
          ? { field, direction: "desc" }
          : undefined;
    update({ sort: sortParam(next) });
  };

  const exportHeader = [
    t("customers.code"),
    t("customers.legalName"),
    t("identifier.uscc"),
    t("customers.industry"),
    t("customers.region"),
    t("customers.tier"),
    t("customers.status"),
    t("customers.salesOwner"),
    t("customers.terms"),
    t("profile.currency"),
    t("customers.grade"),
    t("customers.score"),
    t("customers.utilisation"),
    t("customers.limitBase"),
    t("customers.exposureBase"),
    t("customers.open"),
    t("customers.overdue"),
    t("customers.baseCurrency"),
  ];
  // Amounts as exact decimal strings in major units (a spreadsheet reads them as numbers).
  const major = (minor: number | null, currency: string) =>
    minor === null ? null : minorToDecimalString(minor, currencyDigits(currency));
  const exportRow = (c: CustomerListItem) => [
    c.code,
    c.legalName,
    usccOf(c),
    industryLabel(c.industry, locale),
    regionLabel(c.region, locale),
    i18n.label("tier", c.tier),
    i18n.label("status", c.status),
    c.salesOwner,
    c.paymentTermsDays,
    c.defaultCurrency,
    c.standing.grade ? i18n.label("grade", c.standing.grade) : null,
    c.standing.score,
    c.standing.utilisation === null ? null : Math.round(c.standing.utilisation * 10_000) / 100,
    major(c.standing.limitMinor, c.standing.baseCurrency),
    major(c.standing.exposureMinor, c.standing.baseCurrency),
    major(c.standing.openMinor, c.standing.baseCurrency),
    major(c.standing.overdueMinor, c.standing.baseCurrency),
    c.standing.baseCurrency,
  ];

  const filtered = Boolean(
    q || industry || region || tier || grade || utilisationMin !== undefined || hasOverdue,
  );
  const pageNumber = trail.length + 1;

  return (
    <>
      <PageHeader
        title={t("customers.title")}
        subtitle={t("customers.subtitle")}
        extra={
          <Space>
            {can("customers:write") || can("ledger:write") ? (
              <Link to="/customers/import">
                <Button icon={<UploadOutlined />} data-testid="customers-import">
                  {t("import.open")}
                </Button>
              </Link>
            ) : null}
            {/* Every customer the filters match (all pages), not only the page on screen. */}
            <ExportAllButton<CustomerListItem>
              name="customers"
              size="middle"
              header={exportHeader}
              fetchPage={(next) =>
                listCustomers({ ...filters, limit: EXPORT_PAGE_SIZE, ...(next ? { cursor: next } : {}) })
              }
              row={exportRow}
              testId="customers-export"
            />
          </Space>
        }
      />
      <search className="cd-filters" aria-label={t("customers.filters")}>
        <div className="cd-field">
          <label htmlFor="customer-search">{t("customers.search")}</label>
          <Input.Search
            id="customer-search"
            data-testid="customer-search"
            allowClear
            placeholder={t("customers.searchPlaceholder")}
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            enterButton={t("common.search")}
            style={{ width: 380 }}
          />
        </div>
        <div className="cd-field">
          <label htmlFor="customer-industry">{t("customers.industry")}</label>
          <Select
            id="customer-industry"
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("common.all")}
            value={industry}
            onChange={(value: string | undefined) => update({ industry: value })}
            options={INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: industryLabel(s.code, locale) }))}
            style={{ width: 240 }}
          />
        </div>
        <div className="cd-field">
          <label htmlFor="customer-region">{t("customers.region")}</label>
          <Select
            id="customer-region"
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("common.all")}
            value={region}
            onChange={(value: string | undefined) => update({ region: value })}
            options={PROVINCES.map((p) => ({ value: p.zh, label: regionLabel(p.zh, locale) }))}
            style={{ width: 160 }}
          />
        </div>
        <div className="cd-field">
          <label htmlFor="customer-tier">{t("customers.tier")}</label>
          <Select
            id="customer-tier"
            allowClear
            placeholder={t("common.all")}
            value={tier}
            onChange={(value: string | undefined) => update({ tier: value })}
            options={[
              { value: "core", label: t("tier.core") },
              { value: "general", label: t("tier.general") },
            ]}
            style={{ width: 140 }}
          />
        </div>
        <div className="cd-field">
          <label htmlFor="customer-grade">{t("customers.grade")}</label>
          <Select
            id="customer-grade"
            data-testid="customer-grade"
            mode="multiple"
            allowClear
            placeholder={t("common.all")}
            value={grades}
            onChange={(value: string[]) => update({ grade: value.length > 0 ? value.join(",") : undefined })}
            options={RISK_GRADES.map((g) => ({ value: g, label: i18n.label("grade", g) }))}
            style={{ minWidth: 180 }}
          />
        </div>
        <div className="cd-field">
          <label htmlFor="customer-utilisation">{t("customers.utilisationMin")}</label>
          <InputNumber<number>
            id="customer-utilisation"
            data-testid="customer-utilisation"
            min={0}
            max={100000}
            step={10}
            suffix="%"
            placeholder={t("common.all")}
            value={utilisationMin ?? null}
            onChange={(value) => update({ utilisationMin: value === null ? undefined : String(value) })}
            style={{ width: 130 }}
          />
        </div>
        <div className="cd-field">
          <label htmlFor="customer-overdue">{t("customers.hasOverdue")}</label>
          <Select
            id="customer-overdue"
            data-testid="customer-overdue"
            allowClear
            placeholder={t("common.all")}
            value={hasOverdue}
            onChange={(value: string | undefined) => update({ hasOverdue: value })}
            options={[
              { value: "true", label: t("customers.overdueYes") },
              { value: "false", label: t("customers.overdueNo") },
            ]}
            style={{ width: 140 }}
          />
        </div>
        {filtered ? (
          <Button
            onClick={() => {
              setSearchText("");
              update({
                q: undefined,
                industry: undefined,
                region: undefined,
                tier: undefined,
                grade: undefined,
                utilisationMin: undefined,
                hasOverdue: undefined,
              });
            }}
          >
            {t("common.reset")}
          </Button>
        ) : null}
      </search>

      {page.error ? (
        <LoadError error={page.error} onRetry={page.reload} />
      ) : (
        <>
          <Table<CustomerListItem>
            data-testid="customer-table"
            aria-label={t("customers.list")}
            rowKey="id"
            size="middle"
            loading={page.loading}
            columns={columns}
            dataSource={page.data?.items ?? []}
            pagination={false}
            onChange={onTableChange}
            showSorterTooltip={{ title: t("customers.sortHint") }}
            locale={{
              emptyText: <EmptyState>{filtered ? t("customers.empty") : t("customers.emptyAll")}</EmptyState>,
            }}
          />
          <nav className="cd-pager" aria-label={t("common.pagination")}>
            <span data-testid="page-number">{t("common.pageNumber", { n: pageNumber })}</span>
            <Button disabled={trail.length === 0 || page.loading} onClick={() => setTrail([])}>
              {t("common.first")}
            </Button>
            <Button
              data-testid="page-previous"
              disabled={trail.length === 0 || page.loading}
              onClick={() => setTrail((previous) => previous.slice(0, -1))}
            >
              {t("common.previous")}
            </Button>
            <Button
              data-testid="page-next"
              type="primary"
              disabled={!page.data?.nextCursor || page.loading}
              onClick={() => {
                const next = page.data?.nextCursor;
                if (next) {
                  setTrail((previous) => [...previous, next]);
                }
              }}
            >
              {t("common.next")}
            </Button>
            <label htmlFor="customer-page-size" className="cd-visually-hidden">
              {t("common.pageSize")}
            </label>
            <Select
              id="customer-page-size"
              aria-label={t("common.pageSize")}
              value={limit}
              onChange={(value: number) => update({ limit: String(value) })}
              options={PAGE_SIZES.map((n) => ({ value: n, label: t("common.perPage", { n }) }))}
              style={{ width: 110 }}
            />
          </nav>
        </>
      )}
    </>
  );
}
