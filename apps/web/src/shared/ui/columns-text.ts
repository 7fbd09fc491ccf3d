import type { ColumnType } from "antd/es/table";
import { isValidElement, type ReactNode } from "react";
import type { CsvCell } from "../format/csv.ts";

/** Column keys of row actions (buttons), left out of an export. */
const ACTION_KEYS = new Set(["actions", "action", "do"]);

/** The text a React node shows: strings and numbers, through elements' children (icons give none). */
export function nodeText(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") {
    return "";
  }
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") {
    return String(node);
  }
  if (Array.isArray(node)) {
    return node.map(nodeText).join("");
  }
  if (isValidElement<{ children?: ReactNode }>(node)) {
    return nodeText(node.props.children);
  }
  return "";
}

/** A column as antd declares it (column groups, with `children`, are left out). */
export type ExportColumn<T> = ColumnType<T> & { children?: unknown };

/**
 * The header and rows of `items` as the table's columns render them (every row, not only the page
 * on screen): each column's `render` (or its `dataIndex` value) turned into its text; action
 * columns are left out.
 */
export function columnsText<T extends object>(
  columns: readonly ExportColumn<T>[],
  items: readonly T[],
): { header: string[]; rows: CsvCell[][] } {
  const kept = columns.filter((c) => !ACTION_KEYS.has(String(c.key ?? "")) && c.children === undefined);
  const header = kept.map((c) => nodeText(typeof c.title === "function" ? null : (c.title as ReactNode)));
  const rows = items.map((item, index) =>
    kept.map((c) => {
      const path = c.dataIndex === undefined ? [] : Array.isArray(c.dataIndex) ? c.dataIndex : [c.dataIndex];
      let value: unknown = item;
      for (const step of path) {
        value =
          value === null || value === undefined
            ? undefined
            : (value as Record<string, unknown>)[String(step)];
      }
      if (path.length === 0) {
        value = undefined;
      }
      const shown = c.render ? c.render(value, item, index) : (value as ReactNode);
      // A render may return { children, props } (cell props): take its children.
      const node =
        shown !== null && typeof shown === "object" && !isValidElement(shown) && "children" in shown
          ? (shown as { children: ReactNode }).children
          : (shown as ReactNode);
      return nodeText(node).trim();
    }),
  );
  return { header, rows };
}
