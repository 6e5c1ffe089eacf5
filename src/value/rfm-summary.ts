import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions, rowAt } from "../core/input";
import { customerIndex, readAmount } from "../core/records";
import { DAY_MS, type DateInput, toEpochMs } from "../core/time";

const RFM_OPTIONS_KEYS = /* @__PURE__ */ keysOf<RfmOptions<any>>()("customerId", "date", "value", "calibrationEnd", "observationEnd", "timeUnit", "afterObservationEnd");

/**
 * Time unit of an RFM summary and of the models fitted to it: a day, a week (7 days), or a month
 * (365.25/12 = 30.4375 days).
 * @category Value
 */
export type TimeUnit = "day" | "week" | "month";

/**
 * Length of a {@link TimeUnit} in days.
 * @internal
 * @example
 * ```ts
 * unitDays("week"); //=> 7
 * ```
 */
export function unitDays(unit: TimeUnit): number {
  return unit === "day" ? 1 : unit === "week" ? 7 : 365.25 / 12;
}

/**
 * Options of {@link rfmSummary}.
 * @category Value
 */
export interface RfmOptions<T> {
  /** The customer of a transaction: a string or a finite number. */
  customerId: (row: T, index: number) => string | number;
  /** When the transaction happened (UTC calendar days are used). */
  date: (row: T, index: number) => DateInput;
  /** The transaction's value (finite, ≥ 0); without it monetary values are 0. */
  value?: (row: T, index: number) => number;
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: DateInput;
  /** Last day of the observation (holdout) period, inclusive; default `calibrationEnd`. */
  observationEnd?: DateInput;
  /** Unit of recency and T. */
  timeUnit: TimeUnit;
  /**
   * What to do with a transaction dated after `observationEnd` (after `calibrationEnd` without
   * one): `"error"` (default) refuses it with `OUT_OF_RANGE`; `"drop"` leaves it out and counts it
   * in the summary's `droppedAfterObservationEnd` (its date must still be a valid date; its
   * customer id and value are not read). Useful for a fixed cut of an export that keeps growing.
   */
  afterObservationEnd?: "drop" | "error";
}

/**
 * Per-customer recency–frequency–monetary summary, column-wise in typed arrays.
 * @category Value
 */
export interface RfmSummary {
  kind: "rfm";
  timeUnit: TimeUnit;
  /** Calibration end and observation end as ISO dates (`YYYY-MM-DD`). */
  calibrationEnd: string;
  observationEnd: string;
  /** Customer ids, in order of first appearance. */
  ids: (string | number)[];
  /** x: repeat purchases in the calibration period (distinct purchase days − 1). */
  frequency: Float64Array;
  /** t_x: time from the first to the last purchase in the calibration period. */
  recency: Float64Array;
  /** T: time from the first purchase to the end of the calibration period. */
  T: Float64Array;
  /** Mean value of the repeat purchases (the first purchase excluded); 0 when x = 0. */
  monetaryValue: Float64Array;
  /** Distinct purchase days in the holdout period (after calibrationEnd, up to observationEnd). */
  holdoutFrequency: Float64Array;
  /** Mean value per holdout purchase day; 0 when there is none. */
  holdoutMonetaryValue: Float64Array;
  /** Length of the holdout period in the time unit (0 without one). */
  holdoutLength: number;
  /** Customers in the summary (first purchase on or before calibrationEnd). */
  customers: number;
  /** Customers with at least one repeat purchase (x > 0). */
  repeatCustomers: number;
  /** Transactions read (including any dropped ones). */
  transactions: number;
  /**
   * Transactions dated after the observation end that were left out under
   * `afterObservationEnd: "drop"` (0 otherwise; absent from summaries built elsewhere, as from SQL).
   */
  droppedAfterObservationEnd?: number;
  /** Customers whose first purchase falls in the holdout period: not in the summary. */
  excludedCustomers: number;
}

