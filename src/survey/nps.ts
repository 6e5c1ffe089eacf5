import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { type Accessor, type RowsInput, type ScoreInput, type BaseOptions, describe, readChoice, readConfidence, readOptions, splitArgs } from "../core/input";
import { checkCount, checkKind, checkWeightTotals, defineSummaryKind, kishEffectiveN, type SummaryKind } from "../core/summary";
import { newTally, type Tally, tallyScores, weightedCount } from "../core/tally";
import { type NpsMethod, npsInterval } from "./nps-interval";

export type { NpsMethod } from "./nps-interval";

/**
 * An integer answer scale and its NPS category breaks: detractors answer `min` … `passiveMin − 1`,
 * passives `passiveMin` … `promoterMin − 1`, promoters `promoterMin` … `max`.
 * The standard scale is `{ min: 0, max: 10, passiveMin: 7, promoterMin: 9 }`.
 * @category Survey
 */
export interface NpsScale {
  min: number;
  max: number;
  passiveMin: number;
  promoterMin: number;
}

/**
 * Options of {@link nps}, {@link npsSummary} and {@link npsFromSummary}.
 * @category Survey
 */
export interface NpsOptions<T = unknown> extends BaseOptions<T> {
  /** Confidence level of `ci`, strictly between 0 and 1. Default 0.95. */
  confidence?: number;
  /** Interval method. Default `"adjusted-wald"`. */
  method?: NpsMethod;
  /** Custom scale breaks (only when given; the default is the standard 0–10 scale). */
  scale?: NpsScale;
}

/**
 * Options of {@link npsSummary}: what shapes the summary (the interval options belong to
 * {@link npsFromSummary}).
 * @category Survey
 */
export type NpsSummaryOptions<T = unknown> = Pick<NpsOptions<T>, "weights" | "invalid" | "scale">;

/**
 * Mergeable NPS summary: raw and weighted category counts. Plain JSON data.
 * @category Survey
 */
export interface NpsSummary {
  kind: "nps";
  scale: NpsScale;
  /** Responses counted (valid scores). */
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Sums of survey weights per category (equal to the counts when unweighted). */
  promoterWeight: number;
  passiveWeight: number;
  detractorWeight: number;
  /** Sum of squared weights, for Kish's effective sample size. */
  weightSquares: number;
  /** Missing answers (`null`/`undefined`) passed over. */
  skipped: number;
  /** Invalid values dropped under `invalid: "skip"`. */
  invalid: number;
}

/**
 * Result of {@link nps}. NPS quantities are on the −100..100 scale, shares in percent.
 * @category Survey
 */
export interface NpsResult {
  /** Net Promoter Score: % promoters − % detractors (weighted when weights are given). */
  value: number;
  /** Responses counted. */
  n: number;
  /** Kish's effective sample size (equals `n` without weights). */
  effectiveN: number;
  promoters: number;
  passives: number;
  detractors: number;
  promoterShare: number;
  passiveShare: number;
  detractorShare: number;
  /** Standard error on the −100..100 scale (adjusted for `"adjusted-wald"`, Wald otherwise). */
  se: number;
  /** Confidence interval `[low, high]`, clamped to [−100, 100]. */
  ci: [number, number];
  confidence: number;
  method: NpsMethod;
  skipped: number;
  invalid: number;
}

/**
 * Category counts for {@link npsFromCounts}.
 * @category Survey
 */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

const FN_SUMMARY = "npsSummary";
/** The option keys of {@link nps} (the summary and the finishing options). */
const NPS_KEYS = ["weights", "invalid", "scale", "confidence", "method"] as const;
const FINISH_KEYS = ["confidence", "method"] as const;
const METHODS: readonly NpsMethod[] = ["wald", "adjusted-wald", "tango"];

function readScale(fn: string, scale: unknown, code: "INVALID_OPTION" | "INVALID_SUMMARY" = "INVALID_OPTION", index?: number): NpsScale {
  if (scale === undefined) return { min: 0, max: 10, passiveMin: 7, promoterMin: 9 };
  const s = scale as NpsScale;
  const ok =
    s !== null &&
    typeof s === "object" &&
    [s.min, s.max, s.passiveMin, s.promoterMin].every((v) => typeof v === "number" && Number.isInteger(v)) &&
    s.min < s.passiveMin &&
    s.passiveMin <= s.promoterMin &&
    s.promoterMin <= s.max &&
    s.max - s.min <= 1000;
  if (!ok) {
    fail(fn, code, `expected scale { min, max, passiveMin, promoterMin } of integers with min < passiveMin <= promoterMin <= max, got ${describe(scale)}`, index);
  }
  return { min: s.min, max: s.max, passiveMin: s.passiveMin, promoterMin: s.promoterMin };
}

