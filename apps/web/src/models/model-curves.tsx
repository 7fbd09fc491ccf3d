import { Col, Row, Typography } from "antd";
import { useMemo } from "react";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { EChart } from "../shared/ui/echart.tsx";
import { type CurveLabels, type CurveLine, curvesSummary, ksOption, rocOption } from "./curve-charts.ts";

/**
 * ROC and KS charts of one model's parts (train, validation) or of several models on the same
 * rows (champion vs challenger), each with its AUC/KS as the text alternative.
 */
export function ModelCurves({
  lines,
  x,
  testId,
  empty,
}: {
  lines: readonly CurveLine[];
  /** What to say when there is no curve to draw. */
  empty: string;
  /** KS curve against the score (one model) or the share of rows (models on different scales). */
  x: "score" | "population";
  testId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels: CurveLabels = useMemo(
    () => ({
      fpr: t("models.fpr"),
      tpr: t("models.tpr"),
      random: t("models.random"),
      score: t("models.score"),
      population: t("models.population"),
      bad: t("models.cumBad"),
      good: t("models.cumGood"),
      ks: "KS",
    }),
    [t],
  );
  const format = useMemo(() => (v: number) => i18n.number(v, 3), [i18n]);
  const roc = useMemo(() => rocOption({ lines, labels, format }), [lines, labels, format]);
  const ks = useMemo(() => ksOption({ lines, x, labels, format }), [lines, x, labels, format]);
  if (lines.length === 0) {
    return <Typography.Paragraph type="secondary">{empty}</Typography.Paragraph>;
  }
  const summary = curvesSummary(lines, format);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <h3 className="cd-section-title">{t("models.rocTitle")}</h3>
        <EChart
          option={roc}
          ariaLabel={t("models.rocAria", { summary })}
          height={300}
          testId={`${testId}-roc`}
        />
      </Col>
      <Col xs={24} lg={12}>
        <h3 className="cd-section-title">{t("models.ksTitle")}</h3>
        <EChart
          option={ks}
          ariaLabel={t("models.ksAria", { summary })}
          height={300}
          testId={`${testId}-ks`}
        />
      </Col>
    </Row>
  );
}
