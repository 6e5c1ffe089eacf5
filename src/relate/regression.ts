import { tCritical } from "../core/critical";
import { fail } from "../core/errors";
import { readConfidence, readOptions } from "../core/input";
import { studentTCdf } from "../core/student-t";
import { coefficient, type CorrelationOptions, summarizePairs } from "./pearson";

/**
 * Result of {@link linearRegression}.
 * @category Relate
 */
export interface LinearRegressionResult {
  slope: number;
  intercept: number;
  /** Standard errors of the slope and the intercept. */
  slopeSe: number;
  interceptSe: number;
  /** Student-t intervals (n − 2 df) of the slope and the intercept. */
  slopeCi: [number, number];
  interceptCi: [number, number];
  /** Two-sided p-value of slope = 0 (the same as Pearson's test of r = 0). */
  pValue: number;
  rSquared: number;
  /** Residual standard error √(SSE/(n − 2)). */
  residualSe: number;
  n: number;
  confidence: number;
}

/**
 * Least-squares line y = intercept + slope·x, with standard errors and intervals.
 *
 * Definition: slope = Sxy/Sxx, intercept = ȳ − slope·x̄, SSE = Syy − Sxy²/Sxx, s² = SSE/(n − 2),
 * se(slope) = s/√Sxx, se(intercept) = s·√(1/n + x̄²/Sxx), intervals estimate ± t_{n−2}·se, R² = r²
 * (as R's `lm` and scipy's `linregress`). From the stable co-moments of `pearsonSummary`.
 *
 * @param x - Predictor.
 * @param y - Response, same length.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link LinearRegressionResult}.
 * @throws {@link CxMetricsError} as {@link pearson} (`CONSTANT_INPUT` when x does not vary; a
 * constant y gives slope 0 with R² 0).
 * @example
 * ```ts
 * import { linearRegression } from "cx-metrics";
 * const fit = linearRegression([1, 2, 3, 4], [3, 5, 7, 9.5]);
 * fit.slope;     //=> ~2.15
 * fit.intercept; //=> ~0.75
 * ```
 * @category Relate
 */
export function linearRegression(x: ArrayLike<number>, y: ArrayLike<number>, options?: CorrelationOptions): LinearRegressionResult {
  const fn = "linearRegression";
  const o = readOptions<CorrelationOptions>(fn, options);
  const confidence = readConfidence(fn, o.confidence);
  const s = summarizePairs(fn, x, y);
  if (s.n === 0) fail(fn, "EMPTY_INPUT", "expected at least 3 pairs, got none");
  if (s.n < 3) fail(fn, "INSUFFICIENT_DATA", `expected at least 3 pairs, got ${s.n}`);
  if (!(s.m2x > 0)) fail(fn, "CONSTANT_INPUT", "expected x to vary: a line through a constant x is undefined");
  const slope = s.cxy / s.m2x;
  const intercept = s.meanY - slope * s.meanX;
  const df = s.n - 2;
  const sse = Math.max(0, s.m2y - (s.cxy * s.cxy) / s.m2x);
  const residualSe = Math.sqrt(sse / df);
  const slopeSe = residualSe / Math.sqrt(s.m2x);
  const interceptSe = residualSe * Math.sqrt(1 / s.n + (s.meanX * s.meanX) / s.m2x);
  const t = tCritical(confidence, df);
  const r = s.m2y > 0 ? coefficient(fn, s) : 0;
  const tStat = slopeSe > 0 ? slope / slopeSe : slope === 0 ? 0 : Infinity;
  return {
    slope,
    intercept,
    slopeSe,
    interceptSe,
    slopeCi: [slope - t * slopeSe, slope + t * slopeSe],
    interceptCi: [intercept - t * interceptSe, intercept + t * interceptSe],
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(tStat), df)),
    rSquared: r * r,
    residualSe,
    n: s.n,
    confidence,
  };
}
