import { formatMinor, parseDecimalToMinor } from "@creditdesk/core/money";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  checkCredit,
  decideLimitRequest,
  getCustomerLimits,
  getExposure,
  LIMIT_DECISIONS,
  type LimitDecision,
  recommendCustomerLimit,
  requestLimitChange,
  setCreditLimit,
} from "@creditdesk/lib/limits";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const today = () => new Date().toISOString().slice(0, 10);
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function minor(amount: string, currency: string): number {
  const parsed = parseDecimalToMinor(amount, currency);
  if (!parsed.ok) {
    throw new CliError(`amount: ${parsed.reason}`);
  }
  return parsed.amountMinor;
}

async function withDatabase(fn: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openAppDatabase();
  try {
    await fn(handle);
  } finally {
    await handle.close();
  }
}

export async function recommendCommand(o: { customer: string; currency: string; asOf?: string }) {
  await withDatabase(async (handle) => {
    print(await recommendCustomerLimit({ handle, customer: o.customer, currency: o.currency, asOf: o.asOf }));
  });
}

export async function showCommand(o: { customer: string; currency?: string }) {
  await withDatabase(async (handle) => {
    const limits = await getCustomerLimits({ handle, customer: o.customer });
    const exposure = await getExposure({ handle, customer: o.customer, currency: o.currency });
    print({ limits, exposure });
  });
}

export async function setCommand(o: {
  customer: string;
  amount: string;
  currency: string;
  temporary?: boolean;
  validFrom?: string;
  validTo?: string;
  as: string;
}) {
  await withDatabase(async (handle) => {
    const record = await setCreditLimit({
      handle,
      actorId: `cli:${o.as}`,
      input: {
        customer: o.customer,
        currency: o.currency,
        amountMinor: minor(o.amount, o.currency),
        kind: o.temporary ? "temporary" : "standard",
        validFrom: o.validFrom ?? today(),
        validTo: o.validTo ?? null,
      },
    });
    print(record);
  });
}

export async function requestCommand(o: {
  customer: string;
  amount: string;
  justification: string;
  as: string;
  role: string;
  kind: string;
  currency: string;
  validTo?: string;
}) {
  const kinds = ["new", "raise", "lower", "temporary"] as const;
  const kind = kinds.find((k) => k === o.kind);
  if (!kind) {
    throw new CliError(`--kind must be one of ${kinds.join(", ")}`);
  }
  await withDatabase(async (handle) => {
    print(
      await requestLimitChange({
        handle,
        actor: { id: o.as, role: o.role },
        input: {
          customer: o.customer,
          kind,
          currency: o.currency,
          requestedMinor: minor(o.amount, o.currency),
          validFrom: today(),
          validTo: o.validTo ?? null,
          justification: o.justification,
        },
      }),
    );
  });
}

export async function decideCommand(o: {
  id: string;
  decision: string;
  as: string;
  role: string;
  comment?: string;
}) {
  const decision = LIMIT_DECISIONS.find((d) => d === o.decision) as LimitDecision | undefined;
  if (!decision) {
    throw new CliError(`decision must be one of ${LIMIT_DECISIONS.join(", ")}`);
  }
  if (!/^\d+$/.test(o.id)) {
    throw new CliError(`request id must be a number, got '${o.id}'`);
  }
  await withDatabase(async (handle) => {
    print(
      await decideLimitRequest({
        handle,
        id: Number(o.id),
        decision,
        comment: o.comment,
        actor: { id: o.as, role: o.role },
      }),
    );
  });
}

export async function checkCommand(o: {
  customer: string;
  amount: string;
  currency: string;
  order?: string;
  json: boolean;
}) {
  await withDatabase(async (handle) => {
    const result = await checkCredit({
      handle,
      actorId: `cli:${process.env.USER ?? "unknown"}`,
      input: {
        customer: o.customer,
        amountMinor: minor(o.amount, o.currency),
        currency: o.currency,
        orderReference: o.order ?? `CLI-${Date.now()}`,
      },
    });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const available =
      result.availableMinor !== null && result.limitCurrency
        ? ` · available ${formatMinor(result.availableMinor, result.limitCurrency)} ${result.limitCurrency}`
        : "";
    process.stdout.write(
      `${result.outcome.toUpperCase()} ${formatMinor(result.amountMinor, result.currency)} ${result.currency} ` +
        `(order ${result.orderReference}${result.idempotent ? ", earlier decision" : ""})${available}\n`,
    );
    for (const reason of result.reasons) {
      process.stdout.write(
        `  ${reason.severity.padEnd(7)} ${reason.code}  ${reason.text.en} / ${reason.text.zh}\n`,
      );
    }
  });
}
