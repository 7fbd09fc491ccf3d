import { inflateSync } from "node:zlib";

/**
 * The text of a pdfkit PDF, for tests: every FlateDecode stream is inflated (node:zlib), the
 * ToUnicode CMaps give glyph → character, and the hex strings of every TJ are mapped back.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const parts: string[] = [];
  for (const m of raw.matchAll(/<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf("endstream", start);
    const body = pdf.subarray(start, end);
    parts.push(
      /FlateDecode/.test(m[1] ?? "") ? inflateSync(body).toString("latin1") : body.toString("latin1"),
    );
  }
  const s = parts.join("\n");
  const map = new Map<number, string>();
  for (const m of s.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*\[([^\]]*)\]/gi)) {
    const first = Number.parseInt(m[1]!, 16);
    // A ligature's entry holds several code units separated by spaces: <0066 0069>.
    [...m[3]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => {
      map.set(first + i, Buffer.from(u[1]!.replace(/ /g, ""), "hex").swap16().toString("utf16le"));
    });
  }
  let out = "";
  for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const h of tj[1]!.matchAll(/<([0-9a-f]+)>/gi)) {
      for (let i = 0; i < h[1]!.length; i += 4) {
        out += map.get(Number.parseInt(h[1]!.slice(i, i + 4), 16)) ?? "";
      }
    }
    out += "\n";
  }
  return out;
}
