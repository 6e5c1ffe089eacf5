import { fisherInterval, correlationTTestP, coefficient, type CorrelationOptions, type CorrelationResult, checkPairs, type PairInput, summarizePairs } from "./pearson";
import { fail } from "../core/errors";
import { keysOf, readConfidence, readOptions } from "../core/input";
import { normalCdf } from "../core/normal";
import { argsort } from "../core/sort";

const CORRELATION_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CorrelationOptions>()("confidence");

/**
 * Average ranks (1 … n; tied values share the mean of their ranks), from a radix argsort: O(n).
 */
function averageRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = argsort(v);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    const value = v[order[i]!]!;
    while (j < n && v[order[j]!] === value) j++;
    // positions i … j − 1 share the ranks i + 1 … j: their mean is (i + 1 + j)/2
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    i = j;
  }
  return ranks;
}

/**
 * Spearman's rank correlation ρ, with its confidence interval and test.
 *
 * Definition: Pearson's r of the average ranks (ties share the mean of their ranks), as R's
 * `cor(method = "spearman")` and scipy's `spearmanr`. Interval: Fisher's z with the standard error
 * √((1 + ρ²/2)/(n − 3)) of Bonett & Wright (2000, Psychometrika 65(1)), which keeps its coverage
 * where 1/√(n − 3) is too narrow; [−1, 1] for n = 3. Test: Student's t with n − 2 degrees of
 * freedom on t = ρ√((n − 2)/(1 − ρ²)) (scipy's default; R uses an exact permutation test for small
 * n without ties). O(n log n).
 *
 * @param x - First variable.
 * @param y - Second variable, same length.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link CorrelationResult} with `method: "spearman"`.
 * @throws {@link CxMetricsError} as {@link pearson}.
 * @example
 * ```ts
 * import { spearman } from "cx-metrics";
 * spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 100]).r; //=> 1
 * ```
 * @category Relate
 */
export function spearman(x: PairInput, y: PairInput, options?: CorrelationOptions): CorrelationResult {
  return spearmanOf(x, y, options);
}

function spearmanOf(xIn: PairInput, yIn: PairInput, options?: CorrelationOptions): CorrelationResult {
  const fn = "spearman";
  const o = readOptions<CorrelationOptions>(fn, options, CORRELATION_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { x, y } = checkPairs(fn, xIn, yIn);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) fail(fn, "NON_FINITE", `expected finite values at index ${i}, got ${x[i]} and ${y[i]}`, i);
  }
  const s = summarizePairs(fn, averageRanks(x), averageRanks(y));
  const r = coefficient(fn, s);
  return {
    r,
    n: s.n,
    ci: fisherInterval(r, s.n > 3 ? Math.sqrt((1 + (r * r) / 2) / (s.n - 3)) : Infinity, confidence),
    confidence,
    pValue: correlationTTestP(r, s.n),
    method: "spearman",
    inference: "Fisher z interval with the Bonett–Wright se √((1 + ρ²/2)/(n − 3)); Student t test with n − 2 df",
  };
}

/** Dense integer ranks 0 … k − 1 of the distinct values, from a radix argsort. */
function denseRanks(v: ArrayLike<number>): { ranks: Int32Array; levels: number } {
  const n = v.length;
  const order = argsort(v);
  const ranks = new Int32Array(n);
  let levels = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && v[order[k]!] !== v[order[k - 1]!]) levels++;
    ranks[order[k]!] = levels;
  }
  return { ranks, levels: n === 0 ? 0 : levels + 1 };
}

/** Number of inversions of `a` (pairs i < j with a[i] > a[j]), by merge sort; sorts `a`. */
function countInversions(a: Int32Array): number {
  const n = a.length;
  let buf: Int32Array = new Int32Array(n);
  let src: Int32Array = a;
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j]! < src[i]!) {
          buf[k++] = src[j++]!;
          swaps += mid - i;
        } else buf[k++] = src[i++]!;
      }
      while (i < mid) buf[k++] = src[i++]!;
      while (j < hi) buf[k++] = src[j++]!;
    }
    [src, buf] = [buf, src];
  }
  // after an odd number of passes the sorted data is in the scratch buffer: callers rely on `a`
  if (src !== a) a.set(src);
  return swaps;
}

/** Sum over groups of equal values of f(group size), from sorted data. */
function tieSums(sorted: Int32Array): [number, number, number] {
  let t1 = 0; // Σ t(t − 1)/2
  let t2 = 0; // Σ t(t − 1)(2t + 5)
  let t3 = 0; // Σ t(t − 1)(t − 2)
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      if (run > 1) {
        t1 += (run * (run - 1)) / 2;
        t2 += run * (run - 1) * (2 * run + 5);
        t3 += run * (run - 1) * (run - 2);
      }
      run = 1;
    }
  }
  return [t1, t2, t3];
}

/**
 * Exact two-sided p-value of Kendall's test without ties: the number of discordant pairs D of a
 * random permutation follows the Mahonian distribution (counts of permutations by inversions),
 * computed by dynamic programming; p = min(1, 2·P(D ≤ min(d, N − d))), N = n(n − 1)/2.
 */
