/**
 * A mergeable summary of a numeric variable (count, mean, sum of squared deviations, extremes) and
 * Welch's two-sample t test between two such summaries. Internal: behind the means family
 * (core/mean.ts) and the portfolio's mean metric.
 * @module
 */
import { tCritical } from "./critical";
import { fail } from "./errors";
import { describe, type InvalidPolicy } from "./input";
import { studentTCdf } from "./student-t";
import { checkCount, checkKind } from "./summary";
import { ratio } from "./test-stat";

/**
 * A mergeable summary of a numeric variable: count, mean, sum of squared deviations (Welford's
 * M2) and extremes, plain JSON. The summary of the means family ({@link meanSummary},
 * {@link mergeMeanSummaries}, {@link meanFromSummary}, {@link meanKind}) and of {@link meanMetric};
 * the SQL push-down (`cx-metrics/sql`) builds the same object from `COUNT`, `AVG`, `VAR_SAMP`,
 * `MIN` and `MAX`. An empty summary has `n` 0, `min` `Infinity` and `max` `-Infinity` (which
 * `JSON.stringify` writes as `null`; {@link meanKind}'s `check` reads them back).
 * @category Core
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
  /**
   * Units of `m2`, present only for data beyond about 1e±60 (a power of two): `m2` is then
   * Σ (x − mean)²/scale², so that data near 1e300 or 1e-300 keep a finite, non-zero M2. Absent means 1.
   */
  scale?: number;
}

const SAFE = 2 ** 200;

