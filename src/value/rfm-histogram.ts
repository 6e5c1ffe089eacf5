import { fail } from "../core/errors";
import { describe } from "../core/input";
import { checkKind, defineSummaryKind, type SummaryKind } from "../core/summary";
import type { DateInput } from "../core/time";
import { isoDayOf, type RfmOptions, type RfmSummary, summarizeTransactions, type TimeUnit } from "./rfm-summary";

const UNITS: readonly string[] = ["day", "week", "month"];

/**
 * The spend part of an {@link RfmHistogram}: the distinct (x, m̄) pairs of the customers with at
 * least one repeat purchase (x ≥ 1), sorted by x then m̄, each with the number of customers.
 * @category Value
 */
export interface RfmSpendHistogram {
  /** x ≥ 1: repeat purchases. */
  frequency: number[];
  /** m̄ ≥ 0: mean value of the repeat purchases (0 when the data carried no values). */
  monetaryValue: number[];
  /** Customers with this (x, m̄), whole numbers ≥ 1. */
  count: number[];
}

/**
 * A mergeable histogram of a customer base: the distinct (x, t_x, T) triples with the number of
 * customers of each, and the distinct (x, m̄) pairs of the repeat buyers. Plain JSON; the BG/NBD
 * and Gamma-Gamma likelihoods depend on the customers only through it, so {@link fitBgNbd} and
 * {@link fitGammaGamma} fit from it exactly. See {@link rfmHistogram}.
 * @category Value
 */
export interface RfmHistogram {
  kind: "rfm-histogram";
  /** Unit of t_x and T; `null` when the data did not say (plain columns). */
  timeUnit: TimeUnit | null;
  /** Last day of the calibration period (`YYYY-MM-DD`), which T counts to; `null` when unknown. */
  calibrationEnd: string | null;
  /** x: repeat purchases, whole numbers ≥ 0. The four columns are sorted by (x, t_x, T), without repeats. */
  frequency: number[];
  /** t_x: recency, 0 ≤ t_x ≤ T (0 when x = 0). */
  recency: number[];
  /** T: age at the end of the calibration period (> 0 when x ≥ 1). */
  T: number[];
  /** Customers with this (x, t_x, T), whole numbers ≥ 1. */
  count: number[];
  /** (x, m̄) pairs of the repeat buyers: for each x ≥ 1 they count the same customers as the triples. */
  spend: RfmSpendHistogram;
}

/**
 * Parameters of an empty {@link RfmHistogram} (the identity of {@link mergeRfmHistograms}): the
 * time unit and calibration end the histograms it merges with carry. Both default to `null`.
 * @category Value
 */
export interface RfmHistogramParams {
  timeUnit?: TimeUnit | null;
  /** Read as {@link rfmSummary} reads it (UTC calendar day) and kept as `YYYY-MM-DD`. */
  calibrationEnd?: DateInput | null;
}

/**
 * The per-customer columns {@link rfmHistogram} reads: an {@link RfmSummary}, or any
 * {@link BgNbdData} with an optional `monetaryValue` column (missing: every m̄ is 0) and optional
 * `calibrationEnd`.
 * @category Value
 */
export interface RfmHistogramColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetaryValue?: ArrayLike<number>;
  timeUnit?: TimeUnit;
  calibrationEnd?: string;
}

/**
 * A histogram as weighted rows: one row per distinct (x, t_x, T) with its count as the weight (the
 * form {@link fitBgNbd} and {@link bgNbdLogLikelihood} read, `weights` included), and `spend`, one
 * row per distinct (x, m̄) with its count as the weight (the form {@link fitGammaGamma} reads).
 * @category Value
 */
export interface RfmHistogramData {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weights: Float64Array;
  timeUnit?: TimeUnit;
  spend: { frequency: Float64Array; monetaryValue: Float64Array; weights: Float64Array };
}

/**
 * Sort the rows (x, t_x, T) and (x ≥ 1, m̄) and count repeats into a histogram. `count`/`spendCount`
 * undefined: every row counts one customer. Spend rows with x = 0 are skipped (a customer without
 * repeat purchases has no m̄).
 */
