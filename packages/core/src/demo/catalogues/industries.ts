/**
 * Industries of the demo portfolio by GB/T 4754-2017 section (国民经济行业分类, 门类), with the
 * economics the generator needs: how common the section is among a B2B seller's customers, a base
 * annual default probability, and typical financial proportions.
 *
 * Base default rates are illustrative, ordered as Chinese corporate default and NPL statistics
 * usually order them (construction, real estate, catering and retail riskier; utilities and
 * software safer), and scaled so that the portfolio averages ≈ 3 % a year.
 */
export interface Industry {
  /** GB/T 4754-2017 section letter (stored in `customers.industry`). */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Relative frequency among customers. */
  readonly weight: number;
  /** Base annual probability of default of an average customer of the section. */
  readonly baseAnnualPd: number;
  /** Whether the Altman variant for manufacturers applies (section C). */
  readonly manufacturing: boolean;
  /** Revenue per employee, CNY per year. */
  readonly revenuePerEmployee: number;
  /** Revenue / total assets. */
  readonly assetTurnover: number;
  readonly grossMargin: number;
  /** EBIT / revenue of a healthy company. */
  readonly operatingMargin: number;
  /** Current assets / total assets. */
  readonly currentAssetShare: number;
  /** Inventory / current assets. */
  readonly inventoryShare: number;
  /** Words that follow the trade name in a legal name (…精密机械有限公司). */
  readonly nameSuffixes: readonly string[];
  readonly businessScope: string;
}

