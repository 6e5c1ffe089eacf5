// Property tests of the correlation and outcomes module (src/relate): pearson and its mergeable
// summaries, spearman, kendall, linearRegression, holm, benjaminiHochberg, laggedCorrelation,
// periodChange, alignByPeriod and relateMetricToOutcomes, through the public API. Seed and run
// count: test/setup.ts (fixed seed, printed by fast-check when a property fails). Reference values
// against scipy and exact arithmetic are in relate.reference.test.ts, not here.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  alignByPeriod,
  benjaminiHochberg,
  CxMetricsError,
  type CorrelationResult,
  holm,
  kendall,
  laggedCorrelation,
  linearRegression,
  normalCdf,
  mergePearsonSummaries,
  pearson,
  pearsonFromSummary,
  pearsonKind,
  pearsonSummary,
  periodChange,
  relateMetricToOutcomes,
  spearman,
} from "../../src/index";
import { monoidLaws } from "../helpers/monoid-laws";
import { close, confidenceArb, deepFreeze, intervalWithin, permute, splitAt, within } from "../helpers/properties";

/** Properties that build calendars (date-fns) run 20 times. */
const HEAVY = { numRuns: 20 };
/** Cheap properties of paired arrays (up to 80 pairs): 100 runs. */
const PAIRS = { numRuns: 100 };
/**
 * Properties that call spearman or kendall run 15 times: their radix argsort costs about 0.5 ms
 * per call whatever n (passes over 65,536 buckets), and these tests must stay under 3 s.
 */
const RANK = { numRuns: 15 };
/** Lagged correlations with a rank method (one correlation per lag): 5 runs. */
const RANK_TABLE = { numRuns: 5 };

/** +0 for −0: lags are compared as numbers, not as IEEE signs (see the explicit −0 test). */
const num = (v: number) => v + 0;

// ---------------------------------------------------------------------------------------------
// Generators shaped like the domain
// ---------------------------------------------------------------------------------------------

/**
 * A finite double of [−100, 100] on a grid of 1e-6 (integers / 1e6): fast-check's integer bias
 * gives the edges, zeros and repeated values; the grid keeps out values 1 ulp apart and
 * subnormals, which no floating-point monotone transform (x³, exp) can keep apart and which make a
 * series "constant" to 1e-300. Integers also shrink quickly to readable counterexamples.
 */
const valueArb = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((k) => k / 1e6);

const range = (xs: readonly number[]) => Math.max(...xs) - Math.min(...xs);

/** Not constant: a spread of at least 0.01 (relative 1e-4 of the largest value). */
const varies = (xs: readonly number[]) => range(xs) >= 0.01;

/** Pairs as one array of tuples, so that shrinking drops whole pairs. */
const unzip = (pairs: readonly (readonly [number, number])[]) => ({ x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) });
const pairsOf = (v: fc.Arbitrary<number>) => fc.array(fc.tuple(v, v), { minLength: 3, maxLength: 80 });

/** Two arrays of the same length n in 3..80, both varying: independent, or y linear in x plus noise. */
const pairArb: fc.Arbitrary<{ x: number[]; y: number[] }> = fc
  .oneof(
    pairsOf(valueArb).map(unzip),
    fc
      .record({ pairs: pairsOf(valueArb), slope: fc.double({ min: -5, max: 5, noNaN: true }), scale: fc.constantFrom(0.001, 0.1, 1) })
      .map(({ pairs, slope, scale }) => ({
        x: pairs.map((p) => p[0]),
        y: pairs.map(([v, noise]) => Math.round((slope * v + scale * noise) * 1e6) / 1e6),
      })),
  )
  .filter(({ x, y }) => varies(x) && varies(y))
  .map((p) => deepFreeze(p));

/** Integers 0..5 (many ties), n in 3..60, both series varying. */
const tiedPairArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 3, maxLength: 60 })
  .map(unzip)
  .filter(({ x, y }) => range(x) > 0 && range(y) > 0)
  .map((p) => deepFreeze(p));

const fmt = (x: unknown) => JSON.stringify(x);

type Correlation = (x: ArrayLike<number>, y: ArrayLike<number>, o?: { confidence?: number }) => CorrelationResult;
const METHODS: [string, Correlation, fc.Parameters<unknown>][] = [
  ["pearson", pearson, PAIRS],
  ["spearman", spearman, RANK],
  ["kendall", kendall, RANK],
];

