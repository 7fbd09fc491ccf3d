import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { ImportProgress } from "@creditdesk/lib/import";
import { AppError, toAppError } from "@creditdesk/lib/shared";
import type { FastifyRequest } from "fastify";
import { readCookies, SESSION_COOKIE } from "../identity/cookies.ts";
import { type Problem, problemFor } from "../shared/problem.ts";

/** A finished job's answer is kept this long for the wizard to fetch (then forgotten). */
export const JOB_TTL_MS = 60 * 60 * 1000;

export type ImportJobKind = "preview" | "commit";
export type ImportJobPhase = "starting" | ImportProgress["phase"];

export interface ImportJob<R> {
  readonly id: string;
  readonly group: string;
  readonly uploadId: string;
  readonly kind: ImportJobKind;
  status: "running" | "done" | "failed";
  phase: ImportJobPhase;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  result: R | null;
  error: Problem | null;
  finishedAt: number | null;
}

interface Held<R> {
  job: ImportJob<R>;
  /** Hash of the credential that started the job (requestCredential). */
  credential: Buffer;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/**
 * The credential the request came with — the API token, else the session cookie — as a hash
 * (the raw secret is never kept). The guard has verified it when the job was started.
 */
export function requestCredential(request: FastifyRequest): Buffer | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (match?.[1]) {
    return sha256(`bearer:${match[1]}`);
  }
  const session = readCookies(request)[SESSION_COOKIE];
  return session ? sha256(`session:${session}`) : null;
}

/**
 * Preview and commit runs of the import wizard as background jobs of this process, so a long
 * import answers at once (202) and the wizard polls its progress. Like the uploads, jobs live in
 * memory only (the web import is a single-node convenience); a finished job is kept JOB_TTL_MS.
 *
 * A job answers only to the very credential (API token or session) that started it, so only to
 * its user.
 * Polling checks that credential against the hash kept here, without a database read: on PGlite
 * the import's transaction holds the only connection, so a poll that had to look the session up
 * would wait for the import to end and show no progress at all.
 */
export class ImportJobStore<R> {
  readonly #jobs = new Map<string, Held<R>>();

  /**
   * Starts `run` in the background and answers the job at once. Refused (409) while another job
   * runs on the same upload: two commits of one file would race for the same rows.
   */
  start(options: {
    credential: Buffer;
    group: string;
    uploadId: string;
    kind: ImportJobKind;
    totalBytes: number;
    instance: string;
    run: (onProgress: (p: ImportProgress) => void) => Promise<R>;
  }): ImportJob<R> {
    this.sweep();
    for (const held of this.#jobs.values()) {
      if (held.job.uploadId === options.uploadId && held.job.status === "running") {
        throw new AppError(
          "CONFLICT",
          `a ${held.job.kind} of this upload is running (job ${held.job.id}): wait for it to finish`,
        );
      }
    }
    const job: ImportJob<R> = {
      id: randomUUID(),
      group: options.group,
      uploadId: options.uploadId,
      kind: options.kind,
      status: "running",
      phase: "starting",
      rowsRead: 0,
      bytesRead: 0,
      totalBytes: options.totalBytes,
      result: null,
      error: null,
      finishedAt: null,
    };
    this.#jobs.set(job.id, { job, credential: options.credential });
    const onProgress = (p: ImportProgress) => {
      job.phase = p.phase;
      job.rowsRead = p.rowsRead;
      job.bytesRead = p.bytesRead;
      job.totalBytes = p.totalBytes;
    };
    // Not awaited: the request that started the job has been answered; the outcome is the job's.
    void options.run(onProgress).then(
      (result) => {
        job.result = result;
        job.phase = "done";
        job.status = "done";
        job.finishedAt = Date.now();
      },
      (error: unknown) => {
        job.error = problemFor(toAppError(error), options.instance);
        job.status = "failed";
        job.finishedAt = Date.now();
      },
    );
    return job;
  }

  /**
   * The job if it exists, is of `group` and was started with this credential (another user's or
   * another session's job is "not found").
   */
  get(options: { id: string; group: string; credential: Buffer }): ImportJob<R> | undefined {
    this.sweep();
    const held = this.#jobs.get(options.id);
    if (!held || held.job.group !== options.group) {
      return undefined;
    }
    return held.credential.length === options.credential.length &&
      timingSafeEqual(held.credential, options.credential)
      ? held.job
      : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, held] of this.#jobs) {
      if (held.job.finishedAt !== null && now - held.job.finishedAt >= JOB_TTL_MS) {
        this.#jobs.delete(id);
      }
    }
  }
}
