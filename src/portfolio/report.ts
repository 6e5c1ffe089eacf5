// The portfolio report: a summary finished into every cell (segments, their margins, periods),
// with each metric's change from the previous period, the consistency rows and the alerts; the
// one-call evaluatePortfolio, and portfolioCell to read a cell. Targets, the composite index and
// the alerts have their own files (targets.ts, composite.ts, alerts.ts).
import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { checkPeriodSpan, type PeriodExtremes, periodExtremes, periodIndexer, readMaxPeriods, seePeriod, spanEnds } from "../core/period";
import { type DateInput, toEpochMs } from "../core/time";
import type { ConsistencyTest, Direction, Metric, ResultOf } from "../core/metric";
import { type Alert, alertsOf } from "./alerts";
import { type Composite, type CompositeOptions, compositeOf, readComposite } from "./composite";
import {
  checkSummary,
  type MetricRecord,
  type Portfolio,
  type PortfolioRow,
  type PortfolioSummary,
  type PortfolioSummaryCell,
  type PortfolioSummaryOptions,
  rowError,
  summarizeIn,
} from "./portfolio";
import { readTargets, type Status, statusOf, type TargetRule, type Targets, type Threshold, thresholdFor } from "./targets";

/** The option keys of {@link finishPortfolio} (and of every caller that finishes a summary: fromSqlRows). @internal */
export const FINISH_PORTFOLIO_OPTIONS_KEYS = /* @__PURE__ */ keysOf<FinishPortfolioOptions<any>>()("confidence", "alpha", "targets", "composite", "now", "maxPeriods", "headline");
const EVALUATE_PORTFOLIO_OPTIONS_KEYS = /* @__PURE__ */ keysOf<EvaluatePortfolioOptions<any, any>>()("segmentBy", "period", "date", "timeZone", "weekStartsOn", "confidence", "alpha", "targets", "composite", "now", "maxPeriods", "headline");

/**
 * Options of {@link finishPortfolio}.
 * @category Portfolio
 */
export interface FinishPortfolioOptions<M extends MetricRecord, SegmentKey extends string = string> {
  /** Confidence level of intervals and change tests; default 0.95. */
  confidence?: number;
  /** Significance level for changes, consistency and alerts; default 0.05. */
  alpha?: number;
  targets?: Targets<M, SegmentKey>;
  composite?: CompositeOptions<M>;
  /**
   * The cut for partial periods: a period that ends after it is marked `partial`. Default: the end
   * of the local day of the data's last date (the data are taken to be complete to the end of the
   * day of their last row). The library reads no clock.
   */
  now?: DateInput;
  /**
   * Most periods the report may lay out, from the first to the last period with data (empty ones
   * between included); default 10,000. Beyond it, `TOO_MANY_PERIODS` before any cell is built.
   */
  maxPeriods?: number;
  /**
   * Which period is the report's `headline` (the one the alerts, the scorecard chart and the HTML
   * report show): `"complete"` (default) the last period that is not partial, `"last"` the last
   * period even when it is partial.
   */
  headline?: "complete" | "last";
}

/**
 * Options of {@link evaluatePortfolio}.
 * @category Portfolio
 */
export type EvaluatePortfolioOptions<M extends MetricRecord, Row> = PortfolioSummaryOptions<Row> & FinishPortfolioOptions<M>;

/**
 * Change of a metric from the previous period in the same segment, with the metric's own test.
 * @category Portfolio
 */
export interface Change {
  previousPeriod: string;
  previous: number;
  /** value − previous, in the metric's unit. */
  difference: number;
  se: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  method: string;
  /** `pValue < alpha`. */
  significant: boolean;
  /** Whether the change goes the good way for the metric's direction (`null` for no change). */
  improved: boolean | null;
}

/**
 * One metric in one cell of a {@link PortfolioReport}.
 * @category Portfolio
 */
export interface MetricCell<R> {
  /** Observations (the metric's `count`). */
  n: number;
  /** The headline value, or `null` without data. */
  value: number | null;
  /** `value` formatted by the metric. */
  display: string | null;
  /** The metric's full result (intervals, shares...), or `null` without data. */
  result: R | null;
  /** Status against the target; `null` when the metric has no target. */
  status: Status | null;
  threshold: Threshold | null;
  /** Change from the previous period; `null` without periods, without data in either period. */
  change: Change | null;
}

/**
 * One cell of a {@link PortfolioReport}: the metrics of one segment (or a margin) in one period (or
 * all periods).
 * @category Portfolio
 */
