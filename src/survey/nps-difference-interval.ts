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
 * Detractor share of one group's constrained MLE at NPS θ: {@link tangoDetractorShare}, except
 * that without promoters or without detractors the quadratic factors, and its roots are taken
 * exactly (−θ and D(1 − θ)/2n without promoters; 0 and B/2n without detractors), where the
 * general formula loses digits to a near-double root.
 */
function share(x: NpsCells, n: number, theta: number): number {
  const [pro, pas, det] = x;
  if (pro === 0) return Math.max(-theta, (det * (1 - theta)) / (2 * n));
  if (det === 0) return Math.max(0, (pro * (1 - theta) - 2 * theta * pas) / (2 * n));
  return tangoDetractorShare(pro, pas, det, theta);
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
    const q = share(x, n, theta);
    return 0.5 * (pro / Math.max(0, q + theta) - det / Math.max(0, q));
  }
  if (pro > 0 && pas > 0) {
    const q = share(x, n, theta);
    return pro / Math.max(0, q + theta) - pas / Math.max(0, 1 - theta - 2 * q);
  }
  if (pas > 0 && det > 0) {
    const q = share(x, n, theta);
    return pas / Math.max(0, 1 - theta - 2 * q) - det / Math.max(0, q);
  }
  if (pro > 0) return n / (1 + theta);
  if (det > 0) return -n / (1 - theta);
  return theta === 0 ? 0 : theta > 0 ? -n / (1 - theta) : n / (1 + theta);
}

/**
 * The point where a decreasing function `f` crosses from > 0 to ≤ 0 inside (lo, hi), given its
 * values at the ends (`flo` > 0 ≥ `fhi`; pass ±Infinity for an end that is not evaluated, such as
 * the edge of a domain where the likelihood is degenerate). f is only evaluated inside; when the
 * crossing is at an end, the bracket closes on it. Illinois (modified regula falsi; Dowell &
 * Jarratt 1971): secant steps inside the bracket, with the stale end's value halved so that both
 * ends move, and bisection while an end's value is infinite. Stops when the bracket is a few ulps
 * wide (at most 200 steps).
 */
function crossing(f: (x: number) => number, lo: number, hi: number, flo: number, fhi: number): number {
  let side = 0;
  for (let i = 0; i < 200; i++) {
    if (hi - lo <= 4e-16 * Math.max(1, Math.abs(lo), Math.abs(hi))) break;
    let x = Number.isFinite(flo) && Number.isFinite(fhi) ? lo + (flo * (hi - lo)) / (flo - fhi) : 0.5 * (lo + hi);
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    if (x <= lo || x >= hi) break;
    const fx = f(x);
    if (fx > 0) {
      lo = x;
      flo = fx;
      if (side === 1) fhi *= 0.5;
      side = 1;
    } else {
      if (fx === 0) return x;
      hi = x;
      fhi = fx;
      if (side === -1) flo *= 0.5;
      side = -1;
    }
  }
  return 0.5 * (lo + hi);
}

/**
 * NPS of group a under the maximum-likelihood pair of trinomials constrained to
 * NPS_b − NPS_a = δ: the maximiser of ℓ_a*(θ) + ℓ_b*(θ + δ), a concave function of θ, where its
 * derivative λ_a(θ) + λ_b(θ + δ) changes sign (the two groups' multipliers cancel, as the Lagrange
 * conditions p_ak = x_ak/(μ_a − λc_k), p_bk = x_bk/(μ_b + λc_k) say).
 */
function restrictedTheta(a: NpsCells, na: number, b: NpsCells, nb: number, delta: number): number {
  const slopes = (t: number) => slope(a, na, t) + slope(b, nb, t + delta);
  return crossing(slopes, Math.max(-1, -1 - delta), Math.min(1, 1 - delta), Infinity, -Infinity);
}

/**
 * Variance of one answer of a group under its constrained MLE at NPS θ. Unanimous groups have
 * their shares in closed form (promoters or detractors only: (1 ± θ)/2 on the two outer cells;
 * passives only: |θ| on the side of θ), which matters at the edges, where the quadratic of
 * {@link tangoDetractorShare} has a double root and loses half its digits.
 */
function restrictedVariance(x: NpsCells, n: number, theta: number): number {
  const [pro, pas, det] = x;
  if (pas === 0 && (pro === 0 || det === 0)) return (1 - theta) * (1 + theta);
  if (pro === 0 && det === 0) return Math.abs(theta) * (1 - Math.abs(theta));
  const q = Math.max(0, share(x, n, theta));
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
  const v = restrictedVariance(a, na, theta) / na + restrictedVariance(b, nb, theta + delta) / nb;
  return ratio(estimate - delta, Math.sqrt(v));
}

/**
 * Score interval of NPS_b − NPS_a on the −2..2 scale: { δ : |Z(δ)| ≤ z }, each end found between
 * the estimate and ±2 (where Z decreases from +∞ to −∞) by the Illinois method, to a few ulps.
 * @internal
 * @example
 * ```ts
 * const r = npsDifferenceScore([50, 30, 20], [60, 25, 15], 1.959963984540054);
 * [r.lower, r.upper]; //=> ~[-0.0628007, 0.3592757] (scipy SLSQP reference: -0.06280073, 0.35927568)
 * ```
 */
export function npsDifferenceScore(a: NpsCells, b: NpsCells, z: number): NpsDifferenceScore {
  const na = a[0] + a[1] + a[2];
  const nb = b[0] + b[1] + b[2];
  const estimate = (b[0] - b[2]) / nb - (a[0] - a[2]) / na;
  // Z(estimate) = 0; Z → +∞ at −2 and −∞ at 2 (not evaluated there)
  const bound = (target: number, lo: number, hi: number): number =>
    crossing((d) => npsDifferenceZ(a, b, estimate, d) - target, lo, hi, lo === -2 ? Infinity : -target, hi === 2 ? -Infinity : -target);
  return {
    estimate,
    z: npsDifferenceZ(a, b, estimate, 0),
    lower: estimate <= -2 ? -2 : bound(z, -2, estimate),
    upper: estimate >= 2 ? 2 : bound(-z, estimate, 2),
  };
}
