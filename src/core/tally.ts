import { fail } from "./errors";
import { type Accessor, describe, type InvalidPolicy, rowAt, scoreMessage, scoreProblem, toArrayLike, unBigInt, type Weights } from "./input";

/**
 * Running tally of scores into bins: raw counts and weighted counts per bin, the sum of squared
 * weights (for Kish's effective sample size), and the numbers of missing and dropped values.
 * @internal
 */
export interface Tally {
  /** Raw count per bin. */
  counts: Float64Array;
  /** Sum of weights per bin (equal to `counts` when unweighted). */
  weighted: Float64Array;
  /** Neumaier compensation per bin for `weighted`. */
  comp: Float64Array;
  /** Sum of squared weights. */
  weightSquares: number;
  /** `null`/`undefined` values seen. */
  skipped: number;
  /** Invalid values dropped under `invalid: "skip"`. */
  invalid: number;
}

/**
 * A fresh, empty tally with `bins` bins.
 * @internal
 * @example
 * ```ts
 * newTally(3).counts; //=> Float64Array [0, 0, 0]
 * ```
 */
export function newTally(bins: number): Tally {
  return {
    counts: new Float64Array(bins),
    weighted: new Float64Array(bins),
    comp: new Float64Array(bins),
    weightSquares: 0,
    skipped: 0,
    invalid: 0,
  };
}

/**
 * Tally `input[start..]` (through `accessor` when given) into `t`. Each valid score s on the integer
 * scale [min, max] goes to bin `lut[s − min]`. Missing values (`null`/`undefined`) are counted in
 * `skipped`; an invalid score or weight throws a {@link CxMetricsError} with its index, or under
 * the `"skip"` policy is counted in `invalid`. Weighted sums use Neumaier's compensated summation
 * (error independent of n to first order). O(n), no allocation per element.
 * @internal
 * @example
 * ```ts
 * const t = newTally(2);
 * tallyScores(t, "f", [1, 2, null], undefined, undefined, "throw", 1, 2, Uint8Array.of(0, 1), 0);
 * t.counts; //=> Float64Array [1, 1]
 * ```
 */
export function tallyScores(
  t: Tally,
  fn: string,
  input: ArrayLike<unknown>,
  accessor: Accessor<any> | undefined,
  weights: Weights<any> | undefined,
  policy: InvalidPolicy,
  min: number,
  max: number,
  lut: ArrayLike<number>,
  start: number,
): void {
  const n = input.length;
  const weightFn = typeof weights === "function" ? weights : undefined;
  let weightArr: ArrayLike<unknown> | undefined;
  if (weights !== undefined) {
    if (weightFn === undefined) {
      if (weights === null || typeof weights !== "object") fail(fn, "INVALID_OPTION", `expected weights to be an array or a function, got ${describe(weights)}`);
      weightArr = toArrayLike(fn, weights, "weights to be an array, typed array, Arrow vector or iterable, or a function");
    }
    if (weightArr !== undefined && weightArr.length !== n) {
      fail(fn, "LENGTH_MISMATCH", `expected ${n} weights (one per value), got ${weightArr.length}`);
    }
    if (weightFn !== undefined && accessor === undefined) {
      fail(fn, "INVALID_OPTION", "a weight function needs rows and an accessor; pass an array of weights with plain values");
    }
  }
  const { counts, weighted, comp } = t;
  let weightSquares = t.weightSquares;
  for (let i = start; i < n; i++) {
    if (accessor !== undefined && (input[i] === null || input[i] === undefined)) {
      // a row that is not there: never call the caller's accessor on it
      if (policy === "skip") {
        t.invalid++;
        continue;
      }
      rowAt(fn, input, i);
    }
    const raw: unknown = accessor === undefined ? input[i] : accessor(input[i], i);
    // a bigint (DuckDB's BIGINT columns) is read as its number; one too large for a double is off
    // every scale anyway, and is refused as OUT_OF_RANGE
    const v = typeof raw === "bigint" ? Number(raw) : raw;
    if (v === null || v === undefined) {
      t.skipped++;
      continue;
    }
    const problem = scoreProblem(v, min, max);
    if (problem !== undefined) {
      if (policy === "skip") {
        t.invalid++;
        continue;
      }
      fail(fn, problem, scoreMessage(problem, raw, i, min, max), i);
    }
    let w = 1;
    if (weights !== undefined) {
      const rawWeight: unknown = weightFn !== undefined ? weightFn(input[i], i) : weightArr![i];
      const wv = unBigInt(rawWeight);
      // 0, or within [1e-100, 1e100], so that squares and sums of weights can neither overflow
      // nor underflow (a survey weight outside that range is a data error, not a weight).
      if (typeof wv !== "number" || !(wv >= 0 && wv <= 1e100) || (wv > 0 && wv < 1e-100)) {
        if (policy === "skip") {
          t.invalid++;
          continue;
        }
        fail(fn, "INVALID_WEIGHT", `expected a weight of 0 or from 1e-100 to 1e100 at index ${i}, got ${describe(wv)}`, i);
      }
      w = wv;
    }
    const b = lut[(v as number) - min]!;
    counts[b]!++;
    // Neumaier's variant of Kahan summation.
    const s = weighted[b]!;
    const sum = s + w;
    comp[b]! += Math.abs(s) >= w ? s - sum + w : w - sum + s;
    weighted[b] = sum;
    weightSquares += w * w;
  }
  t.weightSquares = weightSquares;
}

/**
 * The compensated weighted count of bin `b`.
 * @internal
 * @example
 * ```ts
 * weightedCount(newTally(1), 0); //=> 0
 * ```
 */
export function weightedCount(t: Tally, b: number): number {
  return t.weighted[b]! + t.comp[b]!;
}
