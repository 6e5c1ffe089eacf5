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
 * −t⁻¹((1 − c)/2; df).
 * @internal
 * @example
 * ```ts
 * tCritical(0.95, 9); //=> ~2.2621571627982
 * ```
 */
export function tCritical(confidence: number, df: number): number {
  return -studentTQuantile((1 - confidence) / 2, df);
}
