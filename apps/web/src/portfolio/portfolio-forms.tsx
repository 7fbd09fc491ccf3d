import { Form, type FormRule, Input, InputNumber, Select } from "antd";
import { apiRequest } from "../shared/api/client.ts";
import { parseAmountToMinor } from "../shared/format/money.ts";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import type { MessageKey } from "../shared/i18n/zh-CN.ts";
import { FormModal, fieldError } from "../shared/ui/form-modal.tsx";
import {
  isWholeBps,
  LGD_PROBLEM_FIELDS,
  type LgdConfig,
  type LgdValues,
  lgdFromValues,
  lgdToValues,
} from "./portfolio-api.ts";

/** Shock kinds of a stress scenario (core `stressShockSchema`). */
const SHOCKS = ["pd_factor", "customers_default", "top_n_default", "industry_shock", "region_shock"] as const;
type ShockKind = (typeof SHOCKS)[number];

interface ScenarioValues {
  name: string;
  description?: string;
  kind: ShockKind;
  factor?: number;
  customers?: string;
  n?: number;
  value?: string;
  pdMultiplier?: number;
  lgdAddPoints?: number;
  exposureMultiplier?: number;
  lossBudget?: string;
}

/**
 * Saves a named stress scenario of one shock (PUT /portfolio/stress-scenarios; the same name
 * replaces it): all PDs × a factor, chosen customers default, the N largest exposures default, or an
 * industry / region shock (PD ×, LGD + points, exposure ×), with an optional loss budget.
 */