/** Epoch milliseconds of a date, refusing numbers beyond the range of JavaScript dates (±8.64e15 ms). */
function epochMs(fn: string, v: unknown, what: string, index?: number): number {
  const ms = toEpochMs(fn, v, what, index);
  if (!(Math.abs(ms) <= 8.64e15)) {
    fail(fn, "INVALID_DATE", `expected ${what}${index === undefined ? "" : ` at index ${index}`} within the range of dates (±8.64e15 ms, years −271821 to 275760), got ${describe(v)}`, index);
  }
  return ms;
}

function isoDay(day: number): string {
  const iso = new Date(day * DAY_MS).toISOString();
  return iso.slice(0, iso.indexOf("T")); // "+275760-09-13" for the extended years, not "+275760-09"
}

/**
 * The UTC calendar day of a date as an ISO date (`YYYY-MM-DD`), as {@link rfmSummary} reads its
 * period ends.
 * @internal
 * @example
 * ```ts
 * isoDayOf("f", "1997-09-30T18:00:00Z", "calibrationEnd"); //=> "1997-09-30"
 * ```
 */
export function isoDayOf(fn: string, v: unknown, what: string): string {
  return isoDay(Math.floor(epochMs(fn, v, what) / DAY_MS));
}

/**
 * Reduce transactions to the per-customer summary that the BG/NBD and Gamma-Gamma models use.
 *
 * Definitions (Fader, Hardie & Lee 2005; as the Python package lifetimes computes them): purchases
 * of a customer on the same (UTC) day are one transaction with their values summed; frequency
 * x = distinct purchase days in the calibration period − 1 (repeat purchases); recency t_x = days
 * from the first to the last of them; T = days from the first purchase to `calibrationEnd`; both
 * divided by the length of the time unit. Monetary value = mean of the repeat purchase days'
 * totals. With `observationEnd` after `calibrationEnd`, the holdout columns count the distinct
 * purchase days after the calibration end and their mean value. Customers whose first purchase is
 * in the holdout period are left out (counted in `excludedCustomers`). Transactions after
 * `observationEnd` are an error by default; with `afterObservationEnd: "drop"` they are left out
 * and counted in `droppedAfterObservationEnd`.
 *
 * Method: one pass to read and check the rows into typed arrays, a counting sort of the days by
 * customer and a sort of each customer's days to count distinct ones: O(n) time for customers with
 * few purchases, about 24 bytes per transaction of working memory; the result costs about 50 bytes
 * per customer plus the id list. ISO date strings are parsed once per distinct string.
 *
 * @param transactions - The transaction rows.
 * @param options - Accessors, period ends and time unit.
 * @returns The {@link RfmSummary}.
 * @throws {@link CxMetricsError} `INVALID_DATE` (unreadable date, or epoch milliseconds beyond
 * ±8.64e15, the range of dates), `OUT_OF_RANGE` (a transaction
 * after `observationEnd` unless `afterObservationEnd: "drop"`, a negative value, `observationEnd` before `calibrationEnd`),
 * `NON_FINITE` (value), `INVALID_INPUT` (an id that is not a string or finite number; not an
 * array), `INVALID_OPTION`, `EMPTY_INPUT` (no customer in the calibration period).
 * @example
 * ```ts
 * import { rfmSummary } from "cx-metrics";
 * const s = rfmSummary(
 *   [
 *     { id: "a", day: "2024-01-01", amount: 10 },
 *     { id: "a", day: "2024-01-15", amount: 30 },
 *     { id: "b", day: "2024-01-08", amount: 5 },
 *   ],
 *   { customerId: (t) => t.id, date: (t) => t.day, value: (t) => t.amount, calibrationEnd: "2024-01-29", timeUnit: "week" },
 * );
 * s.frequency; //=> Float64Array [1, 0]
 * s.recency;   //=> Float64Array [2, 0]
 * s.T;         //=> Float64Array [4, 3]
 * s.monetaryValue; //=> Float64Array [30, 0]
 * ```
 * @example
 * ```ts
 * import { rfmSummary } from "cx-metrics";
 * const rows = [{ id: "a", day: "2024-01-01" }, { id: "a", day: "2024-01-15" }, { id: "b", day: "2024-02-20" }];
 * const s = rfmSummary(rows, { customerId: (t) => t.id, date: (t) => t.day, calibrationEnd: "2024-01-29", timeUnit: "week", afterObservationEnd: "drop" });
 * [s.customers, s.transactions, s.droppedAfterObservationEnd]; //=> [1, 3, 1]
 * ```
 * @category Value
 */
