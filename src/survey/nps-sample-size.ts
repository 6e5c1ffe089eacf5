import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { describe, readConfidence } from "../core/input";

/**
 * Options of {@link npsSampleSize}.
 * @category Survey
 */
export interface NpsSampleSizeOptions {
  /** Wanted half-width of the interval, in NPS points (e.g. 5 for ±5). */
  marginOfError: number;
  /** Confidence level; default 0.95. */
  confidence?: number;
  /**
   * Variance of one response scored +1/0/−1, p₊ + p₋ − (p₊ − p₋)², between 0 and 1. Default 1,
   * the worst case (half promoters, half detractors); a previous survey's value gives a smaller n.
   */
  variance?: number;
}

/**
 * Result of {@link npsSampleSize}.
 * @category Survey
 */
export interface NpsSampleSizeResult {
  /** Responses needed. */
  n: number;
  marginOfError: number;
  confidence: number;
  variance: number;
}

/**
 * Number of responses needed for an NPS interval of a given half-width.
 *
 * Definition: n = ⌈z² · v / (m/100)²⌉ with z the normal quantile of the confidence level, v the
 * variance of one response on the −1..1 scale (worst case 1) and m the margin of error in points
 * (Wald approximation; the adjusted-Wald interval is about as wide for n of this size).
 *
 * @param options - `marginOfError` (points, in (0, 100]), `confidence`, `variance`.
 * @returns `{ n, ... }`.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a margin outside (0, 100], a variance outside
 * (0, 1] or a bad confidence; `OUT_OF_RANGE` when the margin is so small that n would exceed
 * `Number.MAX_SAFE_INTEGER` (2^53 − 1; about marginOfError < 2e-6 at 95 % with variance 1).
 * @example
 * ```ts
 * import { npsSampleSize } from "cx-metrics";
 * npsSampleSize({ marginOfError: 5 }).n; //=> 1537
 * npsSampleSize({ marginOfError: 5, variance: 0.6 }).n; //=> 922
 * ```
 * @category Survey
 */
export function npsSampleSize(options: NpsSampleSizeOptions): NpsSampleSizeResult {
  const fn = "npsSampleSize";
  if (options === null || typeof options !== "object") fail(fn, "INVALID_OPTION", `expected { marginOfError, ... }, got ${describe(options)}`);
  const { marginOfError: m, variance: v = 1 } = options;
  if (typeof m !== "number" || !(m > 0 && m <= 100)) {
    fail(fn, "INVALID_OPTION", `expected marginOfError in (0, 100] NPS points, got ${describe(m)}`);
  }
  if (typeof v !== "number" || !(v > 0 && v <= 1)) {
    fail(fn, "INVALID_OPTION", `expected variance in (0, 1] (one response on the -1..1 scale), got ${describe(v)}`);
  }
  const confidence = readConfidence(fn, options.confidence);
  const z = zCritical(confidence);
  // Round the quotient to 12 significant digits first so that 1536.9999999999998 is not 1537.
  const exact = (z * z * v) / ((m / 100) * (m / 100));
  // A margin this small asks for more responses than a number counts exactly (or than a double holds).
  if (!(exact <= Number.MAX_SAFE_INTEGER)) {
    fail(fn, "OUT_OF_RANGE", `marginOfError ${m} is too small: it needs more than ${Number.MAX_SAFE_INTEGER} (2^53 - 1) responses`);
  }
  return { n: Math.ceil(Number(exact.toPrecision(12))), marginOfError: m, confidence, variance: v };
}
