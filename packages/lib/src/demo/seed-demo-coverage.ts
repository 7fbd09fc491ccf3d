import { type CoverageInvoice, type DemoOptions, planDemoCoverage } from "@creditdesk/core/demo";
import { type DatabaseHandle, queryRows } from "@creditdesk/db";
import { sql } from "drizzle-orm";
import { createPaymentPromise, evaluatePaymentPromises } from "../collections/payment-promises.ts";
import { recordCollectionAction } from "../collections/record-collection-action.ts";
import { assignReceivables } from "../insurance/assign-receivables.ts";
import { createFactoringAgreement } from "../insurance/create-factoring-agreement.ts";
import { createInsurancePolicy } from "../insurance/create-insurance-policy.ts";
import { fileInsuranceClaim } from "../insurance/file-insurance-claim.ts";
import { fileOverdueNotification } from "../insurance/file-overdue-notification.ts";
import { moveInsuranceClaim } from "../insurance/move-insurance-claim.ts";
import { recordInsurerDecision } from "../insurance/record-insurer-decision.ts";
import { requestInsuredLimit } from "../insurance/request-insured-limit.ts";
import { saveStressScenario } from "../portfolio/stress-scenarios.ts";

/** Named stress scenarios the demo stores, so the stress tab and the report have something to run. */
const DEMO_SCENARIOS = [
  { name: "前三大客户违约 Top 3 default", shocks: [{ kind: "top_n_default", n: 3 }] },
  { name: "经济下行 PD × 2, LGD + 10", shocks: [{ kind: "pd_factor", factor: 2, lgdAddBps: 1_000 }] },
] as const;

/** Customers (the first by id: the showcase ones lead) whose invoices the coverage plan reads. */
const WINDOW_CUSTOMERS = 200;
const ACTOR = "system:demo-seed";

export interface DemoCoverageCounts {
  policies: number;
  insuredLimits: number;
  notifications: number;
  claims: number;
  factoringAgreements: number;
  factoredInvoices: number;
  collectionActions: number;
  promises: { kept: number; broken: number; open: number };
  stressScenarios: number;
}

/**
 * Adds the demo's credit insurance (policies, insured limits with the insurer's decisions, overdue
 * notifications, a claim), factoring (agreements with and without recourse, receivables sold and
 * pledged), collections (calls, a note, a legal handover, promises to pay kept, broken and open)
 * and two named stress scenarios on top of a freshly written demo portfolio, through the same use cases the API calls (validated,
 * audited). Planned by core `planDemoCoverage` from the invoices of the first customers only, so it
 * is deterministic by seed and costs the same for 20 or 100,000 customers.
 */