export interface PortfolioCell<M extends MetricRecord> {
  /** Segment values by key; keys left out are summed over (`{}` is the total of all segments). */
  segment: Record<string, string>;
  /** First local day of the period, or `null` for all periods together. */
  period: string | null;
  /** The period is not complete: it ends after the cut (`now`, or the end of the day of the data's last date). */
  partial: boolean;
  metrics: { [K in keyof M]: MetricCell<ResultOf<M[K]>> };
  /** Composite index 0–100, `null` when not asked for or a weighted metric has no value. */
  composite: number | null;
}

/**
 * Cross-segment consistency of one metric in one period, for one segmentation.
 * @category Portfolio
 */
export interface ConsistencyRow {
  metric: string;
  /** The segment keys compared (e.g. `["channel"]`). */
  segmentBy: string[];
  period: string | null;
  /** Segments with data. */
  segments: number;
  min: number | null;
  max: number | null;
  /** max − min of the segment values. */
  spread: number | null;
  /** The metric's homogeneity test; `null` when it has none or fewer than two segments have data. */
  test: ConsistencyTest | null;
  /** `test.pValue >= alpha`: the segments differ no more than noise explains. `null` without a test. */
  consistent: boolean | null;
}

/**
 * The result of {@link evaluatePortfolio}: JSON-serializable, one row per cell (tidy), with the
 * consistency table and the alerts. Read a cell with {@link portfolioCell}.
 * @category Portfolio
 */
export interface PortfolioReport<M extends MetricRecord> {
  kind: "portfolio-report";
  metrics: { [K in keyof M]: { id: string; label: string; unit: string; direction: Direction } };
  segmentBy: string[];
  period: PortfolioSummary["period"];
  timeZone: string;
  /** Every period from the first to the last with data, in order (also those without data). */
  periods: string[];
  /**
   * The period the alerts are for: the last complete period (or, with `headline: "last"`, or when
   * no period is complete, the last period); `null` without periods.
   */
  headline: string | null;
  /** The first and last instants of the data (ISO 8601, UTC), when known (with periods, in memory); else `null`. */
  data: { first: string; last: string } | null;
  confidence: number;
  alpha: number;
  cells: PortfolioCell<M>[];
  consistency: ConsistencyRow[];
  alerts: Alert[];
}

/**
 * Finish a {@link PortfolioSummary} into a {@link PortfolioReport}: every cell (each segment, each
 * combination of segment keys, the total; each period and all periods together) with each metric's
 * result, status against its target, change from the previous period with the metric's test, the
 * composite index, the consistency table and the alerts.
 *
 * Definitions:
 * - Margins (a subset of the segment keys, or all periods) merge the finest cells' summaries, so
 *   each equals the metric computed on the rows of that margin directly.
 * - Change: the same segment's previous calendar period; the test is the metric's `compare`
 *   (e.g. {@link compareNps}); `significant` when p < `alpha`.
 * - Composite index (OECD/JRC Handbook on Constructing Composite Indicators, 2008, min–max
 *   normalization): each metric's value v with range [lo, hi] maps to 100·(v − lo)/(hi − lo)
 *   (100·(hi − v)/(hi − lo) when lower is better), clamped to [0, 100]; the index is the weighted
 *   mean of these with weights divided by their sum. `null` when a weighted metric has no value.
 * - Consistency: per metric, segmentation (each non-empty subset of the segment keys) and period,
 *   the spread (max − min) of the segment values and the metric's homogeneity test (χ² for
 *   proportions, Welch's ANOVA for means); `consistent` when p ≥ `alpha`.
 * - Partial periods and the headline: a period is `partial` when it ends after the cut, `now` if
 *   given, else the end of the local day of the data's last date (so data that end on 15 March
 *   make March partial; data that end on 31 March do not). The `headline` period is the last
 *   complete one (`headline: "last"` asks for the last period even when partial); when no period
 *   is complete it is the last. A summary without the data's dates (SQL rows without
 *   `d_first`/`d_last`) is cut by `now` only.
 * - Alerts: for the headline period (or the totals without periods), cells that are off track or at
 *   risk or moved significantly, by severity (4 off track and worse, 3 off track, 2 significantly
 *   worse or at risk, 1 significantly better), then by score, the change in normalized points
 *   (100/(hi − lo) per unit; percent of the previous value without a range) × (1 − p) × log10(1 + n),
 *   clamped to `Number.MAX_VALUE` so that an extreme target (±1e308) still gives a finite score.
 *
 * Periods: the summary holds only the periods with data; the report lays out every period from
 * the first to the last of them (a period without data gets "no-data" cells, and a change compares
 * consecutive periods), so their number is capped by `maxPeriods` (default 10,000): one date far
 * from the others (6999-12-31 among 2024 dates) is a `TOO_MANY_PERIODS` error that names the first
 * and last period and, in `index`, the summary cell of the one that lies apart (the row, from
 * {@link evaluatePortfolio}), raised before any cell is built. Time and memory: O(cells of the
 * summary + periods × segments).
 *
 * @param portfolio - The portfolio.
 * @param summary - From {@link summarizePortfolio} or {@link mergePortfolioSummaries}.
 * @param options - {@link FinishPortfolioOptions}.
 * @returns The {@link PortfolioReport}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for targets of unknown metrics or segment keys,
 * inconsistent thresholds, composite weights that are negative or do not sum to a positive number,
 * a weighted metric without a range, or a `maxPeriods` that is not a positive integer;
 * `INVALID_SUMMARY` for a malformed summary (a metrics list that is not the portfolio's keys as
 * text, a cell without a summary of each metric, named by its index, segment and period, or a
 * summary whose metric's `count` is not a number >= 0); `TOO_MANY_PERIODS` for more than
 * `maxPeriods` periods.
 * @example
 * ```ts
 * import { definePortfolio, finishPortfolio, npsMetric, summarizePortfolio } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }) });
 * const s = summarizePortfolio(p, [{ nps: 10 }, { nps: 9 }, { nps: 5 }]);
 * finishPortfolio(p, s, { targets: { nps: { target: 40, warning: 20 } } }).cells[0].metrics.nps.status; //=> "at-risk"
 * ```
 * @category Portfolio
 */