function build(
  timeUnit: TimeUnit | null,
  calibrationEnd: string | null,
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  count: ArrayLike<number> | undefined,
  sx: ArrayLike<number>,
  sm: ArrayLike<number>,
  spendCount: ArrayLike<number> | undefined,
): RfmHistogram {
  const h: RfmHistogram = {
    kind: "rfm-histogram",
    timeUnit,
    calibrationEnd,
    frequency: [],
    recency: [],
    T: [],
    count: [],
    spend: { frequency: [], monetaryValue: [], count: [] },
  };
  const order = new Uint32Array(x.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  sortUnlessSorted(order, (i, j) => x[i]! - x[j]! || tx[i]! - tx[j]! || T[i]! - T[j]!);
  let last = -1;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const c = count === undefined ? 1 : count[i]!;
    if (c === 0) continue;
    if (last >= 0 && h.frequency[last] === x[i] && h.recency[last] === tx[i] && h.T[last] === T[i]) h.count[last]! += c;
    else {
      // + 0 turns −0 into 0, which JSON keeps
      h.frequency.push(x[i]!);
      h.recency.push(tx[i]! + 0);
      h.T.push(T[i]! + 0);
      h.count.push(c);
      last++;
    }
  }
  let m = 0;
  const spend = new Uint32Array(sx.length);
  for (let i = 0; i < sx.length; i++) if (sx[i]! >= 1 && (spendCount === undefined || spendCount[i]! > 0)) spend[m++] = i;
  const sorted = sortUnlessSorted(spend.subarray(0, m), (i, j) => sx[i]! - sx[j]! || sm[i]! - sm[j]!);
  const s = h.spend;
  last = -1;
  for (let k = 0; k < m; k++) {
    const i = sorted[k]!;
    const c = spendCount === undefined ? 1 : spendCount[i]!;
    if (last >= 0 && s.frequency[last] === sx[i] && s.monetaryValue[last] === sm[i]) s.count[last]! += c;
    else {
      s.frequency.push(sx[i]!);
      s.monetaryValue.push(sm[i]! + 0);
      s.count.push(c);
      last++;
    }
  }
  return h;
}

/**
 * Sort row indices by `compare`, after one pass to skip the sort of rows already in order (a
 * canonical histogram being checked). The sort is a merge sort of runs (V8's TimSort), so the
 * concatenated entries of k sorted histograms merge in O(n log k) comparisons.
 */
function sortUnlessSorted(order: Uint32Array, compare: (i: number, j: number) => number): Uint32Array {
  for (let k = 1; k < order.length; k++) if (compare(order[k - 1]!, order[k]!) > 0) return order.sort(compare);
  return order;
}

/** Check one customer's (x, t_x, T) and m̄ of the columns form, naming its index. */
function checkRow(fn: string, x: unknown, tx: unknown, T: unknown, m: unknown, i: number): void {
  if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 0) fail(fn, "NOT_INTEGER", `expected frequency to be a whole number >= 0 at index ${i}, got ${describe(x)}`, i);
  if (typeof tx !== "number" || typeof T !== "number" || !Number.isFinite(tx) || !Number.isFinite(T)) {
    fail(fn, "NON_FINITE", `expected finite recency and T at index ${i}, got recency ${describe(tx)}, T ${describe(T)}`, i);
  }
  if (tx < 0 || T < tx || (x > 0 && T <= 0)) fail(fn, "OUT_OF_RANGE", `expected 0 <= recency <= T (T > 0 after a repeat purchase) at index ${i}, got recency ${tx}, T ${T}`, i);
  if (x === 0 && tx !== 0) fail(fn, "OUT_OF_RANGE", `expected recency 0 for a customer without repeat purchases at index ${i}, got ${tx}`, i);
  if (typeof m !== "number" || !Number.isFinite(m)) fail(fn, "NON_FINITE", `expected a finite monetary value at index ${i}, got ${describe(m)}`, i);
  if (m < 0) fail(fn, "OUT_OF_RANGE", `expected a monetary value >= 0 at index ${i}, got ${m}`, i);
}

