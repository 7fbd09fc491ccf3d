import type { Dataset } from "@creditdesk/core/models";
import { fitLogistic } from "@creditdesk/core/models";

/**
 * The quality-bar baseline: plain logistic regression on the raw characteristics — numerics
 * standardised (mean-imputed, plus a missing flag when the train sample has missing values),
 * categoricals one-hot (missing and unseen as their own column). L2 = 1 matches sklearn's C = 1.
 */
export function trainBaselineLogistic(train: Dataset): (data: Dataset) => Float64Array {
  type Encoder = (data: Dataset) => Float64Array[];
  const encoders: Encoder[] = train.features.map((column, j): Encoder => {
    if (column.kind === "numeric") {
      const present = Array.from(column.values).filter((x) => !Number.isNaN(x));
      const mean = present.reduce((a, b) => a + b, 0) / Math.max(present.length, 1);
      const sd =
        Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(present.length, 1)) || 1;
      const hasMissing = present.length < column.values.length;
      return (data) => {
        const values = data.features[j]!.values as Float64Array;
        const z = Float64Array.from(values, (x) => (Number.isNaN(x) ? 0 : (x - mean) / sd));
        return hasMissing ? [z, Float64Array.from(values, (x) => (Number.isNaN(x) ? 1 : 0))] : [z];
      };
    }
    const levels = [...new Set(column.values.filter((v): v is string => v !== null))].sort();
    return (data) => {
      const values = data.features[j]!.values as readonly (string | null)[];
      const blocks = levels.map((level) => Float64Array.from(values, (v) => (v === level ? 1 : 0)));
      blocks.push(Float64Array.from(values, (v) => (v === null || !levels.includes(v) ? 1 : 0)));
      return blocks;
    };
  });
  const encode = (data: Dataset) => encoders.flatMap((e) => e(data));
  const fit = fitLogistic({ columns: encode(train), target: train.target, l2: 1, maxIterations: 100 });
  return (data) => {
    const columns = encode(data);
    return Float64Array.from({ length: data.rows }, (_, i) => {
      let margin = fit.intercept;
      columns.forEach((c, k) => {
        margin += fit.coefficients[k]! * c[i]!;
      });
      return 1 / (1 + Math.exp(-margin));
    });
  };
}
