import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { type ArrowVectorLike, describe, exactBigInt, keysOf, readConfidence, readOptions, toArrayLike } from "../core/input";
import { studentTCdf } from "../core/student-t";
import { checkCount, checkKind, defineSummaryKind, type SummaryKind } from "../core/summary";

/**
 * One side of paired data as callers hold it: an array or typed array of numbers
 * (`BigInt64Array` and exact `bigint`s too), an Apache Arrow vector, or any other iterable.
 * @category Relate
 */
export type PairInput = ArrayLike<number | bigint> | Iterable<number | bigint> | ArrowVectorLike;

const CORRELATION_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CorrelationOptions>()("confidence");

/**
 * Options of the correlation functions.
 * @category Relate
 */
export interface CorrelationOptions {
  /** Confidence level of `ci`; default 0.95. */
  confidence?: number;
}

/**
 * A correlation coefficient with its inference.
 * @category Relate
 */
export interface CorrelationResult {
  /** The coefficient (Pearson's r, Spearman's ρ, or Kendall's τ-b). */
  r: number;
  /** Pairs used. */
  n: number;
  /** Confidence interval of the coefficient; [−1, 1] when n is too small for the method. */
  ci: [number, number];
  confidence: number;
  /** Two-sided p-value of "no association". */
  pValue: number;
  method: "pearson" | "spearman" | "kendall";
  /** How `ci` and `pValue` were computed. */
  inference: string;
}

/**
 * Result of {@link pearson}.
 * @category Relate
 */
export interface PearsonResult extends CorrelationResult {
  method: "pearson";
  /** r², the share of variance explained by a linear fit. */
  rSquared: number;
}

/**
 * Mergeable summary of paired data: count, means and co-moments (sums of squared and crossed
 * deviations from the means).
 * @category Relate
 */
export interface PearsonSummary {
  kind: "pearson";
  n: number;
  meanX: number;
  meanY: number;
  /** Σ(x − x̄)², Σ(y − ȳ)², Σ(x − x̄)(y − ȳ). */
  m2x: number;
  m2y: number;
  cxy: number;
  /**
   * Units of the co-moments, present only for data beyond about 1e±60 (powers of two): `m2x`,
   * `m2y` and `cxy` are then Σ(x − x̄)²/scaleX², Σ(y − ȳ)²/scaleY² and Σ(x − x̄)(y − ȳ)/(scaleX·scaleY),
   * so that data near 1e300 or 1e-300 keep co-moments that fit in a double. Absent means 1. The
   * means are always in the data's own units.
   */
  scaleX?: number;
  /** Units of y in the co-moments (see `scaleX`); absent means 1. */
  scaleY?: number;
}

const BLOCK = 1024;
/** Data whose largest magnitude lies in [2^-200, 2^200] are summarized in their own units. */
const SAFE_EXPONENT = 200;

/**
 * The power of two by which to divide data whose largest magnitude is `maxAbs`: 1 inside
 * [2^-200, 2^200] (squares and their sums then neither overflow nor underflow), else 2^⌊log₂ maxAbs⌋,
 * kept within [2^-1000, 2^1023] so that its reciprocal is a double too.
 */
function pairScale(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1;
  const e = Math.floor(Math.log2(maxAbs));
  if (e >= -SAFE_EXPONENT && e <= SAFE_EXPONENT) return 1;
  return 2 ** Math.max(-1000, Math.min(1023, e));
}

/**
 * Read two equal-length numeric inputs and check every value. Arrays and typed arrays are used as
 * they are; Arrow vectors and other iterables are read once (see {@link toArrayLike}); exact
 * `bigint`s (DuckDB's BIGINT) become numbers (a copy of that input only). A pair needs both values:
 * `null` is refused like any other non-number.
 * @internal
 * @example
 * ```ts
 * checkPairs("pearson", [1, 2], new Set([3, 4])).y; //=> [3, 4]
 * ```
 */