export function finishPortfolio<M extends MetricRecord>(portfolio: Portfolio<M>, summary: PortfolioSummary, options?: FinishPortfolioOptions<M>): PortfolioReport<M> {
  return finishIn("finishPortfolio", portfolio, summary, readOptions<FinishPortfolioOptions<M>>("finishPortfolio", options, FINISH_PORTFOLIO_OPTIONS_KEYS));
}

/**
 * {@link finishPortfolio} with the caller's function name in errors. It checks the option values,
 * not their keys: the key check is the public caller's, against its own list (its options may
 * hold more: evaluatePortfolio, evaluateFile). finishPortfolio, evaluatePortfolio, evaluateFile
 * and evaluateInWorkers check them; fromSqlRows (src/sql/compile.ts) does not.
 * @internal
 * @param fn - Function named in errors.
 * @param portfolio - The portfolio.
 * @param summary - The summary (checked).
 * @param options - {@link FinishPortfolioOptions} (their values are checked here, their keys not).
 * @param seen - The first and last periods with their rows, when the caller saw the rows (else the
 * summary's cells are named in a `TOO_MANY_PERIODS` error).
 * @param seenAs - What `seen` counts, in that error (`"row"`, `"line"`).
 * @returns The {@link PortfolioReport}.
 * @throws {@link CxMetricsError} as {@link finishPortfolio}, with `fn` in the message.
 * @example
 * ```ts
 * const n = { id: "n", label: "Rows", unit: "", direction: "higher-is-better", merge: (...s) => s.reduce((a, b) => a + b, 0), count: (s) => s, finish: (s) => s, value: (r) => r, format: String };
 * const p = { kind: "portfolio", keys: ["n"], metrics: { n } };
 * const s = { kind: "portfolio", metrics: ["n"], segmentBy: [], period: null, timeZone: "UTC", weekStartsOn: 1, cells: [{ segment: [], period: null, periodIndex: null, summaries: { n: 3 } }] };
 * finishIn("evaluateFile", p, s, { targets: { n: { target: 5 } } }).cells[0].metrics.n.status; //=> "off-track"
 * finishIn("evaluateFile", p, s, { alpha: 2 }); // throws INVALID_OPTION
 * ```
 */
