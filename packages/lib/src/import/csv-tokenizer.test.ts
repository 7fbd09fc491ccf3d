import { describe, expect, it } from "vitest";
import { CsvSyntaxError, CsvTokenizer } from "./csv-tokenizer.ts";
import type { SourceRecord } from "./source-record.ts";

/** Tokenizes `text` fed in pieces cut at `cuts` (positions), returning [row, cells] pairs. */
function tokenize(
  text: string,
  cuts: readonly number[] = [],
  delimiter = ",",
): [number, readonly unknown[]][] {
  const t = new CsvTokenizer(delimiter);
  const out: SourceRecord[] = [];
  let from = 0;
  for (const c of cuts) {
    t.push(text.slice(from, c), out);
    from = c;
  }
  t.push(text.slice(from), out);
  t.end(out);
  return out.map((r) => [r.row, r.cells]);
}

describe("CSV tokenizer", () => {
  it.each([
    ["LF", "a,b\n1,2\n3,4\n"],
    ["CRLF", "a,b\r\n1,2\r\n3,4\r\n"],
    ["CR", "a,b\r1,2\r3,4"],
    ["no final line break", "a,b\n1,2\n3,4"],
    ["BOM", "\uFEFFa,b\n1,2\n3,4\n"],
  ])("reads plain lines with line numbers (%s)", (_name, text) => {
    expect(tokenize(text)).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2"]],
      [3, ["3", "4"]],
    ]);
  });

  it("skips empty lines but counts them, so row numbers stay the editor's line numbers", () => {
    expect(tokenize("h\n\nx\n\n\ny\n")).toEqual([
      [1, ["h"]],
      [3, ["x"]],
      [6, ["y"]],
    ]);
  });

  it("reads quoted fields: delimiters, doubled quotes, line breaks (row = the record's last line)", () => {
    expect(tokenize('h1,h2\n"a,b","say ""hi"""\n"two\nlines",z\nlast,1\n')).toEqual([
      [1, ["h1", "h2"]],
      [2, ["a,b", 'say "hi"']],
      [4, ["two\nlines", "z"]],
      [5, ["last", "1"]],
    ]);
  });

  it("gives the same records wherever the input is cut (quotes, CRLF and characters split across pieces)", () => {
    const text = 'h1,h2\r\n"a,""b""\r\nc",中文\r\n1,"2"\r\n\r\nx,y';
    const whole = tokenize(text);
    expect(whole).toEqual([
      [1, ["h1", "h2"]],
      [3, ['a,"b"\r\nc', "中文"]],
      [4, ["1", "2"]],
      [6, ["x", "y"]],
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(tokenize(text, [cut])).toEqual(whole);
    }
  });

  it("keeps ragged rows and a line of just an empty quoted field", () => {
    expect(tokenize('a,b,c\n1\n""\n1,2,3,4\n')).toEqual([
      [1, ["a", "b", "c"]],
      [2, ["1"]],
      [3, [""]],
      [4, ["1", "2", "3", "4"]],
    ]);
  });

  it("takes another one-character delimiter", () => {
    expect(tokenize("a;b\n1;2,5\n", [], ";")).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2,5"]],
    ]);
  });

  it.each([
    ["a quote inside an unquoted field", 'a,b\n1,x"y\n', /Invalid Opening Quote.*line 2/],
    ["text after a closing quote", 'a,b\n1,"x"y\n', /Invalid Closing Quote.*line 2/],
    ["a quote never closed", 'a,b\n1,"xy\n', /Quote Not Closed/],
  ])("rejects %s (as csv-parse does)", (_name, text, message) => {
    expect(() => tokenize(text)).toThrow(CsvSyntaxError);
    expect(() => tokenize(text)).toThrow(message);
  });
});
