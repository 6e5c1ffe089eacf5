import { fail } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import { checkPeriodSpan, instantIn, type Period, periodIndexer, readMaxPeriods } from "../core/period";
import type { DateInput } from "../core/time";
import { type churnSummary, churnSummaryOf, finishChurn, summarizeChurn } from "./churn-summary";
import { readActivity, type SubscriptionAccessors } from "./subscriptions";

const CHURN_SERIES_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ChurnSeriesOptions<any>>()("period", "weekStartsOn", "maxPeriods", "from", "to", "customerId", "start", "end", "mrr", "timeZone");

/**
 * Churn of one period from subscription rows.
 * @category Retention
 */
export interface ChurnResult {
  /** The period [from, to) as ISO instants, and its length in days (real time / 24 h). */
  from: string;
  to: string;
  days: number;
  /** Customers active just before `from` (the start of the period), and just before `to`. */
  customersAtStart: number;
  customersAtEnd: number;
  /** Customers whose first subscription starts in the period. */
  newCustomers: number;
  /** Former customers who start again in the period. */
  reactivated: number;
  /** Churn events: activity intervals ending in [from, to) (a customer who leaves twice counts twice). */
  churned: number;
  /** Customers active at the start who churned in the period (the cohort's churn). */
  churnedFromStart: number;
  /** Customer-days of activity inside the period. */
  customerDays: number;
  /** Rates as fractions of one period; `null` where the base is empty. */
  rates: {
    /** churnedFromStart / customersAtStart. */
    cohort: number | null;
    /** churned / customersAtStart. */
    events: number | null;
    /** churned / ((customersAtStart + customersAtEnd) / 2). */
    averageBase: number | null;
    /** churned / (customerDays / days): churn per average customer present. */
    exposure: number | null;
  };
  /** churned / customerDays: events per customer-day. */
  dailyHazard: number | null;
  /** Subscriptions read, and a customer's overlapping or touching subscriptions merged. */
  subscriptions: number;
  mergedOverlaps: number;
}

/**
 * Options of {@link churn}.
 * @category Retention
 */
export interface ChurnOptions<T> extends SubscriptionAccessors<T> {
  /** Start of the period (inclusive); a date `YYYY-MM-DD` is local midnight in `timeZone`. */
  from: DateInput;
  /** End of the period (exclusive). */
  to: DateInput;
}

/**
 * Customer churn of one period from subscription rows, by four methods.
 *
 * Conventions: a subscription is active on [start, end) (an end on Jan 11 means active through
 * Jan 10); a customer's overlapping or touching subscriptions are merged; the period is the
 * half-open [from, to) in `timeZone`. Customers "at start" were active just before `from`, "at
 * end" just before `to`; a churn is dated at its end instant and belongs to the period containing
 * it; new customers are first starts in the period, reactivations later starts of former
 * customers. Hence customersAtStart + newCustomers + reactivated − churned = customersAtEnd.
 * Rates: `cohort` (churned among the customers at start / customers at start), `events` (all churn
 * events / customers at start: a customer who joins and leaves inside the period, or leaves twice,
 * counts), `averageBase` (events / mean of start and end counts), `exposure` (events per average
 * customer present: events / (customer-days / days)), and the daily hazard. See docs/retention.md
 * for when they disagree. O(subscriptions). `churn(rows, options)` is
 * `churnFromSummary(churnSummary(rows, options))`: for rows split across customer-partitioned
 * shards, summarize each shard and merge (see {@link churnSummary}).
 *
 * @param rows - Subscription rows.
 * @param options - `customerId`, `start`, `end` (each a row field name or an accessor), `from`, `to`, `timeZone`.
 * @returns The {@link ChurnResult}.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` (an end not after its start, with the index;
 * `from >= to`), `INVALID_DATE`, `INVALID_INPUT` (not an array; a row without a named field, with its index), `INVALID_OPTION` (unknown time zone; an accessor option that is neither a field name nor a function).
 * @example
 * ```ts
 * import { churn } from "cx-metrics";
 * const subs = [
 *   { id: "a", start: "2023-11-01", end: "2024-01-11" }, // churns on Jan 11
 *   { id: "b", start: "2023-12-01", end: null },
 *   { id: "c", start: "2024-01-15", end: null },          // new in January
 * ];
 * const jan = churn(subs, { customerId: (s) => s.id, start: (s) => s.start, end: (s) => s.end, from: "2024-01-01", to: "2024-02-01" });
 * [jan.customersAtStart, jan.newCustomers, jan.churned, jan.customersAtEnd]; //=> [2, 1, 1, 2]
 * jan.rates.cohort; //=> 0.5
 * ```
 * @example
 * ```ts
 * import { churn } from "cx-metrics";
 * // row field names work as well as accessors
 * const subs = [{ id: "a", start: "2023-11-01", end: "2024-01-11" }, { id: "b", start: "2023-12-01", end: null }];
 * churn(subs, { customerId: "id", start: "start", end: "end", from: "2024-01-01", to: "2024-02-01" }).churned; //=> 1
 * ```
 * @category Retention
 */
export function churn<T>(rows: ArrayLike<T>, options: ChurnOptions<T>): ChurnResult {
  return finishChurn(summarizeChurn("churn", rows, options));
}

/**
 * Options of {@link churnSeries}.
 * @category Retention
 */
export interface ChurnSeriesOptions<T> extends ChurnOptions<T> {
  /** Calendar period of the series. */
  period: Period;
  /** First day of a week (0 = Sunday … 6 = Saturday); default 1 (Monday). */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Most periods the series may have; default 10,000. Beyond it, `TOO_MANY_PERIODS` before anything is allocated. */
  maxPeriods?: number;
}

