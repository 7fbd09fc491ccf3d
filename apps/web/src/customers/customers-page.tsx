import { UploadOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space, Table, type TableProps, Tag, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { EXPORT_PAGE_SIZE } from "../shared/api/fetch-all-pages.ts";
import type { Customer } from "../shared/api/types.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { INDUSTRY_SECTIONS, industryLabel } from "../shared/reference/industries.ts";
import { PROVINCES, regionLabel } from "../shared/reference/regions.ts";
import { ExportAllButton } from "../shared/ui/export-all-button.tsx";
import { PageHeader } from "../shared/ui/page-header.tsx";
import { EmptyState, LoadError } from "../shared/ui/page-state.tsx";
import {
  type CustomerSort,
  type CustomerSortField,
  listCustomers,
  parseSortParam,
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
      ...(sort ? { sort } : {}),
    }),
    [q, industry, region, tier, sort],
  );

  const page = useApi(
    (signal) => listCustomers({ ...filters, limit, ...(cursor ? { cursor } : {}) }, signal),
    [filters, limit, cursor],
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
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

  const columns: TableProps<Customer>["columns"] = [
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

  const onTableChange: TableProps<Customer>["onChange"] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey as CustomerSortField | undefined;
    const next: CustomerSort | undefined =
      single?.order && field ? { field, direction: single.order === "ascend" ? "asc" : "desc" } : undefined;
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
  ];
  const exportRow = (c: Customer) => [
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
  ];

  const filtered = Boolean(q || industry || region || tier);
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
            <ExportAllButton<Customer>
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
        {filtered ? (
          <Button
            onClick={() => {
              setSearchText("");
              update({ q: undefined, industry: undefined, region: undefined, tier: undefined });
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
          <Table<Customer>
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