export async function seedDemoCoverage(options: {
  handle: DatabaseHandle;
  options: DemoOptions;
  baseCurrency?: string | undefined;
}): Promise<DemoCoverageCounts> {
  const { handle } = options;
  const { seed, asOf } = options.options;
  const asOfSql = sql`cast(${asOf} as date)`;
  const invoices = await queryRows<CoverageInvoice>(
    handle.db,
    sql`with c as (select id, code from customers order by id limit ${WINDOW_CUSTOMERS})
    select c.code as "customerCode", i.invoice_number as "invoiceNumber", i.currency::text as currency,
      to_char(i.issued_on, 'YYYY-MM-DD') as "issuedOn", to_char(i.due_on, 'YYYY-MM-DD') as "dueOn",
      i.amount_minor::int8 as "amountMinor",
      greatest(0, i.amount_minor - coalesce(a.paid, 0) - coalesce(n.credited, 0))::int8 as "openMinor",
      coalesce(a.n, 0)::int as allocations, coalesce(a.paid, 0)::int8 as "allocatedMinor",
      to_char(a.last_paid, 'YYYY-MM-DD') as "lastPaidOn"
    from invoices i join c on c.id = i.customer_id
      left join lateral (
        select count(*) as n, sum(pa.amount_minor) as paid, max(p.received_on) as last_paid
        from payment_allocations pa join payments p on p.id = pa.payment_id
        where pa.invoice_id = i.id and p.received_on <= ${asOfSql}
      ) a on true
      left join lateral (
        select sum(cn.amount_minor) as credited from credit_notes cn
        where cn.invoice_id = i.id and cn.issued_on <= ${asOfSql}
      ) n on true
    where i.status in ('open', 'paid') and i.issued_on <= ${asOfSql} and i.due_on >= ${asOfSql} - 400
    order by i.id`,
  );
  const plan = planDemoCoverage({
    seed,
    asOf,
    invoices: invoices.map((i) => ({
      ...i,
      amountMinor: Number(i.amountMinor),
      openMinor: Number(i.openMinor),
      allocations: Number(i.allocations),
      allocatedMinor: Number(i.allocatedMinor),
    })),
  });
  const actor = { id: ACTOR, role: "admin" };
  const counts: DemoCoverageCounts = {
    policies: 0,
    insuredLimits: 0,
    notifications: 0,
    claims: 0,
    factoringAgreements: 0,
    factoredInvoices: 0,
    collectionActions: 0,
    promises: { kept: 0, broken: 0, open: 0 },
    stressScenarios: 0,
  };
  for (const scenario of DEMO_SCENARIOS) {
    await saveStressScenario({ handle, actor: ACTOR, scenario });
    counts.stressScenarios++;
  }
  for (const policy of plan.policies) {
    await createInsurancePolicy({ handle, actor, input: policy });
    counts.policies++;
  }
  for (const limit of plan.limits) {
    const request = await requestInsuredLimit({
      handle,
      actor,
      policy: limit.policyNumber,
      customer: limit.customerCode,
      requestedMinor: limit.requestedMinor,
      requestedOn: limit.requestedOn,
    });
    counts.insuredLimits++;
    if (limit.decision) {
      await recordInsurerDecision({
        handle,
        actor,
        input: {
          requestId: request.id,
          requestedMinor: limit.requestedMinor,
          decidedMinor: limit.decision.decidedMinor,
          decidedOn: limit.decision.decidedOn,
          expiresOn: limit.decision.expiresOn,
          conditions: limit.decision.conditions,
          insurerReference: limit.decision.insurerReference,
        },
      });
    }
  }
  for (const n of plan.notifications) {
    const filed = await fileOverdueNotification({
      handle,
      actor,
      policy: n.policyNumber,
      customer: n.customerCode,
      invoices: n.invoiceNumbers,
      filedOn: n.filedOn,
      reference: n.reference,
    });
    counts.notifications++;
    if (n.claim) {
      const claim = await fileInsuranceClaim({
        handle,
        actor,
        input: {
          reference: n.claim.reference,
          policy: n.policyNumber,
          customer: n.customerCode,
          claimedMinor: n.claim.claimedMinor,
          filedOn: n.claim.filedOn,
          notificationId: filed.id,
        },
      });
      await moveInsuranceClaim({ handle, actor, claim: claim.id, to: "under_review", on: asOf });
      counts.claims++;
    }
  }
  for (const f of plan.factoring) {
    const { assignments, ...input } = f;
    await createFactoringAgreement({ handle, actor, input });
    counts.factoringAgreements++;
    for (const a of assignments) {
      await assignReceivables({
        handle,
        actor,
        agreement: f.reference,
        mode: a.mode,
        invoices: a.invoiceNumbers,
        assignedOn: asOf,
      });
      counts.factoredInvoices += a.invoiceNumbers.length;
    }
  }
  for (const { customerCode, ...input } of plan.actions) {
    await recordCollectionAction({ handle, actor: ACTOR, customer: customerCode, input, asOf });
    counts.collectionActions++;
  }
  const promiseIds: number[] = [];
  for (const p of plan.promises) {
    const { customerCode, expected: _expected, ...input } = p;
    const row = await createPaymentPromise({
      handle,
      actor: ACTOR,
      customer: customerCode,
      input,
      today: asOf,
    });
    promiseIds.push(row.id);
  }
  if (promiseIds.length > 0) {
    const summary = await evaluatePaymentPromises({
      handle,
      actor: ACTOR,
      asOf,
      baseCurrency: options.baseCurrency ?? "CNY",
      promiseIds,
    });
    counts.promises = { kept: summary.kept, broken: summary.broken, open: summary.open };
  }
  return counts;
}
