import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { type Accessor, type RowsInput, type ScoreInput, type BaseOptions, describe, readConfidence, readOptions } from "../core/input";
import { wilson } from "../core/proportion";
import { defineSummaryKind, type SummaryKind } from "../core/summary";
import {
  checkDistribution,
  distributionStats,
  meanInterval,
  mergeDistributions,
  readScoreScale,
  type ScoreDistributionSummary,
  type ScorePoint,
  type ScoreScale,
  summarizeDistribution,
} from "./score-distribution";

/**
 * Options of {@link csat} and {@link csatSummary}.
 * @category Survey
 */
export interface CsatOptions<T = unknown> extends BaseOptions<T> {
  /** Integer answer scale; default `{ min: 1, max: 5 }`. */
  scale?: ScoreScale;
  /**
   * Lowest score that counts as satisfied; default `scale.max − 1` (top-2-box: 4–5 on 1–5), or
   * `scale.max` on a two-point scale.
   */
  satisfiedMin?: number;
  /** Confidence level of the intervals; default 0.95. */
  confidence?: number;
}

/**
 * Options of {@link csatSummary}: what shapes the summary (threshold and confidence belong to
 * {@link csatFromSummary}).
 * @category Survey
 */
export type CsatSummaryOptions<T = unknown> = Pick<CsatOptions<T>, "weights" | "invalid" | "scale">;

/**
 * Mergeable CSAT summary: the distribution of answers over the scale.
 * @category Survey
 */
export type CsatSummary = ScoreDistributionSummary<"csat">;

/**
 * Result of {@link csat}. Percentages are in percent (0–100).
 * @category Survey
 */
export interface CsatResult {
  /** CSAT: percent of (weighted) answers at or above `satisfiedMin`. */
  value: number;
  /** Standard error of `value`, √(p(1 − p)/n_eff), in percent. */
  se: number;
  /** Wilson score interval of `value`, in percent. */
  ci: [number, number];
  confidence: number;
  /** Raw number of satisfied answers. */
  satisfied: number;
  satisfiedMin: number;
  n: number;
  effectiveN: number;
  /** Mean score. */
  mean: number;
  /** Sample standard deviation of the scores; `null` with fewer than two (effective) answers. */
  sd: number | null;
  /** Student-t interval of the mean, clamped to the scale; the whole scale when `sd` is `null`. */
  meanCi: [number, number];
  distribution: ScorePoint[];
  scale: ScoreScale;
  skipped: number;
  invalid: number;
}

const DEFAULT_SCALE: ScoreScale = { min: 1, max: 5 };
/** The option keys of {@link csat} (the summary and the finishing options). */
const CSAT_KEYS = ["weights", "invalid", "scale", "satisfiedMin", "confidence"] as const;

/**
 * Summarize CSAT answers into a mergeable {@link CsatSummary} (the distribution of answers).
 *
 * One pass, O(n). Call as `csatSummary(values, options?)` or `csatSummary(rows, accessor, options?)`.
 *
 * @param input - Scores (`ArrayLike<number | null | undefined>`); for rows see the accessor overload.
 * @param options - The options.
 * @returns The summary.
 * @throws {@link CxMetricsError} as {@link csat}.
 * @example
 * ```ts
 * import { csatSummary } from "cx-metrics";
 * csatSummary([5, 4, 4, 2]).counts; //=> [0, 1, 0, 2, 1]
 * ```
 * @category Survey
 */
export function csatSummary(input: ScoreInput, options?: CsatSummaryOptions): CsatSummary;
/**
 * Rows form of {@link csatSummary}: each row's score is read by `accessor` (`null`/`undefined` means
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
 * import { csatSummary } from "cx-metrics";
 * csatSummary([{ q1: 5 }], (row) => row.q1).n; //=> 1
 * ```
 * @category Survey
 */
