import { fail } from "../core/errors";
import { describe, keysOf, readOptions, rowAt } from "../core/input";
import { checkPeriodSpan, instantIn, type Period, type PeriodExtremes, periodExtremes, periodIndexer, readMaxPeriods, seePeriod, type SpanEnd } from "../core/period";
import type { DateInput } from "../core/time";

const ALIGN_OPTIONS_KEYS = /* @__PURE__ */ keysOf<AlignOptions>()("period", "timeZone", "weekStartsOn", "maxPeriods");

/**
 * A time series given as rows: each row has a date, and either its own value (already-aggregated
 * points: at most one per period) or the period's value is computed from all its rows by
 * `compute` (raw observations such as survey answers).
 * @category Relate
 */
export interface SeriesInput<T> {
  rows: ArrayLike<T>;
  date: (row: T, index: number) => DateInput;
  /** The row's value (one point per period). */
  value?: (row: T, index: number) => number;
  /** The period's value from its rows, e.g. `(rows) => nps(rows, (r) => r.score).value`. */
  compute?: (rows: T[]) => number;
}

/**
 * Options of {@link alignByPeriod}.
 * @category Relate
 */
export interface AlignOptions {
  period: Period;
  /** IANA time zone of the calendar; default "UTC". */
  timeZone?: string;
  /** First day of a week (0 = Sunday … 6 = Saturday); default 1 (Monday). */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /**
   * Most periods the aligned series may span, from the first to the last period with data in
   * either series; default 10,000. Beyond it, `TOO_MANY_PERIODS` naming the row whose date lies
   * apart, before the gap-free arrays are allocated.
   */
  maxPeriods?: number;
}

/**
 * Two series on a common, gap-free sequence of periods.
 * @category Relate
 */
export interface AlignedSeries {
  period: Period;
  timeZone: string;
  /** Every period from the first to the last one seen in either series (first local day). */
  periods: string[];
  /** Metric per period; `null` where the metric has no data. */
  metric: (number | null)[];
  /** Outcome per period; `null` where the outcome has no data. */
  outcome: (number | null)[];
  /** Rows behind each metric value (0 where `null`). */
  metricRows: number[];
  /** Periods without a metric value, and without an outcome value, inside the common range. */
  missing: { metric: string[]; outcome: string[] };
}

function bucket<T>(
  fn: string,
  name: string,
  s: SeriesInput<T>,
  indexOf: (ms: number) => number,
  timeZone: string,
  seen: PeriodExtremes,
): Map<number, { value: number; rows: number }> {
  if (s === null || typeof s !== "object" || s.rows === null || typeof s.rows !== "object" || typeof s.rows.length !== "number") {
    fail(fn, "INVALID_INPUT", `expected ${name} as { rows, date, value | compute }, got ${describe(s)}`);
  }
  if (typeof s.date !== "function" || (typeof s.value === "function") === (typeof s.compute === "function")) {
    fail(fn, "INVALID_OPTION", `expected ${name} to have a date accessor and exactly one of value (points) and compute (rows → value)`);
  }
  const groups = new Map<number, { rows: T[]; first: number }>();
  const out = new Map<number, { value: number; rows: number }>();
  for (let i = 0; i < s.rows.length; i++) {
    const row = rowAt(fn, s.rows, i);
    const ms = instantIn(fn, s.date(row, i), timeZone, `a ${name} date`, i);
    const k = indexOf(ms);
    seePeriod(seen, k, ms, i);
    if (s.value !== undefined) {
      const v = s.value(row, i);
      if (typeof v !== "number") fail(fn, "INVALID_SCORE", `expected a numeric ${name} value at index ${i}, got ${describe(v)}`, i);
      if (!Number.isFinite(v)) fail(fn, "NON_FINITE", `expected a finite ${name} value at index ${i}, got ${v}`, i);
      if (out.has(k)) fail(fn, "DUPLICATE_PERIOD", `expected one ${name} point per period; index ${i} falls in the same period as an earlier point`, i);
      out.set(k, { value: v, rows: 1 });
    } else {
      let g = groups.get(k);
      if (g === undefined) groups.set(k, (g = { rows: [], first: i }));
      g.rows.push(row);
    }
  }
  for (const [k, g] of groups) {
    const v = s.compute!(g.rows);
    if (typeof v !== "number" || !Number.isFinite(v)) {
      fail(fn, "NON_FINITE", `expected compute to return a finite number for the ${name} period of index ${g.first}, got ${describe(v)}`, g.first);
    }
    out.set(k, { value: v, rows: g.rows.length });
  }
  return out;
}

