import { betaIncomplete, gammaIncompleteUpper } from "./special";
import { normalCdf } from "./normal";

/**
 * Two-sided p-value of a z statistic, 2·Φ(−|z|), computed in the lower tail so that small
 * p-values keep their relative precision. `z = ±Infinity` gives 0.
 * @internal
 * @example
 * ```ts
 * twoSidedP(1.959963984540054); //=> ~0.05
 * ```
 */
export function twoSidedP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

/**
 * A difference divided by its standard error, with the degenerate cases spelled out: 0/0 is 0 (no
 * evidence of a difference) and d/0 is ±Infinity.
 * @internal
 * @example
 * ```ts
 * ratio(0, 0); //=> 0
 * ```
 */
export function ratio(difference: number, se: number): number {
  if (se > 0) return difference / se;
  return difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
}

/**
 * Upper tail P(X > x) of the chi-square distribution with `df` degrees of freedom:
 * Q(df/2, x/2), the regularized upper incomplete gamma function.
 * @internal
 * @example
 * ```ts
 * chiSquareSf(3.841458820694124, 1); //=> ~0.05
 * ```
 */
export function chiSquareSf(x: number, df: number): number {
  return gammaIncompleteUpper(df / 2, x / 2);
}

/**
 * Upper tail P(F > f) of Fisher's F distribution with (d1, d2) degrees of freedom:
 * I_{d2/(d2 + d1·f)}(d2/2, d1/2) (Abramowitz & Stegun 26.6.2), with both arguments of the incomplete
 * beta function computed without cancellation.
 * @internal
 * @example
 * ```ts
 * fSf(1, 4, 4); //=> ~0.5
 * ```
 */
export function fSf(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  if (f === Infinity) return 0;
  const denom = d2 + d1 * f;
  return betaIncomplete(d2 / denom, (d1 * f) / denom, d2 / 2, d1 / 2);
}
