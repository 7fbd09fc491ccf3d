import { Button, Form, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import { apiGet, apiRequest } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { currencyDigits, minorToDecimalString, parseAmountToMinor } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportBox } from "../shared/ui/export-box.tsx";
import { FormModal } from "../shared/ui/form-modal.tsx";
import { LoadError } from "../shared/ui/page-state.tsx";
import type { AuthorityMatrix } from "./settings-api.ts";

/**
 * The approval authority matrix: read by everyone with limits:read, edited by limits:configure
 * (administrators) in a dialog. Amounts are typed in major units and parsed exactly into minor
 * units; an empty amount means no cap.
 */
export function AuthorityPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const matrix = useApi((signal) => apiGet<AuthorityMatrix>("/limit-authorities", {}, signal), []);
  const [editing, setEditing] = useState(false);
  const m = matrix.data;
  const mayEdit = can("limits:configure");

  if (matrix.error) {
    return <LoadError error={matrix.error} onRetry={matrix.reload} />;
  }
  return (
    <>
      <Typography.Paragraph type="secondary">
        {mayEdit
          ? t("settings.authorityEditHint", { currency: m?.currency ?? "" })
          : t("settings.authorityHint")}
      </Typography.Paragraph>
      <ExportBox name="authority-matrix">
        <Table
          size="small"
          rowKey="role"
          loading={matrix.loading}
          pagination={false}
          data-testid="authority-matrix"
          dataSource={m?.entries ?? []}
          columns={[
            { key: "level", title: t("settings.level"), dataIndex: "level" },
            { key: "role", title: t("settings.role"), render: (_, e) => i18n.label("role", e.role) },
            {
              key: "max",
              title: t("settings.maxAmount"),
              align: "right",
              render: (_, e) =>
                e.maxMinor === null ? t("settings.unlimited") : i18n.money(e.maxMinor, m?.currency),
            },
          ]}
        />
      </ExportBox>
      {mayEdit && m ? (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => setEditing(true)} data-testid="authority-edit">
            {t("settings.editAuthority")}
          </Button>
        </Space>
      ) : null}
      {editing && m ? (
        <AuthorityModal matrix={m} onSaved={matrix.reload} onClose={() => setEditing(false)} />
      ) : null}
    </>
  );
}

interface AuthorityValues {
  /** One per matrix entry, in its order: the amount as typed, empty for no cap. */
  entries: { max?: string }[];
}

/** Edits every role's cap at once (PUT /limit-authorities replaces the matrix). */
function AuthorityModal(props: { matrix: AuthorityMatrix; onSaved: () => void; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { currency, entries } = props.matrix;
  const digits = currencyDigits(currency);
  const parse = (text: string | undefined) => {
    const trimmed = (text ?? "").trim();
    return trimmed === "" ? null : parseAmountToMinor(trimmed, currency);
  };
  return (
    <FormModal<AuthorityValues>
      title={t("settings.editAuthority")}
      okText={t("settings.save")}
      cancelText={t("approvals.cancel")}
      okTestId="authority-save"
      testId="authority-form"
      successMessage={t("settings.authoritySaved")}
      initialValues={{
        entries: entries.map((e) => ({
          max: e.maxMinor === null ? "" : minorToDecimalString(e.maxMinor, digits),
        })),
      }}
      // The server names `entries.2.maxMinor`; the form holds the typed text as `entries.2.max`.
      problemFields={Object.fromEntries(entries.map((_, i) => [`entries.${i}.maxMinor`, `entries.${i}.max`]))}
      onSubmit={(values) =>
        apiRequest("PUT", "/limit-authorities", {
          body: {
            currency,
            entries: entries.map((e, i) => ({ ...e, maxMinor: parse(values.entries[i]?.max) })),
          },
        })
      }
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      {entries.map((e, i) => (
        <Form.Item
          key={e.role}
          name={["entries", i, "max"]}
          label={`${t("settings.maxAmount")} — ${i18n.label("role", e.role)}`}
          rules={[
            {
              validator: (_, text: string | undefined) => {
                const minor = parse(text);
                return (text ?? "").trim() === "" || (minor !== null && minor >= 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("settings.authorityInvalid")));
              },
            },
          ]}
        >
          <Input style={{ textAlign: "right" }} placeholder={t("settings.unlimited")} inputMode="decimal" />
        </Form.Item>
      ))}
    </FormModal>
  );
}
