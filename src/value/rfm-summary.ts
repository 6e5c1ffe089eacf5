import { fail } from "../core/errors";
import { describe, readChoice, readOptions } from "../core/input";
import { DAY_MS, type DateInput, toEpochMs } from "../core/time";

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
  /** Transactions read. */
  transactions: number;
  /** Customers whose first purchase falls in the holdout period: not in the summary. */
  excludedCustomers: number;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
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
 * in the holdout period are left out (counted in `excludedCustomers`).
 *
 * Method: one pass to read and check the rows into typed arrays, one sort of (customer, day) keys
 * to count distinct days: O(n log n) time, about 25 bytes per transaction of working memory; the
 * result costs about 50 bytes per customer plus the id list.
 *
 * @param transactions - The transaction rows.
 * @param options - Accessors, period ends and time unit.
 * @returns The {@link RfmSummary}.
 * @throws {@link CxMetricsError} `INVALID_DATE` (unreadable date), `OUT_OF_RANGE` (a transaction
 * after `observationEnd`, a negative value, `observationEnd` before `calibrationEnd`),
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
 * @category Value
 */
export function rfmSummary<T>(transactions: ArrayLike<T>, options: RfmOptions<T>): RfmSummary {
  const fn = "rfmSummary";
  if (transactions === null || typeof transactions !== "object" || typeof transactions.length !== "number") {
    fail(fn, "INVALID_INPUT", `expected an array of transactions, got ${describe(transactions)}`);
  }
  const o = readOptions<RfmOptions<T>>(fn, options);
  if (typeof o.customerId !== "function" || typeof o.date !== "function" || (o.value !== undefined && typeof o.value !== "function")) {
    fail(fn, "INVALID_OPTION", "expected customerId and date accessors (and optionally value) as functions");
  }
  const timeUnit = readChoice(fn, "timeUnit", o.timeUnit, ["day", "week", "month"], "week");
  if (o.timeUnit === undefined) fail(fn, "INVALID_OPTION", 'expected timeUnit ("day", "week" or "month")');
  const calEnd = Math.floor(toEpochMs(fn, o.calibrationEnd, "calibrationEnd") / DAY_MS);
  const obsEnd = o.observationEnd === undefined ? calEnd : Math.floor(toEpochMs(fn, o.observationEnd, "observationEnd") / DAY_MS);
  if (obsEnd < calEnd) fail(fn, "OUT_OF_RANGE", `expected observationEnd (${isoDay(obsEnd)}) on or after calibrationEnd (${isoDay(calEnd)})`);

  const n = transactions.length;
  const cust = new Int32Array(n);
  const day = new Int32Array(n);
  const value = new Float64Array(n);
  const index = new Map<string | number, number>();
  const ids: (string | number)[] = [];
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const row = transactions[i]!;
    const id = o.customerId(row, i);
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      fail(fn, "INVALID_INPUT", `expected a customer id (string or finite number) at index ${i}, got ${describe(id)}`, i);
    }
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      index.set(id, c);
      ids.push(id);
    }
    cust[i] = c;
    const d = Math.floor(toEpochMs(fn, o.date(row, i), "a transaction date", i) / DAY_MS);
    if (d > obsEnd) {
      fail(fn, "OUT_OF_RANGE", `expected transactions on or before ${isoDay(obsEnd)} (the observation end) at index ${i}, got ${isoDay(d)}`, i);
    }
    day[i] = d;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    if (o.value !== undefined) {
      const v = o.value(row, i);
      if (typeof v !== "number") fail(fn, "INVALID_SCORE", `expected a numeric value at index ${i}, got ${describe(v)}`, i);
      if (!Number.isFinite(v)) fail(fn, "NON_FINITE", `expected a finite value at index ${i}, got ${v}`, i);
      if (v < 0) fail(fn, "OUT_OF_RANGE", `expected a value >= 0 at index ${i}, got ${v}`, i);
      value[i] = v;
    }
  }
  const k = ids.length;
  const first = new Int32Array(k).fill(2 ** 31 - 1);
  for (let i = 0; i < n; i++) if (day[i]! < first[cust[i]!]!) first[cust[i]!] = day[i]!;
  // value sums: repeat days of the calibration period (the first day excluded), the holdout
  const repeatTotal = new Float64Array(k);
  const holdTotal = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = cust[i]!;
    const d = day[i]!;
    if (d > calEnd) holdTotal[c]! += value[i]!;
    else if (d !== first[c]) repeatTotal[c]! += value[i]!;
  }
  // distinct (customer, day) pairs by sorting combined keys (exact in doubles: < 2^53)
  const span = n === 0 ? 1 : maxDay - minDay + 1;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = cust[i]! * span + (day[i]! - minDay);
  keys.sort();
  const calDays = new Float64Array(k);
  const holdDays = new Float64Array(k);
  const lastCal = new Int32Array(k);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key === previous) continue;
    previous = key;
    const c = Math.floor(key / span);
    const d = key - c * span + minDay;
    if (d <= calEnd) {
      calDays[c]!++;
      lastCal[c] = d;
    } else holdDays[c]!++;
  }
  // keep the customers whose first purchase is in the calibration period
  let kept = 0;
  for (let c = 0; c < k; c++) if (first[c]! <= calEnd) kept++;
  if (kept === 0) fail(fn, "EMPTY_INPUT", `expected at least one customer with a purchase on or before ${isoDay(calEnd)}, got none`);
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
    transactions: n,
    excludedCustomers: k - kept,
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
