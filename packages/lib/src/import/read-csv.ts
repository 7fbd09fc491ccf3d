import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { TextDecoder } from "node:util";
import { parse } from "csv-parse";
import { CsvTokenizer } from "./csv-tokenizer.ts";
import type { SourceRecord } from "./source-record.ts";

/** Text encodings we read: UTF-8 (with or without BOM) and GB18030 (a superset of GBK/GB2312). */
export type CsvEncoding = "utf-8" | "gb18030";

function readSample(path: string, bytes = 65_536): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Chinese ERP exports (用友, 金蝶 …) often write GBK. A file is UTF-8 if it has a UTF-8 BOM or its
 * first 64 KB decode as UTF-8 without error (an incomplete character at the cut is fine);
 * otherwise it is read as GB18030, which also covers GBK and GB2312.
 */
export function detectEncoding(sample: Buffer): CsvEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return "utf-8";
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/** The delimiter of the header line: the most frequent of , ; tab | outside quotes. */
export function detectDelimiter(firstLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t", "|"]) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') {
        quoted = !quoted;
      } else if (!quoted && ch === d) {
        count++;
      }
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Decodes a byte stream incrementally (multi-byte characters split across chunks are kept whole). */
class DecodeStream extends Transform {
  private readonly decoder: TextDecoder;
  constructor(encoding: CsvEncoding) {
    super({ decodeStrings: true, readableObjectMode: false });
    this.decoder = new TextDecoder(encoding);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, this.decoder.decode(chunk, { stream: true }));
  }
  override _flush(done: TransformCallback): void {
    const rest = this.decoder.decode();
    done(null, rest.length > 0 ? rest : undefined);
  }
}

/**
 * Bytes per read, and so records per batch (~5,000 short rows). A batch lives across the awaits of
 * the COPY it feeds; at 1 MB its records outlived V8's young generation and were promoted, and the
 * old space grew by ~70 MB of garbage before a full GC (bench/import: a million-row import on
 * PGlite peaked at 531 MB RSS with 1 MB reads, 451 MB with 256 KB, at less CPU).
 */
export const READ_CHUNK_BYTES = 256 * 1024;

export interface ReadCsvOptions {
  readonly path: string;
  readonly delimiter?: string | undefined;
  /** Called with the number of bytes read so far. */
  readonly onBytes?: ((bytes: number) => void) | undefined;
}

/**
 * Streams the records of a CSV file (header first) in batches (one per READ_CHUNK_BYTES read), never holding
 * the file in memory. Row numbers are line numbers (header = 1; a record spanning lines has the
 * number of its last line), so they match what an editor shows. `onChunk` sees every raw byte
 * chunk (the import hashes the file on the way).
 */
export async function* readCsvBatches(
  options: ReadCsvOptions & { readonly onChunk?: ((chunk: Buffer) => void) | undefined },
): AsyncGenerator<SourceRecord[]> {
  const sample = readSample(options.path);
  const encoding = detectEncoding(sample);
  const text = new TextDecoder(encoding).decode(sample).replace(/^\uFEFF/, "");
  const delimiter = options.delimiter ?? detectDelimiter(text.split(/\r?\n/, 1)[0] ?? "");
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    // Exotic delimiters (from a mapping file) take the general parser.
    let batch: SourceRecord[] = [];
    for await (const r of readCsvRecordsGeneral(options, encoding, delimiter)) {
      batch.push(r);
      if (batch.length >= 10_000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      yield batch;
    }
    return;
  }
  const tokenizer = new CsvTokenizer(delimiter);
  const decoder = new TextDecoder(encoding);
  let bytes = 0;
  for await (const chunk of createReadStream(options.path, {
    highWaterMark: READ_CHUNK_BYTES,
  }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    options.onChunk?.(chunk);
    options.onBytes?.(bytes);
    const out: SourceRecord[] = [];
    tokenizer.push(decoder.decode(chunk, { stream: true }), out);
    if (out.length > 0) {
      yield out;
    }
  }
  const out: SourceRecord[] = [];
  tokenizer.push(decoder.decode(), out);
  tokenizer.end(out);
  if (out.length > 0) {
    yield out;
  }
}

/** Streams the records of a CSV file one by one (header first); see readCsvBatches. */
export async function* readCsvRecords(options: ReadCsvOptions): AsyncGenerator<SourceRecord> {
  for await (const batch of readCsvBatches(options)) {
    yield* batch;
  }
}

/** csv-parse, for delimiters the fast tokenizer does not take (several characters). */
async function* readCsvRecordsGeneral(
  options: ReadCsvOptions,
  encoding: CsvEncoding,
  delimiter: string,
): AsyncGenerator<SourceRecord> {
  const input = createReadStream(options.path, { highWaterMark: READ_CHUNK_BYTES });
  let bytes = 0;
  input.on("data", (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  input.on("error", (e) => parser.destroy(e));
  const decode = new DecodeStream(encoding);
  input.pipe(decode).pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: item.info.lines, cells: item.record };
  }
}
