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
import { themeFor } from "./theme.ts";
import { useReducedMotion } from "./use-reduced-motion.ts";

// Pages load on demand so the first paint only needs the shell.
const LoginPage = lazy(() => import("../auth/login-page.tsx"));
const DashboardPage = lazy(() => import("../dashboard/dashboard-page.tsx"));
const CustomersPage = lazy(() => import("../customers/customers-page.tsx"));
const CreditFilePage = lazy(() => import("../customers/credit-file/credit-file-page.tsx"));
const ApprovalsPage = lazy(() => import("../limits/approvals-page.tsx"));
const AlertsPage = lazy(() => import("../alerts/alerts-page.tsx"));
const PortfolioPage = lazy(() => import("../portfolio/portfolio-page.tsx"));
const ApplicationsPage = lazy(() => import("../applications/applications-page.tsx"));
const ApplicationPage = lazy(() => import("../applications/application-page.tsx"));
const PublicFormPage = lazy(() => import("../applications/public-form-page.tsx"));
const ImportWizardPage = lazy(() => import("../customers/import/import-wizard-page.tsx"));
const ReviewsPage = lazy(() => import("../reviews/reviews-page.tsx"));
const InsurancePage = lazy(() => import("../insurance/insurance-page.tsx"));
const CollectionsPage = lazy(() => import("../collections/collections-page.tsx"));
const ModelsPage = lazy(() => import("../models/models-page.tsx"));
const SettingsPage = lazy(() => import("../settings/settings-page.tsx"));

function LocalizedApp() {
  const { locale } = useI18n();
  const reducedMotion = useReducedMotion();
  dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
  return (
    <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} theme={themeFor({ reducedMotion })}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route
              path="apply/:token"
              element={
                <Suspense fallback={<PageLoading />}>
                  <PublicFormPage />
                </Suspense>
              }
            />
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
                path="applications"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ApplicationsPage />
                  </Suspense>
                }
              />
              <Route
                path="applications/:id"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ApplicationPage />
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
              <Route
                path="portfolio"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <PortfolioPage />
                  </Suspense>
                }
              />
              <Route
                path="customers/import"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ImportWizardPage />
                  </Suspense>
                }
              />
              <Route
                path="reviews"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ReviewsPage />
                  </Suspense>
                }
              />
              <Route
                path="insurance"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <InsurancePage />
                  </Suspense>
                }
              />
              <Route
                path="collections"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <CollectionsPage />
                  </Suspense>
                }
              />
              <Route
                path="models"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <ModelsPage />
                  </Suspense>
                }
              />
              <Route
                path="settings"
                element={
                  <Suspense fallback={<PageLoading />}>
                    <SettingsPage />
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
