import { FilePdfOutlined, FileProtectOutlined, FileTextOutlined } from "@ant-design/icons";
import { App, Button, Modal, Space } from "antd";
import { useState } from "react";
import { downloadFile } from "../applications/download.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { fetchReviewReport } from "./reviews-api.ts";

/**
 * Opens a review's report (HTML in a dialog, a sandboxed frame; PDF as a download) and downloads
 * its case file (PDF: evidence, assessment, recommendation, conclusion, risk register, audit trail).
 */
export function ReviewReportButtons({ id }: { id: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [html, setHtml] = useState<string | null>(null);
  const [busy, setBusy] = useState<"html" | "pdf" | "case-file" | null>(null);

  const caseFile = async () => {
    setBusy("case-file");
    try {
      await downloadFile(`/reviews/${id}/case-file`, `case-file-review-${id}.pdf`);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const open = async (format: "html" | "pdf") => {
    setBusy(format);
    try {
      const blob = await fetchReviewReport(id, format);
      if (format === "html") {
        setHtml(await blob.text());
      } else {
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = `review-${id}.pdf`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Space size={4}>
        <Button
          size="small"
          icon={<FileTextOutlined />}
          loading={busy === "html"}
          onClick={() => void open("html")}
          data-testid={`report-html-${id}`}
        >
          {t("reviews.openReport")}
        </Button>
        <Button
          size="small"
          icon={<FilePdfOutlined />}
          loading={busy === "pdf"}
          onClick={() => void open("pdf")}
        >
          PDF
        </Button>
        <Button
          size="small"
          icon={<FileProtectOutlined />}
          loading={busy === "case-file"}
          title={t("reviews.caseFileTitle")}
          onClick={() => void caseFile()}
          data-testid={`review-case-file-${id}`}
        >
          {t("reviews.caseFile")}
        </Button>
      </Space>
      {html !== null ? (
        <Modal open width={900} footer={null} title={t("reviews.report")} onCancel={() => setHtml(null)}>
          <iframe
            title={t("reviews.report")}
            srcDoc={html}
            sandbox=""
            data-testid="review-report-frame"
            style={{ width: "100%", height: "70vh", border: 0 }}
          />
        </Modal>
      ) : null}
    </>
  );
}