export function checkPairs(fn: string, x: unknown, y: unknown): { x: ArrayLike<number>; y: ArrayLike<number> } {
  const a = toArrayLike(fn, x, "x to be an array, typed array, Arrow vector or iterable of numbers");
  const b = toArrayLike(fn, y, "y to be an array, typed array, Arrow vector or iterable of numbers");
  if (a.length !== b.length) fail(fn, "LENGTH_MISMATCH", `expected x and y of equal length, got ${a.length} and ${b.length}`);
  return { x: numbers(fn, "x", a), y: numbers(fn, "y", b) };
}

function numbers(fn: string, name: string, v: ArrayLike<unknown>): ArrayLike<number> {
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float64Array.from(v, (b, i) => exactOr(fn, name, b, i));
  if (ArrayBuffer.isView(v)) return v as unknown as ArrayLike<number>;
  let copy: Float64Array | undefined;
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (typeof e === "number") {
      if (copy !== undefined) copy[i] = e;
    } else if (typeof e === "bigint") {
      if (copy === undefined) copy = Float64Array.from({ length: v.length }, (_, j) => (j < i ? (v[j] as number) : 0));
      copy[i] = exactOr(fn, name, e, i);
    } else fail(fn, "INVALID_SCORE", `expected a number in ${name} at index ${i}, got ${describe(e)}`, i);
  }
  return copy ?? (v as ArrayLike<number>);
}

function exactOr(fn: string, name: string, b: bigint, i: number): number {
  const n = exactBigInt(b);
  if (n === undefined) fail(fn, "OUT_OF_RANGE", `expected a number in ${name} at index ${i} with an exact double, got bigint ${b}`, i);
  return n;
}

function firstNonFinite(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): never {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) fail(fn, "NON_FINITE", `expected finite values, got ${x[i]} in x at index ${i}`, i);
    if (!Number.isFinite(y[i]!)) fail(fn, "NON_FINITE", `expected finite values, got ${y[i]} in y at index ${i}`, i);
  }
  return fail(fn, "NON_FINITE", "expected finite values (the sums overflowed)");
}

/**
 * Summarize paired data into a mergeable {@link PearsonSummary}.
 *
 * Method: blocks of 1,024 pairs, each summed after shifting by its first pair (so an offset such
 * as 1e9 cannot cancel the deviations), then merged with the pairwise update of Chan, Golub &
 * LeVeque (1979): n = n_a + n_b, δ = x̄_b − x̄_a, M2 = M2_a + M2_b + δ²·n_a·n_b/n, and likewise for
 * the co-moment, with the means kept relative to the first pair during the merge. Data whose
 * largest magnitude lies outside [2^-200, 2^200] (about 1e±60) are first divided by a power of two
 * near that magnitude (exact), and the summary records it as `scaleX`/`scaleY`: the co-moments of
 * data near 1e300 or 1e-300 then fit in a double, and r, the regression and merges come out right
 * at any scale (checked against scipy and mpmath from 1e-300 to 1e300, with offsets of 1e12). Two
 * passes (the first finds the largest magnitudes), O(n), no allocation per pair. Merging summaries of separate shards uses their absolute means: with a
 * large common offset (1e9 + noise of size 1), subtract a known offset before summarizing shards.
 *
 * @param x - First variable.
 * @param y - Second variable, same length.
 * @returns The summary.
 * @throws {@link CxMetricsError} `LENGTH_MISMATCH`, `NON_FINITE` or `INVALID_SCORE` (with the index),
 * `INVALID_INPUT`.
 * @example
 * ```ts
 * import { pearsonSummary } from "cx-metrics";
 * pearsonSummary([1, 2, 3], [2, 4, 7]).cxy; //=> 5
 * ```
 * @category Relate
 */
export function pearsonSummary(x: PairInput, y: PairInput): PearsonSummary {
  return summarizePairs("pearsonSummary", x, y);
}

