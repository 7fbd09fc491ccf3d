import { FilePdfOutlined, FileTextOutlined } from "@ant-design/icons";
import { App, Button, Modal, Space } from "antd";
import { useState } from "react";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { fetchReviewReport } from "./reviews-api.ts";

/** Opens a review's report: HTML in a dialog (sandboxed frame), PDF as a download. */
export function ReviewReportButtons({ id }: { id: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [html, setHtml] = useState<string | null>(null);
  const [busy, setBusy] = useState<"html" | "pdf" | null>(null);

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
