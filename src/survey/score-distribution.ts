/**
 * The mergeable summary shared by CSAT and CES: the (weighted) distribution of answers over an
 * integer scale. Internal; csat.ts and ces.ts export the public functions.
 * @module
 */
import { tCritical } from "../core/critical";
import { fail } from "../core/errors";
import { type BaseOptions, describe, readChoice, splitArgs } from "../core/input";
import { checkCount, checkKind, checkWeightTotals, kishEffectiveN } from "../core/summary";
import { newTally, tallyScores, weightedCount } from "../core/tally";

/**
 * An integer answer scale from `min` to `max`.
 * @category Survey
 */
export interface ScoreScale {
  min: number;
  max: number;
}

/**
 * Mergeable summary of answers on an integer scale: raw and weighted counts per scale point.
 * @category Survey
 */
export interface ScoreDistributionSummary<K extends string> {
  kind: K;
  scale: ScoreScale;
  /** Answers counted. */
  n: number;
  /** Raw count per scale point, `counts[i]` for score `scale.min + i`. */
  counts: number[];
  /** Sum of weights per scale point (equal to `counts` when unweighted). */
  weights: number[];
  /** Sum of squared weights, for Kish's effective sample size. */
  weightSquares: number;
  skipped: number;
  invalid: number;
}

/**
 * One scale point of a result's distribution.
 * @category Survey
 */
export interface ScorePoint {
  score: number;
  /** Raw number of answers. */
  count: number;
  /** Weighted share of answers, in percent. */
  share: number;
}

/**
 * Read and check an integer scale option.
 * @internal
 * @example
 * ```ts
 * readScoreScale("csat", undefined, { min: 1, max: 5 }); //=> { min: 1, max: 5 }
 * ```
 */
export function readScoreScale(
  fn: string,
  scale: unknown,
  fallback: ScoreScale,
  code: "INVALID_OPTION" | "INVALID_SUMMARY" = "INVALID_OPTION",
  index?: number,
): ScoreScale {
  if (scale === undefined) return { ...fallback };
  const s = scale as ScoreScale;
  if (
    s === null ||
    typeof s !== "object" ||
    !Number.isInteger(s.min) ||
    !Number.isInteger(s.max) ||
    !(s.min < s.max) ||
    s.max - s.min > 1000
  ) {
    fail(fn, code, `expected scale { min, max } of integers with min < max (at most 1001 points), got ${describe(scale)}`, index);
  }
  return { min: s.min, max: s.max };
}

/**
 * Summarize answers into a {@link ScoreDistributionSummary} of the given kind.
 * @internal
 * @example
 * ```ts
 * summarizeDistribution("csat", "csatSummary", [5, 4, null], undefined, undefined, { min: 1, max: 5 }).counts; //=> [0, 0, 0, 1, 1]
 * ```
 */
export function summarizeDistribution<K extends string>(
  kind: K,
  fn: string,
  input: unknown,
  second: unknown,
  third: unknown,
  scale: ScoreScale,
): ScoreDistributionSummary<K> {
  const { input: values, accessor, options } = splitArgs<BaseOptions>(fn, input, second, third);
  const policy = readChoice(fn, "invalid", options.invalid, ["throw", "skip"], "throw");
  const size = scale.max - scale.min + 1;
  const lut = new Uint16Array(size);
  for (let i = 0; i < size; i++) lut[i] = i;
  const t = newTally(size);
  tallyScores(t, fn, values, accessor, options.weights, policy, scale.min, scale.max, lut, 0);
  const counts = Array.from(t.counts);
  return {
    kind,
    scale,
    n: counts.reduce((a, b) => a + b, 0),
    counts,
    weights: counts.map((_, i) => weightedCount(t, i)),
    weightSquares: t.weightSquares,
    skipped: t.skipped,
    invalid: t.invalid,
  };
}

