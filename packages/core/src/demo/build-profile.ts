import { firstDayOfMonth, isoOf } from "./calendar.ts";
import { INDUSTRIES, type Industry, industryByCode } from "./catalogues/industries.ts";
import {
  CONTACT_TITLES,
  FOREIGN_FIRST_NAMES,
  FOREIGN_LAST_NAMES,
  FOREIGN_NAME_WORDS,
  FOREIGN_TRADE_WORDS,
  GIVEN_NAME_CHARACTERS,
  SALES_OWNERS,
  SURNAMES,
  TRADE_NAME_CHARACTERS,
} from "./catalogues/names.ts";
import { CITIES, type City, FOREIGN_MARKETS, type ForeignMarket } from "./catalogues/regions.ts";
import { SHOWCASE_CUSTOMERS, type ShowcaseCustomer } from "./catalogues/showcase.ts";
import type { PortfolioContext } from "./context.ts";
import { makeDuns, makeGermanVat, makeLei, makeUscc } from "./make-identifiers.ts";
import { deriveRng, type Prng } from "./prng.ts";
import type { CompanyType, DemoContactRow, DemoCustomerRow, DemoIdentifierRow } from "./types.ts";

/** Nominal CNY value of one unit of the foreign invoicing currencies (sizes only, not the fx table). */
export const NOMINAL_CNY_PER_UNIT: Readonly<Record<string, number>> = { CNY: 1, USD: 7.1, EUR: 7.8 };

/** Customer group parents are every 53rd customer from index 11 (deterministic, so any customer can name its parent). */
const GROUP_HEAD_FIRST = 11;
const GROUP_HEAD_EVERY = 53;

/** A customer's visible rows plus the latent parameters the rest of the generator draws from. */
export interface CustomerProfile {
  readonly index: number;
  readonly row: DemoCustomerRow;
  readonly identifiers: DemoIdentifierRow[];
  readonly contacts: DemoContactRow[];
  readonly industry: Industry;
  readonly provinceShort: string;
  readonly showcase: ShowcaseCustomer | null;
  /** Latent quality, standard normal scale (higher = sounder). */
  readonly quality: number;
  readonly annualPd: number;
  /** Usual days beyond terms when healthy. */
  readonly habitDays: number;
  /** Simulation month the relationship started (0 = before the simulated span). */
  readonly joinSim: number;
  /** Expected orders per month at normal health. */
  readonly ordersPerMonth: number;
  /** Typical order, in units of the invoicing currency. */
  readonly orderSize: number;
  /** Yearly revenue at the start of the window, in units of the customer's currency. */
  readonly revenueBase: number;
  readonly growth: number;
  readonly rated: boolean;
  /** Days of the month on which the customer runs payments, or null to pay invoice by invoice. */
  readonly payRunDays: readonly number[] | null;
}

export function customerCode(index: number): string {
  const showcase = SHOWCASE_CUSTOMERS[index];
  return showcase ? showcase.code : `CUST-${String(index + 1).padStart(6, "0")}`;
}

function isGroupHead(index: number): boolean {
  return index >= SHOWCASE_CUSTOMERS.length && index % GROUP_HEAD_EVERY === GROUP_HEAD_FIRST;
}

/** The trade name (字号) and its pinyin, from a stream of its own so subsidiaries can reuse a parent's. */
function tradeNameOf(seed: number, index: number): { zh: string; pinyin: string } {
  const rng = deriveRng(seed, "trade", index);
  const first = rng.pick(TRADE_NAME_CHARACTERS);
  let second = rng.pick(TRADE_NAME_CHARACTERS);
  while (second[0] === first[0]) {
    second = rng.pick(TRADE_NAME_CHARACTERS);
  }
  return { zh: first[0] + second[0], pinyin: first[1] + second[1] };
}

function cityOf(seed: number, index: number): City {
  return deriveRng(seed, "place", index).weighted(CITIES, (c) => c.weight);
}

function chineseName(rng: Prng): string {
  const given = rng.chance(0.6)
    ? rng.pick(GIVEN_NAME_CHARACTERS)
    : rng.pick(GIVEN_NAME_CHARACTERS) + rng.pick(GIVEN_NAME_CHARACTERS);
  return rng.pick(SURNAMES) + given;
}

