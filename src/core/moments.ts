/**
 * A mergeable summary of a numeric variable (count, mean, sum of squared deviations, extremes) and
 * Welch's two-sample t test between two such summaries. Internal: behind the portfolio's mean metric.
 * @module
 */
import { tCritical } from "./critical";
import { fail } from "./errors";
import { describe, type InvalidPolicy } from "./input";
import { studentTCdf } from "./student-t";
import { checkCount, checkKind } from "./summary";
import { ratio } from "./test-stat";

/**
 * A mergeable summary of a numeric variable (the summary of {@link meanMetric}), plain JSON.
 * @category Portfolio
 */
export interface MomentsSummary {
  kind: "moments";
  n: number;
  mean: number;
  /** Σ (x − mean)². */
  m2: number;
  min: number;
  max: number;
  skipped: number;
  invalid: number;
}

/**
 * The empty moments summary, the identity of {@link mergeMoments}.
 * @internal
 * @example
 * ```ts
 * emptyMoments().n; //=> 0
 * ```
 */
export function emptyMoments(): MomentsSummary {
  return { kind: "moments", n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity, skipped: 0, invalid: 0 };
}

/**
 * One pass of Welford's update (Welford 1962) over `read(rows[i], i)`; `null`/`undefined` are
 * skipped and counted; a non-finite or non-number value throws (or is counted with policy "skip").
 * @internal
 * @example
 * ```ts
 * summarizeMoments("f", [1, 2, 3], (x) => x, "throw").m2; //=> 2
 * ```
 */
export function summarizeMoments<T>(fn: string, rows: ArrayLike<T>, read: (row: T, index: number) => unknown, policy: InvalidPolicy): MomentsSummary {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  let skipped = 0;
  let invalid = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = read(rows[i]!, i);
    if (x === null || x === undefined) {
      skipped++;
      continue;
    }
    if (typeof x !== "number" || !Number.isFinite(x)) {
      if (policy === "skip") {
        invalid++;
        continue;
      }
      fail(fn, typeof x === "number" ? "NON_FINITE" : "INVALID_SCORE", `expected a finite number at index ${i}, got ${describe(x)}`, i);
    }
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { kind: "moments", n, mean, m2, min, max, skipped, invalid };
}

/**
 * Merge moment summaries with the pairwise update of Chan, Golub & LeVeque (1979):
 * δ = x̄_b − x̄_a, M2 = M2_a + M2_b + δ²·n_a·n_b/n.
 * @internal
 * @example
 * ```ts
 * mergeMoments("f", [summarizeMoments("f", [1], (x) => x, "throw"), summarizeMoments("f", [2, 3], (x) => x, "throw")]).m2; //=> 2
 * ```
 */
export function mergeMoments(fn: string, summaries: readonly MomentsSummary[]): MomentsSummary {
  const out = emptyMoments();
  summaries.forEach((s, i) => {
    checkKind(fn, s, "moments", i);
    const n = checkCount(fn, s, "n", true, i);
    if (!Number.isFinite(s.mean) || !(s.m2 >= 0) || (n > 0 && !(s.min <= s.max))) fail(fn, "INVALID_SUMMARY", `expected finite moments (summary ${i})`, i);
    if (n === 0) {
      out.skipped += s.skipped;
      out.invalid += s.invalid;
      return;
    }
    const total = out.n + n;
    const d = s.mean - out.mean;
    out.mean += (d * n) / total;
    out.m2 += s.m2 + (d * d * out.n * n) / total;
    out.n = total;
    out.min = Math.min(out.min, s.min);
    out.max = Math.max(out.max, s.max);
    out.skipped += s.skipped;
    out.invalid += s.invalid;
  });
  return out;
}

/**
 * Sample variance M2/(n − 1); `null` for n < 2.
 * @internal
 * @example
 * ```ts
 * momentsVariance(summarizeMoments("f", [1, 2, 3], (x) => x, "throw")); //=> 1
 * ```
 */
export function momentsVariance(s: MomentsSummary): number | null {
  return s.n >= 2 ? s.m2 / (s.n - 1) : null;
}

/**
 * Welch's t test of b − a from two moment summaries (Welch 1947): se = √(s_a²/n_a + s_b²/n_b),
 * Welch–Satterthwaite df, interval difference ± t_{df}·se. Each group needs n ≥ 2.
 * @internal
 * @example
 * ```ts
 * const s = (v) => summarizeMoments("f", v, (x) => x, "throw");
 * welchTest("f", s([1, 2, 3]), s([2, 3, 4]), 0.95).difference; //=> 1
 * ```
 */
export function welchTest(fn: string, a: MomentsSummary, b: MomentsSummary, confidence: number): { difference: number; se: number; df: number; t: number; pValue: number; ci: [number, number] } {
  const va = momentsVariance(a);
  const vb = momentsVariance(b);
  if (va === null || vb === null) fail(fn, "INSUFFICIENT_DATA", `expected at least two values in each group, got ${a.n} and ${b.n}`);
  const qa = va / a.n;
  const qb = vb / b.n;
  const se = Math.sqrt(qa + qb);
  const difference = b.mean - a.mean;
  const df = se > 0 ? (qa + qb) ** 2 / (qa * qa / (a.n - 1) + (qb * qb) / (b.n - 1)) : a.n + b.n - 2;
  const t = ratio(difference, se);
  const pValue = Number.isFinite(t) ? 2 * studentTCdf(-Math.abs(t), df) : 0;
  const h = tCritical(confidence, df) * se;
  return { difference, se, df, t, pValue, ci: [difference - h, difference + h] };
}