function readUnit(fn: string, v: unknown, code: "INVALID_OPTION" | "INVALID_INPUT" | "INVALID_SUMMARY", what: string, index?: number): TimeUnit | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string" || !UNITS.includes(v)) fail(fn, code, `expected ${what} to be "day", "week", "month" or null, got ${describe(v)}`, index);
  return v as TimeUnit;
}

/** The histogram of per-customer columns (an RfmSummary or BgNbdData-like columns). */
function fromColumns(fn: string, data: RfmHistogramColumns): RfmHistogram {
  for (const col of ["frequency", "recency", "T"] as const) {
    const v = (data as unknown as Record<string, unknown>)[col];
    if (v === null || typeof v !== "object" || !Number.isSafeInteger((v as ArrayLike<unknown>).length)) {
      fail(fn, "INVALID_INPUT", `expected an RFM summary with a ${col} column, got ${describe(v)}`);
    }
  }
  const { frequency, recency, T } = data;
  const n = frequency.length;
  const mv = data.monetaryValue;
  if (mv !== undefined && (mv === null || typeof mv !== "object" || typeof mv.length !== "number")) {
    fail(fn, "INVALID_INPUT", `expected the monetaryValue column to be an array of numbers, got ${describe(mv)}`);
  }
  if (recency.length !== n || T.length !== n || (mv !== undefined && mv.length !== n)) {
    fail(fn, "LENGTH_MISMATCH", `expected columns of equal length ${n}, got recency ${recency.length}, T ${T.length}${mv === undefined ? "" : `, monetaryValue ${mv.length}`}`);
  }
  const m = mv ?? new Float64Array(n);
  for (let i = 0; i < n; i++) checkRow(fn, frequency[i], recency[i], T[i], m[i], i);
  const unit = readUnit(fn, data.timeUnit, "INVALID_INPUT", "the summary's timeUnit");
  const end = data.calibrationEnd === undefined || data.calibrationEnd === null ? null : isoDayOf(fn, data.calibrationEnd, "the summary's calibrationEnd");
  return build(unit, end, frequency, recency, T, undefined, frequency, m, undefined);
}

