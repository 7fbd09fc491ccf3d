import { App, Button, Form, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { apiGet, apiPost, apiRequest } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { ExportButton } from "../shared/ui/export-button.tsx";
import { FormModal } from "../shared/ui/form-modal.tsx";
import { LoadError } from "../shared/ui/page-state.tsx";
import { ROLES, type UserRow } from "./settings-api.ts";

/** Users: everyone with users:read sees the list; administrators (users:write) create and disable. */
export function UsersPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can, user: me } = useAuth();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const users = useApi((signal) => apiGet<{ items: UserRow[] }>("/users", {}, signal), []);
  const mayWrite = can("users:write");
  const items = users.data?.items ?? [];

  const setStatus = async (u: UserRow, status: "active" | "disabled") => {
    try {
      await apiRequest("PATCH", `/users/${encodeURIComponent(u.login)}`, { body: { status } });
      void message.success(
        t(status === "disabled" ? "settings.userDisabled" : "settings.userEnabled", { login: u.login }),
      );
      users.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };

  if (users.error) {
    return <LoadError error={users.error} onRetry={users.reload} />;
  }
  const header = [
    t("settings.login"),
    t("settings.displayName"),
    t("settings.role"),
    t("settings.team"),
    t("settings.status"),
    t("settings.lastLogin"),
  ];
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        {mayWrite ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">
            {t("settings.createUser")}
          </Button>
        ) : (
          <span />
        )}
        <ExportButton
          name="users"
          header={header}
          rows={() => items.map((u) => [u.login, u.displayName, u.role, u.team, u.status, u.lastLoginAt])}
        />
      </Space>
      <Table<UserRow>
        size="small"
        rowKey="login"
        loading={users.loading}
        pagination={false}
        data-testid="users"
        dataSource={items}
        columns={[
          { key: "login", title: header[0], dataIndex: "login" },
          { key: "name", title: header[1], dataIndex: "displayName" },
          { key: "role", title: header[2], render: (_, u) => i18n.label("role", u.role) },
          { key: "team", title: header[3], render: (_, u) => u.team ?? t("common.empty") },
          {
            key: "status",
            title: header[4],
            render: (_, u) => (
              <Tag color={u.status === "active" ? "green" : "default"}>
                {i18n.label("userStatus", u.status)}
              </Tag>
            ),
          },
          {
            key: "last",
            title: header[5],
            render: (_, u) =>
              u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString(i18n.locale) : t("common.empty"),
          },
          ...(mayWrite
            ? [
                {
                  key: "actions",
                  title: t("approvals.actions"),
                  render: (_: unknown, u: UserRow) =>
                    u.login === me?.login ? null : u.status === "active" ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => void setStatus(u, "disabled")}
                        data-testid={`disable-${u.login}`}
                      >
                        {t("settings.disable")}
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => void setStatus(u, "active")}>
                        {t("settings.enable")}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {creating ? <CreateUserModal onSaved={users.reload} onClose={() => setCreating(false)} /> : null}
    </>
  );
}

interface NewUser {
  login: string;
  displayName: string;
  role: (typeof ROLES)[number];
  password: string;
}

/** Creates a user (POST /users); a refused login or password shows on its field. */
function CreateUserModal({ onSaved, onClose }: { onSaved: () => void; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <FormModal<NewUser>
      title={t("settings.createUser")}
      okText={t("settings.create")}
      cancelText={t("approvals.cancel")}
      initialValues={{ role: "viewer" }}
      onSubmit={(values) =>
        apiPost("/users", {
          login: values.login.trim(),
          role: values.role,
          ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
          password: values.password,
        })
      }
      onSaved={onSaved}
      onClose={onClose}
    >
      <Form.Item
        name="login"
        label={t("settings.login")}
        rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/, message: t("settings.loginRule") }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t("settings.displayName")}>
        <Input />
      </Form.Item>
      <Form.Item name="role" label={t("settings.role")} rules={[{ required: true }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: i18n.label("role", r) }))} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("settings.password")}
        rules={[{ required: true, min: 8, message: t("settings.passwordRule") }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
