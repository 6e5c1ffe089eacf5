import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { type Accessor, type RowsInput, type ScoreInput, type BaseOptions, readChoice, readConfidence, readOptions } from "../core/input";
import { wilson } from "../core/proportion";
import { defineSummaryKind, type SummaryKind } from "../core/summary";
import {
  checkDistribution,
  distributionStats,
  meanInterval,
  mergeDistributions,
  type ScoreDistributionSummary,
  type ScorePoint,
  type ScoreScale,
  summarizeDistribution,
} from "./score-distribution";

/**
 * CES questionnaire version.
 *
 * - `"2.0"` (default): "The company made it easy for me to handle my issue", 1 = strongly disagree
 *   … 7 = strongly agree; higher is better; agree = 5–7, neutral = 4, disagree = 1–3.
 * - `"1.0"`: "How much effort did you personally have to put forth to handle your request?",
 *   1 = very low … 5 = very high effort; lower is better; the favourable side is 1–2 (low effort),
 *   neutral 3, unfavourable 4–5.
 * @category Survey
 */
export type CesVersion = "2.0" | "1.0";

/**
 * Options of {@link ces} and {@link cesSummary}.
 * @category Survey
 */
export interface CesOptions<T = unknown> extends BaseOptions<T> {
  /** Questionnaire version; default `"2.0"` (7-point agreement). */
  version?: CesVersion;
  /** Confidence level of the intervals; default 0.95. */
  confidence?: number;
}

/**
 * Options of {@link cesSummary}: what shapes the summary (the confidence level belongs to
 * {@link cesFromSummary}).
 * @category Survey
 */
export type CesSummaryOptions<T = unknown> = Pick<CesOptions<T>, "weights" | "invalid" | "version">;

/**
 * Mergeable CES summary: the distribution of answers; its scale tells the version (1–7 or 1–5).
 * @category Survey
 */
export type CesSummary = ScoreDistributionSummary<"ces">;

/**
 * Result of {@link ces}. Shares are in percent.
 * @category Survey
 */
export interface CesResult {
  /** Mean score (the usual CES figure). */
  mean: number;
  /** Sample standard deviation; `null` with fewer than two (effective) answers. */
  sd: number | null;
  /** Standard error of the mean, sd/√n_eff; `null` when `sd` is. */
  se: number | null;
  /** Student-t interval of the mean, clamped to the scale; the whole scale when `sd` is `null`. */
  ci: [number, number];
  confidence: number;
  /** Percent on the favourable side: agree (5–7) for CES 2.0, low effort (1–2) for CES 1.0. */
  agreeShare: number;
  /** Wilson interval of `agreeShare`, in percent. */
  agreeCi: [number, number];
  neutralShare: number;
  /** Percent on the unfavourable side: disagree (1–3) for 2.0, high effort (4–5) for 1.0. */
  disagreeShare: number;
  /** `agreeShare − disagreeShare`, from −100 to 100. */
  net: number;
  n: number;
  effectiveN: number;
  distribution: ScorePoint[];
  version: CesVersion;
  scale: ScoreScale;
  direction: "higher-is-better" | "lower-is-better";
  skipped: number;
  invalid: number;
}

const VERSIONS: readonly CesVersion[] = ["2.0", "1.0"];
/** The option keys of {@link ces} (the summary and the finishing options). */
const CES_KEYS = ["weights", "invalid", "version", "confidence"] as const;

/**
 * The scale of a CES version.
 * @internal
 * @example
 * ```ts
 * cesScale("1.0"); //=> { min: 1, max: 5 }
 * ```
 */
export function cesScale(version: CesVersion): ScoreScale {
  return version === "2.0" ? { min: 1, max: 7 } : { min: 1, max: 5 };
}

/**
 * Which way is good for a CES version: `"higher-is-better"` for 2.0 (agreement that it was easy),
 * `"lower-is-better"` for 1.0 (effort).
 * @internal
 * @example
 * ```ts
 * cesDirection("1.0"); //=> "lower-is-better"
 * ```
 */
export function cesDirection(version: CesVersion): "higher-is-better" | "lower-is-better" {
  return version === "2.0" ? "higher-is-better" : "lower-is-better";
}