export const INDUSTRIES: readonly Industry[] = [
  {
    code: "A",
    nameZh: "农、林、牧、渔业",
    nameEn: "Agriculture, forestry, animal husbandry and fishery",
    weight: 3,
    baseAnnualPd: 0.035,
    manufacturing: false,
    revenuePerEmployee: 600_000,
    assetTurnover: 0.8,
    grossMargin: 0.18,
    operatingMargin: 0.06,
    currentAssetShare: 0.45,
    inventoryShare: 0.35,
    nameSuffixes: ["农业发展", "生态农业", "水产养殖", "农产品"],
    businessScope: "农作物种植；农产品初加工；农产品销售；农业技术推广服务。",
  },
  {
    code: "B",
    nameZh: "采矿业",
    nameEn: "Mining",
    weight: 2,
    baseAnnualPd: 0.03,
    manufacturing: false,
    revenuePerEmployee: 1_200_000,
    assetTurnover: 0.5,
    grossMargin: 0.3,
    operatingMargin: 0.12,
    currentAssetShare: 0.3,
    inventoryShare: 0.3,
    nameSuffixes: ["矿业", "矿产资源"],
    businessScope: "矿产资源开采；矿产品加工、销售；非金属矿及制品销售。",
  },
  {
    code: "C",
    nameZh: "制造业",
    nameEn: "Manufacturing",
    weight: 42,
    baseAnnualPd: 0.025,
    manufacturing: true,
    revenuePerEmployee: 900_000,
    assetTurnover: 0.95,
    grossMargin: 0.22,
    operatingMargin: 0.08,
    currentAssetShare: 0.55,
    inventoryShare: 0.35,
    nameSuffixes: [
      "精密机械",
      "电子科技",
      "化工",
      "汽车零部件",
      "电气",
      "塑料制品",
      "纺织",
      "新材料",
      "五金制品",
      "食品",
      "包装材料",
      "光电科技",
    ],
    businessScope: "通用设备制造；电子元器件制造；金属制品加工；货物进出口；技术进出口。",
  },
  {
    code: "D",
    nameZh: "电力、热力、燃气及水生产和供应业",
    nameEn: "Electricity, heat, gas and water production and supply",
    weight: 2,
    baseAnnualPd: 0.01,
    manufacturing: false,
    revenuePerEmployee: 2_000_000,
    assetTurnover: 0.35,
    grossMargin: 0.2,
    operatingMargin: 0.12,
    currentAssetShare: 0.2,
    inventoryShare: 0.1,
    nameSuffixes: ["能源", "新能源", "燃气", "热力"],
    businessScope: "发电业务；供热服务；燃气经营；新能源技术开发。",
  },
  {
    code: "E",
    nameZh: "建筑业",
    nameEn: "Construction",
    weight: 9,
    baseAnnualPd: 0.045,
    manufacturing: false,
    revenuePerEmployee: 700_000,
    assetTurnover: 0.7,
    grossMargin: 0.1,
    operatingMargin: 0.04,
    currentAssetShare: 0.75,
    inventoryShare: 0.2,
    nameSuffixes: ["建设工程", "建筑安装工程", "装饰工程", "市政工程"],
    businessScope: "建设工程施工；建筑装饰工程；市政公用工程；建筑材料销售。",
  },
  {
    code: "F",
    nameZh: "批发和零售业",
    nameEn: "Wholesale and retail trade",
    weight: 20,
    baseAnnualPd: 0.038,
    manufacturing: false,
    revenuePerEmployee: 2_500_000,
    assetTurnover: 1.8,
    grossMargin: 0.12,
    operatingMargin: 0.03,
    currentAssetShare: 0.8,
    inventoryShare: 0.45,
    nameSuffixes: ["商贸", "贸易", "零售连锁", "百货", "供应链管理", "电子商务"],
    businessScope: "日用百货销售；五金产品批发；电子产品销售；互联网销售（除销售需要许可的商品）。",
  },
  {
    code: "G",
    nameZh: "交通运输、仓储和邮政业",
    nameEn: "Transport, storage and postal services",
    weight: 6,
    baseAnnualPd: 0.03,
    manufacturing: false,
    revenuePerEmployee: 650_000,
    assetTurnover: 0.9,
    grossMargin: 0.12,
    operatingMargin: 0.05,
    currentAssetShare: 0.4,
    inventoryShare: 0.05,
    nameSuffixes: ["物流", "运输", "仓储服务", "国际货运代理"],
    businessScope: "道路货物运输；普通货物仓储服务；国际货物运输代理；装卸搬运。",
  },
  {
    code: "H",
    nameZh: "住宿和餐饮业",
    nameEn: "Accommodation and catering",
    weight: 3,
    baseAnnualPd: 0.05,
    manufacturing: false,
    revenuePerEmployee: 300_000,
    assetTurnover: 1.1,
    grossMargin: 0.55,
    operatingMargin: 0.05,
    currentAssetShare: 0.3,
    inventoryShare: 0.15,
    nameSuffixes: ["餐饮管理", "酒店管理"],
    businessScope: "餐饮服务；酒店管理；食品销售；会议及展览服务。",
  },
  {
    code: "I",
    nameZh: "信息传输、软件和信息技术服务业",
    nameEn: "Information transmission, software and IT services",
    weight: 6,
    baseAnnualPd: 0.02,
    manufacturing: false,
    revenuePerEmployee: 800_000,
    assetTurnover: 0.8,
    grossMargin: 0.45,
    operatingMargin: 0.12,
    currentAssetShare: 0.65,
    inventoryShare: 0.05,
    nameSuffixes: ["信息技术", "软件", "网络科技", "数据科技"],
    businessScope: "软件开发；信息系统集成服务；信息技术咨询服务；数据处理和存储支持服务。",
  },
  {
    code: "K",
    nameZh: "房地产业",
    nameEn: "Real estate",
    weight: 2,
    baseAnnualPd: 0.06,
    manufacturing: false,
    revenuePerEmployee: 3_000_000,
    assetTurnover: 0.25,
    grossMargin: 0.25,
    operatingMargin: 0.1,
    currentAssetShare: 0.8,
    inventoryShare: 0.6,
    nameSuffixes: ["房地产开发", "置业"],
    businessScope: "房地产开发经营；物业管理；住房租赁。",
  },
  {
    code: "L",
    nameZh: "租赁和商务服务业",
    nameEn: "Leasing and business services",
    weight: 3,
    baseAnnualPd: 0.03,
    manufacturing: false,
    revenuePerEmployee: 700_000,
    assetTurnover: 0.6,
    grossMargin: 0.3,
    operatingMargin: 0.08,
    currentAssetShare: 0.5,
    inventoryShare: 0.05,
    nameSuffixes: ["商务服务", "设备租赁", "企业管理咨询"],
    businessScope: "机械设备租赁；企业管理咨询；会议及展览服务；市场营销策划。",
  },
  {
    code: "M",
    nameZh: "科学研究和技术服务业",
    nameEn: "Scientific research and technical services",
    weight: 2,
    baseAnnualPd: 0.02,
    manufacturing: false,
    revenuePerEmployee: 600_000,
    assetTurnover: 0.7,
    grossMargin: 0.4,
    operatingMargin: 0.1,
    currentAssetShare: 0.6,
    inventoryShare: 0.05,
    nameSuffixes: ["检测技术", "工程技术", "科技研究院"],
    businessScope: "检验检测服务；工程和技术研究和试验发展；技术服务、技术开发、技术咨询。",
  },
];

const BY_CODE = new Map(INDUSTRIES.map((industry) => [industry.code, industry]));

/** The industry of a GB/T 4754 section letter, or undefined for one the demo does not use. */
export function industryByCode(code: string): Industry | undefined {
  return BY_CODE.get(code);
}
