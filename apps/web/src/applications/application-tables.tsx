import { Button, Input, Select, Space, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { type HTMLAttributes, type ReactNode, useState } from "react";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportTable } from "../shared/ui/export-table.tsx";
import { checklistColumns, duplicateColumns, signalColumns, type TextColumn } from "./application-columns.ts";
import type { ApplicationView, ChecklistItem, DuplicateView, SignalView } from "./applications-api.ts";

const SEVERITY_COLOUR = { low: "default", medium: "orange", high: "red" } as const;

/** A row's test id on its `<tr>` (antd's onRow takes plain attributes; data-* are not declared). */
const rowTestId = (testId: string) => ({ "data-testid": testId }) as HTMLAttributes<HTMLElement>;

/**
 * antd columns from text columns: each cell shows its column's text, through `views[key]` where
 * the screen adds colour or a tooltip around that same text (the export reads the same render).
 */
function columnsOf<T extends object>(
  specs: readonly TextColumn<T>[],
  views: Partial<Record<string, (row: T, text: string) => ReactNode>> = {},
): ColumnsType<T> {
  return specs.map(({ text, ...column }) => ({
    ...column,
    render: (_: unknown, row: T) => {
      const shown = text(row);
      const view = views[column.key];
      return view ? view(row, shown) : shown;
    },
  }));
}

/** The checklist; with write rights each item has its evidence form in a row below it. */
export function ChecklistTable(props: {
  exportName: string;
  items: ChecklistItem[];
  documents: ApplicationView["documents"];
  write: boolean;
  busy: string | null;
  onEvidence: (item: string, body: Record<string, string | number>) => void;
}) {
  const i18n = useI18n();
  return (
    <ExportTable<ChecklistItem>
      exportName={props.exportName}
      exportTestId="application-checklist-export"
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={props.items}
      onRow={(item) => rowTestId(`checklist-${item.code}`)}
      columns={columnsOf(checklistColumns(i18n), {
        status: (item, text) => <Tag color={item.complete ? "green" : "default"}>{text}</Tag>,
        item: (_, text) => <strong>{text}</strong>,
        missing: (item, text) =>
          item.missing.length > 0 ? <Typography.Text type="secondary">{text}</Typography.Text> : text,
        evidence: (_, text) => <div style={{ whiteSpace: "pre-line", fontSize: 12 }}>{text}</div>,
      })}
      {...(props.write
        ? {
            expandable: {
              expandedRowKeys: props.items.map((item) => item.code),
              showExpandColumn: false,
              expandedRowRender: (item: ChecklistItem) => (
                <EvidenceForm
                  item={item.code}
                  documents={props.documents}
                  busy={props.busy === `ev-${item.code}`}
                  onSubmit={(body) => props.onEvidence(item.code, body)}
                />
              ),
            },
          }
        : {})}
    />
  );
}