export function finishIn<M extends MetricRecord>(fn: string, portfolio: Portfolio<M>, summary: PortfolioSummary, options: FinishPortfolioOptions<M> | undefined, seen?: PeriodExtremes, seenAs = "row"): PortfolioReport<M> {
  if (portfolio === null || typeof portfolio !== "object" || portfolio.kind !== "portfolio") fail(fn, "INVALID_OPTION", `expected a portfolio from definePortfolio, got ${describe(portfolio)}`);
  checkSummary(fn, portfolio, summary);
  // the option values only: the key check is the public caller's
  const o = readOptions<FinishPortfolioOptions<M>>(fn, options);
  const confidence = readConfidence(fn, o.confidence);
  const alpha = o.alpha ?? 0.05;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) fail(fn, "INVALID_OPTION", `expected alpha strictly between 0 and 1, got ${describe(alpha)}`);
  const keys = portfolio.keys;
  const metrics = portfolio.metrics as Record<string, Metric>;
  const names = summary.segmentBy;
  const targets = readTargets(fn, o.targets, keys, metrics, names);
  const composite = readComposite(fn, o.composite, keys, metrics);
  const nowMs = o.now === undefined ? null : toEpochMs(fn, o.now, "now");
  const maxPeriods = readMaxPeriods(fn, o.maxPeriods);
  const headlineRule = readChoice(fn, "headline", o.headline, ["complete", "last"], "complete");

  const periods = layOutPeriods(fn, summary, maxPeriods, nowMs, headlineRule, seen, seenAs);
  const groupings = groupingsOf(names);
  const margins = mergeMargins(fn, summary, groupings, keys, metrics, periods.labels.size > 0);
  const { cells, consistency } = finishCells<M>({ fn, keys, metrics, targets, composite, confidence, alpha }, groupings, margins, periods);
  const headline = periods.headline === null ? null : periods.labels.get(periods.headline)!;
  const alerts = alertsOf(cells, keys, metrics, composite?.ranges ?? new Map(), headline, confidence);
  const described = Object.fromEntries(keys.map((k) => [k, { id: metrics[k]!.id, label: metrics[k]!.label, unit: metrics[k]!.unit, direction: metrics[k]!.direction }]));
  const dates = periods.dates;
  return {
    kind: "portfolio-report",
    metrics: described as PortfolioReport<M>["metrics"],
    segmentBy: [...names],
    period: summary.period,
    timeZone: summary.timeZone,
    periods: [...periods.labels.values()],
    headline,
    data: dates === null ? null : { first: new Date(dates.first).toISOString(), last: new Date(dates.last).toISOString() },
    confidence,
    alpha,
    cells,
    consistency,
    alerts,
  };
}

function periodIndexerFor(fn: string, s: PortfolioSummary) {
  return periodIndexer(fn, s.period, s.timeZone, s.weekStartsOn);
}

/** The periods of a report, laid out by {@link layOutPeriods}. */
interface PeriodLayout {
  /** Label of every period index from the first to the last with data, in order; empty without periods. */
  labels: Map<number, string>;
  /** The first partial period's index (periods from it on are partial), or `null` without a cut. */
  partialFrom: number | null;
  /** The headline period's index, or `null` without periods. */
  headline: number | null;
  /** The first and last instants of the data (epoch ms), when the summary has periods and knows them. */
  dates: { first: number; last: number } | null;
}

/**
 * The periods of a report: every period from the first to the last with data (at most
 * `maxPeriods`, else `TOO_MANY_PERIODS` naming the rows, or summary cells, at the ends of the span),
 * the partial ones (those that end after the cut: `now`, else the end of the local day of the
 * data's last date) and the headline (the last complete period, or the last one with
 * `headline: "last"` or when none is complete).
 */