/** The coefficient, or null where the library documents "undefined" (too few pairs, constant). */
function rOrNull(f: Correlation, x: number[], y: number[]): CorrelationResult | null {
  try {
    return f(x, y);
  } catch (e) {
    if (e instanceof CxMetricsError && (e.code === "INSUFFICIENT_DATA" || e.code === "CONSTANT_INPUT")) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Brute-force references implemented here, independent of src/relate
// ---------------------------------------------------------------------------------------------

/** Average ranks, O(n²): 1 + (values below) + (ties − 1)/2. */
function bruteRanks(v: readonly number[]): number[] {
  return v.map((a) => {
    let below = 0;
    let equal = 0;
    for (const b of v) {
      if (b < a) below++;
      else if (b === a) equal++;
    }
    return 1 + below + (equal - 1) / 2;
  });
}

/** Kendall's tau-b by counting every pair, O(n²). */
function bruteTauB(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sx = Math.sign(x[i]! - x[j]!);
      const sy = Math.sign(y[i]! - y[j]!);
      if (sx === 0) tiedX++;
      if (sy === 0) tiedY++;
      if (sx !== 0 && sy !== 0) {
        if (sx === sy) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  return (concordant - discordant) / Math.sqrt((pairs - tiedX) * (pairs - tiedY));
}

/** Sample standard deviation, two passes. */
function sd(v: readonly number[]): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

// ---------------------------------------------------------------------------------------------
// pearson, spearman, kendall: bounds, symmetry, sign
// ---------------------------------------------------------------------------------------------

describe("pearson, spearman and kendall", () => {
  for (const [name, f, runs] of METHODS) {
    test(`${name}(x, y) has r in [-1, 1], an ordered interval in [-1, 1] that contains r, and a p-value in [0, 1]`, () => {
      fc.assert(
        fc.property(pairArb, confidenceArb, ({ x, y }, confidence) => {
          const c = f(x, y, { confidence });
          within(c.r, -1, 1, "r");
          intervalWithin(c.ci, -1, 1);
          within(c.r, c.ci[0], c.ci[1], `r against ci ${fmt(c.ci)}`);
          within(c.pValue, 0, 1, "pValue");
          expect(c.n).toBe(x.length);
          expect(c.confidence).toBe(confidence);
          expect(c.method).toBe(name);
        }),
        runs,
      );
    });

    test(`${name}(x, y) equals ${name}(y, x) (r, p-value, interval), and ${name}(x, −y) is −${name}(x, y) with the same p-value`, () => {
      fc.assert(
        fc.property(pairArb, ({ x, y }) => {
          const a = f(x, y);
          const b = f(y, x);
          close(b.r, a.r, 1e-15, "r of (y, x)");
          close(b.pValue, a.pValue, 1e-15, "pValue of (y, x)");
          close(b.ci[0], a.ci[0], 1e-15, "ci[0] of (y, x)");
          close(b.ci[1], a.ci[1], 1e-15, "ci[1] of (y, x)");
          const c = f(x, y.map((v) => -v));
          close(c.r, -a.r, 1e-12, "r of (x, −y)");
          close(c.pValue, a.pValue, 1e-9, "pValue of (x, −y)");
        }),
        runs,
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// pearson: affine invariance and numerical stability
// ---------------------------------------------------------------------------------------------

describe("pearson invariance", () => {
  const scaleArb = fc.double({ min: 0.01, max: 100, noNaN: true });
  const offsetArb = fc.double({ min: -1000, max: 1000, noNaN: true });

  test("pearson(a·x + b, c·y + d) equals pearson(x, y) within 1e-9 for a, c > 0", () => {
    fc.assert(
      fc.property(pairArb, scaleArb, offsetArb, scaleArb, offsetArb, ({ x, y }, a, b, c, d) => {
        const r0 = pearson(x, y).r;
        close(pearson(x.map((v) => a * v + b), y).r, r0, 1e-9, "r after transforming x");
        close(pearson(x, y.map((v) => c * v + d)).r, r0, 1e-9, "r after transforming y");
        close(pearson(x.map((v) => a * v + b), y.map((v) => c * v + d)).r, r0, 1e-9, "r after transforming both");
      }),
      PAIRS,
    );
  });

  test("pearson(−a·x + b, y) is −pearson(x, y) within 1e-9 for a > 0", () => {
    fc.assert(
      fc.property(pairArb, scaleArb, offsetArb, ({ x, y }, a, b) => {
        close(pearson(x.map((v) => -a * v + b), y).r, -pearson(x, y).r, 1e-9, "r");
      }),
      PAIRS,
    );
  });

  // x in [0, 1] with a population sd of at least 0.1: x + 1e9 rounds each value by up to
  // ulp(1e9)/2 ≈ 6e-8, which moves r by at most about 6e-8/0.1 — within 1e-6. The second check
  // is exact: on the values that x + 1e9 actually holds, the offset costs nothing (the textbook
  // one-pass formula nΣxy − ΣxΣy loses every digit there).
  const unitArb = fc
    .integer({ min: 3, max: 80 })
    .chain((n) => {
      const arr = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n });
      return fc.record({ x: arr, y: arr });
    })
    .filter(({ x, y }) => sd(x) >= 0.1 && sd(y) >= 0.1)
    .map((p) => deepFreeze(p));

  test("pearson(x + 1e9, y) equals pearson(x, y) within 1e-6 for x in [0, 1] (co-moments shifted by the first pair)", () => {
    fc.assert(
      fc.property(unitArb, ({ x, y }) => {
        const shifted = x.map((v) => v + 1e9);
        const r0 = pearson(x, y).r;
        close(pearson(shifted, y).r, r0, 1e-6, "r with offset 1e9 in x");
        close(pearson(x, y.map((v) => v + 1e9)).r, r0, 1e-6, "r with offset 1e9 in y");
        // the same data without the offset, exactly as stored: (x + 1e9) − 1e9 is exact
        close(pearson(shifted, y).r, pearson(shifted.map((v) => v - 1e9), y).r, 1e-12, "r of the stored values");
      }),
      PAIRS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// spearman and kendall: rank statistics
// ---------------------------------------------------------------------------------------------

describe("spearman and kendall", () => {
  for (const [name, f] of [
    ["spearman", spearman],
    ["kendall", kendall],
  ] as const) {
    test(`${name} is invariant under strictly increasing transforms: x → x³, y → exp(y/10), both → average ranks`, () => {
      fc.assert(
        fc.property(pairArb, ({ x, y }) => {
          const a = f(x, y);
          for (const [b, what] of [
            [f(x.map((v) => v * v * v), y), "x³"],
            [f(x, y.map((v) => Math.exp(v / 10))), "exp(y/10)"],
            [f(bruteRanks(x), bruteRanks(y)), "ranks"],
          ] as const) {
            close(b.r, a.r, 1e-12, `r after ${what}`);
            close(b.pValue, a.pValue, 1e-12, `pValue after ${what}`);
            close(b.ci[0], a.ci[0], 1e-12, `ci[0] after ${what}`);
            close(b.ci[1], a.ci[1], 1e-12, `ci[1] after ${what}`);
          }
        }),
        RANK,
      );
    });
  }

  // Reference: scipy.stats.kendalltau (tau-b, scipy 1.17.1), and the pair counts by hand.
  const KENDALL_TIES: [number[], number[], number, number, string][] = [
    [[0, 0, 0, 0, 1], [0, 0, 2, 3, 0], -0.3779644730092272, 0.42919530044034926, "C = 0, D = 2, 6 pairs tied in x, 3 in y: −2/√28"],
    [[1, 0, 0, 0, 0], [0, 0, 0, 0, 1], -0.25, 0.6170750774519738, "C = 0, D = 1, 6 pairs tied in x, 6 in y: −1/4"],
    [[0, 0, 2, 3, 0], [0, 0, 0, 0, 1], -0.3779644730092272, 0.42919530044034926, "the first example with x and y swapped"],
  ];
  for (const [x, y, tau, p, why] of KENDALL_TIES) {
    test(`kendall(${fmt(x)}, ${fmt(y)}) is tau-b = ${tau} with p = ${p} as scipy's kendalltau (${why})`, () => {
      const res = kendall(Object.freeze(x), Object.freeze(y));
      close(res.r, tau, 1e-15, "tau-b");
      close(res.pValue, p, 1e-12, "pValue");
    });
  }

  test("kendall(x, y).r equals a brute-force count of concordant, discordant and tied pairs (tau-b) on integers 0..5", () => {
    fc.assert(
      fc.property(tiedPairArb, ({ x, y }) => {
        close(kendall(x, y).r, bruteTauB(x, y), 1e-12, `tau-b of ${fmt({ x, y })}`);
      }),
      { numRuns: 60 },
    );
  });

  test("kendall(x, y) equals a brute-force tau-b exactly, and the normal-approximation p-value of brute-force tie counts, with many ties (±0 alike; n up to 4,600, over the split inversion count)", () => {
    // tau-b is (C − D)/√((N − T_x)(N − T_y)) with integer counts, so it must be identical (not close)
    const tiedArb = (maxX: number, maxY: number, minLength: number, maxLength: number) =>
      fc
        .array(fc.tuple(fc.integer({ min: -maxX, max: maxX }), fc.integer({ min: -maxY, max: maxY })), { minLength, maxLength })
        .map((pairs) => ({ x: pairs.map((p) => (p[0] === 0 && p[1] % 2 === 0 ? -0 : p[0] / 4)), y: pairs.map((p) => p[1] / 4) }))
        .filter(({ x, y }) => range(x) > 0 && range(y) > 0);
    const check = ({ x, y }: { x: number[]; y: number[] }) => {
      const res = kendall(x, y);
      expect(res.r).toBe(Math.max(-1, Math.min(1, bruteTauB(x, y))));
      const ties = (v: number[]) => {
        const count = new Map<number, number>(); // SameValueZero: −0 and +0 are one key
        for (const e of v) count.set(e, (count.get(e) ?? 0) + 1);
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        for (const [, t] of [...count].sort((a, b) => a[0] - b[0])) {
          t1 += (t * (t - 1)) / 2;
          t2 += t * (t - 1) * (2 * t + 5);
          t3 += t * (t - 1) * (t - 2);
        }
        return [t1, t2, t3] as const;
      };
      const [tx, vx, wx] = ties(x);
      const [ty, vy, wy] = ties(y);
      const n = x.length;
      if (tx === 0 && ty === 0 && n <= 60) return; // exact test path, checked against scipy elsewhere
      const pairs = (n * (n - 1)) / 2;
      const s = Math.round(res.r * Math.sqrt((pairs - tx) * (pairs - ty))); // C − D, an integer
      const variance = (n * (n - 1) * (2 * n + 5) - vx - vy) / 18 + (4 * tx * ty) / (2 * n * (n - 1)) + (wx * wy) / (9 * n * (n - 1) * (n - 2));
      expect(res.pValue).toBe(variance > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(s) / Math.sqrt(variance))) : 1);
    };
    fc.assert(fc.property(tiedArb(6, 6, 3, 80), check), { numRuns: 40 });
    // more than 4,096 distinct y: discordant pairs counted across and within the high parts of the y ranks
    fc.assert(fc.property(tiedArb(30, 1e6, 4200, 4600), check), { numRuns: 2, endOnFailure: true }); // no shrinking of 4,000 pairs
  });

  test("kendall(x, y).r equals the brute-force tau-b on doubles (exact test path n <= 60 and normal path)", () => {
    fc.assert(
      fc.property(pairArb, ({ x, y }) => {
        close(kendall(x, y).r, bruteTauB(x, y), 1e-12, "tau-b");
      }),
      RANK,
    );
  });

  test("spearman(x, y).r equals pearson of brute-force average ranks, with ties (integers 0..5) and without", () => {
    fc.assert(
      fc.property(fc.oneof(tiedPairArb, pairArb), ({ x, y }) => {
        close(spearman(x, y).r, pearson(bruteRanks(x), bruteRanks(y)).r, 1e-12, `rho of ${fmt({ x, y })}`);
      }),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// pearsonSummary and mergePearsonSummaries
// ---------------------------------------------------------------------------------------------

describe("pearsonSummary and mergePearsonSummaries", () => {
  const cuts = fc.array(fc.nat({ max: 1000 }), { maxLength: 3 }); // up to 4 chunks, empty ones included

  test("pearsonFromSummary of merged chunk summaries equals pearson of the whole data (1 to 4 chunks)", () => {
    fc.assert(
      fc.property(pairArb, cuts, ({ x, y }, at) => {
        const idx = x.map((_, i) => i);
        const chunks = splitAt(idx, at);
        const merged = mergePearsonSummaries(...chunks.map((c) => pearsonSummary(permute(x, c), permute(y, c))));
        const whole = pearson(x, y);
        const fromMerged = pearsonFromSummary(merged);
        expect(merged.n).toBe(x.length);
        close(fromMerged.r, whole.r, 1e-9, "r");
        close(fromMerged.pValue, whole.pValue, 1e-9, "pValue");
        const direct = pearsonSummary(x, y);
        for (const k of ["meanX", "meanY", "m2x", "m2y", "cxy"] as const) close(merged[k], direct[k], 1e-9, k);
      }),
      PAIRS,
    );
  });

  test("mergePearsonSummaries(a, b) equals mergePearsonSummaries(b, a)", () => {
    fc.assert(
      fc.property(pairArb, fc.nat(), ({ x, y }, cut) => {
        const c = cut % (x.length + 1);
        const a = pearsonSummary(x.slice(0, c), y.slice(0, c));
        const b = pearsonSummary(x.slice(c), y.slice(c));
        const ab = mergePearsonSummaries(a, b);
        const ba = mergePearsonSummaries(b, a);
        expect(ab.n).toBe(ba.n);
        for (const k of ["meanX", "meanY", "m2x", "m2y", "cxy"] as const) close(ab[k], ba[k], 1e-12, k);
      }),
      PAIRS,
    );
  });

  test("pearsonSummary([], []) is an identity of mergePearsonSummaries on both sides", () => {
    const empty = deepFreeze(pearsonSummary([], []));
    expect(empty.n).toBe(0);
    fc.assert(
      fc.property(pairArb, ({ x, y }) => {
        const s = deepFreeze(pearsonSummary(x, y));
        expect(mergePearsonSummaries(s, empty)).toEqual(s);
        expect(mergePearsonSummaries(empty, s)).toEqual(s);
        expect(mergePearsonSummaries(s)).toEqual(s);
      }),
      PAIRS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// pearsonKind: the monoid laws of a summary kind (test/helpers/monoid-laws.ts)
// ---------------------------------------------------------------------------------------------

describe("pearsonKind", () => {
  /** 0 to 30 pairs of quarters in [−100, 100] (empty batches and constant ones included). */
  const quarter = fc.integer({ min: -400, max: 400 }).map((k) => k / 4);
  const batchArb = fc.array(fc.tuple(quarter, quarter), { maxLength: 30 }).map((p) => deepFreeze(p));
  monoidLaws(pearsonKind, batchArb, {
    summarize: (pairs) => pearsonSummary(pairs.map((p) => p[0]), pairs.map((p) => p[1])),
    concat: (parts) => parts.flat(),
    finishOptions: { confidence: 0.9 },
  });
});

// ---------------------------------------------------------------------------------------------
// linearRegression
// ---------------------------------------------------------------------------------------------

describe("linearRegression", () => {
  test("linearRegression(x, y) has residuals summing to 0 and slope = r·sd(y)/sd(x)", () => {
    fc.assert(
      fc.property(pairArb, ({ x, y }) => {
        const fit = linearRegression(x, y);
        const residuals = y.map((v, i) => v - fit.intercept - fit.slope * x[i]!);
        const scale = Math.max(...y.map(Math.abs), Math.abs(fit.intercept), ...x.map((v) => Math.abs(fit.slope * v)));
        const sum = residuals.reduce((a, b) => a + b, 0);
        if (!(Math.abs(sum) <= 1e-10 * x.length * scale)) {
          throw new Error(`sum of residuals ${sum}, tolerance ${1e-10 * x.length * scale}`);
        }
        close(fit.slope, (pearson(x, y).r * sd(y)) / sd(x), 1e-9, "slope");
        close(fit.rSquared, pearson(x, y).rSquared, 1e-12, "R²");
        expect(fit.n).toBe(x.length);
      }),
      PAIRS,
    );
  });

  test("linearRegression(x, y).pValue equals pearson(x, y).pValue within 1e-9", () => {
    fc.assert(
      fc.property(pairArb, ({ x, y }) => {
        close(linearRegression(x, y).pValue, pearson(x, y).pValue, 1e-9, "pValue");
      }),
      PAIRS,
    );
  });

  test("linearRegression(x, y) has intervals that contain the slope and the intercept, and non-negative standard errors", () => {
    fc.assert(
      fc.property(pairArb, confidenceArb, ({ x, y }, confidence) => {
        const fit = linearRegression(x, y, { confidence });
        within(fit.slope, fit.slopeCi[0], fit.slopeCi[1], "slope");
        within(fit.intercept, fit.interceptCi[0], fit.interceptCi[1], "intercept");
        expect(fit.slopeSe).toBeGreaterThanOrEqual(0);
        expect(fit.interceptSe).toBeGreaterThanOrEqual(0);
        within(fit.pValue, 0, 1, "pValue");
        within(fit.rSquared, 0, 1, "R²");
      }),
      PAIRS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// holm and benjaminiHochberg
// ---------------------------------------------------------------------------------------------

describe("holm and benjaminiHochberg", () => {
  /** p-values: free doubles of [0, 1], and the round values that tie (0, 0.01, 0.05, 0.5, 1). */
  const pArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.01, 0.05, 0.5, 1));
  const psArb = fc.array(pArb, { minLength: 0, maxLength: 40 }).map((p) => deepFreeze(p));

  for (const [name, f] of [
    ["holm", holm],
    ["benjaminiHochberg", benjaminiHochberg],
  ] as const) {
    test(`${name}(p) lies in [0, 1] and is never below the raw p-value`, () => {
      fc.assert(
        fc.property(psArb, (p) => {
          const adj = f(p);
          expect(adj).toHaveLength(p.length);
          adj.forEach((a, i) => {
            within(a, 0, 1, `adjusted[${i}]`);
            if (!(a >= p[i]!)) throw new Error(`adjusted[${i}] = ${a} < p[${i}] = ${p[i]} (m = ${p.length})`);
          });
        }),
      );
    });

    test(`${name} is order-equivariant: permuting the p-values permutes the adjusted ones`, () => {
      const withOrder = psArb.chain((p) =>
        fc.record({ p: fc.constant(p), order: fc.shuffledSubarray(p.map((_, i) => i), { minLength: p.length, maxLength: p.length }) }),
      );
      fc.assert(
        fc.property(withOrder, ({ p, order }) => {
          expect(f(permute(p, order))).toEqual(permute(f(p), order));
        }),
      );
    });

    test(`${name} is monotone: a smaller p-value never gets a larger adjusted one`, () => {
      fc.assert(
        fc.property(psArb, (p) => {
          const adj = f(p);
          for (let i = 0; i < p.length; i++) {
            for (let j = 0; j < p.length; j++) {
              if (p[i]! <= p[j]! && !(adj[i]! <= adj[j]!)) throw new Error(`p ${p[i]} <= ${p[j]} but adjusted ${adj[i]} > ${adj[j]}`);
            }
          }
        }),
      );
    });
  }

  test("holm(p) >= benjaminiHochberg(p) elementwise (family-wise control is the stricter)", () => {
    fc.assert(
      fc.property(psArb, (p) => {
        const h = holm(p);
        const bh = benjaminiHochberg(p);
        h.forEach((v, i) => {
          if (!(v >= bh[i]!)) throw new Error(`holm ${v} < BH ${bh[i]} at index ${i} of ${fmt(p)}`);
        });
      }),
    );
  });

  // Deterministic witnesses of the two properties above. R: p.adjust(rep(0.01, 29), "BH") is 0.01
  // everywhere, and p.adjust(c(1e-4, 2e-4, 0.7), "BH")[3] is 0.7: R computes (m/i)·p, and at
  // i = m the factor is exactly 1; m·p/i rounds twice and can land an ulp below p.
  test("benjaminiHochberg of 29 p-values of 0.01 keeps them at 0.01, not below (a raw p = 0.01 must not pass p < 0.01 after adjustment)", () => {
    const adj = benjaminiHochberg(Object.freeze(Array<number>(29).fill(0.01)));
    expect(Math.min(...adj)).toBeGreaterThanOrEqual(0.01);
  });

  test("benjaminiHochberg([0.0001, 0.0002, 0.7]) leaves the largest p-value at 0.7, not below it", () => {
    expect(benjaminiHochberg(Object.freeze([0.0001, 0.0002, 0.7]))[2]).toBeGreaterThanOrEqual(0.7);
  });

  test("holm([0.0001, 0.0002, 0.1]) is not below benjaminiHochberg([0.0001, 0.0002, 0.1]) for the largest p", () => {
    const p = Object.freeze([0.0001, 0.0002, 0.1]);
    expect(holm(p)[2]).toBe(0.1);
    expect(benjaminiHochberg(p)[2]).toBeLessThanOrEqual(0.1);
  });
});

// ---------------------------------------------------------------------------------------------
// laggedCorrelation
// ---------------------------------------------------------------------------------------------

describe("laggedCorrelation", () => {
  /** Aligned series of 6..30 periods with about one period in five missing, and a valid maxLag. */
  const laggedArb = fc
    .integer({ min: 6, max: 30 })
    .chain((n) => {
      const series = fc.array(fc.option(valueArb, { nil: null, freq: 5 }), { minLength: n, maxLength: n });
      return fc.record({ metric: series, outcome: series, maxLag: fc.integer({ min: 0, max: Math.min(3, n - 3) }) });
    })
    .map((s) => deepFreeze(s));

  /** Pairs (metric[t], outcome[t + lag]) with both present. */
  function pairsAt(metric: readonly (number | null)[], outcome: readonly (number | null)[], lag: number): [number[], number[]] {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t < metric.length; t++) {
      const u = t + lag;
      if (u < 0 || u >= outcome.length) continue;
      if (metric[t] !== null && outcome[u] !== null) {
        xs.push(metric[t]!);
        ys.push(outcome[u]!);
      }
    }
    return [xs, ys];
  }

  test("laggedCorrelation has one row per lag −maxLag..maxLag, and n at lag L counts the t with metric[t] and outcome[t + L] present", () => {
    fc.assert(
      fc.property(laggedArb, ({ metric, outcome, maxLag }) => {
        const res = laggedCorrelation({ metric, outcome }, { maxLag });
        expect(res.rows.map((r) => num(r.lag))).toEqual(Array.from({ length: 2 * maxLag + 1 }, (_, i) => i - maxLag));
        for (const row of res.rows) expect(row.n, `n at lag ${row.lag}`).toBe(pairsAt(metric, outcome, row.lag)[0].length);
      }),
      PAIRS,
    );
  });

  for (const [name, f] of METHODS) {
    test(`laggedCorrelation(…, { method: "${name}" }) gives at every lag ${name} of the present pairs (r null exactly where ${name} is undefined)`, () => {
      fc.assert(
        fc.property(laggedArb, ({ metric, outcome, maxLag }) => {
          const res = laggedCorrelation({ metric, outcome }, { maxLag, method: name as "pearson" });
          for (const row of res.rows) {
            const [xs, ys] = pairsAt(metric, outcome, row.lag);
            const c = rOrNull(f, xs, ys);
            expect(row.r, `r at lag ${row.lag}`).toBe(c === null ? null : c.r);
            expect(row.pValue, `p at lag ${row.lag}`).toBe(c === null ? null : c.pValue);
            expect(row.ci, `ci at lag ${row.lag}`).toEqual(c === null ? null : c.ci);
            if (c === null) expect(row.note).toBeTypeOf("string");
          }
        }),
        name === "pearson" ? PAIRS : RANK_TABLE,
      );
    });
  }

  test("laggedCorrelation row at lag 0 equals pearson of the pairs where both values are present", () => {
    fc.assert(
      fc.property(laggedArb, ({ metric, outcome, maxLag }) => {
        const row = laggedCorrelation({ metric, outcome }, { maxLag }).rows.find((r) => r.lag === 0)!;
        expect(row).toBeDefined();
        const xs: number[] = [];
        const ys: number[] = [];
        metric.forEach((m, t) => {
          if (m !== null && outcome[t] !== null) {
            xs.push(m);
            ys.push(outcome[t]!);
          }
        });
        const c = rOrNull(pearson, xs, ys);
        expect(row.n).toBe(xs.length);
        expect(row.r).toBe(c === null ? null : c.r);
      }),
      PAIRS,
    );
  });

  test("swapping metric and outcome maps lag L to −L with the same n, r, interval and p-values", () => {
    fc.assert(
      fc.property(laggedArb, ({ metric, outcome, maxLag }) => {
        const a = laggedCorrelation({ metric, outcome }, { maxLag });
        const b = laggedCorrelation({ metric: outcome, outcome: metric }, { maxLag });
        for (const row of a.rows) {
          const mirror = b.rows.find((r) => r.lag === -row.lag)!;
          expect({ ...mirror, lag: num(row.lag) }).toEqual({ ...row, lag: num(row.lag) });
        }
      }),
      PAIRS,
    );
  });

  test("laggedCorrelation adjusted p-values are holm and benjaminiHochberg of the lags' p-values", () => {
    fc.assert(
      fc.property(laggedArb, ({ metric, outcome, maxLag }) => {
        const rows = laggedCorrelation({ metric, outcome }, { maxLag }).rows.filter((r) => r.pValue !== null);
        const p = rows.map((r) => r.pValue!);
        expect(rows.map((r) => r.pHolm)).toEqual(holm(p));
        expect(rows.map((r) => r.pBH)).toEqual(benjaminiHochberg(p));
      }),
      PAIRS,
    );
  });

  test("laggedCorrelation with maxLag 0 labels its single row lag 0, not −0 (Intl.NumberFormat prints −0 as \"-0\")", () => {
    const res = laggedCorrelation({ metric: Object.freeze([1, 2, 3, 5]), outcome: Object.freeze([2, 1, 4, 3]) }, { maxLag: 0 });
    expect(res.rows).toHaveLength(1);
    expect(Object.is(res.rows[0]!.lag, 0), `lag is ${Object.is(res.rows[0]!.lag, -0) ? "-0" : res.rows[0]!.lag}`).toBe(true);
  });

  // A planted relation: outcome[t + 2] = 3·metric[t] + 1, so the best lag is 2; delaying the
  // outcome by k more periods (k nulls in front, the last k dropped) moves it to 2 + k.
  const metric = Object.freeze([4, 9, 1, 7, 3, 8, 2, 6, 5, 10, 0, 7, 3, 9, 4, 1, 8, 2]);
  const planted = Object.freeze([null, null, ...metric.slice(0, -2).map((v) => 3 * v + 1)]);
  for (const k of [0, 1, 2, 3, 4]) {
    test(`laggedCorrelation finds a relation planted at lag 2 at lag ${2 + k} when the outcome is delayed by ${k} periods`, () => {
      const outcome = [...Array<null>(k).fill(null), ...planted.slice(0, planted.length - k)];
      const res = laggedCorrelation({ metric, outcome: Object.freeze(outcome) }, { maxLag: 7 });
      expect(res.best?.lag).toBe(2 + k);
      close(res.best!.r!, 1, 1e-12, "r at the best lag");
    });
  }
});

// ---------------------------------------------------------------------------------------------
// periodChange
// ---------------------------------------------------------------------------------------------

describe("periodChange", () => {
  const levelsArb = fc.array(valueArb, { minLength: 1, maxLength: 80 }).map((v) => deepFreeze(v));
  const positiveArb = fc
    .array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 1, maxLength: 80 })
    .map((v) => deepFreeze(v));

  test("periodChange(x) followed by a cumulative sum from x[0] recovers x", () => {
    fc.assert(
      fc.property(levelsArb, (x) => {
        const d = periodChange(x);
        expect(d[0]).toBe(null);
        let acc = x[0]!;
        for (let i = 1; i < x.length; i++) {
          acc += d[i]!;
          close(acc, x[i]!, 1e-12, `level ${i}`);
        }
      }),
    );
  });

  test("periodChange(x) is null exactly at the first period and next to a missing one", () => {
    const withGaps = fc.array(fc.option(valueArb, { nil: null, freq: 4 }), { minLength: 1, maxLength: 40 }).map((v) => deepFreeze(v));
    fc.assert(
      fc.property(withGaps, (x) => {
        const d = periodChange(x);
        d.forEach((v, i) => {
          const defined = i > 0 && x[i] !== null && x[i - 1] !== null;
          expect(v === null, `index ${i}`).toBe(!defined);
          if (defined) expect(v).toBe(x[i]! - x[i - 1]!);
        });
      }),
    );
  });

  test('periodChange of a constant positive series, "growth" and "log-growth", is null then zeros', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), fc.integer({ min: 1, max: 40 }), (c, n) => {
        const x = Object.freeze(Array<number>(n).fill(c));
        const zeros = [null, ...Array<number>(n - 1).fill(0)];
        expect(periodChange(x, "growth")).toEqual(zeros);
        expect(periodChange(x, "log-growth")).toEqual(zeros);
        expect(periodChange(x, "difference")).toEqual(zeros);
      }),
    );
  });

  test('periodChange(x, "log-growth") equals log1p(periodChange(x, "growth")) within 1e-12', () => {
    fc.assert(
      fc.property(positiveArb, (x) => {
        const g = periodChange(x, "growth");
        const l = periodChange(x, "log-growth");
        g.forEach((v, i) => {
          if (v === null) expect(l[i]).toBe(null);
          else {
            close(l[i]!, Math.log1p(v), 1e-12, `log-growth ${i}`);
            close(v, x[i]! / x[i - 1]! - 1, 1e-15, `growth ${i}`);
          }
        });
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// alignByPeriod
// ---------------------------------------------------------------------------------------------

describe("alignByPeriod", () => {
  const START = Date.UTC(2023, 0, 1);
  const SPAN = Date.UTC(2025, 0, 1) - START;

  /** UTC month number since 2000-01 (the tests' own calendar, not the library's). */
  const monthOf = (ms: number) => (new Date(ms).getUTCFullYear() - 2000) * 12 + new Date(ms).getUTCMonth();
  const labelOf = (month: number) => `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`;

  interface Answer {
    at: number;
    score: number;
  }
  interface Point {
    month: string;
    v: number;
  }

  /** Survey answers at any instant of 2023–2024, and monthly outcome points on distinct months. */
  const dataArb = fc
    .record({
      answers: fc.array(fc.record({ at: fc.integer({ min: 0, max: SPAN - 1 }).map((t) => START + t), score: fc.integer({ min: 0, max: 10 }) }), {
        minLength: 1,
        maxLength: 60,
      }),
      months: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 24 }),
      values: fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 24, maxLength: 24 }),
    })
    .map(({ answers, months, values }) =>
      deepFreeze({
        answers,
        points: months.map((m, i): Point => ({ month: new Date(Date.UTC(2023, m, 28)).toISOString().slice(0, 10), v: values[i]! })),
      }),
    );

  const outcomeOf = (points: readonly Point[]) => ({ rows: points, date: (p: Point) => p.month, value: (p: Point) => p.v });

  function check(answers: readonly Answer[], points: readonly Point[], compute: (rows: Answer[]) => number): void {
    const a = alignByPeriod({ rows: answers, date: (r) => r.at, compute }, outcomeOf(points), { period: "month" });
    // expected, by grouping here
    const groups = new Map<number, Answer[]>();
    for (const r of answers) {
      const m = monthOf(r.at);
      groups.set(m, [...(groups.get(m) ?? []), r]);
    }
    const outcomeByMonth = new Map(points.map((p) => [monthOf(Date.parse(p.month)), p.v]));
    const all = [...groups.keys(), ...outcomeByMonth.keys()];
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const months = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    expect(a.periods).toEqual(months.map(labelOf));
    expect(a.metric).toEqual(months.map((m) => (groups.has(m) ? compute(groups.get(m)!) : null)));
    expect(a.metricRows).toEqual(months.map((m) => groups.get(m)?.length ?? 0));
    expect(a.outcome).toEqual(months.map((m) => outcomeByMonth.get(m) ?? null));
    expect(a.missing.metric).toEqual(a.periods.filter((_, i) => a.metric[i] === null));
    expect(a.missing.outcome).toEqual(a.periods.filter((_, i) => a.outcome[i] === null));
  }

  test("alignByPeriod with compute = rows.length gives each month the number of its rows, on consecutive months", () => {
    fc.assert(
      fc.property(dataArb, ({ answers, points }) => check(answers, points, (rows) => rows.length)),
      HEAVY,
    );
  });

  test("alignByPeriod with compute = mean score gives each month the mean of exactly its rows", () => {
    fc.assert(
      fc.property(dataArb, ({ answers, points }) => check(answers, points, (rows) => rows.reduce((s, r) => s + r.score, 0) / rows.length)),
      HEAVY,
    );
  });

  test("alignByPeriod periods are consecutive first days of months, without gaps", () => {
    fc.assert(
      fc.property(dataArb, ({ answers, points }) => {
        const a = alignByPeriod({ rows: answers, date: (r) => r.at, compute: (rows) => rows.length }, outcomeOf(points), { period: "month" });
        for (let i = 1; i < a.periods.length; i++) {
          const prev = new Date(`${a.periods[i - 1]}T00:00:00Z`);
          expect(a.periods[i]).toBe(new Date(Date.UTC(prev.getUTCFullYear(), prev.getUTCMonth() + 1, 1)).toISOString().slice(0, 10));
        }
        expect(a.metric).toHaveLength(a.periods.length);
        expect(a.outcome).toHaveLength(a.periods.length);
      }),
      HEAVY,
    );
  });

  test("alignByPeriod gives the same result for rows in any order", () => {
    const withOrder = dataArb.chain((d) =>
      fc.record({
        d: fc.constant(d),
        order: fc.shuffledSubarray(d.answers.map((_, i) => i), { minLength: d.answers.length, maxLength: d.answers.length }),
        pointOrder: fc.shuffledSubarray(d.points.map((_, i) => i), { minLength: d.points.length, maxLength: d.points.length }),
      }),
    );
    fc.assert(
      fc.property(withOrder, ({ d, order, pointOrder }) => {
        const count = (rows: Answer[]) => rows.length;
        const sorted = alignByPeriod({ rows: d.answers, date: (r) => r.at, compute: count }, outcomeOf(d.points), { period: "month" });
        const shuffled = alignByPeriod({ rows: permute(d.answers, order), date: (r) => r.at, compute: count }, outcomeOf(permute(d.points, pointOrder)), {
          period: "month",
        });
        expect(shuffled).toEqual(sorted);
      }),
      HEAVY,
    );
  });

  test('alignByPeriod puts 2024-01-31T23:30:00Z in January in "UTC" and in February in "Asia/Tokyo"', () => {
    const metric = { rows: Object.freeze(["2024-01-31T23:30:00Z"]), date: (d: string) => d, compute: (rows: string[]) => rows.length };
    const outcome = { rows: Object.freeze(["2024-01-15", "2024-02-15"]), date: (d: string) => d, value: () => 100 };
    const utc = alignByPeriod(metric, outcome, { period: "month" });
    expect(utc.timeZone).toBe("UTC");
    expect(utc.periods).toEqual(["2024-01-01", "2024-02-01"]);
    expect(utc.metric).toEqual([1, null]);
    const tokyo = alignByPeriod(metric, outcome, { period: "month", timeZone: "Asia/Tokyo" });
    expect(tokyo.timeZone).toBe("Asia/Tokyo");
    expect(tokyo.periods).toEqual(["2024-01-01", "2024-02-01"]);
    expect(tokyo.metric).toEqual([null, 1]);
    expect(tokyo.missing.metric).toEqual(["2024-01-01"]);
  });
});

// ---------------------------------------------------------------------------------------------
// relateMetricToOutcomes
// ---------------------------------------------------------------------------------------------

describe("relateMetricToOutcomes", () => {
  interface Pt {
    d: string;
    v: number;
  }
  const day = (m: number) => new Date(Date.UTC(2023, m, 15)).toISOString().slice(0, 10);

  /** Monthly points over n months, present with probability 4/5 except the first and the last. */
  const seriesArb = (n: number, value: fc.Arbitrary<number>) =>
    fc
      .array(fc.option(value, { nil: null, freq: 5 }), { minLength: n, maxLength: n })
      .map((vs) => vs.map((v, m) => (v === null && m > 0 && m < n - 1 ? null : { d: day(m), v: v ?? 1 })).filter((p): p is Pt => p !== null));

  const point = (rows: readonly Pt[]) => ({ rows, date: (p: Pt) => p.d, value: (p: Pt) => p.v });

  const relateArb = fc
    .integer({ min: 6, max: 18 })
    .chain((n) =>
      fc.record({
        metric: seriesArb(n, fc.integer({ min: -100, max: 100 })),
        outcomes: fc.array(seriesArb(n, fc.double({ min: 1, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 3 }),
        maxLag: fc.integer({ min: 0, max: Math.min(3, n - 3) }),
        methods: fc.subarray(["pearson", "spearman", "kendall"] as const, { minLength: 1 }),
        outcomeTransform: fc.constantFrom("level", "difference", "growth", "log-growth") as fc.Arbitrary<"level" | "difference" | "growth" | "log-growth">,
        metricTransform: fc.constantFrom("level", "difference") as fc.Arbitrary<"level" | "difference">,
      }),
    )
    .map((d) => deepFreeze(d));

  const named = (outcomes: readonly (readonly Pt[])[]) => Object.fromEntries(outcomes.map((o, i) => [`outcome${i}`, point(o)]));

  test('relateMetricToOutcomes with outcomeTransform "level" and maxLag 0: each row\'s r is pearson of the aligned pairs', () => {
    fc.assert(
      fc.property(relateArb, ({ metric, outcomes }) => {
        const res = relateMetricToOutcomes(point(metric), named(outcomes), { period: "month", outcomeTransform: "level", maxLag: 0 });
        expect(res.rows).toHaveLength(outcomes.length);
        for (const row of res.rows) {
          const a = res.aligned[row.outcome]!;
          expect(a).toEqual(alignByPeriod(point(metric), named(outcomes)[row.outcome]!, { period: "month" }));
          const xs: number[] = [];
          const ys: number[] = [];
          a.metric.forEach((m, i) => {
            if (m !== null && a.outcome[i] !== null) {
              xs.push(m);
              ys.push(a.outcome[i]!);
            }
          });
          const c = rOrNull(pearson, xs, ys);
          expect(num(row.lag)).toBe(0);
          expect(row.method).toBe("pearson");
          expect(row.n).toBe(xs.length);
          expect(row.r).toBe(c === null ? null : c.r);
          expect(row.pValue).toBe(c === null ? null : c.pValue);
        }
      }),
      HEAVY,
    );
  });

  test("relateMetricToOutcomes: pHolmAll >= pHolm and pBHAll is BH over the whole table, for every row", () => {
    fc.assert(
      fc.property(relateArb, ({ metric, outcomes, maxLag, methods, outcomeTransform, metricTransform }) => {
        const res = relateMetricToOutcomes(point(metric), named(outcomes), {
          period: "month",
          maxLag,
          methods: [...methods],
          outcomeTransform,
          metricTransform,
        });
        expect(res.rows).toHaveLength(outcomes.length * methods.length * (2 * maxLag + 1));
        for (const row of res.rows) {
          if (row.pValue === null) {
            expect([row.pHolm, row.pHolmAll, row.pBH, row.pBHAll]).toEqual([null, null, null, null]);
            continue;
          }
          if (!(row.pHolmAll! >= row.pHolm!)) throw new Error(`pHolmAll ${row.pHolmAll} < pHolm ${row.pHolm} in ${fmt(row)}`);
          within(row.pHolmAll!, 0, 1, "pHolmAll");
        }
        const tested = res.rows.filter((r) => r.pValue !== null);
        expect(tested.map((r) => r.pHolmAll)).toEqual(holm(tested.map((r) => r.pValue!)));
        expect(tested.map((r) => r.pBHAll)).toEqual(benjaminiHochberg(tested.map((r) => r.pValue!)));
      }),
      { numRuns: 10 },
    );
  });
});

describe("laggedCorrelation call forms", () => {
  test("(metric, outcome, options) equals ({ metric, outcome }, options)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 8, maxLength: 30 }), fc.integer({ min: 0, max: 3 }), (m, lag) => {
        const o = m.map((_, i) => (i >= lag ? m[i - lag]! * 2 + 1 : 0));
        expect(laggedCorrelation(m, o, { maxLag: 2 })).toEqual(laggedCorrelation({ metric: m, outcome: o }, { maxLag: 2 }));
      }),
      { numRuns: 40 },
    );
  });
});

describe("the reading of lag results", () => {
  test("laggedCorrelation and relateMetricToOutcomes say what a positive lag means in reading, and the deprecated direction says the same", () => {
    const expected = "positive lag L pairs the metric at t with the outcome at t + L: the metric leads";
    const lag = laggedCorrelation([1, 5, 2, 8, 3, 9], [0, 1, 5, 2, 8, 3], { maxLag: 1 });
    expect(lag.reading).toBe(expected);
    expect(lag.direction).toBe(lag.reading);
    const months = ["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15"];
    const series = (v: number[]) => ({ rows: months.map((d, i) => ({ d, v: v[i]! })), date: (r: { d: string }) => r.d, value: (r: { v: number }) => r.v });
    const rel = relateMetricToOutcomes(series([20, 35, 25, 40, 30, 45]), { revenue: series([100, 110, 113, 125, 129, 142]) }, { period: "month" });
    expect(rel.reading).toBe(expected);
    expect(rel.direction).toBe(rel.reading);
  });
});
