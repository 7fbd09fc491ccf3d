import type { CustomerProfile } from "./build-profile.ts";
import { isoOf } from "./calendar.ts";
import { type PortfolioContext, simMonthOf } from "./context.ts";
import type { Prng } from "./prng.ts";
import type { HealthPath } from "./simulate-health.ts";
import type {
  DemoAllocationRow,
  DemoCreditNoteRow,
  DemoDisputeRow,
  DemoInvoiceRow,
  DemoOrderRow,
  DemoPaymentRow,
} from "./types.ts";

/**
 * Order intake by calendar month (January … December): a dip around the Chinese New Year
 * (January–February) and a fourth-quarter peak; the mean is ≈ 1.
 */
export const MONTHLY_SEASONALITY = [0.9, 0.6, 1.0, 1.0, 1.0, 1.05, 0.95, 0.95, 1.05, 1.0, 1.15, 1.3] as const;

export interface DemoLedger {
  orders: DemoOrderRow[];
  invoices: DemoInvoiceRow[];
  payments: DemoPaymentRow[];
  allocations: DemoAllocationRow[];
  creditNotes: DemoCreditNoteRow[];
  disputes: DemoDisputeRow[];
}

interface PaymentEvent {
  day: number;
  invoiceIndex: number;
  amountMinor: number;
}

function seq(prefix: string, index: number, n: number): string {
  return `${prefix}${String(index + 1).padStart(6, "0")}${String(n).padStart(5, "0")}`;
}

/** Days beyond terms a customer of health `h` takes (before noise): its habit plus distress. */
export function expectedDaysBeyondTerms(habitDays: number, h: number): number {
  return habitDays + 150 * Math.max(0, 0.78 - h) ** 1.3;
}

/**
 * The receivables ledger of one customer: orders by month (seasonality × size × health), invoices
 * from deliveries (due = issue + terms), payments — late by the customer's habit plus its distress,
 * sometimes partial, sometimes several invoices in one payment run — credit notes and disputes.
 * Nothing after as-of is written; a failing customer pays nothing after it stops paying.
 */
