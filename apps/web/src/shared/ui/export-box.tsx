import { type ReactNode, useRef } from "react";
import { ExportButton } from "./export-button.tsx";
import { tableText } from "./table-export.ts";

/** Wraps a table with a CSV export of what it shows (the cells as formatted on screen). */
export function ExportBox({ name, children }: { name: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const read = () => (box.current ? tableText(box.current) : { header: [], rows: [] });
  return (
    <div ref={box}>
      <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 4 }}>
        <ExportButton name={name} header={() => read().header} rows={() => read().rows} />
      </div>
      {children}
    </div>
  );
}
