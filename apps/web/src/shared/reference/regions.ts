/**
 * Province-level divisions of China (GB/T 2260) as `customers.region` stores them, with English
 * names, for labels and the region filter.
 */
export const PROVINCES = [
  { zh: "北京市", en: "Beijing" },
  { zh: "天津市", en: "Tianjin" },
  { zh: "河北省", en: "Hebei" },
  { zh: "山西省", en: "Shanxi" },
  { zh: "内蒙古自治区", en: "Inner Mongolia" },
  { zh: "辽宁省", en: "Liaoning" },
  { zh: "吉林省", en: "Jilin" },
  { zh: "黑龙江省", en: "Heilongjiang" },
  { zh: "上海市", en: "Shanghai" },
  { zh: "江苏省", en: "Jiangsu" },
  { zh: "浙江省", en: "Zhejiang" },
  { zh: "安徽省", en: "Anhui" },
  { zh: "福建省", en: "Fujian" },
  { zh: "江西省", en: "Jiangxi" },
  { zh: "山东省", en: "Shandong" },
  { zh: "河南省", en: "Henan" },
  { zh: "湖北省", en: "Hubei" },
  { zh: "湖南省", en: "Hunan" },
  { zh: "广东省", en: "Guangdong" },
  { zh: "广西壮族自治区", en: "Guangxi" },
  { zh: "海南省", en: "Hainan" },
  { zh: "重庆市", en: "Chongqing" },
  { zh: "四川省", en: "Sichuan" },
  { zh: "贵州省", en: "Guizhou" },
  { zh: "云南省", en: "Yunnan" },
  { zh: "西藏自治区", en: "Tibet" },
  { zh: "陕西省", en: "Shaanxi" },
  { zh: "甘肃省", en: "Gansu" },
  { zh: "青海省", en: "Qinghai" },
  { zh: "宁夏回族自治区", en: "Ningxia" },
  { zh: "新疆维吾尔自治区", en: "Xinjiang" },
  { zh: "香港特别行政区", en: "Hong Kong" },
  { zh: "澳门特别行政区", en: "Macao" },
  { zh: "台湾省", en: "Taiwan" },
] as const;

/** Region label in the UI language; a region outside the list is shown as stored. */
export function regionLabel(region: string | null | undefined, locale: string): string {
  if (!region) {
    return "";
  }
  if (locale.startsWith("zh")) {
    return region;
  }
  return PROVINCES.find((p) => p.zh === region)?.en ?? region;
}
