import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { readChoice, readConfidence, readOptions, type ScoreInput } from "../core/input";
import { ratio, twoSidedP } from "../core/test-stat";
import {
  checkNpsSummary,
  countsSummary,
  effectiveCounts,
  finishNps,
  type NpsCounts,
  type NpsMethod,
  type NpsResult,
  type NpsScale,
  type NpsSummary,
  summarizeNps,
} from "./nps";
import { npsDifferenceScore } from "./nps-difference-interval";
import { waldParts } from "./nps-interval";
import { isResult, npsResultSummary } from "./result-summary";

/**
 * One group of {@link compareNps}: scores, a tally, a summary, or an unweighted result of
 * {@link nps} / {@link npsFromCounts}.
 * @category Survey
 */
export type NpsSample = ScoreInput | NpsCounts | NpsSummary | NpsResult;

/**
 * Options of {@link compareNps}.
 * @category Survey
 */
export interface CompareNpsOptions {
  /** Confidence level of `ci`; default 0.95. */
  confidence?: number;
  /** `"adjusted-wald"` (default), `"wald"` or `"tango"` (score interval of the difference). */
  method?: NpsMethod;
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
  /**
   * Difference of the adjusted estimates, the centre of `ci`, for `"adjusted-wald"`; the observed
   * difference for `"wald"` (from the effective counts) and `"tango"` (equal to `difference`).
   */
  adjustedDifference: number;
  /** Standard error of the difference (adjusted for `"adjusted-wald"`, Wald otherwise). */
  se: number;
  /** Confidence interval of b − a, clamped to [−200, 200]. */
  ci: [number, number];
  /** Test statistic: `adjustedDifference / se`, or Tango's score statistic Z(0) for `"tango"`. */
  z: number;
  /** Two-sided p-value of "no difference", 2Φ(−|z|). */
  pValue: number;
  confidence: number;
  method: NpsMethod;
  /** The two groups' own results (same method and confidence). */
  a: NpsResult;
  b: NpsResult;
}

/**
 * Read one group; errors name the function and the group ("compareNps: group b: ..."). A result
 * has no scale of its own: it is read on `scale` (the other group's, or the option's).
 */
function toSummary(fn: string, x: NpsSample, scale: NpsScale | undefined, resultScale?: NpsScale): NpsSummary {
  if (x !== null && typeof x === "object" && "kind" in x) return checkNpsSummary(fn, x);
  if (isResult(x)) return npsResultSummary(fn, x, resultScale!);
  // scores as users hold them: arrays, typed arrays, Arrow vectors, any other iterable
  if (x !== null && typeof x === "object" && (typeof (x as ArrayLike<unknown>).length === "number" || typeof (x as Iterable<unknown>)[Symbol.iterator] === "function")) {
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
 * `"tango"`: the score interval of the difference of two independent trinomials. For a
 * hypothesised δ = NPS_b − NPS_a, Z(δ) = (d̂ − δ) / √(V_a(θ̃_δ)/n_a + V_b(θ̃_δ)/n_b) with
 * V(p) = p₊ + p₋ − (p₊ − p₋)² and θ̃_δ the maximum-likelihood shares of the two groups constrained
 * to that difference; ci = { δ : |Z(δ)| ≤ z }, and `z` is Z(0). This is the construction of
 * Miettinen & Nurminen (1985, "Comparative analysis of two rates", Statistics in Medicine 4) for
 * two proportions, with the NPS variance of Tango's one-sample score interval (Tango 1998,
 * Statistics in Medicine 17) and, like Tango's, without Miettinen & Nurminen's N/(N − 1) factor.
 * The restricted estimate maximises the sum of the groups' profile log-likelihoods (zero cells
 * included), and each end is found by root finding to a few ulps; an independent scipy
 * implementation agrees to 5·10⁻⁸ points. It never collapses to a point, always contains the
 * observed difference and keeps its coverage for small groups and scores near ±100. Weighted
 * groups use their effective counts n_eff·share, as the Wald methods do; `se` is then the Wald
 * standard error, for reference.
 *
 * Each group can be scores, a `{ promoters, passives, detractors }` tally, a summary, or the result
 * of {@link nps} or {@link npsFromCounts} when it was computed without weights (a result keeps the
 * weighted shares but not the weights; pass the weighted summary instead). A result does not
 * record its scale: it is taken to be on the other group's scale (or `scale`, or 0–10). Its own
 * `method` and `confidence` are ignored; `a` and `b` are finished again with the comparison's.
 *
 * @param a - The first group (the reference).
 * @param b - The second group.
 * @param options - `confidence`, `method`, `scale`.
 * @returns The comparison.
 * @throws {@link CxMetricsError} as {@link nps} and {@link npsFromCounts} for each group
 * (`EMPTY_INPUT` for an empty group), `INVALID_INPUT` for a result computed with weights (or one
 * missing its counts, shares or effective n), `INVALID_SUMMARY` for groups on different scales,
 * `INVALID_OPTION`.
 * @example
 * ```ts
 * import { compareNps, nps } from "cx-metrics";
 * const r = compareNps(
 *   { promoters: 50, passives: 30, detractors: 20 },
 *   { promoters: 60, passives: 25, detractors: 15 },
 * );
 * r.difference; //=> ~15
 * r.pValue;     //=> ~0.170
 * const t = compareNps(nps([10, 9, 9, 8, 3]), nps([10, 10, 9, 9, 9, 7, 8, 6]), { method: "tango" });
 * t.difference; //=> 10 (40 for a, 50 for b)
 * t.ci;         //=> ~[-68.68, 96.65]
 * ```
 * @category Survey
 */
