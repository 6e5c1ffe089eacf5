// Sweep for NaN/Infinity escapes at extreme but finite inputs (issue 13, items 4 and 6): the
// numeric functions of src/core (normal, Student t), src/relate and src/value are called with
// doubles over the whole range, from 5e-324 to 1.8e308 (and NaN/±Infinity where a number is read);
// each call must return only finite numbers where numbers are promised, or throw CxMetricsError.
// Seed and run count: test/setup.ts.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  customerLifetimeValue,
  CxMetricsError,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaConditionalExpectedValue,
  kendall,
  laggedCorrelation,
  linearRegression,
  periodChange,
  mergePearsonSummaries,
  normalCdf,
  normalQuantile,
  pearson,
  pearsonFromSummary,
  pearsonSummary,
  retentionClv,
  simpleClv,
  spearman,
  studentTCdf,
  studentTQuantile,
} from "../../src/index";

const EXTREMES = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e-188, 1e-100, 1e-10, 0.5, 1, 2, 1e10, 1e90, 1e200, 1e300, 1e308, Number.MAX_VALUE];
/** Any finite double, with the extremes drawn often. */
const finite = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...EXTREMES, ...EXTREMES.map((v) => -v)));
/** Any positive finite double. */
const positive = fc.oneof(fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true }), fc.constantFrom(...EXTREMES.filter((v) => v > 0)));
/** Anything a caller may pass where a number is read. */
const anyNumber = fc.oneof(finite, fc.constantFrom(NaN, Infinity, -Infinity));
/** Whole numbers from 0 to far beyond 2^53. */
const count = fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(1e6, 3e6, 1e8, 1e15, 1e20, 1e300, Number.MAX_VALUE));

const RUNS = { numRuns: 300 };
const SLOW = { numRuns: 40 };

/** Every number reachable in `v` (objects, arrays, typed arrays), with its path. */
function numbersIn(v: unknown, path = "result", out: [string, number][] = []): [string, number][] {
  if (typeof v === "number") out.push([path, v]);
  else if (ArrayBuffer.isView(v)) Array.from(v as unknown as ArrayLike<number>).forEach((x, i) => out.push([`${path}[${i}]`, x]));
  else if (Array.isArray(v)) v.forEach((x, i) => numbersIn(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) numbersIn(x, `${path}.${k}`, out);
  return out;
}

/** The call returns only finite numbers, or throws a CxMetricsError; `allow` lets documented infinities through. */
function finiteOrTyped(label: string, f: () => unknown, allow: (path: string, v: number) => boolean = () => false): boolean {
  let result: unknown;
  try {
    result = f();
  } catch (e) {
    if (e instanceof CxMetricsError) return true;
    throw new Error(`${label}: untyped ${String(e)}`);
  }
  for (const [path, v] of numbersIn(result)) {
    if (!Number.isFinite(v) && !allow(path, v)) throw new Error(`${label}: ${path} = ${v}`);
  }
  return true;
}

describe("distribution functions over the whole double range", () => {
  test("normalCdf and normalQuantile return finite values in [0, 1] (±Infinity only for p = 0, 1)", () => {
    fc.assert(
      fc.property(anyNumber, (x) => {
        finiteOrTyped(`normalCdf(${x})`, () => normalCdf(x), (_, v) => false && v);
        finiteOrTyped(`normalQuantile(${x})`, () => normalQuantile(x), () => x === 0 || x === 1);
        return true;
      }),
      RUNS,
    );
  }, 60_000);

  test("studentTCdf and studentTQuantile return finite values (±Infinity only for p = 0, 1)", () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, (x, df) => {
        finiteOrTyped(`studentTCdf(${x}, ${df})`, () => studentTCdf(x, df));
        finiteOrTyped(`studentTQuantile(${x}, ${df})`, () => studentTQuantile(x, df), () => x === 0 || x === 1);
        return true;
      }),
      RUNS,
    );
  }, 60_000);
});

describe("correlations over the whole double range", () => {
  const pairs = fc.array(fc.tuple(finite, finite), { minLength: 0, maxLength: 12 });
  test("pearson, spearman, kendall, linearRegression and the summaries return finite numbers or a CxMetricsError", () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const x = Object.freeze(ps.map((p) => p[0]));
        const y = Object.freeze(ps.map((p) => p[1]));
        for (const [name, f] of [["pearson", pearson], ["spearman", spearman], ["kendall", kendall], ["linearRegression", linearRegression]] as const) {
          finiteOrTyped(`${name}(${JSON.stringify(x)}, ${JSON.stringify(y)})`, () => f(x, y));
        }
        const half = Math.floor(x.length / 2);
        finiteOrTyped("pearson summaries", () => {
          const s = mergePearsonSummaries(pearsonSummary(x.slice(0, half), y.slice(0, half)), pearsonSummary(x.slice(half), y.slice(half)));
          numbersIn(s).forEach(([p, v]) => {
            if (!Number.isFinite(v)) throw new Error(`summary ${p} = ${v}`);
          });
          return pearsonFromSummary(s);
        });
        return true;
      }),
      RUNS,
    );
  }, 60_000);
});

