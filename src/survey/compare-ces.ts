import { tCritical } from "../core/critical";
import { fail } from "../core/errors";
import { readChoice, readConfidence, readOptions, type ScoreInput } from "../core/input";
import { studentTCdf } from "../core/student-t";
import { ratio } from "../core/test-stat";
import { type CesResult, type CesSummary, type CesVersion, cesVersionOf, finishCes, summarizeCes } from "./ces";
import { distributionResultSummary, isResult } from "./result-summary";
import { checkDistribution } from "./score-distribution";

/**
 * One group of {@link compareCes}: scores, a summary, or an unweighted result of {@link ces}.
 * @category Survey
 */
export type CesSample = ScoreInput | CesSummary | CesResult;

/**
 * Options of {@link compareCes}.
 * @category Survey
 */
export interface CompareCesOptions {
  confidence?: number;
  /** Version of score arrays; default `"2.0"`. */
  version?: CesVersion;
}

/**
 * Result of {@link compareCes}.
 * @category Survey
 */
export interface CompareCesResult {
  /** Difference of the mean scores, b − a. */
  difference: number;
  /** Standard error √(s_a²/n_a + s_b²/n_b). */
  se: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Welch's t statistic, difference / se. */
  t: number;
  /** Two-sided p-value from Student's t with `df` degrees of freedom. */
  pValue: number;
  /** Interval of b − a: difference ± t_{df}·se. */
  ci: [number, number];
  confidence: number;
  method: "welch";
  a: CesResult;
  b: CesResult;
}

/** Read one group; errors name the function and the group ("compareCes: group b: ..."). */
function toSummary(fn: string, x: CesSample, version: CesVersion): CesSummary {
  if (x !== null && typeof x === "object" && "kind" in x) return checkDistribution(fn, x, "ces");
  if (isResult(x)) {
    const v = (x as Partial<CesResult>).version;
    if (v !== "2.0" && v !== "1.0") {
      fail(fn, "INVALID_INPUT", `expected scores, a summary or a result of ces(); got a result without a CES version${"satisfiedMin" in x ? " (a result of csat()?)" : ""}`);
    }
    const s = distributionResultSummary(fn, x, "ces", "ces()", "cesSummary(scores, { weights })");
    if (cesVersionOf(fn, s.scale) !== v) fail(fn, "INVALID_INPUT", `expected a result of ces() whose scale (${s.scale.min}–${s.scale.max}) is that of its version ${v}`);
    return s;
  }
  return summarizeCes(fn, x, { version }, undefined);
}

/**
 * Compare the mean Customer Effort Score of two independent groups or periods with Welch's t test.
 *
 * Definition (Welch 1947): d = m_b − m_a, se = √(s_a²/n_a + s_b²/n_b), t = d/se,
 * df = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)), p = 2·P(T_df ≥ |t|),
 * ci = d ± t_{df, (1+c)/2}·se. Welch's test does not assume equal variances. Weighted summaries use
 * weighted means and variances with Kish's effective n. When both groups have zero variance, t is
 * 0 for equal means and ±Infinity otherwise, with df = n_a + n_b − 2.
 *
 * Each group can be scores, a summary, or the result of {@link ces} when it was computed without
 * weights: it is read back from its `distribution` (count and share per score), so a result
 * without its distribution (trimmed before it was stored) is refused, and so is a weighted result,
 * which keeps the weighted shares but not the weights (pass the weighted summary instead). A
 * result's version is its own (`version` applies to score arrays). `a` and `b` are finished again
 * with the comparison's `confidence`.
 *
 * @param a - The first group (reference).
 * @param b - The second group.
 * @param options - `confidence`, `version`.
 * @returns The comparison.
 * @throws {@link CxMetricsError} as {@link ces} for each group; `INSUFFICIENT_DATA` when a group has
 * fewer than two (effective) answers; `INVALID_SUMMARY` when the versions differ; `INVALID_INPUT`
 * for a result computed with weights or one without its distribution.
 * @example
 * ```ts
 * import { ces, compareCes } from "cx-metrics";
 * const r = compareCes([7, 7, 6, 5, 5, 4, 6, 7, 3, 6, 5, 7], [1, 2, 3, 4, 5, 6, 7, 7, 6, 5]);
 * r.difference; //=> ~-1.067
 * r.pValue;     //=> ~0.178
 * compareCes(ces([7, 6, 5, 5]), ces([4, 5, 3, 4])).difference; //=> -1.75
 * ```
 * @category Survey
 */
export function compareCes(a: CesSample, b: CesSample, options?: CompareCesOptions): CompareCesResult {
  const fn = "compareCes";
  const o = readOptions<CompareCesOptions>(fn, options, ["confidence", "version"]);
  const confidence = readConfidence(fn, o.confidence);
  const version = readChoice(fn, "version", o.version, ["2.0", "1.0"], "2.0");
  const ga = `${fn}: group a`;
  const gb = `${fn}: group b`;
  const ra = finishCes(ga, toSummary(ga, a, version), { confidence });
  const rb = finishCes(gb, toSummary(gb, b, version), { confidence });
  if (ra.version !== rb.version) {
    fail(fn, "INVALID_SUMMARY", `expected both groups of the same CES version, got ${ra.version} and ${rb.version}`);
  }
  if (ra.sd === null || rb.sd === null) {
    fail(fn, "INSUFFICIENT_DATA", "expected at least two (effective) answers in each group for a t test");
  }
  if (ra.sd === 0 && rb.sd === 0) {
    // Welch's test is undefined without any spread (R's t.test: "data are essentially constant")
    fail(fn, "INSUFFICIENT_DATA", "expected some spread in at least one group: every answer in both groups is the same");
  }
  const va = (ra.sd * ra.sd) / ra.effectiveN;
  const vb = (rb.sd * rb.sd) / rb.effectiveN;
  const se = Math.sqrt(va + vb);
  const d = rb.mean - ra.mean;
  const df = se > 0 ? (va + vb) ** 2 / ((va * va) / (ra.effectiveN - 1) + (vb * vb) / (rb.effectiveN - 1)) : ra.effectiveN + rb.effectiveN - 2;
  const t = ratio(d, se);
  const half = tCritical(confidence, df) * se;
  return {
    difference: d,
    se,
    df,
    t,
    pValue: 2 * studentTCdf(-Math.abs(t), df),
    ci: [d - half, d + half],
    confidence,
    method: "welch",
    a: ra,
    b: rb,
  };
}
