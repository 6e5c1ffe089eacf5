import { columnarFields, withColumnarRead } from "../core/columnar";
import { fail } from "../core/errors";
import { meanConsistency } from "../core/homogeneity";
import { type Accessor, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { meanKind, type MeanResult } from "../core/mean";
import { type BuiltInOptions, type Metric, metricFrom } from "../core/metric";
import { momentsVariance, type MomentsSummary, summarizeMoments, welchTest } from "../core/moments";

const MEAN_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<MeanMetricOptions<any>>()("id", "label", "value", "unit", "direction", "range", "invalid", "confidence", "column", "weightColumn");

/**
 * Options of {@link meanMetric}.
 * @category Portfolio
 */
export interface MeanMetricOptions<Row> extends Omit<BuiltInOptions<Row>, "weights" | "weight"> {
  id: string;
  label: string;
  /** The number of a row (revenue, predicted CLV, handle time...). */
  value: Accessor<Row, number>;
  unit?: string;
  direction?: "higher-is-better" | "lower-is-better";
  /** Natural range of the mean, for composite indices. */
  range?: readonly [number, number];
}

/**
 * The mean of a numeric column (revenue per customer, customer lifetime value from
 * {@link customerLifetimeValue} or {@link historicalClv} per row, handle time) as a portfolio
 * metric, built from {@link meanKind}: a mergeable moments summary (Welford's one-pass update,
 * merged with Chan, Golub & LeVeque's formula), the Student-t interval ({@link meanFromSummary}),
 * Welch's t test for changes and Welch's ANOVA for consistency across segments.
 *
 * @param options - {@link MeanMetricOptions}: `id`, `label` and `value` are required.
 * @returns The metric.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing accessor; when summarizing,
 * `NON_FINITE`/`INVALID_SCORE` for a bad value (with its row index) unless `invalid: "skip"`.
 * @example
 * ```ts
 * import { meanMetric } from "cx-metrics";
 * const clv = meanMetric({ id: "clv", label: "Customer lifetime value", unit: "USD", value: (c) => c.clv });
 * clv.finish(clv.summarize([{ clv: 100 }, { clv: 300 }])).mean; //=> 200
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function meanMetric<Row, const Id extends string>(options: MeanMetricOptions<Row> & { id: Id }): Metric<Id, Row, MomentsSummary, MeanResult> {
  const fn = "meanMetric";
  const o = readOptions<MeanMetricOptions<Row>>(fn, options, MEAN_METRIC_OPTIONS_KEYS);
  if (typeof o.value !== "function") fail(fn, "INVALID_OPTION", "expected a value accessor, (row) => number");
  const read = o.value;
  const confidence = readConfidence(fn, o.confidence);
  const policy = readChoice(fn, "invalid", o.invalid, ["throw", "skip"], "throw");
  const id = o.id as Id;
  const fields = columnarFields(read, undefined);
  const metric = metricFrom(meanKind, {
    id,
    label: o.label,
    unit: o.unit ?? "",
    direction: readChoice(fn, "direction", o.direction, ["higher-is-better", "lower-is-better"], "higher-is-better"),
    range: o.range,
    summarize: (rows: ArrayLike<Row>) => summarizeMoments(`${id}.summarize`, rows, read, policy),
    finishOptions: { confidence },
    value: (r) => r.mean,
    compare: (a, b, level) => {
      const c = welchTest(`${id}.compare`, a, b, level);
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: "welch" };
    },
    consistency: (summaries) => meanConsistency(summaries.map((s) => ({ mean: s.mean, variance: momentsVariance(s) ?? NaN, n: s.n }))),
    sql: { kind: "moments", invalid: policy, column: o.column ?? fields?.value },
  });
  const identity = (v: number | null) => v;
  return fields === undefined ? metric : withColumnarRead(metric, { ...fields, accepts: "number", summarize: (values) => summarizeMoments(`${id}.summarize`, values, identity, policy) });
}
