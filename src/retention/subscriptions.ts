import { fail } from "../core/errors";
import { describe, rowAt } from "../core/input";
import { instantIn } from "../core/period";
import { type FieldOrAccessor, readFieldOrAccessor } from "../core/read-field";
import { customerIndex, readAmount } from "../core/records";
import { argsort } from "../core/sort";
import { type DateInput, readTimeZone } from "../core/time";

/**
 * How to read subscription rows: each of `customerId`, `start`, `end` and `mrr` is the name of a
 * row field (`"start"`) or an accessor (`(row, index) => row.start`). A field name must exist on
 * every row (a misspelt `end` would otherwise read as "still active"); a `null` value is fine.
 * @category Retention
 */
export interface SubscriptionAccessors<T> {
  /** The customer (string or finite number). */
  customerId: FieldOrAccessor<T, string | number>;
  /** Start of the subscription (inclusive). A date `YYYY-MM-DD` is local midnight in `timeZone`. */
  start: FieldOrAccessor<T, DateInput>;
  /** End (exclusive: active up to, not at, this instant); `null`/`undefined` while active. */
  end?: FieldOrAccessor<T, DateInput | null | undefined>;
  /** Recurring revenue of the subscription while active (finite, ≥ 0); for the revenue views. */
  mrr?: FieldOrAccessor<T, number>;
  /** IANA time zone for date-only values and periods; default "UTC". */
  timeZone?: string;
}

/**
 * Per-customer activity intervals after merging a customer's overlapping or touching
 * subscriptions. Internal.
 * @internal
 */
export interface Activity {
  timeZone: string;
  ids: (string | number)[];
  /** Interval k: customer cust[k], active on [start[k], end[k]) (end Infinity while active); grouped by customer, ascending. */
  cust: Int32Array;
  start: Float64Array;
  end: Float64Array;
  /** First interval of each customer: offset into the interval arrays, and count. */
  offset: Int32Array;
  count: Int32Array;
  /** Subscriptions read, and overlaps merged. */
  rows: number;
  merged: number;
  /** The subscriptions themselves, unmerged: customer, start, end (Infinity while active), MRR (0 without an accessor). */
  raw: { cust: Int32Array; start: Float64Array; end: Float64Array; mrr: Float64Array };
}

/**
 * Read subscription rows into merged per-customer activity intervals.
 *
 * A customer's subscriptions that overlap or touch (a renewal starting the instant the previous one
 * ends) are merged into one interval of activity, counted in `merged`: a customer cannot churn while
 * another of their subscriptions is running.
 * @internal
 * @example
 * ```ts
 * readActivity("churn", [{ c: 1, s: "2024-01-01", e: "2024-02-01" }, { c: 1, s: "2024-02-01", e: null }], { customerId: (r) => r.c, start: (r) => r.s, end: (r) => r.e }).merged; //=> 1
 * readActivity("churn", [{ c: 1, s: "2024-01-01", e: null }], { customerId: "c", start: "s", end: "e" }).ids; //=> [1]
 * ```
 */
export function readActivity<T>(fn: string, rows: ArrayLike<T>, o: SubscriptionAccessors<T>): Activity {
  if (rows === null || typeof rows !== "object" || typeof rows.length !== "number") {
    fail(fn, "INVALID_INPUT", `expected an array of subscription rows, got ${describe(rows)}`);
  }
  if (o.customerId === undefined || o.start === undefined) {
    fail(fn, "INVALID_OPTION", "expected customerId and start (and optionally end and mrr), each a row field name or an accessor (row, index) => value");
  }
  const customerId = readFieldOrAccessor<T, unknown>(fn, "customerId", o.customerId);
  const startOf = readFieldOrAccessor<T, unknown>(fn, "start", o.start);
  const endOf = o.end === undefined ? undefined : readFieldOrAccessor<T, unknown>(fn, "end", o.end);
  const mrrOf = o.mrr === undefined ? undefined : readFieldOrAccessor<T, unknown>(fn, "mrr", o.mrr);
  const timeZone = readTimeZone(fn, o.timeZone);
  const n = rows.length;
  const cust = new Int32Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const mrr = new Float64Array(n);
  const customers = customerIndex();
  const ids = customers.ids;
  for (let i = 0; i < n; i++) {
    const row = rowAt(fn, rows, i);
    cust[i] = customers.indexOf(fn, customerId(row, i), i);
    start[i] = instantIn(fn, startOf(row, i), timeZone, "a start date", i);
    const e = endOf === undefined ? undefined : endOf(row, i);
    end[i] = e === null || e === undefined ? Infinity : instantIn(fn, e, timeZone, "an end date", i);
    if (!(end[i]! > start[i]!)) {
      fail(fn, "OUT_OF_RANGE", `expected the end after the start at index ${i}, got start ${new Date(start[i]!).toISOString()} and end ${new Date(end[i]!).toISOString()}`, i);
    }
    if (mrrOf !== undefined) mrr[i] = readAmount(fn, "MRR", mrrOf(row, i), i);
  }
  // group by customer (a stable counting sort of the start-sorted rows)
  const byStart = argsort(start);
  const k = ids.length;
  const offset = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) offset[cust[i]! + 1]!++;
  for (let c = 0; c < k; c++) offset[c + 1]! += offset[c]!;
  const pos = offset.slice(0, k);
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = byStart[j]!;
    order[pos[cust[i]!]!++] = i;
  }
  // merge overlapping or touching intervals per customer
  const oc: number[] = [];
  const os: number[] = [];
  const oe: number[] = [];
  const firstOf = new Int32Array(k);
  const countOf = new Int32Array(k);
  let merged = 0;
  for (let c = 0; c < k; c++) {
    firstOf[c] = oc.length;
    let s = NaN;
    let e = NaN;
    for (let j = offset[c]!; j < offset[c + 1]!; j++) {
      const i = order[j]!;
      if (j === offset[c]) {
        s = start[i]!;
        e = end[i]!;
      } else if (start[i]! <= e) {
        merged++;
        if (end[i]! > e) e = end[i]!;
      } else {
        oc.push(c);
        os.push(s);
        oe.push(e);
        s = start[i]!;
        e = end[i]!;
      }
    }
    oc.push(c);
    os.push(s);
    oe.push(e);
    countOf[c] = oc.length - firstOf[c]!;
  }
  return {
    timeZone,
    ids,
    cust: Int32Array.from(oc),
    start: Float64Array.from(os),
    end: Float64Array.from(oe),
    offset: firstOf,
    count: countOf,
    rows: n,
    merged,
    raw: { cust, start, end, mrr },
  };
}
