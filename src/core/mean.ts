/**
 * The means family: the mean of a numeric variable with its standard deviation and Student-t
 * interval, from a mergeable {@link MomentsSummary} (Welford's one-pass update, merged with Chan,
 * Golub & LeVeque's formula), and its summary kind {@link meanKind}.
 * @module
 */
import { tCritical } from "./critical";
import { fail } from "./errors";
import { type Accessor, describe, type InvalidPolicy, keysOf, readChoice, readConfidence, readOptions, type RowsInput, type ScoreInput, splitArgs, unBigInt } from "./input";
import { checkMoments, emptyMoments, mergeMoments, momentsSd, type MomentsSummary, summarizeMoments } from "./moments";
import { defineSummaryKind, type SummaryKind } from "./summary";

const MEAN_SUMMARY_OPTIONS_KEYS = /* @__PURE__ */ keysOf<MeanSummaryOptions>()("invalid");
const MEAN_FROM_SUMMARY_OPTIONS_KEYS = /* @__PURE__ */ keysOf<MeanFromSummaryOptions>()("confidence");

/**
 * Options of {@link meanSummary}.
 * @category Core
 */
export interface MeanSummaryOptions {
  /** Invalid-value policy (NaN, ±Infinity, not a number); default `"throw"`, `"skip"` counts them in `invalid`. */
  invalid?: InvalidPolicy;
}

/**
 * Options of {@link meanFromSummary} (and of {@link meanKind}'s `finish`).
 * @category Core
 */
export interface MeanFromSummaryOptions {
  /** Confidence level of `ci`; default 0.95. */
  confidence?: number;
}

/**
 * The mean of a numeric variable with its uncertainty: the result of {@link meanFromSummary} and
 * of {@link meanMetric}.
 * @category Core
 */
export interface MeanResult {
  mean: number;
  /** Sample standard deviation; `null` with one value. */
  sd: number | null;
  /** Standard error sd/√n; `null` with one value. */
  se: number | null;
  /** Student-t interval of the mean; `null` with one value. */
  ci: [number, number] | null;
  confidence: number;
  n: number;
  sum: number;
  min: number;
  max: number;
  skipped: number;
  invalid: number;
}

/**
 * Summarize numbers into a mergeable {@link MomentsSummary}: count, mean, sum of squared
 * deviations and extremes.
 *
 * Method: Welford's one-pass update (Welford 1962, "Note on a method for calculating corrected sums
 * of squares and products", Technometrics 4): x̄_k = x̄_{k−1} + (x_k − x̄_{k−1})/k,
 * M2_k = M2_{k−1} + (x_k − x̄_{k−1})(x_k − x̄_k); data beyond about 1e±60 are accumulated in units
 * of a power of two (recorded as `scale`), so M2 neither overflows nor underflows. One pass, O(n),
 * no allocation per value. `null`/`undefined` are skipped and counted; an exact `bigint` is read as
 * its number. Call as `meanSummary(values, options?)` or `meanSummary(rows, accessor, options?)`.
 *
 * @param input - Numbers (`ArrayLike<number | null | undefined>`, a typed array, an Arrow vector or
 * any iterable); for rows see the accessor overload.
 * @param options - `invalid` (`"throw"` by default, or `"skip"`).
 * @returns The summary (empty, n = 0, when nothing is valid: legal to merge, see {@link meanFromSummary}).
 * @throws {@link CxMetricsError} `NON_FINITE` (NaN, ±Infinity) or `INVALID_SCORE` (not a number),
 * with the index, unless `invalid: "skip"`; `INVALID_INPUT` (not an array or iterable),
 * `INVALID_OPTION`.
 * @example
 * ```ts
 * import { meanSummary } from "cx-metrics";
 * const s = meanSummary([1, 2, 3, null]);
 * [s.n, s.mean, s.m2, s.skipped]; //=> [3, 2, 2, 1]
 * ```
 * @category Core
 */
