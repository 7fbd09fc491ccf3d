import { createHash } from "node:crypto";
import type { Db } from "@creditdesk/db";
import { applicationDocuments } from "@creditdesk/db/applications";
import { AppError } from "../shared/app-error.ts";
import type { DocumentUpload } from "./application-input.ts";

/** File signatures: the declared type must match the bytes (a renamed executable is refused). */
const MAGIC: Record<DocumentUpload["contentType"], (b: Buffer) => boolean> = {
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

/** Decodes and checks an upload: base64, size within `maxBytes`, bytes of the declared type. */
export function decodeUpload(upload: DocumentUpload, maxBytes: number, path = "document"): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload.contentBase64)) {
    throw AppError.validation([{ path: `${path}.contentBase64`, message: "is not base64" }]);
  }
  const bytes = Buffer.from(upload.contentBase64, "base64");
  if (bytes.length === 0) {
    throw AppError.validation([{ path: `${path}.contentBase64`, message: "the file is empty" }]);
  }
  if (bytes.length > maxBytes) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `${upload.fileName} has ${bytes.length} bytes, at most ${maxBytes} are accepted`,
    );
  }
  if (!MAGIC[upload.contentType](bytes)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `${upload.fileName} is not a ${upload.contentType} file`);
  }
  return bytes;
}

export type DocumentMeta = {
  id: number;
  applicationId: number;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
};

/** Stores a checked upload (bytes in the database). */
export async function insertDocument(
  db: Db,
  options: { applicationId: number; upload: DocumentUpload; bytes: Buffer; uploadedBy: string },
): Promise<DocumentMeta> {
  const [row] = await db
    .insert(applicationDocuments)
    .values({
      applicationId: options.applicationId,
      kind: options.upload.kind,
      fileName: options.upload.fileName,
      contentType: options.upload.contentType,
      sizeBytes: options.bytes.length,
      sha256: createHash("sha256").update(options.bytes).digest("hex"),
      content: options.bytes,
      uploadedBy: options.uploadedBy,
    })
    .returning();
  if (!row) {
    throw new Error("insert returned no row");
  }
  const { content: _, ...meta } = row;
  return { ...meta, uploadedAt: meta.uploadedAt.toISOString() };
}
