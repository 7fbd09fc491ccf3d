import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Largest file the web import accepts (bigger files: `creditdesk import` on the server). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** An upload not committed within this time is forgotten and its file deleted. */
const UPLOAD_TTL_MS = 2 * 60 * 60 * 1000;

export interface StoredUpload {
  readonly id: string;
  readonly owner: string;
  readonly entity: string;
  readonly fileName: string;
  readonly format: "csv" | "xlsx";
  readonly size: number;
  readonly path: string;
  readonly createdAt: number;
}

const DIR = join(tmpdir(), "creditdesk-imports");

/**
 * Uploaded import files between the wizard's steps (upload → map → preview → commit). Held in this
 * process only: the web import is a single-node convenience; a file lives in the temp directory
 * until it is committed, replaced or two hours old.
 */
export class UploadStore {
  readonly #uploads = new Map<string, StoredUpload>();

  async put(options: {
    owner: string;
    entity: string;
    fileName: string;
    bytes: Buffer;
  }): Promise<StoredUpload> {
    await this.sweep();
    await mkdir(DIR, { recursive: true });
    const id = randomUUID();
    const format = /\.xlsx$/i.test(options.fileName) ? "xlsx" : "csv";
    // The reader picks CSV or XLSX by extension, so the stored name keeps the right one.
    const path = join(DIR, `${id}.${format}`);
    await writeFile(path, options.bytes);
    const upload: StoredUpload = {
      id,
      owner: options.owner,
      entity: options.entity,
      fileName: options.fileName,
      format,
      size: options.bytes.length,
      path,
      createdAt: Date.now(),
    };
    this.#uploads.set(id, upload);
    return upload;
  }

  /** The upload if it exists and belongs to `owner` (another user's upload is "not found"). */
  get(id: string, owner: string): StoredUpload | undefined {
    const upload = this.#uploads.get(id);
    return upload && upload.owner === owner && Date.now() - upload.createdAt < UPLOAD_TTL_MS
      ? upload
      : undefined;
  }

  async remove(id: string): Promise<void> {
    const upload = this.#uploads.get(id);
    this.#uploads.delete(id);
    if (upload) {
      await rm(upload.path, { force: true });
      await rm(`${upload.path}.problems.csv`, { force: true });
    }
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const upload of [...this.#uploads.values()]) {
      if (now - upload.createdAt >= UPLOAD_TTL_MS) {
        await this.remove(upload.id);
      }
    }
  }

  /**
   * Writes the wizard's column mapping as a mapping file beside the upload (importFile reads
   * files), one per run: a run never reads a file another run of the upload is writing.
   */
  async writeMapping(upload: StoredUpload, mapping: unknown): Promise<string> {
    const path = `${upload.path}.${randomUUID()}.mapping.json`;
    await writeFile(path, JSON.stringify(mapping));
    return path;
  }

  /** Removes a file the store wrote beside an upload (a run's mapping file). */
  async removeFile(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