export function ScenarioModal(props: {
  baseCurrency: string;
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ScenarioValues>();
  const kind = Form.useWatch("kind", form) ?? "pd_factor";
  const shockOf = (v: ScenarioValues) => {
    const lgdAddBps = Math.round((v.lgdAddPoints ?? 0) * 100);
    switch (v.kind) {
      case "pd_factor":
        return { kind: v.kind, factor: v.factor ?? 1, lgdAddBps };
      case "customers_default":
        return {
          kind: v.kind,
          customers: (v.customers ?? "")
            .split(/[\s,，;；]+/)
            .map((s) => s.trim())
            .filter(Boolean),
        };
      case "top_n_default":
        return { kind: v.kind, n: v.n ?? 1 };
      case "industry_shock":
      case "region_shock":
        return {
          kind: v.kind,
          value: v.value ?? "",
          pdMultiplier: v.pdMultiplier ?? 1,
          lgdAddBps,
          exposureMultiplier: v.exposureMultiplier ?? 1,
        };
      default: {
        const never: never = v.kind;
        return never;
      }
    }
  };
  const save = (v: ScenarioValues) => {
    let lossBudgetMinor: number | undefined;
    if (v.lossBudget?.trim()) {
      const minor = parseAmountToMinor(v.lossBudget, props.baseCurrency);
      if (minor === null) {
        throw fieldError("lossBudget", t("portfolio.amountInvalid"));
      }
      lossBudgetMinor = minor;
    }
    return apiRequest<{ id: number }>("PUT", "/portfolio/stress-scenarios", {
      body: {
        name: v.name,
        ...(v.description ? { description: v.description } : {}),
        shocks: [shockOf(v)],
        ...(lossBudgetMinor !== undefined ? { lossBudgetMinor } : {}),
      },
    });
  };
  const number = (name: keyof ScenarioValues, label: MessageKey, min: number, max: number, step = 0.1) => (
    <Form.Item name={name} label={t(label)} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} step={step} style={{ width: "100%" }} />
    </Form.Item>
  );
  return (
    <FormModal<ScenarioValues, { id: number }>
      title={t("portfolio.newScenario")}
      form={form}
      testId="scenario-form"
      initialValues={{
        kind: "pd_factor",
        factor: 2,
        n: 3,
        pdMultiplier: 2,
        lgdAddPoints: 0,
        exposureMultiplier: 1,
      }}
      // The one shock's fields are the form's own (`shocks.0.factor` → factor …).
      problemFields={{
        "shocks.0.factor": "factor",
        "shocks.0.customers": "customers",
        "shocks.0.n": "n",
        "shocks.0.value": "value",
        "shocks.0.pdMultiplier": "pdMultiplier",
        "shocks.0.lgdAddBps": "lgdAddPoints",
        "shocks.0.exposureMultiplier": "exposureMultiplier",
        lossBudgetMinor: "lossBudget",
      }}
      successMessage={t("portfolio.saved")}
      onSubmit={save}
      onSaved={(saved) => props.onSaved(saved.id)}
      onClose={props.onClose}
    >
      <Form.Item name="name" label={t("portfolio.scenarioName")} rules={[{ required: true }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="kind" label={t("portfolio.shock")} rules={[{ required: true }]}>
        <Select
          data-testid="scenario-kind"
          options={SHOCKS.map((k) => ({ value: k, label: t(`portfolio.shock.${k}` as MessageKey) }))}
        />
      </Form.Item>
      {kind === "pd_factor" ? (
        <>
          {number("factor", "portfolio.pdFactor", 0, 100)}
          {number("lgdAddPoints", "portfolio.lgdAddPoints", 0, 100, 1)}
        </>
      ) : null}
      {kind === "customers_default" ? (
        <Form.Item
          name="customers"
          label={t("portfolio.defaultingCustomers")}
          extra={t("portfolio.codesHelp")}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      ) : null}
      {kind === "top_n_default" ? number("n", "portfolio.topN", 1, 10_000, 1) : null}
      {kind === "industry_shock" || kind === "region_shock" ? (
        <>
          <Form.Item
            name="value"
            label={t(kind === "industry_shock" ? "portfolio.dim.industry" : "portfolio.dim.region")}
            rules={[{ required: true }]}
          >
            <Input maxLength={120} />
          </Form.Item>
          {number("pdMultiplier", "portfolio.pdFactor", 0, 100)}
          {number("lgdAddPoints", "portfolio.lgdAddPoints", 0, 100, 1)}
          {number("exposureMultiplier", "portfolio.exposureFactor", 0, 100)}
        </>
      ) : null}
      <Form.Item name="lossBudget" label={t("portfolio.lossBudget", { currency: props.baseCurrency })}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="description" label={t("portfolio.description")}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

/** A concentration limit as the API returns it. */
export interface ConcentrationLimitRow {
  dimension: "customer" | "group" | "industry" | "region";
  maxShareBps: number;
  severity: "info" | "warning" | "critical";
  department: "finance" | "sales" | "credit";
  active: boolean;
}

interface LimitValues {
  maxSharePercent: number;
  severity: ConcentrationLimitRow["severity"];
  department: ConcentrationLimitRow["department"];
  active: boolean;
}

/** Sets one dimension's concentration limit (share of exposure, alert severity and department). */
export function ConcentrationLimitModal(props: {
  limit: ConcentrationLimitRow;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const l = props.limit;
  return (
    <FormModal<LimitValues>
      title={t("portfolio.limitTitle", { dimension: t(`portfolio.dim.${l.dimension}` as MessageKey) })}
      testId="limit-form"
      initialValues={{
        maxSharePercent: l.maxShareBps / 100,
        severity: l.severity,
        department: l.department,
        active: l.active,
      }}
      problemFields={{ maxShareBps: "maxSharePercent" }}
      successMessage={t("portfolio.saved")}
      onSubmit={(v) =>
        apiRequest("PUT", `/portfolio/concentration-limits/${l.dimension}`, {
          body: {
            maxShareBps: Math.round(v.maxSharePercent * 100),
            severity: v.severity,
            department: v.department,
            active: v.active,
          },
        })
      }
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      <Form.Item name="maxSharePercent" label={t("portfolio.maxShare")} rules={[{ required: true }]}>
        <InputNumber min={0.01} max={100} step={0.5} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="severity" label={t("portfolio.severity")} rules={[{ required: true }]}>
        <Select options={(["info", "warning", "critical"] as const).map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Form.Item name="department" label={t("portfolio.department")} rules={[{ required: true }]}>
        <Select options={(["credit", "finance", "sales"] as const).map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Form.Item name="active" label={t("portfolio.active")} rules={[{ required: true }]}>
        <Select
          options={[
            { value: true, label: t("portfolio.yes") },
            { value: false, label: t("portfolio.no") },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}

/**
 * Replaces the LGD configuration (PUT /portfolio/lgd): the LGD of each security type and the PD
 * assumed for unassessed customers, typed in percent and sent as whole basis points (the PD as a
 * fraction). The inputs do not clamp: an out-of-range value is refused on its field, not changed.
 */
export function LgdModal(props: { lgd: LgdConfig; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const range: FormRule = { type: "number", min: 0, max: 100, message: t("portfolio.percentRange") };
  const wholeBps: FormRule = {
    validator: (_, value: unknown) =>
      typeof value !== "number" || isWholeBps(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t("portfolio.percentBps"))),
  };
  const lgd = (name: keyof LgdValues, label: MessageKey) => (
    <Form.Item
      name={name}
      label={t("portfolio.percentLabel", { label: t(label) })}
      rules={[{ required: true }, range, wholeBps]}
    >
      <InputNumber step={1} style={{ width: "100%" }} />
    </Form.Item>
  );
  return (
    <FormModal<LgdValues>
      title={t("portfolio.lgdConfig")}
      testId="lgd-form"
      okTestId="lgd-save"
      initialValues={lgdToValues(props.lgd)}
      problemFields={LGD_PROBLEM_FIELDS}
      successMessage={t("portfolio.saved")}
      onSubmit={(values) => apiRequest("PUT", "/portfolio/lgd", { body: lgdFromValues(values) })}
      onSaved={props.onSaved}
      onClose={props.onClose}
    >
      {lgd("unsecuredPercent", "portfolio.lgdUnsecured")}
      {lgd("collateralPercent", "portfolio.lgdCollateral")}
      {lgd("guaranteePercent", "portfolio.lgdGuarantee")}
      <Form.Item
        name="unassessedPdPercent"
        label={t("portfolio.percentLabel", { label: t("portfolio.unassessedPd") })}
        extra={t("portfolio.unassessedPdHelp")}
        rules={[range]}
      >
        <InputNumber step={0.1} style={{ width: "100%" }} />
      </Form.Item>
    </FormModal>
  );
}