/** 1 for magnitudes in [2^-200, 2^200], else the power of two 2^⌊log₂ m⌋ (within [2^-1000, 2^1023]). */
function unitFor(maxAbs: number): number {
  if (!(maxAbs > 0) || !(maxAbs < Infinity)) return 1;
  const e = Math.floor(Math.log2(maxAbs));
  return e >= -200 && e <= 200 ? 1 : 2 ** Math.max(-1000, Math.min(1023, e));
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
 * Data beyond about 1e±60 are accumulated in units of a power of two that follows the largest
 * magnitude (recorded as `scale`), so that M2 neither overflows (1e200) nor underflows (1e-188).
 * @internal
 * @example
 * ```ts
 * summarizeMoments("f", [1, 2, 3], (x) => x, "throw").m2; //=> 2
 * ```
 */
export function summarizeMoments<T>(fn: string, rows: ArrayLike<T>, read: (row: T, index: number) => unknown, policy: InvalidPolicy): MomentsSummary {
  let n = 0;
  let mean = 0; // in units of `unit`
  let m2 = 0; // in units of unit²
  let unit = 1;
  let inv = 1;
  let maxAbs = 0;
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
    const ax = Math.abs(x);
    if (ax > maxAbs) {
      maxAbs = ax;
      // the units follow the largest magnitude, by exact powers of two (rarely: only when it
      // leaves [2^-200, 2^200] of the current units)
      if (ax * inv > SAFE || ax * inv < 1 / SAFE) {
        const next = unitFor(ax);
        const f = unit / next;
        mean *= f;
        m2 = m2 * f * f; // (m2·f)·f: f² alone may overflow when m2 is 0
        unit = next;
        inv = 1 / next;
      }
    }
    n++;
    const xs = x * inv;
    const d = xs - mean;
    mean += d / n;
    m2 += d * (xs - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const out: MomentsSummary = { kind: "moments", n, mean: mean * unit, m2, min, max, skipped, invalid };
  if (unit !== 1) out.scale = unit;
  return out;
}

/**
 * Check a moments summary read from anywhere (JSON, SQL, a worker) and return a fresh copy of its
 * known fields: `kind` "moments"; `n`, `skipped` and `invalid` whole numbers ≥ 0; `mean` finite;
 * `m2` finite and ≥ 0, and 0 when n ≤ 1; `scale` absent or a positive finite number; when n > 0,
 * `min` and `max` finite with min ≤ max. An empty summary (n = 0) is legal: its `min`/`max` may be
 * `null` (how JSON writes ±Infinity) and come back as `Infinity`/`-Infinity`, its mean and M2 as 0.
 * @internal
 * @example
 * ```ts
 * checkMoments("f", JSON.parse(JSON.stringify(emptyMoments()))).min; //=> Infinity
 * ```
 */
export function checkMoments(fn: string, s: unknown, index?: number): MomentsSummary {
  checkKind(fn, s, "moments", index);
  const m = s as MomentsSummary;
  const n = checkCount(fn, m, "n", true, index);
  const skipped = checkCount(fn, m, "skipped", true, index);
  const invalid = checkCount(fn, m, "invalid", true, index);
  const m2 = checkCount(fn, m, "m2", false, index);
  const at = index === undefined ? "" : ` (summary ${index})`;
  if (typeof m.mean !== "number" || !Number.isFinite(m.mean)) fail(fn, "INVALID_SUMMARY", `expected mean${at} to be a finite number, got ${describe(m.mean)}`, index);
  if (m.scale !== undefined && !(typeof m.scale === "number" && m.scale > 0 && m.scale < Infinity)) fail(fn, "INVALID_SUMMARY", `expected scale${at} to be absent or a positive finite number, got ${describe(m.scale)}`, index);
  if (n === 0) {
    const ends = (v: unknown) => v === null || typeof v === "number";
    if (!ends(m.min) || !ends(m.max)) fail(fn, "INVALID_SUMMARY", `expected min and max${at} of an empty summary to be numbers or null, got ${describe(m.min)} and ${describe(m.max)}`, index);
    return { ...emptyMoments(), skipped, invalid };
  }
  if (typeof m.min !== "number" || typeof m.max !== "number" || !Number.isFinite(m.min) || !Number.isFinite(m.max) || !(m.min <= m.max)) {
    fail(fn, "INVALID_SUMMARY", `expected finite min <= max${at}, got ${describe(m.min)} and ${describe(m.max)}`, index);
  }
  if (n === 1 && m2 !== 0) fail(fn, "INVALID_SUMMARY", `expected m2${at} to be 0 for one value, got ${m2}`, index);
  const out: MomentsSummary = { kind: "moments", n, mean: m.mean, m2, min: m.min, max: m.max, skipped, invalid };
  if (m.scale !== undefined) out.scale = m.scale;
  return out;
}

/**
 * Merge moment summaries with the pairwise update of Chan, Golub & LeVeque (1979):
 * δ = x̄_b − x̄_a, M2 = M2_a + M2_b + δ²·n_a·n_b/n. Each summary is checked first
 * ({@link checkMoments}); empty ones only add their `skipped` and `invalid` counts, and the first
 * non-empty one is taken as it is (so that merging with an empty summary changes nothing).
 * @internal
 * @example
 * ```ts
 * mergeMoments("f", [summarizeMoments("f", [1], (x) => x, "throw"), summarizeMoments("f", [2, 3], (x) => x, "throw")]).m2; //=> 2
 * ```
 */
export function mergeMoments(fn: string, summaries: readonly MomentsSummary[]): MomentsSummary {
  let out = emptyMoments();
  summaries.forEach((raw, i) => {
    const s = checkMoments(fn, raw, i);
    const n = s.n;
    if (n === 0 || out.n === 0) {
      const skipped = out.skipped + s.skipped;
      const invalid = out.invalid + s.invalid;
      if (n > 0) out = s;
      out.skipped = skipped;
      out.invalid = invalid;
      return;
    }
    // common units: the larger of the two (the smaller summary's M2 shrinks by an exact power of two)
    const ua = out.scale ?? 1;
    const ub = s.scale ?? 1;
    const u = Math.max(ua, ub);
    const fa = ua / u;
    const fb = ub / u;
    const total = out.n + n;
    const d = s.mean / u - out.mean / u;
    out.mean = (out.mean / u + (d * n) / total) * u;
    out.m2 = out.m2 * fa * fa + s.m2 * fb * fb + (d * d * out.n * n) / total;
    if (u !== 1) out.scale = u;
    else delete out.scale;
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
  if (s.n < 2) return null;
  const u = s.scale ?? 1;
  return (s.m2 / (s.n - 1)) * u * u;
}

/**
 * Sample standard deviation √(M2/(n − 1)) in the data's units, finite wherever the data are (the
 * variance of data near 1e200 overflows, its square root does not); `null` for n < 2.
 * @internal
 * @example
 * ```ts
 * momentsSd(summarizeMoments("f", [1e200, 3e200], (x) => x, "throw")); //=> ~1.4142135623731e200
 * ```
 */
export function momentsSd(s: MomentsSummary): number | null {
  return s.n >= 2 ? Math.sqrt(s.m2 / (s.n - 1)) * (s.scale ?? 1) : null;
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
  if (a.n < 2 || b.n < 2) fail(fn, "INSUFFICIENT_DATA", `expected at least two values in each group, got ${a.n} and ${b.n}`);
  // in common units u (powers of two), so that data near 1e±300 give the same t, df and p as near 1
  const u = Math.max(a.scale ?? 1, b.scale ?? 1);
  const fa = (a.scale ?? 1) / u;
  const fb = (b.scale ?? 1) / u;
  const qa = ((a.m2 / (a.n - 1)) * fa * fa) / a.n;
  const qb = ((b.m2 / (b.n - 1)) * fb * fb) / b.n;
  const seU = Math.sqrt(qa + qb);
  const dU = b.mean / u - a.mean / u;
  const df = seU > 0 ? (qa + qb) ** 2 / (qa * qa / (a.n - 1) + (qb * qb) / (b.n - 1)) : a.n + b.n - 2;
  const t = ratio(dU, seU);
  const pValue = Number.isFinite(t) ? 2 * studentTCdf(-Math.abs(t), df) : 0;
  const hU = tCritical(confidence, df) * seU;
  const difference = dU * u;
  const se = seU * u;
  const ci: [number, number] = [(dU - hU) * u, (dU + hU) * u];
  if (!Number.isFinite(difference + se + ci[0] + ci[1])) fail(fn, "NON_FINITE", "the difference of the means or its interval does not fit in a double");
  return { difference, se, df, t, pValue, ci };
}