export function compareNps(a: NpsSample, b: NpsSample, options?: CompareNpsOptions): CompareNpsResult {
  const fn = "compareNps";
  const o = readOptions<CompareNpsOptions>(fn, options, ["confidence", "method", "scale"]);
  const confidence = readConfidence(fn, o.confidence);
  const method = readChoice(fn, "method", o.method, ["wald", "adjusted-wald", "tango"], "adjusted-wald");
  const ga = `${fn}: group a`;
  const gb = `${fn}: group b`;
  // a result takes the scale of the other group (it has none of its own), else the option's
  let sa = isResult(a) ? undefined : toSummary(ga, a, o.scale);
  let sb = isResult(b) ? undefined : toSummary(gb, b, o.scale);
  const shared = sa?.scale ?? sb?.scale ?? summarizeNps(fn, [], o.scale === undefined ? {} : { scale: o.scale }, undefined).scale;
  sa ??= toSummary(ga, a, o.scale, shared);
  sb ??= toSummary(gb, b, o.scale, shared);
  const x = sa.scale;
  const y = sb.scale;
  if (x.min !== y.min || x.max !== y.max || x.passiveMin !== y.passiveMin || x.promoterMin !== y.promoterMin) {
    fail(fn, "INVALID_SUMMARY", "expected both groups on the same scale and breaks");
  }
  const ra = finishNps(ga, sa, { confidence, method });
  const rb = finishNps(gb, sb, { confidence, method });
  const [pa, aa, da] = effectiveCounts(sa);
  const [pb, ab, db] = effectiveCounts(sb);
  const wa = waldParts(pa, aa, da, method === "adjusted-wald");
  const wb = waldParts(pb, ab, db, method === "adjusted-wald");
  const se = 100 * Math.sqrt(wa.se * wa.se + wb.se * wb.se);
  let d: number;
  let z: number;
  let ci: [number, number];
  if (method === "tango") {
    const t = npsDifferenceScore([pa, aa, da], [pb, ab, db], zCritical(confidence));
    d = rb.value - ra.value;
    z = t.z;
    ci = [100 * t.lower, 100 * t.upper];
  } else {
    d = 100 * (wb.center - wa.center);
    z = ratio(d, se);
    const half = zCritical(confidence) * se;
    ci = [Math.max(-200, d - half), Math.min(200, d + half)];
  }
  return {
    difference: rb.value - ra.value,
    adjustedDifference: d,
    se,
    ci,
    z,
    pValue: twoSidedP(z),
    confidence,
    method,
    a: ra,
    b: rb,
  };
}