/**
 * The empty CES summary of a version: the identity of {@link mergeCesSummaries}.
 *
 * Definition: no answer on any point of the version's scale (1–7 for 2.0, 1–5 for 1.0); the same
 * as `cesSummary([], { version })`. Legal everywhere a summary is (merge, JSON, {@link cesKind}),
 * and {@link cesFromSummary} of it throws `EMPTY_INPUT`.
 *
 * @param version - Questionnaire version; default `"2.0"`.
 * @returns A summary with every count zero.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a version other than `"2.0"` or `"1.0"`.
 * @example
 * ```ts
 * import { emptyCesSummary } from "cx-metrics";
 * emptyCesSummary().scale; //=> { min: 1, max: 7 }
 * emptyCesSummary("1.0").counts; //=> [0, 0, 0, 0, 0]
 * emptyCesSummary("3.0"); // throws INVALID_OPTION
 * ```
 * @category Survey
 */
export function emptyCesSummary(version?: CesVersion): CesSummary {
  const fn = "emptyCesSummary";
  return summarizeDistribution("ces", fn, [], undefined, undefined, cesScale(readChoice(fn, "version", version, VERSIONS, "2.0")));
}

/**
 * Summarize under the name of the calling function.
 * @internal
 * @example
 * ```ts
 * summarizeCes("compareCes: group a", [7], undefined, undefined).n; //=> 1
 * ```
 */
export function summarizeCes(fn: string, input: unknown, second: unknown, third: unknown): CesSummary {
  const options = readOptions<CesOptions>(fn, typeof second === "function" ? third : second, CES_KEYS);
  const version = readChoice(fn, "version", options.version, VERSIONS, "2.0");
  return summarizeDistribution("ces", fn, input, second, third, cesScale(version));
}

/**
 * Summarize CES answers into a mergeable {@link CesSummary}.
 *
 * @param input - Scores (`ArrayLike<number | null | undefined>`); for rows see the accessor overload.
 * @param options - The options.
 * @returns The summary.
 * @throws {@link CxMetricsError} as {@link ces}.
 * @example
 * ```ts
 * import { cesSummary } from "cx-metrics";
 * cesSummary([7, 6, 6, 2]).counts; //=> [0, 1, 0, 0, 0, 2, 1]
 * ```
 * @category Survey
 */
export function cesSummary(input: ScoreInput, options?: CesSummaryOptions): CesSummary;
/**
 * Rows form of {@link cesSummary}: each row's score is read by `accessor` (`null`/`undefined` means
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
 * import { cesSummary } from "cx-metrics";
 * cesSummary([{ easy: 7 }], (row) => row.easy).counts[6]; //=> 1
 * ```
 * @category Survey
 */
export function cesSummary<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: CesSummaryOptions<T>): CesSummary;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { cesSummary } from "cx-metrics";
 * cesSummary([7, 5, 3]).n; //=> 3
 * ```
 */
export function cesSummary(input: unknown, second?: unknown, third?: unknown): CesSummary {
  return summarizeCes("cesSummary", input, second, third);
}

/**
 * Merge CES summaries of the same version: counts added per scale point. Associative and
 * commutative, with the empty summary ({@link emptyCesSummary}, the same as `cesSummary([])`) as
 * identity.
 *
 * @param summaries - One or more summaries of the same version.
 * @returns A new summary.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` (malformed, other version), `EMPTY_INPUT` (none given).
 * @example
 * ```ts
 * import { cesSummary, mergeCesSummaries } from "cx-metrics";
 * mergeCesSummaries(cesSummary([7]), cesSummary([1])).n; //=> 2
 * ```
 * @category Survey
 */
export function mergeCesSummaries(...summaries: CesSummary[]): CesSummary {
  // Each summary is checked (its scale bounds are integers) before its version is read from them.
  summaries.forEach((s, i) => cesVersionOf("mergeCesSummaries", checkDistribution("mergeCesSummaries", s, "ces", i).scale, i));
  return mergeDistributions("mergeCesSummaries", "ces", summaries);
}

/**
 * The CES version of a checked summary, from its scale.
 * @internal
 * @example
 * ```ts
 * cesVersionOf("f", { min: 1, max: 7 }); //=> "2.0"
 * ```
 */
