import type { CompanyType, DefaultKind } from "../types.ts";

/**
 * The documented showcase customers: the first customers of every demo portfolio (as many as the
 * portfolio has room for), always with these codes and stories, so that demos, screenshots and
 * tests can point at them. Their dates move with as-of; their amounts vary with the seed.
 */
export interface ShowcaseCustomer {
  readonly code: string;
  readonly legalName: string;
  /** For e-mail domains. */
  readonly domain: string;
  readonly story: string;
  readonly countryCode: string;
  /** GB/T 2260 division code of the city (CN customers). */
  readonly divisionCode: string | null;
  readonly region: string;
  readonly industry: string;
  readonly companyType: CompanyType;
  readonly tier: "core" | "general";
  readonly employees: number;
  readonly paymentTermsDays: number;
  readonly currency: string;
  readonly parentCode: string | null;
  /** Latent quality (standard normal scale; higher is sounder). */
  readonly quality: number;
  /** Usual days beyond terms when healthy. */
  readonly habitDays: number;
  /**
   * The customer stops paying `stopPayDaysBeforeAsOf` days before as-of (negative: after) and
   * its health starts declining `leadMonths` before that; the default follows per `kind`.
   */
  readonly failure: {
    readonly kind: DefaultKind;
    readonly stopPayDaysBeforeAsOf: number;
    readonly leadMonths: number;
  } | null;
  /** A temporary stress episode that heals (a false alarm for early warning). */
  readonly episode: {
    readonly startMonthsBeforeAsOf: number;
    readonly months: number;
    readonly depth: number;
  } | null;
}

export const SHOWCASE_CUSTOMERS: readonly ShowcaseCustomer[] = [
  {
    code: "DEMO-0001",
    legalName: "杭州华信精密机械有限公司",
    domain: "huaxin-jm.com.cn",
    story: "Healthy core manufacturer: steady orders, pays a few days early, strong statements.",
    countryCode: "CN",
    divisionCode: "330100",
    region: "浙江省",
    industry: "C",
    companyType: "private_manufacturer",
    tier: "core",
    employees: 650,
    paymentTermsDays: 60,
    currency: "CNY",
    parentCode: null,
    quality: 2,
    habitDays: -3,
    failure: null,
    episode: null,
  },
  {
    code: "DEMO-0002",
    legalName: "苏州恒通电气股份有限公司",
    domain: "hengtong-elec.com",
    story: "Healthy listed manufacturer (Altman Z applies), rated AA+ and stable.",
    countryCode: "CN",
    divisionCode: "320500",
    region: "江苏省",
    industry: "C",
    companyType: "public_manufacturer",
    tier: "core",
    employees: 2400,
    paymentTermsDays: 45,
    currency: "CNY",
    parentCode: null,
    quality: 1.8,
    habitDays: 1,
    failure: null,
    episode: null,
  },
  {
    code: "DEMO-0003",
    legalName: "Pacific Harbour Trading Pte. Ltd.",
    domain: "pacificharbour.sg",
    story: "Healthy international customer in Singapore, invoiced in USD, D-U-N-S and LEI on file.",
    countryCode: "SG",
    divisionCode: null,
    region: "新加坡",
    industry: "F",
    companyType: "non_manufacturer",
    tier: "general",
    employees: 140,
    paymentTermsDays: 60,
    currency: "USD",
    parentCode: null,
    quality: 1.2,
    habitDays: 2,
    failure: null,
    episode: null,
  },
  {
    code: "DEMO-0004",
    legalName: "南京万家福商贸有限公司",
    domain: "wanjiafu.com.cn",
    story:
      "Deteriorating retailer that defaulted: orders fall and its payment cycle lengthens for about " +
      "8 months, then it stops paying ~5 months before as-of and goes 90+ days past due (recorded default).",
    countryCode: "CN",
    divisionCode: "320100",
    region: "江苏省",
    industry: "F",
    companyType: "non_manufacturer",
    tier: "general",
    employees: 210,
    paymentTermsDays: 30,
    currency: "CNY",
    parentCode: null,
    quality: -0.3,
    habitDays: 6,
    failure: { kind: "past_due_90", stopPayDaysBeforeAsOf: 150, leadMonths: 8 },
    episode: null,
  },
  {
    code: "DEMO-0005",
    legalName: "重庆鼎盛建设工程有限公司",
    domain: "dingsheng-jianshe.com",
    story:
      "Construction company that went insolvent about 6 months before as-of, after lawsuits, " +
      "enforcement and a collapse in orders.",
    countryCode: "CN",
    divisionCode: "500000",
    region: "重庆市",
    industry: "E",
    companyType: "non_manufacturer",
    tier: "general",
    employees: 380,
    paymentTermsDays: 90,
    currency: "CNY",
    parentCode: null,
    quality: -0.6,
    habitDays: 10,
    failure: { kind: "insolvency", stopPayDaysBeforeAsOf: 220, leadMonths: 7 },
    episode: null,
  },
  {
    code: "DEMO-0006",
    legalName: "成都优品汇零售连锁有限公司",
    domain: "youpinhui.com.cn",
    story:
      "Retail chain deteriorating right now (not yet defaulted): orders down, days beyond terms " +
      "rising for ~6 months, a lawsuit and a complaint wave — the early-warning case.",
    countryCode: "CN",
    divisionCode: "510100",
    region: "四川省",
    industry: "F",
    companyType: "non_manufacturer",
    tier: "general",
    employees: 320,
    paymentTermsDays: 45,
    currency: "CNY",
    parentCode: null,
    quality: -0.2,
    habitDays: 4,
    failure: { kind: "past_due_90", stopPayDaysBeforeAsOf: -20, leadMonths: 8 },
    episode: null,
  },
  {
    code: "DEMO-0007",
    legalName: "宁波东海控股集团有限公司",
    domain: "donghai-group.com",
    story: "Healthy core group parent (customer group DEMO-0007).",
    countryCode: "CN",
    divisionCode: "330200",
    region: "浙江省",
    industry: "L",
    companyType: "non_manufacturer",
    tier: "core",
    employees: 1800,
    paymentTermsDays: 60,
    currency: "CNY",
    parentCode: null,
    quality: 1.5,
    habitDays: 0,
    failure: null,
    episode: null,
  },
  {
    code: "DEMO-0008",
    legalName: "宁波东海塑料制品有限公司",
    domain: "donghai-plastic.com",
    story:
      "Subsidiary of DEMO-0007 with a temporary liquidity squeeze a year before as-of that healed " +
      "(a false alarm for early warning).",
    countryCode: "CN",
    divisionCode: "330200",
    region: "浙江省",
    industry: "C",
    companyType: "private_manufacturer",
    tier: "general",
    employees: 260,
    paymentTermsDays: 60,
    currency: "CNY",
    parentCode: "DEMO-0007",
    quality: 0.6,
    habitDays: 3,
    failure: null,
    episode: { startMonthsBeforeAsOf: 14, months: 5, depth: 0.3 },
  },
];