/**
 * The empty Pearson summary (no pairs): the identity of {@link mergePearsonSummaries}, equal to
 * `pearsonSummary([], [])`.
 *
 * @returns `{ kind: "pearson", n: 0, meanX: 0, meanY: 0, m2x: 0, m2y: 0, cxy: 0 }`.
 * @throws {@link CxMetricsError} `INVALID_OPTION` when given an argument (it takes none).
 * @example
 * ```ts
 * import { emptyPearsonSummary, mergePearsonSummaries, pearsonSummary } from "cx-metrics";
 * emptyPearsonSummary().n; //=> 0
 * mergePearsonSummaries(pearsonSummary([1, 2, 3], [2, 4, 7]), emptyPearsonSummary()).cxy; //=> 5
 * ```
 * @category Relate
 */
export function emptyPearsonSummary(): PearsonSummary {
  if (arguments.length > 0 && arguments[0] !== undefined) fail("emptyPearsonSummary", "INVALID_OPTION", `expected no argument, got ${describe(arguments[0])}`);
  return emptyPairs();
}

function emptyPairs(): PearsonSummary {
  return { kind: "pearson", n: 0, meanX: 0, meanY: 0, m2x: 0, m2y: 0, cxy: 0 };
}

/**
 * {@link pearsonSummary} under the calling function's name.
 * @internal
 * @example
 * ```ts
 * summarizePairs("spearman", [1, 2], [2, 1]).n; //=> 2
 * ```
 */
export function summarizePairs(fn: string, xs: PairInput, ys: PairInput): PearsonSummary {
  const { x, y } = checkPairs(fn, xs, ys);
  const n = x.length;
  if (n === 0) return emptyPairs();
  // One pass in the data's own units; data whose squared deviations overflow or underflow (values
  // near 1e200 or 1e-150, or a NaN) come out non-finite or below 2^-800 and take the scaled path.
  const fast = blockMoments(x, y, 1);
  const tiny = 2 ** -800;
  if (Number.isFinite(fast.m2x + fast.m2y + fast.cxy + fast.meanX + fast.meanY) && fast.m2x >= tiny && fast.m2y >= tiny) return fast;
  return summarizeScaled(fn, x, y);
}

/** The scaled path: a first pass for finiteness and the largest magnitudes, then the moments in their units. */
function summarizeScaled(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): PearsonSummary {
  const n = x.length;
  // First pass: finiteness and the largest magnitudes, which fix the units (a power of two, so that
  // dividing by it is exact) in which data near 1e±300 keep co-moments that fit in a double.
  let ax = 0;
  let ay = 0;
  for (let i = 0; i < n; i++) {
    const u = Math.abs(x[i]!);
    const v = Math.abs(y[i]!);
    if (!(u <= Number.MAX_VALUE) || !(v <= Number.MAX_VALUE)) firstNonFinite(fn, x, y);
    if (u > ax) ax = u;
    if (v > ay) ay = v;
  }
  const scaleX = pairScale(ax);
  const scaleY = pairScale(ay);
  const total = blockMoments(x, y, scaleX, scaleY);
  // each block was finite, but merging blocks can still overflow (a jump of 1e155 between blocks
  // of data summarized in their own units)
  if (!Number.isFinite(total.m2x + total.m2y + total.cxy + total.meanX + total.meanY)) {
    fail(fn, "NON_FINITE", "expected values whose squared deviations fit in a double (the sums overflowed); rescale the data");
  }
  if (scaleX !== 1) total.scaleX = scaleX;
  if (scaleY !== 1) total.scaleY = scaleY;
  return total;
}

/**
 * The moments of x/scaleX and y/scaleY (powers of two: exact) by blocks of 1,024 pairs, each summed
 * after shifting by its first pair, merged by Chan's update; the means come back in the data's units.
 * No allocation per pair. Non-finite input gives non-finite moments (the callers check).
 */
