import { fail } from "../core/errors";
import { readChoice, readOptions } from "../core/input";
import { newcombe } from "../core/proportion";
import { ratio, twoSidedP } from "../core/test-stat";
import { type CsatResult, type CsatSummary, finishCsat, readCsatOptions, summarizeCsat } from "./csat";
import { checkDistribution, type ScoreScale } from "./score-distribution";

/**
 * One group of {@link compareCsat}: scores or a summary.
 * @category Survey
 */
export type CsatSample = ArrayLike<number | null | undefined> | CsatSummary;

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
  return summarizeCsat(fn, x, scale === undefined ? {} : { scale }, undefined);
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
 * @param a - The first group (reference).
 * @param b - The second group.
 * @param options - `confidence`, `method`, `satisfiedMin`, `scale`.
 * @returns The comparison.
 * @throws {@link CxMetricsError} as {@link csat} for each group, `INVALID_SUMMARY` when the scales differ.
 * @example
 * ```ts
 * import { compareCsat } from "cx-metrics";
 * const r = compareCsat([5, 4, 2, 1, 3, 4, 5, 2], [5, 5, 4, 4, 3, 5, 4, 4]);
 * r.difference; //=> 37.5
 * r.pValue;     //=> ~0.106
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
  const { z: zc, confidence, satisfiedMin } = readCsatOptions(fn, sa.scale, o);
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
