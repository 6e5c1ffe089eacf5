import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { readChoice, readConfidence, readOptions } from "../core/input";
import { ratio, twoSidedP } from "../core/test-stat";
import {
  checkNpsSummary,
  countsSummary,
  effectiveCounts,
  finishNps,
  type NpsCounts,
  type NpsResult,
  type NpsScale,
  type NpsSummary,
  summarizeNps,
} from "./nps";
import { waldParts } from "./nps-interval";

/**
 * One group of {@link compareNps}: scores, a tally, or a summary.
 * @category Survey
 */
export type NpsSample = ArrayLike<number | null | undefined> | NpsCounts | NpsSummary;

/**
 * Options of {@link compareNps}.
 * @category Survey
 */
export interface CompareNpsOptions {
  /** Confidence level of `ci`; default 0.95. */
  confidence?: number;
  /** `"adjusted-wald"` (default) or `"wald"`. */
  method?: "wald" | "adjusted-wald";
  /** Custom scale breaks for score arrays. */
  scale?: NpsScale;
}

/**
 * Result of {@link compareNps}; NPS points on the −100..100 scale.
 * @category Survey
 */
export interface CompareNpsResult {
  /** Observed difference b − a of the two scores. */
  difference: number;
  /** Difference of the adjusted estimates (equals `difference` for `"wald"`); the centre of `ci`. */
  adjustedDifference: number;
  /** Standard error of the difference. */
  se: number;
  /** Confidence interval of b − a, clamped to [−200, 200]. */
  ci: [number, number];
  /** Test statistic `adjustedDifference / se`. */
  z: number;
  /** Two-sided p-value of "no difference". */
  pValue: number;
  confidence: number;
  method: "wald" | "adjusted-wald";
  /** The two groups' own results (same method and confidence). */
  a: NpsResult;
  b: NpsResult;
}

/** Read one group; errors name the function and the group ("compareNps: group b: ..."). */
function toSummary(fn: string, x: NpsSample, scale: NpsScale | undefined): NpsSummary {
  if (x !== null && typeof x === "object" && "kind" in x) return checkNpsSummary(fn, x);
  if (x !== null && typeof x === "object" && ("value" in x || "effectiveN" in x)) {
    // an NpsResult: it has counts, but not the weights behind its value
    fail(fn, "INVALID_INPUT", "expected scores, a { promoters, passives, detractors } tally or a summary; got a result of nps() — pass npsSummary(...) to keep the weights");
  }
  if (x !== null && typeof x === "object" && typeof (x as ArrayLike<unknown>).length === "number") {
    return summarizeNps(fn, x, scale === undefined ? {} : { scale }, undefined);
  }
  return countsSummary(fn, x as NpsCounts);
}

/**
 * Compare the Net Promoter Scores of two independent samples (two groups, or two periods with
 * different respondents): the difference b − a, its interval and a two-sided z test.
 *
 * Definition: with each group's estimate and standard error (Wald: the observed NPS and √(v/n);
 * adjusted Wald: both after adding 0.75/1.5/0.75 pseudo-responses per group, as MeasuringU's
 * "Comparing Two Net Promoter Scores" and Rocks 2016), d = NPS_b − NPS_a of those estimates
 * (`adjustedDifference`), se = √(se_a² + se_b²), ci = d ± z·se, z = d/se, p = 2Φ(−|z|).
 * `difference` is always the observed difference; with `"adjusted-wald"` the interval and the test
 * use the adjusted one, which is pulled towards 0, so for tiny samples the interval can exclude
 * the observed difference (3 promoters against 3 detractors: −200 observed, [−180, −20]).
 * Weighted groups (summaries with weights) use Kish's effective n. When the two groups have no
 * variance at all (`"wald"` with every answer in one category), se = 0 and z is 0 for equal scores
 * and ±Infinity otherwise. Not for the same respondents asked twice (paired data).
 *
 * @param a - The first group (the reference).
 * @param b - The second group.
 * @param options - `confidence`, `method`, `scale`.
 * @returns The comparison.
 * @throws {@link CxMetricsError} as {@link nps} and {@link npsFromCounts} for each group
 * (`EMPTY_INPUT` for an empty group), `INVALID_OPTION`.
 * @example
 * ```ts
 * import { compareNps } from "cx-metrics";
 * const r = compareNps(
 *   { promoters: 50, passives: 30, detractors: 20 },
 *   { promoters: 60, passives: 25, detractors: 15 },
 * );
 * r.difference; //=> ~15
 * r.pValue;     //=> ~0.170
 * ```
 * @category Survey
 */
export function compareNps(a: NpsSample, b: NpsSample, options?: CompareNpsOptions): CompareNpsResult {
  const fn = "compareNps";
  const o = readOptions<CompareNpsOptions>(fn, options, ["confidence", "method", "scale"]);
  const confidence = readConfidence(fn, o.confidence);
  const method = readChoice(fn, "method", o.method, ["wald", "adjusted-wald"], "adjusted-wald");
  const ga = `${fn}: group a`;
  const gb = `${fn}: group b`;
  const sa = toSummary(ga, a, o.scale);
  const sb = toSummary(gb, b, o.scale);
  const x = sa.scale;
  const y = sb.scale;
  if (x.min !== y.min || x.max !== y.max || x.passiveMin !== y.passiveMin || x.promoterMin !== y.promoterMin) {
    fail(fn, "INVALID_SUMMARY", "expected both groups on the same scale and breaks");
  }
  const ra = finishNps(ga, sa, { confidence, method });
  const rb = finishNps(gb, sb, { confidence, method });
  const adjusted = method === "adjusted-wald";
  const parts = (s: NpsSummary) => {
    const [pe, ae, de] = effectiveCounts(s);
    return waldParts(pe, ae, de, adjusted);
  };
  const pa = parts(sa);
  const pb = parts(sb);
  const d = 100 * (pb.center - pa.center);
  const se = 100 * Math.sqrt(pa.se * pa.se + pb.se * pb.se);
  const half = zCritical(confidence) * se;
  const z = ratio(d, se);
  return {
    difference: rb.value - ra.value,
    adjustedDifference: d,
    se,
    ci: [Math.max(-200, d - half), Math.min(200, d + half)],
    z,
    pValue: twoSidedP(z),
    confidence,
    method,
    a: ra,
    b: rb,
  };
}
