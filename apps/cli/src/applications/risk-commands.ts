import type { DatabaseHandle } from "@creditdesk/db";
import {
  addCustomerRisk,
  closeCustomerRisk,
  listCustomerRisks,
  riskInputSchema,
} from "@creditdesk/lib/applications";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

async function withDatabase(fn: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openAppDatabase();
  try {
    await fn(handle);
  } finally {
    await handle.close();
  }
}

export async function listRisksCommand(o: { customer: string; json: boolean }) {
  await withDatabase(async (handle) => {
    const risks = await listCustomerRisks({ handle, customer: o.customer });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(risks, null, 2)}\n`);
      return;
    }
    for (const r of risks) {
      process.stdout.write(
        `${String(r.id).padStart(6)}  ${r.status.padEnd(6)} ${r.category.padEnd(11)} ${String(r.rating).padStart(2)} ${r.level.padEnd(6)} ${r.reviewOn}  ${r.owner}: ${r.description}${r.closeReason ? ` (closed by ${r.closedBy}: ${r.closeReason})` : ""}\n`,
      );
    }
    process.stdout.write(`${risks.length} risk(s)\n`);
  });
}

export async function addRiskCommand(o: {
  customer: string;
  as: string;
  role: string;
  category: string;
  description: string;
  likelihood: string;
  impact: string;
  owner: string;
  reviewOn: string;
  mitigation?: string;
}) {
  // The API's schema: errors name the field.
  const parsed = riskInputSchema.safeParse({
    category: o.category,
    description: o.description,
    likelihood: Number(o.likelihood),
    impact: Number(o.impact),
    owner: o.owner,
    reviewOn: o.reviewOn,
    ...(o.mitigation ? { mitigation: o.mitigation } : {}),
  });
  if (!parsed.success) {
    throw new CliError(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? "?")}: ${i.message}`).join("; "),
    );
  }
  await withDatabase(async (handle) => {
    const risk = await addCustomerRisk({
      handle,
      actor: { id: o.as, role: o.role },
      customer: o.customer,
      input: parsed.data,
    });
    process.stdout.write(`added risk ${risk.id} (${risk.category}, ${risk.rating} ${risk.level})\n`);
  });
}

export async function closeRiskCommand(o: {
  customer: string;
  riskId: string;
  as: string;
  role: string;
  reason: string;
}) {
  if (!/^\d+$/.test(o.riskId)) {
    throw new CliError(`risk id must be a number, got '${o.riskId}'`);
  }
  await withDatabase(async (handle) => {
    const risk = await closeCustomerRisk({
      handle,
      actor: { id: o.as, role: o.role },
      customer: o.customer,
      riskId: Number(o.riskId),
      reason: o.reason,
    });
    process.stdout.write(`closed risk ${risk.id} by ${risk.closedBy}: ${risk.closeReason}\n`);
  });
}
