// Property tests of the customer-lifetime-value module (src/value): rfmSummary, the BG/NBD
// predictions and fit, the Gamma-Gamma fit and expectation, simpleClv, retentionClv,
// customerLifetimeValue and simulateBgNbd, through the public API. Seed and run count:
// test/setup.ts (fixed seed, printed by fast-check when a property fails). Properties that fit a
// model, or sum hundreds of probabilities, run 50 times. Published CDNOW values are checked in
// value.reference.test.ts, not here.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaConditionalExpectedValue,
  mergeRfmHistograms,
  retentionClv,
  rfmFromHistogram,
  rfmHistogram,
  rfmHistogramKind,
  rfmSummary,
  simpleClv,
  simulateBgNbd,
  type RfmSummary,
  type TimeUnit,
} from "../../src/index";
import { monoidLaws } from "../helpers/monoid-laws";
import { close, deepFreeze, within } from "../helpers/properties";

/** Runs for properties that fit a model or sum long series (the brief: keep the suite fast). */
const HEAVY = { numRuns: 50 };

// ---------------------------------------------------------------------------------------------
// Generators shaped like the domain
// ---------------------------------------------------------------------------------------------

const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true });

interface BgParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** BG/NBD parameters in realistic ranges, with a + b > 1.05 (E[X(t)] needs a + b > 1). */
const bgParamsArb: fc.Arbitrary<BgParams> = fc
  .record({ r: dbl(0.05, 5), alpha: dbl(0.5, 50), a: dbl(0.2, 5), b: dbl(0.5, 10) })
  .filter((p) => p.a + p.b > 1.05)
  .map((p) => Object.freeze(p));

interface History {
  x: number;
  tx: number;
  T: number;
}

/** A customer history: x in 0..60, 0 <= t_x <= T <= 100, t_x = 0 when x = 0. */
const historyArb: fc.Arbitrary<History> = fc
  .record({ x: fc.integer({ min: 0, max: 60 }), T: dbl(0, 100), u: dbl(0, 1) })
  .map(({ x, T, u }) => ({ x, T, tx: x === 0 ? 0 : Math.min(T, u * T) }));

/** Gamma-Gamma parameters with a finite mean (q > 1). */
const ggParamsArb = fc.record({ p: dbl(0.5, 10), q: dbl(1.1, 10), gamma: dbl(1, 100) }).map((g) => Object.freeze(g));

/** Two numbers of [min, max], sorted. */
const orderedPair = (min: number, max: number): fc.Arbitrary<[number, number]> =>
  fc.tuple(dbl(min, max), dbl(min, max)).map(([u, v]) => (u <= v ? [u, v] : [v, u]));

/**
 * Relative slack of the monotonicity checks of E[X(t)] and E[Y(t)]. The closed forms subtract
 * F·₂F₁ from 1, which costs digits for short periods: about 1e-9 relative is what they keep for
 * t >= 1e-3 (checked against mpmath on 400 random cases), less near a = 1 (see the explicit
 * tests below).
 */
const TOL_PRED = 1e-7;

/**
 * Period lengths: 0, or from 1e-3 (about ten minutes in weeks) to 100. Shorter periods are
 * tested by the explicit "very short period" test below.
 */
const periodArb = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: dbl(1e-3, 100) });
const periodPair: fc.Arbitrary<[number, number]> = fc.tuple(periodArb, periodArb).map(([u, v]) => (u <= v ? [u, v] : [v, u]));

function show(x: unknown): string {
  return JSON.stringify(x);
}

// ---------------------------------------------------------------------------------------------
// A small seeded generator for the Gamma-Gamma simulation (independent of src/core/random)
// ---------------------------------------------------------------------------------------------

/** mulberry32: a 32-bit seeded uniform generator on [0, 1). */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box-Muller). */
function normal(u: () => number): number {
  let v = u();
  while (v === 0) v = u();
  return Math.sqrt(-2 * Math.log(v)) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, rate 1) draw: Marsaglia & Tsang (2000); shape < 1 by Gamma(shape + 1)·U^(1/shape). */
