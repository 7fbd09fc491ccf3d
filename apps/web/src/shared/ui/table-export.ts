import type { CsvCell } from "../format/csv.ts";

/**
 * The header and rows of the antd table inside `root`, as the reader sees them (formatted per
 * locale): header cells from `thead th`, rows from `tbody tr` (the placeholder row of an empty
 * table and expanded detail rows are left out; a blank header column such as the expand toggle
 * is dropped).
 */
export function tableText(root: HTMLElement): { header: string[]; rows: CsvCell[][] } {
  const headCells = [...root.querySelectorAll("thead tr:last-child th")].map(
    (th) => th.textContent?.trim() ?? "",
  );
  const keep = headCells.map((h) => h !== "");
  const rows = [...root.querySelectorAll("tbody tr")]
    .filter((tr) => tr.getAttribute("data-row-key") !== null)
    .map((tr) =>
      [...tr.querySelectorAll(":scope > td")]
        .map((td) => td.textContent?.trim() ?? "")
        .filter((_, i) => keep[i] !== false),
    );
  return { header: headCells.filter((h) => h !== ""), rows };
}
