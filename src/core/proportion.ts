/**
 * Interval helpers for proportions. Internal.
 * @module
 */
import { zCritical } from "./critical";
import { fail } from "./errors";
import { ratio, twoSidedP } from "./test-stat";

/**
 * Wilson score interval for a proportion p observed on n (possibly effective) trials, clamped to
 * [0, 1].
 *
 * Definition (Wilson 1927; Newcombe 1998 method 3): centre (p + z²/2n)/(1 + z²/n), half-width
 * z/(1 + z²/n)·√(p(1 − p)/n + z²/4n²).
 * @internal
 * @example
 * ```ts
 * wilson(0, 10, 1.959963984540054); //=> ~[0, 0.2775]
 * ```
 */
export function wilson(p: number, n: number, z: number): [number, number] {
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions pb − pa
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions",
 * Statistics in Medicine 17, method 10), from the Wilson limits of each group.
 * @internal
 * @example
 * ```ts
 * newcombe(48 / 80, 80, 56 / 70, 70, 1.959963984540054); //=> ~[0.0524, 0.3339]
 * ```
 */
export function newcombe(pa: number, na: number, pb: number, nb: number, z: number): [number, number] {
  const [la, ua] = wilson(pa, na, z);
  const [lb, ub] = wilson(pb, nb, z);
  const d = pb - pa;
  return [d - Math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2), d + Math.sqrt((ub - pb) ** 2 + (pa - la) ** 2)];
}

/**
 * Compare two independent proportions xa/na and xb/nb, in percentage points: the difference
 * pb − pa with Newcombe's hybrid score interval (Newcombe 1998, method 10) and the pooled
 * two-proportion z test, z = (pb − pa) / √(p̄(1 − p̄)(1/na + 1/nb)), p = 2Φ(−|z|) (equal to
 * Pearson's χ² test without continuity correction). The same figures as `compareCsat` on an
 * unweighted 0/1 tally: the shares are taken through percents as CSAT's value is, so they agree
 * to the bit.
 * @internal
 * @param xa - Successes of the first group (reference).
 * @param na - Trials of the first group (> 0).
 * @param xb - Successes of the second group.
 * @param nb - Trials of the second group (> 0).
 * @param confidence - Confidence level of the interval, in (0, 1).
 * @returns `difference`, unpooled `se`, `ci` (clamped to [−100, 100]), `z`, `pValue`, `method`.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` when a group has no trial.
 * @example
 * ```ts
 * compareProportions(4, 8, 7, 8, 0.95).difference; //=> 37.5
 * ```
 */
export function compareProportions(xa: number, na: number, xb: number, nb: number, confidence: number): { difference: number; se: number; ci: [number, number]; z: number; pValue: number; method: "newcombe" } {
  if (!(na > 0 && nb > 0)) fail("compareProportions", "EMPTY_INPUT", `expected at least one trial in each group, got ${na} and ${nb}`);
  const pa = Math.min(100, (100 * xa) / na) / 100;
  const pb = Math.min(100, (100 * xb) / nb) / 100;
  const d = pb - pa;
  const se = Math.sqrt((pa * (1 - pa)) / na + (pb * (1 - pb)) / nb);
  const pooled = (pa * na + pb * nb) / (na + nb);
  const z = ratio(d, Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)));
  const [lo, hi] = newcombe(pa, na, pb, nb, zCritical(confidence));
  return { difference: 100 * d, se: 100 * se, ci: [Math.max(-100, 100 * lo), Math.min(100, 100 * hi)], z, pValue: twoSidedP(z), method: "newcombe" };
}
