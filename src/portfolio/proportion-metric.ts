// Generic column metrics: a share of rows (first contact resolution, conversion, churn...) read
// from any boolean column. They are not survey metrics, but a share is a CSAT summary on the
// two-point 0–1 scale (top box = success), so they are built on the CSAT summary kind and reuse
// its weights, Wilson interval, Newcombe change test and χ² consistency test. The portfolio folder
// is the one folder that may import domains, so they live here rather than in survey/.
import { columnarFields, columnarRead, withColumnarRead } from "../core/columnar";
import { fail } from "../core/errors";
import { type Accessor, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { type BuiltInOptions, comparison, defineMetric, formatPercent, type Metric, metricFrom, readWeights } from "../core/metric";
import { churnRate } from "../retention/churn-rate";
import { compareCsat } from "../survey/compare-csat";
import { csatKind, type CsatResult, type CsatSummary, csatSummary } from "../survey/csat";
import { proportionConsistency } from "../survey/csat-metric";

const PROPORTION_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ProportionMetricOptions<any>>()("id", "label", "success", "direction", "weights", "weight", "invalid", "confidence", "column", "weightColumn");
const CHURN_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ChurnMetricOptions<any>>()("churned", "id", "label", "invalid", "confidence", "column", "weightColumn");

/**
 * Options of {@link proportionMetric}.
 * @category Portfolio
 */
export interface ProportionMetricOptions<Row> extends BuiltInOptions<Row> {
  id: string;
  label: string;
  /** Whether the row is a success (counted in the numerator); `null`/`undefined` = not applicable. */
  success: Accessor<Row, boolean>;
  /** Default `"higher-is-better"`. */
  direction?: "higher-is-better" | "lower-is-better";
}

/**
 * A share of rows (first contact resolution, conversion, churn...) as a portfolio metric, in
 * percent: each row is read as a 0/1 answer and summarized by {@link csatSummary} on the two-point
 * scale (top box = success), with {@link csatKind} for merge, empty, count and finish, so weights,
 * the Wilson interval, Newcombe's change interval and the χ² consistency test are those of CSAT.
 *
 * @param options - {@link ProportionMetricOptions}: `id`, `label` and `success` are required.
 * @returns The metric.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing accessor; when summarizing,
 * `INVALID_SCORE` for a row whose `success` is not a boolean.
 * @example
 * ```ts
 * import { proportionMetric } from "cx-metrics";
 * const fcr = proportionMetric({ id: "fcr", label: "First contact resolution", success: (t) => t.contacts === 1 });
 * fcr.finish(fcr.summarize([{ contacts: 1 }, { contacts: 2 }, { contacts: 1 }, { contacts: 1 }])).value; //=> 75
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function proportionMetric<Row, const Id extends string>(options: ProportionMetricOptions<Row> & { id: Id }): Metric<Id, Row, CsatSummary, CsatResult> {
  const fn = "proportionMetric";
  const o = readOptions<ProportionMetricOptions<Row>>(fn, options, PROPORTION_METRIC_OPTIONS_KEYS);
  if (typeof o.success !== "function") fail(fn, "INVALID_OPTION", "expected a success accessor, (row) => boolean");
  const success = o.success;
  const direction = readChoice(fn, "direction", o.direction, ["higher-is-better", "lower-is-better"], "higher-is-better");
  const weights = readWeights(fn, o);
  const confidence = readConfidence(fn, o.confidence);
  const scale = { min: 0, max: 1 };
  const summaryOptions = { weights, invalid: o.invalid, scale };
  // booleans become 0/1; anything else is passed on for the CSAT reader to refuse (INVALID_SCORE)
  const score = (row: Row, i: number) => {
    const x = success(row, i);
    return x === true ? 1 : x === false ? 0 : (x as unknown as number);
  };
  const fields = columnarFields(success, weights);
  const metric = metricFrom(csatKind, {
    id: o.id as Id,
    label: o.label,
    unit: "%",
    direction,
    range: [0, 100],
    params: scale,
    finishOptions: { confidence, satisfiedMin: undefined },
    summarize: (rows: ArrayLike<Row>) => csatSummary(rows, score, summaryOptions),
    value: (r) => r.value,
    compare: (a, b, level) => comparison(compareCsat(a, b, { confidence: level, satisfiedMin: undefined })),
    consistency: (summaries) => proportionConsistency(summaries, undefined),
    format: formatPercent,
    sql: { kind: "distribution", summaryKind: "csat", scale, boolean: true, weighted: weights !== undefined, invalid: o.invalid ?? "throw", column: o.column ?? fields?.value, weightColumn: o.weightColumn ?? fields?.weights },
  });
  // a boolean column is read as 1/0, as `score` reads true/false
  return fields === undefined ? metric : withColumnarRead(metric, { ...fields, accepts: "boolean", summarize: (values, w) => csatSummary(values, { ...summaryOptions, weights: w as never }) });
}

/**
 * Options of {@link churnMetric}.
 * @category Portfolio
 */
export interface ChurnMetricOptions<Row> extends Omit<BuiltInOptions<Row>, "weights" | "weight"> {
  /**
   * Whether the customer of this row churned in the row's period. One row per customer at risk
   * (active at the start of the period).
   */
  churned: Accessor<Row, boolean>;
}

/**
 * Logo churn rate as a portfolio metric, for rows that are customer-periods (one row per
 * customer active at the start of a period, with whether it left during the period): percent
 * churned = churned / customers at start ({@link churnRate}), lower is better, Wilson interval,
 * Newcombe change test and χ² consistency (as {@link proportionMetric}).
 *
 * @param options - {@link ChurnMetricOptions}; `churned` is required.
 * @returns The metric, id `"churn"` unless `id` is given.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing accessor.
 * @example
 * ```ts
 * import { churnMetric } from "cx-metrics";
 * const m = churnMetric({ churned: (c) => c.left });
 * m.value(m.finish(m.summarize([{ left: false }, { left: true }, { left: false }, { left: false }]))); //=> 25
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function churnMetric<Row, const Id extends string = "churn">(options: ChurnMetricOptions<Row> & { id?: Id }): Metric<Id, Row, CsatSummary, CsatResult & { rate: number }> {
  const fn = "churnMetric";
  const o = readOptions<ChurnMetricOptions<Row>>(fn, options, CHURN_METRIC_OPTIONS_KEYS);
  if (typeof o.churned !== "function") fail(fn, "INVALID_OPTION", "expected a churned accessor, (row) => boolean");
  readConfidence(fn, o.confidence); // named in the error as churnMetric rather than proportionMetric
  const base = proportionMetric<Row, Id>({ id: (o.id ?? "churn") as Id, label: o.label ?? "Churn rate", success: o.churned, direction: "lower-is-better", invalid: o.invalid, confidence: o.confidence, column: o.column });
  const metric = defineMetric<Id, Row, CsatSummary, CsatResult & { rate: number }>({
    ...base,
    // the rate as churnRate defines it (churned / customers at start), as a fraction
    finish: (s) => {
      const r = base.finish(s);
      return { ...r, rate: churnRate({ customersAtStart: r.n, churned: r.satisfied }).rate };
    },
  });
  const read = columnarRead(base);
  return read === undefined ? metric : withColumnarRead(metric, read);
}
