import type { SourceRecord } from "./source-record.ts";

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** A malformed CSV (the same cases csv-parse rejects with its default options). */
export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
}

/**
 * An incremental RFC 4180 CSV tokenizer for imports: one-character delimiter, `"` quotes with `""`
 * escapes, record delimiter detected from the first line break (\r\n, \n or \r; other line breaks
 * are data), empty lines skipped, ragged rows kept. Each record carries the line number on which
 * it ends (header = 1), so row numbers are exact without a per-record info object.
 *
 * It exists for speed: lines without a quote are split natively (`String.split`), and only lines
 * with quotes go through the character-by-character path. Behaviour matches csv-parse with
 * `{ bom, relax_column_count, skip_empty_lines }`, which imports used before, including its
 * errors: a quote inside an unquoted field, text after a closing quote, a quote left open.
 */
export class CsvTokenizer {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  /** "" until the first line break is seen. */
  private rd = "";
  private rest = "";
  private line = 1;
  private started = false;

  constructor(delimiter: string) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\r" || delimiter === "\n") {
      throw new Error(`CsvTokenizer needs a one-character delimiter other than a quote or line break`);
    }
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Tokenizes the next piece of text; complete records are appended to `out`. */
  push(chunk: string, out: SourceRecord[]): void {
    let text = this.rest.length > 0 ? this.rest + chunk : chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    this.rest = text.slice(this.scan(text, false, out));
  }

  /** Ends the input: the last record may lack its line break. */
  end(out: SourceRecord[]): void {
    const text = this.rest;
    this.rest = "";
    const pos = this.scan(text, true, out);
    if (pos < text.length) {
      throw new CsvSyntaxError(`CSV ended inside a record at line ${this.line}`);
    }
  }

  /** Returns the position up to which `text` was consumed. */
  private scan(text: string, final: boolean, out: SourceRecord[]): number {
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      if (this.rd !== "") {
        const q = text.indexOf('"', pos);
        pos = this.plainLines(text, pos, q === -1 ? n : q, out);
        if (pos >= n) {
          return n;
        }
        if (q === -1) {
          // The last line, without its line break: complete only at the end of the input.
          if (!final) {
            return pos;
          }
          this.plainLines(`${text.slice(pos)}${this.rd}`, 0, n, out);
          return n;
        }
      }
      const next = this.slowRecord(text, pos, final, out);
      if (next === -1) {
        return pos;
      }
      pos = next;
    }
    return pos;
  }

  /**
   * The complete lines from `pos` that end before `stop` (a quote, or the end of the text): no
   * quotes there, so each line is split on the delimiter natively. Returns where it stopped.
   */
  private plainLines(text: string, start: number, stop: number, out: SourceRecord[]): number {
    const rd = this.rd;
    const step = rd.length;
    const delimiter = this.delimiter;
    let line = this.line;
    let pos = start;
    for (;;) {
      const end = text.indexOf(rd, pos);
      if (end === -1 || end > stop) {
        break;
      }
      if (end > pos) {
        out.push({ row: line, cells: text.slice(pos, end).split(delimiter) });
      }
      line++;
      pos = end + step;
    }
    this.line = line;
    return pos;
  }

  /**
   * One record character by character (quotes, or the record delimiter not yet known). Returns
   * the position after it, or -1 if the text ends before the record does (and more may come).
   */
  private slowRecord(text: string, start: number, final: boolean, out: SourceRecord[]): number {
    const n = text.length;
    const cells: string[] = [];
    let quoted = false;
    let line = this.line;
    let pos = start;
    for (;;) {
      // At the start of a field.
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        let value = "";
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            if (final) {
              throw new CsvSyntaxError(
                `Quote Not Closed: the parsing is finished with an opening quote at line ${line}`,
              );
            }
            return -1;
          }
          value += text.slice(from, q);
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) {
            return -1;
          }
          pos = q + 1;
          break;
        }
        line += this.countBreaks(value);
        cells.push(value);
        quoted = true;
      } else {
        quoted = false;
        let p = pos;
        while (p < n) {
          const c = text.charCodeAt(p);
          if (c === this.delimiterCode || c === LF || c === CR) {
            break;
          }
          if (c === QUOTE) {
            throw new CsvSyntaxError(
              `Invalid Opening Quote: a quote is found on field ${cells.length} at line ${line}, value is "${text.slice(pos, p)}"`,
            );
          }
          p++;
        }
        if (p >= n && !final) {
          return -1;
        }
        const c = text.charCodeAt(p);
        if ((c === CR || c === LF) && this.rd !== "" && !text.startsWith(this.rd, p)) {
          // A line break that is not the file's record delimiter is data (as csv-parse reads it).
          let q = p + 1;
          while (q < n) {
            const d = text.charCodeAt(q);
            if (d === this.delimiterCode || text.startsWith(this.rd, q)) {
              break;
            }
            if (d === QUOTE) {
              throw new CsvSyntaxError(
                `Invalid Opening Quote: a quote is found on field ${cells.length} at line ${line}, value is "${text.slice(pos, q)}"`,
              );
            }
            q++;
          }
          if (q >= n && !final) {
            return -1;
          }
          line += this.countBreaks(text.slice(pos, q));
          cells.push(text.slice(pos, q));
          pos = q;
        } else {
          cells.push(text.slice(pos, p));
          pos = p;
        }
      }
      // After a field: delimiter, record delimiter or end of input.
      if (pos >= n) {
        if (!final) {
          return -1;
        }
        this.emit(cells, quoted, line, out);
        this.line = line;
        return n;
      }
      const c = text.charCodeAt(pos);
      if (c === this.delimiterCode) {
        pos++;
        continue;
      }
      if (c === CR || c === LF) {
        if (this.rd === "") {
          if (c === CR && pos + 1 >= n && !final) {
            return -1;
          }
          this.rd = c === LF ? "\n" : text.charCodeAt(pos + 1) === LF ? "\r\n" : "\r";
        }
        if (text.startsWith(this.rd, pos)) {
          this.emit(cells, quoted, line, out);
          this.line = line + 1;
          return pos + this.rd.length;
        }
        if (this.rd === "\r\n" && c === CR && pos + 1 >= n && !final) {
          return -1;
        }
      }
      throw new CsvSyntaxError(
        `Invalid Closing Quote: got "${text.charAt(pos)}" at line ${line} instead of delimiter, record delimiter, trimable character (if activated) or comment`,
      );
    }
  }

  private emit(cells: string[], lastQuoted: boolean, line: number, out: SourceRecord[]): void {
    // An empty line is skipped (csv-parse's skip_empty_lines); a line of just "" is a record.
    if (cells.length === 1 && cells[0] === "" && !lastQuoted) {
      return;
    }
    out.push({ row: line, cells });
  }

  private countBreaks(value: string): number {
    const rd = this.rd === "" ? "\n" : this.rd;
    let count = 0;
    let i = value.indexOf(rd);
    while (i !== -1) {
      count++;
      i = value.indexOf(rd, i + rd.length);
    }
    return count;
  }
}
