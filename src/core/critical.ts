import { CxMetricsError } from "./errors";
import { normalQuantile } from "./normal";
import { studentTQuantile } from "./student-t";

/**
 * Two-sided normal critical value for a confidence level c: z = −Φ⁻¹((1 − c)/2), computed in the
 * lower tail so that c close to 1 keeps its precision (0.5 + c/2 would round to 1 and give ∞).
 * @internal
 * @example
 * ```ts
 * zCritical(0.95); //=> ~1.95996398454005
 * ```
 */
export function zCritical(confidence: number): number {
  return -normalQuantile((1 - confidence) / 2);
}

/**
 * Two-sided Student-t critical value for a confidence level c with df degrees of freedom:
 * −t⁻¹((1 − c)/2; df). `Infinity` when the quantile lies beyond 1e150 (an effective n just above 1
 * gives df near 0): the callers' intervals are then the whole range they are clamped to. The
 * public {@link studentTQuantile} refuses such a quantile instead of returning it.
 * @internal
 * @example
 * ```ts
 * tCritical(0.95, 9); //=> ~2.2621571627982
 * ```
 */
export function tCritical(confidence: number, df: number): number {
  try {
    return -studentTQuantile((1 - confidence) / 2, df);
  } catch (e) {
    if (e instanceof CxMetricsError && e.code === "OUT_OF_RANGE") return Infinity;
    throw e;
  }
}
