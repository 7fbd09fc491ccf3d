import { ArrowLeftOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Progress, Result, Select, Space, Spin, Steps, Typography } from "antd";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../shared/auth/auth-context.tsx";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../../shared/i18n/zh-CN.ts";
import { PageHeader } from "../../shared/ui/page-header.tsx";
import {
  type ColumnMapping,
  carryMapping,
  duplicateTargets,
  IMPORT_GROUPS,
  type ImportEntity,
  type ImportJob,
  type ImportResult,
  type ImportUpload,
  jobPercent,
  MAX_UPLOAD_BYTES,
  missingRequired,
  runImportJob,
  suggestedMapping,
  uploadImportFile,
} from "./import-api.ts";
import { ImportMapping } from "./import-mapping.tsx";
import { ImportCounts, ImportProblems } from "./import-problems.tsx";

type Busy =
  | { kind: "upload"; fraction: number }
  | { kind: "preview" | "commit"; job: ImportJob | null }
  | null;

/**
 * 导入向导: choose what to import and the file, map its columns, preview every problem (nothing is
 * written), fix and re-upload, then commit — strict, so a file with any problem writes nothing.
 */
export default function ImportWizardPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const entities: ImportEntity[] = [
    ...(can("customers:write") ? IMPORT_GROUPS.archive : []),
    ...(can("ledger:write") ? IMPORT_GROUPS.ledger : []),
  ];
  const [entity, setEntity] = useState<ImportEntity | undefined>(entities[0]);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const step = committed ? 3 : preview ? 2 : upload ? 1 : 0;

  /** Runs a preview or commit job on the server, showing its phase and rows as it goes. */
  const runJob = (kind: "preview" | "commit", target: ImportUpload, columns: ColumnMapping) =>
    run({ kind, job: null }, () =>
      runImportJob({ upload: target, kind, columns, onProgress: (job) => setBusy({ kind, job }) }),
    );

  const run = async <T,>(kind: NonNullable<Busy>, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(kind);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file || !entity) {
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(t("import.tooLarge", { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
      return;
    }
    const corrected = upload !== null;
    const next = await run({ kind: "upload", fraction: 0 }, () =>
      uploadImportFile(entity, file, (fraction) => setBusy({ kind: "upload", fraction })),
    );
    if (!next) {
      return;
    }
    const nextMapping = corrected ? carryMapping(mapping, next) : suggestedMapping(next);
    setUpload(next);
    setMapping(nextMapping);
    setPreview(null);
    setCommitted(null);
    // A corrected file goes straight back to the preview with the mapping already chosen.
    if (corrected) {
      const checked = await runJob("preview", next, nextMapping);
      setPreview(checked ?? null);
    }
  };

  const chooseFile = (
    <>
      <input
        ref={fileInput}
        type="file"
        accept=".csv,.txt,.xlsx"
        aria-label={t("import.chooseFile")}
        data-testid="import-file"
        style={{ display: "none" }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          void onFile(file);
        }}
      />
      <Button
        icon={<UploadOutlined />}
        type={upload ? "default" : "primary"}
        disabled={!entity || busy !== null}
        onClick={() => fileInput.current?.click()}
        data-testid="import-choose"
      >
        {upload ? t("import.uploadCorrected") : t("import.chooseFile")}
      </Button>
    </>
  );

  const blocked = upload
    ? missingRequired(upload, mapping).length > 0 || duplicateTargets(mapping).length > 0
    : true;

  return (
    <>
      <Link to="/customers" className="cd-back">
        <ArrowLeftOutlined aria-hidden /> {t("import.backToCustomers")}
      </Link>
      <PageHeader title={t("import.title")} subtitle={t("import.subtitle")} />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t("import.stepUpload") },
            { title: t("import.stepMap") },
            { title: t("import.stepPreview") },
            { title: t("import.stepCommit") },
          ]}
        />
        {entities.length === 0 ? <Alert type="info" showIcon title={t("import.noPermission")} /> : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            closable
            style={{ marginBottom: 12 }}
            title={error}
            data-testid="import-error"
          />
        ) : null}
        {busy ? <BusyIndicator busy={busy} /> : null}

        {step === 0 && entities.length > 0 ? (
          <Form layout="vertical" style={{ maxWidth: 480 }}>
            <Form.Item label={t("import.entity")} htmlFor="import-entity">
              <Select<ImportEntity>
                id="import-entity"
                value={entity ?? null}
                onChange={setEntity}
                options={entities.map((e) => ({ value: e, label: t(`import.entity.${e}` as MessageKey) }))}
              />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              {t("import.fileHint", { mb: MAX_UPLOAD_BYTES / 1024 / 1024 })}
            </Typography.Paragraph>
            {chooseFile}
          </Form>
        ) : null}

        {upload && step === 1 ? (
          <>
            <Typography.Paragraph>
              {t("import.uploaded", { file: upload.fileName, columns: upload.headers.length })}
            </Typography.Paragraph>
            <ImportMapping upload={upload} mapping={mapping} onChange={setMapping} />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => setUpload(null)}>{t("import.back")}</Button>
              <Button
                type="primary"
                disabled={blocked || busy !== null}
                data-testid="import-preview"
                onClick={() => void runJob("preview", upload, mapping).then((r) => setPreview(r ?? null))}
              >
                {t("import.check")}
              </Button>
            </Space>
          </>
        ) : null}

        {upload && preview && step === 2 ? (
          <>
            {preview.status === "ok" ? (
              <>
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t("import.previewOk", { file: preview.fileName })}
                  data-testid="import-preview-ok"
                />
                <ImportCounts result={preview} />
              </>
            ) : (
              <ImportProblems result={preview} />
            )}
            <Space style={{ marginTop: 16 }} wrap>
              <Button onClick={() => setPreview(null)}>{t("import.backToMapping")}</Button>
              {chooseFile}
              <Button
                type="primary"
                disabled={preview.status !== "ok" || busy !== null}
                data-testid="import-commit"
                onClick={() =>
                  void runJob("commit", upload, mapping).then((r) => {
                    if (r?.status === "committed") {
                      setCommitted(r);
                    } else if (r) {
                      setPreview(r);
                    }
                  })
                }
              >
                {t("import.commit")}
              </Button>
            </Space>
          </>
        ) : null}

        {committed ? (
          <Result
            status="success"
            title={t("import.done", { file: committed.fileName })}
            subTitle={t("import.runId", { id: committed.runId ?? "" })}
            extra={
              <Space orientation="vertical" align="center">
                <ImportCounts result={committed} />
                <Space>
                  <Link to="/customers">{t("import.backToCustomers")}</Link>
                  <Button
                    onClick={() => {
                      setUpload(null);
                      setPreview(null);
                      setCommitted(null);
                    }}
                  >
                    {t("import.another")}
                  </Button>
                </Space>
              </Space>
            }
            data-testid="import-done"
          />
        ) : null}
      </Card>
    </>
  );
}

