import { chiSquareHomogeneity, welchAnova } from "../core/homogeneity";
import { logRank, type SurvivalGroup } from "../core/logrank";
import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { churnRate } from "../retention/churn-rate";
import {
  mergeSlaSummaries,
  mergeTicketTimeSummaries,
  type SlaOptions,
  type SlaResult,
  type SlaSummary,
  slaFromSummary,
  slaSummary,
  type TicketTimeMetric,
  type TicketTimeOptions,
  DURATION_UNITS,
  type TicketTimeResult,
  type TicketTimeSummary,
  ticketTimeSummary,
  ticketTimesFromSummary,
} from "../support/tickets";
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
const SLA_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<SlaMetricOptions<any>>()("id", "label", "target", "metric", "asOf", "calendar", "unit", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");
const TICKET_TIME_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeMetricOptions<any>>()("id", "label", "metric", "confidence", "asOf", "calendar", "unit", "excludePauses", "created", "firstReply", "firstSolved", "solved", "pauses");

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
 * Options of {@link slaMetric}.
 * @category Portfolio
 */
export interface SlaMetricOptions<Row> extends SlaOptions<Row> {
  id?: string;
  label?: string;
}

/**
 * SLA attainment as a portfolio metric: a thin adapter over {@link slaSummary},
 * {@link mergeSlaSummaries} and {@link slaFromSummary}. Value = percent of decided tickets that met
 * the target (open tickets already past it count as breached; open tickets within it are not
 * decided yet). Change test and consistency: as a proportion of decided tickets (Newcombe, χ²),
 * through {@link compareCsat} on the met/missed tally.
 *
 * @param options - {@link SlaMetricOptions}: `target`, `metric`, `asOf`, `created` and the clock's
 * accessor are required.
 * @returns The metric, id `"sla"` unless `id` is given.
 * @throws {@link CxMetricsError} as {@link slaAttainment}.
 * @example
 * ```ts
 * import { slaMetric } from "cx-metrics";
 * const m = slaMetric({ metric: "firstReply", target: 2, created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" });
 * const rows = [{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }, { c: "2025-01-01T00:00:00Z", r: "2025-01-01T05:00:00Z" }];
 * m.value(m.finish(m.summarize(rows))); //=> 50
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function slaMetric<Row, const Id extends string = "sla">(options: SlaMetricOptions<Row> & { id?: Id }): Metric<Id, Row, SlaSummary, SlaResult> {
  const fn = "slaMetric";
  const o = readOptions<SlaMetricOptions<Row>>(fn, options, SLA_METRIC_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { id: _id, label: _label, confidence: _c, ...summaryOptions } = o;
  const empty: SlaSummary = {
    kind: "sla",
    metric: readChoice(fn, "metric", o.metric, ["firstReply", "resolution"], "resolution"),
    target: o.target,
    unit: readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours"),
    met: 0,
    breached: 0,
    openBreached: 0,
    openWithinTarget: 0,
  };
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected metric "firstReply" or "resolution"');
  if (typeof o.target !== "number" || !(o.target >= 0) || o.target === Infinity) fail(fn, "INVALID_OPTION", `expected a finite target >= 0, got ${describe(o.target)}`);
  const asTally = (s: SlaSummary): CsatSummary => {
    const missed = s.breached + s.openBreached;
    return { kind: "csat", scale: { min: 0, max: 1 }, n: s.met + missed, counts: [missed, s.met], weights: [missed, s.met], weightSquares: s.met + missed, skipped: 0, invalid: 0 };
  };
  return defineMetric({
    id: (o.id ?? "sla") as Id,
    label: o.label ?? (empty.metric === "firstReply" ? "First reply SLA attainment" : "Resolution SLA attainment"),
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    summarize: (rows: ArrayLike<Row>) => slaSummary(rows, summaryOptions),
    merge: (...s: SlaSummary[]) => mergeSlaSummaries(empty, ...s),
    empty: () => ({ ...empty }),
    // tickets whose outcome is decided
    count: (s) => s.met + s.breached + s.openBreached,
    finish: (s) => slaFromSummary(s, { confidence }),
    value: (r) => (r.attainment === null ? null : 100 * r.attainment),
    compare: (a, b, level) => {
      const c = compareCsat(asTally(a), asTally(b), { confidence: level, satisfiedMin: 1 });
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
    },
    consistency: (summaries) => proportionConsistency(summaries.map(asTally), 1),
    format: percent,
  });
}

/** A ticket-time summary as a survival group: done tickets are events, open ones censored. */
function survivalGroup(s: TicketTimeSummary): SurvivalGroup {
  const times = [...s.done, ...s.open];
  const events = times.map((_, i) => i < s.done.length);
  return { times, events };
}

/**
 * Options of {@link ticketTimeMetric}.
 * @category Portfolio
 */
export interface TicketTimeMetricOptions<Row> extends Omit<TicketTimeOptions<Row>, "percentiles" | "percentileMethod"> {
  id?: string;
  label?: string;
  /** Which clock (as {@link ticketTimeSummary}). */
  metric: TicketTimeMetric;
}

/**
 * A ticket clock (first reply, resolution, requester or agent wait time) as a portfolio metric: a
 * thin adapter over {@link ticketTimeSummary}, {@link mergeTicketTimeSummaries} and
 * {@link ticketTimesFromSummary}. Value = the Kaplan–Meier median with open tickets censored at
 * `asOf` (so a backlog of old open tickets is not hidden), lower is better; `null` while fewer than
 * half are done. Change test and consistency: the log-rank test of the curves (Mantel 1966), two
 * groups or k segments, open tickets censored.
 *
 * @param options - {@link TicketTimeMetricOptions}: `metric`, `asOf`, `created` and the clock's
 * accessors are required.
 * @returns The metric, id `metric` unless `id` is given.
 * @throws {@link CxMetricsError} as {@link ticketTimeSummary}.
 * @example
 * ```ts
 * import { ticketTimeMetric } from "cx-metrics";
 * const m = ticketTimeMetric({ metric: "firstReply", created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" });
 * const rows = [{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }, { c: "2025-01-01T00:00:00Z", r: "2025-01-01T03:00:00Z" }, { c: "2025-01-01T00:00:00Z", r: "2025-01-01T06:00:00Z" }];
 * m.value(m.finish(m.summarize(rows))); //=> 3
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function ticketTimeMetric<Row, const Id extends string = TicketTimeMetric>(options: TicketTimeMetricOptions<Row> & { id?: Id }): Metric<Id, Row, TicketTimeSummary, TicketTimeResult> {
  const fn = "ticketTimeMetric";
  const o = readOptions<TicketTimeMetricOptions<Row>>(fn, options, TICKET_TIME_METRIC_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { id: _id, label: _label, confidence: _c, ...summaryOptions } = o;
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected a metric: "firstReply", "firstResolution", "resolution", "requesterWait" or "agentWait"');
  const empty: TicketTimeSummary = {
    kind: "ticket-times",
    metric: readChoice(fn, "metric", o.metric, ["firstReply", "firstResolution", "resolution", "requesterWait", "agentWait"], "resolution"),
    unit: readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours"),
    excluded: 0,
    done: [],
    open: [],
  };
  const labels: Record<TicketTimeMetric, string> = {
    firstReply: "First reply time",
    firstResolution: "First resolution time",
    resolution: "Full resolution time",
    requesterWait: "Requester wait time",
    agentWait: "Agent wait time",
  };
  const short = { ms: "ms", minutes: "min", hours: "h", days: "d" }[empty.unit];
  return defineMetric({
    id: (o.id ?? empty.metric) as Id,
    label: o.label ?? `${labels[empty.metric]} (median)`,
    unit: short,
    direction: "lower-is-better",
    summarize: (rows: ArrayLike<Row>) => ticketTimeSummary(rows, summaryOptions),
    // the library's merge refuses summaries without tickets; here they are the identity (their
    // `excluded` counts still add up)
    merge: (...s: TicketTimeSummary[]) => {
      const isEmpty = (x: TicketTimeSummary) =>
        x !== null && typeof x === "object" && x.kind === "ticket-times" && x.metric === empty.metric && x.unit === empty.unit && Array.isArray(x.done) && Array.isArray(x.open) && x.done.length + x.open.length === 0 && Number.isSafeInteger(x.excluded) && x.excluded >= 0;
      const full = s.filter((x) => !isEmpty(x));
      const excluded = s.filter(isEmpty).reduce((a, x) => a + x.excluded, 0);
      if (full.length === 0) return { ...empty, done: [], open: [], excluded };
      const merged = mergeTicketTimeSummaries(...full);
      return excluded === 0 ? merged : { ...merged, excluded: merged.excluded + excluded };
    },
    empty: () => ({ ...empty, done: [], open: [] }),
    count: (s) => s.done.length + s.open.length,
    finish: (s) => ticketTimesFromSummary(s, { confidence }),
    value: (r) => r.censored.median,
    // the log-rank test of the two curves (open tickets censored); no interval for the difference of medians
    compare: (a, b) => {
      const t = logRank([survivalGroup(a), survivalGroup(b)]);
      const ma = ticketTimesFromSummary(a).censored.median;
      const mb = ticketTimesFromSummary(b).censored.median;
      return { difference: ma === null || mb === null ? null : mb - ma, se: null, ci: null, pValue: t === null ? null : t.pValue, method: "log-rank" };
    },
    consistency: (summaries) => {
      const t = logRank(summaries.map(survivalGroup));
      return t === null ? null : { method: "log-rank", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: Math.sqrt(t.statistic / t.n) };
    },
    format: (v) => `${v.toFixed(1)} ${short}`,
  });
}
