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
export function checkKind(fn: string, s: unknown, kind: string): void {
  if (s === null || typeof s !== "object" || (s as { kind?: unknown }).kind !== kind) {
    fail(fn, "INVALID_SUMMARY", `expected a summary of kind "${kind}", got ${describe(s)}`);
  }
}

/**
 * Check that `s[field]` is a finite, non-negative number (an integer when `integer`).
 * @internal
 * @example
 * ```ts
 * checkCount("f", { n: 3 }, "n", true); //=> 3
 * ```
 */
export function checkCount(fn: string, s: object, field: string, integer: boolean): number {
  const v = (s as Record<string, unknown>)[field];
  if (typeof v !== "number" || !(v >= 0) || v === Infinity || (integer && Math.floor(v) !== v)) {
    fail(fn, "INVALID_SUMMARY", `expected ${field} to be a ${integer ? "whole" : "finite"} non-negative number, got ${describe(v)}`);
  }
  return v;
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
