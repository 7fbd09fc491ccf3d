/**
 * The import wizard's API (apps/server/src/import): upload a file (raw body, progress reported),
 * preview with a column mapping, commit — the last two as server jobs polled for their progress. Entities are grouped by the permission that writes them.
 */
import { ApiError, apiGet, apiPost, requestHeaders } from "../../shared/api/client.ts";

export const IMPORT_GROUPS = {
  archive: ["customers", "contacts", "statements", "complaints", "ratings", "events", "defaults"],
  ledger: ["orders", "invoices", "payments", "credit-notes", "disputes"],
} as const;
export type ImportGroup = keyof typeof IMPORT_GROUPS;
export type ImportEntity = (typeof IMPORT_GROUPS)[ImportGroup][number];

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function groupOf(entity: ImportEntity): ImportGroup {
  return (IMPORT_GROUPS.archive as readonly string[]).includes(entity) ? "archive" : "ledger";
}

export type Cell = string | number | boolean | null;

export interface ImportUpload {
  id: string;
  entity: ImportEntity;
  fileName: string;
  format: "csv" | "xlsx";
  size: number;
  headers: string[];
  sampleRows: Cell[][];
  fields: { name: string; kind: string; required: boolean }[];
  suggested: (string | null)[];
}

export interface ImportProblem {
  row: number | null;
  column: string | null;
  field: string | null;
  value: string | null;
  reason: string;
}

export interface ImportResult {
  fileName: string;
  entity: string;
  status: "ok" | "problems" | "committed" | "rejected";
  runId: number | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problemCount: number;
  problems: ImportProblem[];
  seconds: number;
}

/** header → field (null: ignored), as the preview and commit routes take it. */
export type ColumnMapping = Record<string, string | null>;

/** The wizard's mapping from the server's suggestion (per column). */
export function suggestedMapping(upload: Pick<ImportUpload, "headers" | "suggested">): ColumnMapping {
  const mapping: ColumnMapping = {};
  upload.headers.forEach((header, i) => {
    if (header !== "") {
      mapping[header] = upload.suggested[i] ?? null;
    }
  });
  return mapping;
}

/**
 * Keeps the user's choices for a corrected file with the same columns: a column keeps its mapping
 * when its header is still there, new columns take the server's suggestion.
 */
export function carryMapping(previous: ColumnMapping, next: Pick<ImportUpload, "headers" | "suggested">) {
  const mapping = suggestedMapping(next);
  for (const header of Object.keys(mapping)) {
    if (header in previous) {
      mapping[header] = previous[header] ?? null;
    }
  }
  return mapping;
}

/** Required fields no column maps to. */
export function missingRequired(upload: Pick<ImportUpload, "fields">, mapping: ColumnMapping): string[] {
  const mapped = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  return upload.fields.filter((f) => f.required && !mapped.has(f.name)).map((f) => f.name);
}

/** Fields mapped from more than one column. */
export function duplicateTargets(mapping: ColumnMapping): string[] {
  const seen = new Map<string, number>();
  for (const field of Object.values(mapping)) {
    if (field !== null) {
      seen.set(field, (seen.get(field) ?? 0) + 1);
    }
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([f]) => f);
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Uploads the file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function uploadImportFile(
  entity: ImportEntity,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ImportUpload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = `/imports/${groupOf(entity)}/files?entity=${encodeURIComponent(entity)}&fileName=${encodeURIComponent(file.name)}`;
    xhr.open("POST", url);
    for (const [name, value] of Object.entries(requestHeaders("POST", document.cookie, false))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.setRequestHeader("content-type", /\.xlsx$/i.test(file.name) ? XLSX_TYPE : "text/csv");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network error"));
    xhr.onload = () => {
      let body: { title?: string; detail?: string; code?: string } & Partial<ImportUpload> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status text below
      }
      if (xhr.status === 201) {
        resolve(body as ImportUpload);
      } else {
        reject(new ApiError(xhr.status, body.title ?? xhr.statusText, body.detail, { code: body.code }));
      }
    };
    xhr.send(file);
  });
}

/** A preview or commit running on the server (GET /imports/{group}/jobs/{jobId}). */
export interface ImportJob {
  id: string;
  kind: "preview" | "commit";
  status: "running" | "done" | "failed";
  phase: "starting" | "reading" | "checking" | "merging" | "done";
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  result: ImportResult | null;
  error: { status: number; title: string; detail?: string; code?: string } | null;
}

/**
 * How far a job is, for a progress bar: the share of the file's bytes read while reading (the
 * only phase whose length is known); checking and merging come after the whole file is read, so
 * they stay just short of 100 % until the job is done.
 */
export function jobPercent(job: Pick<ImportJob, "status" | "phase" | "bytesRead" | "totalBytes">): number {
  if (job.status !== "running") {
    return 100;
  }
  switch (job.phase) {
    case "starting":
      return 0;
    case "reading":
      return job.totalBytes > 0 ? Math.min(99, Math.floor((100 * job.bytesRead) / job.totalBytes)) : 0;
    case "checking":
    case "merging":
    case "done":
      return 99;
  }
}

const POLL_MS = 300;

/**
 * Starts a preview or commit job and polls it until it ends, telling `onProgress` every answer;
 * resolves with the result (what the routes answered before they became jobs), or rejects with the
 * job's problem.
 */
export async function runImportJob(options: {
  upload: ImportUpload;
  kind: "preview" | "commit";
  columns: ColumnMapping;
  onProgress?: (job: ImportJob) => void;
  pollMs?: number;
}): Promise<ImportResult> {
  const group = groupOf(options.upload.entity);
  let job = await apiPost<ImportJob>(`/imports/${group}/files/${options.upload.id}/${options.kind}`, {
    columns: options.columns,
  });
  options.onProgress?.(job);
  while (job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? POLL_MS));
    job = await apiGet<ImportJob>(`/imports/${group}/jobs/${job.id}`);
    options.onProgress?.(job);
  }
  if (job.status === "failed" || job.result === null) {
    const problem = job.error ?? { status: 500, title: "the import job failed" };
    throw new ApiError(problem.status, problem.title, problem.detail, { code: problem.code });
  }
  return job.result;
}
