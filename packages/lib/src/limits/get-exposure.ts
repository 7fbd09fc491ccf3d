import {
  type CheckExposure,
  combineExposure,
  convertAtQuote,
  type HeldSecurity,
  type NetExposure,
  netExposure,
  type SecurityType,
  totalExposure,
} from "@creditdesk/core/limits";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { findCustomerId } from "@creditdesk/db/archive";
import { loadInsuredLimitsInForce } from "@creditdesk/db/insurance";
import { loadExposureByCurrency } from "@creditdesk/db/limits";
import { sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { quoteOf, toCurrencyExposure } from "./check-credit.ts";
import { listCurrentLimits } from "./list-limits.ts";

export interface CustomerExposure {
  customerId: number;
  asOf: string;
  currency: string;
  parts: CheckExposure;
  net: NetExposure;
  limitMinor: number | null;
  availableMinor: number | null;
  utilisation: number | null;
  /** Currencies left out for want of an FX rate (figures then understate exposure). */
  missingFxCurrencies: string[];
}

/**
 * Exposure of a customer at a moment (DOMAIN.md): open receivables + open orders not delivered +
 * delivered not invoiced + active reservations (invoices sold without recourse excluded), gross and
 * net of collateral, guarantees and the insured share valid on the day (credit_insurance securities
 * and the insured limits in force under insurance policies); in the limit currency (or `currency`) at the recorded FX rates.
 */
export async function getExposure(options: {
  handle: DatabaseHandle;
  customer: string | number;
  segment?: string | undefined;
  currency?: string | undefined;
  now?: Date | undefined;
}): Promise<CustomerExposure> {
  const { handle } = options;
  const now = options.now ?? new Date();
  const asOf = now.toISOString().slice(0, 10);
  const customerId = await findCustomerId(handle.db, options.customer);
  if (customerId === undefined) {
    throw AppError.notFound("customer", options.customer);
  }
  const limits = await listCurrentLimits({ handle, customerId, asOf, segment: options.segment ?? "default" });
  const effective = limits.effective;
  const currency = options.currency ?? effective?.currency ?? "CNY";
  const rows = toCurrencyExposure(
    await loadExposureByCurrency(handle.db, {
      customerId,
      asOf,
      now,
      toCurrency: currency,
      horizonEnd: null,
    }),
    asOf,
  );
  const { exposure, missingFxCurrencies } = combineExposure(rows, currency);
  const gross = totalExposure(exposure);
  const securities = await queryRows<{
    type: SecurityType;
    currency: string;
    amountMinor: number;
    indemnityBps: number | null;
    directRate: string | null;
    inverseRate: string | null;
  }>(
    handle.db,
    sql`select s.type, s.currency::text as currency, s.amount_minor as "amountMinor", s.indemnity_bps as "indemnityBps",
      (select f.rate::text from fx_rates f where f.from_currency = s.currency and f.to_currency = ${currency}
        and f.rate_date <= cast(${asOf} as date) order by f.rate_date desc limit 1) as "directRate",
      (select f.rate::text from fx_rates f where f.from_currency = ${currency} and f.to_currency = s.currency
        and f.rate_date <= cast(${asOf} as date) order by f.rate_date desc limit 1) as "inverseRate"
    from credit_securities s where s.customer_id = ${customerId}
      and s.valid_from <= cast(${asOf} as date) and (s.expires_on is null or s.expires_on >= cast(${asOf} as date))`,
  );
  const held: HeldSecurity[] = [];
  for (const s of securities) {
    const quote = s.currency === currency ? { rate: "1", inverted: false } : quoteOf(s);
    if (!quote) {
      missingFxCurrencies.push(s.currency);
      continue;
    }
    held.push({
      type: s.type,
      amountMinor: convertAtQuote({ amountMinor: s.amountMinor, from: s.currency, to: currency, quote }),
      indemnityBps: s.indemnityBps,
    });
  }
  // Insured limits in force under the credit-insurance policies (insurer decisions): the insured
  // share (limit × indemnity %, capped by what is still uncovered) is netted like a credit_insurance
  // security (DOMAIN.md net exposure).
  for (const l of await loadInsuredLimitsInForce(handle.db, { customerId, asOf, toCurrency: currency })) {
    const quote = l.currency === currency ? { rate: "1", inverted: false } : quoteOf(l);
    if (!quote) {
      missingFxCurrencies.push(l.currency);
      continue;
    }
    held.push({
      type: "credit_insurance",
      amountMinor: convertAtQuote({ amountMinor: l.limitMinor, from: l.currency, to: currency, quote }),
      indemnityBps: l.indemnityBps,
    });
  }
  const limitMinor = effective && effective.currency === currency ? effective.amountMinor : null;
  return {
    customerId,
    asOf,
    currency,
    parts: exposure,
    net: netExposure(gross, held),
    limitMinor,
    availableMinor: limitMinor === null ? null : limitMinor - gross,
    utilisation: limitMinor ? gross / limitMinor : null,
    missingFxCurrencies: [...new Set(missingFxCurrencies)].sort(),
  };
}