function layOutPeriods(fn: string, summary: PortfolioSummary, maxPeriods: number, nowMs: number | null, headlineRule: "complete" | "last", seen: PeriodExtremes | undefined, seenAs: string): PeriodLayout {
  // periods: every index from the first to the last
  let pMin = Infinity;
  let pMax = -Infinity;
  const labels = new Map<number, string>();
  for (const c of summary.cells) {
    if (c.periodIndex !== null) {
      pMin = Math.min(pMin, c.periodIndex);
      pMax = Math.max(pMax, c.periodIndex);
      labels.set(c.periodIndex, c.period!);
    }
  }
  const hasPeriods = summary.period !== null && pMin <= pMax;
  const periodLabels = new Map<number, string>();
  if (!hasPeriods) return { labels: periodLabels, partialFrom: null, headline: null, dates: null };
  const indexer = periodIndexerFor(fn, summary);
  // the periods between are laid out (a gap is a "no-data" cell, and changes compare consecutive
  // periods): refuse a span of more than maxPeriods first, naming the rows (or summary cells) at its ends
  let x = seen;
  let what = seenAs;
  if (x === undefined || !(x.lo === pMin && x.hi === pMax)) {
    x = periodExtremes();
    what = "cell";
    summary.cells.forEach((c, i) => c.periodIndex !== null && seePeriod(x!, c.periodIndex, Number.NaN, i));
    x.loMs = indexer.startMs(x.lo);
    x.hiMs = indexer.startMs(x.hi);
  }
  const ends = spanEnds(x, what);
  checkPeriodSpan(fn, indexer, ends.first, ends.last, maxPeriods, ends.far);
  for (let p = pMin; p <= pMax; p++) periodLabels.set(p, labels.get(p) ?? indexer.labelOf(p));
  // partial periods: those that end after the cut (now, or the end of the local day of the last date)
  const dates = summary.dates !== undefined ? summary.dates : null;
  let partialFrom: number | null = null;
  if (nowMs !== null || dates !== null) {
    let cut = nowMs;
    if (cut === null) {
      const days = periodIndexer(fn, "day", summary.timeZone, 1);
      cut = days.startMs(days.indexOf(dates!.last) + 1);
    }
    partialFrom = periodIndexerFor(fn, summary).indexOf(cut);
  }
  const lastComplete = partialFrom === null ? pMax : Math.min(pMax, partialFrom - 1);
  const headline = headlineRule === "last" || lastComplete < pMin ? pMax : lastComplete;
  return { labels: periodLabels, partialFrom, headline, dates };
}

/** A subset of the segment keys: their names and their positions in the summary's segments. */
interface Grouping {
  keys: string[];
  positions: number[];
}

/** Every subset of the segment keys, the total (no key) first, then by number of keys. */
function groupingsOf(names: string[]): Grouping[] {
  const out: Grouping[] = [];
  const m = names.length;
  for (let mask = 0; mask < 1 << m; mask++) {
    const positions: number[] = [];
    for (let k = 0; k < m; k++) if (mask & (1 << k)) positions.push(k);
    out.push({ keys: positions.map((k) => names[k]!), positions });
  }
  // the total first, then by number of keys
  return out.sort((a, b) => a.keys.length - b.keys.length);
}

/** The merged summaries of every margin, from {@link mergeMargins}. */
interface Margins {
  /** The segments of each grouping (by index) that have data, by their key (JSON of the values), sorted by it; the total always has one. */
  segments: Map<number, Map<string, Record<string, string>>>;
  /** The summary of each metric, by `grouping|segment key|period index` (period `null`: all periods). */
  merged: Map<string, Record<string, unknown>>;
}

/**
 * Merge the margins: for each grouping (subset of the segment keys), segment and period (and all
 * periods together), each metric's `merge` of the summaries of the finest cells in it, so a margin
 * equals the metric computed on its rows directly. A margin of one cell keeps that cell's summary.
 */