function blockMoments(x: ArrayLike<number>, y: ArrayLike<number>, scaleX: number, scaleY = scaleX): PearsonSummary {
  const n = x.length;
  const ix = 1 / scaleX;
  const iy = 1 / scaleY;
  // Means are kept relative to the first pair (X0, Y0) while blocks are merged, so that an offset
  // such as 1e9 never enters the merge's differences of means; it is added back at the end.
  const X0 = x[0]! * ix;
  const Y0 = y[0]! * iy;
  let total = emptyPairs();
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const x0 = x[start]! * ix;
    const y0 = y[start]! * iy;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    if (scaleX === 1 && scaleY === 1) {
      for (let i = start; i < end; i++) {
        const dx = x[i]! - x0;
        const dy = y[i]! - y0;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
    } else {
      for (let i = start; i < end; i++) {
        const dx = x[i]! * ix - x0;
        const dy = y[i]! * iy - y0;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
    }
    const m = end - start;
    const block: PearsonSummary = {
      kind: "pearson",
      n: m,
      meanX: x0 - X0 + sx / m,
      meanY: y0 - Y0 + sy / m,
      m2x: Math.max(0, sxx - (sx * sx) / m),
      m2y: Math.max(0, syy - (sy * sy) / m),
      cxy: sxy - (sx * sy) / m,
    };
    total = combine(total, block);
  }
  total.meanX = (total.meanX + X0) * scaleX;
  total.meanY = (total.meanY + Y0) * scaleY;
  return total;
}

/** The units of a summary's x and y co-moments (1 when absent). */
function unitsOf(s: PearsonSummary): [number, number] {
  return [s.scaleX ?? 1, s.scaleY ?? 1];
}

/**
 * The units in which to merge one variable of two summaries (`rescale`): the larger of their units,
 * or a larger power of two when the difference of the means or a co-moment's square root (in the
 * data's units) lies beyond 2^200 — so that δ²·n_a·n_b/n and the sum of co-moments stay finite for
 * means near 1e308 (whose difference of 2e308 does not fit in a double). Worked in log₂ so that no
 * intermediate overflows.
 */
function mergeUnit(ua: number, ub: number, meanA: number, meanB: number, m2a: number, m2b: number): number {
  const u = Math.max(ua, ub);
  // |meanB − meanA| = 2·|meanB/2 − meanA/2| (halving is exact away from subnormals)
  const e = Math.max(Math.log2(Math.abs(meanB / 2 - meanA / 2)) + 1, Math.log2(m2a) / 2 + Math.log2(ua), Math.log2(m2b) / 2 + Math.log2(ub));
  if (!(e > SAFE_EXPONENT)) return u;
  return Math.max(u, 2 ** Math.min(1023, Math.floor(e)));
}

/**
 * Chan's pairwise merge. Both summaries are first brought to common units (the larger of the two
 * scales of each variable, or with `rescale` a larger one when the difference of the means or a
 * co-moment is beyond 2^200, see {@link mergeUnit}; the smaller summary's co-moments shrink by an
 * exact power of two, and what underflows is below 2^-1000 of the other's), differences of means
 * are taken in those units. Without `rescale` (the blocks of one summary, already in the data's
 * scaled units), the units are the larger of the two and the caller checks for overflow.
 */
function combine(a: PearsonSummary, b: PearsonSummary, rescale = false): PearsonSummary {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const [ax, ay] = unitsOf(a);
  const [bx, by] = unitsOf(b);
  const ux = rescale ? mergeUnit(ax, bx, a.meanX, b.meanX, a.m2x, b.m2x) : Math.max(ax, bx);
  const uy = rescale ? mergeUnit(ay, by, a.meanY, b.meanY, a.m2y, b.m2y) : Math.max(ay, by);
  // factors that bring each summary's co-moments to the common units (exact for powers of two)
  const fax = ax / ux;
  const fay = ay / uy;
  const fbx = bx / ux;
  const fby = by / uy;
  const n = a.n + b.n;
  const dx = b.meanX / ux - a.meanX / ux;
  const dy = b.meanY / uy - a.meanY / uy;
  const f = (a.n * b.n) / n;
  const out: PearsonSummary = {
    kind: "pearson",
    n,
    meanX: (a.meanX / ux + (dx * b.n) / n) * ux,
    meanY: (a.meanY / uy + (dy * b.n) / n) * uy,
    m2x: a.m2x * fax * fax + b.m2x * fbx * fbx + dx * dx * f,
    m2y: a.m2y * fay * fay + b.m2y * fby * fby + dy * dy * f,
    cxy: a.cxy * fax * fay + b.cxy * fbx * fby + dx * dy * f,
  };
  if (ux !== 1) out.scaleX = ux;
  if (uy !== 1) out.scaleY = uy;
  return out;
}

function checkPearsonSummary(fn: string, s: unknown, index?: number): PearsonSummary {
  checkKind(fn, s, "pearson", index);
  const p = s as PearsonSummary;
  checkCount(fn, p, "n", true, index);
  checkCount(fn, p, "m2x", false, index);
  checkCount(fn, p, "m2y", false, index);
  for (const f of ["meanX", "meanY", "cxy"] as const) {
    if (typeof p[f] !== "number" || !Number.isFinite(p[f])) fail(fn, "INVALID_SUMMARY", `expected ${f} to be a finite number, got ${describe(p[f])}`, index);
  }
  for (const f of ["scaleX", "scaleY"] as const) {
    const v = p[f];
    if (v !== undefined && !(typeof v === "number" && v > 0 && v < Infinity)) fail(fn, "INVALID_SUMMARY", `expected ${f} to be absent or a positive finite number, got ${describe(v)}`, index);
  }
  if (Math.abs(p.cxy) > Math.sqrt(p.m2x) * Math.sqrt(p.m2y) * (1 + 1e-9) + 1e-300) fail(fn, "INVALID_SUMMARY", "expected cxy² <= m2x·m2y (Cauchy–Schwarz)", index);
  // a fresh summary of the known fields only (unknown fields of a summary from JSON are dropped)
  const out: PearsonSummary = { kind: "pearson", n: p.n, meanX: p.meanX, meanY: p.meanY, m2x: p.m2x, m2y: p.m2y, cxy: p.cxy };
  if (p.scaleX !== undefined) out.scaleX = p.scaleX;
  if (p.scaleY !== undefined) out.scaleY = p.scaleY;
  return out;
}

/**
 * Merge Pearson summaries (chunks, shards, periods). Associative and commutative up to rounding,
 * with {@link emptyPearsonSummary} as identity (merging with it returns an equal summary); the result equals the summary of the concatenated
 * data (Chan, Golub & LeVeque 1979). When the difference of two means or a co-moment's square
 * root lies beyond 2^200 (means near ±1e308, whose difference does not fit in a double), the merge
 * works in larger units, a power of two recorded as `scaleX`/`scaleY` as {@link pearsonSummary}
 * does, so the merged co-moments stay finite. Unknown fields of the inputs are not carried over.
 *
 * @param summaries - One or more summaries.
 * @returns The merged summary.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY`, `EMPTY_INPUT` (none given), `NON_FINITE` if the
 * merged means or co-moments still do not fit in a double.
 * @example
 * ```ts
 * import { mergePearsonSummaries, pearsonSummary } from "cx-metrics";
 * mergePearsonSummaries(pearsonSummary([1, 2], [2, 4]), pearsonSummary([3], [7])).cxy; //=> 5
 * ```
 * @category Relate
 */
export function mergePearsonSummaries(...summaries: PearsonSummary[]): PearsonSummary {
  const fn = "mergePearsonSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  const out = summaries.reduce<PearsonSummary>((acc, s, i) => combine(acc, checkPearsonSummary(fn, s, i), true), emptyPairs());
  // the units are chosen so that the co-moments fit; a guard for what rounding could still push over
  if (!Number.isFinite(out.m2x + out.m2y + out.cxy + out.meanX + out.meanY)) {
    fail(fn, "NON_FINITE", "expected summaries whose merged means and co-moments fit in a double");
  }
  return out;
}

/**
 * Fisher-z interval tanh(atanh(r) ± z·se), or [−1, 1] when the standard error is not finite.
 * @internal
 * @example
 * ```ts
 * fisherInterval(0.5, 1 / Math.sqrt(97), 0.95); //=> ~[0.3366, 0.6341]
 * ```
 */
export function fisherInterval(r: number, se: number, confidence: number): [number, number] {
  if (!(se < Infinity)) return [-1, 1];
  if (Math.abs(r) >= 1) return [r, r];
  const z = Math.atanh(r);
  const h = zCritical(confidence) * se;
  return [Math.tanh(z - h), Math.tanh(z + h)];
}

/**
 * Two-sided p-value of a correlation coefficient by Student's t with n − 2 degrees of freedom:
 * t = r·√((n − 2)/(1 − r²)).
 * @internal
 * @example
 * ```ts
 * correlationTTestP(0, 10); //=> 1
 * ```
 */
export function correlationTTestP(r: number, n: number): number {
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt((n - 2) / ((1 - r) * (1 + r)));
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), n - 2));
}

