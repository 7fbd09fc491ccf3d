import type { Actor } from "@creditdesk/core/limits";
import type { DatabaseHandle, Db } from "@creditdesk/db";
import { contacts, customers } from "@creditdesk/db";
import { applicationComments, creditApplications } from "@creditdesk/db/applications";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../shared/app-error.ts";
import { type ApplicationInput, applicationInputSchema, type DocumentUpload } from "./application-input.ts";
import { loadApplicationsConfig } from "./config.ts";
import { decodeUpload, insertDocument } from "./documents.ts";

/** Parses the input with the shared schema (400 naming each field). */
export function parseApplicationInput(input: unknown) {
  const parsed = applicationInputSchema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return parsed.data;
}

/**
 * Records an application inside `db` (a transaction): the prospect as a customer with status
 * `prospect` (code APP-<id>), its primary contact, the application and its documents, and an
 * audit entry. Used by sales entry and by the public form.
 */
export async function insertApplication(
  db: Db,
  options: {
    input: ApplicationInput;
    documents?: readonly DocumentUpload[] | undefined;
    createdBy: string;
    source: "sales" | "public_form";
    maxFileBytes: number;
    maxFiles: number;
  },
) {
  const data = parseApplicationInput(options.input);
  const documents = options.documents ?? [];
  if (documents.length > options.maxFiles) {
    throw AppError.validation([{ path: "documents", message: `at most ${options.maxFiles} files` }]);
  }
  // Decode and check every file before anything is written.
  const decoded = documents.map((d, i) => ({
    upload: d,
    bytes: decodeUpload(d, options.maxFileBytes, `documents.${i}`),
  }));
  const [customer] = await db
    .insert(customers)
    .values({
      code: `APP-PENDING-${crypto.randomUUID()}`,
      legalName: data.legalName,
      industry: data.industry ?? null,
      region: data.region ?? null,
      foundedOn: data.foundedOn ?? null,
      companyType: data.companyType,
      salesOwner: data.salesOwner ?? options.createdBy,
      defaultCurrency: data.currency,
      paymentTermsDays: data.requestedTermsDays,
      status: "prospect",
    })
    .returning({ id: customers.id });
  if (!customer) {
    throw new Error("insert returned no row");
  }
  const [row] = await db
    .insert(creditApplications)
    .values({
      customerId: customer.id,
      source: options.source,
      legalName: data.legalName,
      registrationType: data.registrationType,
      registrationId: data.registrationId,
      companyType: data.companyType,
      industry: data.industry ?? null,
      region: data.region ?? null,
      address: data.address ?? null,
      phone: data.phone ?? null,
      email: data.email ?? null,
      contactName: data.contactName ?? null,
      foundedOn: data.foundedOn ?? null,
      bankName: data.bankName ?? null,
      bankAccount: data.bankAccount ?? null,
      references: data.references,
      currency: data.currency,
      requestedLimitMinor: data.requestedLimitMinor,
      requestedTermsDays: data.requestedTermsDays,
      statedMonthlyNeedMinor: data.statedMonthlyNeedMinor ?? null,
      createdBy: options.createdBy,
    })
    .returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  await db
    .update(customers)
    .set({ code: `APP-${row.id}` })
    .where(eq(customers.id, customer.id));
  if (data.contactName || data.phone || data.email) {
    await db.insert(contacts).values({
      customerId: customer.id,
      name: data.contactName ?? data.legalName,
      phone: data.phone ?? null,
      email: data.email ?? null,
      isPrimary: true,
    });
  }
  for (const d of decoded) {
    await insertDocument(db, {
      applicationId: row.id,
      upload: d.upload,
      bytes: d.bytes,
      uploadedBy: options.createdBy,
    });
  }
  await appendAudit(db, {
    actor: options.createdBy,
    action: "application.create",
    entity: "credit_application",
    entityId: row.id,
    after: {
      ...data,
      source: options.source,
      customerId: customer.id,
      documents: documents.map((d) => d.fileName),
    },
  });
  return row;
}

/** A user (sales, credit) enters an application for a prospect. */
export async function createApplication(options: {
  handle: DatabaseHandle;
  actor: Actor;
  input: ApplicationInput;
  documents?: readonly DocumentUpload[] | undefined;
}): Promise<{ id: number; customerId: number }> {
  const config = await loadApplicationsConfig(options.handle.db);
  const row = await options.handle.transaction((tx) =>
    insertApplication(tx.db, {
      input: options.input,
      documents: options.documents,
      createdBy: options.actor.id,
      source: "sales",
      maxFileBytes: config.publicForm.maxFileBytes,
      maxFiles: config.publicForm.maxFiles,
    }),
  );
  return { id: row.id, customerId: row.customerId };
}

/** A comment on the case (kept in the case file). */
export async function addApplicationComment(options: {
  handle: DatabaseHandle;
  actor: Actor;
  id: number;
  body: string;
}) {
  const [row] = await options.handle.db
    .insert(applicationComments)
    .values({ applicationId: options.id, author: options.actor.id, body: options.body })
    .returning();
  return { ...row!, createdAt: row!.createdAt.toISOString() };
}
