import { describe, expect, it } from "vitest";
import { openCasePdf } from "../applications/case-file.ts";
import { pdfText } from "./pdf-text.ts";

describe("pdfText", () => {
  it.each([true, false])(
    "reads back Chinese and Latin text of a case-file PDF (compressed: %s)",
    async (compress) => {
      const pdf = openCasePdf("t", compress);
      pdf.doc.text("授信申请案卷 Case file");
      pdf.heading("Audit trail");
      pdf.doc.text("#7 2025-01-02 test-credit-manager risk.close — 已整改");
      const text = pdfText(await pdf.finish()).replace(/\s+/g, " ");
      expect(text).toContain("授信申请案卷 Case file");
      expect(text).toContain("Audit trail");
      expect(text).toContain("risk.close — 已整改");
      expect(text).not.toContain("Decision");
    },
  );
});
