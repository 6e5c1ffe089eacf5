import { fail } from "./errors";
import { describe } from "./input";

/**
 * Check that `s` is a non-null object whose `kind` is `kind` (summaries may come from JSON).
 * @internal
 * @example
 * ```ts
 * checkKind("npsFromSummary", { kind: "nps" }, "nps"); // passes
 * ```
 */
export function checkKind(fn: string, s: unknown, kind: string, index?: number): void {
  if (s === null || typeof s !== "object" || (s as { kind?: unknown }).kind !== kind) {
    const got = s !== null && typeof s === "object" && "kind" in s ? `a summary of kind ${describe((s as { kind: unknown }).kind)}` : describe(s);
    fail(fn, "INVALID_SUMMARY", `expected a summary of kind "${kind}"${where(index)}, got ${got}`, index);
  }
}

function where(index: number | undefined): string {
  return index === undefined ? "" : ` (summary ${index})`;
}

/**
 * Check that `s[field]` is a finite, non-negative number (an integer when `integer`).
 * @internal
 * @example
 * ```ts
 * checkCount("f", { n: 3 }, "n", true); //=> 3
 * ```
 */
export function checkCount(fn: string, s: object, field: string, integer: boolean, index?: number): number {
  const v = (s as Record<string, unknown>)[field];
  if (typeof v !== "number" || !(v >= 0) || v === Infinity || (integer && !Number.isSafeInteger(v))) {
    fail(fn, "INVALID_SUMMARY", `expected ${field}${where(index)} to be a ${integer ? "whole" : "finite"} non-negative number, got ${describe(v)}`, index);
  }
  return v;
}

/**
 * Check that a summary's weight totals are consistent: the sum of squared weights is 0 exactly
 * when the total weight is 0, and otherwise Kish's effective n lies between 1 and n (Cauchy–Schwarz),
 * up to rounding.
 * @internal
 * @example
 * ```ts
 * checkWeightTotals("f", 2, 2, 2); // passes: two answers of weight 1
 * ```
 */
export function checkWeightTotals(fn: string, n: number, total: number, weightSquares: number, index?: number): void {
  const effectiveN = kishEffectiveN(total, weightSquares);
  const ok =
    total === 0 ? weightSquares === 0 : weightSquares > 0 && effectiveN >= 1 - 1e-9 && effectiveN <= n * (1 + 1e-9);
  if (!ok || effectiveN === Infinity || effectiveN !== effectiveN) {
    fail(fn, "INVALID_SUMMARY", `expected weight totals consistent with the counts${where(index)} (total ${total}, sum of squares ${weightSquares}, n ${n})`, index);
  }
}

/**
 * Kish's effective sample size, (Σw)² / Σw². Equals n when every weight is 1.
 *
 * Source: L. Kish, Survey Sampling (1965), §11.7.
 * @internal
 * @example
 * ```ts
 * kishEffectiveN(4, 4); //=> 4
 * ```
 */
export function kishEffectiveN(weightSum: number, weightSquares: number): number {
  return weightSquares > 0 ? (weightSum * weightSum) / weightSquares : 0;
}