/** The fraud and integrity signals; who may clear them gets a reason field on each active one. */
export function SignalsTable(props: {
  exportName: string;
  signals: SignalView[];
  checked: boolean;
  mayClear: boolean;
  busy: string | null;
  onClear: (code: string, reason: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ExportTable<SignalView>
      exportName={props.exportName}
      exportTestId="application-signals-export"
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={props.signals}
      onRow={(s) => rowTestId(`signal-${s.code}`)}
      locale={{
        emptyText: (
          <Typography.Text {...(props.checked ? {} : { type: "secondary" as const })}>
            {t(props.checked ? "applications.noSignals" : "applications.notChecked")}
          </Typography.Text>
        ),
      }}
      columns={[
        ...columnsOf(signalColumns(i18n), {
          severity: (s, text) => <Tag color={SEVERITY_COLOUR[s.severity]}>{text}</Tag>,
          signal: (s, text) => <strong title={s.code}>{text}</strong>,
          state: (s, text) =>
            s.clearedBy ? (
              <Typography.Text type="success">{text}</Typography.Text>
            ) : s.active ? (
              text
            ) : (
              <Tag>{text}</Tag>
            ),
        }),
        ...(props.mayClear
          ? [
              {
                key: "actions",
                title: t("applications.actions"),
                render: (_: unknown, s: SignalView) =>
                  s.active && !s.clearedBy ? (
                    <ClearForm
                      code={s.code}
                      busy={props.busy === `clear-${s.code}`}
                      onSubmit={(reason) => props.onClear(s.code, reason)}
                    />
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

/** Possible duplicates: red when the other party is the same legal entity. */
export function DuplicatesTable(props: {
  exportName: string;
  duplicates: DuplicateView[];
  checked: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ExportTable<DuplicateView>
      exportName={props.exportName}
      exportTestId="application-duplicates-export"
      size="small"
      rowKey={(d) => `${d.kind}-${d.id ?? `withheld-${props.duplicates.indexOf(d)}`}`}
      pagination={false}
      dataSource={props.duplicates}
      onRow={() => rowTestId("application-duplicate")}
      locale={{
        emptyText: (
          <Typography.Text {...(props.checked ? {} : { type: "secondary" as const })}>
            {t(props.checked ? "applications.noDuplicates" : "applications.notChecked")}
          </Typography.Text>
        ),
      }}
      columns={columnsOf(duplicateColumns(i18n), {
        kind: (d, text) => <Tag color={d.sameEntity ? "red" : "orange"}>{text}</Tag>,
      })}
    />
  );
}

/** Evidence on a checklist item: a note and/or one of the case's documents, dated (default today). */
function EvidenceForm(props: {
  item: string;
  documents: ApplicationView["documents"];
  busy: boolean;
  onSubmit: (body: Record<string, string | number>) => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState("");
  const [registryName, setRegistryName] = useState("");
  const [documentId, setDocumentId] = useState<number | undefined>(undefined);
  const [evidenceOn, setEvidenceOn] = useState("");
  return (
    <Space wrap style={{ marginTop: 6 }}>
      <Input
        size="small"
        placeholder={t("applications.note")}
        aria-label={`${props.item} ${t("applications.note")}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ width: 220 }}
      />
      {props.item === "registration" && (
        <Input
          size="small"
          placeholder={t("applications.registryName")}
          aria-label={t("applications.registryName")}
          value={registryName}
          onChange={(e) => setRegistryName(e.target.value)}
          style={{ width: 220 }}
        />
      )}
      {props.documents.length > 0 && (
        <Select<number>
          size="small"
          allowClear
          placeholder={t("applications.evidenceDocument")}
          aria-label={`${props.item} ${t("applications.evidenceDocument")}`}
          data-testid={`evidence-document-${props.item}`}
          value={documentId ?? null}
          onChange={(v) => setDocumentId(v ?? undefined)}
          options={props.documents.map((d) => ({ value: d.id, label: `${d.fileName} (#${d.id})` }))}
          style={{ width: 220 }}
        />
      )}
      <Input
        size="small"
        type="date"
        aria-label={`${props.item} ${t("applications.evidenceOn")}`}
        title={t("applications.evidenceOn")}
        value={evidenceOn}
        onChange={(e) => setEvidenceOn(e.target.value)}
        style={{ width: 150 }}
      />
      <Button
        size="small"
        disabled={!note.trim() && documentId === undefined}
        loading={props.busy}
        data-testid={`evidence-${props.item}`}
        onClick={() =>
          props.onSubmit({
            item: props.item,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(documentId !== undefined ? { documentId } : {}),
            ...(/^\d{4}-\d{2}-\d{2}$/.test(evidenceOn) ? { evidenceOn } : {}),
            ...(registryName.trim() ? { registryName: registryName.trim() } : {}),
          })
        }
      >
        {t("applications.addEvidence")}
      </Button>
    </Space>
  );
}

function ClearForm(props: { code: string; busy: boolean; onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  return (
    <Space style={{ marginTop: 4 }}>
      <Input
        size="small"
        aria-label={t("applications.clearReason")}
        placeholder={t("applications.clearReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ width: 260 }}
      />
      <Button
        size="small"
        danger
        disabled={!reason.trim()}
        loading={props.busy}
        onClick={() => props.onSubmit(reason.trim())}
        data-testid={`clear-${props.code}`}
      >
        {t("applications.clear")}
      </Button>
    </Space>
  );
}
