import { Alert, App, Button, Input, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { apiGet, apiRequest } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { currencyDigits, minorToDecimalString, parseAmountToMinor } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportBox } from "../shared/ui/export-box.tsx";
import { LoadError } from "../shared/ui/page-state.tsx";
import type { AuthorityMatrix } from "./settings-api.ts";

/**
 * The approval authority matrix: read by everyone with limits:read, edited by limits:configure
 * (administrators). Amounts are typed in major units and parsed exactly into minor units; an
 * empty amount means no cap.
 */
export function AuthorityPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const matrix = useApi((signal) => apiGet<AuthorityMatrix>("/limit-authorities", {}, signal), []);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const m = matrix.data;
  const mayEdit = can("limits:configure");

  useEffect(() => {
    if (m) {
      const digits = currencyDigits(m.currency);
      setDrafts(
        Object.fromEntries(
          m.entries.map((e) => [e.role, e.maxMinor === null ? "" : minorToDecimalString(e.maxMinor, digits)]),
        ),
      );
    }
  }, [m]);

  if (matrix.error) {
    return <LoadError error={matrix.error} onRetry={matrix.reload} />;
  }

  const save = async () => {
    if (!m) {
      return;
    }
    const bad: string[] = [];
    const entries = m.entries.map((e) => {
      const text = (drafts[e.role] ?? "").trim();
      const maxMinor = text === "" ? null : parseAmountToMinor(text, m.currency);
      if (text !== "" && (maxMinor === null || maxMinor < 0)) {
        bad.push(e.role);
      }
      return { ...e, maxMinor };
    });
    setInvalid(bad);
    if (bad.length > 0) {
      return;
    }
    setSaving(true);
    try {
      await apiRequest("PUT", "/limit-authorities", { body: { currency: m.currency, entries } });
      void message.success(t("settings.authoritySaved"));
      matrix.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        {mayEdit
          ? t("settings.authorityEditHint", { currency: m?.currency ?? "" })
          : t("settings.authorityHint")}
      </Typography.Paragraph>
      {invalid.length > 0 ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t("settings.authorityInvalid")} />
      ) : null}
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
                mayEdit ? (
                  <Input
                    aria-label={`${t("settings.maxAmount")} — ${i18n.label("role", e.role)}`}
                    style={{ width: 200, textAlign: "right" }}
                    status={invalid.includes(e.role) ? "error" : ""}
                    placeholder={t("settings.unlimited")}
                    value={drafts[e.role] ?? ""}
                    onChange={(event) => setDrafts((d) => ({ ...d, [e.role]: event.target.value }))}
                  />
                ) : e.maxMinor === null ? (
                  t("settings.unlimited")
                ) : (
                  i18n.money(e.maxMinor, m?.currency)
                ),
            },
          ]}
        />
      </ExportBox>
      {mayEdit ? (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="authority-save">
            {t("settings.save")}
          </Button>
        </Space>
      ) : null}
    </>
  );
}