export function rfmSummary<T>(transactions: ArrayLike<T>, options: RfmOptions<T>): RfmSummary {
  return summarizeTransactions("rfmSummary", transactions, options, false);
}

/**
 * The work of {@link rfmSummary}, naming `fn` in its errors; with `allowEmpty`, a calibration period
 * without customers gives a summary of 0 customers instead of `EMPTY_INPUT` (a shard of a
 * histogram may hold no customer).
 * @internal
 * @example
 * ```ts
 * summarizeTransactions("f", [], { customerId: (t) => t.id, date: (t) => t.day, calibrationEnd: "2024-01-29", timeUnit: "week" }, true).customers; //=> 0
 * ```
 */
export function summarizeTransactions<T>(fn: string, transactions: ArrayLike<T>, options: RfmOptions<T>, allowEmpty: boolean): RfmSummary {
  if (transactions === null || typeof transactions !== "object" || !Number.isSafeInteger(transactions.length) || transactions.length < 0) {
    fail(fn, "INVALID_INPUT", `expected an array of transactions, got ${describe(transactions)}`);
  }
  const o = readOptions<RfmOptions<T>>(fn, options, RFM_OPTIONS_KEYS);
  if (typeof o.customerId !== "function" || typeof o.date !== "function" || (o.value !== undefined && typeof o.value !== "function")) {
    fail(fn, "INVALID_OPTION", "expected customerId and date accessors (and optionally value) as functions");
  }
  const timeUnit = readChoice(fn, "timeUnit", o.timeUnit, ["day", "week", "month"], "week");
  if (o.timeUnit === undefined) fail(fn, "INVALID_OPTION", 'expected timeUnit ("day", "week" or "month")');
  const calEnd = Math.floor(epochMs(fn, o.calibrationEnd, "calibrationEnd") / DAY_MS);
  const obsEnd = o.observationEnd === undefined ? calEnd : Math.floor(epochMs(fn, o.observationEnd, "observationEnd") / DAY_MS);
  if (obsEnd < calEnd) fail(fn, "OUT_OF_RANGE", `expected observationEnd (${isoDay(obsEnd)}) on or after calibrationEnd (${isoDay(calEnd)})`);
  const drop = readChoice(fn, "afterObservationEnd", o.afterObservationEnd, ["error", "drop"], "error") === "drop";

  const read = transactions.length;
  let n = 0; // transactions kept
  const cust = new Int32Array(read);
  const day = new Int32Array(read);
  const value = new Float64Array(read);
  const customers = customerIndex();
  const ids = customers.ids;
  // ISO strings repeat (one per day): parse each distinct string once, up to 100,000 of them
  const parsed = new Map<string, number>();
  for (let i = 0; i < read; i++) {
    const row = rowAt(fn, transactions, i);
    const raw = o.date(row, i);
    let ms: number | undefined;
    if (typeof raw === "string") {
      ms = parsed.get(raw);
      if (ms === undefined) {
        ms = epochMs(fn, raw, "a transaction date", i);
        if (parsed.size < 100_000) parsed.set(raw, ms);
      }
    } else ms = epochMs(fn, raw, "a transaction date", i);
    const d = Math.floor(ms / DAY_MS);
    if (d > obsEnd) {
      if (drop) continue;
      fail(
        fn,
        "OUT_OF_RANGE",
        `expected transactions on or before ${isoDay(obsEnd)} (the observation end) at index ${i}, got ${isoDay(d)}; pass afterObservationEnd: "drop" to leave such transactions out and count them`,
        i,
      );
    }
    cust[n] = customers.indexOf(fn, o.customerId(row, i), i);
    day[n] = d;
    if (o.value !== undefined) {
      value[n] = readAmount(fn, "value", o.value(row, i), i);
    }
    n++;
  }
  const k = ids.length;
  // A counting sort of the transactions by customer (O(n)): each customer's days and values end up
  // in one segment. Per segment: the first day, the value sums, then a sort of the few days
  // (insertion sort for short runs) to count distinct days.
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) start[cust[i]! + 1]!++;
  for (let c = 0; c < k; c++) start[c + 1]! += start[c]!;
  const pos = start.slice(0, k);
  const days = new Int32Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = pos[cust[i]!]!++;
    days[at] = day[i]!;
    values[at] = value[i]!;
  }
  const first = new Int32Array(k);
  const repeatTotal = new Float64Array(k); // calibration days other than the first
  const holdTotal = new Float64Array(k);
  const calDays = new Float64Array(k);
  const holdDays = new Float64Array(k);
  const lastCal = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const lo = start[c]!;
    const hi = start[c + 1]!;
    let f = days[lo]!;
    for (let i = lo + 1; i < hi; i++) if (days[i]! < f) f = days[i]!;
    first[c] = f;
    let rep = 0;
    let hold = 0;
    for (let i = lo; i < hi; i++) {
      const d = days[i]!;
      if (d > calEnd) hold += values[i]!;
      else if (d !== f) rep += values[i]!;
    }
    repeatTotal[c] = rep;
    holdTotal[c] = hold;
    if (hi - lo > 24) days.subarray(lo, hi).sort();
    else {
      for (let i = lo + 1; i < hi; i++) {
        const v = days[i]!;
        let j = i - 1;
        while (j >= lo && days[j]! > v) {
          days[j + 1] = days[j]!;
          j--;
        }
        days[j + 1] = v;
      }
    }
    let previous = -(2 ** 31);
    for (let i = lo; i < hi; i++) {
      const d = days[i]!;
      if (d === previous) continue;
      previous = d;
      if (d <= calEnd) {
        calDays[c]!++;
        lastCal[c] = d;
      } else holdDays[c]!++;
    }
  }
  // keep the customers whose first purchase is in the calibration period
  let kept = 0;
  for (let c = 0; c < k; c++) if (first[c]! <= calEnd) kept++;
  if (kept === 0 && !allowEmpty) fail(fn, "EMPTY_INPUT", `expected at least one customer with a purchase on or before ${isoDay(calEnd)}, got none`);
  const unit = unitDays(timeUnit);
  const out: RfmSummary = {
    kind: "rfm",
    timeUnit,
    calibrationEnd: isoDay(calEnd),
    observationEnd: isoDay(obsEnd),
    ids: new Array(kept),
    frequency: new Float64Array(kept),
    recency: new Float64Array(kept),
    T: new Float64Array(kept),
    monetaryValue: new Float64Array(kept),
    holdoutFrequency: new Float64Array(kept),
    holdoutMonetaryValue: new Float64Array(kept),
    holdoutLength: (obsEnd - calEnd) / unit,
    customers: kept,
    repeatCustomers: 0,
    transactions: read,
    excludedCustomers: k - kept,
    droppedAfterObservationEnd: read - n,
  };
  let j = 0;
  for (let c = 0; c < k; c++) {
    if (first[c]! > calEnd) continue;
    const x = calDays[c]! - 1;
    out.ids[j] = ids[c]!;
    out.frequency[j] = x;
    out.recency[j] = (lastCal[c]! - first[c]!) / unit;
    out.T[j] = (calEnd - first[c]!) / unit;
    out.monetaryValue[j] = x > 0 ? repeatTotal[c]! / x : 0;
    out.holdoutFrequency[j] = holdDays[c]!;
    out.holdoutMonetaryValue[j] = holdDays[c]! > 0 ? holdTotal[c]! / holdDays[c]! : 0;
    if (x > 0) out.repeatCustomers++;
    j++;
  }
  return out;
}
