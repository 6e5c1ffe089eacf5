import { CxMetricsError, fail, withContext } from "../core/errors";
import { describe, isArrowVector, keysOf, readChoice, readConfidence, readOptions, toArrayLike, unBigInt } from "../core/input";
import { benjaminiHochberg, holm } from "./adjust";
import type { AlignedSeries } from "./align";
import { pearson } from "./pearson";
import { kendall, spearman } from "./rank";

/**
 * What a positive lag means, the `reading` of every lag result.
 * @internal
 * @example
 * ```ts
 * LAG_READING.endsWith("the metric leads"); //=> true
 * ```
 */
export const LAG_READING = "positive lag L pairs the metric at t with the outcome at t + L: the metric leads";

const LAGGED_CORRELATION_OPTIONS_KEYS = /* @__PURE__ */ keysOf<LaggedCorrelationOptions>()("maxLag", "method", "confidence");

/**
 * Correlation method of {@link laggedCorrelation}.
 * @category Relate
 */
export type CorrelationMethod = "pearson" | "spearman" | "kendall";

/**
 * Options of {@link laggedCorrelation}.
 * @category Relate
 */
export interface LaggedCorrelationOptions {
  /** Largest lag in periods, both directions; at most (periods − 3). */
  maxLag: number;
  /** Default "pearson". */
  method?: CorrelationMethod;
  confidence?: number;
}

/**
 * One lag of {@link laggedCorrelation}.
 * @category Relate
 */
export interface LagRow {
  /** Positive: the metric leads the outcome by `lag` periods (metric at t against outcome at t + lag). */
  lag: number;
  /** Pairs with both values present. */
  n: number;
  /** The coefficient; `null` when undefined at this lag (fewer than 3 pairs, or a constant window). */
  r: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  /** p-value adjusted across the lags with a p-value: Holm (family-wise) and Benjamini–Hochberg (FDR). */
  pHolm: number | null;
  pBH: number | null;
  /** Why `r` is `null`, when it is. */
  note?: string;
}

/**
 * Result of {@link laggedCorrelation}.
 * @category Relate
 */
export interface LaggedCorrelationResult {
  method: CorrelationMethod;
  confidence: number;
  /** How to read the sign of a lag: what a positive lag means (a sentence, the same for every result). */
  reading: string;
  /**
   * The same sentence as `reading`.
   * @deprecated Since 0.x: use `reading` (`direction` elsewhere in the library means higher- or
   * lower-is-better); removed in the next minor version.
   */
  direction: string;
  rows: LagRow[];
  /** The row with the smallest Holm-adjusted p-value (null if none has one). */
  best: LagRow | null;
}

function readSeries(fn: string, name: string, v: unknown): (number | null)[] {
  return Array.from(toArrayLike(fn, v, `${name} as an array, typed array, Arrow vector or iterable of numbers or nulls`), (raw, i) => {
    if (raw === null || raw === undefined) return null;
    const x = unBigInt(raw);
    if (typeof x !== "number") return fail(fn, "INVALID_SCORE", `expected a number or null in ${name} at index ${i}, got ${describe(x)}`, i);
    if (!Number.isFinite(x)) return fail(fn, "NON_FINITE", `expected finite values in ${name}, got ${x} at index ${i}`, i);
    return x;
  });
}

/**
 * Correlation of a metric with an outcome at every lag from −maxLag to +maxLag, with p-values
 * adjusted for having looked at many lags.
 *
 * Definition: at lag L the pairs are (metric[t], outcome[t + L]) over the periods where both are
 * present; a positive L asks whether the metric leads the outcome (NPS in March against growth in
 * May is L = 2). Each lag gets the chosen correlation ({@link pearson}, {@link spearman},
 * {@link kendall}) with n, interval and p-value; across the lags, the p-values are adjusted by
 * {@link holm} (family-wise error) and {@link benjaminiHochberg} (false discovery rate), so the
 * best of 2·maxLag + 1 lags is judged as such. Correlation of two trending series is no evidence
 * of anything: take period-over-period changes first ({@link periodChange}); see docs/outcomes.md.
 *
 * @param metric - The metric per period, aligned by position with `outcome`; `null` for a missing period.
 * @param outcome - The outcome per period.
 * @param options - `maxLag`, `method`, `confidence`.
 * @returns The {@link LaggedCorrelationResult}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` (maxLag not a whole number, or too large: at most
 * periods − 3), `LENGTH_MISMATCH`, `NON_FINITE`, `INVALID_SCORE`, `INVALID_INPUT`.
 * @example
 * ```ts
 * import { laggedCorrelation } from "cx-metrics";
 * const metric = [1, 5, 2, 8, 3, 9, 4, 7, 6, 2];
 * const outcome = [0, 0, 1, 5, 2, 8, 3, 9, 4, 7]; // the metric, two periods later
 * const res = laggedCorrelation(metric, outcome, { maxLag: 3 });
 * res.best.lag; //=> 2
 * res.best.r;   //=> 1
 * laggedCorrelation({ metric, outcome }, { maxLag: 3 }).best.lag; //=> 2 (the same, e.g. from alignByPeriod)
 * ```
 * @category Relate
 */
