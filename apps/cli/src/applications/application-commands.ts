import { readFile, writeFile } from "node:fs/promises";
import {
  APPLICATION_DECISIONS,
  type ApplicationDecision,
  CONDITION_KINDS,
  type ConditionKind,
} from "@creditdesk/core/applications";
import { parseDecimalToMinor } from "@creditdesk/core/money";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  buildCaseFile,
  createApplication,
  decideApplication,
  fulfilApplicationCondition,
  getApplication,
  listApplications,
  renderCaseFilePdf,
  runApplicationCheck,
} from "@creditdesk/lib/applications";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function withDatabase(fn: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openAppDatabase();
  try {
    await fn(handle);
  } finally {
    await handle.close();
  }
}

function applicationId(text: string): number {
  const m = /^(?:APP-)?(\d{1,15})$/i.exec(text.trim());
  if (!m) {
    throw new CliError(`application id must be a number or APP-<number>, got '${text}'`);
  }
  return Number(m[1]);
}

function minor(amount: string, currency: string, what: string): number {
  const parsed = parseDecimalToMinor(amount, currency);
  if (!parsed.ok) {
    throw new CliError(`${what}: ${parsed.reason}`);
  }
  return parsed.amountMinor;
}

export async function listCommand(o: { status?: string; json: boolean }) {
  await withDatabase(async (handle) => {
    const { items } = await listApplications({ handle, status: o.status, limit: 500 });
    if (o.json) {
      print(items);
      return;
    }
    for (const a of items) {
      process.stdout.write(
        `${a.reference.padEnd(10)} ${a.status.padEnd(25)} ${a.currency} ${(a.requestedLimitMinor / 100).toFixed(2).padStart(15)}  ${a.legalName}\n`,
      );
    }
    process.stdout.write(`${items.length} application(s)\n`);
  });
}

export async function showCommand(o: { id: string }) {
  await withDatabase(async (handle) => {
    print(await getApplication({ handle, id: applicationId(o.id) }));
  });
}

export async function createCommand(o: { file: string; as: string; role: string }) {
  let body: { documents?: unknown } & Record<string, unknown>;
  try {
    body = JSON.parse(await readFile(o.file, "utf8")) as typeof body;
  } catch (error) {
    throw new CliError(`${o.file}: ${(error as Error).message}`);
  }
  const { documents, ...input } = body;
  await withDatabase(async (handle) => {
    const created = await createApplication({
      handle,
      actor: { id: o.as, role: o.role },
      // Validated by the use case (the same schema as the API); errors name the field.
      input: input as never,
      documents: (documents ?? []) as never,
    });
    process.stdout.write(`created APP-${created.id} (prospect customer ${created.customerId})\n`);
  });
}

export async function checkCommand(o: { id: string; as: string; role: string }) {
  await withDatabase(async (handle) => {
    const result = await runApplicationCheck({
      handle,
      actor: { id: o.as, role: o.role },
      id: applicationId(o.id),
    });
    for (const d of result.duplicates) {
      process.stdout.write(
        `duplicate  ${d.kind} ${d.id} ${d.name}: ${d.reasons.map((r) => r.field).join(", ")}\n`,
      );
    }
    for (const s of result.signals) {
      process.stdout.write(`signal     [${s.severity}] ${s.code} (${s.score}): ${s.explanation.en}\n`);
    }
    process.stdout.write(
      `integrity score ${result.score}; ${result.duplicates.length} possible duplicate(s)\n`,
    );
  });
}

export async function decideCommand(o: {
  id: string;
  decision: string;
  as: string;
  role: string;
  reason?: string;
  limit?: string;
  terms?: string;
  reviewOn?: string;
  prepayment?: string;
  guarantee?: string;
  insurance?: string;
}) {
  const decision = APPLICATION_DECISIONS.find((d) => d === o.decision) as ApplicationDecision | undefined;
  if (!decision) {
    throw new CliError(`decision must be one of ${APPLICATION_DECISIONS.join(", ")}`);
  }
  await withDatabase(async (handle) => {
    const id = applicationId(o.id);
    const app = await getApplication({ handle, id });
    const conditions = {
      ...(o.prepayment ? { prepaymentBps: Math.round(Number(o.prepayment) * 100) } : {}),
      ...(o.guarantee ? { guaranteeMinor: minor(o.guarantee, app.currency, "guarantee") } : {}),
      ...(o.insurance ? { creditInsuranceMinor: minor(o.insurance, app.currency, "insurance") } : {}),
    };
    const result = await decideApplication({
      handle,
      actor: { id: o.as, role: o.role },
      id,
      input: {
        decision,
        reason: o.reason,
        ...(o.limit ? { limitMinor: minor(o.limit, app.currency, "limit") } : {}),
        ...(o.terms ? { termsDays: Number(o.terms) } : {}),
        ...(o.reviewOn ? { reviewOn: o.reviewOn } : {}),
        ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
      },
    });
    process.stdout.write(
      `APP-${result.id} ${result.status}${result.limitId ? ` (limit ${result.limitId})` : ""}\n`,
    );
  });
}

export async function conditionMetCommand(o: {
  id: string;
  kind: string;
  as: string;
  reference?: string;
  validFrom?: string;
  expiresOn?: string;
  note?: string;
}) {
  const kind = CONDITION_KINDS.find((k) => k === o.kind) as ConditionKind | undefined;
  if (!kind) {
    throw new CliError(`condition must be one of ${CONDITION_KINDS.join(", ")}`);
  }
  await withDatabase(async (handle) => {
    const met = await fulfilApplicationCondition({
      handle,
      actor: { id: o.as },
      id: applicationId(o.id),
      kind,
      input: {
        reference: o.reference,
        validFrom: o.validFrom,
        expiresOn: o.expiresOn,
        note: o.note,
      },
    });
    print(met);
  });
}

export async function caseFileCommand(o: { id: string; out: string; lang?: string }) {
  await withDatabase(async (handle) => {
    const file = await buildCaseFile({ handle, id: applicationId(o.id), language: o.lang ?? null });
    await writeFile(
      o.out,
      o.out.endsWith(".json") ? JSON.stringify(file, null, 2) : await renderCaseFilePdf(file),
    );
    process.stdout.write(`wrote ${o.out}\n`);
  });
}
