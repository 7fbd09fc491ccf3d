/**
 * Where demo customers are registered. Chinese cities carry their GB/T 2260 administrative division
 * code (positions 3–8 of a unified social credit code, GB 32100-2015) and the province that
 * `customers.region` records; weights lean to the eastern seaboard as real B2B portfolios do.
 */
export interface City {
  readonly nameZh: string;
  /** GB/T 2260 code of the city (6 digits). */
  readonly divisionCode: string;
  /** Province-level division, the `region` of the customer. */
  readonly province: string;
  /** Short form used in court case numbers (浙, 粤 …). */
  readonly provinceShort: string;
  readonly weight: number;
}

export const CITIES: readonly City[] = [
  { nameZh: "杭州", divisionCode: "330100", province: "浙江省", provinceShort: "浙", weight: 8 },
  { nameZh: "宁波", divisionCode: "330200", province: "浙江省", provinceShort: "浙", weight: 5 },
  { nameZh: "温州", divisionCode: "330300", province: "浙江省", provinceShort: "浙", weight: 3 },
  { nameZh: "上海", divisionCode: "310000", province: "上海市", provinceShort: "沪", weight: 9 },
  { nameZh: "苏州", divisionCode: "320500", province: "江苏省", provinceShort: "苏", weight: 7 },
  { nameZh: "南京", divisionCode: "320100", province: "江苏省", provinceShort: "苏", weight: 4 },
  { nameZh: "无锡", divisionCode: "320200", province: "江苏省", provinceShort: "苏", weight: 3 },
  { nameZh: "深圳", divisionCode: "440300", province: "广东省", provinceShort: "粤", weight: 8 },
  { nameZh: "广州", divisionCode: "440100", province: "广东省", provinceShort: "粤", weight: 6 },
  { nameZh: "东莞", divisionCode: "441900", province: "广东省", provinceShort: "粤", weight: 4 },
  { nameZh: "佛山", divisionCode: "440600", province: "广东省", provinceShort: "粤", weight: 4 },
  { nameZh: "北京", divisionCode: "110000", province: "北京市", provinceShort: "京", weight: 6 },
  { nameZh: "天津", divisionCode: "120000", province: "天津市", provinceShort: "津", weight: 3 },
  { nameZh: "青岛", divisionCode: "370200", province: "山东省", provinceShort: "鲁", weight: 3 },
  { nameZh: "济南", divisionCode: "370100", province: "山东省", provinceShort: "鲁", weight: 2 },
  { nameZh: "厦门", divisionCode: "350200", province: "福建省", provinceShort: "闽", weight: 2 },
  { nameZh: "福州", divisionCode: "350100", province: "福建省", provinceShort: "闽", weight: 2 },
  { nameZh: "武汉", divisionCode: "420100", province: "湖北省", provinceShort: "鄂", weight: 3 },
  { nameZh: "长沙", divisionCode: "430100", province: "湖南省", provinceShort: "湘", weight: 2 },
  { nameZh: "成都", divisionCode: "510100", province: "四川省", provinceShort: "川", weight: 3 },
  { nameZh: "重庆", divisionCode: "500000", province: "重庆市", provinceShort: "渝", weight: 3 },
  { nameZh: "郑州", divisionCode: "410100", province: "河南省", provinceShort: "豫", weight: 2 },
  { nameZh: "合肥", divisionCode: "340100", province: "安徽省", provinceShort: "皖", weight: 2 },
  { nameZh: "西安", divisionCode: "610100", province: "陕西省", provinceShort: "陕", weight: 2 },
  { nameZh: "大连", divisionCode: "210200", province: "辽宁省", provinceShort: "辽", weight: 1 },
  { nameZh: "石家庄", divisionCode: "130100", province: "河北省", provinceShort: "冀", weight: 1 },
];

/** Countries of the international customers (≈ 3 % of the portfolio) and their currencies. */
export interface ForeignMarket {
  readonly countryCode: string;
  /** `customers.region` for a foreign customer. */
  readonly region: string;
  readonly currency: string;
  readonly legalSuffix: string;
  readonly weight: number;
}

export const FOREIGN_MARKETS: readonly ForeignMarket[] = [
  { countryCode: "HK", region: "香港", currency: "USD", legalSuffix: "Limited", weight: 3 },
  { countryCode: "SG", region: "新加坡", currency: "USD", legalSuffix: "Pte. Ltd.", weight: 2 },
  { countryCode: "DE", region: "德国", currency: "EUR", legalSuffix: "GmbH", weight: 2 },
  { countryCode: "US", region: "美国", currency: "USD", legalSuffix: "Inc.", weight: 2 },
];