/**
 * Reduce a customer base to its RFM histogram: the distinct (x, t_x, T) triples with the number of
 * customers of each, and the distinct (x, m̄) pairs of the repeat buyers. Plain JSON, it merges
 * across shards of customers ({@link mergeRfmHistograms}), and {@link fitBgNbd} and
 * {@link fitGammaGamma} fit from it the same parameters as from the per-customer rows.
 *
 * Definition: the BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) is a sum of one term per
 * customer that depends on the customer only through (x, t_x, T), so ℓ = Σ over distinct triples
 * of count × term: the triple histogram is exact (a sufficient statistic). The Gamma-Gamma
 * log-likelihood per repeat buyer (Fader, Hardie & Lee 2005, JMR; Fader & Hardie 2013) is
 * ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + m̄x): the
 * last term keeps m̄ inside a logarithm with the parameter γ, so no per-x counts and sums (Σm̄,
 * Σm̄x, Σ ln m̄) determine it for every γ. The exact statistic is the histogram of (x, m̄) pairs,
 * which `spend` keeps; with real-valued spend it is not much shorter than the list of repeat
 * buyers (CDNOW_sample: 760 pairs for 946 repeat buyers; CDNOW_master: 6,045 for 9,451), while the
 * triples shrink more where dates are whole days (CDNOW_sample: 1,016 triples for 2,357 customers;
 * CDNOW_master: 8,685 for 23,570). Customers without repeat purchases have no m̄ and appear only in
 * the triples.
 *
 * Two forms:
 * - `rfmHistogram(summary)`: from an {@link RfmSummary}, or any per-customer columns
 *   `frequency`, `recency`, `T` (with `monetaryValue`, `timeUnit`, `calibrationEnd` when there);
 *   the histogram carries the summary's `timeUnit` and `calibrationEnd` (`null` when absent).
 *   There are no options.
 * - `rfmHistogram(transactions, options)`: from transaction rows with the options of
 *   {@link rfmSummary} (the same definitions; the holdout columns are not kept). A shard whose
 *   calibration period holds no customer gives the empty histogram (where `rfmSummary` throws
 *   `EMPTY_INPUT`).
 *
 * Method: one pass to check the rows, a sort of row indices by (x, t_x, T) and of the repeat
 * buyers by (x, m̄), and a pass to count repeats: O(n log n), one 4-byte index per customer.
 *
 * @param summary - An {@link RfmSummary} or {@link RfmHistogramColumns} (for transaction rows, see the second form).
 * @returns The {@link RfmHistogram}.
 * @throws {@link CxMetricsError} for columns: `INVALID_INPUT` (a missing column, an unknown time
 * unit), `LENGTH_MISMATCH`, `NOT_INTEGER` (x), `NON_FINITE`, `OUT_OF_RANGE` (t_x outside [0, T],
 * t_x > 0 with x = 0, T = 0 with x ≥ 1, m̄ < 0), `INVALID_DATE` (calibrationEnd), `INVALID_OPTION`
 * (options given); for transactions, the errors of {@link rfmSummary} except `EMPTY_INPUT`.
 * @example
 * ```ts
 * import { rfmHistogram } from "cx-metrics";
 * const h = rfmHistogram({ frequency: [0, 2, 0, 2], recency: [0, 3, 0, 3], T: [5, 5, 5, 5], monetaryValue: [0, 12, 0, 20] });
 * [h.frequency, h.recency, h.T, h.count]; //=> [[0, 2], [0, 3], [5, 5], [2, 2]]
 * [h.spend.frequency, h.spend.monetaryValue, h.spend.count]; //=> [[2, 2], [12, 20], [1, 1]]
 * ```
 * @example
 * ```ts
 * import { rfmHistogram } from "cx-metrics";
 * const rows = [{ id: "a", day: "2024-01-01", v: 10 }, { id: "a", day: "2024-01-15", v: 30 }, { id: "b", day: "2024-01-08", v: 5 }];
 * const h = rfmHistogram(rows, { customerId: (t) => t.id, date: (t) => t.day, value: (t) => t.v, calibrationEnd: "2024-01-29", timeUnit: "week" });
 * [h.calibrationEnd, h.frequency, h.T, h.count]; //=> ["2024-01-29", [0, 1], [3, 4], [1, 1]]
 * ```
 * @category Value
 */
export function rfmHistogram(summary: RfmSummary | RfmHistogramColumns): RfmHistogram;
/**
 * From transaction rows, with the options of {@link rfmSummary}.
 * @param transactions - The transaction rows.
 * @param options - The {@link RfmOptions} of {@link rfmSummary}.
 * @example
 * ```ts
 * import { rfmHistogram } from "cx-metrics";
 * const h = rfmHistogram([], { customerId: (t) => t.id, date: (t) => t.day, calibrationEnd: "2024-01-29", timeUnit: "week" });
 * h.count; //=> []
 * ```
 */
export function rfmHistogram<T>(transactions: ArrayLike<T>, options: RfmOptions<T>): RfmHistogram;
/**
 * Both forms.
 * @example
 * ```ts
 * import { rfmHistogram } from "cx-metrics";
 * rfmHistogram({ frequency: [1], recency: [2], T: [4] }).spend.monetaryValue; //=> [0]
 * ```
 */
export function rfmHistogram<T>(input: RfmSummary | RfmHistogramColumns | ArrayLike<T>, options?: RfmOptions<T>): RfmHistogram {
  const fn = "rfmHistogram";
  if (input !== null && typeof input === "object" && "frequency" in input) {
    if (options !== undefined) fail(fn, "INVALID_OPTION", "expected no options with a summary (options are for transaction rows)");
    return fromColumns(fn, input);
  }
  const s = summarizeTransactions(fn, input as ArrayLike<T>, options as RfmOptions<T>, true);
  return build(s.timeUnit, s.calibrationEnd, s.frequency, s.recency, s.T, undefined, s.frequency, s.monetaryValue, undefined);
}

