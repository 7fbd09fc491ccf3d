import { NOTCHED_RATING_SCALE } from "../assessment/scorecard/scoring-inputs.ts";
import type { CustomerProfile } from "./build-profile.ts";
import { isoOf, yearOf } from "./calendar.ts";
import type { PortfolioContext } from "./context.ts";
import type { Prng } from "./prng.ts";
import type { HealthPath } from "./simulate-health.ts";
import type { DemoComplaintRow, DemoDefaultRow, DemoEventRow, DemoRatingRow } from "./types.ts";

/** Agency rating scale the demo draws from, best first (AAA … C; the demo never rates D). */
export const RATING_SCALE = NOTCHED_RATING_SCALE.slice(0, -1);

const DOMESTIC_AGENCIES = ["中诚信国际", "联合资信", "东方金诚", "大公国际"] as const;

/** Notch on RATING_SCALE for a latent health (and a little of the long-run quality). */
export function ratingNotch(health: number, quality: number): number {
  const s = Math.min(0.98, health + 0.03 * quality);
  const notch = Math.round(((0.98 - s) / 0.86) ** 1.3 * (RATING_SCALE.length - 1));
  return Math.min(RATING_SCALE.length - 1, Math.max(0, notch));
}

export interface DemoSignals {
  ratings: DemoRatingRow[];
  events: DemoEventRow[];
  complaints: DemoComplaintRow[];
  defaults: DemoDefaultRow[];
}

const COMPLAINT_TEXT: Readonly<Record<DemoComplaintRow["category"], string>> = {
  quality: "客户反映批次产品质量问题，要求退换货",
  delivery: "客户投诉交货延迟",
  billing: "客户对发票金额或开票信息有异议",
  service: "客户对售后服务响应不满意",
};

/**
 * What the outside world and the customer say, month by month: complaints, court cases,
 * enforcement, management changes, tax notices and agency ratings — all rarer for sound customers
 * and increasingly frequent as health falls, plus the default record itself.
 */