function kendallExactP(n: number, discordant: number): number {
  const N = (n * (n - 1)) / 2;
  const c = Math.min(discordant, N - discordant);
  // probabilities of k inversions for permutations of m elements, k = 0 … c
  let dist = new Float64Array(c + 1);
  dist[0] = 1;
  for (let m = 2; m <= n; m++) {
    // adding the m-th element creates 0 … m − 1 new inversions, uniformly
    const next = new Float64Array(c + 1);
    let window = 0;
    for (let k = 0; k <= c; k++) {
      window += dist[k]!;
      if (k - m >= 0) window -= dist[k - m]!;
      next[k] = window / m;
    }
    dist = next;
  }
  let cdf = 0;
  for (let k = 0; k <= c; k++) cdf += dist[k]!;
  return Math.min(1, 2 * cdf);
}

/**
 * Kendall's rank correlation τ-b, with its confidence interval and test.
 *
 * Definition: τ_b = (C − D)/√((N − T_x)(N − T_y)), with C and D the concordant and discordant pairs,
 * N = n(n − 1)/2 and T_x, T_y the pairs tied in x and in y (Kendall 1945). Method: Knight's
 * O(n log n) algorithm (1966): sort by (x, y), count ties, count D as the inversions of y by merge
 * sort. Test: without ties and n ≤ 60, the exact permutation distribution of D (as scipy's
 * `kendalltau` with `method="exact"`); otherwise the normal approximation with the tie-corrected
 * variance of S = C − D (Kendall 1970: Var S = (v₀ − v_t − v_u)/18 + v₁/(2n(n − 1)) +
 * v₂/(9n(n − 1)(n − 2))). Interval: Fisher's z with √(0.437/(n − 4)) (Fieller, Hartley & Pearson
 * 1957), [−1, 1] for n ≤ 4.
 *
 * @param x - First variable.
 * @param y - Second variable, same length.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link CorrelationResult} with `method: "kendall"` (`r` holds τ-b).
 * @throws {@link CxMetricsError} as {@link pearson}.
 * @example
 * ```ts
 * import { kendall } from "cx-metrics";
 * kendall([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]).r; //=> 0.4
 * ```
 * @category Relate
 */
export function kendall(x: PairInput, y: PairInput, options?: CorrelationOptions): CorrelationResult {
  return kendallOf(x, y, options);
}

function kendallOf(xIn: PairInput, yIn: PairInput, options?: CorrelationOptions): CorrelationResult {
  const fn = "kendall";
  const o = readOptions<CorrelationOptions>(fn, options, CORRELATION_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { x, y } = checkPairs(fn, xIn, yIn);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) fail(fn, "NON_FINITE", `expected finite values at index ${i}, got ${x[i]} and ${y[i]}`, i);
  }
  if (n === 0) fail(fn, "EMPTY_INPUT", "expected at least 3 pairs, got none");
  if (n < 3) fail(fn, "INSUFFICIENT_DATA", `expected at least 3 pairs, got ${n}`);
  const rx = denseRanks(x);
  const ry = denseRanks(y);
  if (rx.levels < 2 || ry.levels < 2) fail(fn, "CONSTANT_INPUT", `expected both variables to vary; ${rx.levels < 2 ? "x" : "y"} is constant, so the correlation is undefined`);
  // sort by (x, y) through exact combined keys
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = rx.ranks[i]! * ry.levels + ry.ranks[i]!;
  keys.sort();
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = Math.floor(keys[i]! / ry.levels);
    ys[i] = keys[i]! - xs[i]! * ry.levels;
  }
  // pairs tied in x, and tied in both (runs of equal keys)
  const [tx, vtx, wtx] = tieSums(xs);
  let joint = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && keys[i] === keys[i - 1]) run++;
    else {
      joint += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const discordant = countInversions(ys); // sorts ys
  const [ty, vty, wty] = tieSums(ys);
  const pairs = (n * (n - 1)) / 2;
  const s = pairs - tx - ty + joint - 2 * discordant;
  const tau = Math.max(-1, Math.min(1, s / Math.sqrt((pairs - tx) * (pairs - ty))));
  let pValue: number;
  let test: string;
  if (tx === 0 && ty === 0 && n <= 60) {
    pValue = kendallExactP(n, discordant);
    test = "exact permutation test (no ties)";
  } else {
    const v0 = n * (n - 1) * (2 * n + 5);
    const v1 = (4 * tx * ty) / (2 * n * (n - 1)); // Σt(t − 1)·Σu(u − 1) = 4·T_x·T_y
    const v2 = (wtx * wty) / (9 * n * (n - 1) * (n - 2));
    const variance = (v0 - vtx - vty) / 18 + v1 + v2;
    pValue = variance > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(s) / Math.sqrt(variance))) : 1;
    test = "normal approximation with the tie-corrected variance of S";
  }
  return {
    r: tau,
    n,
    ci: fisherInterval(tau, n > 4 ? Math.sqrt(0.437 / (n - 4)) : Infinity, confidence),
    confidence,
    pValue,
    method: "kendall",
    inference: `Fisher z interval with the Fieller–Hartley–Pearson se √(0.437/(n − 4)); ${test}`,
  };
}