export function meanSummary(input: ScoreInput, options?: MeanSummaryOptions): MomentsSummary;
/**
 * Rows form of {@link meanSummary}: each row's number is read by `accessor` (`null`/`undefined`
 * means no value: skipped and counted).
 *
 * @param input - The rows.
 * @param accessor - `(row, index) => number`.
 * @param options - As for the values form.
 * @returns As for the values form.
 * @throws {@link CxMetricsError} as the values form.
 * @example
 * ```ts
 * import { meanSummary } from "cx-metrics";
 * meanSummary([{ clv: 100 }, { clv: 300 }, { clv: null }], (c) => c.clv).mean; //=> 200
 * ```
 * @category Core
 */
export function meanSummary<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: MeanSummaryOptions): MomentsSummary;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { meanSummary } from "cx-metrics";
 * meanSummary([4, 8]).mean; //=> 6
 * ```
 */
export function meanSummary(input: unknown, second?: unknown, third?: unknown): MomentsSummary {
  const fn = "meanSummary";
  const { input: values, accessor, options } = splitArgs<MeanSummaryOptions>(fn, input, second, third, MEAN_SUMMARY_OPTIONS_KEYS);
  const policy = readChoice(fn, "invalid", options.invalid, ["throw", "skip"], "throw");
  const read = accessor === undefined ? (v: unknown) => unBigInt(v) : (row: unknown, i: number) => unBigInt(accessor(row, i));
  return summarizeMoments(fn, values, read, policy);
}

/**
 * The empty moments summary (n = 0): the identity of {@link mergeMeanSummaries}.
 *
 * @returns `{ kind: "moments", n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity, skipped: 0, invalid: 0 }`.
 * @throws {@link CxMetricsError} `INVALID_OPTION` when given an argument (it takes none).
 * @example
 * ```ts
 * import { emptyMeanSummary } from "cx-metrics";
 * emptyMeanSummary().n; //=> 0
 * ```
 * @category Core
 */
export function emptyMeanSummary(): MomentsSummary {
  if (arguments.length > 0 && arguments[0] !== undefined) fail("emptyMeanSummary", "INVALID_OPTION", `expected no argument, got ${describe(arguments[0])}`);
  return emptyMoments();
}

/**
 * Merge moments summaries (chunks, shards, periods, segments) into the summary of all their values.
 *
 * Definition: the pairwise update of Chan, Golub & LeVeque (1979, "Updating formulae and a pairwise
 * algorithm for computing sample variances"): n = n_a + n_b, δ = x̄_b − x̄_a,
 * x̄ = x̄_a + δ·n_b/n, M2 = M2_a + M2_b + δ²·n_a·n_b/n; min and max of the extremes; `skipped` and
 * `invalid` add up. Associative and commutative up to rounding, with {@link emptyMeanSummary} as
 * identity (merging with it returns an equal summary). Summaries in different units (`scale`) are
 * merged in the larger one (exact powers of two). Each summary is checked as {@link meanKind}'s
 * `check` does.
 *
 * @param summaries - One or more summaries.
 * @returns The merged summary.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` (naming the summary), `EMPTY_INPUT` (none given).
 * @example
 * ```ts
 * import { meanSummary, mergeMeanSummaries } from "cx-metrics";
 * const s = mergeMeanSummaries(meanSummary([1, 2]), meanSummary([3, 4, 10]));
 * [s.n, s.mean, s.m2]; //=> ~[5, 4, 50]
 * ```
 * @category Core
 */
export function mergeMeanSummaries(...summaries: MomentsSummary[]): MomentsSummary {
  const fn = "mergeMeanSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  return mergeMoments(fn, summaries);
}

