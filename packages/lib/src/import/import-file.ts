import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import {
  type CellValue,
  compileRowValidator,
  type DateFormat,
  type DateOrder,
  DETECT_DATES,
  describeOrder,
  detectDateOrder,
  entitySpec,
  fileProblem,
  type ImportEntity,
  type ImportPlan,
  type ImportProblem,
  type MappingFile,
  mapHeaders,
  parseDateFormatOption,
  parseMappingFile,
  planImport,
} from "@creditdesk/core/import";
import type { DatabaseHandle } from "@creditdesk/db";
import {
  analyzeStaging,
  checkStaging,
  copyBadKeys,
  copyCsv,
  copyTextToStaging,
  createStaging,
  dropRejectedRows,
  listStagingRejects,
  type MergeCounts,
  mergePlan,
  mergeStaging,
  recordImportRun,
  tuneStagingSession,
} from "@creditdesk/db/import";
import { sql } from "drizzle-orm";
import { readRecordBatches, sourceFormatOf } from "./read-records.ts";
import type { SourceRecord } from "./source-record.ts";
import { writeProblemsFile, writeRejectsFile } from "./write-rejects.ts";

export const IMPORT_MODES = ["strict", "lenient"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * Rows per chunk of COPY text handed to the database layer: small enough that the string stays
 * below V8's large-object size (~128 KB) and dies young; the layer groups chunks per COPY.
 */
export const BATCH_ROWS = 1_500;
/** Characters after which a COPY text chunk is handed on early (wide rows). */
const CHUNK_CHARS = 96_000;
/** Day/month order is detected from the date values of the first rows (later contradictions are row problems). */
export const DATE_DETECTION_ROWS = 10_000;
/** Problems kept in memory (and written to the problems file); beyond this only counted. */
export const MAX_KEPT_PROBLEMS = 200_000;

export interface ImportProgress {
  readonly phase: "reading" | "checking" | "merging" | "done";
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface ImportFileOptions {
  readonly handle: DatabaseHandle;
  readonly entity: ImportEntity;
  readonly file: string;
  readonly mode?: ImportMode | undefined;
  readonly mappingFile?: string | undefined;
  /** --date-format: overrides the mapping file's dateFormat. */
  readonly dateFormat?: string | undefined;
  /** Lenient mode: where rejected rows go (default `<file>.rejects.csv`). */
  readonly rejectsFile?: string | undefined;
  /** Strict mode: where all problems go when there are more than 50 (default `<file>.problems.csv`). */
  readonly problemsFile?: string | undefined;
  readonly sheet?: string | undefined;
  readonly onProgress?: ((p: ImportProgress) => void) | undefined;
  /**
   * Staged rows from which the merge checks the target's foreign keys once, set-wise, instead of
   * per row — locking the table until commit (default BULK_FOREIGN_KEY_ROWS; see
   * withForeignKeysCheckedOnce in @creditdesk/db/import).
   */
  readonly bulkRows?: number | undefined;
  /**
   * Staged rows from which a merge into a table holding fewer rows drops the table's secondary
   * indexes and builds them again after the merge (default BULK_INDEX_ROWS; see
   * withIndexesRebuilt in @creditdesk/db/import).
   */
  readonly bulkIndexRows?: number | undefined;
}

export interface ImportSummary {
  readonly runId: number;
  readonly entity: ImportEntity;
  readonly file: string;
  readonly mode: ImportMode;
  /** committed: data written; rejected: nothing written (strict problems or a file-level problem). */
  readonly status: "committed" | "rejected";
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Source rows not imported. */
  readonly rejected: number;
  readonly problemCount: number;
  /** The problems, in row order (at most MAX_KEPT_PROBLEMS). */
  readonly problems: readonly ImportProblem[];
  /** Columns ignored in lenient mode because nothing maps them. */
  readonly ignoredColumns: readonly string[];
  readonly details: Readonly<Record<string, number>>;
  readonly rejectsFile: string | null;
  readonly problemsFile: string | null;
  readonly seconds: number;
  /**
   * Where the time went, in milliseconds: read_validate (reading, parsing, validating, encoding —
   * the JavaScript side), stage_copy (waiting for the staging COPY beyond that), analyze, checks,
   * merge, commit, finish (problems/rejects files, import_runs record), hash (only if the file
   * hash could not be taken while reading).
   */
  readonly timings: Readonly<Record<string, number>>;
}

/** A problem with the options themselves (unreadable mapping file, unknown date format). */
export class ImportOptionsError extends Error {
  override readonly name = "ImportOptionsError";
}

/** Thrown inside the transaction to roll a strict import back. */
class StrictRejection extends Error {}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (c) => hash.update(c))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

function loadMapping(path: string | undefined): MappingFile | null {
  if (path === undefined) {
    return null;
  }
  const r = parseMappingFile(readFileSync(path, "utf8"));
  if (!r.ok) {
    throw new ImportOptionsError(r.reason);
  }
  return r.mapping;
}

function resolveDateFormat(option: string | undefined): DateFormat {
  if (option === undefined) {
    return DETECT_DATES;
  }
  const r = parseDateFormatOption(option);
  if (!r.ok) {
    throw new ImportOptionsError(r.reason);
  }
  return r.format;
}

/**
 * Imports a CSV or XLSX file into the archive or ledger, streaming: rows are parsed, validated
 * and COPYed in batches into a temporary staging table, checked set-wise (unknown customers,
 * duplicate keys …) and merged with one upsert per table, all in one transaction. Strict mode
 * writes nothing if any row has a problem and lists them all; lenient mode commits the good rows
 * and writes the bad ones to a rejects file. Re-importing the same file changes nothing. Every
 * attempt is recorded in import_runs.
 */
/** Imports that change at least this many rows refresh the table's planner statistics. */
const ANALYZE_AFTER_ROWS = 1_000;

export async function importFile(options: ImportFileOptions): Promise<ImportSummary> {
  const started = new Date();
  const mode = options.mode ?? "strict";
  const spec = entitySpec(options.entity);
  const mapping = loadMapping(options.mappingFile);
  const dateFormat = resolveDateFormat(options.dateFormat ?? mapping?.dateFormat);
  const sheet = options.sheet ?? mapping?.sheet;
  const delimiter = mapping?.delimiter;
  const defaultCurrency = mapping?.currency ?? "CNY";
  const totalBytes = statSync(options.file).size;
  const timings: Record<string, number> = {};
  const clock = () => performance.now();
  const lap = (name: string, since: number) => {
    timings[name] = (timings[name] ?? 0) + (clock() - since);
  };
  // A CSV is hashed on the way through (no second read); XLSX, or a read stopped early, is hashed apart.
  const hashing = sourceFormatOf(options.file) === "csv" ? createHash("sha256") : null;
  let hashedBytes = 0;
  let fileSha256Value: string | null = null;
  const fileSha256 = async (): Promise<string> => {
    if (fileSha256Value === null) {
      if (hashing !== null && hashedBytes === totalBytes) {
        fileSha256Value = hashing.digest("hex");
      } else {
        const t0 = clock();
        fileSha256Value = await sha256File(options.file);
        lap("hash", t0);
      }
    }
    return fileSha256Value;
  };

  let bytesRead = 0;
  let rowsRead = 0;
  const progress = (phase: ImportProgress["phase"]) =>
    options.onProgress?.({ phase, rowsRead, bytesRead, totalBytes });

  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const addProblem = (p: ImportProblem) => {
    problemCount++;
    if (problems.length < MAX_KEPT_PROBLEMS) {
      problems.push(p);
    }
  };
  /** Rejected source rows → reason(s), for the rejects file. */
  const rejectedRows = new Map<number, string>();
  const rejectRow = (row: number, reason: string) => {
    const earlier = rejectedRows.get(row);
    rejectedRows.set(row, earlier === undefined ? reason : `${earlier}; ${reason}`);
  };

  const readStarted = clock();
  const batchIterator = readRecordBatches({
    path: options.file,
    sheet,
    delimiter,
    onBytes: (b) => {
      bytesRead = b;
    },
    onChunk: (chunk) => {
      hashing?.update(chunk);
      hashedBytes += chunk.length;
    },
  })[Symbol.asyncIterator]();
  /** Records read but not yet consumed (the rest of the current batch). */
  let pending: SourceRecord[] = [];
  let pendingAt = 0;
  const nextRecord = async (): Promise<SourceRecord | null> => {
    while (pendingAt >= pending.length) {
      const b = await batchIterator.next();
      if (b.done) {
        return null;
      }
      pending = b.value;
      pendingAt = 0;
    }
    return pending[pendingAt++] ?? null;
  };
  const first = await nextRecord();
  const headers =
    first === null ? [] : first.cells.map((c) => (c === null || c === undefined ? "" : String(c).trim()));
  const headerMapping = mapHeaders(headers, spec, mapping?.columns ?? {});
  const plan = planImport(spec, headers, headerMapping);
  const fatal: ImportProblem[] = [...headerMapping.problems];
  if (first === null) {
    fatal.push(fileProblem("the file is empty (no header row)"));
  }
  if (mode === "strict") {
    for (const column of headerMapping.unknown) {
      fatal.push(
        fileProblem(
          `column '${column}' is not a field of ${spec.entity}; map it or ignore it in a mapping file ({"columns": {"${column}": null}}) or import with --lenient`,
          column,
        ),
      );
    }
  }

  // Buffer the first rows to detect each date column's day/month order.
  const buffered: SourceRecord[] = [];
  while (fatal.length === 0 && buffered.length < DATE_DETECTION_ROWS) {
    const next = await nextRecord();
    if (next === null) {
      break;
    }
    buffered.push(next);
  }
  const dateOrders = detectDateOrders(plan, headers, buffered, dateFormat, fatal);
  lap("read_validate", readStarted);

  const finish = async (result: {
    status: "committed" | "rejected";
    counts: MergeCounts | null;
    rowsRead: number;
    rejected: number;
  }): Promise<ImportSummary> => {
    const finishStarted = clock();
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    let problemsFile: string | null = null;
    if (problemCount > 50 || (options.problemsFile !== undefined && problemCount > 0)) {
      problemsFile = options.problemsFile ?? `${options.file}.problems.csv`;
      await writeProblemsFile(problemsFile, problems);
    }
    let rejectsFile: string | null = null;
    if (mode === "lenient" && result.status === "committed" && rejectedRows.size > 0) {
      rejectsFile = options.rejectsFile ?? `${options.file}.rejects.csv`;
      await writeRejectsFile({
        source: options.file,
        sheet,
        delimiter,
        out: rejectsFile,
        reasons: rejectedRows,
      });
    }
    const counts = result.counts ?? { inserted: 0, updated: 0, unchanged: 0, details: {} };
    const sha = await fileSha256();
    const finished = new Date();
    const runId = await recordImportRun(options.handle.db, {
      entity: options.entity,
      fileName: basename(options.file),
      fileSha256: sha,
      mode,
      status: result.status,
      rowsRead: result.rowsRead,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: result.rejected,
      problems: { count: problemCount, first: problems.slice(0, 50), details: counts.details },
      startedAt: started,
      finishedAt: finished,
    });
    progress("done");
    lap("finish", finishStarted);
    return {
      runId,
      entity: options.entity,
      file: options.file,
      mode,
      status: result.status,
      rowsRead: result.rowsRead,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: result.rejected,
      problemCount,
      problems,
      ignoredColumns: mode === "lenient" ? headerMapping.unknown : [],
      details: counts.details,
      rejectsFile,
      problemsFile,
      seconds: (finished.getTime() - started.getTime()) / 1000,
      timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    };
  };

  if (fatal.length > 0) {
    await batchIterator.return?.(undefined);
    for (const p of fatal) {
      addProblem(p);
    }
    return finish({ status: "rejected", counts: null, rowsRead: 0, rejected: 0 });
  }

  const ctx = { defaultCurrency, dateFormat, dateOrders };
  const validate = compileRowValidator(plan, ctx);
  const stagedFields = plan.staged.map((f) => ({ name: f.name, kind: f.kind }));
  const paymentRefIndex = plan.columnIndex.get("payment_reference");
  const badPaymentRefs = new Set<string>();
  let stagedRows = 0;

  /** One source record: validated, then encoded as a staging COPY line or recorded as rejected. */
  const encode = (rec: SourceRecord): string => {
    if (isBlank(rec.cells)) {
      return "";
    }
    rowsRead++;
    const r = validate(rec.row, rec.cells);
    if (r.ok) {
      stagedRows++;
      let line = String(rec.row);
      for (const v of r.values) {
        line += `,${copyCsv(v)}`;
      }
      return `${line}\n`;
    }
    for (const p of r.problems) {
      addProblem(p);
      rejectRow(rec.row, p.column ? `${p.column}: ${p.reason}` : p.reason);
    }
    if (paymentRefIndex !== undefined) {
      const ref = rec.cells[paymentRefIndex];
      if (ref !== null && ref !== undefined && String(ref).trim() !== "") {
        badPaymentRefs.add(String(ref).trim());
      }
    }
    return "";
  };

  /**
   * COPY text in chunks of about BATCH_ROWS rows; the time spent here is the JavaScript side.
   * Lines are joined once per chunk into a flat string: a `+=` rope would keep every line piece,
   * and through them the whole decoded read buffers, alive until the COPY — and so promoted to
   * V8's old space, which then grows by hundreds of MB before a full GC.
   */
  async function* copyChunks(): AsyncGenerator<string> {
    let lines: string[] = [];
    let chars = 0;
    let t0 = clock();
    const add = (line: string): boolean => {
      if (line !== "") {
        lines.push(line);
        chars += line.length;
      }
      return lines.length >= BATCH_ROWS || chars >= CHUNK_CHARS;
    };
    const flush = function* (): Generator<string> {
      if (lines.length > 0) {
        const chunk = lines.join("");
        lines = [];
        chars = 0;
        lap("read_validate", t0);
        yield chunk;
        t0 = clock();
      }
    };
    for (const rec of buffered) {
      if (add(encode(rec))) {
        yield* flush();
      }
    }
    buffered.length = 0;
    for (;;) {
      // Whole read batches at a time: no await per record.
      while (pendingAt < pending.length) {
        const rec = pending[pendingAt++];
        if (rec !== undefined && add(encode(rec))) {
          yield* flush();
        }
      }
      const b = await batchIterator.next();
      if (b.done) {
        break;
      }
      pending = b.value;
      pendingAt = 0;
      progress("reading");
    }
    yield* flush();
    lap("read_validate", t0);
  }

  try {
    let committing = 0;
    const counts = await options.handle.transaction(async (tx) => {
      await createStaging(tx, stagedFields);
      await tuneStagingSession(tx, options.handle.kind);
      const copyStarted = clock();
      const jsBefore = timings.read_validate ?? 0;
      await copyTextToStaging(tx, options.handle.kind, stagedFields, copyChunks());
      timings.stage_copy = clock() - copyStarted - ((timings.read_validate ?? 0) - jsBefore);
      progress("checking");
      let t0 = clock();
      await copyBadKeys(tx, badPaymentRefs);
      await analyzeStaging(tx);
      lap("analyze", t0);
      t0 = clock();
      await checkStaging(tx, {
        entity: options.entity,
        fields: plan.staged.map((f) => f.name),
        naturalKey: spec.naturalKey,
      });
      const stagingRejects = new Set<number>();
      for (const r of await listStagingRejects(tx)) {
        stagingRejects.add(r.row);
        const index = r.field === null ? undefined : plan.columnIndex.get(r.field);
        const column = index === undefined ? null : (headers[index] ?? null);
        addProblem({ row: r.row, column, field: r.field, value: r.value, reason: r.reason });
        rejectRow(r.row, column ? `${column}: ${r.reason}` : r.reason);
      }
      lap("checks", t0);
      if (mode === "strict" && problemCount > 0) {
        throw new StrictRejection();
      }
      t0 = clock();
      if (stagingRejects.size > 0) {
        await dropRejectedRows(tx);
      }
      const staged = stagedRows - stagingRejects.size;
      progress("merging");
      const merged = await mergeStaging(tx, {
        entity: options.entity,
        fields: plan.staged.map((f) => f.name),
        staged,
        bulkRows: options.bulkRows,
        bulkIndexRows: options.bulkIndexRows,
      });
      lap("merge", t0);
      committing = clock();
      return merged;
    });
    lap("commit", committing);
    if (counts.inserted + counts.updated >= ANALYZE_AFTER_ROWS) {
      // Fresh planner statistics after a bulk change (PGlite has no autovacuum; on PostgreSQL it
      // would come too late for the assessment or monitoring run that usually follows).
      await options.handle.db.execute(sql`analyze ${sql.identifier(mergePlan(options.entity).table)}`);
    }
    return finish({ status: "committed", counts, rowsRead, rejected: rejectedRows.size });
  } catch (error) {
    if (error instanceof StrictRejection) {
      return finish({ status: "rejected", counts: null, rowsRead, rejected: rejectedRows.size });
    }
    const sha = await fileSha256().catch(() => "");
    await recordImportRun(options.handle.db, {
      entity: options.entity,
      fileName: basename(options.file),
      fileSha256: sha,
      mode,
      status: "failed",
      rowsRead,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      problems: { error: error instanceof Error ? error.message : String(error) },
      startedAt: started,
      finishedAt: new Date(),
    }).catch(() => undefined);
    throw error;
  }
}

function isBlank(cells: readonly CellValue[]): boolean {
  for (const c of cells) {
    if (c !== null && c !== undefined && !(typeof c === "string" && c.trim() === "")) {
      return false;
    }
  }
  return true;
}

/**
 * Day/month order per date column, from the buffered first rows. A column whose own values are
 * ambiguous takes the order the file's other date columns prove (one export, one convention);
 * if nothing in the file proves it, or columns contradict each other, that is a file problem
 * asking for --date-format — never a silent guess.
 */
function detectDateOrders(
  plan: ImportPlan,
  headers: readonly string[],
  buffered: readonly SourceRecord[],
  dateFormat: DateFormat,
  fatal: ImportProblem[],
): Map<string, DateOrder> {
  const orders = new Map<string, DateOrder>();
  if (dateFormat.order !== null) {
    return orders;
  }
  const ambiguous: { field: string; column: string; example: string }[] = [];
  for (const field of plan.staged.filter((f) => f.kind === "date")) {
    const index = plan.columnIndex.get(field.name);
    if (index === undefined) {
      continue;
    }
    const column = headers[index] ?? field.name;
    const d = detectDateOrder(
      buffered.map((r) => r.cells[index]).filter((c): c is string => typeof c === "string"),
    );
    switch (d.status) {
      case "resolved":
        orders.set(field.name, d.order);
        break;
      case "not_needed":
        break;
      case "ambiguous":
        ambiguous.push({ field: field.name, column, example: d.example });
        break;
      case "conflict":
        fatal.push(
          fileProblem(
            `dates in column ${column} mix day-first ('${d.dmyExample}') and month-first ('${d.mdyExample}') values; fix the file or pass --date-format`,
            column,
            field.name,
          ),
        );
        break;
      default: {
        const never: never = d;
        throw new Error(`unexpected detection ${String(never)}`);
      }
    }
  }
  const fileOrders = new Set(orders.values());
  if (fileOrders.size > 1) {
    fatal.push(
      fileProblem(
        `date columns disagree: ${[...orders].map(([f, o]) => `${f} is ${describeOrder(o)}`).join(", ")}; pass --date-format`,
      ),
    );
    return orders;
  }
  const [fileOrder] = [...fileOrders];
  for (const a of ambiguous) {
    if (fileOrder !== undefined) {
      orders.set(a.field, fileOrder);
    } else {
      fatal.push(
        fileProblem(
          `dates in column ${a.column} are ambiguous: '${a.example}' and every other value fit both DD/MM/YYYY and MM/DD/YYYY; pass --date-format DD/MM/YYYY or --date-format MM/DD/YYYY`,
          a.column,
          a.field,
        ),
      );
    }
  }
  return orders;
}