export function cesVersionOf(fn: string, scale: ScoreScale, index?: number): CesVersion {
  if (scale.min === 1 && scale.max === 7) return "2.0";
  if (scale.min === 1 && scale.max === 5) return "1.0";
  return fail(fn, "INVALID_SUMMARY", `expected a CES scale of 1–7 (2.0) or 1–5 (1.0), got ${scale.min}–${scale.max}`, index);
}

/**
 * Finish a {@link CesSummary} into a {@link CesResult}.
 *
 * Definitions (Dixon, Freeman & Toman 2010, "Stop Trying to Delight Your Customers", Harvard
 * Business Review, for CES 1.0; CEB/Gartner's CES 2.0, 2013): the mean score; the favourable
 * ("agree") and unfavourable shares and their difference `net`. The mean's interval is Student's t
 * on n_eff − 1 degrees of freedom (exact for normal data, a good approximation for a 5- or 7-point
 * scale from about 20 answers), clamped to the scale; the agree share's interval is Wilson's. With
 * weights, the mean and shares are weighted and n_eff is Kish's effective n.
 *
 * @param summary - From {@link cesSummary} or {@link mergeCesSummaries}.
 * @param options - `confidence`.
 * @returns The result.
 * @throws {@link CxMetricsError} `EMPTY_INPUT`, `ZERO_TOTAL_WEIGHT`, `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { cesFromSummary, cesSummary } from "cx-metrics";
 * cesFromSummary(cesSummary([7, 6, 5, 4, 2])).net; //=> 40
 * ```
 * @category Survey
 */
export function cesFromSummary(summary: CesSummary, options?: Pick<CesOptions, "confidence">): CesResult {
  const fn = "cesFromSummary";
  return finishCes(fn, checkDistribution(fn, summary, "ces"), readOptions(fn, options, ["confidence"]));
}

/**
 * Finish a checked summary under the name of the calling function.
 * @internal
 * @example
 * ```ts
 * finishCes("f", summarizeCes("f", [7, 1], undefined, undefined), {}).mean; //=> 4
 * ```
 */
export function finishCes(fn: string, s: CesSummary, options: Pick<CesOptions, "confidence">): CesResult {
  const confidence = readConfidence(fn, options.confidence);
  const version = cesVersionOf(fn, s.scale);
  const st = distributionStats(fn, s);
  const seven = version === "2.0";
  // favourable, neutral and unfavourable ranges of the scale
  const [agree, neutral, disagree] = seven ? [[5, 7], [4, 4], [1, 3]] : [[1, 2], [3, 3], [4, 5]];
  const agreeShare = st.percent(agree[0]!, agree[1]!);
  const disagreeShare = st.percent(disagree[0]!, disagree[1]!);
  const se = st.sd === null ? null : st.sd / Math.sqrt(st.effectiveN);
  const ci = meanInterval(st, s.scale, confidence);
  const [lo, hi] = wilson(st.share(agree[0]!, agree[1]!), st.effectiveN, zCritical(confidence));
  return {
    mean: st.mean,
    sd: st.sd,
    se,
    ci,
    confidence,
    agreeShare,
    agreeCi: [100 * lo, 100 * hi],
    neutralShare: st.percent(neutral[0]!, neutral[1]!),
    disagreeShare,
    net: agreeShare - disagreeShare,
    n: s.n,
    effectiveN: st.effectiveN,
    distribution: st.distribution,
    version,
    scale: { min: s.scale.min, max: s.scale.max },
    direction: cesDirection(version),
    skipped: s.skipped,
    invalid: s.invalid,
  };
}

