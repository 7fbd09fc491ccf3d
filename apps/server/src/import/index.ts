import type { Permission } from "@creditdesk/core/identity";
import { entitySpec, type ImportEntity, mapHeaders } from "@creditdesk/core/import";
import type { DatabaseHandle } from "@creditdesk/db";
import { appendAudit, appendAuditNow } from "@creditdesk/lib/audit";
import { type ImportProgress, type ImportSummary, importFile, readRecords } from "@creditdesk/lib/import";
import { AppError } from "@creditdesk/lib/shared";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { describeChange } from "../audit/describe-change.ts";
import { inRequestTransaction } from "../audit/request-transaction.ts";
import { problemResponses, problemSchema } from "../shared/problem.ts";
import { type ImportJob, ImportJobStore, requestCredential } from "./import-jobs.ts";
import { MAX_UPLOAD_BYTES, type StoredUpload, UploadStore } from "./upload-store.ts";

export const IMPORT_TAG = "Import";

/**
 * The web import wizard's entities, grouped by the permission that writes them: archive records
 * need customers:write, ledger records ledger:write (the same split as the record routes).
 */
const GROUPS = [
  {
    group: "archive",
    write: "customers:write",
    entities: ["customers", "contacts", "statements", "complaints", "ratings", "events", "defaults"],
  },
  {
    group: "ledger",
    write: "ledger:write",
    entities: ["orders", "invoices", "payments", "credit-notes", "disputes"],
  },
] as const satisfies ReadonlyArray<{ group: string; write: Permission; entities: readonly ImportEntity[] }>;

const SAMPLE_ROWS = 5;
const MAX_PROBLEMS_SENT = 500;
const UPLOAD_TYPES = [
  "text/csv",
  "text/plain",
  "application/octet-stream",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldSchema = z.object({ name: z.string(), kind: z.string(), required: z.boolean() });
const uploadSchema = z
  .object({
    id: z.string(),
    entity: z.string(),
    fileName: z.string(),
    format: z.enum(["csv", "xlsx"]),
    size: z.number().int(),
    headers: z.array(z.string()),
    sampleRows: z.array(z.array(cell)),
    fields: z.array(fieldSchema),
    suggested: z.array(z.string().nullable()).describe("per column, the field its header maps to"),
  })
  .meta({ id: "ImportUpload" });
const importProblemSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});
const resultSchema = z
  .object({
    fileName: z.string(),
    entity: z.string(),
    status: z.enum(["ok", "problems", "committed", "rejected"]),
    runId: z.number().int().nullable(),
    rowsRead: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    problemCount: z.number().int(),
    problems: z.array(importProblemSchema).describe(`the first ${MAX_PROBLEMS_SENT}, in row order`),
    seconds: z.number(),
  })
  .meta({ id: "ImportResult" });
const runBody = z
  .object({
    columns: z
      .record(z.string().max(200), z.string().max(100).nullable())
      .describe("header → field, null ignores the column"),
    dateFormat: z.string().max(40).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .strict();
const idParams = z.object({ id: z.string().uuid() });
const jobParams = z.object({ jobId: z.string().uuid() });
type ImportResult = z.infer<typeof resultSchema>;
const jobSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(["preview", "commit"]),
    status: z.enum(["running", "done", "failed"]),
    phase: z
      .enum(["starting", "reading", "checking", "merging", "done"])
      .describe("reading: parsing and staging the file; checking: set-wise checks; merging: writing"),
    rowsRead: z.number().int(),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
    result: resultSchema.nullable().describe("when done: what the preview or commit answered"),
    error: problemSchema.nullable().describe("when failed: the problem"),
  })
  .meta({ id: "ImportJob" });
const jobBody = (job: ImportJob<ImportResult>): z.infer<typeof jobSchema> => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  phase: job.phase,
  rowsRead: job.rowsRead,
  bytesRead: job.bytesRead,
  totalBytes: job.totalBytes,
  result: job.result,
  error: job.error,
});

/** The rollback of a preview: carries the summary out of the savepoint it undoes. */
class PreviewDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super("preview");
  }
}

const cellOut = (v: unknown): string | number | boolean | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : typeof v === "string" || typeof v === "number" || typeof v === "boolean"
        ? v
        : String(v);

async function headAndSample(upload: StoredUpload) {
  const records = readRecords({ path: upload.path });
  const rows: (string | number | boolean | null)[][] = [];
  for await (const record of records) {
    rows.push(record.cells.map(cellOut));
    if (rows.length > SAMPLE_ROWS) {
      break;
    }
  }
  await records.return(undefined);
  const [header = [], ...sample] = rows;
  return { headers: header.map((h) => (h === null ? "" : String(h).trim())), sampleRows: sample };
}