export function laggedCorrelation(metric: ArrayLike<number | null>, outcome: ArrayLike<number | null>, options: LaggedCorrelationOptions): LaggedCorrelationResult;
/**
 * {@link laggedCorrelation} with both series in one object: an {@link AlignedSeries} from
 * {@link alignByPeriod}, or `{ metric, outcome }` arrays aligned by position.
 *
 * @param series - The aligned series.
 * @param options - `maxLag`, `method`, `confidence`.
 * @returns The {@link LaggedCorrelationResult}.
 * @throws {@link CxMetricsError} as the positional form.
 * @example
 * ```ts
 * import { laggedCorrelation } from "cx-metrics";
 * laggedCorrelation({ metric: [1, 5, 2, 8, 3, 9], outcome: [0, 1, 5, 2, 8, 3] }, { maxLag: 1 }).best.lag; //=> 1
 * ```
 */
export function laggedCorrelation(
  series: { metric: ArrayLike<number | null>; outcome: ArrayLike<number | null> } | AlignedSeries,
  options: LaggedCorrelationOptions,
): LaggedCorrelationResult;
/**
 * The implementation of both call forms: (metric, outcome, options) when the first two arguments
 * are arrays, else (series, options).
 * @example
 * ```ts
 * laggedCorrelation([1, 5, 2, 8, 3, 9], [0, 1, 5, 2, 8, 3], { maxLag: 1 }).best.lag; //=> 1
 * ```
 */
export function laggedCorrelation(a: unknown, b: unknown, c?: unknown): LaggedCorrelationResult {
  // two series of values (arrays, typed arrays, Arrow vectors, iterables), or an aligned series
  const arrayLike = (v: unknown) => v !== null && typeof v === "object" && (typeof (v as ArrayLike<unknown>).length === "number" || isArrowVector(v) || typeof (v as Iterable<unknown>)[Symbol.iterator] === "function");
  const positional = arrayLike(a) && arrayLike(b);
  return positional
    ? lagged("laggedCorrelation", { metric: a as ArrayLike<number | null>, outcome: b as ArrayLike<number | null> }, c as LaggedCorrelationOptions)
    : lagged("laggedCorrelation", a as AlignedSeries, b as LaggedCorrelationOptions);
}

/**
 * {@link laggedCorrelation} under the calling function's name.
 * @internal
 * @example
 * ```ts
 * lagged("f", { metric: [1, 5, 2, 8, 3, 9], outcome: [0, 1, 5, 2, 8, 3] }, { maxLag: 1 }).best.lag; //=> 1
 * ```
 */
