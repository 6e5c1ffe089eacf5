import { columnarFields, withColumnarRead } from "../core/columnar";
import { chiSquareHomogeneity } from "../core/homogeneity";
import { keysOf, readChoice, readConfidence, readOptions, type Accessor } from "../core/input";
import { type BuiltInOptions, comparison, formatSigned, type Metric, metricFrom, readAccessor, readWeights } from "../core/metric";
import { compareNps } from "./compare-nps";
import { effectiveCounts, emptyNpsSummary, type NpsMethod, npsKind, type NpsResult, type NpsScale, type NpsSummary, npsSummary } from "./nps";

const NPS_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<NpsMetricOptions<any>>()("score", "method", "scale", "id", "label", "weights", "weight", "invalid", "confidence", "column", "weightColumn");

/**
 * Options of {@link npsMetric}.
 * @category Portfolio
 */
export interface NpsMetricOptions<Row> extends BuiltInOptions<Row> {
  /** The 0–10 answer of a row. */
  score: Accessor<Row>;
  /** Interval method of the value and of the change tests ({@link compareNps}); default `"adjusted-wald"`. */
  method?: NpsMethod;
  /** Custom scale breaks, as {@link nps}. */
  scale?: NpsScale;
}

/**
 * Net Promoter Score as a portfolio metric: {@link npsKind} (the summary's merge, empty, count and
 * finish) with {@link npsSummary} for rows and {@link compareNps} for changes.
 *
 * Definition: value = % promoters − % detractors (−100..100, higher is better); change test: the
 * difference of two independent NPS (adjusted Wald by default); consistency: Pearson's χ² test of
 * homogeneity of the promoter/passive/detractor mix across segments (on Kish-effective counts
 * when weighted), with Cramér's V. Follow-up: detractors, most urgent at the bottom of the scale
 * (severity (passiveMin − score)/(passiveMin − min)).
 *
 * @param options - {@link NpsMetricOptions}; `score` is required.
 * @returns The metric, id `"nps"` unless `id` is given.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing accessor or bad option.
 * @example
 * ```ts
 * import { npsMetric } from "cx-metrics";
 * const m = npsMetric({ score: (r) => r.score });
 * m.finish(m.summarize([{ score: 10 }, { score: 9 }, { score: 3 }])).value; //=> 33.333333333333336
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function npsMetric<Row, const Id extends string = "nps">(options: NpsMetricOptions<Row> & { id?: Id }): Metric<Id, Row, NpsSummary, NpsResult> {
  const fn = "npsMetric";
  const o = readOptions<NpsMetricOptions<Row>>(fn, options, NPS_METRIC_OPTIONS_KEYS);
  const score = readAccessor(fn, "score", o.score, "(row) => number");
  const confidence = readConfidence(fn, o.confidence);
  const method = readChoice(fn, "method", o.method, ["wald", "adjusted-wald", "tango"], "adjusted-wald");
  const weights = readWeights(fn, o);
  const summaryOptions = { weights, invalid: o.invalid, scale: o.scale };
  const scale = emptyNpsSummary(o.scale).scale; // checks the scale once
  const fields = columnarFields(score, weights);
  const metric = metricFrom(npsKind, {
    id: (o.id ?? "nps") as Id,
    label: o.label ?? "Net Promoter Score",
    unit: "points",
    direction: "higher-is-better",
    range: [-100, 100],
    params: scale,
    finishOptions: { confidence, method },
    summarize: (rows: ArrayLike<Row>) => npsSummary(rows, score, summaryOptions),
    value: (r) => r.value,
    compare: (a, b, level) => comparison(compareNps(a, b, { confidence: level, method })),
    consistency: (summaries) => {
      const t = chiSquareHomogeneity(summaries.map((s) => effectiveCounts(s).slice(0, 3)));
      return t === null ? null : { method: "chi-square", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: t.cramersV };
    },
    format: formatSigned(1, ""),
    sql: { kind: "nps", scale, weighted: weights !== undefined, invalid: o.invalid ?? "throw", column: o.column ?? fields?.value, weightColumn: o.weightColumn ?? fields?.weights },
    followUp: (row: Row) => {
      const x = score(row, 0);
      if (typeof x !== "number" || !(x >= scale.min && x < scale.passiveMin)) return x === null || x === undefined ? null : 0;
      return (scale.passiveMin - x) / (scale.passiveMin - scale.min);
    },
  });
  return fields === undefined ? metric : withColumnarRead(metric, { ...fields, accepts: "number", summarize: (values, w) => npsSummary(values, { ...summaryOptions, weights: w as never }) });
}
