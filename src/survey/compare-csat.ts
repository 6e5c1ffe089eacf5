import { fail } from "../core/errors";
import { readChoice, readOptions, type ScoreInput } from "../core/input";
import { newcombe } from "../core/proportion";
import { ratio, twoSidedP } from "../core/test-stat";
import { type CsatResult, type CsatSummary, finishCsat, readCsatOptions, summarizeCsat } from "./csat";
import { distributionResultSummary, isResult } from "./result-summary";
import { checkDistribution, type ScoreScale } from "./score-distribution";

/**
 * One group of {@link compareCsat}: scores, a summary, or an unweighted result of {@link csat}.
 * @category Survey
 */
export type CsatSample = ScoreInput | CsatSummary | CsatResult;

/**
 * Options of {@link compareCsat}.
 * @category Survey
 */
export interface CompareCsatOptions {
  confidence?: number;
  /** `"newcombe"` (default, hybrid score interval) or `"wald"`. */
  method?: "newcombe" | "wald";
  satisfiedMin?: number;
  /** Scale of score arrays; default 1–5. */
  scale?: ScoreScale;
}

/**
 * Result of {@link compareCsat}; in percentage points.
 * @category Survey
 */
export interface CompareCsatResult {
  /** Difference b − a of the percent satisfied. */
  difference: number;
  /** Unpooled standard error √(pa(1 − pa)/na + pb(1 − pb)/nb). */
  se: number;
  /** Interval of b − a: Newcombe's hybrid score interval, or Wald (difference ± z·se). */
  ci: [number, number];
  /** Pooled two-proportion z statistic. */
  z: number;
  /** Two-sided p-value of the pooled z test (equal to Pearson's χ² test without continuity correction). */
  pValue: number;
  confidence: number;
  method: "newcombe" | "wald";
  a: CsatResult;
  b: CsatResult;
}

/** Read one group; errors name the function and the group ("compareCsat: group b: ..."). */
function toSummary(fn: string, x: CsatSample, scale: ScoreScale | undefined): CsatSummary {
  if (x !== null && typeof x === "object" && "kind" in x) return checkDistribution(fn, x, "csat");
  if (isResult(x)) {
    if (typeof (x as Partial<CsatResult>).satisfiedMin !== "number") {
      fail(fn, "INVALID_INPUT", `expected scores, a summary or a result of csat(); got a result without satisfiedMin${"version" in x ? " (a result of ces()?)" : ""}`);
    }
    return distributionResultSummary(fn, x, "csat", "csat()", "csatSummary(scores, { weights })");
  }
  return summarizeCsat(fn, x, scale === undefined ? {} : { scale }, undefined);
}

/**
 * The satisfied threshold: the option when given, else the one the result groups were computed
 * with (which must agree); undefined (the scale's default) when neither says.
 */
function threshold(fn: string, option: number | undefined, a: CsatSample, b: CsatSample): number | undefined {
  if (option !== undefined) return option;
  const ta = isResult(a) ? (a as CsatResult).satisfiedMin : undefined;
  const tb = isResult(b) ? (b as CsatResult).satisfiedMin : undefined;
  if (ta !== undefined && tb !== undefined && ta !== tb) {
    fail(fn, "INVALID_INPUT", `expected two results of csat() with the same satisfiedMin, got ${ta} and ${tb}; pass satisfiedMin to compare both at one threshold`);
  }
  return ta ?? tb;
}

/**
 * Compare CSAT (percent satisfied) between two independent groups or periods.
 *
 * Definition: d = p_b − p_a. Interval: Newcombe's hybrid score interval (Newcombe 1998,
 * "Interval estimation for the difference between independent proportions", Statistics in
 * Medicine 17:873–890, method 10), which keeps its coverage for small n and shares near 0 or 1;
 * or Wald, d ± z·√(p_a(1 − p_a)/n_a + p_b(1 − p_b)/n_b). Test: the pooled two-proportion z test,
 * z = d / √(p̄(1 − p̄)(1/n_a + 1/n_b)), p = 2Φ(−|z|). Weighted summaries use Kish's effective n.
 *
 * Each group can be scores, a summary, or the result of {@link csat} when it was computed without
 * weights (it is read back from its `distribution`; a weighted result keeps the weighted shares but
 * not the weights, so pass the weighted summary instead). Without a `satisfiedMin` option, result
 * groups keep the threshold they were computed with (two results with different thresholds are
 * refused); `satisfiedMin` compares any groups at the threshold it names. `a` and `b` are finished
 * again with the comparison's options.
 *
 * @param a - The first group (reference).
 * @param b - The second group.
 * @param options - `confidence`, `method`, `satisfiedMin`, `scale`.
 * @returns The comparison.
 * @throws {@link CxMetricsError} as {@link csat} for each group, `INVALID_SUMMARY` when the scales
 * differ, `INVALID_INPUT` for a result computed with weights, one without its distribution, or two
 * results with different thresholds (and no `satisfiedMin`).
 * @example
 * ```ts
 * import { compareCsat, csat } from "cx-metrics";
 * const r = compareCsat([5, 4, 2, 1, 3, 4, 5, 2], [5, 5, 4, 4, 3, 5, 4, 4]);
 * r.difference; //=> 37.5
 * r.pValue;     //=> ~0.106
 * compareCsat(csat([5, 4, 2, 1]), csat([5, 5, 4, 3])).difference; //=> 25
 * ```
 * @category Survey
 */
export function compareCsat(a: CsatSample, b: CsatSample, options?: CompareCsatOptions): CompareCsatResult {
  const fn = "compareCsat";
  const o = readOptions<CompareCsatOptions>(fn, options, ["confidence", "method", "satisfiedMin", "scale"]);
  const method = readChoice(fn, "method", o.method, ["newcombe", "wald"], "newcombe");
  const ga = `${fn}: group a`;
  const gb = `${fn}: group b`;
  const sa = toSummary(ga, a, o.scale);
  const sb = toSummary(gb, b, o.scale);
  if (sa.scale.min !== sb.scale.min || sa.scale.max !== sb.scale.max) {
    fail(fn, "INVALID_SUMMARY", `expected both groups on the same scale, got ${sa.scale.min}–${sa.scale.max} and ${sb.scale.min}–${sb.scale.max}`);
  }
  const { z: zc, confidence, satisfiedMin } = readCsatOptions(fn, sa.scale, { confidence: o.confidence, satisfiedMin: threshold(fn, o.satisfiedMin, a, b) });
  const finishOptions = { confidence, satisfiedMin };
  const ra = finishCsat(ga, sa, finishOptions);
  const rb = finishCsat(gb, sb, finishOptions);
  const pa = ra.value / 100;
  const pb = rb.value / 100;
  const na = ra.effectiveN;
  const nb = rb.effectiveN;
  const d = pb - pa;
  const se = Math.sqrt((pa * (1 - pa)) / na + (pb * (1 - pb)) / nb);
  const pooled = (pa * na + pb * nb) / (na + nb);
  const z = ratio(d, Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)));
  const [lo, hi] = method === "newcombe" ? newcombe(pa, na, pb, nb, zc) : [d - zc * se, d + zc * se];
  return {
    difference: 100 * d,
    se: 100 * se,
    ci: [Math.max(-100, 100 * lo), Math.min(100, 100 * hi)],
    z,
    pValue: twoSidedP(z),
    confidence,
    method,
    a: ra,
    b: rb,
  };
}