export function lagged(
  fn: string,
  series: { metric: ArrayLike<number | null>; outcome: ArrayLike<number | null> } | AlignedSeries,
  options: LaggedCorrelationOptions,
): LaggedCorrelationResult {
  if (series === null || typeof series !== "object") fail(fn, "INVALID_INPUT", `expected { metric, outcome }, got ${describe(series)}`);
  const o = readOptions<LaggedCorrelationOptions>(fn, options, LAGGED_CORRELATION_OPTIONS_KEYS);
  const method = readChoice(fn, "method", o.method, ["pearson", "spearman", "kendall"], "pearson");
  const confidence = readConfidence(fn, o.confidence);
  const metric = readSeries(fn, "metric", series.metric);
  const outcome = readSeries(fn, "outcome", series.outcome);
  const n = metric.length;
  if (outcome.length !== n) fail(fn, "LENGTH_MISMATCH", `expected metric and outcome of equal length, got ${n} and ${outcome.length}`);
  const maxLag = o.maxLag;
  if (!Number.isSafeInteger(maxLag) || maxLag < 0) fail(fn, "INVALID_OPTION", `expected maxLag to be a whole number >= 0, got ${describe(maxLag)}`);
  if (maxLag > n - 3) fail(fn, "INVALID_OPTION", `expected maxLag <= ${Math.max(0, n - 3)} for ${n} periods (at least 3 pairs at every lag), got ${maxLag}`);
  const correlate = method === "pearson" ? pearson : method === "spearman" ? spearman : kendall;
  const rows: LagRow[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = Math.max(0, -lag); t < Math.min(n, n - lag); t++) {
      const a = metric[t];
      const b = outcome[t + lag];
      if (a !== null && a !== undefined && b !== null && b !== undefined) {
        xs.push(a);
        ys.push(b);
      }
    }
    const row: LagRow = { lag: lag + 0 /* never −0 */, n: xs.length, r: null, ci: null, pValue: null, pHolm: null, pBH: null };
    try {
      const c = correlate(xs, ys, { confidence });
      row.r = c.r;
      row.ci = c.ci;
      row.pValue = c.pValue;
    } catch (e) {
      if (!(e instanceof CxMetricsError)) throw e;
      if (e.code !== "INSUFFICIENT_DATA" && e.code !== "CONSTANT_INPUT" && e.code !== "EMPTY_INPUT") {
        throw withContext(e, fn, [{ kind: "lag", lag }], { index: undefined });
      }
      row.note = e.code === "CONSTANT_INPUT" ? "a series is constant over these pairs" : `fewer than 3 pairs (${xs.length})`;
    }
    rows.push(row);
  }
  const tested = rows.filter((r) => r.pValue !== null);
  if (tested.length > 0) {
    const ps = tested.map((r) => r.pValue!);
    const h = holm(ps);
    const bh = benjaminiHochberg(ps);
    tested.forEach((r, i) => {
      r.pHolm = h[i]!;
      r.pBH = bh[i]!;
    });
  }
  const best = tested.reduce<LagRow | null>((acc, r) => (acc === null || r.pHolm! < acc.pHolm! || (r.pHolm === acc.pHolm && Math.abs(r.r!) > Math.abs(acc.r!)) ? r : acc), null);
  return {
    method,
    confidence,
    reading: LAG_READING,
    direction: LAG_READING,
    rows,
    best,
  };
}

/**
 * How {@link periodChange} transforms a level series.
 * @category Relate
 */
export type ChangeKind = "difference" | "growth" | "log-growth";

/**
 * Turn a level series into period-over-period change before correlating.
 *
 * Definition: difference x_t − x_{t−1}; growth x_t/x_{t−1} − 1; log-growth ln(x_t/x_{t−1}). The
 * first period, and any period next to a missing one, is `null`; growth needs positive levels.
 * Two series that both trend (revenue and customer count grow over the years) correlate strongly
 * whatever drives them ("spurious regression", Granger & Newbold 1974); their changes do not —
 * correlate changes to ask whether a better metric goes with better growth.
 *
 * @param series - Levels per period, `null` for missing.
 * @param kind - `"difference"` (default), `"growth"` or `"log-growth"`.
 * @returns The changes, same length.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` (growth of a level ≤ 0, with the index),
 * `NON_FINITE` (a non-finite level, or a change that exceeds the largest double, with the index),
 * `INVALID_SCORE`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { periodChange } from "cx-metrics";
 * periodChange([100, 110, null, 121]); //=> [null, 10, null, null]
 * periodChange([100, 125], "growth"); //=> [null, 0.25]
 * ```
 * @category Relate
 */
export function periodChange(series: ArrayLike<number | null>, kind?: ChangeKind): (number | null)[] {
  return change("periodChange", series, kind);
}

/**
 * {@link periodChange} under the calling function's name.
 * @internal
 * @example
 * ```ts
 * change("f", [1, 3], "difference"); //=> [null, 2]
 * ```
 */
export function change(fn: string, series: ArrayLike<number | null>, kind?: ChangeKind): (number | null)[] {
  const k = readChoice(fn, "kind", kind, ["difference", "growth", "log-growth"], "difference");
  const x = readSeries(fn, "series", series);
  if (k !== "difference") {
    // growth needs every level positive, also those next to a gap
    x.forEach((v, i) => {
      if (v !== null && !(v > 0)) fail(fn, "OUT_OF_RANGE", `expected positive levels for ${k}, got ${v} at index ${i}`, i);
    });
  }
  return x.map((v, i) => {
    const prev = i > 0 ? x[i - 1] : null;
    if (v === null || prev === null || prev === undefined) return null;
    // log-growth as a difference of logarithms: finite for any positive levels (1e308 after 1e-308)
    if (k === "log-growth") return Math.log(v) - Math.log(prev);
    const c = k === "difference" ? v - prev : v / prev - 1;
    if (!Number.isFinite(c)) fail(fn, "NON_FINITE", `the ${k} from ${prev} to ${v} at index ${i} does not fit in a double`, i);
    return c;
  });
}