/**
 * Pearson's r of a summary, refusing what has none.
 * @internal
 * @example
 * ```ts
 * coefficient("pearson", pearsonSummary([1, 2, 3], [1, 2, 4])); //=> ~0.9820
 * ```
 */
export function coefficient(fn: string, s: PearsonSummary): number {
  if (s.n === 0) fail(fn, "EMPTY_INPUT", "expected at least 3 pairs, got none");
  if (s.n < 3) fail(fn, "INSUFFICIENT_DATA", `expected at least 3 pairs, got ${s.n}`);
  if (!(s.m2x > 0) || !(s.m2y > 0)) {
    fail(fn, "CONSTANT_INPUT", `expected both variables to vary; ${!(s.m2x > 0) ? "x" : "y"} is constant, so the correlation is undefined`);
  }
  // the scales of x and y cancel; when the product m2x·m2y of a summary in the data's own units
  // would overflow or underflow the square roots are taken apart
  const q = s.m2x * s.m2y;
  const norm = q < Infinity && q > 2 ** -1000 ? Math.sqrt(q) : Math.sqrt(s.m2x) * Math.sqrt(s.m2y);
  return Math.max(-1, Math.min(1, s.cxy / norm));
}

/**
 * Finish a {@link PearsonSummary} into a {@link PearsonResult}.
 *
 * @param summary - From {@link pearsonSummary} or {@link mergePearsonSummaries}.
 * @param options - `confidence`.
 * @returns The result.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` (no pairs), `INSUFFICIENT_DATA` (1 or 2 pairs),
 * `CONSTANT_INPUT`, `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { emptyPearsonSummary, pearsonFromSummary, pearsonSummary } from "cx-metrics";
 * pearsonFromSummary(pearsonSummary([1, 2, 3, 4], [2, 4, 5, 9])).r; //=> ~0.9648
 * pearsonFromSummary(emptyPearsonSummary()); // throws EMPTY_INPUT
 * ```
 * @category Relate
 */