/**
 * {@link churn} for every calendar period (day, week, month, quarter, year, in `timeZone`, with
 * date-fns) from the period containing `from` to the period containing the last instant before
 * `to`. Each entry has the period's first local day as `period`.
 *
 * Periods: every period from `from` to `to` is reported, also those where nothing happens (their
 * counts are real zeros and their rates are defined by the customers present), so the number of
 * periods is capped by `maxPeriods` (default 10,000; a daily series from 1970 to 2026 is 20,454
 * periods): beyond it, a `TOO_MANY_PERIODS` error naming `from` and `to`, raised before anything
 * is allocated. Subscription dates far from the series (a start in 1970, an end in 6999) cost
 * nothing: one sweep over the subscriptions fills all periods at once, O(subscriptions + periods)
 * time and O(periods) memory.
 *
 * @param rows - Subscription rows.
 * @param options - Accessors, `from`, `to`, `period`, `timeZone`, `weekStartsOn`, `maxPeriods`.
 * @returns One {@link ChurnResult} per period, with its `period` label.
 * @throws {@link CxMetricsError} as {@link churn}; `INVALID_OPTION` for an unknown period or a
 * `maxPeriods` that is not a positive integer; `TOO_MANY_PERIODS` for more than `maxPeriods` periods.
 * @example
 * ```ts
 * import { churnSeries } from "cx-metrics";
 * const subs = [{ id: "a", start: "2024-01-01", end: "2024-03-10" }, { id: "b", start: "2024-02-05", end: null }];
 * const s = churnSeries(subs, { customerId: (r) => r.id, start: (r) => r.start, end: (r) => r.end, from: "2024-01-01", to: "2024-04-01", period: "month" });
 * s.map((m) => [m.period, m.customersAtEnd, m.churned]); //=> [["2024-01-01", 1, 0], ["2024-02-01", 2, 0], ["2024-03-01", 1, 1]]
 * ```
 * @category Retention
 */
export function churnSeries<T>(rows: ArrayLike<T>, options: ChurnSeriesOptions<T>): (ChurnResult & { period: string })[] {
  const fn = "churnSeries";
  const o = readOptions<ChurnSeriesOptions<T>>(fn, options, CHURN_SERIES_OPTIONS_KEYS);
  const a = readActivity(fn, rows, o);
  const indexer = periodIndexer(fn, o.period, a.timeZone, o.weekStartsOn);
  const maxPeriods = readMaxPeriods(fn, o.maxPeriods);
  const from = instantIn(fn, o.from, a.timeZone, "from");
  const to = instantIn(fn, o.to, a.timeZone, "to");
  if (!(from < to)) fail(fn, "OUT_OF_RANGE", `expected from < to, got ${describe(o.from)} and ${describe(o.to)}`);
  const first = indexer.indexOf(from);
  const last = indexer.indexOf(to - 1);
  checkPeriodSpan(fn, indexer, { period: first, ms: from, what: "from" }, { period: last, ms: to, what: "to" }, maxPeriods);
  // One sweep: each interval, with ps its start's period and pe its end's, is active at the start
  // of periods ps+1 … pe (a difference array), starts in ps, ends in pe, and is active through the
  // whole of periods ps+1 … pe−1. O(subscriptions + periods), whatever the dates.
  const K = last - first + 1;
  const bounds = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) bounds[k] = indexer.startMs(first + k);
  const atStartD = new Int32Array(K + 2); // k = 0 … K: at the start of period first + k (K: at the end of the last)
  const fullD = new Int32Array(K + 1);
  const added = new Int32Array(K);
  const back = new Int32Array(K);
  const events = new Int32Array(K);
  const fromStart = new Int32Array(K);
  const partialMs = new Float64Array(K);
  const range = (d: Int32Array, lo: number, hi: number, top: number): void => {
    const l = Math.max(lo, 0);
    const h = Math.min(hi, top);
    if (h < l) return;
    d[l]!++;
    d[h + 1]!--;
  };
  const { cust, start, end, offset } = a;
  for (let j = 0; j < cust.length; j++) {
    const s = start[j]!;
    const e = end[j]!;
    const ps = indexer.indexOf(s) - first;
    const pe = e === Infinity ? Infinity : indexer.indexOf(e) - first;
    range(atStartD, ps + 1, pe, K);
    range(fullD, ps + 1, pe - 1, K - 1);
    if (ps >= 0 && ps < K) {
      if (offset[cust[j]!] === j) added[ps]!++;
      else back[ps]!++;
      partialMs[ps]! += Math.min(e, bounds[ps + 1]!) - s;
    }
    if (pe >= 0 && pe < K) {
      events[pe]!++;
      if (pe > ps) {
        fromStart[pe]!++;
        partialMs[pe]! += e - bounds[pe]!;
      }
    }
  }
  const out: (ChurnResult & { period: string })[] = [];
  let atStart = atStartD[0]!;
  let full = 0;
  for (let k = 0; k < K; k++) {
    const atEnd = atStart + atStartD[k + 1]!;
    full += fullD[k]!;
    const activeMs = full * (bounds[k + 1]! - bounds[k]!) + partialMs[k]!;
    out.push({ period: indexer.labelOf(first + k), ...finishChurn(churnSummaryOf(a, bounds[k]!, bounds[k + 1]!, atStart, atEnd, added[k]!, back[k]!, events[k]!, fromStart[k]!, activeMs)) });
    atStart = atEnd;
  }
  return out;
}