/** Entries of summaries gathered for one sort: the columns of every summary, concatenated. */
interface Gathered {
  timeUnit: TimeUnit | null;
  calibrationEnd: string | null;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  c: Float64Array;
  sx: Float64Array;
  sm: Float64Array;
  sc: Float64Array;
}

function column(fn: string, s: Record<string, unknown>, field: string, n: number | undefined, index: number | undefined): unknown[] {
  const v = s[field];
  if (!Array.isArray(v)) fail(fn, "INVALID_SUMMARY", `expected ${field}${at(index)} to be an array, got ${describe(v)}`, index);
  if (n !== undefined && v.length !== n) fail(fn, "INVALID_SUMMARY", `expected ${field}${at(index)} to hold ${n} entries like the other columns, got ${v.length}`, index);
  return v;
}

function at(index: number | undefined): string {
  return index === undefined ? "" : ` (summary ${index})`;
}

/**
 * Check summaries (from JSON, SQL, a worker) and gather their entries: shape, values, the same
 * time unit and calibration end, and for each x ≥ 1 as many customers in `spend` as in the triples.
 */
function gather(fn: string, summaries: readonly unknown[], indexOf: (k: number) => number | undefined): Gathered {
  let total = 0;
  let spendTotal = 0;
  const cols: { x: unknown[]; tx: unknown[]; T: unknown[]; c: unknown[]; sx: unknown[]; sm: unknown[]; sc: unknown[] }[] = [];
  let timeUnit: TimeUnit | null = null;
  let calibrationEnd: string | null = null;
  summaries.forEach((s, k) => {
    const index = indexOf(k);
    checkKind(fn, s, "rfm-histogram", index);
    const r = s as Record<string, unknown>;
    const unit = readUnit(fn, r.timeUnit, "INVALID_SUMMARY", `timeUnit${at(index)}`, index);
    const end = r.calibrationEnd;
    if (end !== null && (typeof end !== "string" || !isIsoDay(end))) {
      fail(fn, "INVALID_SUMMARY", `expected calibrationEnd${at(index)} to be a date YYYY-MM-DD or null, got ${describe(end)}`, index);
    }
    if (k === 0) {
      timeUnit = unit;
      calibrationEnd = end as string | null;
    } else if (unit !== timeUnit || end !== calibrationEnd) {
      fail(
        fn,
        "INVALID_SUMMARY",
        `expected histograms of one time unit and calibration end, got ${describe(timeUnit)} / ${describe(calibrationEnd)} and ${describe(unit)} / ${describe(end)}${at(index)}`,
        index,
      );
    }
    const x = column(fn, r, "frequency", undefined, index);
    const n = x.length;
    const tx = column(fn, r, "recency", n, index);
    const T = column(fn, r, "T", n, index);
    const c = column(fn, r, "count", n, index);
    const sp = r.spend;
    if (sp === null || typeof sp !== "object" || Array.isArray(sp)) fail(fn, "INVALID_SUMMARY", `expected spend${at(index)} to be { frequency, monetaryValue, count }, got ${describe(sp)}`, index);
    const sr = sp as Record<string, unknown>;
    const sx = column(fn, sr, "frequency", undefined, index);
    const sm = column(fn, sr, "monetaryValue", sx.length, index);
    const sc = column(fn, sr, "count", sx.length, index);
    // customers with x ≥ 1 per x, in the triples (+) and in spend (−): every sum must end at 0
    const balance = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const ti = tx[i];
      const Ti = T[i];
      const ci = c[i];
      const ok =
        typeof xi === "number" && Number.isSafeInteger(xi) && xi >= 0 &&
        typeof ti === "number" && typeof Ti === "number" && Number.isFinite(ti) && Number.isFinite(Ti) &&
        ti >= 0 && ti <= Ti && (xi > 0 ? Ti > 0 : ti === 0);
      if (!ok) fail(fn, "INVALID_SUMMARY", `expected entry ${i}${at(index)} to be a whole x >= 0 with 0 <= recency <= T (recency 0 when x = 0, T > 0 when x > 0), got x ${describe(xi)}, recency ${describe(ti)}, T ${describe(Ti)}`, index);
      if (typeof ci !== "number" || !Number.isSafeInteger(ci) || ci < 0) fail(fn, "INVALID_SUMMARY", `expected count ${i}${at(index)} to be a whole number >= 0, got ${describe(ci)}`, index);
      if ((xi as number) > 0) balance.set(xi as number, (balance.get(xi as number) ?? 0) + (ci as number));
    }
    for (let i = 0; i < sx.length; i++) {
      const xi = sx[i];
      const mi = sm[i];
      const ci = sc[i];
      if (typeof xi !== "number" || !Number.isSafeInteger(xi) || xi < 1 || typeof mi !== "number" || !Number.isFinite(mi) || mi < 0) {
        fail(fn, "INVALID_SUMMARY", `expected spend entry ${i}${at(index)} to be a whole x >= 1 with a finite monetary value >= 0, got x ${describe(xi)}, monetaryValue ${describe(mi)}`, index);
      }
      if (typeof ci !== "number" || !Number.isSafeInteger(ci) || ci < 0) fail(fn, "INVALID_SUMMARY", `expected spend count ${i}${at(index)} to be a whole number >= 0, got ${describe(ci)}`, index);
      balance.set(xi, (balance.get(xi) ?? 0) - ci);
    }
    for (const [xi, d] of balance) {
      if (d !== 0) fail(fn, "INVALID_SUMMARY", `expected spend${at(index)} to count as many customers with x = ${xi} as the triples, got ${d > 0 ? `${d} fewer` : `${-d} more`}`, index);
    }
    total += n;
    spendTotal += sx.length;
    cols.push({ x, tx, T, c, sx, sm, sc });
  });
  const g: Gathered = {
    timeUnit,
    calibrationEnd,
    x: new Float64Array(total),
    tx: new Float64Array(total),
    T: new Float64Array(total),
    c: new Float64Array(total),
    sx: new Float64Array(spendTotal),
    sm: new Float64Array(spendTotal),
    sc: new Float64Array(spendTotal),
  };
  let o = 0;
  let so = 0;
  for (const s of cols) {
    g.x.set(s.x as number[], o);
    g.tx.set(s.tx as number[], o);
    g.T.set(s.T as number[], o);
    g.c.set(s.c as number[], o);
    o += s.x.length;
    g.sx.set(s.sx as number[], so);
    g.sm.set(s.sm as number[], so);
    g.sc.set(s.sc as number[], so);
    so += s.sx.length;
  }
  return g;
}