export function pearsonFromSummary(summary: PearsonSummary, options?: CorrelationOptions): PearsonResult {
  const fn = "pearsonFromSummary";
  return finishPearson(fn, checkPearsonSummary(fn, summary), readOptions<CorrelationOptions>(fn, options, CORRELATION_OPTIONS_KEYS));
}

function finishPearson(fn: string, s: PearsonSummary, o: CorrelationOptions): PearsonResult {
  const confidence = readConfidence(fn, o.confidence);
  const r = coefficient(fn, s);
  return {
    r,
    n: s.n,
    ci: fisherInterval(r, s.n > 3 ? 1 / Math.sqrt(s.n - 3) : Infinity, confidence),
    confidence,
    pValue: correlationTTestP(r, s.n),
    method: "pearson",
    inference: "Fisher z interval, se = 1/√(n − 3); Student t test with n − 2 df",
    rSquared: r * r,
  };
}

/**
 * Pearson's product-moment correlation of two variables, with its confidence interval and test.
 *
 * Definition: r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²). Interval: Fisher's z,
 * tanh(atanh r ± z_{(1+c)/2}/√(n − 3)) (Fisher 1921), [−1, 1] for n = 3. Test of ρ = 0: Student's t
 * = r√((n − 2)/(1 − r²)) with n − 2 degrees of freedom, two-sided (as R's `cor.test` and
 * scipy's `pearsonr`). Computed from the co-moments of {@link pearsonSummary}: one pass, stable for
 * data with a large offset (1e9 + small noise keeps its correlation).
 *
 * @param x - First variable (`ArrayLike<number>`).
 * @param y - Second variable, same length.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link PearsonResult}: `r`, `n`, `ci`, `pValue`, `rSquared`, …
 * @throws {@link CxMetricsError} `LENGTH_MISMATCH`, `NON_FINITE`, `INVALID_SCORE` (with the index),
 * `INSUFFICIENT_DATA` (fewer than 3 pairs), `CONSTANT_INPUT` (a variable does not vary),
 * `INVALID_INPUT`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { pearson } from "cx-metrics";
 * const r = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
 * r.r;      //=> ~0.7746
 * r.pValue; //=> ~0.1240
 * ```
 * @category Relate
 */
