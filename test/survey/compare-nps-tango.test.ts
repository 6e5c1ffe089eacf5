// compareNps(a, b, { method: "tango" }): the score interval of the difference of two independent
// NPS values. Reference values: test/fixtures/compare_nps_tango.json, made by
// test/fixtures/compare_nps_tango.py, an independent implementation that finds the restricted
// maximum-likelihood shares with scipy.optimize.minimize (SLSQP on the six shares with the linear
// constraint) and the interval ends with brentq.
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/compare_nps_tango.json";
import { compareNps, normalQuantile, npsFromCounts } from "../../src/index";
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