/** Whether `s` is a calendar day written as `YYYY-MM-DD` (or `±YYYYYY-MM-DD`), as summaries store it. */
function isIsoDay(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  if (!Number.isFinite(ms)) return false;
  const iso = new Date(ms).toISOString();
  return iso.slice(0, iso.indexOf("T")) === s;
}

function fromGathered(g: Gathered): RfmHistogram {
  return build(g.timeUnit, g.calibrationEnd, g.x, g.tx, g.T, g.c, g.sx, g.sm, g.sc);
}

/**
 * Check an RFM histogram read from anywhere (JSON, SQL, a worker) and return it in canonical form.
 * @internal
 * @example
 * ```ts
 * checkRfmHistogram("f", { kind: "rfm-histogram", timeUnit: null, calibrationEnd: null, frequency: [0], recency: [0], T: [3], count: [2], spend: { frequency: [], monetaryValue: [], count: [] } }).count; //=> [2]
 * ```
 */
export function checkRfmHistogram(fn: string, s: unknown, index?: number): RfmHistogram {
  return fromGathered(gather(fn, [s], () => index));
}

/**
 * Merge RFM histograms of customer-partitioned shards: the counts of equal (x, t_x, T) triples
 * and of equal (x, m̄) pairs add up.
 *
 * Definition: a histogram counts customers, so the merge is the histogram of the union of the
 * shards' customers when every customer's transactions are all in one shard (shards partitioned by
 * customer, e.g. by a hash of the customer id). Shards split by time, or any split that puts one
 * customer's purchases in two shards, do not merge: that customer would count twice with the wrong
 * (x, t_x, T) in each (merge their transactions, or their per-customer rows, instead). Every shard
 * must share the time unit and calibration end (T counts to it). Associative and commutative,
 * with {@link emptyRfmHistogram} as its identity; the result is in canonical form (sorted, no
 * repeats) whatever the order of the inputs' entries.
 *
 * @param histograms - One or more {@link RfmHistogram}s.
 * @returns The merged {@link RfmHistogram}.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` for a histogram that is malformed or of another
 * time unit or calibration end (the error's index is its position), `EMPTY_INPUT` for none.
 * @example
 * ```ts
 * import { mergeRfmHistograms, rfmHistogram } from "cx-metrics";
 * const a = rfmHistogram({ frequency: [0, 1], recency: [0, 2], T: [5, 5], monetaryValue: [0, 10] });
 * const b = rfmHistogram({ frequency: [1], recency: [2], T: [5], monetaryValue: [12] });
 * const h = mergeRfmHistograms(a, b);
 * [h.frequency, h.count, h.spend.monetaryValue]; //=> [[0, 1], [1, 2], [10, 12]]
 * ```
 * @category Value
 */
