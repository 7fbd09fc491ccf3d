import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useI18n } from "../../shared/i18n/i18n-context.tsx";
import { EChart } from "../../shared/ui/echart.tsx";
import { type AssessmentView, localText } from "./assessment-view.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Score over time (oldest first), each point's tooltip naming its grade and main reason codes. */
export function ScoreHistoryChart({ items }: { items: readonly AssessmentView[] }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const option = useMemo((): EChartsCoreOption => {
    const points = items
      .filter((a) => a.score !== undefined && a.assessedOn)
      .slice()
      .reverse();
    return {
      tooltip: {
        trigger: "axis",
        formatter: (params: unknown) => {
          const index = Array.isArray(params) ? (params[0] as { dataIndex: number }).dataIndex : 0;
          const a = points[index];
          if (!a) {
            return "";
          }
          const reasons = a.reasons
            .slice(0, 3)
            .map((r) => escapeHtml(`${r.code} ${localText(r.text, locale) ?? ""}`))
            .join("<br/>");
          return `${i18n.date(a.assessedOn)} · ${i18n.number(a.score)} · ${i18n.label("grade", a.grade)}<br/>${reasons}`;
        },
      },
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      xAxis: { type: "category", data: points.map((a) => i18n.date(a.assessedOn)) },
      yAxis: { type: "value", scale: true },
      series: [{ type: "line", data: points.map((a) => a.score ?? null), symbolSize: 8 }],
    };
  }, [items, i18n, locale]);
  return (
    <EChart
      option={option}
      ariaLabel={t("creditFile.scoreChart")}
      height={220}
      testId="score-history-chart"
    />
  );
}
