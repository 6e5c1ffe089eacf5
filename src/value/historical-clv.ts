import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions, rowAt } from "../core/input";
import { checkPeriodSpan, instantIn, periodExtremes, periodIndexer, readMaxPeriods, seePeriod, type SpanEnd, spanEnds } from "../core/period";
import { customerIndex, readAmount } from "../core/records";
import { type DateInput, toEpochMs } from "../core/time";

const HISTORICAL_CLV_OPTIONS_KEYS = /* @__PURE__ */ keysOf<HistoricalClvOptions<any>>()("customerId", "date", "value", "cohortPeriod", "timeZone", "weekStartsOn", "observationEnd", "discountRate", "maxPeriods");

/**
 * Period of a cohort table.
 * @category Value
 */
export type CohortPeriod = "week" | "month" | "quarter" | "year";

/**
 * Options of {@link historicalClv}.
 * @category Value
 */
export interface HistoricalClvOptions<T> {
  customerId: (row: T, index: number) => string | number;
  date: (row: T, index: number) => DateInput;
  /** Revenue (or margin) of the transaction, finite and ≥ 0. */
  value: (row: T, index: number) => number;
  /** Length of a cohort and of an age step. */
  cohortPeriod: CohortPeriod;
  /** IANA time zone in which periods start; default "UTC". */
  timeZone?: string;
  /** Weeks start on this day (0 = Sunday … 6 = Saturday); default 1 (Monday, ISO 8601). */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** End of observation: ages after its period are unobserved. Default: the last transaction. */
  observationEnd?: DateInput;
  /** Discount rate per period applied to value at age k as (1 + d)^−k; default 0. */
  discountRate?: number;
  /**
   * Most periods the table may span, from the first cohort to the period of `observationEnd` (or
   * of the last transaction); default 10,000. Beyond it, `TOO_MANY_PERIODS` (one far-off date,
   * such as the year 1000 among 2024 dates with weekly periods) before anything is allocated.
   */
  maxPeriods?: number;
}

/**
 * One acquisition cohort of {@link historicalClv}.
 * @category Value
 */
export interface HistoricalClvCohort {
  /** First day of the cohort's period (local date in the time zone), `YYYY-MM-DD`. */
  cohort: string;
  /** Customers acquired (first purchase) in the period. */
  customers: number;
  /** Value per acquired customer at age 0, 1, … (discounted), for every observed age. */
  value: number[];
  /** Cumulative value per acquired customer by age: the historical CLV curve. */
  cumulative: number[];
}

/**
 * Result of {@link historicalClv}.
 * @category Value
 */
export interface HistoricalClvResult {
  cohortPeriod: CohortPeriod;
  timeZone: string;
  discountRate: number;
  observationEnd: string;
  /** Cohorts in time order; a cohort's arrays stop at the last age observed before `observationEnd`. */
  cohorts: HistoricalClvCohort[];
}

/**
 * Historical customer lifetime value: cumulative value per acquired customer, by acquisition
 * cohort and age — the "cohort revenue curve" analysts read before fitting any model.
 *
 * Definition: a customer's cohort is the period (week, month, quarter, year, in `timeZone`) of
 * their first transaction; a transaction in period P has age k = P − cohort, in whole periods
 * (date-fns calendar differences). value[k] = Σ value of age-k transactions / customers in the
 * cohort, times (1 + d)^−k; cumulative[k] = Σ_{j ≤ k} value[j]. Ages after the period of
 * `observationEnd` are not reported (a younger cohort has a shorter curve: right-censoring, not
 * zero value). Customers who bought nothing at an age count in the denominator (per acquired
 * customer, not per active one). The span from the first cohort to the period of
 * `observationEnd` is capped by `maxPeriods` (default 10,000): a date far from the others is a
 * `TOO_MANY_PERIODS` error naming its row, raised before the table is allocated. O(n + cohorts ×
 * ages), with one date-fns period computation per distinct quarter-hour of the data (time-zone
 * offsets are whole quarter-hours).
 *
 * @param transactions - Transaction rows.
 * @param options - Accessors, `cohortPeriod`, `timeZone`, `weekStartsOn`, `observationEnd`,
 * `discountRate`, `maxPeriods`.
 * @returns The {@link HistoricalClvResult}.
 * @throws {@link CxMetricsError} `INVALID_DATE` (also a date in the first period of the Date range,
 * which has no start), `OUT_OF_RANGE` (negative value, a transaction after
 * `observationEnd`), `NON_FINITE` (a value, or a value per customer beyond the largest double),
 * `INVALID_INPUT` (ids, not an array), `INVALID_OPTION` (unknown
 * period or time zone, bad discount rate or maxPeriods), `EMPTY_INPUT`, `TOO_MANY_PERIODS` (the
 * dates span more than `maxPeriods` periods; `index` is the row of the far-off date).
 * @example
 * ```ts
 * import { historicalClv } from "cx-metrics";
 * const t = [
 *   { c: "a", d: "2024-01-05", v: 10 }, { c: "b", d: "2024-01-20", v: 20 },
 *   { c: "a", d: "2024-02-03", v: 30 }, { c: "c", d: "2024-02-10", v: 5 },
 * ];
 * const h = historicalClv(t, { customerId: (r) => r.c, date: (r) => r.d, value: (r) => r.v, cohortPeriod: "month" });
 * h.cohorts[0].cumulative; //=> [15, 30]
 * h.cohorts[1].cumulative; //=> [5]
 * const far = [...t, { c: "d", d: "1970-01-01", v: 1 }];
 * historicalClv(far, { customerId: (r) => r.c, date: (r) => r.d, value: (r) => r.v, cohortPeriod: "month", maxPeriods: 120 }); // throws TOO_MANY_PERIODS (row 4)
 * ```
 * @category Value
 */
