import { chiSquareHomogeneity, welchAnova } from "../core/homogeneity";
import { fail } from "../core/errors";
import { keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { emptyMoments, mergeMoments, momentsSd, type MomentsSummary, momentsVariance, summarizeMoments, welchTest } from "../core/moments";
import { tCritical } from "../core/critical";
import { churnRate } from "../retention/churn-rate";
import { ces, cesFromSummary, type CesResult, type CesSummary, cesSummary, type CesVersion, mergeCesSummaries } from "../survey/ces";
import { compareCes } from "../survey/compare-ces";
import { compareCsat } from "../survey/compare-csat";
import { compareNps } from "../survey/compare-nps";
import { type CsatResult, type CsatSummary, csatFromSummary, csatSummary, mergeCsatSummaries, readCsatOptions } from "../survey/csat";
import {
  effectiveCounts,
  emptyNpsSummary,
  mergeNpsSummaries,
  type NpsMethod,
  type NpsResult,
  type NpsScale,
  type NpsSummary,
  npsFromSummary,
  npsSummary,
} from "../survey/nps";
import { distributionStats, readScoreScale, type ScoreScale } from "../survey/score-distribution";
import { type BuiltInOptions, defineMetric, type Metric, type Read, readWeights } from "../core/metric";

const NPS_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<NpsMetricOptions<any>>()("score", "method", "scale", "id", "label", "weights", "weight", "invalid", "confidence", "column", "weightColumn");
const CSAT_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CsatMetricOptions<any>>()("score", "scale", "satisfiedMin", "booleanColumn", "id", "label", "weights", "weight", "invalid", "confidence", "column", "weightColumn");
const CES_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CesMetricOptions<any>>()("score", "version", "id", "label", "weights", "weight", "invalid", "confidence", "column", "weightColumn");
const PROPORTION_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ProportionMetricOptions<any>>()("id", "label", "success", "direction", "weights", "weight", "invalid", "confidence", "column", "weightColumn");
const CHURN_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ChurnMetricOptions<any>>()("churned", "id", "label", "invalid", "confidence", "column", "weightColumn");
const MEAN_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<MeanMetricOptions<any>>()("id", "label", "value", "unit", "direction", "range", "invalid", "confidence", "column", "weightColumn");

const signed = (digits: number, unit: string) => (v: number) => `${v > 0 ? "+" : ""}${v.toFixed(digits)}${unit}`;
const percent = (v: number) => `${v.toFixed(1)}%`;

function scoreOf<Row>(read: Read<Row>, fn: string): Read<Row> {
  if (typeof read !== "function") fail(fn, "INVALID_OPTION", "expected a score accessor, (row) => number");
  return read;
}

function proportionConsistency(summaries: readonly CsatSummary[], satisfiedMin: number | undefined): ReturnType<NonNullable<Metric["consistency"]>> {
  const table = summaries.map((s) => {
    const st = distributionStats("consistency", s);
    const min = satisfiedMin ?? (s.scale.max - s.scale.min >= 2 ? s.scale.max - 1 : s.scale.max);
    const p = st.share(min, s.scale.max);
    return [p * st.effectiveN, (1 - p) * st.effectiveN];
  });
  const t = chiSquareHomogeneity(table);
  return t === null ? null : { method: "chi-square", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: t.cramersV };
}

function meanConsistency(groups: { mean: number; variance: number; n: number }[]): ReturnType<NonNullable<Metric["consistency"]>> {
  const t = welchAnova(groups);
  return t === null ? null : { method: "welch-anova", statistic: t.statistic, df: t.df, pValue: t.pValue, effectSize: t.effectSize };
}

/**
 * Options of {@link npsMetric}.
 * @category Portfolio
 */
export interface NpsMetricOptions<Row> extends BuiltInOptions<Row> {
  /** The 0–10 answer of a row. */
  score: Read<Row>;
  /** Interval method of the value and of the change tests ({@link compareNps}); default `"adjusted-wald"`. */
  method?: NpsMethod;
  /** Custom scale breaks, as {@link nps}. */
  scale?: NpsScale;
}

/**
 * Net Promoter Score as a portfolio metric: a thin adapter over {@link npsSummary},
 * {@link mergeNpsSummaries}, {@link npsFromSummary} and {@link compareNps}.
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
  const score = scoreOf(o.score, fn);
  const confidence = readConfidence(fn, o.confidence);
  const method = readChoice(fn, "method", o.method, ["wald", "adjusted-wald", "tango"], "adjusted-wald");
  const summaryOptions = { weights: readWeights(fn, o), invalid: o.invalid, scale: o.scale };
  const scale = emptyNpsSummary(o.scale).scale; // checks the scale once
  return defineMetric({
    id: (o.id ?? "nps") as Id,
    label: o.label ?? "Net Promoter Score",
    unit: "points",
    direction: "higher-is-better",
    range: [-100, 100],
    summarize: (rows: ArrayLike<Row>) => npsSummary(rows, score, summaryOptions),
    merge: (...s: NpsSummary[]) => mergeNpsSummaries(...s),
    empty: () => emptyNpsSummary(scale),
    count: (s) => s.n,
    finish: (s) => npsFromSummary(s, { confidence, method }),
    value: (r) => r.value,
    compare: (a, b, level) => {
      const c = compareNps(a, b, { confidence: level, method });
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
    },
    consistency: (summaries) => {
      const t = chiSquareHomogeneity(summaries.map((s) => effectiveCounts(s).slice(0, 3)));
      return t === null ? null : { method: "chi-square", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: t.cramersV };
    },
    format: signed(1, ""),
    sql: { kind: "nps", scale, weighted: readWeights(fn, o) !== undefined, invalid: o.invalid ?? "throw", column: o.column, weightColumn: o.weightColumn },
    followUp: (row: Row) => {
      const x = score(row, 0);
      if (typeof x !== "number" || !(x >= scale.min && x < scale.passiveMin)) return x === null || x === undefined ? null : 0;
      return (scale.passiveMin - x) / (scale.passiveMin - scale.min);
    },
  });
}

/**
 * Options of {@link csatMetric}.
 * @category Portfolio
 */
export interface CsatMetricOptions<Row> extends BuiltInOptions<Row> {
  /** The answer of a row on `scale`. */
  score: Read<Row>;
  /** Answer scale; default 1–5. */
  scale?: ScoreScale;
  /** Lowest satisfied answer; default top-2-box. */
  satisfiedMin?: number;
  /** @internal The column holds booleans (proportion metrics). */
  booleanColumn?: boolean;
}

/**
 * CSAT (percent satisfied) as a portfolio metric: a thin adapter over {@link csatSummary},
 * {@link mergeCsatSummaries}, {@link csatFromSummary} and {@link compareCsat}.
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
  const score = scoreOf(o.score, fn);
  const confidence = readConfidence(fn, o.confidence);
  const scale = readScoreScale(fn, o.scale, { min: 1, max: 5 });
  const summaryOptions = { weights: readWeights(fn, o), invalid: o.invalid, scale };
  const satisfiedMin = o.satisfiedMin;
  const finishOptions = { confidence, satisfiedMin };
  // checks satisfiedMin now rather than at the first finish
  const topMin = readCsatOptions(fn, scale, finishOptions).satisfiedMin;
  return defineMetric({
    id: (o.id ?? "csat") as Id,
    label: o.label ?? "Customer satisfaction (CSAT)",
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    summarize: (rows: ArrayLike<Row>) => csatSummary(rows, score, summaryOptions),
    merge: (...s: CsatSummary[]) => mergeCsatSummaries(...s),
    empty: () => csatSummary([], { scale }),
    count: (s) => s.n,
    finish: (s) => csatFromSummary(s, finishOptions),
    value: (r) => r.value,
    compare: (a, b, level) => {
      const c = compareCsat(a, b, { confidence: level, satisfiedMin });
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
    },
    consistency: (summaries) => proportionConsistency(summaries, satisfiedMin),
    format: percent,
    sql: { kind: "distribution", summaryKind: "csat", scale, boolean: o.booleanColumn === true, weighted: readWeights(fn, o) !== undefined, invalid: o.invalid ?? "throw", column: o.column, weightColumn: o.weightColumn },
    followUp: (row: Row) => {
      const x = score(row, 0);
      if (x === null || x === undefined) return null;
      return typeof x === "number" && x >= scale.min && x < topMin ? (topMin - x) / (topMin - scale.min) : 0;
    },
  });
}

/**
 * Options of {@link cesMetric}.
 * @category Portfolio
 */
export interface CesMetricOptions<Row> extends BuiltInOptions<Row> {
  /** The answer of a row. */
  score: Read<Row>;
  /** `"2.0"` (1–7 agreement, default) or `"1.0"` (1–5 effort). */
  version?: CesVersion;
}

/**
 * Customer Effort Score (mean answer) as a portfolio metric: a thin adapter over
 * {@link cesSummary}, {@link mergeCesSummaries}, {@link cesFromSummary} and {@link compareCes}.
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
  const score = scoreOf(o.score, fn);
  const confidence = readConfidence(fn, o.confidence);
  const version = readChoice(fn, "version", o.version, ["2.0", "1.0"], "2.0");
  const summaryOptions = { weights: readWeights(fn, o), invalid: o.invalid, version };
  const probe = ces([version === "2.0" ? 7 : 1], { version });
  const { scale } = probe;
  return defineMetric({
    id: (o.id ?? "ces") as Id,
    label: o.label ?? (version === "2.0" ? "Customer Effort Score (ease, 1–7)" : "Customer Effort Score (effort, 1–5)"),
    unit: "",
    direction: probe.direction,
    range: [scale.min, scale.max],
    summarize: (rows: ArrayLike<Row>) => cesSummary(rows, score, summaryOptions),
    merge: (...s: CesSummary[]) => mergeCesSummaries(...s),
    empty: () => cesSummary([], { version }),
    count: (s) => s.n,
    finish: (s) => cesFromSummary(s, { confidence }),
    value: (r) => r.mean,
    compare: (a, b, level) => {
      const c = compareCes(a, b, { confidence: level });
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
    },
    consistency: (summaries) =>
      meanConsistency(
        summaries.map((s) => {
          const st = distributionStats("consistency", s);
          return { mean: st.mean, variance: st.sd === null ? NaN : st.sd * st.sd, n: st.effectiveN };
        }),
      ),
    format: (v) => v.toFixed(2),
    sql: { kind: "distribution", summaryKind: "ces", scale, boolean: false, weighted: readWeights(fn, o) !== undefined, invalid: o.invalid ?? "throw", column: o.column, weightColumn: o.weightColumn },
    followUp: (row: Row) => {
      const x = score(row, 0);
      if (x === null || x === undefined) return null;
      if (typeof x !== "number") return 0;
      if (version === "2.0") return x >= 1 && x <= 3 ? (4 - x) / 3 : 0;
      return x >= 4 && x <= 5 ? (x - 3) / 2 : 0;
    },
  });
}

/**
 * Options of {@link proportionMetric}.
 * @category Portfolio
 */
export interface ProportionMetricOptions<Row> extends BuiltInOptions<Row> {
  id: string;
  label: string;
  /** Whether the row is a success (counted in the numerator); `null`/`undefined` = not applicable. */
  success: Read<Row, boolean>;
  /** Default `"higher-is-better"`. */
  direction?: "higher-is-better" | "lower-is-better";
}

/**
 * A share of rows (first contact resolution, conversion, churn...) as a portfolio metric, in
 * percent: an adapter that reads each row as a 0/1 answer and reuses {@link csatSummary} on the
 * two-point scale (top box = success), so weights, the Wilson interval, Newcombe's change interval
 * and the χ² consistency test are those of CSAT.
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
  const base = csatMetric<Row, Id>({
    id: o.id as Id,
    label: o.label,
    weights: readWeights(fn, o),
    invalid: o.invalid,
    confidence: o.confidence,
    column: o.column,
    weightColumn: o.weightColumn,
    booleanColumn: true,
    scale: { min: 0, max: 1 },
    // booleans become 0/1; anything else is passed on for the CSAT reader to refuse (INVALID_SCORE)
    score: (row, i) => {
      const x = success(row, i);
      return x === true ? 1 : x === false ? 0 : (x as unknown as number);
    },
  });
  return defineMetric({
    ...base,
    unit: "%",
    direction,
    followUp: undefined,
  });
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
  churned: Read<Row, boolean>;
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
  const base = proportionMetric<Row, Id>({ id: (o.id ?? "churn") as Id, label: o.label ?? "Churn rate", success: o.churned, direction: "lower-is-better", invalid: o.invalid, confidence: o.confidence, column: o.column });
  return defineMetric<Id, Row, CsatSummary, CsatResult & { rate: number }>({
    ...base,
    // the rate as churnRate defines it (churned / customers at start), as a fraction
    finish: (s) => {
      const r = base.finish(s);
      return { ...r, rate: churnRate({ customersAtStart: r.n, churned: r.satisfied }).rate };
    },
  });
}

/**
 * Options of {@link meanMetric}.
 * @category Portfolio
 */
export interface MeanMetricOptions<Row> extends Omit<BuiltInOptions<Row>, "weights" | "weight"> {
  id: string;
  label: string;
  /** The number of a row (revenue, predicted CLV, handle time...). */
  value: Read<Row>;
  unit?: string;
  direction?: "higher-is-better" | "lower-is-better";
  /** Natural range of the mean, for composite indices. */
  range?: readonly [number, number];
}

/**
 * Result of a {@link meanMetric}.
 * @category Portfolio
 */
export interface MeanResult {
  mean: number;
  /** Sample standard deviation; `null` with one value. */
  sd: number | null;
  /** Standard error sd/√n; `null` with one value. */
  se: number | null;
  /** Student-t interval of the mean; `null` with one value. */
  ci: [number, number] | null;
  confidence: number;
  n: number;
  sum: number;
  min: number;
  max: number;
  skipped: number;
  invalid: number;
}

/**
 * The mean of a numeric column (revenue per customer, customer lifetime value from
 * {@link customerLifetimeValue} or {@link historicalClv} per row, handle time) as a portfolio
 * metric, with a mergeable moments summary (Welford's one-pass update, merged with Chan, Golub &
 * LeVeque's formula), the Student-t interval, Welch's t test for changes and Welch's ANOVA for
 * consistency across segments.
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
  return defineMetric({
    id,
    label: o.label,
    unit: o.unit ?? "",
    direction: readChoice(fn, "direction", o.direction, ["higher-is-better", "lower-is-better"], "higher-is-better"),
    range: o.range,
    summarize: (rows: ArrayLike<Row>) => summarizeMoments(`${id}.summarize`, rows, read, policy),
    merge: (...s: MomentsSummary[]) => mergeMoments(`${id}.merge`, s),
    empty: emptyMoments,
    count: (s) => s.n,
    finish: (s): MeanResult => {
      if (s.n === 0) fail(`${id}.finish`, "EMPTY_INPUT", "expected at least one value");
      // momentsSd takes the square root before scaling back: finite for data near 1e200
      const sd = momentsSd(s);
      const se = sd === null ? null : sd / Math.sqrt(s.n);
      const h = se === null ? null : tCritical(confidence, s.n - 1) * se;
      return { mean: s.mean, sd, se, ci: h === null ? null : [s.mean - h, s.mean + h], confidence, n: s.n, sum: s.mean * s.n, min: s.min, max: s.max, skipped: s.skipped, invalid: s.invalid };
    },
    value: (r) => r.mean,
    compare: (a, b, level) => {
      const c = welchTest(`${id}.compare`, a, b, level);
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: "welch" };
    },
    consistency: (summaries) => meanConsistency(summaries.map((s) => ({ mean: s.mean, variance: momentsVariance(s) ?? NaN, n: s.n }))),
    sql: { kind: "moments", invalid: policy, column: o.column },
  });
}
