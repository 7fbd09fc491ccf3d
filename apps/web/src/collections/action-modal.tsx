import { Form, Input, Radio, Select } from "antd";
import { apiPost } from "../shared/api/client.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { FormModal } from "../shared/ui/form-modal.tsx";
import type { WorklistItem } from "./collections-api.ts";

/** Call outcomes the API accepts (lib `CALL_OUTCOMES`). */
const CALL_OUTCOMES = ["reached", "no_answer", "promised", "disputed", "refused", "wrong_contact"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ActionValues {
  kind: "call" | "note" | "legal";
  outcome?: (typeof CALL_OUTCOMES)[number];
  contact?: string;
  phone?: string;
  callbackOn?: string;
  handedOverTo?: string;
  reference?: string;
  note?: string;
}

/**
 * Records a collection action by hand on a worklist invoice: a call with its outcome (and a
 * call-back date), a note, or a legal handover (to whom, reference). Labelled AntD fields, so the
 * dialog works from the keyboard; the API audits who recorded it and when.
 */
export function ActionModal(props: { item: WorklistItem; onClose: () => void; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<ActionValues>();
  const kind = Form.useWatch("kind", form) ?? "call";
  const { item } = props;
  const save = (v: ActionValues) => {
    const opt = (key: keyof ActionValues) => (v[key] ? { [key]: v[key] } : {});
    const body =
      v.kind === "call"
        ? {
            kind: "call",
            outcome: v.outcome,
            ...opt("contact"),
            ...opt("phone"),
            ...opt("callbackOn"),
            ...opt("note"),
          }
        : v.kind === "note"
          ? { kind: "note", note: v.note }
          : { kind: "legal", handedOverTo: v.handedOverTo, ...opt("reference"), ...opt("note") };
    return apiPost(`/collections/customers/${encodeURIComponent(item.customerCode)}/actions`, {
      ...body,
      invoiceNumbers: [item.invoiceNumber],
    });
  };
  return (
    <FormModal<ActionValues>
      title={t("collections.actionTitle", { customer: item.customerName })}
      form={form}
      testId="action-form"
      initialValues={{ kind: "call", outcome: "reached" }}
      successMessage={t("collections.actionSaved")}
      onSubmit={save}
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      <Form.Item label={t("collections.promiseInvoices")}>
        {item.invoiceNumber} · {i18n.money(item.openMinor, item.currency)}
      </Form.Item>
      <Form.Item name="kind" label={t("collections.actionKind")} rules={[{ required: true }]}>
        <Radio.Group
          options={(["call", "note", "legal"] as const).map((k) => ({
            value: k,
            label: i18n.label("collectionAction", k),
          }))}
        />
      </Form.Item>
      {kind === "call" ? (
        <>
          <Form.Item name="outcome" label={t("collections.callOutcome")} rules={[{ required: true }]}>
            <Select
              data-testid="action-outcome"
              options={CALL_OUTCOMES.map((o) => ({ value: o, label: i18n.label("collectionOutcome", o) }))}
            />
          </Form.Item>
          <Form.Item name="contact" label={t("collections.contact")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="phone" label={t("collections.phone")}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="callbackOn"
            label={t("collections.callbackOn")}
            rules={[{ pattern: DATE, message: t("collections.dateInvalid") }]}
          >
            <Input type="date" />
          </Form.Item>
        </>
      ) : null}
      {kind === "legal" ? (
        <>
          <Form.Item name="handedOverTo" label={t("collections.handedOverTo")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="reference" label={t("collections.legalReference")}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item
        name="note"
        label={t("collections.note")}
        rules={kind === "note" ? [{ required: true, message: t("collections.noteRequired") }] : []}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