export function csatSummary<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: CsatSummaryOptions<T>): CsatSummary;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { csatSummary } from "cx-metrics";
 * csatSummary([5, 4, 1, 2]).n; //=> 4
 * ```
 */
export function csatSummary(input: unknown, second?: unknown, third?: unknown): CsatSummary {
  return summarizeCsat("csatSummary", input, second, third);
}

/**
 * Summarize under the name of the calling function.
 * @internal
 * @example
 * ```ts
 * summarizeCsat("compareCsat: group a", [5], undefined, undefined).n; //=> 1
 * ```
 */
export function summarizeCsat(fn: string, input: unknown, second: unknown, third: unknown): CsatSummary {
  const options = readOptions<CsatOptions>(fn, typeof second === "function" ? third : second, CSAT_KEYS);
  const scale = readScoreScale(fn, options.scale, DEFAULT_SCALE);
  return summarizeDistribution("csat", fn, input, second, third, scale);
}

/**
 * The empty CSAT summary on `scale`: the identity of {@link mergeCsatSummaries}.
 *
 * Definition: no answer on any point of the scale (every count and weight zero); the same as
 * `csatSummary([], { scale })`. Legal everywhere a summary is (merge, JSON, {@link csatKind}), and
 * {@link csatFromSummary} of it throws `EMPTY_INPUT`.
 *
 * @param scale - Integer answer scale; default `{ min: 1, max: 5 }`.
 * @returns A summary with every count zero.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a scale that is not integers with min < max
 * (at most 1001 points).
 * @example
 * ```ts
 * import { emptyCsatSummary } from "cx-metrics";
 * emptyCsatSummary().counts; //=> [0, 0, 0, 0, 0]
 * emptyCsatSummary({ min: 0, max: 1 }).n; //=> 0
 * emptyCsatSummary({ min: 5, max: 1 }); // throws INVALID_OPTION
 * ```
 * @category Survey
 */
export function emptyCsatSummary(scale?: ScoreScale): CsatSummary {
  const fn = "emptyCsatSummary";
  return summarizeDistribution("csat", fn, [], undefined, undefined, readScoreScale(fn, scale, DEFAULT_SCALE));
}

/**
 * Merge CSAT summaries: counts added per scale point. Associative and commutative, with the empty
 * summary ({@link emptyCsatSummary}, the same as `csatSummary([])`) as identity.
 *
 * @param summaries - One or more summaries on the same scale.
 * @returns A new summary.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` (malformed, other scale), `EMPTY_INPUT` (none given).
 * @example
 * ```ts
 * import { csatSummary, mergeCsatSummaries } from "cx-metrics";
 * mergeCsatSummaries(csatSummary([5]), csatSummary([1, 4])).counts; //=> [1, 0, 0, 1, 1]
 * ```
 * @category Survey
 */
export function mergeCsatSummaries(...summaries: CsatSummary[]): CsatSummary {
  return mergeDistributions("mergeCsatSummaries", "csat", summaries);
}

/**
 * Finish a {@link CsatSummary} into a {@link CsatResult}.
 *
 * Definitions: CSAT = 100 · (weighted share of answers ≥ `satisfiedMin`), the top-2-box share by
 * default (ACSI/industry convention: "satisfied" or "very satisfied" on 1–5). Interval: Wilson score
 * interval (Wilson 1927), which stays inside [0, 100] and keeps its coverage near 0% and 100%
 * (Brown, Cai & DasGupta 2001); with weights it uses Kish's effective n. Mean: weighted mean with
 * a Student-t interval on n_eff − 1 degrees of freedom.
 *
 * @param summary - From {@link csatSummary} or {@link mergeCsatSummaries}.
 * @param options - `satisfiedMin`, `confidence`.
 * @returns The result.
 * @throws {@link CxMetricsError} `EMPTY_INPUT`, `ZERO_TOTAL_WEIGHT`, `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { csatFromSummary, csatSummary } from "cx-metrics";
 * csatFromSummary(csatSummary([5, 4, 3, 2]), { satisfiedMin: 5 }).value; //=> 25
 * ```
 * @category Survey
 */
export function csatFromSummary(summary: CsatSummary, options?: Pick<CsatOptions, "satisfiedMin" | "confidence">): CsatResult {
  return finishCsat("csatFromSummary", checkDistribution("csatFromSummary", summary, "csat"), readOptions("csatFromSummary", options, ["satisfiedMin", "confidence"]));
}

/**
 * The satisfied threshold and confidence of a CSAT call, checked.
 * @internal
 * @example
 * ```ts
 * readCsatOptions("csat", { min: 1, max: 5 }, {}).satisfiedMin; //=> 4
 * ```
 */
export function readCsatOptions(
  fn: string,
  scale: ScoreScale,
  options: Pick<CsatOptions, "satisfiedMin" | "confidence">,
): { satisfiedMin: number; confidence: number; z: number } {
  const confidence = readConfidence(fn, options.confidence);
  // top-2-box, except on a two-point scale (0/1, yes/no), where only the top box is "satisfied"
  const satisfiedMin = options.satisfiedMin ?? (scale.max - scale.min >= 2 ? scale.max - 1 : scale.max);
  if (!Number.isInteger(satisfiedMin) || satisfiedMin <= scale.min || satisfiedMin > scale.max) {
    fail(fn, "INVALID_OPTION", `expected satisfiedMin to be an integer in (${scale.min}, ${scale.max}], got ${describe(satisfiedMin)}`);
  }
  return { satisfiedMin, confidence, z: zCritical(confidence) };
}

/**
 * Finish a checked summary under the name of the calling function.
 * @internal
 * @example
 * ```ts
 * finishCsat("f", summarizeCsat("f", [5, 1], undefined, undefined), {}).value; //=> 50
 * ```
 */