export function historicalClv<T>(transactions: ArrayLike<T>, options: HistoricalClvOptions<T>): HistoricalClvResult {
  const fn = "historicalClv";
  if (transactions === null || typeof transactions !== "object" || !Number.isSafeInteger(transactions.length) || transactions.length < 0) {
    fail(fn, "INVALID_INPUT", `expected an array of transactions, got ${describe(transactions)}`);
  }
  const o = readOptions<HistoricalClvOptions<T>>(fn, options, HISTORICAL_CLV_OPTIONS_KEYS);
  if (typeof o.customerId !== "function" || typeof o.date !== "function" || typeof o.value !== "function") {
    fail(fn, "INVALID_OPTION", "expected customerId, date and value accessors as functions");
  }
  const period = readChoice(fn, "cohortPeriod", o.cohortPeriod, ["week", "month", "quarter", "year"], "month");
  if (o.cohortPeriod === undefined) fail(fn, "INVALID_OPTION", 'expected cohortPeriod ("week", "month", "quarter" or "year")');
  const indexer = periodIndexer(fn, period, o.timeZone, o.weekStartsOn);
  const dayIndexer = periodIndexer(fn, "day", indexer.timeZone, undefined);
  const d = o.discountRate ?? 0;
  if (typeof d !== "number" || !(d >= 0 && d < Infinity)) fail(fn, "INVALID_OPTION", `expected discountRate >= 0, got ${describe(d)}`);
  const maxPeriods = readMaxPeriods(fn, o.maxPeriods);

  const n = transactions.length;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  const cust = new Int32Array(n);
  const customers = customerIndex();
  const first: number[] = [];
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const row = rowAt(fn, transactions, i);
    const c = customers.indexOf(fn, o.customerId(row, i), i);
    const ms = instantIn(fn, o.date(row, i), indexer.timeZone, "a transaction date", i);
    const v = readAmount(fn, "value", o.value(row, i), i);
    if (c === first.length) first.push(ms);
    else if (ms < first[c]!) first[c] = ms;
    cust[i] = c;
    times[i] = ms;
    values[i] = v;
    if (ms > last) last = ms;
  }
  if (n === 0) fail(fn, "EMPTY_INPUT", "expected at least one transaction");
  // a date-only observationEnd includes that whole local day (as rfmSummary's)
  const endMs =
    o.observationEnd === undefined
      ? last
      : typeof o.observationEnd === "string" && o.observationEnd.length === 10
        ? dayIndexer.startMs(dayIndexer.indexOf(instantIn(fn, o.observationEnd, indexer.timeZone, "observationEnd")) + 1) - 1
        : toEpochMs(fn, o.observationEnd, "observationEnd");
  if (last > endMs) {
    const i = times.findIndex((t) => t > endMs);
    fail(fn, "OUT_OF_RANGE", `expected transactions on or before observationEnd at index ${i}`, i);
  }
  const periodOf = (ms: number): number => indexer.indexOf(ms);
  const endIndex = periodOf(endMs);
  // Every cohort gets one slot per age up to endIndex: bound the span from the first transaction's
  // period to endIndex before allocating, naming the row of a far-off date.
  const x = periodExtremes();
  const periods = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = periodOf(times[i]!);
    periods[i] = k;
    // the first instants of the Date range (-8.64e15 ms, year −271821) have no period start
    if (k !== k) fail(fn, "INVALID_DATE", `expected a date whose ${period} starts within the Date range at row ${i}, got ${new Date(times[i]!).toISOString()}`, i);
    seePeriod(x, k, times[i]!, i);
  }
  const ends = spanEnds(x);
  const lastEnd: SpanEnd = o.observationEnd === undefined ? ends.last : { period: endIndex, ms: endMs, what: "observationEnd" };
  const far = o.observationEnd === undefined ? ends.far : (Number.isFinite(x.lo2) ? x.lo2 - x.lo : 0) > endIndex - x.hi ? "first" : "last";
  checkPeriodSpan(fn, indexer, ends.first, lastEnd, maxPeriods, far);
  const cohortOf = new Map<number, { index: number; customers: number; value: number[] }>();
  const customerCohort: { index: number; customers: number; value: number[] }[] = [];
  for (let c = 0; c < first.length; c++) {
    const k = periodOf(first[c]!);
    let cohort = cohortOf.get(k);
    if (cohort === undefined) {
      cohort = { index: k, customers: 0, value: new Array(endIndex - k + 1).fill(0) };
      cohortOf.set(k, cohort);
    }
    cohort.customers++;
    customerCohort[c] = cohort;
  }
  // sums of values per customer (each value divided by the cohort size as it is added, so that two
  // customers' 1e308 make a finite mean); a mean or cumulative value beyond 1.8e308 is refused
  for (let i = 0; i < n; i++) {
    const cohort = customerCohort[cust[i]!]!;
    cohort.value[periods[i]! - cohort.index]! += values[i]! / cohort.customers;
  }
  const cohorts = [...cohortOf.values()]
    .sort((x, y) => x.index - y.index)
    .map((c) => {
      const value = c.value.map((v, k) => v / Math.pow(1 + d, k));
      let sum = 0;
      const cumulative = value.map((v) => (sum += v));
      if (!Number.isFinite(sum)) fail(fn, "NON_FINITE", `the value per customer of cohort ${indexer.labelOf(c.index)} does not fit in a double`);
      return { cohort: indexer.labelOf(c.index), customers: c.customers, value, cumulative };
    });
  return { cohortPeriod: period, timeZone: indexer.timeZone, discountRate: d, observationEnd: new Date(endMs).toISOString(), cohorts };
}
