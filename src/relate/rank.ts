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

/** Radix digit width for the Kendall sorts: six passes of 11 bits cover a 64-bit key. */
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const RADIX_MASK = RADIX - 1;

/**
 * Writes the order-preserving unsigned 64-bit key of each value (of `v[order[k]]`, or of `v[k]`
 * without `order`) into `keys` as [lo, hi] 32-bit words: negative doubles have all bits flipped,
 * others only the sign bit. −0 is keyed as +0, so equal values have equal keys. Values must be
 * finite.
 * @internal
 */
function sortKeys(v: ArrayLike<number>, order: Int32Array | null, keys: Uint32Array): void {
  const n = keys.length >> 1;
  const f = new Float64Array(keys.buffer, keys.byteOffset, n); // little-endian: [lo, hi] per double
  if (order === null) for (let k = 0; k < n; k++) f[k] = v[k]! + 0; // −0 + 0 = +0
  else for (let k = 0; k < n; k++) f[k] = v[order[k]!]! + 0;
  for (let k = 0; k < 2 * n; k += 2) {
    const h = keys[k + 1]!;
    if (h & 0x80000000) {
      keys[k] = ~keys[k]! >>> 0;
      keys[k + 1] = ~h >>> 0;
    } else keys[k + 1] = (h | 0x80000000) >>> 0;
  }
}

/** The `pass`-th 11-bit digit (0 … 5, least significant first) of the key (hi, lo). @internal */
function radixDigit(lo: number, hi: number, pass: number): number {
  const shift = pass * RADIX_BITS;
  if (shift + RADIX_BITS <= 32) return (lo >>> shift) & RADIX_MASK;
  if (shift >= 32) return (hi >>> (shift - 32)) & RADIX_MASK;
  return ((lo >>> shift) | (hi << (32 - shift))) & RADIX_MASK;
}

/**
 * Stable LSD radix sort of 64-bit keys ([lo, hi] pairs of `keys`) with an integer payload:
 * histograms of the six 11-bit digits in one pass, then one scatter pass per digit that is not the
 * same for every key. Sorts (keys, pay) using (keys2, pay2) as scratch; returns 0 when the sorted
 * data ended in the first pair of arrays, 1 when in the second. O(n), no comparisons.
 * @internal
 */
function radixSortKeys(keys: Uint32Array, pay: Int32Array, keys2: Uint32Array, pay2: Int32Array): number {
  const n = pay.length;
  const count = new Int32Array(6 * RADIX);
  for (let i = 0; i < 2 * n; i += 2) {
    const l = keys[i]!;
    const h = keys[i + 1]!;
    count[l & RADIX_MASK]!++;
    count[RADIX + ((l >>> 11) & RADIX_MASK)]!++;
    count[2 * RADIX + (((l >>> 22) | (h << 10)) & RADIX_MASK)]!++;
    count[3 * RADIX + ((h >>> 1) & RADIX_MASK)]!++;
    count[4 * RADIX + ((h >>> 12) & RADIX_MASK)]!++;
    count[5 * RADIX + (h >>> 23)]!++;
  }
  let side = 0;
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * RADIX;
    // skip a pass whose digit is the same for every key
    let constant = false;
    for (let d = 0; d < RADIX; d++) {
      const c = count[base + d]!;
      if (c === n) constant = true;
      if (c !== 0) break;
    }
    if (constant) continue;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[base + d]!;
      count[base + d] = sum;
      sum += c;
    }
    if (side === 0) radixScatter(keys, pay, keys2, pay2, count, pass);
    else radixScatter(keys2, pay2, keys, pay, count, pass);
    side = 1 - side;
  }
  return side;
}

/** One stable scatter pass of {@link radixSortKeys} on digit `pass`, with prefix offsets in `count`. @internal */
function radixScatter(keys: Uint32Array, pay: Int32Array, toKeys: Uint32Array, toPay: Int32Array, count: Int32Array, pass: number): void {
  const n = pay.length;
  const base = pass * RADIX;
  for (let i = 0; i < n; i++) {
    const l = keys[2 * i]!;
    const h = keys[2 * i + 1]!;
    const p = count[base + radixDigit(l, h, pass)]!++;
    toKeys[2 * p] = l;
    toKeys[2 * p + 1] = h;
    toPay[p] = pay[i]!;
  }
}

/**
 * Sums over the runs of equal keys of sorted [lo, hi] pairs, in ascending order, of t(t − 1)/2,
 * t(t − 1)(2t + 5) and t(t − 1)(t − 2) (t the run length), into `out` [0 … 2].
 * @internal
 */
function tieSums(keys: Uint32Array, out: Float64Array): void {
  let t1 = 0; // Σ t(t − 1)/2
  let t2 = 0; // Σ t(t − 1)(2t + 5)
  let t3 = 0; // Σ t(t − 1)(t − 2)
  let run = 1;
  const n = keys.length >> 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && keys[2 * i] === keys[2 * i - 2] && keys[2 * i + 1] === keys[2 * i - 1]) run++;
    else {
      if (run > 1) {
        t1 += (run * (run - 1)) / 2;
        t2 += run * (run - 1) * (2 * run + 5);
        t3 += run * (run - 1) * (run - 2);
      }
      run = 1;
    }
  }
  out[0] = t1;
  out[1] = t2;
  out[2] = t3;
}