export function finishCsat(fn: string, s: CsatSummary, options: Pick<CsatOptions, "satisfiedMin" | "confidence">): CsatResult {
  const { satisfiedMin, confidence, z } = readCsatOptions(fn, s.scale, options);
  const st = distributionStats(fn, s);
  const p = st.share(satisfiedMin, s.scale.max);
  const [lo, hi] = wilson(p, st.effectiveN, z);
  let satisfied = 0;
  for (let x = satisfiedMin; x <= s.scale.max; x++) satisfied += s.counts[x - s.scale.min]!;
  const meanCi = meanInterval(st, s.scale, confidence);
  return {
    value: st.percent(satisfiedMin, s.scale.max),
    se: 100 * Math.sqrt((p * (1 - p)) / st.effectiveN),
    ci: [100 * lo, 100 * hi],
    confidence,
    satisfied,
    satisfiedMin,
    n: s.n,
    effectiveN: st.effectiveN,
    mean: st.mean,
    sd: st.sd,
    meanCi,
    distribution: st.distribution,
    scale: { min: s.scale.min, max: s.scale.max },
    skipped: s.skipped,
    invalid: s.invalid,
  };
}

/**
 * The CSAT summary kind: how a {@link CsatSummary} starts ({@link emptyCsatSummary}), merges
 * ({@link mergeCsatSummaries}), is checked, counts its answers and finishes
 * ({@link csatFromSummary}), in one object; {@link csatMetric} and the SQL push-down are built from it.
 *
 * Definition: the monoid of per-scale-point counts and weighted counts under element-wise sums;
 * `empty(scale)` takes the {@link ScoreScale} (default 1–5), `count` is `n` (answers counted),
 * `finish(s, { satisfiedMin, confidence })` is {@link csatFromSummary}. The laws of a
 * {@link SummaryKind} hold: merge is associative and commutative with `empty(scale)` its identity,
 * summaries are plain JSON, and an empty summary finishes to `EMPTY_INPUT`.
 *
 * Source: see {@link csatFromSummary}.
 *
 * @throws {@link CxMetricsError} as the functions it is made of: `INVALID_OPTION` (bad scale for
 * `empty`), `INVALID_SUMMARY` (`check`, `merge`), `EMPTY_INPUT` (`finish` of an empty summary).
 * @example
 * ```ts
 * import { csatKind, csatSummary } from "cx-metrics";
 * const s = csatKind.merge(csatSummary([5, 4]), csatSummary([2, 1]), csatKind.empty());
 * csatKind.finish(s).value; //=> 50
 * csatKind.count(s); //=> 4
 * csatKind.finish(csatKind.empty({ min: 1, max: 7 })); // throws EMPTY_INPUT
 * ```
 * @category Survey
 */
export const csatKind: SummaryKind<CsatSummary, CsatResult, ScoreScale, Pick<CsatOptions, "satisfiedMin" | "confidence">> = /* @__PURE__ */ defineSummaryKind({
  kind: "csat",
  empty: (scale?: ScoreScale) => emptyCsatSummary(scale),
  merge: (...summaries: CsatSummary[]) => mergeCsatSummaries(...summaries),
  check: (summary: unknown, index?: number) => checkDistribution("csatKind.check", summary, "csat", index),
  count: (summary: CsatSummary) => summary.n,
  finish: (summary: CsatSummary, options?: Pick<CsatOptions, "satisfiedMin" | "confidence">) => csatFromSummary(summary, options),
});

/**
 * Customer Satisfaction score (CSAT): the percent of satisfied answers, with its Wilson interval,
 * plus the mean score and the distribution of answers.
 *
 * Definition: see {@link csatFromSummary}. Scale 1–5 and top-2-box by default; any integer scale
 * (`scale: { min: 1, max: 7 }`, `{ min: 0, max: 10 }`) and threshold (`satisfiedMin`) by option.
 * `null`/`undefined` answers are skipped and counted; invalid values throw (or are dropped with
 * `invalid: "skip"`). One pass, O(n).
 *
 * @param input - Scores (`ArrayLike<number | null | undefined>`); for rows see the accessor overload.
 * @param options - The options.
 * @returns The {@link CsatResult}.
 * @throws {@link CxMetricsError} `INVALID_SCORE`, `NON_FINITE`, `OUT_OF_RANGE`, `NOT_INTEGER`,
 * `INVALID_WEIGHT`, `LENGTH_MISMATCH`, `ZERO_TOTAL_WEIGHT`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { csat } from "cx-metrics";
 * const r = csat([5, 5, 4, 4, 4, 3, 3, 2, 1, 5]);
 * r.value; //=> 60
 * r.ci;    //=> ~[31.27, 83.18] (Wilson, 95%)
 * r.mean;  //=> 3.6
 * ```
 * @category Survey
 */
export function csat(input: ScoreInput, options?: CsatOptions): CsatResult;
/**
 * Rows form of {@link csat}: each row's score is read by `accessor` (`null`/`undefined` means
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
 * import { csat } from "cx-metrics";
 * csat([{ q1: 5 }, { q1: 2 }], (row) => row.q1).value; //=> 50
 * ```
 * @category Survey
 */
export function csat<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: CsatOptions<T>): CsatResult;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { csat } from "cx-metrics";
 * csat([5, 4, 1, 2]).value; //=> 50
 * ```
 */
export function csat(input: unknown, second?: unknown, third?: unknown): CsatResult {
  const s = summarizeCsat("csat", input, second, third);
  return finishCsat("csat", s, readOptions("csat", typeof second === "function" ? third : second, CSAT_KEYS));
}
