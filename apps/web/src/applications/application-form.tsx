import { Button, DatePicker, Form, Input, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { parseAmountToMinor } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { type DocumentUpload, toUpload } from "./applications-api.ts";

interface Values {
  legalName: string;
  registrationId: string;
  foundedOn?: Dayjs;
  address?: string;
  phone?: string;
  email?: string;
  contactName?: string;
  bankName?: string;
  bankAccount?: string;
  currency: string;
  requested: string;
  monthlyNeed?: string;
  termsDays?: string;
  referenceName?: string;
  bankReferenceName?: string;
}

/**
 * The application form, used by sales (signed in) and by the prospect (public link): company
 * data, registration id, contact and bank details, one reference, requested limit and terms,
 * documents. Amounts are typed as decimals and sent as integer minor units.
 */
export function ApplicationForm(props: {
  busy: boolean;
  maxFileBytes: number;
  maxFiles: number;
  onSubmit: (body: Record<string, unknown> & { documents: DocumentUpload[] }) => void;
}) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [form] = Form.useForm<Values>();
  const required = (field: string) => [{ required: true, message: t("applications.required", { field }) }];
  const amount = (currency: string) => ({
    validator: (_: unknown, v: string | undefined) =>
      !v || parseAmountToMinor(v, currency) !== null ? Promise.resolve() : Promise.reject(new Error("0.00")),
  });
  const submit = async (v: Values) => {
    const documents = await Promise.all(
      files.map((f) => toUpload(f, f.type === "application/pdf" ? "statement" : "other")),
    );
    const optional = (key: string, value: string | undefined) =>
      value?.trim() ? { [key]: value.trim() } : {};
    props.onSubmit({
      legalName: v.legalName.trim(),
      registrationType: "uscc",
      registrationId: v.registrationId.trim(),
      ...(v.foundedOn ? { foundedOn: v.foundedOn.format("YYYY-MM-DD") } : {}),
      ...optional("address", v.address),
      ...optional("phone", v.phone),
      ...optional("email", v.email),
      ...optional("contactName", v.contactName),
      ...optional("bankName", v.bankName),
      ...optional("bankAccount", v.bankAccount),
      references: [
        ...(v.bankReferenceName?.trim() ? [{ kind: "bank" as const, name: v.bankReferenceName.trim() }] : []),
        ...(v.referenceName?.trim() ? [{ kind: "trade" as const, name: v.referenceName.trim() }] : []),
      ],
      currency: v.currency,
      requestedLimitMinor: parseAmountToMinor(v.requested, v.currency) ?? 0,
      ...(v.monthlyNeed
        ? { statedMonthlyNeedMinor: parseAmountToMinor(v.monthlyNeed, v.currency) ?? 0 }
        : {}),
      requestedTermsDays: v.termsDays ? Number(v.termsDays) : 30,
      documents,
    });
  };
  const currency = Form.useWatch("currency", form) ?? "CNY";
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ currency: "CNY", termsDays: "30" }}
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 720 }}
      data-testid="application-form"
    >
      <Form.Item
        name="legalName"
        label={t("applications.legalName")}
        rules={required(t("applications.legalName"))}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="registrationId"
        label={t("applications.registrationId")}
        rules={required(t("applications.registrationId"))}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="foundedOn" label={t("applications.foundedOn")}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="address" label={t("applications.address")}>
        <Input maxLength={300} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="contactName" label={t("applications.contactName")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t("applications.phone")}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="email" label={t("applications.email")} rules={[{ type: "email" }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="bankName" label={t("applications.bankName")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="bankAccount" label={t("applications.bankAccount")}>
          <Input maxLength={64} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="bankReferenceName" label={t("applications.bankReferenceName")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="referenceName" label={t("applications.referenceName")}>
          <Input maxLength={200} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="currency" label={t("applications.currency")}>
          <Select
            style={{ width: 100 }}
            options={["CNY", "USD", "EUR", "HKD"].map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item
          name="requested"
          label={t("applications.requestedAmount")}
          rules={[...required(t("applications.requestedAmount")), amount(currency)]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="monthlyNeed" label={t("applications.monthlyNeed")} rules={[amount(currency)]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="termsDays" label={t("applications.terms")}>
          <Input inputMode="numeric" style={{ width: 100 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t("applications.documents")}>
        <input
          type="file"
          multiple
          accept="application/pdf,image/png,image/jpeg"
          aria-label={t("applications.documents")}
          onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, props.maxFiles))}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          {t("applications.documentsHint", {
            size: Math.round(props.maxFileBytes / 1024 / 1024),
            count: props.maxFiles,
          })}
        </Typography.Paragraph>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={props.busy} data-testid="application-submit">
        {t("applications.submit")}
      </Button>
    </Form>
  );
}
