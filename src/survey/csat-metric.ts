import { columnarFields, withColumnarRead } from "../core/columnar";
import { chiSquareHomogeneity } from "../core/homogeneity";
import { keysOf, readConfidence, readOptions, type Accessor } from "../core/input";
import { type BuiltInOptions, comparison, type ConsistencyTest, formatPercent, type Metric, metricFrom, readAccessor, readWeights } from "../core/metric";
import { compareCsat } from "./compare-csat";
import { csatKind, type CsatResult, type CsatSummary, csatSummary, readCsatOptions } from "./csat";
import { distributionStats, readScoreScale, type ScoreScale } from "./score-distribution";

const CSAT_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CsatMetricOptions<any>>()("score", "scale", "satisfiedMin", "booleanColumn", "id", "label", "weights", "weight", "invalid", "confidence", "column", "weightColumn");

/**
 * Pearson's χ² test of homogeneity of the satisfied/not satisfied split across segments, on
 * Kish-effective counts (n_eff·p, n_eff·(1 − p)), with Cramér's V: the consistency test of CSAT and
 * of the proportion metrics built on its summary. `satisfiedMin` defaults to top-2-box (top box on
 * a two-point scale), as {@link csatFromSummary}.
 * @internal
 * @example
 * ```ts
 * const s = { kind: "csat", scale: { min: 0, max: 1 }, n: 2, counts: [1, 1], weights: [1, 1], weightSquares: 2, skipped: 0, invalid: 0 };
 * proportionConsistency([s, s], 1).statistic; //=> 0
 * ```
 */
export function proportionConsistency(summaries: readonly CsatSummary[], satisfiedMin: number | undefined): ConsistencyTest | null {
  const table = summaries.map((s) => {
    const st = distributionStats("consistency", s);
    const min = satisfiedMin ?? (s.scale.max - s.scale.min >= 2 ? s.scale.max - 1 : s.scale.max);
    const p = st.share(min, s.scale.max);
    return [p * st.effectiveN, (1 - p) * st.effectiveN];
  });
  const t = chiSquareHomogeneity(table);
  return t === null ? null : { method: "chi-square", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: t.cramersV };
}

/**
 * Options of {@link csatMetric}.
 * @category Portfolio
 */
export interface CsatMetricOptions<Row> extends BuiltInOptions<Row> {
  /** The answer of a row on `scale`. */
  score: Accessor<Row>;
  /** Answer scale; default 1–5. */
  scale?: ScoreScale;
  /** Lowest satisfied answer; default top-2-box. */
  satisfiedMin?: number;
  /** @internal The column holds booleans (proportion metrics). */
  booleanColumn?: boolean;
}

/**
 * CSAT (percent satisfied) as a portfolio metric: {@link csatKind} (the summary's merge, empty,
 * count and finish) with {@link csatSummary} for rows and {@link compareCsat} for changes.
 *
 * Definition: value = percent of answers at or above `satisfiedMin` (higher is better), Wilson
 * interval; change test: Newcombe's interval and the pooled two-proportion z test; consistency:
 * Pearson's χ² on satisfied/not satisfied by segment (Kish-effective counts). Follow-up: answers
 * below `satisfiedMin`, severity (satisfiedMin − score)/(satisfiedMin − min).
 *
 * @param options - {@link CsatMetricOptions}; `score` is required.
 * @returns The metric, id `"csat"` unless `id` is given.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing accessor or bad option.
 * @example
 * ```ts
 * import { csatMetric } from "cx-metrics";
 * const m = csatMetric({ score: (r) => r.csat });
 * m.finish(m.summarize([{ csat: 5 }, { csat: 4 }, { csat: 2 }, { csat: 5 }])).value; //=> 75
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function csatMetric<Row, const Id extends string = "csat">(options: CsatMetricOptions<Row> & { id?: Id }): Metric<Id, Row, CsatSummary, CsatResult> {
  const fn = "csatMetric";
  const o = readOptions<CsatMetricOptions<Row>>(fn, options, CSAT_METRIC_OPTIONS_KEYS);
  const score = readAccessor(fn, "score", o.score, "(row) => number");
  const confidence = readConfidence(fn, o.confidence);
  const scale = readScoreScale(fn, o.scale, { min: 1, max: 5 });
  const weights = readWeights(fn, o);
  const summaryOptions = { weights, invalid: o.invalid, scale };
  const satisfiedMin = o.satisfiedMin;
  const finishOptions = { confidence, satisfiedMin };
  // checks satisfiedMin now rather than at the first finish
  const topMin = readCsatOptions(fn, scale, finishOptions).satisfiedMin;
  const fields = columnarFields(score, weights);
  const metric = metricFrom(csatKind, {
    id: (o.id ?? "csat") as Id,
    label: o.label ?? "Customer satisfaction (CSAT)",
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    params: scale,
    finishOptions,
    summarize: (rows: ArrayLike<Row>) => csatSummary(rows, score, summaryOptions),
    value: (r) => r.value,
    compare: (a, b, level) => comparison(compareCsat(a, b, { confidence: level, satisfiedMin })),
    consistency: (summaries) => proportionConsistency(summaries, satisfiedMin),
    format: formatPercent,
    sql: { kind: "distribution", summaryKind: "csat", scale, boolean: o.booleanColumn === true, weighted: weights !== undefined, invalid: o.invalid ?? "throw", column: o.column ?? fields?.value, weightColumn: o.weightColumn ?? fields?.weights },
    followUp: (row: Row) => {
      const x = score(row, 0);
      if (x === null || x === undefined) return null;
      return typeof x === "number" && x >= scale.min && x < topMin ? (topMin - x) / (topMin - scale.min) : 0;
    },
  });
  return fields === undefined ? metric : withColumnarRead(metric, { ...fields, accepts: "number", summarize: (values, w) => csatSummary(values, { ...summaryOptions, weights: w as never }) });
}
