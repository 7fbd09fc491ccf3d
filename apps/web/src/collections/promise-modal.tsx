import { Form, Input, InputNumber } from "antd";
import { apiPost } from "../shared/api/client.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { FormModal, fieldError } from "../shared/ui/form-modal.tsx";
import { parseAmountMinor, type WorklistItem } from "./collections-api.ts";

const today = () => new Date().toISOString().slice(0, 10);
/** Currencies without minor units (ISO 4217 exponent 0). */
const EXPONENT_ZERO = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"]);

interface PromiseValues {
  amount: string;
  promisedOn: string;
  graceDays?: number | null;
  contact?: string;
}

/** Records a promise to pay a worklist invoice: amount, date, grace days and who promised. */
export function PromiseModal(props: { item: WorklistItem; onClose: () => void; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { item } = props;
  return (
    <FormModal<PromiseValues>
      title={t("collections.promiseTitle", { customer: item.customerName })}
      testId="promise-form"
      initialValues={{ promisedOn: today() }}
      problemFields={{ promisedMinor: "amount" }}
      successMessage={t("collections.promiseSaved")}
      onSubmit={(v) => {
        const promisedMinor = parseAmountMinor(v.amount, EXPONENT_ZERO.has(item.currency) ? 0 : 2);
        if (promisedMinor === null) {
          throw fieldError("amount", t("collections.amountInvalid"));
        }
        return apiPost(`/collections/customers/${encodeURIComponent(item.customerCode)}/promises`, {
          invoiceNumbers: [item.invoiceNumber],
          promisedMinor,
          promisedOn: v.promisedOn,
          ...(v.graceDays !== undefined && v.graceDays !== null ? { graceDays: v.graceDays } : {}),
          ...(v.contact ? { contact: v.contact } : {}),
        });
      }}
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      <Form.Item label={t("collections.promiseInvoices")}>
        {item.invoiceNumber} · {i18n.money(item.openMinor, item.currency)}
      </Form.Item>
      <Form.Item
        name="amount"
        label={t("collections.promiseAmount", { currency: item.currency })}
        rules={[{ required: true, message: t("collections.amountInvalid") }]}
      >
        <Input data-testid="promise-amount" inputMode="decimal" />
      </Form.Item>
      <Form.Item
        name="promisedOn"
        label={t("collections.promiseDate")}
        rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t("collections.dateInvalid") }]}
      >
        <Input data-testid="promise-date" placeholder="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="graceDays" label={t("collections.promiseGrace")}>
        <InputNumber min={0} max={60} />
      </Form.Item>
      <Form.Item name="contact" label={t("collections.promiseContact")}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
