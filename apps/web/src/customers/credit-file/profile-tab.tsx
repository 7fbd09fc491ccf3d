import { Descriptions, Tag } from "antd";
import type { Customer } from "../../shared/api/types.ts";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { industryLabel } from "../../shared/reference/industries.ts";
import { regionLabel } from "../../shared/reference/regions.ts";

/** Who the customer is: identifiers, industry, region, founding, capital, tier, owner, terms. */
export function ProfileTab({ customer: c }: { customer: Customer }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const empty = t("common.empty");
  return (
    <Descriptions
      data-testid="profile"
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: "identifiers",
          label: t("profile.identifiers"),
          span: "filled",
          children:
            c.identifiers.length === 0
              ? empty
              : c.identifiers.map((identifier) => (
                  <div key={identifier.type}>
                    <Tag>{i18n.label("identifier", identifier.type)}</Tag>
                    <span className="cd-num">{identifier.value}</span>
                    {identifier.verifiedOn ? (
                      <span className="cd-muted">
                        {" "}
                        ({t("profile.verifiedOn", { date: i18n.date(identifier.verifiedOn) })})
                      </span>
                    ) : null}
                  </div>
                )),
        },
        {
          key: "industry",
          label: t("profile.industry"),
          children: industryLabel(c.industry, locale) || empty,
        },
        {
          key: "region",
          label: t("profile.region"),
          children: [regionLabel(c.region, locale), c.countryCode].filter(Boolean).join(" · ") || empty,
        },
        { key: "foundedOn", label: t("profile.foundedOn"), children: i18n.date(c.foundedOn) },
        {
          key: "capital",
          label: t("profile.registeredCapital"),
          children: (
            <span className="cd-num">
              {i18n.money(c.registeredCapitalMinor, c.registeredCapitalCurrency)}
            </span>
          ),
        },
        { key: "employees", label: t("profile.employees"), children: i18n.number(c.employees) },
        {
          key: "companyType",
          label: t("profile.companyType"),
          children: i18n.label("companyType", c.companyType),
        },
        { key: "tier", label: t("profile.tier"), children: i18n.label("tier", c.tier) },
        { key: "status", label: t("profile.status"), children: i18n.label("status", c.status) },
        { key: "salesOwner", label: t("profile.salesOwner"), children: c.salesOwner ?? empty },
        {
          key: "terms",
          label: t("profile.terms"),
          children: t("profile.termsValue", { n: c.paymentTermsDays }),
        },
        { key: "currency", label: t("profile.currency"), children: c.defaultCurrency },
        { key: "parent", label: t("profile.parent"), children: c.parentCode ?? empty },
        {
          key: "otherNames",
          label: t("profile.otherNames"),
          span: "filled",
          children: c.otherNames.length > 0 ? c.otherNames.join("；") : empty,
        },
        {
          key: "address",
          label: t("applications.profileAddress"),
          span: "filled",
          children: c.registeredAddress ?? empty,
        },
        { key: "phone", label: t("applications.profilePhone"), children: c.phone ?? empty },
        { key: "email", label: t("applications.profileEmail"), children: c.email ?? empty },
        {
          key: "bank",
          label: t("applications.profileBank"),
          span: "filled",
          children:
            c.bankName || c.bankAccounts?.length
              ? `${c.bankName ?? ""} ${(c.bankAccounts ?? []).join("；")}`.trim()
              : empty,
        },
        {
          key: "scope",
          label: t("profile.businessScope"),
          span: "filled",
          children: c.businessScope ?? empty,
        },
      ]}
    />
  );
}