/*
 * Branch-light counting loops for clean, unweighted scores. Each returns the index of the first
 * value that needs the careful path (anything not an integer in [min, max], `null` included), or
 * the length; the counts of the clean prefix go into `t` (see `setCounts`). V8 keeps type feedback
 * per function (closures of one factory share theirs), so each input kind has its own top-level
 * function, chosen once per call: a loop that only ever sees one kind stays monomorphic however
 * many kinds the process uses. The bodies are the same test on purpose; do not merge them.
 */

/** Store the counts of a clean prefix of `i` values into `t`; returns `i`. */
function setCounts(t: Tally, i: number, pro: number, det: number): number {
  const c = t.counts;
  c[0] = det;
  c[1] = i - pro - det;
  c[2] = pro;
  t.weighted.set(c);
  t.weightSquares = i;
  return i;
}

/** `number[]` (and other plain arrays). */
function countArray(values: readonly unknown[], t: Tally, s: NpsScale): number {
  const n = values.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number") break; // a bigint (DuckDB), a string, null...: the careful path
    const k = v | 0;
    // k !== v: not an int32 (fraction, NaN, ±Infinity); then the range.
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

/** `Float64Array`. */
function countFloat64(values: Float64Array, t: Tally, s: NpsScale): number {
  const n = values.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const v = values[i]!;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

/** `Int8Array`: whole numbers already, so only the range is tested. */
function countInt8(values: Int8Array, t: Tally, s: NpsScale): number {
  const n = values.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const k = values[i]!;
    if ((k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

/** The tail of a `Uint8Array` after {@link countByteWords}, from `start` with the counts so far. */
function countBytes(values: Uint8Array, t: Tally, s: NpsScale, start: number, pro: number, det: number): number {
  const n = values.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = start;
  for (; i < n; i++) {
    const k = values[i]!;
    if ((k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

/** The other typed arrays (Int16…Uint32, Float32, Uint8Clamped; a BigInt64Array stops at once). */
function countTyped(values: ArrayLike<unknown>, t: Tally, s: NpsScale): number {
  const n = values.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number") break;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

/** Any other `ArrayLike` (array-like objects, Arrow vectors' arrays...). */
function countArrayLike(values: ArrayLike<unknown>, t: Tally, s: NpsScale): number {
  const n = values.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number") break;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

/*
 * Rows through an accessor. The accessor call is the cost: V8 inlines it only while the call site
 * has seen one function (or closures of one function), and a call site that has seen several stays
 * generic for good. So there are four copies of the rows loop, each lent to one accessor (told
 * apart by its source text, as inline arrow functions are new objects on every call), and a shared
 * fifth for small inputs and for any further accessor. Reading the accessor's values into a
 * buffer first and counting the buffer was measured slower (the call stays generic in the reading
 * loop, and the buffer adds a pass).
 */
type RowCounter = (rows: ArrayLike<unknown>, accessor: Accessor<any>, t: Tally, s: NpsScale) => number;

function countRows0(rows: ArrayLike<unknown>, accessor: Accessor<any>, t: Tally, s: NpsScale): number {
  const n = rows.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const row = rows[i];
    if (row === null || row === undefined) break; // the careful path refuses it
    const v = accessor(row, i);
    if (typeof v !== "number") break; // a bigint (DuckDB) or anything else: the careful path
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

function countRows1(rows: ArrayLike<unknown>, accessor: Accessor<any>, t: Tally, s: NpsScale): number {
  const n = rows.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const row = rows[i];
    if (row === null || row === undefined) break;
    const v = accessor(row, i);
    if (typeof v !== "number") break;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

function countRows2(rows: ArrayLike<unknown>, accessor: Accessor<any>, t: Tally, s: NpsScale): number {
  const n = rows.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const row = rows[i];
    if (row === null || row === undefined) break;
    const v = accessor(row, i);
    if (typeof v !== "number") break;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

function countRows3(rows: ArrayLike<unknown>, accessor: Accessor<any>, t: Tally, s: NpsScale): number {
  const n = rows.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const row = rows[i];
    if (row === null || row === undefined) break;
    const v = accessor(row, i);
    if (typeof v !== "number") break;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

function countRowsShared(rows: ArrayLike<unknown>, accessor: Accessor<any>, t: Tally, s: NpsScale): number {
  const n = rows.length;
  const { min, passiveMin, promoterMin } = s;
  const range = s.max - min;
  let i = 0;
  let pro = 0;
  let det = 0;
  for (; i < n; i++) {
    const row = rows[i];
    if (row === null || row === undefined) break;
    const v = accessor(row, i);
    if (typeof v !== "number") break;
    const k = v | 0;
    if (k !== v || (k - min) >>> 0 > range) break;
    pro += +(k >= promoterMin);
    det += +(k < passiveMin);
  }
  return setCounts(t, i, pro, det);
}

const ROW_COUNTERS: readonly RowCounter[] = [countRows0, countRows1, countRows2, countRows3];
/** Accessor source text → its rows loop; at most `ROW_COUNTERS.length` entries. */
const rowCounterOf = new Map<string, RowCounter>();
const functionSource = Function.prototype.toString;
/** Below this many rows the shared loop serves (reading the source text would cost more). */
const ROW_COUNTER_MIN_ROWS = 512;

function rowCounter(rows: ArrayLike<unknown>, accessor: Accessor<any>): RowCounter {
  if (rows.length < ROW_COUNTER_MIN_ROWS) return countRowsShared;
  const key: string = Reflect.apply(functionSource, accessor, []);
  const known = rowCounterOf.get(key);
  if (known !== undefined) return known;
  const free = ROW_COUNTERS[rowCounterOf.size];
  if (free === undefined) return countRowsShared;
  rowCounterOf.set(key, free);
  return free;
}

const LOOP_SCALE_LIMIT = 2 ** 30;

/** The counting loop for unweighted `values` (through `accessor` when given). */
function countClean(values: ArrayLike<unknown>, accessor: Accessor<any> | undefined, t: Tally, s: NpsScale): number {
  // The loops test the range as (k − min) >>> 0 > max − min on an int32 k, which is exact only
  // while |min| and |max| stay within 2^30 (farther, k − min can wrap into the range); a scale
  // beyond that takes the careful path from the start.
  if (s.min < -LOOP_SCALE_LIMIT || s.max > LOOP_SCALE_LIMIT) return setCounts(t, 0, 0, 0);
  if (accessor !== undefined) return rowCounter(values, accessor)(values, accessor, t, s);
  if (Array.isArray(values)) return countArray(values, t, s);
  if (ArrayBuffer.isView(values)) {
    if (values instanceof Uint8Array) return countByteWords(values, t, s);
    if (values instanceof Float64Array) return countFloat64(values, t, s);
    if (values instanceof Int8Array) return countInt8(values, t, s);
    if (!(values instanceof DataView)) return countTyped(values as unknown as ArrayLike<unknown>, t, s);
  }
  return countArrayLike(values, t, s);
}

/**
 * Bytes four at a time (SWAR): for a byte b ≤ 127, bit 7 of b + (128 − c) is set exactly when
 * b ≥ c, and no carry crosses into the next byte; a multiply gathers the four flags into a count.
 * A word with a byte off the scale (or ≥ 128) stops the loop and the scalar loop takes over there.
 */
function countByteWords(values: Uint8Array, t: Tally, s: NpsScale): number {
  const n = values.length;
  const { min, max, passiveMin, promoterMin } = s;
  let i = 0;
  let pro = 0;
  let det = 0;
  // Int32Array views must be aligned; an unaligned subarray takes the scalar loop. Everything
  // below stays in int32 arithmetic (`| 0` after each add), which V8 compiles to plain adds.
  if (min >= 0 && max <= 127 && (values.byteOffset & 3) === 0) {
    const words = new Int32Array(values.buffer, values.byteOffset, n >>> 2);
    const ones = 0x01010101;
    const high = 0x80808080 | 0;
    const aboveMax = (127 - max) * ones;
    // with 0 <= min < passiveMin <= promoterMin <= max <= 127, every offset below is in [1, 128]
    const atLeastMin = ((128 - min) * ones) | 0;
    const atLeastPromoter = ((128 - promoterMin) * ones) | 0;
    const atLeastPassive = ((128 - passiveMin) * ones) | 0;
    const len = words.length;
    let j = 0;
    for (; j < len; j++) {
      const w = words[j]!;
      const low = w & 0x7f7f7f7f;
      // invalid when some byte is > max, >= 128, or < min
      if (((((low + aboveMax) | 0) | w) & high) !== 0 || (((low + atLeastMin) | 0) & high) !== high) break;
      pro += Math.imul((((low + atLeastPromoter) | 0) & high) >>> 7, ones) >>> 24;
      det += Math.imul((((low + atLeastPassive) | 0) & high) >>> 7, ones) >>> 24;
    }
    det = 4 * j - det; // bytes not reaching passiveMin
    i = 4 * j;
  }
  return countBytes(values, t, s, i, pro, det);
}

/**
 * Summarize NPS responses into a mergeable {@link NpsSummary} (counts and weighted counts of
 * promoters, passives and detractors).
 *
 * One pass, O(n), no allocation per value; unweighted typed arrays take a branch-light loop.
 * Call as `npsSummary(values, options?)` or `npsSummary(rows, accessor, options?)`.
 *
 * @param input - Scores (`ArrayLike<number | null | undefined>`); for rows see the accessor overload.
 * @param options - The options.
 * @returns The summary.
 * @throws {@link CxMetricsError} for invalid scores or weights (see {@link nps}).
 * @example
 * ```ts
 * import { npsSummary } from "cx-metrics";
 * const s = npsSummary([10, 9, 8, 3, null]);
 * [s.promoters, s.passives, s.detractors, s.skipped]; //=> [2, 1, 1, 1]
 * ```
 * @category Survey
 */
export function npsSummary(input: ScoreInput, options?: NpsSummaryOptions): NpsSummary;
/**
 * Rows form of {@link npsSummary}: each row's score is read by `accessor` (`null`/`undefined` means
 * no answer); `weights` may also be a function of the row. The accessor should be pure: it may be
 * called twice for a row that fails validation.
 *
 * @param input - The rows.
 * @param accessor - `(row, index) => score`.
 * @param options - As for the values form.
 * @returns As for the values form.
 * @throws {@link CxMetricsError} as the values form.
 * @example
 * ```ts
 * import { npsSummary } from "cx-metrics";
 * npsSummary([{ s: 10 }, { s: null }], (row) => row.s).skipped; //=> 1
 * ```
 * @category Survey
 */
export function npsSummary<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: NpsSummaryOptions<T>): NpsSummary;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { npsSummary } from "cx-metrics";
 * npsSummary([10, 9, 0]).promoters; //=> 2
 * ```
 */
export function npsSummary(input: unknown, second?: unknown, third?: unknown): NpsSummary {
  return summarizeNps(FN_SUMMARY, input, second, third);
}

/**
 * Summarize under the name of the calling function.
 * @internal
 * @example
 * ```ts
 * summarizeNps("compareNps: group a", [9, 10], undefined, undefined).promoters; //=> 2
 * ```
 */
export function summarizeNps(fn: string, input: unknown, second: unknown, third: unknown): NpsSummary {
  const { input: values, accessor, options } = splitArgs<NpsOptions>(fn, input, second, third, NPS_KEYS);
  const scale = readScale(fn, options.scale);
  const policy = readChoice(fn, "invalid", options.invalid, ["throw", "skip"], "throw");
  const t = newTally(3);
  let start = 0;
  if (options.weights === undefined) start = countClean(values, accessor, t, scale);
  if (start < values.length) {
    const { min, max, passiveMin, promoterMin } = scale;
    const lut = new Uint8Array(max - min + 1);
    for (let v = min; v <= max; v++) lut[v - min] = v >= promoterMin ? 2 : v >= passiveMin ? 1 : 0;
    tallyScores(t, fn, values, accessor, options.weights, policy, min, max, lut, start);
  }
  const c = t.counts;
  return {
    kind: "nps",
    scale,
    n: c[0]! + c[1]! + c[2]!,
    promoters: c[2]!,
    passives: c[1]!,
    detractors: c[0]!,
    promoterWeight: weightedCount(t, 2),
    passiveWeight: weightedCount(t, 1),
    detractorWeight: weightedCount(t, 0),
    weightSquares: t.weightSquares,
    skipped: t.skipped,
    invalid: t.invalid,
  };
}

/**
 * The empty NPS summary: the identity of {@link mergeNpsSummaries}.
 *
 * Definition: every count and weight zero, on `scale`; legal everywhere a summary is (merge, JSON,
 * {@link npsKind}), and {@link npsFromSummary} of it throws `EMPTY_INPUT`.
 *
 * @param scale - Custom scale breaks; default the standard 0–10 scale.
 * @returns A summary with every count zero.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a scale that is not integers with
 * min < passiveMin ≤ promoterMin ≤ max.
 * @example
 * ```ts
 * import { emptyNpsSummary } from "cx-metrics";
 * emptyNpsSummary().n; //=> 0
 * ```
 * @category Survey
 */
export function emptyNpsSummary(scale?: NpsScale): NpsSummary {
  return summarizeNps("emptyNpsSummary", [], { scale }, undefined);
}

const COUNT_FIELDS = ["n", "promoters", "passives", "detractors", "skipped", "invalid"] as const;
const WEIGHT_FIELDS = ["promoterWeight", "passiveWeight", "detractorWeight", "weightSquares"] as const;

/**
 * Check an NPS summary read from anywhere (JSON included), and return a fresh copy of its known
 * fields (unknown fields are dropped; a missing scale reads as the default 0–10 scale).
 * @internal
 * @example
 * ```ts
 * checkNpsSummary("f", emptyNpsSummary()).n; //=> 0
 * ```
 */
export function checkNpsSummary(fn: string, s: unknown, index?: number): NpsSummary {
  checkKind(fn, s, "nps", index);
  const summary = s as NpsSummary;
  for (const f of COUNT_FIELDS) checkCount(fn, summary, f, true, index);
  for (const f of WEIGHT_FIELDS) checkCount(fn, summary, f, false, index);
  const scale = readScale(fn, summary.scale, "INVALID_SUMMARY", index);
  if (summary.promoters + summary.passives + summary.detractors !== summary.n) {
    fail(fn, "INVALID_SUMMARY", "expected n = promoters + passives + detractors", index);
  }
  if (
    (summary.promoters === 0 && summary.promoterWeight > 0) ||
    (summary.passives === 0 && summary.passiveWeight > 0) ||
    (summary.detractors === 0 && summary.detractorWeight > 0)
  ) {
    fail(fn, "INVALID_SUMMARY", "expected no weight in a category without responses", index);
  }
  const total = summary.promoterWeight + summary.passiveWeight + summary.detractorWeight;
  checkWeightTotals(fn, summary.n, total, summary.weightSquares, index);
  // A fresh summary of the known fields only (in npsSummary's order): unknown fields of a summary
  // read from JSON are not carried into a result or a merge.
  return {
    kind: "nps",
    scale,
    n: summary.n,
    promoters: summary.promoters,
    passives: summary.passives,
    detractors: summary.detractors,
    promoterWeight: summary.promoterWeight,
    passiveWeight: summary.passiveWeight,
    detractorWeight: summary.detractorWeight,
    weightSquares: summary.weightSquares,
    skipped: summary.skipped,
    invalid: summary.invalid,
  };
}

/**
 * Merge NPS summaries (of shards, chunks or periods) into one.
 *
 * Definition: field-wise sums. The merge is associative and commutative, and
 * {@link emptyNpsSummary} is its identity, so shards can be combined in any order or tree.
 * Weighted sums are added in floating point (exact for counts below 2⁵³).
 *
 * @param summaries - One or more summaries with the same scale.
 * @returns A new summary; the inputs are not changed.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` when a summary is malformed or the scales differ,
 * `EMPTY_INPUT` when called with no summary.
 * @example
 * ```ts
 * import { mergeNpsSummaries, npsSummary } from "cx-metrics";
 * const s = mergeNpsSummaries(npsSummary([10, 9]), npsSummary([0, 8]));
 * [s.promoters, s.passives, s.detractors]; //=> [2, 1, 1]
 * ```
 * @category Survey
 */
export function mergeNpsSummaries(...summaries: NpsSummary[]): NpsSummary {
  const fn = "mergeNpsSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  // checkNpsSummary returns a fresh copy of the known fields (scale included): the merge owns it.
  const out = checkNpsSummary(fn, summaries[0], 0);
  for (let i = 1; i < summaries.length; i++) {
    const s = checkNpsSummary(fn, summaries[i], i);
    const a = out.scale;
    const b = s.scale;
    if (a.min !== b.min || a.max !== b.max || a.passiveMin !== b.passiveMin || a.promoterMin !== b.promoterMin) {
      fail(fn, "INVALID_SUMMARY", `expected summaries on the same scale; summary ${i} has a different one`, i);
    }
    for (const f of COUNT_FIELDS) out[f] += s[f];
    for (const f of WEIGHT_FIELDS) out[f] += s[f];
  }
  return out;
}

/**
 * Finish an {@link NpsSummary} into an {@link NpsResult}: the score, its standard error and its
 * confidence interval.
 *
 * Definition: NPS = 100·(p₊ − p₋) with p₊, p₋ the (weighted) shares of promoters and detractors.
 * With weights, the shares are weighted and the sample size in every variance is Kish's effective
 * n = (Σw)²/Σw² (Kish 1965); the intervals use the effective counts n·p. Interval methods: see
 * {@link NpsMethod}; default `"adjusted-wald"` (Rocks 2016, "Interval Estimation for the 'Net
 * Promoter Score'", The American Statistician 70(4); J. Sauro, MeasuringU).
 *
 * @param summary - From {@link npsSummary}, {@link mergeNpsSummaries} or JSON.
 * @param options - `confidence` (default 0.95) and `method` (default `"adjusted-wald"`).
 * @returns The result.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` when the summary counts no response,
 * `ZERO_TOTAL_WEIGHT` when all weights are zero, `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { npsFromSummary, npsSummary } from "cx-metrics";
 * npsFromSummary(npsSummary([10, 10, 9, 8, 6, 3]), { method: "wald" }).value; //=> ~16.67
 * ```
 * @category Survey
 */
export function npsFromSummary(summary: NpsSummary, options?: Pick<NpsOptions, "confidence" | "method">): NpsResult {
  return finishNps("npsFromSummary", checkNpsSummary("npsFromSummary", summary), readOptions("npsFromSummary", options, FINISH_KEYS));
}

/**
 * Kish-effective counts of promoters, passives and detractors, n_eff·(weighted share), and n_eff
 * itself; the counts themselves without weights. The summary must have a positive total weight.
 * @internal
 * @example
 * ```ts
 * effectiveCounts(npsSummary([10, 9, 0])); //=> [2, 0, 1, 3]
 * ```
 */
export function effectiveCounts(s: NpsSummary): [number, number, number, number] {
  const total = s.promoterWeight + s.passiveWeight + s.detractorWeight;
  const n = kishEffectiveN(total, s.weightSquares);
  return [(s.promoterWeight / total) * n, (s.passiveWeight / total) * n, (s.detractorWeight / total) * n, n];
}

/**
 * Finish a checked summary.
 * @internal
 * @example
 * ```ts
 * finishNps("f", emptyNpsSummary(), {}); // throws EMPTY_INPUT
 * ```
 */
export function finishNps(fn: string, s: NpsSummary, options: NpsOptions): NpsResult {
  const confidence = readConfidence(fn, options.confidence);
  const method = readChoice(fn, "method", options.method, METHODS, "adjusted-wald");
  if (s.n === 0) fail(fn, "EMPTY_INPUT", `expected at least one valid score, got none (${s.skipped} missing, ${s.invalid} invalid)`);
  const total = s.promoterWeight + s.passiveWeight + s.detractorWeight;
  if (!(total > 0)) fail(fn, "ZERO_TOTAL_WEIGHT", "expected a positive total weight, got 0");
  const [pe, ae, de, effectiveN] = effectiveCounts(s);
  const iv = npsInterval(pe, ae, de, method, zCritical(confidence));
  return {
    // multiply before dividing: (100·(P − D))/n is correctly rounded, 100·(P/n − D/n) is not;
    // with weights the quotient can still round past ±100, hence the clamps
    value: Math.max(-100, Math.min(100, (100 * (s.promoterWeight - s.detractorWeight)) / total)),
    n: s.n,
    effectiveN,
    promoters: s.promoters,
    passives: s.passives,
    detractors: s.detractors,
    promoterShare: Math.min(100, (100 * s.promoterWeight) / total),
    passiveShare: Math.min(100, (100 * s.passiveWeight) / total),
    detractorShare: Math.min(100, (100 * s.detractorWeight) / total),
    se: 100 * iv.se,
    ci: [100 * iv.lower, 100 * iv.upper],
    confidence,
    method,
    skipped: s.skipped,
    invalid: s.invalid,
  };
}

/**
 * The NPS summary kind: how an {@link NpsSummary} starts ({@link emptyNpsSummary}), merges
 * ({@link mergeNpsSummaries}), is checked, counts its responses and finishes
 * ({@link npsFromSummary}), in one object; {@link npsMetric} and the SQL push-down are built from it.
 *
 * Definition: the monoid of category counts and weighted counts under field-wise sums; `empty(scale)`
 * takes the {@link NpsScale} (default the standard 0–10 scale), `count` is `n` (responses counted),
 * `finish(s, { confidence, method })` is {@link npsFromSummary}. The laws of a {@link SummaryKind}
 * hold: merge is associative and commutative with `empty(scale)` its identity, summaries are plain
 * JSON, and an empty summary finishes to `EMPTY_INPUT`.
 *
 * Source: Reichheld (2003) for the score; see {@link npsFromSummary} for the intervals.
 *
 * @throws {@link CxMetricsError} as the functions it is made of: `INVALID_OPTION` (bad scale for
 * `empty`), `INVALID_SUMMARY` (`check`, `merge`), `EMPTY_INPUT` (`finish` of an empty summary).
 * @example
 * ```ts
 * import { npsKind, npsSummary } from "cx-metrics";
 * const s = npsKind.merge(npsSummary([10, 9, 0]), npsKind.empty());
 * npsKind.finish(s).value; //=> ~33.33
 * npsKind.count(npsKind.check(JSON.parse(JSON.stringify(s)))); //=> 3
 * npsKind.finish(npsKind.empty()); // throws EMPTY_INPUT
 * ```
 * @category Survey
 */
export const npsKind: SummaryKind<NpsSummary, NpsResult, NpsScale, Pick<NpsOptions, "confidence" | "method">> = /* @__PURE__ */ defineSummaryKind({
  kind: "nps",
  empty: (scale?: NpsScale) => emptyNpsSummary(scale),
  merge: (...summaries: NpsSummary[]) => mergeNpsSummaries(...summaries),
  check: (summary: unknown, index?: number) => checkNpsSummary("npsKind.check", summary, index),
  count: (summary: NpsSummary) => summary.n,
  finish: (summary: NpsSummary, options?: Pick<NpsOptions, "confidence" | "method">) => npsFromSummary(summary, options),
});

/**
 * Net Promoter Score of survey answers, with its standard error and confidence interval.
 *
 * Definition (Reichheld 2003, "The One Number You Need to Grow", Harvard Business Review): on the
 * 0–10 "how likely are you to recommend" scale, promoters answer 9–10, passives 7–8, detractors
 * 0–6; NPS = % promoters − % detractors, from −100 to 100. Uncertainty: see
 * {@link npsFromSummary}. `null`/`undefined` answers are skipped and counted in `skipped`; any
 * other value off the integer scale throws (or, with `invalid: "skip"`, is dropped and counted in
 * `invalid`). Custom scale breaks only through `scale`. One pass, O(n); the input is not copied.
 *
 * @param input - Scores (`ArrayLike<number | null | undefined>`); for rows see the accessor overload.
 * @param options - The options.
 * @returns The {@link NpsResult}.
 * @throws {@link CxMetricsError} `INVALID_SCORE` (not a number), `NON_FINITE`, `OUT_OF_RANGE`,
 * `NOT_INTEGER` (with the index), `INVALID_WEIGHT`, `LENGTH_MISMATCH` (weights),
 * `ZERO_TOTAL_WEIGHT`, `EMPTY_INPUT` (no valid score), `INVALID_OPTION`, `INVALID_INPUT` (not an
 * array).
 * @example
 * ```ts
 * import { nps } from "cx-metrics";
 * const r = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 0]);
 * r.value;        //=> 20 (5 promoters, 3 detractors of 10)
 * r.ci;           //=> ~[-30.3, 61.1] (adjusted Wald, 95%)
 * nps([{ score: 9 }, { score: 4 }], (row) => row.score).value; //=> 0
 * ```
 * @category Survey
 */
export function nps(input: ScoreInput, options?: NpsOptions): NpsResult;
/**
 * Rows form of {@link nps}: each row's score is read by `accessor` (`null`/`undefined` means
 * no answer); `weights` may also be a function of the row. The accessor should be pure: it may be
 * called twice for a row that fails validation.
 *
 * @param input - The rows.
 * @param accessor - `(row, index) => score`.
 * @param options - As for the values form.
 * @returns As for the values form.
 * @throws {@link CxMetricsError} as the values form.
 * @example
 * ```ts
 * import { nps } from "cx-metrics";
 * nps([{ score: 9 }, { score: 4 }], (row) => row.score).value; //=> 0
 * ```
 * @category Survey
 */
export function nps<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: NpsOptions<T>): NpsResult;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { nps } from "cx-metrics";
 * nps([10, 9, 0]).value; //=> ~33.33
 * ```
 */
export function nps(input: unknown, second?: unknown, third?: unknown): NpsResult {
  const s = summarizeNps("nps", input, second, third);
  return finishNps("nps", s, readOptions("nps", typeof second === "function" ? third : second, NPS_KEYS));
}

/**
 * Net Promoter Score from a tally of promoters, passives and detractors.
 *
 * Definition and intervals as {@link nps}; the counts must be whole numbers (shares or weighted
 * counts belong in {@link nps} with `weights`).
 *
 * @param counts - `{ promoters, passives, detractors }`.
 * @param options - `confidence`, `method`.
 * @returns The {@link NpsResult} (`skipped` and `invalid` are 0).
 * @throws {@link CxMetricsError} `NOT_INTEGER`, `OUT_OF_RANGE` (negative), `NON_FINITE`,
 * `INVALID_SCORE` (not a number), `EMPTY_INPUT` (all zero), `INVALID_OPTION`.
 * @example
 * ```ts
 * import { npsFromCounts } from "cx-metrics";
 * // R package NPS test vector: 3 promoters, 2 passives, 1 detractor
 * npsFromCounts({ promoters: 3, passives: 2, detractors: 1 }).value; //=> ~33.33
 * ```
 * @category Survey
 */
export function npsFromCounts(counts: NpsCounts, options?: Pick<NpsOptions, "confidence" | "method">): NpsResult {
  return finishNps("npsFromCounts", countsSummary("npsFromCounts", counts), readOptions("npsFromCounts", options, FINISH_KEYS));
}

/**
 * Check a tally and make it a summary.
 * @internal
 * @example
 * ```ts
 * countsSummary("f", { promoters: 1, passives: 0, detractors: 2 }).n; //=> 3
 * ```
 */
export function countsSummary(fn: string, counts: NpsCounts): NpsSummary {
  if (counts === null || typeof counts !== "object" || Array.isArray(counts)) {
    fail(fn, "INVALID_INPUT", `expected { promoters, passives, detractors }, got ${describe(counts)}`);
  }
  const read = (field: keyof NpsCounts): number => {
    const v = counts[field];
    if (typeof v !== "number") fail(fn, "INVALID_SCORE", `expected ${field} to be a number, got ${describe(v)}`);
    if (!Number.isFinite(v)) fail(fn, "NON_FINITE", `expected ${field} to be finite, got ${v}`);
    if (v < 0) fail(fn, "OUT_OF_RANGE", `expected ${field} >= 0, got ${v}`);
    if (Math.floor(v) !== v) fail(fn, "NOT_INTEGER", `expected ${field} to be a whole number, got ${v}`);
    if (v > 2 ** 40) fail(fn, "OUT_OF_RANGE", `expected ${field} <= 2^40, got ${v}`);
    return v;
  };
  const promoters = read("promoters");
  const passives = read("passives");
  const detractors = read("detractors");
  const n = promoters + passives + detractors;
  return {
    kind: "nps",
    scale: readScale(fn, undefined),
    n,
    promoters,
    passives,
    detractors,
    promoterWeight: promoters,
    passiveWeight: passives,
    detractorWeight: detractors,
    weightSquares: n,
    skipped: 0,
    invalid: 0,
  };
}
