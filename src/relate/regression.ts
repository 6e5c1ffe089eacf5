import { tCritical } from "../core/critical";
import { fail } from "../core/errors";
import { keysOf, readConfidence, readOptions } from "../core/input";
import { studentTCdf } from "../core/student-t";
import { coefficient, type CorrelationOptions, type PairInput, summarizePairs } from "./pearson";

const CORRELATION_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CorrelationOptions>()("confidence");

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
 * (as R's `lm` and scipy's `linregress`). From the stable co-moments of `pearsonSummary`, in
 * units of a power of two for data beyond about 1e±60: right to 1e-9 relative from 1e-300 to
 * 1e300 and with offsets of 1e12 (checked against mpmath; scipy's `linregress` overflows there).
 *
 * @param x - Predictor.
 * @param y - Response, same length.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link LinearRegressionResult}.
 * @throws {@link CxMetricsError} as {@link pearson} (`CONSTANT_INPUT` when x does not vary; a
 * constant y gives slope 0 with R² 0); `NON_FINITE` when the line does not fit in a double (x near
 * 1e-300 and y near 1e300: the slope would be 1e600).
 * @example
 * ```ts
 * import { linearRegression } from "cx-metrics";
 * const fit = linearRegression([1, 2, 3, 4], [3, 5, 7, 9.5]);
 * fit.slope;     //=> ~2.15
 * fit.intercept; //=> ~0.75
 * ```
 * @category Relate
 */
export function linearRegression(x: PairInput, y: PairInput, options?: CorrelationOptions): LinearRegressionResult {
  const fn = "linearRegression";
  const o = readOptions<CorrelationOptions>(fn, options, CORRELATION_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const s = summarizePairs(fn, x, y);
  if (s.n === 0) fail(fn, "EMPTY_INPUT", "expected at least 3 pairs, got none");
  if (s.n < 3) fail(fn, "INSUFFICIENT_DATA", `expected at least 3 pairs, got ${s.n}`);
  if (!(s.m2x > 0)) fail(fn, "CONSTANT_INPUT", "expected x to vary: a line through a constant x is undefined");
  // The co-moments are in units of scaleX², scaleY², scaleX·scaleY (powers of two; 1 for data
  // within about 1e±60): everything is computed in those units and scaled back once, with square
  // roots taken apart, so data near 1e±300 give the same line as data near 1.
  const ux = s.scaleX ?? 1;
  const uy = s.scaleY ?? 1;
  const unit = uy / ux;
  const sdx = Math.sqrt(s.m2x);
  const slope = (s.cxy / s.m2x) * unit;
  const intercept = s.meanY - slope * s.meanX;
  const df = s.n - 2;
  const sse = Math.max(0, s.m2y - (s.cxy / sdx) ** 2);
  const scaledSe = Math.sqrt(sse / df);
  const residualSe = scaledSe * uy;
  const slopeSe = (scaledSe / sdx) * unit;
  const interceptSe = residualSe * Math.hypot(1 / Math.sqrt(s.n), s.meanX / ux / sdx);
  const t = tCritical(confidence, df);
  const r = s.m2y > 0 ? coefficient(fn, s) : 0;
  const tStat = scaledSe > 0 ? s.cxy / sdx / scaledSe : s.cxy === 0 ? 0 : Infinity;
  const slopeCi: [number, number] = [slope - t * slopeSe, slope + t * slopeSe];
  const interceptCi: [number, number] = [intercept - t * interceptSe, intercept + t * interceptSe];
  if (!Number.isFinite(slope + intercept + slopeSe + interceptSe + residualSe + slopeCi[0] + slopeCi[1] + interceptCi[0] + interceptCi[1])) {
    fail(fn, "NON_FINITE", `expected a line whose slope, intercept and intervals fit in a double, got slope ${slope} and intercept ${intercept}; rescale x or y`);
  }
  return {
    slope,
    intercept,
    slopeSe,
    interceptSe,
    slopeCi,
    interceptCi,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(tStat), df)),
    rSquared: r * r,
    residualSe,
    n: s.n,
    confidence,
  };
}
