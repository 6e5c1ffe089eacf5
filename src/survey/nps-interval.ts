/**
 * Confidence intervals for a Net Promoter Score from (effective) category counts. Internal: used by
 * `npsFromSummary` and `compareNps`.
 * @module
 */

/**
 * NPS interval methods.
 *
 * - `"wald"`: estimate ± z·√(v/n) with v = p₊ + p₋ − (p₊ − p₋)², the variance of one response
 *   scored +1/0/−1.
 * - `"adjusted-wald"`: the same after adding 0.75 promoter, 1.5 passive and 0.75 detractor
 *   pseudo-observations (n + 3), centred on the adjusted estimate (Rocks 2016; MeasuringU).
 * - `"tango"`: the score interval for a difference of two multinomial proportions (Tango 1998),
 *   found by inverting the score test with the constrained maximum-likelihood shares.
 * @category Survey
 */
export type NpsMethod = "wald" | "adjusted-wald" | "tango";

/**
 * Centre, standard error and interval on the −1..1 scale.
 * @internal
 */
export interface NpsInterval {
  center: number;
  se: number;
  lower: number;
  upper: number;
}

/**
 * Variance of one +1/0/−1 response with shares p (promoters) and q (detractors), written as
 * p(1 − p) + q(1 − q) + 2pq, which is p + q − (p − q)² without its cancellation near ±1.
 * @internal
 * @example
 * ```ts
 * variance(0.5, 0.5); //=> 1
 * ```
 */
export function variance(p: number, q: number): number {
  return Math.max(0, p * (1 - p) + q * (1 - q) + 2 * p * q);
}

function clamp(x: number): number {
  return x < -1 ? -1 : x > 1 ? 1 : x;
}

/**
 * Wald or adjusted-Wald centre and standard error from effective counts.
 * @internal
 * @example
 * ```ts
 * waldParts(3, 2, 1, false).center; //=> ~0.33333333333333
 * ```
 */
export function waldParts(pro: number, pas: number, det: number, adjusted: boolean): { center: number; se: number } {
  if (adjusted) {
    pro += 0.75;
    pas += 1.5;
    det += 0.75;
  }
  const n = pro + pas + det;
  const p = pro / n;
  const q = det / n;
  return { center: p - q, se: Math.sqrt(variance(p, q) / n) };
}

/**
 * Detractor share of the maximum-likelihood trinomial constrained to an NPS of `delta` (−1..1):
 * the promoter share is then q + δ and the passive share 1 − δ − 2q (Tango 1998, eq. 3, with
 * promoters in the role of the discordant cell b and detractors in that of c).
 *
 * It solves 2n q² − B q − D δ (1 − δ) = 0 with B = (P + D)(1 − δ) − 2δ(D + A); its larger root is
 * the maximiser on the feasible interval. Counts may be effective (non-integer) and zero.
 * @internal
 * @example
 * ```ts
 * tangoDetractorShare(0, 10, 0, -0.25); //=> 0.25
 * ```
 */
export function tangoDetractorShare(pro: number, pas: number, det: number, delta: number): number {
  const n = pro + pas + det;
  const s = 1 - delta;
  const b = (pro + det) * s - 2 * delta * (det + pas);
  const disc = Math.sqrt(Math.max(0, b * b + 8 * n * det * delta * s));
  // Larger root without cancellation when b < 0.
  return b >= 0 ? (b + disc) / (4 * n) : disc - b > 0 ? (2 * det * delta * s) / (disc - b) : 0;
}

/** Tango's score statistic at a hypothesised NPS `delta` (Tango 1998, eq. 3). */
function tangoZ(pro: number, pas: number, det: number, estimate: number, delta: number): number {
  const n = pro + pas + det;
  const q = tangoDetractorShare(pro, pas, det, delta);
  const p = q + delta;
  return (estimate - delta) / Math.sqrt(variance(p, q) / n);
}

/**
 * Interval for the NPS on the −1..1 scale, clamped to [−1, 1].
 * @internal
 * @example
 * ```ts
 * npsInterval(3, 2, 1, "wald", 1.959963984540054).upper; //=> ~0.92973138123905
 * ```
 */
export function npsInterval(pro: number, pas: number, det: number, method: NpsMethod, z: number): NpsInterval {
  const n = pro + pas + det;
  const estimate = (pro - det) / n;
  if (method !== "tango") {
    const { center, se } = waldParts(pro, pas, det, method === "adjusted-wald");
    return { center, se, lower: clamp(center - z * se), upper: clamp(center + z * se) };
  }
  // Score interval: Z(δ) decreases in δ; bisect Z(δ) = ±z on each side of the estimate.
  const bound = (target: number, lo: number, hi: number): number => {
    for (let i = 0; i < 64; i++) {
      const mid = 0.5 * (lo + hi);
      if (tangoZ(pro, pas, det, estimate, mid) > target) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  return {
    center: estimate,
    se: waldParts(pro, pas, det, false).se,
    lower: estimate <= -1 ? -1 : bound(z, -1, estimate),
    upper: estimate >= 1 ? 1 : bound(-z, estimate, 1),
  };
}
