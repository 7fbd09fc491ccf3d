import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { I18nProvider, useI18n } from "../shared/i18n/i18n-context.tsx";
import { PageLoading } from "../shared/ui/page-state.tsx";
import { AppLayout } from "./app-layout.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { theme } from "./theme.ts";

// Pages load on demand so the first paint only needs the shell.
const DashboardPage = lazy(() => import("../dashboard/dashboard-page.tsx"));
const CustomersPage = lazy(() => import("../customers/customers-page.tsx"));
const CreditFilePage = lazy(() => import("../customers/credit-file/credit-file-page.tsx"));

function LocalizedApp() {
  const { locale } = useI18n();
  dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
  return (
    <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route element={<AppLayout />}>
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
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

/** The CreditDesk workbench: language, theme, router and the page shell. */
export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
