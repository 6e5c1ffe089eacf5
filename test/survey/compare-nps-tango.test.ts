// compareNps(a, b, { method: "tango" }): the score interval of the difference of two independent
// NPS values. Reference values: test/fixtures/compare_nps_tango.json, made by
// test/fixtures/compare_nps_tango.py, an independent implementation that finds the restricted
// maximum-likelihood shares with scipy.optimize.minimize (SLSQP on the six shares with the linear
// constraint) and the interval ends with brentq.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/compare_nps_tango.json";
import { compareNps, normalQuantile, npsSummary } from "../../src/index";
import { npsDifferenceScore, npsDifferenceZ, type NpsCells } from "../../src/survey/nps-difference-interval";
import { expectClose, expectCloseArray } from "../helpers/close";

// SLSQP finds the restricted MLE to about 1e-9; the ends are compared to 1e-6 NPS points.
const TOL = { abs: 1e-6, rel: 0 };

const tally = (x: readonly number[]) => Object.freeze({ promoters: x[0]!, passives: x[1]!, detractors: x[2]! });

describe("compareNps with method tango", () => {
  for (const c of fixture.cases) {
    const integral = [...c.a, ...c.b].every(Number.isInteger);
    it(`matches the independent SLSQP implementation for ${c.name} at ${c.confidence}`, () => {
      const a = c.a as unknown as NpsCells;
      const b = c.b as unknown as NpsCells;
      let r: { difference: number; ci: number[]; z: number; pValue: number };
      if (integral) {
        r = compareNps(tally(c.a), tally(c.b), { method: "tango", confidence: c.confidence });
      } else {
        // effective (non-integer) counts, as weighted groups give, through the interval engine
        const s = npsDifferenceScore(a, b, normalQuantile(0.5 + c.confidence / 2));
        r = { difference: 100 * s.estimate, ci: [100 * s.lower, 100 * s.upper], z: s.z, pValue: Number.NaN };
      }
      const label = `${c.name}: a ${c.a}, b ${c.b}`;
      expectClose(r.difference, c.difference, { rel: 1e-12, abs: 1e-12, label });
      expectCloseArray(r.ci, c.ci, { ...TOL, label });
      expectClose(r.z, c.z, { abs: 1e-7, rel: 0, label });
      if (integral) expectClose(r.pValue, c.pValue, { abs: 1e-7, rel: 0, label });
      for (const [delta, z] of c.zAt as [number, number][]) {
        expectClose(npsDifferenceZ(a, b, c.difference / 100, delta / 100), z, { abs: 1e-7, rel: 1e-7, label: `${label}, Z(${delta})` });
      }
    });
  }
});

// Count tables shaped like the domain: small groups, zero cells and unanimous groups included.
const cellsArb = fc
  .tuple(fc.nat(40), fc.nat(40), fc.nat(40))
  .filter(([p, a, d]) => p + a + d > 0)
  .map((x) => Object.freeze(x) as readonly [number, number, number]);