/**
 * Check a distribution summary read from anywhere (JSON included), and return a fresh copy of its
 * known fields (unknown fields are dropped; the arrays are copied).
 * @internal
 * @example
 * ```ts
 * checkDistribution("f", summarizeDistribution("csat", "f", [5], undefined, undefined, { min: 1, max: 5 }), "csat").n; //=> 1
 * ```
 */
export function checkDistribution<K extends string>(fn: string, s: unknown, kind: K, index?: number): ScoreDistributionSummary<K> {
  checkKind(fn, s, kind, index);
  const d = s as ScoreDistributionSummary<K>;
  const scale = readScoreScale(fn, d.scale, { min: 0, max: 1 }, "INVALID_SUMMARY", index);
  for (const f of ["n", "skipped", "invalid"]) checkCount(fn, d, f, true, index);
  checkCount(fn, d, "weightSquares", false, index);
  const size = scale.max - scale.min + 1;
  if (!Array.isArray(d.counts) || !Array.isArray(d.weights) || d.counts.length !== size || d.weights.length !== size) {
    fail(fn, "INVALID_SUMMARY", `expected counts and weights arrays of length ${size} (one per scale point)`, index);
  }
  let n = 0;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const count = checkCount(fn, d.counts, String(i), true, index);
    const weight = checkCount(fn, d.weights, String(i), false, index);
    if (count === 0 && weight > 0) fail(fn, "INVALID_SUMMARY", `expected no weight on scale point ${scale.min + i}, which has no answers`, index);
    n += count;
    total += weight;
  }
  if (n !== d.n) fail(fn, "INVALID_SUMMARY", "expected n to equal the sum of counts", index);
  checkWeightTotals(fn, n, total, d.weightSquares, index);
  // A fresh summary of the known fields only: unknown fields of a summary read from JSON are not
  // carried into a result or a merge.
  return {
    kind,
    scale,
    n: d.n,
    counts: d.counts.slice(),
    weights: d.weights.slice(),
    weightSquares: d.weightSquares,
    skipped: d.skipped,
    invalid: d.invalid,
  };
}

/**
 * Merge distribution summaries of one kind and scale: element-wise sums. Associative,
 * commutative, with the empty summary as identity.
 * @internal
 * @example
 * ```ts
 * const s = mergeDistributions("f", "csat", [summarizeDistribution("csat", "f", [5, 4], undefined, undefined, { min: 1, max: 5 }), summarizeDistribution("csat", "f", [4], undefined, undefined, { min: 1, max: 5 })]);
 * s.counts; //=> [0, 0, 0, 2, 1]
 * ```
 */
export function mergeDistributions<K extends string>(
  fn: string,
  kind: K,
  summaries: readonly ScoreDistributionSummary<K>[],
): ScoreDistributionSummary<K> {
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  // checkDistribution returns a fresh copy of the known fields: the merge owns it.
  const out = checkDistribution(fn, summaries[0], kind, 0);
  for (let i = 1; i < summaries.length; i++) {
    const s = checkDistribution(fn, summaries[i], kind, i);
    if (s.scale.min !== out.scale.min || s.scale.max !== out.scale.max) {
      fail(fn, "INVALID_SUMMARY", `expected summaries on the same scale; summary ${i} is on ${s.scale.min}–${s.scale.max}`, i);
    }
    out.n += s.n;
    out.weightSquares += s.weightSquares;
    out.skipped += s.skipped;
    out.invalid += s.invalid;
    for (let j = 0; j < out.counts.length; j++) {
      out.counts[j]! += s.counts[j]!;
      out.weights[j]! += s.weights[j]!;
    }
  }
  return out;
}

/**
 * Moments of a distribution summary, with Kish's effective n.
 * @internal
 */
export interface DistributionStats {
  totalWeight: number;
  effectiveN: number;
  mean: number;
  /** Sample standard deviation with the effective-n correction; `null` when effectiveN ≤ 1. */
  sd: number | null;
  /** Weighted share of answers with score in [lo, hi], as a fraction. */
  share: (lo: number, hi: number) => number;
  /** The same share in percent, computed as 100·w/total (correctly rounded for whole counts). */
  percent: (lo: number, hi: number) => number;
  distribution: ScorePoint[];
}