/**
 * Upload progress in percent, then the server job's: the share of the file read, the phase
 * (reading, checking, writing) and the rows read so far.
 */
function BusyIndicator({ busy }: { busy: NonNullable<Busy> }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (busy.kind === "upload") {
    return (
      <div role="status" aria-live="polite" style={{ marginBottom: 16 }} data-testid="import-busy">
        <Typography.Text>{t("import.uploading")}</Typography.Text>
        <Progress percent={Math.round(busy.fraction * 100)} />
      </div>
    );
  }
  const job = busy.job;
  const title = busy.kind === "preview" ? t("import.checking") : t("import.importing");
  return (
    <div role="status" aria-live="polite" style={{ marginBottom: 16 }} data-testid="import-busy">
      <Space>
        <Spin size="small" />
        <Typography.Text>{title}</Typography.Text>
      </Space>
      <Progress percent={job ? jobPercent(job) : 0} status="active" data-testid="import-progress" />
      {job ? (
        <Typography.Text type="secondary" data-testid="import-progress-text">
          {t(`import.phase.${job.phase}` satisfies MessageKey, {
            rows: i18n.number(job.rowsRead),
            read: (job.bytesRead / 1024 / 1024).toFixed(1),
            total: (job.totalBytes / 1024 / 1024).toFixed(1),
          })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
