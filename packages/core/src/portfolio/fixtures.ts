import type { PortfolioPosition } from "./position.ts";

/** A position with nothing but what a test names (open receivables all current). */
export function makePosition(
  customerId: number,
  fields: Partial<PortfolioPosition> & { exposureMinor?: number } = {},
): PortfolioPosition {
  const { exposureMinor = 0, ...rest } = fields;
  const open = rest.openReceivablesMinor ?? exposureMinor;
  return {
    customerId,
    code: `C${customerId}`,
    name: `Customer ${customerId}`,
    industry: null,
    region: null,
    tier: "general",
    salesOwner: null,
    segment: null,
    group: rest.code ?? `C${customerId}`,
    grade: null,
    notch: null,
    pd: null,
    openReceivablesMinor: open,
    overdueMinor: 0,
    aging: { current: open, d1_30: 0, d31_60: 0, d61_90: 0, d91_180: 0, over180: 0 },
    undeliveredOrdersMinor: 0,
    deliveredNotInvoicedMinor: 0,
    reservationsMinor: 0,
    limitMinor: null,
    collateralMinor: 0,
    guaranteesMinor: 0,
    insuredMinor: 0,
    indemnityBps: 0,
    missingFxCurrencies: [],
    ...rest,
  };
}