export function generateLedger(options: {
  ctx: PortfolioContext;
  profile: CustomerProfile;
  path: HealthPath;
  rng: Prng;
}): DemoLedger {
  const { ctx, profile, path, rng } = options;
  const { index, row } = profile;
  const { asOfDay } = ctx;
  const failure = path.failure;
  const currency = row.defaultCurrency;
  const terms = row.paymentTermsDays;
  const health = (day: number) => path.health[simMonthOf(ctx, day)] ?? path.baseline;
  const payRun = (day: number) => {
    const runs = profile.payRunDays;
    if (!runs) {
      return day;
    }
    // Next payment-run day on or after `day` (runs on fixed days of the month, 28 at most).
    const m = simMonthOf(ctx, day);
    for (let k = 0; k < 3; k++) {
      const start = ctx.monthStarts[m + k] ?? day;
      for (const r of runs) {
        const candidate = start + r - 1;
        if (candidate >= day) {
          return candidate;
        }
      }
    }
    return day;
  };

  const ledger: DemoLedger = {
    orders: [],
    invoices: [],
    payments: [],
    allocations: [],
    creditNotes: [],
    disputes: [],
  };
  const events: PaymentEvent[] = [];
  const endSim = Math.min(ctx.asOfSim, failure ? simMonthOf(ctx, failure.defaultDay) : ctx.asOfSim);

  for (let m = Math.max(ctx.windowStartSim, profile.joinSim); m <= endSim; m++) {
    const monthStart = ctx.monthStarts[m] ?? 0;
    const monthDays = (ctx.monthStarts[m + 1] ?? monthStart + 30) - monthStart;
    const h = path.health[m] ?? path.baseline;
    const years = (m - ctx.windowStartSim) / 12;
    const growth = Math.max(0.3, 1 + profile.growth) ** years;
    let volume = Math.min(1.15, Math.max(0.1, h / path.baseline)) ** 1.5;
    if (failure && monthStart > failure.stopPayDay) {
      volume *= 0.3; // the customer still tries to buy; sales puts the orders on hold
    }
    const monthOfYear = (ctx.simStartMonth + m) % 12;
    const count = rng.poisson(
      profile.ordersPerMonth * (MONTHLY_SEASONALITY[monthOfYear] ?? 1) * volume * growth,
    );
    for (let k = 0; k < count; k++) {
      const orderDay = monthStart + rng.int(0, monthDays - 1);
      if (orderDay > asOfDay || (failure && orderDay > failure.defaultDay)) {
        continue;
      }
      const orderNumber = seq("SO", index, ledger.orders.length + 1);
      const amount = Math.max(
        10_000,
        Math.round(profile.orderSize * growth * Math.exp(rng.normal(-0.1, 0.45)) * 100),
      );
      const leadDays = rng.int(3, 20);
      const order: DemoOrderRow = {
        orderNumber,
        orderedOn: isoOf(orderDay),
        deliveryDue: isoOf(orderDay + leadDays),
        currency,
        orderedMinor: amount,
        deliveredMinor: 0,
        invoicedMinor: 0,
        status: "open",
      };
      ledger.orders.push(order);
      const blocked = failure !== null && orderDay > failure.stopPayDay;
      if (blocked || rng.chance(0.01)) {
        order.status = blocked && rng.chance(0.5) ? "open" : "cancelled";
        continue;
      }
      const parts = rng.chance(0.1)
        ? [Math.round(amount * 0.6), amount - Math.round(amount * 0.6)]
        : [amount];
      let deliveryDay = orderDay + leadDays;
      for (const part of parts) {
        if (deliveryDay > asOfDay) {
          break;
        }
        order.deliveredMinor += part;
        const issueDay = deliveryDay + rng.int(0, 2);
        if (issueDay <= asOfDay) {
          order.invoicedMinor += part;
          settleInvoice({ issueDay, amount: part, orderNumber });
        }
        deliveryDay += rng.int(5, 15);
      }
      order.status =
        order.invoicedMinor === amount
          ? "invoiced"
          : order.deliveredMinor === amount
            ? "delivered"
            : order.deliveredMinor > 0
              ? "partially_delivered"
              : "open";
    }
  }

  function settleInvoice(inv: { issueDay: number; amount: number; orderNumber: string }): void {
    const invoiceIndex = ledger.invoices.length;
    const { issueDay, amount } = inv;
    const dueDay = issueDay + terms;
    const invoice: DemoInvoiceRow = {
      invoiceNumber: seq("INV", index, invoiceIndex + 1),
      orderNumber: inv.orderNumber,
      issuedOn: isoOf(issueDay),
      dueOn: isoOf(dueDay),
      currency,
      amountMinor: amount,
      status: "open",
    };
    ledger.invoices.push(invoice);

    const hIssue = health(issueDay);
    const hDue = health(dueDay);
    const dbt = expectedDaysBeyondTerms(profile.habitDays, hDue) + rng.normal(0, 3 + 12 * (1 - hDue));
    let payDay = Math.max(issueDay + 1, dueDay + Math.round(dbt));
    let credited = 0;

    if (rng.chance(0.025 + 0.1 * Math.max(0, 0.7 - hIssue))) {
      const creditDay = Math.max(issueDay, Math.min(issueDay + rng.int(2, 25), payDay - 1));
      if (creditDay <= asOfDay) {
        credited = Math.max(1, Math.round(amount * rng.uniform(0.02, 0.15)));
        ledger.creditNotes.push({
          noteNumber: seq("CN", index, ledger.creditNotes.length + 1),
          invoiceIndex,
          issuedOn: isoOf(creditDay),
          currency,
          amountMinor: credited,
          reason: rng.weighted(["return", "price_adjustment", "quality_discount"] as const, (r) =>
            r === "quality_discount" ? 1 : 2,
          ),
        });
      }
    }

    if (rng.chance(0.012 + 0.25 * Math.max(0, 0.72 - hIssue))) {
      const openedDay = issueDay + rng.int(3, 30);
      if (openedDay <= asOfDay) {
        const disputed = Math.max(1, Math.round((amount - credited) * rng.uniform(0.1, 1)));
        const resolvedDay = openedDay + rng.int(7, 75);
        const settled = resolvedDay <= asOfDay;
        const status = settled ? (rng.chance(0.65) ? "resolved" : "rejected") : "open";
        ledger.disputes.push({
          reference: seq("DSP", index, ledger.disputes.length + 1),
          invoiceIndex,
          openedOn: isoOf(openedDay),
          resolvedOn: settled ? isoOf(resolvedDay) : null,
          currency,
          amountMinor: disputed,
          reason: rng.pick(["quality", "quantity", "price", "delivery"] as const),
          status,
        });
        if (status === "resolved" && rng.chance(0.6)) {
          const settlement = Math.min(
            Math.round(disputed * rng.uniform(0.2, 0.6)),
            Math.floor(amount / 2) - credited,
          );
          if (settlement > 0) {
            credited += settlement;
            ledger.creditNotes.push({
              noteNumber: seq("CN", index, ledger.creditNotes.length + 1),
              invoiceIndex,
              issuedOn: isoOf(resolvedDay),
              currency,
              amountMinor: settlement,
              reason: "dispute_settlement",
            });
          }
        }
        // Nobody pays a disputed invoice before the dispute is settled.
        payDay = Math.max(payDay, (settled ? resolvedDay : asOfDay) + rng.int(2, 10));
      }
    }

    const net = amount - credited;
    payDay = payRun(payDay);
    const instalments: [number, number][] = [];
    if (net > 1 && rng.chance(0.03 + 0.5 * Math.max(0, 0.7 - hDue))) {
      const first = Math.max(1, Math.round(net * rng.uniform(0.3, 0.7)));
      instalments.push([payDay, first], [payRun(payDay + rng.int(15, 60)), net - first]);
    } else {
      instalments.push([payDay, net]);
    }
    let paid = 0;
    for (const [day, part] of instalments) {
      if (day > asOfDay || (failure && day > failure.stopPayDay)) {
        break;
      }
      events.push({ day, invoiceIndex, amountMinor: part });
      paid += part;
    }
    if (paid === net) {
      invoice.status = "paid";
    } else if (failure && failure.kind === "write_off" && failure.defaultDay <= asOfDay) {
      invoice.status = "written_off";
    }
  }

  // A customer recorded as defaulted must owe something: if every invoice
  // happened to be settled before it stopped paying, its last invoice is the one it never paid.
  if (failure && failure.defaultDay <= asOfDay) {
    const last = ledger.invoices.length - 1;
    if (last >= 0 && ledger.invoices.every((inv) => inv.status === "paid")) {
      const kept = events.filter((e) => e.invoiceIndex !== last);
      events.length = 0;
      events.push(...kept);
      (ledger.invoices[last] as DemoInvoiceRow).status =
        failure.kind === "write_off" ? "written_off" : "open";
    }
  }

  // Payments: all instalments due on the same day go out as one transfer (a payment run).
  events.sort((a, b) => a.day - b.day || a.invoiceIndex - b.invoiceIndex);
  const method: DemoPaymentRow["method"] =
    row.countryCode !== "CN"
      ? "bank_transfer"
      : rng.weighted(["bank_transfer", "bank_acceptance_bill", "commercial_acceptance_bill"] as const, (x) =>
          x === "bank_transfer" ? 75 : x === "bank_acceptance_bill" ? 20 : 5,
        );
  let current: DemoPaymentRow | null = null;
  let currentDay = -1;
  for (const event of events) {
    if (!current || event.day !== currentDay) {
      current = {
        reference: seq("PAY", index, ledger.payments.length + 1),
        receivedOn: isoOf(event.day),
        currency,
        amountMinor: 0,
        method,
      };
      currentDay = event.day;
      ledger.payments.push(current);
    }
    current.amountMinor += event.amountMinor;
    ledger.allocations.push({
      paymentIndex: ledger.payments.length - 1,
      invoiceIndex: event.invoiceIndex,
      amountMinor: event.amountMinor,
    });
  }
  return ledger;
}