function mergeMargins(fn: string, summary: PortfolioSummary, groupings: Grouping[], keys: readonly string[], metrics: Record<string, Metric>, hasPeriods: boolean): Margins {
  // merged summaries per grouping × segment × period (period null = all periods)
  type Agg = { segment: Record<string, string>; segmentKey: string; grouping: number; summaries: Record<string, unknown[]> };
  const aggs = new Map<string, Agg>();
  const add = (g: number, c: PortfolioSummaryCell, periodIndex: number | null) => {
    const grouping = groupings[g]!;
    const segVals = grouping.positions.map((k) => c.segment[k]!);
    const segmentKey = JSON.stringify(segVals);
    const key = `${g}|${segmentKey}|${periodIndex}`;
    let a = aggs.get(key);
    if (a === undefined) {
      const segment: Record<string, string> = {};
      grouping.keys.forEach((k, j) => (segment[k] = segVals[j]!));
      a = { segment, segmentKey, grouping: g, summaries: Object.fromEntries(keys.map((k) => [k, []])) };
      aggs.set(key, a);
    }
    for (const k of keys) a.summaries[k]!.push(c.summaries[k]);
  };
  for (const c of summary.cells) {
    for (let g = 0; g < groupings.length; g++) {
      if (hasPeriods) add(g, c, c.periodIndex);
      add(g, c, null);
    }
  }
  const merged = new Map<string, Record<string, unknown>>();
  for (const [key, a] of aggs) {
    const m: Record<string, unknown> = {};
    for (const k of keys) {
      const list = a.summaries[k]!;
      // a single cell is used as is; margins merge the finest cells
      try {
        m[k] = list.length === 1 ? list[0] : metrics[k]!.merge(...list);
      } catch (e) {
        throw rowError(fn, k, e, (j) => j);
      }
    }
    merged.set(key, m);
  }
  // the total always has a cell, even without rows
  const segments = new Map<number, Map<string, Record<string, string>>>([[0, new Map([["[]", {}]])]]);
  for (const a of aggs.values()) {
    let s = segments.get(a.grouping);
    if (s === undefined) segments.set(a.grouping, (s = new Map()));
    if (!s.has(a.segmentKey)) s.set(a.segmentKey, a.segment);
  }
  for (const [g, s] of segments) segments.set(g, new Map([...s].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  return { segments, merged };
}

/** What finishing a cell needs: the checked options and the portfolio's metrics. */
interface FinishContext {
  fn: string;
  keys: readonly string[];
  metrics: Record<string, Metric>;
  targets: Map<string, TargetRule>;
  composite: Composite | null;
  confidence: number;
  alpha: number;
}

/** A metric cell without data: no value, "no-data" against a target. */
function emptyMetricCell(threshold: Threshold | null): MetricCell<unknown> {
  return { n: 0, value: null, display: null, result: null, status: threshold === null ? null : "no-data", threshold, change: null };
}

/**
 * Finish one metric's summary of a cell: its count (checked: a number >= 0), result, value,
 * display and status against the segment's threshold; the change is left `null`.
 */
function finishMetricCell(fn: string, k: string, m: Metric, s: unknown, segment: Record<string, string>, threshold: Threshold | null): MetricCell<unknown> {
  let n: number;
  try {
    n = m.count(s);
  } catch (e) {
    throw rowError(fn, k, e, (j) => j);
  }
  if (typeof n !== "number" || !(n >= 0) || n === Infinity) {
    fail(fn, "INVALID_SUMMARY", `metric "${k}": expected the summary of the cell ${describe(segment)} to count its values, got a count of ${describe(n)}`);
  }
  if (!(n > 0)) return emptyMetricCell(threshold);
  let result: unknown;
  try {
    result = m.finish(s);
  } catch (e) {
    throw rowError(fn, k, e, (j) => j);
  }
  const value = m.value(result);
  return {
    n,
    value,
    display: value === null ? null : m.format(value),
    result,
    status: threshold === null ? null : statusOf(value, threshold, m.direction),
    threshold,
    change: null,
  };
}

/**
 * Finish the cells: for each period in order (all periods last), each grouping (the total first)
 * and each of its segments (sorted by their values), each metric's cell with its change from the
 * same segment's previous period, and the cell's composite index; after the segments of a grouping
 * other than the total, its {@link consistencyRows}.
 */
function finishCells<M extends MetricRecord>(ctx: FinishContext, groupings: Grouping[], margins: Margins, periods: PeriodLayout): { cells: PortfolioCell<M>[]; consistency: ConsistencyRow[] } {
  const { fn, keys, metrics, targets, composite, confidence, alpha } = ctx;
  const { segments, merged } = margins;
  const periodLabels = periods.labels;
  const partialFrom = periods.partialFrom;
  const cells: PortfolioCell<M>[] = [];
  const consistency: ConsistencyRow[] = [];
  const finishOne = (k: string, s: unknown, segment: Record<string, string>) => finishMetricCell(fn, k, metrics[k]!, s, segment, thresholdFor(targets.get(k), segment));
  // order: periods in order (all periods last), then groupings (total first), then segments sorted by their values
  const periodOrder: (number | null)[] = periodLabels.size > 0 ? [...periodLabels.keys(), null] : [null];
  for (const p of periodOrder) {
    for (let g = 0; g < groupings.length; g++) {
      const segs = segments.get(g);
      if (segs === undefined) continue;
      const perMetricSummaries: Record<string, unknown[]> = Object.fromEntries(keys.map((k) => [k, []]));
      const perMetricValues: Record<string, number[]> = Object.fromEntries(keys.map((k) => [k, []]));
      for (const [segmentKey, segment] of segs) {
        const m = merged.get(`${g}|${segmentKey}|${p}`);
        const cellMetrics: Record<string, MetricCell<unknown>> = {};
        for (const k of keys) {
          if (m === undefined) {
            cellMetrics[k] = emptyMetricCell(thresholdFor(targets.get(k), segment));
            continue;
          }
          const cell = finishOne(k, m[k], segment);
          cellMetrics[k] = cell;
          if (cell.n > 0) {
            perMetricSummaries[k]!.push(m[k]);
            if (cell.value !== null) perMetricValues[k]!.push(cell.value);
          }
          // change from the previous period of the same segment
          if (p !== null && cell.value !== null) {
            const prev = merged.get(`${g}|${segmentKey}|${p - 1}`);
            if (prev !== undefined) {
              const metric = metrics[k]!;
              const prevCell = finishOne(k, prev[k], segment);
              if (prevCell.value !== null) cell.change = changeOf(fn, k, metric, prev[k], m[k], prevCell.value, cell.value, periodLabels.get(p - 1)!, confidence, alpha);
            }
          }
        }
        cells.push({
          segment,
          period: p === null ? null : periodLabels.get(p)!,
          partial: p !== null && partialFrom !== null && p >= partialFrom,
          metrics: cellMetrics as PortfolioCell<M>["metrics"],
          composite: composite === null ? null : compositeOf(composite, cellMetrics, metrics),
        });
      }
      if (g === 0) continue;
      consistency.push(...consistencyRows(ctx, groupings[g]!.keys, p === null ? null : periodLabels.get(p)!, perMetricSummaries, perMetricValues));
    }
  }
  return { cells, consistency };
}

/**
 * The consistency rows of one segmentation in one period, one per metric: the spread (max − min)
 * of the segments' values and the metric's homogeneity test on the summaries of the segments with
 * data (when it has one and two segments or more have data), `consistent` when p ≥ `alpha`.
 */
function consistencyRows(ctx: FinishContext, segmentBy: string[], period: string | null, summaries: Record<string, unknown[]>, values: Record<string, number[]>): ConsistencyRow[] {
  const { fn, keys, metrics, alpha } = ctx;
  const out: ConsistencyRow[] = [];
  for (const k of keys) {
    const v = values[k]!;
    const list = summaries[k]!;
    let test: ConsistencyTest | null = null;
    const m = metrics[k]!;
    if (m.consistency !== undefined && list.length >= 2) {
      try {
        test = m.consistency(list);
      } catch (e) {
        throw rowError(fn, k, e, (j) => j);
      }
    }
    const min = v.length === 0 ? null : Math.min(...v);
    const max = v.length === 0 ? null : Math.max(...v);
    out.push({
      metric: k,
      segmentBy,
      period,
      segments: list.length,
      min,
      max,
      spread: min === null ? null : max! - min,
      test,
      consistent: test === null ? null : test.pValue >= alpha,
    });
  }
  return out;
}

/**
 * The change of a metric from the previous period of the same segment, with the metric's own
 * `compare` test (none: no test; a test that needs more observations: `"none (too few observations)"`).
 */
function changeOf(fn: string, key: string, m: Metric, prev: unknown, cur: unknown, previous: number, value: number, previousPeriod: string, confidence: number, alpha: number): Change {
  const difference = value - previous;
  let se: number | null = null;
  let ci: [number, number] | null = null;
  let pValue: number | null = null;
  let method = "none";
  if (m.compare !== undefined) {
    try {
      const c = m.compare(prev, cur, confidence);
      ({ se, ci, pValue, method } = c);
    } catch (e) {
      // a test that cannot be run on these summaries (e.g. one answer in a group): report no test
      if (!(e instanceof Error && "code" in e && (e as { code: string }).code === "INSUFFICIENT_DATA")) throw rowError(fn, key, e, (j) => j);
      method = "none (too few observations)";
    }
  }
  const improved = difference === 0 ? null : (difference > 0) === (m.direction === "higher-is-better");
  return { previousPeriod, previous, difference, se, ci, pValue, method, significant: pValue !== null && pValue < alpha, improved };
}


/**
 * Summarize and finish in one call: {@link summarizePortfolio} then {@link finishPortfolio}.
 *
 * @param portfolio - From {@link definePortfolio}.
 * @param rows - The rows (each metric reads its fields through its accessors).
 * @param options - {@link EvaluatePortfolioOptions}: segments, period and date, time zone, targets,
 * composite, confidence, alpha, now, maxPeriods.
 * @returns The {@link PortfolioReport}.
 * @throws {@link CxMetricsError} as {@link summarizePortfolio} and {@link finishPortfolio};
 * `TOO_MANY_PERIODS` (more than `maxPeriods` periods between the first and last date; `index` is
 * the row of the date that lies apart).
 * @example
 * ```ts
 * import { csatMetric, definePortfolio, evaluatePortfolio, npsMetric, portfolioCell } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }), csat: csatMetric({ score: (r) => r.csat }) });
 * const rows = [
 *   { channel: "email", nps: 10, csat: 5 }, { channel: "email", nps: 6, csat: 3 },
 *   { channel: "phone", nps: 9, csat: 4 }, { channel: "phone", nps: 9, csat: 5 },
 * ];
 * const report = evaluatePortfolio(p, rows, { segmentBy: "channel", targets: { nps: { target: 50 } } });
 * portfolioCell(report, { channel: "phone" }).metrics.nps.value; //=> 100
 * portfolioCell(report, { channel: "email" }).metrics.nps.status; //=> "off-track"
 * portfolioCell(report).metrics.csat.value; //=> 75
 * ```
 * @category Portfolio
 */
export function evaluatePortfolio<M extends MetricRecord, Row extends PortfolioRow<M>>(
  portfolio: Portfolio<M>,
  rows: ArrayLike<Row>,
  options?: EvaluatePortfolioOptions<M, Row>,
): PortfolioReport<M> {
  const fn = "evaluatePortfolio";
  const o = readOptions<EvaluatePortfolioOptions<M, Row>>(fn, options, EVALUATE_PORTFOLIO_OPTIONS_KEYS);
  // a bad maxPeriods fails before the pass over the rows; finishIn checks the other finishing
  // options after it
  readMaxPeriods(fn, o.maxPeriods);
  const seen = periodExtremes();
  const summary = summarizeIn(fn, portfolio, rows, o, seen);
  return finishIn(fn, portfolio, summary, o, seen);
}

/**
 * The cell of a report for a segment (`{}` or omitted: all segments; a subset of the keys: the
 * margin over the others) and a period (omitted or `null`: all periods).
 *
 * @param report - From {@link evaluatePortfolio} or {@link finishPortfolio} (JSON round trips are fine).
 * @param segment - Segment values by key.
 * @param period - Period label (first day, `YYYY-MM-DD`) or `null`.
 * @returns The cell, or `undefined` when that segment has no data at all.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a key that is not a segment key of the report
 * or something that is not a report; `INVALID_INPUT` for a report whose `segmentBy` or `cells` are
 * malformed (the field is named).
 * @example
 * ```ts
 * import { definePortfolio, evaluatePortfolio, npsMetric, portfolioCell } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }) });
 * const r = evaluatePortfolio(p, [{ nps: 10, ch: "web" }, { nps: 0, ch: "app" }], { segmentBy: "ch" });
 * portfolioCell(r, { ch: "app" }).metrics.nps.value; //=> -100
 * ```
 * @category Portfolio
 */
export function portfolioCell<M extends MetricRecord>(report: PortfolioReport<M>, segment: Readonly<Record<string, string>> = {}, period: string | null = null): PortfolioCell<M> | undefined {
  const fn = "portfolioCell";
  if (report === null || typeof report !== "object" || report.kind !== "portfolio-report") fail(fn, "INVALID_OPTION", `expected a report from evaluatePortfolio, got ${describe(report)}`);
  // a report may come from JSON or be forged: check the fields read here
  const r = report as { segmentBy: unknown; cells: unknown };
  if (!Array.isArray(r.segmentBy) || !Array.from(r.segmentBy).every((k) => typeof k === "string")) fail(fn, "INVALID_INPUT", `expected report.segmentBy to be a list of segment keys, got ${describe(r.segmentBy)}`);
  if (!Array.isArray(r.cells)) fail(fn, "INVALID_INPUT", `expected report.cells to be a list of cells, got ${describe(r.cells)}`);
  // an index loop, not forEach: a hole is a malformed cell too
  for (let i = 0; i < r.cells.length; i++) {
    const c: unknown = r.cells[i];
    const x = c as { segment?: unknown; period?: unknown } | null;
    if (x === null || typeof x !== "object" || x.segment === null || typeof x.segment !== "object" || Array.isArray(x.segment) || !(x.period === null || typeof x.period === "string")) {
      fail(fn, "INVALID_INPUT", `expected report.cells[${i}] to have a segment (an object of segment values) and a period (null or a label), got ${describe(c)}`, i);
    }
  }
  const s = readOptions<Record<string, string>>(fn, segment);
  for (const k of Object.keys(s)) if (!report.segmentBy.includes(k)) fail(fn, "INVALID_OPTION", `expected segment keys of the report (${report.segmentBy.join(", ") || "none"}), got unknown key "${k}"`);
  const wanted = report.segmentBy.filter((k) => k in s);
  return report.cells.find((c) => c.period === period && Object.keys(c.segment).length === wanted.length && wanted.every((k) => c.segment[k] === s[k]));
}