describe("compareNps with method tango: properties", () => {
  it("the interval contains the observed difference and stays within [-200, 200]", () => {
    fc.assert(
      fc.property(cellsArb, cellsArb, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (a, b, confidence) => {
        const r = compareNps(tally(a), tally(b), { method: "tango", confidence });
        expect(r.ci[0]).toBeLessThanOrEqual(r.difference + 1e-9);
        expect(r.ci[1]).toBeGreaterThanOrEqual(r.difference - 1e-9);
        expect(r.ci[0]).toBeGreaterThanOrEqual(-200);
        expect(r.ci[1]).toBeLessThanOrEqual(200);
        // a score interval never collapses to a point
        expect(r.ci[1] - r.ci[0]).toBeGreaterThan(0);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });

  it("the interval widens with the confidence level", () => {
    fc.assert(
      fc.property(cellsArb, cellsArb, (a, b) => {
        let previous: [number, number] | undefined;
        for (const confidence of [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]) {
          const { ci } = compareNps(tally(a), tally(b), { method: "tango", confidence });
          if (previous !== undefined) {
            expect(ci[0], `confidence ${confidence}`).toBeLessThanOrEqual(previous[0] + 1e-9);
            expect(ci[1], `confidence ${confidence}`).toBeGreaterThanOrEqual(previous[1] - 1e-9);
          }
          previous = ci;
        }
      }),
      { numRuns: 50 },
    );
  });

  it("swapping a and b flips the sign of the difference, the interval and z", () => {
    fc.assert(
      fc.property(cellsArb, cellsArb, (a, b) => {
        const ab = compareNps(tally(a), tally(b), { method: "tango" });
        const ba = compareNps(tally(b), tally(a), { method: "tango" });
        expect(ab.difference).toBe(-ba.difference);
        expectClose(ab.ci[0], -ba.ci[1], { abs: 1e-9 });
        expectClose(ab.ci[1], -ba.ci[0], { abs: 1e-9 });
        expectClose(ab.z, -ba.z, { abs: 1e-9 });
        expectClose(ab.pValue, ba.pValue, { abs: 1e-12 });
      }),
      { numRuns: 100 },
    );
  });

  it("a group compared with itself has difference 0, z 0 and pValue 1", () => {
    fc.assert(
      fc.property(cellsArb, (a) => {
        const r = compareNps(tally(a), tally(a), { method: "tango" });
        expect([r.difference, r.z, r.pValue]).toEqual([0, 0, 1]);
        expectClose(r.ci[0], -r.ci[1], { abs: 1e-9 });
      }),
      { numRuns: 50 },
    );
  });

  it("weighted groups use their Kish effective counts", () => {
    // Hand computation: weights [2, 1, 1] on a promoter, a promoter and a detractor give total 4,
    // sum of squares 6, n_eff = 16/6 and effective counts n_eff·(3/4, 0, 1/4) = (2, 0, 2/3).
    const a = npsSummary(Object.freeze([10, 9, 0]), { weights: Object.freeze([2, 1, 1]) });
    const b = Object.freeze({ promoters: 1, passives: 2, detractors: 1 });
    const r = compareNps(a, b, { method: "tango" });
    const s = npsDifferenceScore([2, 0, 2 / 3], [1, 2, 1], normalQuantile(0.975));
    expectClose(r.ci[0], 100 * s.lower, { abs: 1e-9 });
    expectClose(r.ci[1], 100 * s.upper, { abs: 1e-9 });
    expectClose(r.z, s.z, { abs: 1e-12 });
    // scaling every weight changes nothing
    const scaled = compareNps(npsSummary([10, 9, 0], { weights: [20, 10, 10] }), b, { method: "tango" });
    expectClose(scaled.ci[0], r.ci[0], { abs: 1e-9 });
    expectClose(scaled.ci[1], r.ci[1], { abs: 1e-9 });
  });

  it("the 95% interval covers the true difference in about 95% of 2,000 simulated pairs of samples", () => {
    // Two trinomials with NPS 30 and 40 (n = 60 and 80). With 2,000 draws the coverage has a
    // binomial standard error of sqrt(0.95·0.05/2000) = 0.49%; accept 95% ± 1.5 points (3 s.e.).
    const random = mulberry32(20261202);
    const draw = (p: readonly number[], n: number) => {
      const x = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const u = random();
        x[u < p[0]! ? 0 : u < p[0]! + p[1]! ? 1 : 2]!++;
      }
      return tally(x);
    };
    const pa = [0.5, 0.3, 0.2];
    const pb = [0.55, 0.3, 0.15];
    const truth = 100 * (pb[0]! - pb[2]! - (pa[0]! - pa[2]!));
    let covered = 0;
    const draws = 2000;
    for (let i = 0; i < draws; i++) {
      const { ci } = compareNps(draw(pa, 60), draw(pb, 80), { method: "tango" });
      if (ci[0] <= truth && truth <= ci[1]) covered++;
    }
    const coverage = covered / draws;
    expect(coverage, `coverage ${coverage}`).toBeGreaterThanOrEqual(0.935);
    expect(coverage, `coverage ${coverage}`).toBeLessThanOrEqual(0.965);
  });
});

/** A small seeded PRNG (mulberry32) for the coverage simulation. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