/**
 * The CES summary kind: how a {@link CesSummary} starts ({@link emptyCesSummary}), merges
 * ({@link mergeCesSummaries}), is checked, counts its answers and finishes
 * ({@link cesFromSummary}), in one object; {@link cesMetric} and the SQL push-down are built from it.
 *
 * Definition: the monoid of per-scale-point counts and weighted counts under element-wise sums;
 * `empty(version)` takes the {@link CesVersion} (default `"2.0"`; the version fixes the scale, 1–7
 * or 1–5, so the parameter is the version rather than a scale), `count` is `n` (answers counted),
 * `finish(s, { confidence })` is {@link cesFromSummary}. The laws of a {@link SummaryKind} hold:
 * merge is associative and commutative with `empty(version)` its identity, summaries are plain
 * JSON, and an empty summary finishes to `EMPTY_INPUT`.
 *
 * Source: see {@link cesFromSummary}.
 *
 * @throws {@link CxMetricsError} as the functions it is made of: `INVALID_OPTION` (bad version for
 * `empty`), `INVALID_SUMMARY` (`check`, `merge`, a scale of no CES version), `EMPTY_INPUT`
 * (`finish` of an empty summary).
 * @example
 * ```ts
 * import { cesKind, cesSummary } from "cx-metrics";
 * const s = cesKind.merge(cesSummary([7, 6], { version: "2.0" }), cesKind.empty("2.0"));
 * cesKind.finish(s).mean; //=> 6.5
 * cesKind.count(s); //=> 2
 * cesKind.finish(cesKind.empty("1.0")); // throws EMPTY_INPUT
 * ```
 * @category Survey
 */
export const cesKind: SummaryKind<CesSummary, CesResult, CesVersion, Pick<CesOptions, "confidence">> = /* @__PURE__ */ defineSummaryKind({
  kind: "ces",
  empty: (version?: CesVersion) => emptyCesSummary(version),
  merge: (...summaries: CesSummary[]) => mergeCesSummaries(...summaries),
  check: (summary: unknown, index?: number) => {
    const s = checkDistribution("cesKind.check", summary, "ces", index);
    cesVersionOf("cesKind.check", s.scale, index);
    return s;
  },
  count: (summary: CesSummary) => summary.n,
  finish: (summary: CesSummary, options?: Pick<CesOptions, "confidence">) => cesFromSummary(summary, options),
});

/**
 * Customer Effort Score (CES): mean effort score with its t interval, the agree/neutral/disagree
 * shares and the net score.
 *
 * Definition: see {@link cesFromSummary}. CES 2.0 (1–7 agreement, higher is better) by default;
 * CES 1.0 (1–5 effort, lower is better) with `version: "1.0"`. `null`/`undefined` answers are
 * skipped and counted; invalid values throw (or are dropped with `invalid: "skip"`). One pass, O(n).
 *
 * @param input - Scores (`ArrayLike<number | null | undefined>`); for rows see the accessor overload.
 * @param options - The options.
 * @returns The {@link CesResult}.
 * @throws {@link CxMetricsError} `INVALID_SCORE`, `NON_FINITE`, `OUT_OF_RANGE`, `NOT_INTEGER`,
 * `INVALID_WEIGHT`, `LENGTH_MISMATCH`, `ZERO_TOTAL_WEIGHT`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { ces } from "cx-metrics";
 * const r = ces([1, 2, 3, 4, 5, 6, 7, 7, 6, 5]);
 * r.mean;       //=> 4.6
 * r.ci;         //=> ~[3.122, 6.078] (t, 9 df)
 * r.agreeShare; //=> 60
 * r.net;        //=> 30
 * ```
 * @category Survey
 */
export function ces(input: ScoreInput, options?: CesOptions): CesResult;
/**
 * Rows form of {@link ces}: each row's score is read by `accessor` (`null`/`undefined` means
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
 * import { ces } from "cx-metrics";
 * ces([{ easy: 7 }, { easy: 5 }], (row) => row.easy).mean; //=> 6
 * ```
 * @category Survey
 */
export function ces<T>(input: RowsInput<T>, accessor: Accessor<T>, options?: CesOptions<T>): CesResult;
/**
 * Both forms take the same path: the second argument is an accessor when it is a function,
 * otherwise the options.
 * @example
 * ```ts
 * import { ces } from "cx-metrics";
 * ces([7, 5, 3]).mean; //=> 5
 * ```
 */
export function ces(input: unknown, second?: unknown, third?: unknown): CesResult {
  const s = summarizeCes("ces", input, second, third);
  return finishCes("ces", s, readOptions("ces", typeof second === "function" ? third : second, CES_KEYS));
}
