/**
 * Score interval for the difference of two independent Net Promoter Scores (two independent
 * trinomials). Internal: used by `compareNps` with `method: "tango"`.
 * @module
 */
import { ratio } from "../core/test-stat";
import { tangoDetractorShare, variance } from "./nps-interval";

/**
 * (Effective) counts of one group: promoters, passives, detractors.
 * @internal
 */
export type NpsCells = readonly [pro: number, pas: number, det: number];

/**
 * Score interval of a difference, on the −2..2 scale.
 * @internal
 */
export interface NpsDifferenceScore {
  /** Observed difference NPS_b − NPS_a. */
  estimate: number;
  /** Score statistic Z(0) of "no difference". */
  z: number;
  lower: number;
  upper: number;
}

/**
 * Derivative of one group's profile log-likelihood ℓ*(θ) = max { Σ x_k log p_k : p₁ − p₃ = θ } at
 * θ, which is the Lagrange multiplier λ of the constraint: x_k/p_k = μ + λc_k (c = 1, 0, −1) for
 * every cell with p_k > 0. λ is read from two cells with answers (their shares are positive inside
 * (−1, 1)); a unanimous group has its profile in closed form: n·log((1 + θ)/2) for promoters,
 * n·log((1 − θ)/2) for detractors, n·log(1 − |θ|) for passives (a kink at 0, where 0 is returned,
 * a valid supergradient).
 */
function slope(x: NpsCells, n: number, theta: number): number {
  const [pro, pas, det] = x;
  if (pro > 0 && det > 0) {
    const q = tangoDetractorShare(pro, pas, det, theta);
    return 0.5 * (pro / Math.max(0, q + theta) - det / Math.max(0, q));
  }
  if (pro > 0 && pas > 0) {
    const q = tangoDetractorShare(pro, pas, det, theta);
    return pro / Math.max(0, q + theta) - pas / Math.max(0, 1 - theta - 2 * q);
  }
  if (pas > 0 && det > 0) {
    const q = tangoDetractorShare(pro, pas, det, theta);
    return pas / Math.max(0, 1 - theta - 2 * q) - det / Math.max(0, q);
  }
  if (pro > 0) return n / (1 + theta);
  if (det > 0) return -n / (1 - theta);
  return theta === 0 ? 0 : theta > 0 ? -n / (1 - theta) : n / (1 + theta);
}

/**
 * NPS of group a under the maximum-likelihood pair of trinomials constrained to
 * NPS_b − NPS_a = δ: the maximiser of ℓ_a*(θ) + ℓ_b*(θ + δ), a concave function of θ, found by
 * bisection on the sign of its derivative λ_a(θ) + λ_b(θ + δ) (the two groups' multipliers cancel,
 * as the Lagrange conditions p_ak = x_ak/(μ_a − λc_k), p_bk = x_bk/(μ_b + λc_k) say).
 */
function restrictedTheta(a: NpsCells, na: number, b: NpsCells, nb: number, delta: number): number {
  let lo = Math.max(-1, -1 - delta);
  let hi = Math.min(1, 1 - delta);
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (slope(a, na, mid) + slope(b, nb, mid + delta) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Variance of one answer of a group under its constrained MLE at NPS θ. */
function restrictedVariance(x: NpsCells, theta: number): number {
  const q = Math.max(0, tangoDetractorShare(x[0], x[1], x[2], theta));
  return variance(Math.max(0, q + theta), q);
}

/**
 * Score statistic Z(δ) = (d̂ − δ) / √(V_a(θ̃)/n_a + V_b(θ̃)/n_b) of the hypothesis
 * NPS_b − NPS_a = δ, with V(p) = p₁ + p₃ − (p₁ − p₃)² at the constrained MLE θ̃.
 * @internal
 * @example
 * ```ts
 * npsDifferenceZ([5, 3, 2], [6, 2, 2], 0.1, 0.1); //=> 0 (the estimate itself)
 * ```
 */
export function npsDifferenceZ(a: NpsCells, b: NpsCells, estimate: number, delta: number): number {
  if (estimate === delta) return 0;
  const na = a[0] + a[1] + a[2];
  const nb = b[0] + b[1] + b[2];
  const theta = restrictedTheta(a, na, b, nb, delta);
  const v = restrictedVariance(a, theta) / na + restrictedVariance(b, theta + delta) / nb;
  return ratio(estimate - delta, Math.sqrt(v));
}

/**
 * Score interval of NPS_b − NPS_a on the −2..2 scale: { δ : |Z(δ)| ≤ z }, each end found by
 * bisection (64 steps) between the estimate and ±2, where Z decreases from +∞ to −∞.
 * @internal
 * @example
 * ```ts
 * const r = npsDifferenceScore([50, 30, 20], [60, 25, 15], 1.959963984540054);
 * [r.estimate, r.lower < r.estimate, r.estimate < r.upper]; //=> [~0.15, true, true]
 * ```
 */
export function npsDifferenceScore(a: NpsCells, b: NpsCells, z: number): NpsDifferenceScore {
  const na = a[0] + a[1] + a[2];
  const nb = b[0] + b[1] + b[2];
  const estimate = (b[0] - b[2]) / nb - (a[0] - a[2]) / na;
  const bound = (target: number, lo: number, hi: number): number => {
    for (let i = 0; i < 64; i++) {
      const mid = 0.5 * (lo + hi);
      if (npsDifferenceZ(a, b, estimate, mid) > target) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  return {
    estimate,
    z: npsDifferenceZ(a, b, estimate, 0),
    lower: estimate <= -2 ? -2 : bound(z, -2, estimate),
    upper: estimate >= 2 ? 2 : bound(-z, estimate, 2),
  };
}
