import type { CellValue } from "@creditdesk/core/import";

/** One record of a source file: its row number (header = 1) and its cells. */
export interface SourceRecord {
  readonly row: number;
  readonly cells: readonly CellValue[];
}