export function generateSignals(options: {
  ctx: PortfolioContext;
  profile: CustomerProfile;
  path: HealthPath;
  rng: Prng;
}): DemoSignals {
  const { ctx, profile, path, rng } = options;
  const { index, row } = profile;
  const out: DemoSignals = { ratings: [], events: [], complaints: [], defaults: [] };
  const sizeFactor = Math.min(3, Math.max(0.5, (row.employees / 100) ** 0.3));
  const agency = row.countryCode === "CN" ? rng.pick(DOMESTIC_AGENCIES) : "S&P Global Ratings";
  const reviewMonth = rng.int(3, 8); // annual review month (0 = January)
  let lastNotch = -1;
  let eventSeq = 0;
  const caseNumber = (year: number, kind: string) =>
    `(${year})${profile.provinceShort || "港"}01${kind}${index * 1000 + eventSeq}号`;
  const gsxt = () => `GSXT-${String(index + 1).padStart(7, "0")}-${String(eventSeq).padStart(3, "0")}`;
  const push = (event: Omit<DemoEventRow, "reference"> & { reference?: string }) => {
    eventSeq++;
    out.events.push({ ...event, reference: event.reference ?? gsxt() });
  };
  const defaultDay = path.failure?.defaultDay ?? Number.POSITIVE_INFINITY;
  const first = Math.max(ctx.windowStartSim - 12, profile.joinSim);

  for (let m = Math.max(0, first); m <= ctx.asOfSim; m++) {
    const monthStart = ctx.monthStarts[m] ?? 0;
    const monthDays = (ctx.monthStarts[m + 1] ?? monthStart + 30) - monthStart;
    const h = path.health[m] ?? path.baseline;
    const s = Math.max(0, 0.75 - h);
    const day = () => {
      const d = monthStart + rng.int(0, monthDays - 1);
      return d <= ctx.asOfDay ? d : -1;
    };
    const inWindow = m >= ctx.windowStartSim && monthStart <= defaultDay;

    if (inWindow) {
      for (let k = rng.poisson(sizeFactor * (0.015 + 0.35 * s)); k > 0; k--) {
        const d = day();
        if (d < 0) {
          continue;
        }
        const category = rng.weighted(["quality", "delivery", "billing", "service"] as const, (c) =>
          c === "billing" ? 1 + 6 * s : 2,
        );
        const resolved = d + rng.int(3, 60);
        out.complaints.push({
          reference: `CMP${String(index + 1).padStart(6, "0")}${String(out.complaints.length + 1).padStart(4, "0")}`,
          receivedOn: isoOf(d),
          category,
          severity: rng.weighted(["low", "medium", "high"] as const, (x) =>
            x === "high" ? 0.5 + 4 * s : x === "medium" ? 2 : 3,
          ),
          description: COMPLAINT_TEXT[category],
          resolvedOn: resolved <= ctx.asOfDay ? isoOf(resolved) : null,
        });
      }

      const draws: [DemoEventRow["type"], number][] = [
        ["address_change", 0.003],
        ["management_change", 0.003 + 0.03 * s],
        ["legal_rep_change", 0.002 + 0.025 * s],
        ["lawsuit", (0.003 + 0.6 * s * s) * Math.sqrt(sizeFactor)],
        ["enforcement", 0.8 * Math.max(0, 0.45 - h)],
        ["tax_violation", 0.001 + 0.05 * s],
      ];
      for (const [type, p] of draws) {
        if (!rng.chance(p)) {
          continue;
        }
        const d = day();
        if (d < 0) {
          continue;
        }
        const year = yearOf(d);
        switch (type) {
          case "lawsuit": {
            const amount = Math.round(profile.orderSize * rng.uniform(0.5, 6) * 100);
            push({
              reference: caseNumber(year, "民初"),
              type,
              occurredOn: isoOf(d),
              severity: h < 0.4 ? "high" : "medium",
              source: "裁判文书网",
              description: "买卖合同纠纷（被告）",
              amountMinor: amount,
              currency: row.defaultCurrency,
              details: { role: "defendant", cause: "买卖合同纠纷" },
            });
            break;
          }
          case "enforcement": {
            push({
              reference: caseNumber(year, "执"),
              type,
              occurredOn: isoOf(d),
              severity: "high",
              source: "中国执行信息公开网",
              description: "被列为被执行人",
              amountMinor: Math.round(profile.orderSize * rng.uniform(1, 10) * 100),
              currency: row.defaultCurrency,
              details: { role: "judgment_debtor" },
            });
            break;
          }
          case "tax_violation":
            push({
              type,
              occurredOn: isoOf(d),
              severity: "medium",
              source: "税务局公告",
              description: "欠税公告",
              amountMinor: Math.round(profile.orderSize * rng.uniform(0.1, 2) * 100),
              currency: row.defaultCurrency,
              details: null,
            });
            break;
          case "address_change":
          case "management_change":
          case "legal_rep_change":
            push({
              type,
              occurredOn: isoOf(d),
              severity: type === "address_change" ? "low" : s > 0.2 ? "medium" : "low",
              source: "国家企业信用信息公示系统",
              description:
                type === "address_change"
                  ? "住所变更"
                  : type === "management_change"
                    ? "高级管理人员变更"
                    : "法定代表人变更",
              amountMinor: null,
              currency: null,
              details: null,
            });
            break;
          default:
            break;
        }
      }
    }

    // Ratings: one review a year, and an unscheduled downgrade when health has fallen two notches.
    if (profile.rated && monthStart <= defaultDay) {
      const notch = ratingNotch(h, profile.quality);
      const scheduled = (ctx.simStartMonth + m) % 12 === reviewMonth;
      if (scheduled || (lastNotch >= 0 && notch >= lastNotch + 2)) {
        const d = monthStart + rng.int(0, Math.min(27, monthDays - 1));
        if (d <= ctx.asOfDay) {
          const previous = path.health[Math.max(0, m - 3)] ?? h;
          const outlook = h < previous - 0.05 ? "negative" : h > previous + 0.05 ? "positive" : "stable";
          out.ratings.push({ agency, rating: RATING_SCALE[notch] ?? "C", outlook, ratedOn: isoOf(d) });
          if (lastNotch >= 0 && notch !== lastNotch) {
            push({
              type: "rating_change",
              occurredOn: isoOf(d),
              severity: notch > lastNotch + 1 ? "high" : notch > lastNotch ? "medium" : "low",
              source: agency,
              description: `主体信用等级由${RATING_SCALE[lastNotch]}调整为${RATING_SCALE[notch]}`,
              amountMinor: null,
              currency: null,
              details: { from: RATING_SCALE[lastNotch] ?? "", to: RATING_SCALE[notch] ?? "" },
            });
          }
          lastNotch = notch;
        }
      }
    }
  }

  const failure = path.failure;
  if (failure && failure.defaultDay <= ctx.asOfDay) {
    const on = isoOf(failure.defaultDay);
    if (failure.kind === "insolvency") {
      push({
        reference: caseNumber(yearOf(failure.defaultDay), "破申"),
        type: "bankruptcy",
        occurredOn: on,
        severity: "critical",
        source: "全国企业破产重整案件信息网",
        description: "破产清算申请已受理",
        amountMinor: null,
        currency: null,
        details: null,
      });
    }
    out.defaults.push({
      defaultedOn: on,
      kind: failure.kind,
      source: "demo",
      note:
        failure.kind === "past_due_90"
          ? "逾期超过90天（演示数据）"
          : failure.kind === "write_off"
            ? "应收账款核销（演示数据）"
            : "破产（演示数据）",
    });
  }
  return out;
}
