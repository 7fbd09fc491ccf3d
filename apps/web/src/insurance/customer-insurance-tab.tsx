import { Card, Col, Row, Statistic } from "antd";
import { apiGet } from "../shared/api/client.ts";
import { useApi } from "../shared/api/use-api.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { LoadError } from "../shared/ui/page-state.tsx";
import type { CustomerInsurance } from "./insurance-api.ts";
import { ClaimsTable, DeadlinesTable, FactoredTable, PositionsTable } from "./insurance-page.tsx";

/** The credit file's insurance section: exposure net of cover, insured limits, deadlines, claims, factoring. */
export function CustomerInsuranceTab({ customer }: { customer: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const asOf = new Date().toISOString().slice(0, 10);
  const state = useApi(
    (signal) =>
      apiGet<CustomerInsurance>(`/customers/${encodeURIComponent(customer)}/insurance`, { asOf }, signal),
    [customer, asOf],
  );
  if (state.error) {
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  const d = state.data;
  return (
    <div data-testid="customer-insurance">
      {d ? (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={8}>
            <Statistic
              title={t("insurance.grossExposure")}
              value={i18n.money(d.exposure.grossMinor, d.exposure.currency)}
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={t("insurance.insuredShare")}
              value={i18n.money(d.exposure.insuredMinor, d.exposure.currency)}
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={t("insurance.netExposure")}
              value={i18n.money(d.exposure.netMinor, d.exposure.currency)}
            />
          </Col>
        </Row>
      ) : null}
      <Card size="small" title={t("insurance.tab.buyers")} style={{ marginBottom: 12 }}>
        <PositionsTable items={d?.positions ?? []} loading={state.loading} />
      </Card>
      <Card size="small" title={t("insurance.tab.deadlines")} style={{ marginBottom: 12 }}>
        <DeadlinesTable items={d?.deadlines ?? []} loading={state.loading} />
      </Card>
      <Card size="small" title={t("insurance.tab.claims")} style={{ marginBottom: 12 }}>
        <ClaimsTable items={d?.claims ?? []} loading={state.loading} mayWrite={false} />
      </Card>
      <Card size="small" title={t("insurance.tab.factoring")}>
        <FactoredTable items={d?.factored ?? []} loading={state.loading} />
      </Card>
    </div>
  );
}