/**
 * The mean of a {@link MomentsSummary} with its standard deviation, standard error and Student-t
 * confidence interval.
 *
 * Definition: mean x̄; sample standard deviation s = √(M2/(n − 1)); se = s/√n; interval
 * x̄ ± t_{(1+c)/2, n−1}·se (Student 1908; as R's `t.test(x)` and scipy's
 * `stats.t.interval(c, n − 1, loc = x̄, scale = se)`); sum = n·x̄. With one value, `sd`, `se` and
 * `ci` are `null`. The square root is taken before scaling back, so the sd of data near 1e200 is
 * finite.
 *
 * @param summary - From {@link meanSummary} or {@link mergeMeanSummaries} (checked as {@link meanKind}'s `check` does).
 * @param options - `confidence` (default 0.95).
 * @returns The {@link MeanResult}.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` (n = 0), `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { meanFromSummary, meanSummary } from "cx-metrics";
 * const r = meanFromSummary(meanSummary([1, 2, 3, 4, 10]));
 * [r.mean, r.sd]; //=> ~[4, 3.5355] (sd √(50/4))
 * r.ci; //=> ~[-0.3899, 8.3899] (4 ± t(0.975, 4 df)·sd/√5)
 * meanFromSummary(meanSummary([])); // throws EMPTY_INPUT
 * ```
 * @category Core
 */
export function meanFromSummary(summary: MomentsSummary, options?: MeanFromSummaryOptions): MeanResult {
  const fn = "meanFromSummary";
  const o = readOptions<MeanFromSummaryOptions>(fn, options, MEAN_FROM_SUMMARY_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const s = checkMoments(fn, summary);
  if (s.n === 0) fail(fn, "EMPTY_INPUT", "expected at least one value");
  // momentsSd takes the square root before scaling back: finite for data near 1e200
  const sd = momentsSd(s);
  const se = sd === null ? null : sd / Math.sqrt(s.n);
  const h = se === null ? null : tCritical(confidence, s.n - 1) * se;
  return { mean: s.mean, sd, se, ci: h === null ? null : [s.mean - h, s.mean + h], confidence, n: s.n, sum: s.mean * s.n, min: s.min, max: s.max, skipped: s.skipped, invalid: s.invalid };
}

/**
 * The means summary kind: how a {@link MomentsSummary} starts ({@link emptyMeanSummary}), merges
 * ({@link mergeMeanSummaries}), is checked, counts its values and finishes ({@link meanFromSummary}),
 * in one object; {@link meanMetric} is built from it.
 *
 * Definition: the monoid of (n, mean, M2, min, max) under Chan, Golub & LeVeque's merge (1979), with
 * the empty summary its identity; `count` is `n`; `finish(s, { confidence })` is
 * {@link meanFromSummary}. `check(s)` is the public check of a summary read from JSON, SQL or a
 * worker: `kind` "moments"; `n`, `skipped`, `invalid` whole numbers ≥ 0; `mean` finite; `m2` finite,
 * ≥ 0, and 0 when n ≤ 1; `scale` absent or a positive finite number; when n > 0, finite
 * `min` ≤ `max`. An empty summary's `min`/`max` may be `null` (JSON's ±Infinity). It returns a fresh
 * copy of the known fields. The laws of a {@link SummaryKind} hold (property-tested).
 *
 * @throws {@link CxMetricsError} as the functions it is made of: `INVALID_SUMMARY` (`check`,
 * `merge`, `finish`), `EMPTY_INPUT` (`merge` of none, `finish` of an empty summary).
 * @example
 * ```ts
 * import { meanKind, meanSummary } from "cx-metrics";
 * const s = meanKind.merge(meanSummary([1, 2, 3]), meanKind.empty());
 * meanKind.finish(s).mean; //=> 2
 * meanKind.check(JSON.parse(JSON.stringify(meanKind.empty()))).max; //=> -Infinity
 * meanKind.check({ kind: "moments", n: 2, mean: 1, m2: -1, min: 0, max: 2, skipped: 0, invalid: 0 }); // throws INVALID_SUMMARY
 * meanKind.finish(meanKind.empty()); // throws EMPTY_INPUT
 * ```
 * @category Core
 */
export const meanKind: SummaryKind<MomentsSummary, MeanResult, void, MeanFromSummaryOptions> = /* @__PURE__ */ defineSummaryKind({
  kind: "moments",
  empty: () => emptyMoments(),
  merge: (...summaries: MomentsSummary[]) => mergeMeanSummaries(...summaries),
  check: (summary: unknown, index?: number) => checkMoments("meanKind.check", summary, index),
  count: (summary: MomentsSummary) => summary.n,
  finish: (summary: MomentsSummary, options?: MeanFromSummaryOptions) => meanFromSummary(summary, options),
});
