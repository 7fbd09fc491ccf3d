import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { AuthProvider } from "../shared/auth/auth-context.tsx";
import { I18nProvider, useI18n } from "../shared/i18n/i18n-context.tsx";
import { PageLoading } from "../shared/ui/page-state.tsx";
import { AppLayout } from "./app-layout.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { RequireAuth } from "./require-auth.tsx";
import { theme } from "./theme.ts";

// Pages load on demand so the first paint only needs the shell.
const LoginPage = lazy(() => import("../auth/login-page.tsx"));
const DashboardPage = lazy(() => import("../dashboard/dashboard-page.tsx"));
const CustomersPage = lazy(() => import("../customers/customers-page.tsx"));
const CreditFilePage = lazy(() => import("../customers/credit-file/credit-file-page.tsx"));
const ApprovalsPage = lazy(() => import("../limits/approvals-page.tsx"));
const AlertsPage = lazy(() => import("../alerts/alerts-page.tsx"));

function LocalizedApp() {
  const { locale } = useI18n();
  dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
  return (
    <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route
              path="login"
              element={
                <Suspense fallback={<PageLoading />}>
                  <LoginPage />
                </Suspense>
              }
            />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route
                index
                element={
                  <Suspense fallback={<PageLoading />}>
                    <DashboardPage />
                  </Suspense>
                }
              />
              <Route
                path="customers"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <CustomersPage />
                  </Suspense>
                }
              />
              <Route
                path="customers/:code"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <CreditFilePage />
                  </Suspense>
                }
              />
              <Route
                path="limits"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ApprovalsPage />
                  </Suspense>
                }
              />
              <Route
                path="alerts"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <AlertsPage />
                  </Suspense>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

/** The CreditDesk workbench: language, sign-in, theme, router and the page shell. */
export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <LocalizedApp />
      </AuthProvider>
    </I18nProvider>
  );
}
