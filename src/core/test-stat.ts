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
