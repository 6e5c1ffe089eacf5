/**
 * Interval helpers for proportions. Internal.
 * @module
 */

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