function result(summary: ImportSummary, fileName: string, preview: boolean): ImportResult {
  const status = preview
    ? summary.problemCount > 0 || summary.status === "rejected"
      ? "problems"
      : "ok"
    : summary.status;
  return {
    fileName,
    entity: summary.entity,
    status,
    runId: preview ? null : summary.runId,
    rowsRead: summary.rowsRead,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    problemCount: summary.problemCount,
    problems: summary.problems.slice(0, MAX_PROBLEMS_SENT).map((p) => ({ ...p })),
    seconds: summary.seconds,
  };
}

/**
 * The web import wizard over the CLI's importer (packages/lib/src/import): upload a CSV/XLSX file
 * (raw body, at most 20 MiB), read its header and first rows with the suggested column mapping,
 * preview (the whole strict import run inside a savepoint that is rolled back: every problem by
 * row, column and field, or the counts it would write) and commit (strict: any problem writes
 * nothing). Per group: `/imports/archive/…` (customers:write), `/imports/ledger/…` (ledger:write).
 *
 * Preview and commit are jobs (import-jobs.ts): the POST answers 202 with the job, the wizard polls
 * `GET /imports/{group}/jobs/{jobId}` for the phase and rows read, and the finished job carries the
 * same result the routes answered before. The job does what the guard does for a write: the import
 * and its audit entry run in one transaction and commit together.
 */