describe("lagged correlations over the whole double range", () => {
  test("laggedCorrelation and periodChange return finite numbers (null where undefined) or a CxMetricsError", () => {
    const series = fc.array(fc.oneof(finite, fc.constant(null)), { minLength: 0, maxLength: 14 });
    fc.assert(
      fc.property(series, series, fc.integer({ min: 0, max: 3 }), fc.constantFrom("pearson", "spearman", "kendall"), (m, o, maxLag, method) => {
        const n = Math.min(m.length, o.length);
        const metric = Object.freeze(m.slice(0, n));
        const outcome = Object.freeze(o.slice(0, n));
        finiteOrTyped(`laggedCorrelation(${JSON.stringify(metric)}, ${JSON.stringify(outcome)}, ${maxLag}, ${method})`, () => laggedCorrelation(metric, outcome, { maxLag, method }));
        finiteOrTyped(`periodChange(${JSON.stringify(metric)})`, () => periodChange(metric));
        return true;
      }),
      RUNS,
    );
  }, 60_000);
});

describe("BG/NBD, Gamma-Gamma and CLV over the whole double range", () => {
  const params = fc.record({ r: positive, alpha: positive, a: positive, b: positive });
  const history = fc.tuple(count, positive, fc.double({ min: 0, max: 1, noNaN: true })).map(([x, T, share]) => ({ x, T, tx: x === 0 ? 0 : T * share }));

  test("the BG/NBD predictions return finite numbers or a CxMetricsError", () => {
    fc.assert(
      fc.property(params, history, positive, count, (m, h, t, n) => {
        finiteOrTyped(`bgNbdProbabilityAlive(${JSON.stringify(m)}, ${h.x}, ${h.tx}, ${h.T})`, () => bgNbdProbabilityAlive(m, h.x, h.tx, h.T));
        finiteOrTyped(`bgNbdExpectedPurchases(${JSON.stringify(m)}, ${t})`, () => bgNbdExpectedPurchases(m, t));
        finiteOrTyped(`bgNbdConditionalExpectedPurchases(${JSON.stringify(m)}, ${t}, ${h.x}, ${h.tx}, ${h.T})`, () => bgNbdConditionalExpectedPurchases(m, t, h.x, h.tx, h.T));
        finiteOrTyped(`bgNbdProbabilityOfPurchases(${JSON.stringify(m)}, ${t}, ${n})`, () => bgNbdProbabilityOfPurchases(m, t, n));
        return true;
      }),
      RUNS,
    );
  }, 60_000);

  test("the BG/NBD log-likelihood and fit return finite numbers or a CxMetricsError", () => {
    fc.assert(
      fc.property(params, fc.array(history, { minLength: 1, maxLength: 6 }), (m, hs) => {
        const data = { frequency: hs.map((h) => h.x), recency: hs.map((h) => h.tx), T: hs.map((h) => h.T) };
        finiteOrTyped("bgNbdLogLikelihood", () => bgNbdLogLikelihood(m, data));
        finiteOrTyped(`fitBgNbd(${JSON.stringify(data)})`, () => fitBgNbd(data, { maxIterations: 200 }));
        return true;
      }),
      SLOW,
    );
  }, 60_000);

  test("Gamma-Gamma and the CLV functions return finite numbers or a CxMetricsError", () => {
    const gg = fc.record({ p: positive, q: positive, gamma: positive });
    fc.assert(
      fc.property(gg, params, history, finite, fc.integer({ min: 1, max: 4 }), fc.double({ min: 0, max: 10, noNaN: true }), (g, m, h, money, horizon, d) => {
        finiteOrTyped(`gammaGammaConditionalExpectedValue(${JSON.stringify(g)}, ${h.x}, ${money})`, () => gammaGammaConditionalExpectedValue(g, h.x, money));
        const summary = { frequency: Float64Array.of(h.x, 1), recency: Float64Array.of(h.tx, 1), T: Float64Array.of(h.T, 2), monetaryValue: Float64Array.of(h.x > 0 ? Math.abs(money) : 0, 20), timeUnit: "week" as const };
        finiteOrTyped("customerLifetimeValue", () => customerLifetimeValue(m, g, summary, { horizon, discountRate: d, timeUnit: "week" }));
        finiteOrTyped("simpleClv", () => simpleClv({ averageOrderValue: Math.abs(money), purchaseFrequency: h.T, lifespan: h.tx, margin: 0.5 }));
        // an unlimited horizon is echoed as horizon: Infinity (documented); every other number must be finite
        finiteOrTyped("retentionClv", () => retentionClv({ margin: money, retentionRate: 1 / (1 + d), discountRate: d }), (path) => path === "result.horizon");
        return true;
      }),
      RUNS,
    );
  }, 60_000);

  test("fitGammaGamma returns finite numbers or a CxMetricsError", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(count, positive), { minLength: 1, maxLength: 6 }), (rows) => {
        const data = { frequency: rows.map((r) => r[0]), monetaryValue: rows.map((r) => (r[0] > 0 ? r[1] : 0)) };
        finiteOrTyped(`fitGammaGamma(${JSON.stringify(data)})`, () => fitGammaGamma(data, { maxIterations: 200 }));
        return true;
      }),
      SLOW,
    );
  }, 60_000);
});

test("the sweep's helper catches a NaN", () => {
  expect(() => finiteOrTyped("NaN", () => ({ a: [1, NaN] }))).toThrow(/a\[1\] = NaN/);
});