export function mergeRfmHistograms(...histograms: RfmHistogram[]): RfmHistogram {
  const fn = "mergeRfmHistograms";
  if (histograms.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one histogram");
  return fromGathered(gather(fn, histograms, (k) => k));
}

/**
 * The empty RFM histogram (no customer) of a time unit and calibration end: the identity of
 * {@link mergeRfmHistograms}, legal everywhere a histogram is (merge, JSON, check).
 *
 * @param params - `timeUnit` and `calibrationEnd` (both default to `null`), matching those of the
 * histograms it will merge with.
 * @returns The empty {@link RfmHistogram}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for an unknown time unit or parameter,
 * `INVALID_DATE` for an unreadable calibration end.
 * @example
 * ```ts
 * import { emptyRfmHistogram } from "cx-metrics";
 * const e = emptyRfmHistogram({ timeUnit: "week", calibrationEnd: "1997-09-30" });
 * [e.timeUnit, e.calibrationEnd, e.count]; //=> ["week", "1997-09-30", []]
 * ```
 * @category Value
 */
export function emptyRfmHistogram(params?: RfmHistogramParams): RfmHistogram {
  const fn = "emptyRfmHistogram";
  if (params !== undefined && (params === null || typeof params !== "object")) fail(fn, "INVALID_OPTION", `expected params { timeUnit, calibrationEnd }, got ${describe(params)}`);
  for (const k of Object.keys(params ?? {})) if (k !== "timeUnit" && k !== "calibrationEnd") fail(fn, "INVALID_OPTION", `unknown parameter ${k} (known: timeUnit, calibrationEnd)`);
  const unit = readUnit(fn, params?.timeUnit, "INVALID_OPTION", "timeUnit");
  const end = params?.calibrationEnd;
  const e = end === undefined || end === null ? null : isoDayOf(fn, end, "calibrationEnd");
  return build(unit, e, [], [], [], undefined, [], [], undefined);
}

/**
 * The rows of an RFM histogram as weighted columns: one row per distinct (x, t_x, T) with its
 * count as the weight, and `spend`, one row per distinct (x, m̄) with its count as the weight.
 *
 * Definition: the weighted rows give the same likelihoods as the customers' rows (see
 * {@link rfmHistogram}), so `fitBgNbd(rfmFromHistogram(h))` and `fitGammaGamma(rfmFromHistogram(h).spend)`
 * equal `fitBgNbd(h)` and `fitGammaGamma(h)` (which read the histogram directly); the columns also
 * serve the per-row predictions ({@link bgNbdProbabilityAlive}, one value per triple). Named after
 * the family (`rfm`) and its summary (a histogram), as `npsFromSummary`: `rfmFromSummary` would
 * read as a function of the per-customer {@link RfmSummary}. It is the `finish` of
 * {@link rfmHistogramKind}.
 *
 * @param histogram - An {@link RfmHistogram}.
 * @returns The {@link RfmHistogramData}.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` for a malformed histogram, `EMPTY_INPUT` for
 * one without customers.
 * @example
 * ```ts
 * import { rfmFromHistogram, rfmHistogram } from "cx-metrics";
 * const d = rfmFromHistogram(rfmHistogram({ frequency: [0, 0, 1], recency: [0, 0, 2], T: [5, 5, 5], monetaryValue: [0, 0, 10] }));
 * d.weights; //=> Float64Array [2, 1]
 * d.spend.monetaryValue; //=> Float64Array [10]
 * ```
 * @category Value
 */
export function rfmFromHistogram(histogram: RfmHistogram): RfmHistogramData {
  const fn = "rfmFromHistogram";
  const h = checkRfmHistogram(fn, histogram);
  if (h.count.length === 0) fail(fn, "EMPTY_INPUT", "expected a histogram with at least one customer, got an empty one");
  return histogramData(h);
}

/**
 * Weighted columns of a checked histogram (possibly empty).
 * @internal
 * @example
 * ```ts
 * histogramData({ kind: "rfm-histogram", timeUnit: "week", calibrationEnd: null, frequency: [0], recency: [0], T: [3], count: [2], spend: { frequency: [], monetaryValue: [], count: [] } }).weights; //=> Float64Array [2]
 * ```
 */
export function histogramData(h: RfmHistogram): RfmHistogramData {
  const out: RfmHistogramData = {
    frequency: Float64Array.from(h.frequency),
    recency: Float64Array.from(h.recency),
    T: Float64Array.from(h.T),
    weights: Float64Array.from(h.count),
    spend: { frequency: Float64Array.from(h.spend.frequency), monetaryValue: Float64Array.from(h.spend.monetaryValue), weights: Float64Array.from(h.spend.count) },
  };
  if (h.timeUnit !== null) out.timeUnit = h.timeUnit;
  return out;
}

/**
 * Whether a value claims to be an RFM histogram (its `kind` field); it is checked when read.
 * @internal
 * @example
 * ```ts
 * isRfmHistogram({ kind: "rfm-histogram" }); //=> true
 * ```
 */
export function isRfmHistogram(v: unknown): v is RfmHistogram {
  return v !== null && typeof v === "object" && (v as { kind?: unknown }).kind === "rfm-histogram";
}

function customersOf(h: RfmHistogram): number {
  let n = 0;
  for (const c of h.count) n += c;
  return n;
}

/**
 * The summary kind of the customer base models: {@link rfmHistogram} summarizes, {@link mergeRfmHistograms}
 * merges shards partitioned by customer, {@link emptyRfmHistogram} is the identity (params: time
 * unit and calibration end), `count` is the number of customers, and `finish` is
 * {@link rfmFromHistogram} (the weighted rows that {@link fitBgNbd} reads; {@link fitBgNbd} and
 * {@link fitGammaGamma} also take the histogram itself).
 *
 * Definition: see {@link SummaryKind} for the laws; the histogram is a sufficient statistic of the
 * BG/NBD likelihood and its `spend` part of the Gamma-Gamma likelihood (see {@link rfmHistogram}).
 * `check` accepts the entries in any order and with repeats (as an SQL `GROUP BY` may return them)
 * and returns the canonical form.
 *
 * @example
 * ```ts
 * import { rfmHistogramKind } from "cx-metrics";
 * const e = rfmHistogramKind.empty({ timeUnit: "week" });
 * rfmHistogramKind.count(e); //=> 0
 * rfmHistogramKind.finish(e); // throws EMPTY_INPUT
 * ```
 * @category Value
 */
export const rfmHistogramKind: SummaryKind<RfmHistogram, RfmHistogramData, RfmHistogramParams, undefined> = /* @__PURE__ */ defineSummaryKind<
  RfmHistogram,
  RfmHistogramData,
  RfmHistogramParams,
  undefined
>({
  kind: "rfm-histogram",
  empty: (params) => emptyRfmHistogram(params),
  merge: (...s) => mergeRfmHistograms(...s),
  check: (s, index) => checkRfmHistogram("rfmHistogramKind", s, index),
  count: customersOf,
  finish: (s) => rfmFromHistogram(s),
});