/**
 * Student-t interval of the mean, m ± t_{n_eff − 1}·sd/√n_eff, clamped to the scale. The whole scale
 * when there is no spread estimate (`sd` null) or the critical value is unbounded (n_eff barely
 * above 1); the single point m when every answer is the same (sd = 0), as the t interval gives.
 * @internal
 * @example
 * ```ts
 * meanInterval({ mean: 7, sd: 0, effectiveN: 2 }, { min: 1, max: 7 }, 0.95); //=> [7, 7]
 * ```
 */
export function meanInterval(st: Pick<DistributionStats, "mean" | "sd" | "effectiveN">, scale: ScoreScale, confidence: number): [number, number] {
  if (st.sd === null) return [scale.min, scale.max];
  if (st.sd === 0) return [st.mean, st.mean];
  const half = tCritical(confidence, st.effectiveN - 1) * (st.sd / Math.sqrt(st.effectiveN));
  if (!Number.isFinite(half)) return [scale.min, scale.max];
  return [Math.max(scale.min, st.mean - half), Math.min(scale.max, st.mean + half)];
}

function weightIn(s: ScoreDistributionSummary<string>, lo: number, hi: number): number {
  let w = 0;
  for (let x = Math.max(lo, s.scale.min); x <= Math.min(hi, s.scale.max); x++) w += s.weights[x - s.scale.min]!;
  return w;
}

/**
 * Mean, standard deviation and shares of a checked, non-empty summary.
 *
 * Weighted mean m = Σw·x/Σw; variance Σw(x − m)²/Σw · n_eff/(n_eff − 1) with n_eff Kish's
 * effective n, which is the usual n − 1 sample variance when every weight is 1. Two passes over the
 * scale points (not the data), so no cancellation.
 * @internal
 * @example
 * ```ts
 * const st = distributionStats("f", summarizeDistribution("csat", "f", [5, 4, 3], undefined, undefined, { min: 1, max: 5 }));
 * [st.mean, st.sd]; //=> [4, 1]
 * distributionStats("f", summarizeDistribution("csat", "f", [], undefined, undefined, { min: 1, max: 5 })); // throws EMPTY_INPUT
 * ```
 */
export function distributionStats(fn: string, s: ScoreDistributionSummary<string>): DistributionStats {
  if (s.n === 0) fail(fn, "EMPTY_INPUT", `expected at least one valid score, got none (${s.skipped} missing, ${s.invalid} invalid)`);
  const { min } = s.scale;
  let total = 0;
  let sum = 0;
  let points = 0;
  let only = 0;
  for (let i = 0; i < s.weights.length; i++) {
    const w = s.weights[i]!;
    total += w;
    sum += w * i;
    if (w > 0) {
      points++;
      only = i;
    }
  }
  if (!(total > 0)) fail(fn, "ZERO_TOTAL_WEIGHT", "expected a positive total weight, got 0");
  // With one answered scale point the mean is that point exactly and the spread exactly 0:
  // (x·W)/W may be off by an ulp, which would put the mean off the scale and invert its interval.
  const mean = points === 1 ? min + only : Math.min(s.scale.max, Math.max(min, min + sum / total));
  let ss = 0;
  if (points > 1) for (let i = 0; i < s.weights.length; i++) ss += s.weights[i]! * (min + i - mean) ** 2;
  const effectiveN = kishEffectiveN(total, s.weightSquares);
  return {
    totalWeight: total,
    effectiveN,
    mean,
    sd: effectiveN > 1 ? Math.sqrt((ss / total) * (effectiveN / (effectiveN - 1))) : null,
    share: (lo, hi) => weightIn(s, lo, hi) / total,
    // (100·w)/W can round above 100 when w = W is a weighted sum: clamp to the true bound
    percent: (lo, hi) => Math.min(100, (100 * weightIn(s, lo, hi)) / total),
    distribution: s.counts.map((count, i) => ({ score: min + i, count, share: (100 * s.weights[i]!) / total })),
  };
}