/** Inversions (i < j, f(i) > f(j)) among a[from … to), values in 0 … size − 1, by a Fenwick tree of `size` zeroed counts. @internal */
function fenwickInversions(a: Int32Array, from: number, to: number, tree: Int32Array, size: number): number {
  let inversions = 0;
  for (let k = from; k < to; k++) {
    const v = a[k]! + 1;
    let atMost = 0; // earlier values ≤ a[k]
    for (let i = v; i > 0; i -= i & -i) atMost += tree[i]!;
    inversions += k - from - atMost;
    for (let i = v; i <= size; i += i & -i) tree[i]!++;
  }
  return inversions;
}

/**
 * Number of inversions of `a` (pairs i < j with a[i] > a[j]), values in 0 … levels − 1, without a
 * comparison sort. Large ranges are split by the high bits of the values: inversions between
 * different high parts are counted with a Fenwick tree over the high parts, then the values are
 * distributed stably by their high part (one counting pass into `scratch`) and the inversions
 * within each part counted with a Fenwick tree over the low bits. Both trees hold at most
 * 2^10 … 2^16 counts, so they stay in cache. O(n log levels).
 * @internal
 */
function countInversions(a: Int32Array, levels: number, scratch: Int32Array): number {
  const n = a.length;
  let bits = 0;
  while (2 ** bits < levels) bits++;
  if (bits <= 12) return fenwickInversions(a, 0, n, new Int32Array((1 << bits) + 1), 1 << bits);
  const low = bits >> 1;
  const parts = 1 << (bits - low);
  const lowMask = (1 << low) - 1;
  const tree = new Int32Array(Math.max(parts, 1 << low) + 1);
  const start = new Int32Array(parts + 1);
  // inversions between different high parts
  let inversions = 0;
  for (let k = 0; k < n; k++) {
    const v = (a[k]! >>> low) + 1;
    let atMost = 0;
    for (let i = v; i > 0; i -= i & -i) atMost += tree[i]!;
    inversions += k - atMost;
    for (let i = v; i <= parts; i += i & -i) tree[i]!++;
    start[v]!++;
  }
  for (let p = 0; p < parts; p++) start[p + 1]! += start[p]!;
  const next = start.slice();
  for (let k = 0; k < n; k++) scratch[next[a[k]! >>> low]!++] = a[k]! & lowMask;
  // inversions within each high part, on the low bits
  for (let p = 0; p < parts; p++) {
    if (start[p + 1]! - start[p]! < 2) continue;
    tree.fill(0, 0, (1 << low) + 1);
    inversions += fenwickInversions(scratch, start[p]!, start[p + 1]!, tree, 1 << low);
  }
  return inversions;
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
 * O(n log n) algorithm (1966) without comparisons: sort by (x, y) with two radix sorts (by y, then
 * stably by x), count ties, count D as the inversions of the y ranks with cache-sized Fenwick trees. Test: without ties and n ≤ 60, the exact permutation distribution of D (as scipy's
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
  // Sort the pairs by y (radix, carrying the index), rank y densely in that order, gather the x keys
  // in y order and sort them stably (radix, carrying the y rank): the pairs end sorted by (x, y).
  const keysA = new Uint32Array(2 * n);
  const payA = new Int32Array(n);
  const keysB = new Uint32Array(2 * n);
  const payB = new Int32Array(n);
  sortKeys(y, null, keysA);
  for (let i = 0; i < n; i++) payA[i] = i;
  const ySide = radixSortKeys(keysA, payA, keysB, payB);
  const [yKeys, byY, xKeys, yRank] = ySide === 0 ? [keysA, payA, keysB, payB] : [keysB, payB, keysA, payA];
  let yLevels = 0;
  yRank[0] = 0;
  for (let k = 1; k < n; k++) {
    if (yKeys[2 * k] !== yKeys[2 * k - 2] || yKeys[2 * k + 1] !== yKeys[2 * k - 1]) yLevels++;
    yRank[k] = yLevels;
  }
  yLevels++;
  const tiesY = new Float64Array(3);
  tieSums(yKeys, tiesY);
  sortKeys(x, byY, xKeys);
  const xSide = radixSortKeys(xKeys, yRank, yKeys, byY);
  const [sx, ys] = xSide === 0 ? [xKeys, yRank] : [yKeys, byY];
  const tiesX = new Float64Array(3);
  tieSums(sx, tiesX);
  const xConstant = sx[0] === sx[2 * n - 2] && sx[1] === sx[2 * n - 1]; // sorted: first = last
  if (xConstant || yLevels < 2) fail(fn, "CONSTANT_INPUT", `expected both variables to vary; ${xConstant ? "x" : "y"} is constant, so the correlation is undefined`);
  const tx = tiesX[0]!;
  const vtx = tiesX[1]!;
  const wtx = tiesX[2]!;
  const ty = tiesY[0]!;
  const vty = tiesY[1]!;
  const wty = tiesY[2]!;
  // pairs tied in both (runs of equal (x, y))
  let joint = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && ys[i] === ys[i - 1] && sx[2 * i] === sx[2 * i - 2] && sx[2 * i + 1] === sx[2 * i - 1]) run++;
    else {
      joint += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const discordant = countInversions(ys, yLevels, ys === payA ? payB : payA);
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