/**
 * Put a metric and an outcome on the same calendar periods.
 *
 * Definition: every row is assigned to its period (day, week, month, quarter, year) in `timeZone`
 * with date-fns; a metric given by `compute` is computed once per period from all the period's
 * rows (so the monthly NPS is the NPS of the month's answers, not an average of daily scores); a
 * series given by `value` must have at most one point per period. The result covers every period
 * from the first to the last seen in either series, with `null` where a series has no data, and
 * lists those gaps in `missing` — nothing is dropped silently.
 *
 * Periods: rows are grouped into the periods that have data (memory grows with the data); the
 * result stays gap-free, because positions are periods for {@link laggedCorrelation} and
 * {@link periodChange} (a lag of 1 is the next period, not the next period with data). Its length
 * is capped by `maxPeriods` (default 10,000): one date far from the others (6999-12-31 in a file
 * of 2024 dates) is a `TOO_MANY_PERIODS` error naming both ends and, in `index`, the row that lies
 * apart, raised before the arrays are allocated. O(rows + periods).
 *
 * @param metric - The metric series (e.g. survey answers with `compute`).
 * @param outcome - The outcome series (e.g. monthly revenue points with `value`).
 * @param options - `period`, `timeZone`, `weekStartsOn`, `maxPeriods`.
 * @returns The {@link AlignedSeries}.
 * @throws {@link CxMetricsError} `TOO_MANY_PERIODS` (more than `maxPeriods` periods from the first
 * to the last date; `index` is the far row, the message says which series it is in),
 * `DUPLICATE_PERIOD` (two points in one period, with the index),
 * `INVALID_DATE`, `NON_FINITE`, `INVALID_SCORE`, `INVALID_OPTION` (period, time zone, accessors),
 * `INVALID_INPUT`, `EMPTY_INPUT` (a series without rows); errors of `compute` pass through.
 * @example
 * ```ts
 * import { alignByPeriod } from "cx-metrics";
 * const a = alignByPeriod(
 *   { rows: [{ d: "2024-01-10", v: 30 }, { d: "2024-03-05", v: 35 }], date: (r) => r.d, value: (r) => r.v },
 *   { rows: [{ d: "2024-01-31", v: 100 }, { d: "2024-02-29", v: 104 }], date: (r) => r.d, value: (r) => r.v },
 *   { period: "month" },
 * );
 * a.periods; //=> ["2024-01-01", "2024-02-01", "2024-03-01"]
 * a.metric;  //=> [30, null, 35]
 * a.missing; //=> { metric: ["2024-02-01"], outcome: ["2024-03-01"] }
 * const far = { rows: [{ d: "2024-01-31", v: 100 }, { d: "6999-12-31", v: 104 }], date: (r) => r.d, value: (r) => r.v };
 * alignByPeriod({ rows: [{ d: "2024-01-10", v: 30 }], date: (r) => r.d, value: (r) => r.v }, far, { period: "day" }); // throws TOO_MANY_PERIODS (outcome row 1)
 * ```
 * @category Relate
 */
export function alignByPeriod<M, O>(metric: SeriesInput<M>, outcome: SeriesInput<O>, options: AlignOptions): AlignedSeries {
  return align("alignByPeriod", metric, outcome, options);
}

/**
 * {@link alignByPeriod} under the calling function's name.
 * @internal
 * @example
 * ```ts
 * const a = align("f", { rows: [{ d: "2024-01-10", v: 30 }], date: (r) => r.d, value: (r) => r.v }, { rows: [{ d: "2024-01-31", v: 100 }], date: (r) => r.d, value: (r) => r.v }, { period: "month" });
 * [a.periods, a.metric, a.outcome]; //=> [["2024-01-01"], [30], [100]]
 * ```
 */
export function align<M, O>(fn: string, metric: SeriesInput<M>, outcome: SeriesInput<O>, options: AlignOptions, outcomeName = "outcome"): AlignedSeries {
  const o = readOptions<AlignOptions>(fn, options, ALIGN_OPTIONS_KEYS);
  const indexer = periodIndexer(fn, o.period, o.timeZone, o.weekStartsOn);
  const maxPeriods = readMaxPeriods(fn, o.maxPeriods);
  const indexOf = (ms: number) => indexer.indexOf(ms);
  const xm = periodExtremes();
  const xy = periodExtremes();
  const m = bucket(fn, "metric", metric, indexOf, indexer.timeZone, xm);
  const y = bucket(fn, "outcome", outcome, indexOf, indexer.timeZone, xy);
  if (m.size === 0 || y.size === 0) fail(fn, "EMPTY_INPUT", `expected rows in both series, got ${m.size === 0 ? "no metric" : "no outcome"} rows`);
  // the span of both series, checked before the gap-free arrays are laid out
  const loM = xm.lo <= xy.lo;
  const hiM = xm.hi >= xy.hi;
  const first: SpanEnd = loM ? { period: xm.lo, ms: xm.loMs, row: xm.loRow, what: `metric row ${xm.loRow}` } : { period: xy.lo, ms: xy.loMs, row: xy.loRow, what: `${outcomeName} row ${xy.loRow}` };
  const last: SpanEnd = hiM ? { period: xm.hi, ms: xm.hiMs, row: xm.hiRow, what: `metric row ${xm.hiRow}` } : { period: xy.hi, ms: xy.hiMs, row: xy.hiRow, what: `${outcomeName} row ${xy.hiRow}` };
  const lo = first.period;
  const hi = last.period;
  const nextAbove = Math.min(...[xm.lo, xm.lo2, xy.lo, xy.lo2].filter((p) => p > lo), Infinity);
  const nextBelow = Math.max(...[xm.hi, xm.hi2, xy.hi, xy.hi2].filter((p) => p < hi), -Infinity);
  const gapLo = Number.isFinite(nextAbove) ? nextAbove - lo : 0;
  const gapHi = Number.isFinite(nextBelow) ? hi - nextBelow : 0;
  checkPeriodSpan(fn, indexer, first, last, maxPeriods, gapLo > gapHi ? "first" : "last");
  const out: AlignedSeries = {
    period: indexer.period,
    timeZone: indexer.timeZone,
    periods: [],
    metric: [],
    outcome: [],
    metricRows: [],
    missing: { metric: [], outcome: [] },
  };
  for (let k = lo; k <= hi; k++) {
    const label = indexer.labelOf(k);
    const mv = m.get(k);
    const yv = y.get(k);
    out.periods.push(label);
    out.metric.push(mv === undefined ? null : mv.value);
    out.outcome.push(yv === undefined ? null : yv.value);
    out.metricRows.push(mv === undefined ? 0 : mv.rows);
    if (mv === undefined) out.missing.metric.push(label);
    if (yv === undefined) out.missing.outcome.push(label);
  }
  return out;
}
