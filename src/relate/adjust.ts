import { fail } from "../core/errors";
import { describe, toArrayLike } from "../core/input";

function readP(fn: string, p: unknown): number[] {
  const a = Array.from(toArrayLike(fn, p, "an array or iterable of p-values"));
  a.forEach((v, i) => {
    if (typeof v !== "number") fail(fn, "INVALID_SCORE", `expected a p-value (a number) at index ${i}, got ${describe(v)}`, i);
    if (!Number.isFinite(v)) fail(fn, "NON_FINITE", `expected a finite p-value at index ${i}, got ${v}`, i);
    if (!(v >= 0 && v <= 1)) fail(fn, "OUT_OF_RANGE", `expected a p-value in [0, 1] at index ${i}, got ${v}`, i);
  });
  return a as number[];
}

/**
 * Holm's step-down adjustment of p-values for multiple comparisons (controls the family-wise error
 * rate).
 *
 * Definition (Holm 1979): sort p₍₁₎ ≤ … ≤ p₍ₘ₎; adjusted p₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎);
 * returned in the input order (as R's `p.adjust(p, "holm")`). O(m log m).
 *
 * @param pValues - p-values in [0, 1].
 * @returns Adjusted p-values, same order.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` for a value outside [0, 1], `NON_FINITE`,
 * `INVALID_SCORE` (with the index), `INVALID_INPUT`.
 * @example
 * ```ts
 * import { holm } from "cx-metrics";
 * holm([0.01, 0.04, 0.03]); //=> [0.03, 0.06, 0.06]
 * ```
 * @category Relate
 */
export function holm(pValues: ArrayLike<number>): number[] {
  const p = readP("holm", pValues);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[i]!));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg step-up adjustment of p-values (controls the false discovery rate).
 *
 * Definition (Benjamini & Hochberg 1995): sort p₍₁₎ ≤ … ≤ p₍ₘ₎; adjusted p₍ᵢ₎ =
 * min_{j ≥ i} min(1, m·p₍ⱼ₎/j); returned in the input order (as R's `p.adjust(p, "BH")`).
 *
 * @param pValues - p-values in [0, 1].
 * @returns Adjusted p-values, same order.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` for a value outside [0, 1], `INVALID_INPUT`.
 * @example
 * ```ts
 * import { benjaminiHochberg } from "cx-metrics";
 * benjaminiHochberg([0.01, 0.04, 0.03]); //=> [0.03, 0.04, 0.04]
 * ```
 * @category Relate
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): number[] {
  const p = readP("benjaminiHochberg", pValues);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]!); // largest first
  const out = new Array<number>(m);
  let running = 1;
  order.forEach((i, k) => {
    const rank = m - k;
    // (m / rank)·p, as R computes it: at rank = m the factor is exactly 1 and p is returned as is
    running = Math.min(running, Math.min(1, (m / rank) * p[i]!));
    out[i] = running;
  });
  return out;
}
