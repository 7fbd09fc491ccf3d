import type { RiskGrade } from "../assessment/grading/bands.ts";
import type { LocalisedText } from "../assessment/scorecard/sources.ts";
import { addDays, daysBetween, type IsoDate } from "../assessment/shared/dates.ts";
import { formatMinor } from "../money/money.ts";
import type { CheckStepConfig, CreditCheckConfig, CreditCheckStepKind } from "./check-steps.ts";

/** Manually set account states; Watch is derived from utilisation (DOMAIN.md: > 90 %). */
export const ACCOUNT_STATUSES = ["ok", "hold", "stop"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const CREDIT_STATUSES = ["ok", "watch", "hold", "stop"] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

export const LIMIT_KINDS = ["standard", "temporary"] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** The limit row a check runs against (the best candidate: valid temporary, else valid standard, else latest). */
export interface CheckLimit {
  readonly amountMinor: number;
  readonly currency: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
  readonly kind: LimitKind;
}

/** Exposure parts in the limit currency (see exposure.ts for how they are summed). */
export interface CheckExposure {
  readonly openReceivablesMinor: number;
  readonly overdueMinor: number;
  readonly undeliveredOrdersMinor: number;
  /** Undelivered orders due to ship within the dynamic horizon (all of them when there is none). */
  readonly undeliveredInHorizonMinor: number;
  readonly deliveredNotInvoicedMinor: number;
  readonly reservationsMinor: number;
  /** Days past due of the oldest open overdue item, null when nothing is overdue. */
  readonly oldestDaysPastDue: number | null;
}

export interface CreditCheckFacts {
  readonly asOf: IsoDate;
  /** The order amount converted to the limit currency. */
  readonly amountMinor: number;
  readonly deliveryDate?: IsoDate | null | undefined;
  readonly limit: CheckLimit | null;
  readonly accountStatus: AccountStatus;
  readonly exposure: CheckExposure;
  readonly grade: RiskGrade | null;
  /** 0–100, higher is better (see paymentIndexFromLateShare). Null without an assessment. */
  readonly paymentIndex: number | null;
  /** Currencies of open items without a recorded FX rate to the limit currency. */
  readonly missingFxCurrencies: readonly string[];
}

export const STEP_RESULTS = ["passed", "failed", "warning", "not_applicable"] as const;
export type StepResult = (typeof STEP_RESULTS)[number];

export interface CheckStepOutcome {
  readonly step: CreditCheckStepKind | "fx";
  readonly result: StepResult;
  readonly code: string;
  readonly text: LocalisedText;
  readonly measured: number | null;
  readonly threshold: number | null;
}

export interface CheckReason {
  readonly code: string;
  readonly severity: "block" | "warning";
  readonly text: LocalisedText;
}

export interface CreditCheckEvaluation {
  readonly outcome: "approved" | "blocked";
  readonly creditStatus: CreditStatus;
  readonly steps: readonly CheckStepOutcome[];
  readonly reasons: readonly CheckReason[];
  /** Total exposure before this order: receivables + orders + not invoiced + reservations. */
  readonly exposureMinor: number;
  /** limit − exposure (before this order); null without a limit. */
  readonly availableMinor: number | null;
  /** (exposure + amount) / limit; null without a positive limit. */
  readonly utilisationAfter: number | null;
}

/** Payment-behaviour index 0–100 from the share of amounts paid late in 12 months (1 − share) × 100. */
export function paymentIndexFromLateShare(lateShare: number | null): number | null {
  if (lateShare === null || !Number.isFinite(lateShare)) {
    return null;
  }
  return Math.round((1 - Math.min(1, Math.max(0, lateShare))) * 1000) / 10;
}

/** Total exposure of the parts (DOMAIN.md "Limits and exposure"). */
export function totalExposure(e: CheckExposure): number {
  return (
    e.openReceivablesMinor + e.undeliveredOrdersMinor + e.deliveredNotInvoicedMinor + e.reservationsMinor
  );
}

const step = (
  kind: CheckStepOutcome["step"],
  result: StepResult,
  code: string,
  text: LocalisedText,
  measured: number | null = null,
  threshold: number | null = null,
): CheckStepOutcome => ({ step: kind, result, code, text, measured, threshold });

/** Whether a limit applies on `asOf` (validFrom ≤ asOf ≤ validTo). */
export function limitValidOn(limit: CheckLimit, asOf: IsoDate): boolean {
  return limit.validFrom <= asOf && (limit.validTo === null || asOf <= limit.validTo);
}

/**
 * Runs the configured steps of a credit check over facts already loaded and converted to the
 * limit currency. Pure: the same facts give the same decision. The order is blocked when any step
 * fails, when there is no usable limit (nothing to reserve against) or an FX rate is missing.
 */
export function evaluateCreditCheck(
  facts: CreditCheckFacts,
  config: CreditCheckConfig,
): CreditCheckEvaluation {
  const exposureMinor = totalExposure(facts.exposure);
  const limit = facts.limit;
  const money = (m: number) => (limit ? `${formatMinor(m, limit.currency)} ${limit.currency}` : String(m));
  const after = exposureMinor + facts.amountMinor;
  const utilisationAfter = limit && limit.amountMinor > 0 ? after / limit.amountMinor : null;
  let creditStatus: CreditStatus = facts.accountStatus;
  if (creditStatus === "ok" && (utilisationAfter === null || utilisationAfter > config.watchUtilisation)) {
    creditStatus = limit ? "watch" : "ok";
  }
  const steps: CheckStepOutcome[] = [];
  if (facts.missingFxCurrencies.length > 0) {
    const list = facts.missingFxCurrencies.join(", ");
    steps.push(
      step("fx", "failed", "FX_RATE_MISSING", {
        en: `No recorded FX rate from ${list} to ${limit?.currency ?? "the limit currency"}`,
        zh: `缺少${list}兑${limit?.currency ?? "额度币种"}的汇率`,
      }),
    );
  }
  let staticRan = false;
  for (const configured of config.steps) {
    const outcome = runStep(configured);
    if (configured.step === "static_limit") {
      staticRan = true;
    }
    steps.push(outcome);
  }
  // Without a usable limit nothing can be reserved, whatever the configured steps say.
  if (!staticRan && (!limit || !limitValidOn(limit, facts.asOf))) {
    steps.push(runStep({ step: "static_limit" }));
  }
  const reasons: CheckReason[] = steps
    .filter((s) => s.result === "failed" || s.result === "warning")
    .map((s) => ({ code: s.code, severity: s.result === "failed" ? "block" : "warning", text: s.text }));
  return {
    outcome: steps.some((s) => s.result === "failed") ? "blocked" : "approved",
    creditStatus,
    steps,
    reasons,
    exposureMinor,
    availableMinor: limit ? limit.amountMinor - exposureMinor : null,
    utilisationAfter,
  };

  function runStep(c: CheckStepConfig): CheckStepOutcome {
    switch (c.step) {
      case "credit_status":
        return creditStatusStep(creditStatus, config.watchUtilisation, utilisationAfter);
      case "expired_limit":
        if (!limit) {
          return step(c.step, "not_applicable", "NO_LIMIT", { en: "No limit", zh: "无信用额度" });
        }
        if (limit.validTo !== null && facts.asOf > limit.validTo) {
          return step(c.step, "failed", "LIMIT_EXPIRED", {
            en: `The credit limit expired on ${limit.validTo}`,
            zh: `信用额度已于${limit.validTo}到期`,
          });
        }
        if (facts.asOf < limit.validFrom) {
          return step(c.step, "failed", "LIMIT_NOT_YET_VALID", {
            en: `The credit limit is valid from ${limit.validFrom}`,
            zh: `信用额度自${limit.validFrom}起生效`,
          });
        }
        return step(c.step, "passed", "LIMIT_VALID", { en: "Limit is valid", zh: "额度在有效期内" });
      case "high_risk_prepayment":
        if (facts.grade === "high") {
          return step(c.step, "failed", "HIGH_RISK_PREPAYMENT", {
            en: "High-risk grade: credit sales restricted, prepayment required",
            zh: "高风险等级：限制赊销，须预付款",
          });
        }
        return step(c.step, "passed", "GRADE_OK", {
          en: `Grade ${facts.grade ?? "not assessed"}`,
          zh: `等级：${facts.grade ?? "未评估"}`,
        });
      case "static_limit": {
        if (!limit) {
          return step(c.step, "failed", "NO_LIMIT", {
            en: "The customer has no credit limit",
            zh: "客户没有信用额度",
          });
        }
        if (!limitValidOn(limit, facts.asOf)) {
          return step(c.step, "failed", "NO_VALID_LIMIT", {
            en: "The customer has no limit valid today",
            zh: "客户当前没有有效的信用额度",
          });
        }
        const available = limit.amountMinor - exposureMinor;
        if (facts.amountMinor > available) {
          return step(
            c.step,
            "failed",
            "LIMIT_EXCEEDED",
            {
              en: `Order ${money(facts.amountMinor)} exceeds the available limit ${money(Math.max(0, available))}`,
              zh: `订单金额${money(facts.amountMinor)}超过可用额度${money(Math.max(0, available))}`,
            },
            after,
            limit.amountMinor,
          );
        }
        return step(
          c.step,
          "passed",
          "WITHIN_LIMIT",
          { en: "Within the credit limit", zh: "在信用额度内" },
          after,
          limit.amountMinor,
        );
      }
      case "dynamic_limit": {
        if (!limit) {
          return step(c.step, "not_applicable", "NO_LIMIT", { en: "No limit", zh: "无信用额度" });
        }
        const horizonEnd = addDays(facts.asOf, c.horizonDays);
        if (facts.deliveryDate && facts.deliveryDate > horizonEnd) {
          return step(c.step, "not_applicable", "OUTSIDE_HORIZON", {
            en: `Delivery ${facts.deliveryDate} is beyond the credit horizon (${horizonEnd})`,
            zh: `交货日${facts.deliveryDate}超出信用期间（${horizonEnd}）`,
          });
        }
        const e = facts.exposure;
        const dynamic =
          e.openReceivablesMinor +
          e.undeliveredInHorizonMinor +
          e.deliveredNotInvoicedMinor +
          e.reservationsMinor +
          facts.amountMinor;
        return dynamic > limit.amountMinor
          ? step(
              c.step,
              "failed",
              "DYNAMIC_LIMIT_EXCEEDED",
              {
                en: `Exposure within ${c.horizonDays} days would be ${money(dynamic)}, above the limit`,
                zh: `${c.horizonDays}天内风险敞口将达${money(dynamic)}，超过额度`,
              },
              dynamic,
              limit.amountMinor,
            )
          : step(c.step, "passed", "WITHIN_DYNAMIC_LIMIT", {
              en: "Within the limit over the horizon",
              zh: "信用期间内未超额度",
            });
      }
      case "max_document_value":
        return facts.amountMinor > c.maxMinor
          ? step(
              c.step,
              "failed",
              "DOCUMENT_VALUE_EXCEEDED",
              {
                en: `Order value ${money(facts.amountMinor)} is above the maximum ${money(c.maxMinor)}`,
                zh: `订单金额${money(facts.amountMinor)}超过单笔上限${money(c.maxMinor)}`,
              },
              facts.amountMinor,
              c.maxMinor,
            )
          : step(c.step, "passed", "DOCUMENT_VALUE_OK", { en: "Order value allowed", zh: "单笔金额允许" });
      case "oldest_open_item": {
        const days = facts.exposure.oldestDaysPastDue;
        return days !== null && days > c.maxDaysPastDue
          ? step(
              c.step,
              "failed",
              "OLDEST_ITEM_TOO_OLD",
              {
                en: `The oldest open item is ${days} days past due (maximum ${c.maxDaysPastDue})`,
                zh: `最早未清项已逾期${days}天（上限${c.maxDaysPastDue}天）`,
              },
              days,
              c.maxDaysPastDue,
            )
          : step(c.step, "passed", "OLDEST_ITEM_OK", { en: "No old overdue item", zh: "无超期未清项" }, days);
      }
      case "overdue_share": {
        const open = facts.exposure.openReceivablesMinor;
        const share = open > 0 ? facts.exposure.overdueMinor / open : 0;
        return share > c.maxShare
          ? step(
              c.step,
              "failed",
              "OVERDUE_SHARE_TOO_HIGH",
              {
                en: `${(share * 100).toFixed(1)}% of receivables are overdue (maximum ${(c.maxShare * 100).toFixed(1)}%)`,
                zh: `逾期应收占比${(share * 100).toFixed(1)}%（上限${(c.maxShare * 100).toFixed(1)}%）`,
              },
              share,
              c.maxShare,
            )
          : step(
              c.step,
              "passed",
              "OVERDUE_SHARE_OK",
              { en: "Overdue share acceptable", zh: "逾期占比可接受" },
              share,
            );
      }
      case "payment_index":
        if (facts.paymentIndex === null) {
          return step(c.step, "not_applicable", "NO_PAYMENT_INDEX", {
            en: "No payment-behaviour index (not assessed)",
            zh: "无付款行为指数（未评估）",
          });
        }
        return facts.paymentIndex < c.minIndex
          ? step(
              c.step,
              "failed",
              "PAYMENT_INDEX_TOO_LOW",
              {
                en: `Payment-behaviour index ${facts.paymentIndex} is below ${c.minIndex}`,
                zh: `付款行为指数${facts.paymentIndex}低于${c.minIndex}`,
              },
              facts.paymentIndex,
              c.minIndex,
            )
          : step(c.step, "passed", "PAYMENT_INDEX_OK", {
              en: "Payment behaviour acceptable",
              zh: "付款行为良好",
            });
    }
  }
}

/** Days an item due on `dueOn` is past due on `asOf` (0 when not yet due). */
export function daysPastDue(dueOn: IsoDate, asOf: IsoDate): number {
  return Math.max(0, daysBetween(dueOn, asOf));
}

function creditStatusStep(
  creditStatus: CreditStatus,
  watchUtilisation: number,
  utilisationAfter: number | null,
): CheckStepOutcome {
  switch (creditStatus) {
    case "stop":
      return step("credit_status", "failed", "CREDIT_STOP", {
        en: "Customer credit status is Stop: no further sales on credit",
        zh: "客户信用状态为停止：禁止继续赊销",
      });
    case "hold":
      return step("credit_status", "failed", "CREDIT_HOLD", {
        en: "Customer credit status is Hold: orders need a manual release",
        zh: "客户信用状态为冻结：订单需人工放行",
      });
    case "watch":
      return step(
        "credit_status",
        "warning",
        "CREDIT_WATCH",
        {
          en: `Limit utilisation after this order exceeds ${Math.round(watchUtilisation * 100)}% (Watch)`,
          zh: `本单后额度使用率超过${Math.round(watchUtilisation * 100)}%（关注）`,
        },
        utilisationAfter,
        watchUtilisation,
      );
    case "ok":
      return step("credit_status", "passed", "CREDIT_OK", { en: "Credit status OK", zh: "信用状态正常" });
  }
}
