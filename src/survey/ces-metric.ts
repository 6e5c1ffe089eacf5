import { columnarFields, withColumnarRead } from "../core/columnar";
import { welchAnova } from "../core/homogeneity";
import { keysOf, readChoice, readConfidence, readOptions, type Accessor } from "../core/input";
import { type BuiltInOptions, comparison, type Metric, metricFrom, readAccessor, readWeights } from "../core/metric";
import { cesDirection, cesKind, type CesResult, cesScale, type CesSummary, cesSummary, type CesVersion } from "./ces";
import { compareCes } from "./compare-ces";
import { distributionStats } from "./score-distribution";

const CES_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CesMetricOptions<any>>()("score", "version", "id", "label", "weights", "weight", "invalid", "confidence", "column", "weightColumn");

/**
 * Options of {@link cesMetric}.
 * @category Portfolio
 */
export interface CesMetricOptions<Row> extends BuiltInOptions<Row> {
  /** The answer of a row. */
  score: Accessor<Row>;
  /** `"2.0"` (1–7 agreement, default) or `"1.0"` (1–5 effort). */
  version?: CesVersion;
}

/**
 * Customer Effort Score (mean answer) as a portfolio metric: {@link cesKind} (the summary's merge,
 * empty, count and finish) with {@link cesSummary} for rows and {@link compareCes} for changes.
 *
 * Definition: value = mean answer (CES 2.0: 1–7 agreement, higher is better; CES 1.0: 1–5
 * effort, lower is better); change test: Welch's t; consistency: Welch's one-way ANOVA of the
 * segment means. Follow-up: the unfavourable side (2.0: 1–3, severity (4 − score)/3; 1.0: 4–5,
 * severity (score − 3)/2).
 *
 * @param options - {@link CesMetricOptions}; `score` is required.
 * @returns The metric, id `"ces"` unless `id` is given.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing accessor or bad option.
 * @example
 * ```ts
 * import { cesMetric } from "cx-metrics";
 * const m = cesMetric({ score: (r) => r.effort });
 * m.finish(m.summarize([{ effort: 7 }, { effort: 5 }])).mean; //=> 6
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function cesMetric<Row, const Id extends string = "ces">(options: CesMetricOptions<Row> & { id?: Id }): Metric<Id, Row, CesSummary, CesResult> {
  const fn = "cesMetric";
  const o = readOptions<CesMetricOptions<Row>>(fn, options, CES_METRIC_OPTIONS_KEYS);
  const score = readAccessor(fn, "score", o.score, "(row) => number");
  const confidence = readConfidence(fn, o.confidence);
  const version = readChoice(fn, "version", o.version, ["2.0", "1.0"], "2.0");
  const weights = readWeights(fn, o);
  const summaryOptions = { weights, invalid: o.invalid, version };
  const scale = cesScale(version);
  const fields = columnarFields(score, weights);
  const metric = metricFrom(cesKind, {
    id: (o.id ?? "ces") as Id,
    label: o.label ?? (version === "2.0" ? "Customer Effort Score (ease, 1–7)" : "Customer Effort Score (effort, 1–5)"),
    unit: "",
    direction: cesDirection(version),
    range: [scale.min, scale.max],
    params: version,
    finishOptions: { confidence },
    summarize: (rows: ArrayLike<Row>) => cesSummary(rows, score, summaryOptions),
    value: (r) => r.mean,
    compare: (a, b, level) => comparison(compareCes(a, b, { confidence: level })),
    consistency: (summaries) => {
      const t = welchAnova(
        summaries.map((s) => {
          const st = distributionStats("consistency", s);
          return { mean: st.mean, variance: st.sd === null ? NaN : st.sd * st.sd, n: st.effectiveN };
        }),
      );
      return t === null ? null : { method: "welch-anova", statistic: t.statistic, df: t.df, pValue: t.pValue, effectSize: t.effectSize };
    },
    format: (v) => v.toFixed(2),
    sql: { kind: "distribution", summaryKind: "ces", scale, boolean: false, weighted: weights !== undefined, invalid: o.invalid ?? "throw", column: o.column ?? fields?.value, weightColumn: o.weightColumn ?? fields?.weights },
    followUp: (row: Row) => {
      const x = score(row, 0);
      if (x === null || x === undefined) return null;
      if (typeof x !== "number") return 0;
      if (version === "2.0") return x >= 1 && x <= 3 ? (4 - x) / 3 : 0;
      return x >= 4 && x <= 5 ? (x - 3) / 2 : 0;
    },
  });
  return fields === undefined ? metric : withColumnarRead(metric, { ...fields, accepts: "number", summarize: (values, w) => cesSummary(values, { ...summaryOptions, weights: w as never }) });
}