function gammaDraw(u: () => number, shape: number): number {
  if (shape < 1) {
    let v = u();
    while (v === 0) v = u();
    return gammaDraw(u, shape + 1) * Math.pow(v, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(u()) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Customers of the Gamma-Gamma model: ν ~ Gamma(q, rate γ), x ~ uniform on 1..10 repeat
 * transactions, each ~ Gamma(p, rate ν), m̄ = their mean.
 */
function simulateGammaGamma(params: { p: number; q: number; gamma: number }, customers: number, seed: number) {
  const u = mulberry32(seed);
  const frequency = new Float64Array(customers);
  const monetaryValue = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const nu = gammaDraw(u, params.q) / params.gamma;
    const x = 1 + Math.floor(u() * 10);
    let sum = 0;
    for (let j = 0; j < x; j++) sum += gammaDraw(u, params.p) / nu;
    frequency[i] = x;
    monetaryValue[i] = sum / x;
  }
  return { frequency, monetaryValue };
}

/** |estimate − truth| <= k·se, with the numbers in the message. */
function withinSe(name: string, estimate: number, truth: number, se: number | undefined, k = 4): void {
  expect(se, `standard error of ${name}`).toBeGreaterThan(0);
  const z = (estimate - truth) / se!;
  if (!(Math.abs(z) <= k)) {
    throw new Error(`${name}: estimate ${estimate}, true value ${truth}, standard error ${se}: z = ${z.toFixed(2)} (limit ±${k})`);
  }
}

// ---------------------------------------------------------------------------------------------
// bgNbdProbabilityAlive
// ---------------------------------------------------------------------------------------------

describe("bgNbdProbabilityAlive", () => {
  test("bgNbdProbabilityAlive(model, x, t_x, T) lies in [0, 1] and is exactly 1 when x = 0", () => {
    fc.assert(
      fc.property(bgParamsArb, historyArb, (m, h) => {
        const p = bgNbdProbabilityAlive(m, h.x, h.tx, h.T);
        within(p, 0, 1, `P(alive) of ${show(h)}`);
        if (h.x === 0) expect(p).toBe(1);
      }),
    );
  });

  test("bgNbdProbabilityAlive does not increase with T for fixed (x, t_x): the longer the silence, the lower", () => {
    fc.assert(
      fc.property(bgParamsArb, historyArb, dbl(0, 100), (m, h, dT) => {
        const before = bgNbdProbabilityAlive(m, h.x, h.tx, h.T);
        const after = bgNbdProbabilityAlive(m, h.x, h.tx, h.T + dT);
        if (!(after <= before)) throw new Error(`P(alive) rose from ${before} (T = ${h.T}) to ${after} (T = ${h.T + dT})`);
      }),
    );
  });

  test("bgNbdProbabilityAlive does not decrease with t_x for fixed (x, T)", () => {
    fc.assert(
      fc.property(bgParamsArb, fc.integer({ min: 1, max: 60 }), dbl(0, 100), orderedPair(0, 1), (m, x, T, [u1, u2]) => {
        const tx1 = u1 * T;
        const tx2 = u2 * T;
        const p1 = bgNbdProbabilityAlive(m, x, tx1, T);
        const p2 = bgNbdProbabilityAlive(m, x, tx2, T);
        if (!(p2 >= p1)) throw new Error(`P(alive) fell from ${p1} (t_x = ${tx1}) to ${p2} (t_x = ${tx2})`);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Expected purchases
// ---------------------------------------------------------------------------------------------

describe("bgNbdConditionalExpectedPurchases and bgNbdExpectedPurchases", () => {
  test("bgNbdConditionalExpectedPurchases(model, t, x, t_x, T) is >= 0, 0 at t = 0, and non-decreasing in t", () => {
    fc.assert(
      fc.property(bgParamsArb, historyArb, periodPair, (m, h, [t1, t2]) => {
        expect(bgNbdConditionalExpectedPurchases(m, 0, h.x, h.tx, h.T)).toBe(0);
        const e1 = bgNbdConditionalExpectedPurchases(m, t1, h.x, h.tx, h.T);
        const e2 = bgNbdConditionalExpectedPurchases(m, t2, h.x, h.tx, h.T);
        expect(Number.isFinite(e1) && Number.isFinite(e2), `E(${t1}) = ${e1}, E(${t2}) = ${e2}`).toBe(true);
        within(e1, 0, Infinity, `E[Y(${t1})]`);
        if (!(e2 >= e1 * (1 - TOL_PRED))) throw new Error(`E[Y(t)] fell from ${e1} (t = ${t1}) to ${e2} (t = ${t2})`);
      }),
    );
  });

  test("bgNbdExpectedPurchases(model, t) is non-decreasing in t and equals bgNbdConditionalExpectedPurchases(model, t, 0, 0, 0)", () => {
    fc.assert(
      fc.property(bgParamsArb, periodPair, (m, [t1, t2]) => {
        const e1 = bgNbdExpectedPurchases(m, t1);
        const e2 = bgNbdExpectedPurchases(m, t2);
        within(e1, 0, Infinity, `E[X(${t1})]`);
        if (!(e2 >= e1 * (1 - TOL_PRED))) throw new Error(`E[X(t)] fell from ${e1} (t = ${t1}) to ${e2} (t = ${t2})`);
        close(e1, bgNbdConditionalExpectedPurchases(m, t1, 0, 0, 0), 1e-12, "E[X(t1)] vs E[Y(t1) | 0, 0, 0]");
        close(e2, bgNbdConditionalExpectedPurchases(m, t2, 0, 0, 0), 1e-12, "E[X(t2)] vs E[Y(t2) | 0, 0, 0]");
      }),
    );
  });

  test("bgNbdExpectedPurchases and bgNbdConditionalExpectedPurchases are not negative for very short periods", () => {
    // Counterexamples found by the properties above with other seeds (FC_SEED=1 and 2) before the
    // periods were limited to t >= 1e-3. The exact values are about r·t/α > 0.
    const e1 = bgNbdExpectedPurchases({ r: 0.05, alpha: 0.5, a: 0.2, b: 0.8500000000000002 }, 5.551115123125784e-17);
    const e2 = bgNbdConditionalExpectedPurchases({ r: 0.05, alpha: 0.5, a: 0.2, b: 1.0294494238156218 }, 4.973799150320701e-14, 0, 0, 99.99999999999972);
    expect.soft(e1, "E[X(5.55e-17)] of { r: 0.05, alpha: 0.5, a: 0.2, b: 0.8500000000000002 }").toBeGreaterThanOrEqual(0);
    expect.soft(e2, "E[Y(4.97e-14) | 0, 0, 100] of { r: 0.05, alpha: 0.5, a: 0.2, b: 1.0294494238156218 }").toBeGreaterThanOrEqual(0);
  });

  test("bgNbdExpectedPurchases keeps 7 significant digits near a = 1 (where (a + b − 1)/(a − 1)·[1 − F·₂F₁] is 0/0)", () => {
    // Reference values: Fader, Hardie & Lee (2005) eq. 9 evaluated with mpmath 1.3.0 hyp2f1 at 60
    // digits for the double nearest to each a; at a = 1 the mean of a = 1 ± 1e-25.
    const cases: [BgParams, number, number][] = [
      [{ r: 0.243, alpha: 4.414, a: 1, b: 2.426 }, 1 / 7, 0.0078189101987279435],
      [{ r: 0.243, alpha: 4.414, a: 0.9999998, b: 2.426 }, 1 / 7, 0.0078189102051697153],
      [{ r: 0.5, alpha: 20, a: 1.0000002, b: 5 }, 1 / 7, 0.0035682452058016301],
      [{ r: 0.5, alpha: 20, a: 0.9999998, b: 5 }, 1 / 7, 0.00356824520686198],
      [{ r: 0.243, alpha: 4.414, a: 0.9999998, b: 2.426 }, 1, 0.052947020959969328],
      [{ r: 0.5, alpha: 20, a: 1.0000002, b: 5 }, 1, 0.024845580172571508],
      [{ r: 0.5, alpha: 20, a: 1.00001, b: 5 }, 0.001, 2.499984375055803e-5],
    ];
    const problems: string[] = [];
    for (const [m, t, exact] of cases) {
      const got = bgNbdExpectedPurchases(m, t);
      const rel = Math.abs(got / exact - 1);
      if (!(rel <= 1e-7)) problems.push(`E[X(${t})] of ${show(m)}: got ${got}, exact ${exact}, relative error ${rel.toExponential(2)} (tolerance 1e-7)`);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// bgNbdProbabilityOfPurchases
// ---------------------------------------------------------------------------------------------

describe("bgNbdProbabilityOfPurchases", () => {
  // r <= 2 and t <= 8α bound the purchase count by a negative binomial with success share
  // t/(α + t) <= 8/9: beyond n = 400 its tail is below 1e-15, so the first 401 terms carry all the
  // mass and all of the mean (the dropout only makes the tail lighter).
  const N = 400;
  const pmfCase = fc
    .record({ r: dbl(0.05, 2), alpha: dbl(0.5, 50), a: dbl(0.2, 5), b: dbl(0.5, 10), t: dbl(0, 52) })
    .filter((c) => c.a + c.b > 1.05)
    .map(({ t, ...m }) => ({ m: Object.freeze(m), t: Math.min(t, 8 * m.alpha) }));

  test("P(X(t) = n) over n = 0..400 sums to 1 and its mean equals bgNbdExpectedPurchases(model, t)", () => {
    fc.assert(
      fc.property(pmfCase, ({ m, t }) => {
        let sum = 0;
        let mean = 0;
        for (let n = 0; n <= N; n++) {
          const p = bgNbdProbabilityOfPurchases(m, t, n);
          within(p, 0, 1, `P(X(${t}) = ${n})`);
          sum += p;
          mean += n * p;
        }
        within(sum, 0, 1 + 1e-9, "sum of P(X(t) = n)");
        close(sum, 1, 1e-9, "sum of P(X(t) = n), n = 0..400");
        const expected = bgNbdExpectedPurchases(m, t);
        // relative 1e-6 (plus 1e-12 absolute for E near 0)
        if (!(Math.abs(mean - expected) <= 1e-6 * expected + 1e-12)) {
          throw new Error(`Σ n·P(n) = ${mean}, E[X(t)] = ${expected}: relative difference ${Math.abs(mean - expected) / expected}`);
        }
      }),
      HEAVY,
    );
  });

  test("bgNbdProbabilityOfPurchases(model, 0, n) is 1 for n = 0 and 0 otherwise", () => {
    fc.assert(
      fc.property(bgParamsArb, fc.integer({ min: 0, max: 100 }), (m, n) => {
        expect(bgNbdProbabilityOfPurchases(m, 0, n)).toBe(n === 0 ? 1 : 0);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// bgNbdLogLikelihood
// ---------------------------------------------------------------------------------------------

describe("bgNbdLogLikelihood", () => {
  const rows = fc.array(historyArb, { minLength: 1, maxLength: 30 }).map((hs) => hs.map((h) => (h.x > 0 && h.T === 0 ? { ...h, T: 1 } : h)));

  test("bgNbdLogLikelihood does not depend on the order of the customers, and integer weights equal repeated rows", () => {
    fc.assert(
      fc.property(bgParamsArb, rows, fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 30, maxLength: 30 }), (m, hs, ws) => {
        const cols = (list: History[]) =>
          deepFreeze({ frequency: list.map((h) => h.x), recency: list.map((h) => h.tx), T: list.map((h) => h.T) });
        // (a density in t_x for x > 0, so it may be positive)
        const ll = bgNbdLogLikelihood(m, cols(hs));
        expect(Number.isFinite(ll), `log-likelihood ${ll}`).toBe(true);
        close(bgNbdLogLikelihood(m, cols([...hs].reverse())), ll, 1e-10, "reversed rows");
        const weights = hs.map((_, i) => ws[i]!);
        if (weights.some((w) => w > 0)) {
          const repeated = hs.flatMap((h, i) => Array.from({ length: weights[i]! }, () => h));
          close(bgNbdLogLikelihood(m, cols(hs), { weights: Object.freeze(weights) }), bgNbdLogLikelihood(m, cols(repeated)), 1e-10, "weights vs repeated rows");
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// customerLifetimeValue
// ---------------------------------------------------------------------------------------------

describe("customerLifetimeValue", () => {
  interface Customer extends History {
    m: number;
  }
  interface ClvCase {
    bg: BgParams;
    gg: { p: number; q: number; gamma: number };
    customers: Customer[];
  }
  type SummaryArg = Parameters<typeof customerLifetimeValue>[2];
  const customerArb: fc.Arbitrary<Customer> = fc
    .tuple(historyArb, dbl(0.01, 500))
    .map(([h, m]) => ({ ...h, m: h.x === 0 ? 0 : m }));
  const clvCase: fc.Arbitrary<ClvCase> = fc.record({
    bg: bgParamsArb,
    gg: ggParamsArb,
    customers: fc.array(customerArb, { minLength: 1, maxLength: 4 }),
  });
  // frozen plain arrays (typed arrays cannot be frozen), typed as the summary columns
  const summaryOf = (cs: Customer[]): SummaryArg =>
    deepFreeze({
      ids: cs.map((_, i) => `c${i}`),
      frequency: cs.map((c) => c.x),
      recency: cs.map((c) => c.tx),
      T: cs.map((c) => c.T),
      monetaryValue: cs.map((c) => c.m),
      timeUnit: "week" as TimeUnit,
    }) as unknown as SummaryArg;
  const clv = (c: ClvCase, horizon: number, discountRate: number) =>
    customerLifetimeValue(c.bg, c.gg, summaryOf(c.customers), { horizon, discountRate, timeUnit: "week" });

  test("customerLifetimeValue gives clv >= 0, non-decreasing in the horizon", () => {
    fc.assert(
      fc.property(clvCase, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 20 }), dbl(0, 0.2), (c, h1, dh, d) => {
        const a = clv(c, h1, d);
        const b = clv(c, h1 + dh, d);
        for (let i = 0; i < c.customers.length; i++) {
          within(a.clv[i]!, 0, Infinity, `clv[${i}]`);
          if (!(b.clv[i]! >= a.clv[i]! * (1 - 1e-10))) throw new Error(`clv[${i}] fell from ${a.clv[i]} (horizon ${h1}) to ${b.clv[i]} (horizon ${h1 + dh})`);
        }
      }),
      HEAVY,
    );
  });

  test("customerLifetimeValue is non-increasing in the discount rate", () => {
    fc.assert(
      fc.property(clvCase, fc.integer({ min: 1, max: 30 }), orderedPair(0, 0.5), (c, h, [d1, d2]) => {
        const a = clv(c, h, d1);
        const b = clv(c, h, d2);
        for (let i = 0; i < c.customers.length; i++) {
          if (!(b.clv[i]! <= a.clv[i]! * (1 + 1e-10))) throw new Error(`clv[${i}] rose from ${a.clv[i]} (d = ${d1}) to ${b.clv[i]} (d = ${d2})`);
        }
      }),
      HEAVY,
    );
  });

  test("customerLifetimeValue with discountRate 0 is expectedPurchases · expectedValue, and its columns agree with the prediction functions", () => {
    fc.assert(
      fc.property(clvCase, fc.integer({ min: 1, max: 30 }), (c, h) => {
        const res = clv(c, h, 0);
        expect(res.ids).toEqual(c.customers.map((_, i) => `c${i}`));
        let total = 0;
        c.customers.forEach((cu, i) => {
          close(res.clv[i]!, res.expectedPurchases[i]! * res.expectedValue[i]!, 1e-9, `clv[${i}] vs E[Y]·E[M]`);
          close(res.expectedPurchases[i]!, bgNbdConditionalExpectedPurchases(c.bg, h, cu.x, cu.tx, cu.T), 1e-12, `expectedPurchases[${i}]`);
          close(res.expectedValue[i]!, gammaGammaConditionalExpectedValue(c.gg, cu.x, cu.m), 1e-12, `expectedValue[${i}]`);
          close(res.probabilityAlive[i]!, bgNbdProbabilityAlive(c.bg, cu.x, cu.tx, cu.T), 1e-12, `probabilityAlive[${i}]`);
          total += res.clv[i]!;
        });
        close(res.total, total, 1e-12, "total");
      }),
      HEAVY,
    );
  });
});

/**
 * customerLifetimeValue written as a loop over customers, each through the per-customer functions
 * with the same discounting: the definition the grouped, vectorized computation must equal.
 */
function clvByCustomer(
  bg: BgParams,
  gg: { p: number; q: number; gamma: number },
  cs: readonly { x: number; tx: number; T: number; m: number }[],
  horizon: number,
  d: number,
): { clv: number[]; expectedPurchases: number[]; expectedValue: number[]; probabilityAlive: number[]; total: number } {
  const out = { clv: [] as number[], expectedPurchases: [] as number[], expectedValue: [] as number[], probabilityAlive: [] as number[], total: 0 };
  for (const c of cs) {
    const value = gammaGammaConditionalExpectedValue(gg, c.x, c.x > 0 ? c.m : 0);
    let previous = 0;
    let sum = 0;
    for (let k = 1; k <= horizon; k++) {
      const ey = bgNbdConditionalExpectedPurchases(bg, k, c.x, c.tx, c.T);
      sum += (ey - previous) * Math.pow(1 + d, -k);
      previous = ey;
    }
    out.clv.push(sum * value);
    out.expectedPurchases.push(previous);
    out.expectedValue.push(value);
    out.probabilityAlive.push(bgNbdProbabilityAlive(bg, c.x, c.tx, c.T));
    out.total += sum * value;
  }
  return out;
}

describe("customerLifetimeValue, grouped by (x, T), equals the per-customer functions", () => {
  /** Relative difference at most 1e-12 (no absolute floor: tiny values must agree too). */
  const rel = (a: number, b: number, label: string) => {
    if (!(a === b || Math.abs(a - b) <= 1e-12 * Math.abs(b))) throw new Error(`${label}: ${a} vs ${b} (relative ${Math.abs(a - b) / Math.abs(b)})`);
  };
  // customers drawn from a few (x, T) pairs, so that groups repeat with different recencies; some
  // with x >= 1 and T = 0 (legal here, refused by rfmHistogram: computed alone)
  const pairArb = fc.oneof(
    { weight: 9, arbitrary: fc.record({ x: fc.integer({ min: 0, max: 60 }), T: dbl(0, 100) }) },
    { weight: 1, arbitrary: fc.record({ x: fc.integer({ min: 1, max: 5 }), T: fc.constant(0) }) },
  );
  const caseArb = fc
    .record({
      bg: bgParamsArb,
      gg: ggParamsArb,
      pairs: fc.array(pairArb, { minLength: 1, maxLength: 4 }),
      picks: fc.array(fc.tuple(fc.nat(), dbl(0, 1), dbl(0.01, 500)), { minLength: 1, maxLength: 12 }),
      horizon: fc.integer({ min: 1, max: 60 }),
      d: dbl(0, 0.5),
    })
    .map(({ picks, pairs, ...c }) => ({
      ...c,
      customers: picks.map(([k, u, m]) => {
        const { x, T } = pairs[k % pairs.length]!;
        return { x, T, tx: x === 0 ? 0 : u * T, m: x === 0 ? 0 : m };
      }),
    }));

  test("clv, expectedPurchases, expectedValue, probabilityAlive and total agree to 1e-12 relative", () => {
    fc.assert(
      fc.property(caseArb, ({ bg, gg, customers, horizon, d }) => {
        const summary = {
          frequency: Float64Array.from(customers, (c) => c.x),
          recency: Float64Array.from(customers, (c) => c.tx),
          T: Float64Array.from(customers, (c) => c.T),
          monetaryValue: Float64Array.from(customers, (c) => c.m),
          timeUnit: "week" as TimeUnit,
        };
        const got = customerLifetimeValue(bg, gg, summary, { horizon, discountRate: d, timeUnit: "week" });
        const want = clvByCustomer(bg, gg, customers, horizon, d);
        for (const k of ["clv", "expectedPurchases", "expectedValue", "probabilityAlive"] as const) {
          for (let i = 0; i < customers.length; i++) rel(got[k][i]!, want[k][i]!, `${k}[${i}]`);
        }
        rel(got.total, want.total, "total");
      }),
      HEAVY,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// rfmSummary
// ---------------------------------------------------------------------------------------------

describe("rfmSummary", () => {
  const DAY = 86_400_000;
  const BASE = Date.UTC(2023, 11, 25); // day 0
  /** The instant `ms` written in one of several date inputs that all fall on the same UTC day. */
  function dateInput(ms: number, format: number): Date | number | string {
    switch (format) {
      case 0:
        return new Date(ms).toISOString().slice(0, 10);
      case 1:
        return new Date(ms);
      case 2:
        return ms;
      case 3:
        return new Date(ms).toISOString();
      default: {
        // local time at UTC+05:30 or UTC−03:00 with its offset: the same instant
        const [off, text] = format === 4 ? [330, "+05:30"] : [-180, "-03:00"];
        return new Date(ms + off * 60_000).toISOString().slice(0, 16) + text;
      }
    }
  }

  interface Tx {
    id: string | number;
    day: number; // UTC day number from BASE
    ms: number; // time of day
    format: number;
    value: number;
  }
  interface Row {
    id: string | number;
    when: Date | number | string;
    value: number;
  }

  const txArb = (maxDay: number) =>
    fc.record({
      id: fc.constantFrom<string | number>("a", "b", "c", "d", 7, 8),
      day: fc.integer({ min: 0, max: maxDay }),
      ms: fc.integer({ min: 0, max: DAY - 1 }),
      format: fc.integer({ min: 0, max: 5 }),
      value: fc.integer({ min: 0, max: 500 }),
    });

  /** A case: calibration end day, observation end day, transactions on or before it (the first one in calibration). */
  const caseArb = fc
    .record({ cal: fc.integer({ min: 30, max: 90 }), hold: fc.integer({ min: 0, max: 30 }), unit: fc.constantFrom<TimeUnit>("day", "week", "month") })
    .chain(({ cal, hold, unit }) =>
      fc.record({
        cal: fc.constant(cal),
        obs: fc.constant(cal + hold),
        unit: fc.constant(unit),
        txs: fc.array(txArb(cal + hold), { minLength: 1, maxLength: 40 }).map((txs) => [{ ...txs[0]!, day: txs[0]!.day % (cal + 1) }, ...txs.slice(1)]),
      }),
    );

  const toRows = (txs: Tx[]): readonly Row[] =>
    deepFreeze(txs.map((t) => ({ id: t.id, when: dateInput(BASE + t.day * DAY + t.ms, t.format), value: t.value })));
  const iso = (day: number) => new Date(BASE + day * DAY).toISOString().slice(0, 10);
  const run = (rows: readonly Row[], cal: number, obs: number, unit: TimeUnit) =>
    rfmSummary(rows, {
      customerId: (r) => r.id,
      date: (r) => r.when,
      value: (r) => r.value,
      calibrationEnd: iso(cal),
      observationEnd: iso(obs),
      timeUnit: unit,
    });

  /** Per-customer columns keyed by id. */
  function byId(s: RfmSummary) {
    const out = new Map<string | number, Record<string, number>>();
    s.ids.forEach((id, i) =>
      out.set(id, {
        frequency: s.frequency[i]!,
        recency: s.recency[i]!,
        T: s.T[i]!,
        monetaryValue: s.monetaryValue[i]!,
        holdoutFrequency: s.holdoutFrequency[i]!,
        holdoutMonetaryValue: s.holdoutMonetaryValue[i]!,
      }),
    );
    return out;
  }

  function sameById(a: RfmSummary, b: RfmSummary, tol = 1e-12): void {
    const ma = byId(a);
    const mb = byId(b);
    expect([...mb.keys()].sort(), "the same customers").toEqual([...ma.keys()].sort());
    for (const [id, ra] of ma) {
      const rb = mb.get(id)!;
      for (const k of Object.keys(ra)) close(rb[k]!, ra[k]!, tol, `${k} of ${String(id)}`);
    }
  }

  test("rfmSummary matches a direct per-customer computation (distinct days − 1, recency, T, repeat-day mean value, holdout columns) for every date format", () => {
    fc.assert(
      fc.property(caseArb, ({ cal, obs, unit, txs }) => {
        const s = run(toRows(txs), cal, obs, unit);
        const u = unit === "day" ? 1 : unit === "week" ? 7 : 365.25 / 12;
        // the expected summary, customer by customer, in order of first appearance
        const order: (string | number)[] = [];
        const days = new Map<string | number, Map<number, number>>();
        for (const t of txs) {
          if (!days.has(t.id)) {
            order.push(t.id);
            days.set(t.id, new Map());
          }
          const d = days.get(t.id)!;
          d.set(t.day, (d.get(t.day) ?? 0) + t.value);
        }
        const kept = order.filter((id) => Math.min(...days.get(id)!.keys()) <= cal);
        expect(s.ids).toEqual(kept);
        expect(s.customers).toBe(kept.length);
        expect(s.excludedCustomers).toBe(order.length - kept.length);
        expect(s.transactions).toBe(txs.length);
        expect(s.timeUnit).toBe(unit);
        expect(s.calibrationEnd).toBe(iso(cal));
        expect(s.observationEnd).toBe(iso(obs));
        close(s.holdoutLength, (obs - cal) / u, 1e-12, "holdoutLength");
        let repeat = 0;
        kept.forEach((id, i) => {
          const d = days.get(id)!;
          const calDays = [...d.keys()].filter((k) => k <= cal).sort((p, q) => p - q);
          const holdDays = [...d.keys()].filter((k) => k > cal);
          const first = calDays[0]!;
          const x = calDays.length - 1;
          if (x > 0) repeat++;
          const repeatTotal = calDays.slice(1).reduce((acc, k) => acc + d.get(k)!, 0);
          const holdTotal = holdDays.reduce((acc, k) => acc + d.get(k)!, 0);
          const label = `customer ${String(id)}`;
          close(s.frequency[i]!, x, 0, `${label} frequency`);
          close(s.recency[i]!, (calDays[x]! - first) / u, 1e-12, `${label} recency`);
          close(s.T[i]!, (cal - first) / u, 1e-12, `${label} T`);
          close(s.monetaryValue[i]!, x > 0 ? repeatTotal / x : 0, 1e-12, `${label} monetaryValue`);
          close(s.holdoutFrequency[i]!, holdDays.length, 0, `${label} holdoutFrequency`);
          close(s.holdoutMonetaryValue[i]!, holdDays.length > 0 ? holdTotal / holdDays.length : 0, 1e-12, `${label} holdoutMonetaryValue`);
        });
        expect(s.repeatCustomers).toBe(repeat);
      }),
    );
  });

  test("rfmSummary has whole-number frequencies, 0 <= recency <= T, recency 0 and monetary value 0 when frequency is 0", () => {
    fc.assert(
      fc.property(caseArb, ({ cal, obs, unit, txs }) => {
        const s = run(toRows(txs), cal, obs, unit);
        for (let i = 0; i < s.customers; i++) {
          const x = s.frequency[i]!;
          expect(Number.isInteger(x) && x >= 0, `frequency ${x}`).toBe(true);
          within(s.recency[i]!, 0, s.T[i]!, `recency of ${String(s.ids[i])}`);
          if (x === 0) {
            expect(s.recency[i]).toBe(0);
            expect(s.monetaryValue[i]).toBe(0);
          }
          within(s.monetaryValue[i]!, 0, Infinity, "monetaryValue");
        }
      }),
    );
  });

  test("rfmSummary does not depend on the order of the transactions (compared per customer id)", () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.record({
            c: fc.constant(c),
            order: fc.shuffledSubarray(
              c.txs.map((_, i) => i),
              { minLength: c.txs.length, maxLength: c.txs.length },
            ),
          }),
        ),
        ({ c, order }) => {
          const a = run(toRows(c.txs), c.cal, c.obs, c.unit);
          const b = run(toRows(order.map((i) => c.txs[i]!)), c.cal, c.obs, c.unit);
          sameById(a, b);
          for (const k of ["customers", "repeatCustomers", "transactions", "excludedCustomers", "holdoutLength"] as const) expect(b[k], k).toBe(a[k]);
        },
      ),
    );
  });

  test("rfmSummary merges same-day purchases: a second purchase on the same day changes neither frequency, recency nor T, and adds its value to that day's total", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: 1, max: 500 }), fc.nat(), ({ cal, obs, unit, txs }, pick, ms, value, at) => {
        const copy = txs[pick % txs.length]!;
        const extra: Tx = { ...copy, ms, value, format: (copy.format + 1) % 6 };
        const more = [...txs];
        more.splice(at % (txs.length + 1), 0, extra);
        const a = run(toRows(txs), cal, obs, unit);
        const b = run(toRows(more), cal, obs, unit);
        expect(b.ids.slice().sort()).toEqual(a.ids.slice().sort());
        expect(b.transactions).toBe(a.transactions + 1);
        const ma = byId(a);
        const mb = byId(b);
        for (const [id, ra] of ma) {
          const rb = mb.get(id)!;
          close(rb.frequency!, ra.frequency!, 0, "frequency");
          close(rb.recency!, ra.recency!, 0, "recency");
          close(rb.T!, ra.T!, 0, "T");
          close(rb.holdoutFrequency!, ra.holdoutFrequency!, 0, "holdoutFrequency");
          let m = ra.monetaryValue!;
          let hm = ra.holdoutMonetaryValue!;
          if (id === copy.id) {
            const first = Math.min(...txs.filter((t) => t.id === id).map((t) => t.day));
            if (copy.day > cal) hm += value / ra.holdoutFrequency!;
            else if (copy.day !== first) m += value / ra.frequency!;
          }
          close(rb.monetaryValue!, m, 1e-12, `monetaryValue of ${String(id)}`);
          close(rb.holdoutMonetaryValue!, hm, 1e-12, `holdoutMonetaryValue of ${String(id)}`);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// simulateBgNbd and the BG/NBD fit
// ---------------------------------------------------------------------------------------------

describe("simulateBgNbd", () => {
  const tArb = fc.oneof(
    dbl(0, 60),
    fc.integer({ min: 1, max: 100 }).chain((n) => fc.array(dbl(0, 60), { minLength: n, maxLength: n })),
  );
  const simCase = fc.record({ m: bgParamsArb, T: tArb, n: fc.integer({ min: 1, max: 100 }) }).map(({ m, T, n }) => ({
    m,
    T: typeof T === "number" ? T : Object.freeze(T),
    customers: typeof T === "number" ? n : T.length,
  }));

  test("simulateBgNbd is deterministic for a seed: the same seed gives equal columns, different seeds differ", () => {
    fc.assert(
      fc.property(simCase, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), ({ m, T, customers }, s1, s2) => {
        fc.pre(s1 !== s2);
        const a = simulateBgNbd(m, { customers, T, seed: s1 });
        expect(simulateBgNbd(m, { customers, T, seed: s1 })).toEqual(a);
        const b = simulateBgNbd(m, { customers, T, seed: s2 });
        expect(b.lambda, `lambda of seeds ${s1} and ${s2}`).not.toEqual(a.lambda);
      }),
    );
  });

  test("simulateBgNbd gives 0 <= recency <= T, whole frequencies, frequency 0 iff recency 0, and dropouts only after a repeat purchase", () => {
    fc.assert(
      fc.property(simCase, fc.integer({ min: 0, max: 2 ** 32 - 1 }), ({ m, T, customers }, seed) => {
        const s = simulateBgNbd(m, { customers, T, seed });
        expect(s.frequency.length).toBe(customers);
        for (let i = 0; i < customers; i++) {
          const Ti = typeof T === "number" ? T : T[i]!;
          expect(s.T[i]).toBe(Ti);
          const x = s.frequency[i]!;
          expect(Number.isInteger(x) && x >= 0, `frequency ${x}`).toBe(true);
          within(s.recency[i]!, 0, Ti, `recency ${i}`);
          expect(x === 0, `frequency ${x}, recency ${s.recency[i]} at ${i}`).toBe(s.recency[i] === 0);
          expect(s.lambda[i]).toBeGreaterThan(0);
          within(s.p[i]!, 0, 1, `p ${i}`);
          if (s.alive[i] === 0) expect(x).toBeGreaterThanOrEqual(1);
          else expect(s.alive[i]).toBe(1);
        }
      }),
    );
  });

  // Example-based: 20,000 customers, T = 20 … 40 (integers, uniform by construction), fixed seeds.
  const sets: [string, BgParams, number][] = [
    ["CDNOW-like (Fader, Hardie & Lee 2005)", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 11],
    ["frequent buyers, slow dropout", { r: 1.5, alpha: 10, a: 2, b: 6 }, 22],
    ["heterogeneous rates, a < 1", { r: 0.5, alpha: 2, a: 0.4, b: 4 }, 33],
  ];
  for (const [name, truth, seed] of sets) {
    test(`fitBgNbd recovers r, alpha, a, b within 4 standard errors from 20,000 customers simulated with ${name} ${JSON.stringify(truth)}`, () => {
      const n = 20_000;
      const T = Float64Array.from({ length: n }, (_, i) => 20 + (i % 21));
      const sim = simulateBgNbd(truth, { customers: n, T, seed });
      const fit = fitBgNbd(sim);
      expect(fit.converged).toBe(true);
      expect(fit.customers).toBe(n);
      expect(fit.standardErrors).not.toBeNull();
      for (const k of ["r", "alpha", "a", "b"] as const) withinSe(k, fit[k], truth[k], fit.standardErrors?.[k]);
      // the maximum: at least the log-likelihood of the true parameters, and reported consistently
      close(fit.logLikelihood, bgNbdLogLikelihood(fit, sim), 1e-10, "logLikelihood vs bgNbdLogLikelihood");
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, sim));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma
// ---------------------------------------------------------------------------------------------

describe("fitGammaGamma and gammaGammaConditionalExpectedValue", () => {
  const sets: [string, { p: number; q: number; gamma: number }, number][] = [
    ["CDNOW (Fader & Hardie 2013)", { p: 6.25, q: 3.74, gamma: 15.44 }, 1],
    ["wide spread of spend", { p: 2, q: 5, gamma: 50 }, 2],
    ["exponential transactions, heavy-tailed customers", { p: 1, q: 2.5, gamma: 10 }, 3],
  ];
  for (const [name, truth, seed] of sets) {
    test(`fitGammaGamma recovers p, q, gamma within 4 standard errors from 3000 customers simulated with ${name} ${JSON.stringify(truth)}`, () => {
      const data = simulateGammaGamma(truth, 3000, seed);
      const fit = fitGammaGamma(data);
      expect(fit.converged).toBe(true);
      expect(fit.customers).toBe(3000);
      expect(fit.standardErrors).not.toBeNull();
      for (const k of ["p", "q", "gamma"] as const) withinSe(k, fit[k], truth[k], fit.standardErrors?.[k]);
    });
  }

  test("gammaGammaConditionalExpectedValue lies between the population mean pγ/(q − 1) and the customer's own mean, and is the population mean for x = 0", () => {
    fc.assert(
      fc.property(ggParamsArb, fc.integer({ min: 0, max: 60 }), dbl(0, 1000), (g, x, m) => {
        const pop = (g.p * g.gamma) / (g.q - 1);
        const e = gammaGammaConditionalExpectedValue(g, x, m);
        if (x === 0) close(e, pop, 1e-12, "x = 0");
        else within(e, Math.min(pop, m), Math.max(pop, m), "E[M]", 1e-9 * Math.max(pop, m));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// retentionClv and simpleClv
// ---------------------------------------------------------------------------------------------

describe("retentionClv", () => {
  const marginArb = dbl(0.01, 10_000);
  const horizonArb = fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined });

  test("retentionClv increases with the retention rate", () => {
    fc.assert(
      fc.property(marginArb, orderedPair(0, 0.99), dbl(0, 0.5), horizonArb, fc.boolean(), (margin, [r1, r2], d, horizon, includeFirstPeriod) => {
        // with the first period counted, a horizon of 1 is the margin alone, whatever the retention
        fc.pre(r2 - r1 > 1e-6 && !(includeFirstPeriod && horizon === 1));
        const a = retentionClv({ margin, retentionRate: r1, discountRate: d, horizon, includeFirstPeriod }).value;
        const b = retentionClv({ margin, retentionRate: r2, discountRate: d, horizon, includeFirstPeriod }).value;
        if (!(b > a)) throw new Error(`value ${a} at retention ${r1}, ${b} at ${r2}`);
      }),
    );
  });

  test("retentionClv decreases with the discount rate", () => {
    fc.assert(
      fc.property(marginArb, dbl(0.01, 0.99), orderedPair(0, 0.5), horizonArb, fc.boolean(), (margin, r, [d1, d2], horizon, includeFirstPeriod) => {
        fc.pre(d2 - d1 > 1e-6 && (horizon === undefined || horizon > 1 || !includeFirstPeriod));
        const a = retentionClv({ margin, retentionRate: r, discountRate: d1, horizon, includeFirstPeriod }).value;
        const b = retentionClv({ margin, retentionRate: r, discountRate: d2, horizon, includeFirstPeriod }).value;
        if (!(b < a)) throw new Error(`value ${a} at discount ${d1}, ${b} at ${d2}`);
      }),
    );
  });

  test("retentionClv with a finite horizon increases with the horizon and tends to the unlimited value: V(∞) − V(H) = q^H·V(∞), q = r/(1 + d)", () => {
    fc.assert(
      fc.property(marginArb, dbl(0.01, 0.99), dbl(0, 0.5), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (margin, r, d, h, dh) => {
        const q = r / (1 + d);
        const at = (horizon?: number) => retentionClv({ margin, retentionRate: r, discountRate: d, horizon }).value;
        const vh = at(h);
        const vh2 = at(h + dh);
        const vInf = at();
        if (!(vh2 >= vh && vInf >= vh2)) throw new Error(`V(${h}) = ${vh}, V(${h + dh}) = ${vh2}, V(∞) = ${vInf}`);
        close(vInf - vh, Math.pow(q, h) * vInf, 1e-9, "V(∞) − V(H)");
      }),
    );
  });

  test("retentionClv with includeFirstPeriod adds exactly the margin to the unlimited value, and shifts a finite horizon by one period", () => {
    fc.assert(
      fc.property(dbl(-10_000, 10_000), dbl(0, 0.99), dbl(0, 0.5), fc.integer({ min: 2, max: 300 }), (margin, r, d, h) => {
        const base = { margin, retentionRate: r, discountRate: d };
        const v = retentionClv(base);
        const w = retentionClv({ ...base, includeFirstPeriod: true });
        close(w.value - v.value, margin, 1e-9, "with − without first period");
        close(w.multiplier - v.multiplier, 1, 1e-9, "multiplier difference");
        // Σ_{t=0}^{H−1} = 1 + Σ_{t=1}^{H−1}
        close(retentionClv({ ...base, includeFirstPeriod: true, horizon: h }).value, margin + retentionClv({ ...base, horizon: h - 1 }).value, 1e-9, "first period, horizon H vs 1 + horizon H − 1");
      }),
    );
  });

  test("retentionClv with retention 1, a discount rate d > 0 and no horizon is the perpetuity margin / d", () => {
    fc.assert(
      fc.property(dbl(-10_000, 10_000), dbl(0.001, 0.5), (margin, d) => {
        close(retentionClv({ margin, retentionRate: 1, discountRate: d }).value, margin / d, 1e-9, "value");
        close(retentionClv({ margin, retentionRate: 1, discountRate: d, includeFirstPeriod: true }).value, (margin * (1 + d)) / d, 1e-9, "value with the first period");
      }),
    );
  });

  test("retentionClv with horizon 0 is worth 0 for every retention rate, 0 included", () => {
    fc.assert(
      fc.property(marginArb, dbl(0, 1), dbl(0, 0.5), fc.boolean(), (margin, r, d, includeFirstPeriod) => {
        const res = retentionClv({ margin, retentionRate: r, discountRate: d, horizon: 0, includeFirstPeriod });
        expect(res.value, `value of ${show({ margin, r, d, includeFirstPeriod })}`).toBe(0);
        expect(res.multiplier).toBe(0);
      }),
    );
  });

  test("retentionClv({ margin: 100, retentionRate: 0, discountRate: 0, horizon: 0 }).value is 0 (not NaN)", () => {
    expect(retentionClv({ margin: 100, retentionRate: 0, discountRate: 0, horizon: 0 }).value).toBe(0);
  });
});

describe("simpleClv", () => {
  test("simpleClv(input).value is averageOrderValue · purchaseFrequency · lifespan · margin (margin 1 by default), with the inputs echoed", () => {
    fc.assert(
      fc.property(dbl(0, 1e4), dbl(0, 100), dbl(0, 50), fc.option(dbl(0, 1), { nil: undefined }), (aov, f, l, margin) => {
        const input = deepFreeze({ averageOrderValue: aov, purchaseFrequency: f, lifespan: l, ...(margin === undefined ? {} : { margin }) });
        const res = simpleClv(input);
        close(res.value, aov * f * l * (margin ?? 1), 1e-12, "value");
        expect(res).toMatchObject({ averageOrderValue: aov, purchaseFrequency: f, lifespan: l, margin: margin ?? 1 });
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// rfmHistogram
// ---------------------------------------------------------------------------------------------

describe("rfmHistogram", () => {
  const CAL = "2024-03-31";
  const BASE = Date.UTC(2024, 0, 1); // day 0; CAL is day 90
  interface Purchase {
    day: number;
    value: number;
  }
  /** A shard: a list of customers, each with the purchases of its own (a customer lives in one shard). */
  const shardArb: fc.Arbitrary<Purchase[][]> = fc.array(
    fc.array(fc.record({ day: fc.integer({ min: 0, max: 90 }), value: fc.integer({ min: 0, max: 60 }) }), { minLength: 1, maxLength: 6 }),
    { maxLength: 12 },
  );
  const options = (unit: TimeUnit) => ({
    customerId: (r: { id: number }) => r.id,
    date: (r: { when: number }) => r.when,
    value: (r: { value: number }) => r.value,
    calibrationEnd: CAL,
    timeUnit: unit,
  });
  /** Transaction rows of a shard: customer ids are positions, so concatenated shards keep customers apart. */
  const rowsOf = (customers: Purchase[][]) =>
    deepFreeze(customers.flatMap((ps, id) => ps.map((p) => ({ id, when: BASE + p.day * 86_400_000, value: p.value }))));

  monoidLaws(rfmHistogramKind, shardArb, {
    summarize: (customers) => rfmHistogram(rowsOf(customers), options("week")),
    concat: (parts) => parts.flat(),
    params: { timeUnit: "week", calibrationEnd: CAL },
  });

  test("rfmHistogram(transactions) equals rfmHistogram(rfmSummary(transactions)) and counts every customer once", () => {
    fc.assert(
      fc.property(shardArb.filter((c) => c.length > 0), fc.constantFrom<TimeUnit>("day", "week", "month"), (customers, unit) => {
        const rows = rowsOf(customers);
        const h = rfmHistogram(rows, options(unit));
        const s = rfmSummary(rows, options(unit));
        expect(h).toEqual(rfmHistogram(s));
        expect(rfmHistogramKind.count(h)).toBe(s.customers);
        expect(h.spend.count.reduce((a, b) => a + b, 0)).toBe(s.repeatCustomers);
      }),
    );
  });

  test("rfmHistogramKind.check puts shuffled entries with repeats (as SQL may return them) in canonical form", () => {
    fc.assert(
      fc.property(shardArb, fc.nat(), (customers, seed) => {
        const h = rfmHistogram(rowsOf(customers), options("week"));
        // split every count into ones and shuffle the entries
        const split = (cols: number[][], count: number[]) => {
          const rows: number[][] = [];
          count.forEach((c, i) => {
            for (let k = 0; k < c; k++) rows.push([...cols.map((col) => col[i]!), 1]);
          });
          let r = seed;
          for (let i = rows.length - 1; i > 0; i--) {
            r = (Math.imul(r, 1664525) + 1013904223) >>> 0;
            const j = r % (i + 1);
            [rows[i], rows[j]] = [rows[j]!, rows[i]!];
          }
          return cols.map((_, j) => rows.map((row) => row[j]!)).concat([rows.map(() => 1)]);
        };
        const [x, tx, T, count] = split([h.frequency, h.recency, h.T], h.count);
        const [sx, sm, sc] = split([h.spend.frequency, h.spend.monetaryValue], h.spend.count);
        const messy = { ...h, frequency: x, recency: tx, T, count, spend: { frequency: sx, monetaryValue: sm, count: sc } };
        expect(rfmHistogramKind.check(JSON.parse(JSON.stringify(messy)))).toEqual(h);
      }),
    );
  });

  test("bgNbdLogLikelihood from a histogram equals the sum over its customers' rows", () => {
    // histories drawn from a few, so that customers share triples
    const few = fc.array(historyArb.map((h) => (h.x > 0 && h.T === 0 ? { ...h, T: 1 } : h)), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(bgParamsArb, few, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (m, kinds, picks) => {
        const hs = picks.map((p) => kinds[p % kinds.length]!);
        const cols = deepFreeze({ frequency: hs.map((h) => h.x), recency: hs.map((h) => h.tx), T: hs.map((h) => h.T) });
        const h = rfmHistogram(cols);
        expect(h.count.length).toBeLessThanOrEqual(kinds.length);
        const ll = bgNbdLogLikelihood(m, cols);
        close(bgNbdLogLikelihood(m, h), ll, 1e-10, "from the histogram");
        close(bgNbdLogLikelihood(m, rfmFromHistogram(h)), ll, 1e-10, "from its weighted rows");
      }),
    );
  });

  test("fitBgNbd and fitGammaGamma from the merged histograms of customer shards equal the fits from the customers' rows (simulated, 2,000 customers)", () => {
    const T = Float64Array.from({ length: 2000 }, (_, i) => 26 + (i % 27));
    const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { customers: 2000, T, seed: 3 });
    // weekly data rounded to days, as real purchase dates are
    const day = (v: number) => Math.round(v * 7) / 7;
    const recency = Float64Array.from(sim.recency, day);
    const Tw = Float64Array.from(sim.T, day);
    const monetaryValue = Float64Array.from(sim.frequency, (x, i) => (x > 0 ? 5 + ((i * 37) % 50) : 0));
    const cols = { frequency: sim.frequency, recency, T: Tw, monetaryValue };
    const shard = (k: number) => {
      const keep = (_: number, i: number) => i % 3 === k;
      return rfmHistogram({ frequency: cols.frequency.filter(keep), recency: recency.filter(keep), T: Tw.filter(keep), monetaryValue: monetaryValue.filter(keep) });
    };
    const h = mergeRfmHistograms(shard(2), shard(0), shard(1));
    expect(h).toEqual(rfmHistogram(cols));
    expect(h.count.length).toBeLessThan(2000);
    // the same likelihood, so the same optimum; the optimizer stops within ~1e-7 of it either way
    const [rows, hist] = [fitBgNbd(cols), fitBgNbd(h)];
    for (const k of ["r", "alpha", "a", "b"] as const) close(hist[k], rows[k], 1e-6, k);
    close(hist.logLikelihood, rows.logLikelihood, 1e-12, "log-likelihood");
    expect([hist.customers, hist.totalWeight]).toEqual([2000, 2000]);
    const [g, gh] = [fitGammaGamma(cols), fitGammaGamma(h)];
    for (const k of ["p", "q", "gamma"] as const) close(gh[k], g[k], 1e-6, k);
    close(gh.logLikelihood, g.logLikelihood, 1e-12, "Gamma-Gamma log-likelihood");
    expect(gh.customers).toBe(g.customers);
  });
});
