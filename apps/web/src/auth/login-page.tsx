import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useAuth } from "../shared/auth/auth-context.tsx";
import { type LoginErrorMessage, loginErrorMessage, safeNextPath } from "../shared/auth/login-error.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { LanguageSwitch } from "../shell/language-switch.tsx";
import "./login-page.css";

interface LoginForm {
  login: string;
  password: string;
}

/**
 * Sign-in: user name and password (labelled, Enter submits), a clear message for a wrong password,
 * a locked account or too many attempts, then back to the page that asked for it (`?next=`).
 */
export default function LoginPage() {
  const { t, locale } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const [error, setError] = useState<LoginErrorMessage | null>(null);
  const [busy, setBusy] = useState(false);

  if (auth.status === "signed-in" && !busy) {
    return <Navigate to={next} replace />;
  }

  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await auth.login(values.login.trim(), values.password);
      void navigate(next, { replace: true });
    } catch (reason) {
      setError(loginErrorMessage(reason, (iso) => timeFormat.format(new Date(iso))));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="cd-login">
      <div className="cd-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="cd-login-card">
        <div className="cd-login-brand">
          <span className="cd-brand-mark">CD</span>
          <span>
            <strong>{t("app.name")}</strong>
            <small>{t("app.subtitle")}</small>
          </span>
        </div>
        <h1>{t("auth.title")}</h1>
        <p className="cd-login-sub">{t("auth.subtitle")}</p>
        {error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="login-error"
            title={t(error.key, error.vars)}
            style={{ marginBottom: 16 }}
          />
        ) : auth.ended === "expired" ? (
          <Alert type="warning" showIcon title={t("auth.sessionExpired")} style={{ marginBottom: 16 }} />
        ) : auth.ended === "signed-out" ? (
          <Alert
            type="success"
            showIcon
            data-testid="logged-out"
            title={t("auth.loggedOut")}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<LoginForm>
          name="signin"
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          disabled={busy}
        >
          <Form.Item
            label={t("auth.login")}
            name="login"
            rules={[{ required: true, whitespace: true, message: t("auth.loginRequired") }]}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              autoComplete="username"
              autoFocus
              autoCapitalize="none"
              spellCheck={false}
              size="large"
            />
          </Form.Item>
          <Form.Item
            label={t("auth.password")}
            name="password"
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="login-submit"
          >
            {t("auth.submit")}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