function mobile(rng: Prng): string {
  return `1${rng.pick(["3", "5", "7", "8", "9"])}${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
}

const FOREIGN_DIAL: Readonly<Record<string, string>> = { HK: "+852", SG: "+65", DE: "+49", US: "+1" };

function makeContacts(options: {
  rng: Prng;
  domain: string;
  foreign: ForeignMarket | null;
}): DemoContactRow[] {
  const { rng, domain, foreign } = options;
  const count = rng.weighted([1, 2, 3], (n) => (n === 1 ? 3 : n === 2 ? 4 : 2));
  const contacts: DemoContactRow[] = [];
  const usedNames = new Set<string>();
  const usedTitles = new Set<string>();
  for (let k = 0; contacts.length < count && k < 20; k++) {
    const [title, slug] = rng.pick(CONTACT_TITLES);
    if (usedTitles.has(slug)) {
      continue;
    }
    if (foreign) {
      const first = rng.pick(FOREIGN_FIRST_NAMES);
      const last = rng.pick(FOREIGN_LAST_NAMES);
      const name = `${first} ${last}`;
      if (usedNames.has(name)) {
        continue;
      }
      usedNames.add(name);
      usedTitles.add(slug);
      contacts.push({
        name,
        title:
          slug === "gm"
            ? "General Manager"
            : slug === "cfo"
              ? "CFO"
              : slug === "buyer"
                ? "Buyer"
                : "Accounts",
        phone: `${FOREIGN_DIAL[foreign.countryCode] ?? "+1"} ${rng.int(2000, 9999)} ${rng.int(1000, 9999)}`,
        email: `${first.toLowerCase().replace(/[^a-z]/g, "")}.${last.toLowerCase().replace(/[^a-z]/g, "")}@${domain}`,
        isPrimary: contacts.length === 0,
      });
    } else {
      const name = chineseName(rng);
      if (usedNames.has(name)) {
        continue;
      }
      usedNames.add(name);
      usedTitles.add(slug);
      contacts.push({
        name,
        title,
        phone: mobile(rng),
        email: `${slug}@${domain}`,
        isPrimary: contacts.length === 0,
      });
    }
  }
  return contacts;
}

/** Rounds to two significant figures (registered capital is always a round number). */
function roundCapital(value: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, value))) - 1);
  return Math.max(magnitude, Math.round(value / magnitude) * magnitude);
}

const TERMS_CN: readonly (readonly [number, number])[] = [
  [30, 35],
  [45, 20],
  [60, 30],
  [90, 15],
];

/** Everything about customer `index` that does not depend on time. */
export function buildProfile(ctx: PortfolioContext, index: number): CustomerProfile {
  const { seed } = ctx.options;
  const rng = deriveRng(seed, "customer", index);
  const showcase = SHOWCASE_CUSTOMERS[index] ?? null;
  const code = customerCode(index);

  // Where and what.
  const foreign: ForeignMarket | null = showcase
    ? (FOREIGN_MARKETS.find((m) => m.countryCode === showcase.countryCode) ?? null)
    : rng.chance(0.03)
      ? rng.weighted(FOREIGN_MARKETS, (m) => m.weight)
      : null;
  const subsidiary = !showcase && !foreign && !isGroupHead(index) && index > 64 && rng.chance(0.04);
  const parentIndex = subsidiary
    ? GROUP_HEAD_FIRST +
      GROUP_HEAD_EVERY * rng.int(0, Math.floor((index - 1 - GROUP_HEAD_FIRST) / GROUP_HEAD_EVERY))
    : null;
  const placeIndex = parentIndex ?? index;
  const city = cityOf(seed, placeIndex);
  const industry: Industry = showcase
    ? (industryByCode(showcase.industry) ?? (INDUSTRIES[0] as Industry))
    : foreign
      ? rng.weighted(
          INDUSTRIES.filter((i) => "CFG".includes(i.code)),
          (i) => i.weight,
        )
      : rng.weighted(INDUSTRIES, (i) => i.weight);
  const employees = showcase
    ? showcase.employees
    : Math.min(30_000, Math.max(5, Math.round(Math.exp(rng.normal(Math.log(80), 1.1)))));
  const companyType: CompanyType = showcase
    ? showcase.companyType
    : industry.manufacturing
      ? employees > 300 && rng.chance(0.35)
        ? "public_manufacturer"
        : "private_manufacturer"
      : "non_manufacturer";
  const tier = showcase ? showcase.tier : employees > 400 || rng.chance(0.08) ? "core" : "general";
  const currency = showcase ? showcase.currency : foreign ? foreign.currency : "CNY";
  const cnyPerUnit = NOMINAL_CNY_PER_UNIT[currency] ?? 1;

  // Names.
  const trade = tradeNameOf(seed, placeIndex);
  const suffix = rng.pick(industry.nameSuffixes);
  let legalName: string;
  let domain: string;
  if (showcase) {
    legalName = showcase.legalName;
    domain = showcase.domain;
  } else if (foreign) {
    const word = rng.pick(FOREIGN_NAME_WORDS);
    const kind = rng.pick(FOREIGN_TRADE_WORDS);
    legalName = `${word} ${kind} ${foreign.legalSuffix}`;
    domain = `${word.toLowerCase().replace(/\s/g, "")}${kind.toLowerCase()}.${foreign.countryCode === "US" ? "com" : foreign.countryCode.toLowerCase()}`;
  } else {
    const form = companyType === "public_manufacturer" ? "股份有限公司" : "有限公司";
    legalName = `${city.nameZh}${trade.zh}${suffix}${isGroupHead(index) ? "集团" : ""}${form}`;
    domain = `${trade.pinyin}${parentIndex === null ? "" : `-${index % 100}`}.com.cn`;
  }

  // Time.
  const joinSim = showcase
    ? 0
    : rng.chance(0.8)
      ? 0
      : rng.int(ctx.windowStartSim + 1, Math.max(ctx.windowStartSim + 1, ctx.asOfSim - 2));
  const joinDay = firstDayOfMonth(ctx.simStartMonth + joinSim);
  const foundedDay = joinDay - rng.int(365, 365 * 25);

  // Latent risk: quality z drives both the default probability and everyday behaviour, so that
  // what a model can observe carries signal long before any default.
  const quality = showcase ? showcase.quality : rng.normal(0, 1) + (tier === "core" ? 0.3 : 0);
  const sizeFactor = (employees / 80) ** -0.15;
  const annualPd = Math.min(
    0.5,
    Math.max(0.0005, (industry.baseAnnualPd * Math.exp(-0.9 * quality) * sizeFactor) / 1.2),
  );
  const habitDays = showcase
    ? showcase.habitDays
    : Math.min(30, Math.max(-10, rng.normal(2, 5) - 3 * quality));

  // Size and volume. Orders per month grow sub-linearly with size (large customers place larger
  // orders, not only more of them); 1.2 at 80 employees gives ≈ 1.4 invoices a month on average.
  const revenueBase = (employees * industry.revenuePerEmployee * Math.exp(rng.normal(0, 0.35))) / cnyPerUnit;
  const ordersPerMonth = Math.min(
    20,
    Math.max(0.15, 1.2 * (employees / 80) ** 0.45 * Math.exp(rng.normal(0, 0.3))),
  );
  const purchaseShare = rng.uniform(0.004, 0.03);
  const orderSize = (revenueBase * purchaseShare) / (12 * ordersPerMonth);
  const registeredCapital = roundCapital((employees * rng.uniform(40_000, 200_000)) / cnyPerUnit);

  const terms = showcase
    ? showcase.paymentTermsDays
    : foreign
      ? rng.pick([60, 90])
      : industry.code === "E"
        ? rng.pick([60, 90, 90])
        : (rng.weighted(TERMS_CN, (t) => t[1])[0] as number);

  const row: DemoCustomerRow = {
    code,
    legalName,
    industry: industry.code,
    region: showcase ? showcase.region : foreign ? foreign.region : city.province,
    countryCode: showcase ? showcase.countryCode : foreign ? foreign.countryCode : "CN",
    foundedOn: isoOf(foundedDay),
    registeredCapitalMinor: registeredCapital * 100,
    registeredCapitalCurrency: currency,
    employees,
    businessScope: industry.businessScope,
    tier,
    companyType,
    salesOwner: rng.pick(SALES_OWNERS),
    parentCode: showcase ? showcase.parentCode : parentIndex === null ? null : customerCode(parentIndex),
    defaultCurrency: currency,
    paymentTermsDays: terms,
    status: "active",
  };

  const verifiedOn = isoOf(Math.min(ctx.asOfDay, joinDay + rng.int(0, 30)));
  const identifiers: DemoIdentifierRow[] = [];
  if (!foreign) {
    const divisionCode = showcase?.divisionCode ?? city.divisionCode;
    identifiers.push({ type: "uscc", value: makeUscc({ index, seed, divisionCode }), verifiedOn });
  } else {
    identifiers.push(
      foreign.countryCode === "DE"
        ? { type: "vat", value: makeGermanVat({ index, seed }), verifiedOn }
        : { type: "duns", value: makeDuns({ index, seed }), verifiedOn },
    );
    if (showcase || rng.chance(0.5)) {
      identifiers.push({ type: "lei", value: makeLei({ index, seed }), verifiedOn: null });
    }
  }

  // Showcase customers pay invoice by invoice, so their stories read straight off the ledger.
  const payRunDays =
    !showcase && rng.chance(0.55) ? rng.pick([[10, 25], [15, 28], [5, 20], [25]] as const) : null;

  return {
    index,
    row,
    identifiers,
    contacts: makeContacts({ rng, domain, foreign }),
    industry,
    provinceShort: foreign ? "" : city.provinceShort,
    showcase,
    quality,
    annualPd,
    habitDays,
    joinSim,
    ordersPerMonth,
    orderSize,
    revenueBase,
    growth: rng.normal(0.05, 0.07),
    rated: showcase ? showcase.tier === "core" : tier === "core" ? rng.chance(0.5) : rng.chance(0.03),
    payRunDays,
  };
}