export function pearson(x: PairInput, y: PairInput, options?: CorrelationOptions): PearsonResult {
  const fn = "pearson";
  const o = readOptions<CorrelationOptions>(fn, options, CORRELATION_OPTIONS_KEYS);
  return finishPearson(fn, summarizePairs(fn, x, y), o);
}

/**
 * The Pearson (co-moments) summary kind: how a {@link PearsonSummary} starts
 * ({@link emptyPearsonSummary}), merges ({@link mergePearsonSummaries}), is checked, counts its
 * pairs and finishes ({@link pearsonFromSummary}), in one object.
 *
 * Definition: the monoid of (n, x̄, ȳ, Σ(x − x̄)², Σ(y − ȳ)², Σ(x − x̄)(y − ȳ)) under Chan, Golub &
 * LeVeque's pairwise merge (1979), with the empty summary (no pairs) its identity; `count` is `n`;
 * `finish(s, { confidence })` is {@link pearsonFromSummary} (`EMPTY_INPUT` for no pairs,
 * `INSUFFICIENT_DATA` for 1 or 2). `check(s)` checks a summary read from JSON, SQL or a worker:
 * `kind` "pearson", `n` a whole number ≥ 0, `m2x` and `m2y` finite and ≥ 0, the means and `cxy`
 * finite, `scaleX`/`scaleY` absent or positive, cxy² ≤ m2x·m2y (Cauchy–Schwarz); it returns a fresh
 * copy of the known fields. The laws of a {@link SummaryKind} hold (property-tested).
 *
 * @throws {@link CxMetricsError} as the functions it is made of: `INVALID_SUMMARY` (`check`,
 * `merge`, `finish`), `EMPTY_INPUT` (`merge` of none, `finish` of an empty summary).
 * @example
 * ```ts
 * import { pearsonKind, pearsonSummary } from "cx-metrics";
 * const s = pearsonKind.merge(pearsonSummary([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), pearsonKind.empty());
 * pearsonKind.finish(s).r; //=> ~0.7746
 * pearsonKind.count(pearsonKind.check(JSON.parse(JSON.stringify(s)))); //=> 5
 * pearsonKind.finish(pearsonKind.empty()); // throws EMPTY_INPUT
 * ```
 * @category Relate
 */
export const pearsonKind: SummaryKind<PearsonSummary, PearsonResult, void, CorrelationOptions> = /* @__PURE__ */ defineSummaryKind({
  kind: "pearson",
  empty: () => emptyPairs(),
  merge: (...summaries: PearsonSummary[]) => mergePearsonSummaries(...summaries),
  check: (summary: unknown, index?: number) => checkPearsonSummary("pearsonKind.check", summary, index),
  count: (summary: PearsonSummary) => summary.n,
  finish: (summary: PearsonSummary, options?: CorrelationOptions) => pearsonFromSummary(summary, options),
});