export function registerImportRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  const store = new UploadStore();
  const jobs = new ImportJobStore<ImportResult>();
  const owner = (request: FastifyRequest) => request.principal?.login ?? "anonymous";

  app.register(async (scope) => {
    // Raw file bodies only in this scope; JSON keeps the server's 1 MiB limit.
    scope.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    for (const { group, write, entities } of GROUPS) {
      const base = `/imports/${group}/files`;
      const entityEnum = z.enum(entities);
      const uploadOf = (id: string, login: string) => {
        const upload = store.get(id, login);
        if (!upload) {
          throw new AppError(
            "NOT_FOUND",
            `upload ${id} does not exist or has expired: upload the file again`,
          );
        }
        return upload;
      };

      r.post(
        base,
        {
          config: { permission: write, audit: false },
          schema: {
            tags: [IMPORT_TAG],
            summary: `Upload a CSV or XLSX file of ${group} records for the import wizard`,
            description: `Raw file body (text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB). Answers the header, the first rows and the suggested column mapping. Entities: ${entities.join(", ")}.`,
            querystring: z.object({ entity: entityEnum, fileName: z.string().min(1).max(255) }),
            response: {
              201: uploadSchema,
              400: problemResponses[400],
              413: problemSchema.describe("the file is larger than the limit"),
              415: problemSchema.describe("the body is not a file"),
            },
          },
        },
        async (request, reply) => {
          if (!Buffer.isBuffer(request.body)) {
            throw new AppError(
              "UNSUPPORTED_MEDIA_TYPE",
              "send the file itself as the body (content-type text/csv or the XLSX type), not JSON",
            );
          }
          if (request.body.length === 0) {
            throw new AppError("VALIDATION", "the file is empty");
          }
          const { entity, fileName } = request.query;
          const upload = await store.put({ owner: owner(request), entity, fileName, bytes: request.body });
          const spec = entitySpec(entity);
          let head: Awaited<ReturnType<typeof headAndSample>>;
          try {
            head = await headAndSample(upload);
          } catch (error) {
            await store.remove(upload.id);
            throw new AppError(
              "VALIDATION",
              `${fileName} cannot be read as ${upload.format.toUpperCase()}: ${(error as Error).message}`,
            );
          }
          const mapping = mapHeaders(head.headers, spec);
          await appendAuditNow(handle, {
            actor: owner(request),
            action: "import.upload",
            entity: "import_upload",
            entityId: upload.id,
            after: { entity, fileName, size: upload.size },
          });
          return reply.code(201).send({
            id: upload.id,
            entity,
            fileName,
            format: upload.format,
            size: upload.size,
            ...head,
            fields: spec.fields.map((f) => ({ name: f.name, kind: f.kind, required: f.required === true })),
            suggested: [...mapping.fields],
          });
        },
      );

      /** The import run itself (inside the job's transaction); the preview rolls back to a savepoint. */
      const runImport = async (
        upload: StoredUpload,
        options: Parameters<typeof importFile>[0],
        preview: boolean,
      ): Promise<ImportResult> => {
        if (!preview) {
          const summary = await importFile(options);
          if (summary.status === "committed") {
            await store.remove(upload.id);
          }
          return result(summary, upload.fileName, false);
        }
        try {
          await handle.transaction(async () => {
            throw new PreviewDone(await importFile(options));
          });
        } catch (error) {
          if (error instanceof PreviewDone) {
            return result(error.summary, upload.fileName, true);
          }
          throw error;
        }
        throw new Error("unreachable: the preview always rolls back");
      };

      /** Runs `fn` with the run's own mapping file (the wizard's columns), removed after. */
      const withMappingFile = async <T>(
        upload: StoredUpload,
        body: z.infer<typeof runBody>,
        fn: (mappingFile: string) => Promise<T>,
      ): Promise<T> => {
        const mappingFile = await store.writeMapping(upload, {
          columns: body.columns,
          ...(body.currency ? { currency: body.currency } : {}),
        });
        try {
          return await fn(mappingFile);
        } finally {
          await store.removeFile(mappingFile);
        }
      };

      const startJob = async (
        request: FastifyRequest,
        { id, body, kind }: { id: string; body: z.infer<typeof runBody>; kind: "preview" | "commit" },
      ) => {
        const login = owner(request);
        const upload = uploadOf(id, login);
        const entity = entities.find((e) => e === upload.entity);
        if (!entity) {
          throw new AppError("NOT_FOUND", `upload ${upload.id} belongs to another import group`);
        }
        const credential = requestCredential(request);
        if (!credential) {
          throw new AppError("UNAUTHORIZED", "sign in or send an API token");
        }
        const url = `${base}/:id/${kind}`;
        // No await between the "already running?" check and the job's start (jobs.start does
        // both at once): the run writes its own mapping file. A mapping file shared by the runs of
        // an upload was rewritten by a refused second run while the first one read it.
        return jobs.start({
          credential,
          group,
          uploadId: upload.id,
          kind,
          totalBytes: upload.size,
          instance: `/imports/${group}/files/${id}/${kind}`,
          run: (onProgress: (p: ImportProgress) => void) =>
            // What the guard does for a write, here for the background run: one transaction
            // (use cases join it through the request-scoped handle) with its audit entry.
            withMappingFile(upload, body, (mappingFile) =>
              inRequestTransaction(handle, async (tx) => {
                const answer = await runImport(
                  upload,
                  {
                    handle,
                    entity,
                    file: upload.path,
                    mode: "strict",
                    mappingFile,
                    onProgress,
                    ...(body.dateFormat ? { dateFormat: body.dateFormat } : {}),
                  },
                  kind === "preview",
                );
                await appendAudit(
                  tx.db,
                  describeChange({
                    method: "POST",
                    url,
                    params: { id },
                    body,
                    result: answer,
                    before: undefined,
                    actor: login,
                    status: 200,
                  }),
                );
                return answer;
              }),
            ),
        });
      };

      const runSchema = (summary: string) => ({
        tags: [IMPORT_TAG],
        summary,
        description:
          "Answers 202 with the job at once; poll `GET /imports/{group}/jobs/{jobId}` (the Location header) for its progress and, when done, its result.",
        params: idParams,
        body: runBody,
        response: {
          202: jobSchema,
          400: problemResponses[400],
          404: problemResponses[404],
          409: problemSchema.describe("a preview or commit of this upload is running"),
        },
      });
      const answerJob = (reply: FastifyReply, job: ImportJob<ImportResult>) =>
        reply.code(202).header("location", `/imports/${group}/jobs/${job.id}`).send(jobBody(job));
      r.post(
        `${base}/:id/preview`,
        {
          // Audited by the job itself, in the import's transaction (startJob).
          config: { permission: write, audit: false },
          schema: runSchema(
            "Check an uploaded file with a column mapping: every problem, or what a commit would write (nothing is written)",
          ),
        },
        async (request, reply) =>
          answerJob(
            reply,
            await startJob(request, { id: request.params.id, body: request.body, kind: "preview" }),
          ),
      );
      r.post(
        `${base}/:id/commit`,
        {
          config: { permission: write, audit: false },
          schema: runSchema("Import an uploaded file (strict: any problem writes nothing)"),
        },
        async (request, reply) =>
          answerJob(
            reply,
            await startJob(request, { id: request.params.id, body: request.body, kind: "commit" }),
          ),
      );
      r.get(
        `/imports/${group}/jobs/:jobId`,
        {
          // The credential that started the job is checked by the store, without a database read
          // (see import-jobs.ts: on PGlite the running import holds the only connection).
          config: { public: true },
          schema: {
            tags: [IMPORT_TAG],
            summary: `Progress of a preview or commit of ${group} records, and its result when done`,
            description:
              "Answers only the API token or session that started the job; a finished job is kept for an hour.",
            params: jobParams,
            response: {
              200: jobSchema,
              401: problemSchema.describe("no credentials sent"),
              404: problemResponses[404],
            },
          },
        },
        async (request) => {
          const credential = requestCredential(request);
          if (!credential) {
            throw new AppError("UNAUTHORIZED", "send the API token or session that started the job");
          }
          const job = jobs.get({ id: request.params.jobId, group, credential });
          if (!job) {
            throw new AppError(
              "NOT_FOUND",
              `import job ${request.params.jobId} does not exist, has expired or was started by someone else`,
            );
          }
          return jobBody(job);
        },
      );
    }
  });
}
