// Mergeable moments (Welford/Chan, behind meanMetric) at extreme scales (issue 13, item 6).
// References: exact values of [1, 2, 3, 4, 5] (mean 3, sample sd √2.5), and scipy 1.17
// stats.ttest_ind([2, 4, 5, 7, 9, 11], [1, 2, 3, 4, 5], equal_var=False): t 2.1770017209205403,
// p 0.06386516309411583, df 7.398648929363767 (scale-free, so the same at every scale).
import { describe, expect, it } from "vitest";
import { mergeMoments, momentsSd, momentsVariance, summarizeMoments, welchTest } from "../../src/core/moments";
import { expectClose } from "../helpers/close";

const SCALES = [1e-300, 1e-188, 1e-100, 1, 1e90, 1e200, 1e300];
const id = (x: number) => x;
const summarize = (v: readonly number[]) => summarizeMoments("f", v, id, "throw");

describe("moments at extreme scales", () => {
  for (const s of SCALES) {
    it(`keeps the mean and sd of [1 … 5]·${s} (exactly 3·s and √2.5·s), where M2 used to overflow or vanish`, () => {
      const m = summarize(Object.freeze([1, 2, 3, 4, 5].map((v) => v * s)));
      expectClose(m.mean, 3 * s, { rel: 1e-14 });
      expectClose(momentsSd(m)!, Math.sqrt(2.5) * s, { rel: 1e-14 });
      if (s >= 1e-100 && s <= 1e90) expectClose(momentsVariance(m)!, 2.5 * s * s, { rel: 1e-14 });
      expect(m.m2 > 0 && m.m2 < Infinity).toBe(true);
    });

    it(`gives scipy's Welch t, df and p for data at scale ${s}`, () => {
      const a = summarize([1, 2, 3, 4, 5].map((v) => v * s));
      const b = summarize([2, 4, 5, 7, 9, 11].map((v) => v * s));
      const w = welchTest("f", a, b, 0.95);
      expectClose(w.t, 2.1770017209205403, { rel: 1e-12 });
      expectClose(w.df, 7.398648929363767, { rel: 1e-12 });
      expectClose(w.pValue, 0.06386516309411583, { rel: 1e-9 });
      expectClose(w.difference, (38 / 6 - 3) * s, { rel: 1e-14 });
    });
  }

  it("merges summaries of different scales into the summary of the concatenation, in any order", () => {
    const parts = [[1e-300, 3e-300], [1, 2, 4], [5e299, 1e300, -2e300], [1e-188, 7e-188]];
    const all = parts.flat();
    const whole = summarize(all);
    const sums = parts.map(summarize);
    const left = mergeMoments("f", sums);
    const right = mergeMoments("f", [...sums].reverse());
    const nested = mergeMoments("f", [mergeMoments("f", [sums[0]!, sums[2]!]), mergeMoments("f", [sums[3]!, sums[1]!])]);
    for (const m of [left, right, nested]) {
      expect(m.n).toBe(all.length);
      expectClose(m.mean, whole.mean, { rel: 1e-14 });
      expectClose(momentsSd(m)!, momentsSd(whole)!, { rel: 1e-13 });
      expect(m.min).toBe(-2e300);
      expect(m.max).toBe(1e300);
    }
  });

  it("leaves ordinary summaries without a scale field (their JSON is unchanged)", () => {
    expect(summarize([1, 2, 3])).toEqual({ kind: "moments", n: 3, mean: 2, m2: 2, min: 1, max: 3, skipped: 0, invalid: 0 });
  });

  it("refuses a summary whose scale is not a positive finite number", () => {
    const bad = { ...summarize([1, 2]), scale: 0 };
    expect(() => mergeMoments("f", [bad])).toThrow(/scale/);
  });

  it("throws NON_FINITE when the difference of the means does not fit in a double", () => {
    const a = summarize([-1.7e308, -1.6e308]);
    const b = summarize([1.7e308, 1.6e308]);
    expect(() => welchTest("f", a, b, 0.95)).toThrow(expect.objectContaining({ code: "NON_FINITE" }));
  });
});
