// Property tests of the core families (src/core): the means family (meanSummary,
// mergeMeanSummaries, emptyMeanSummary, meanFromSummary, meanKind), through the public API. Seed
// and run count: test/setup.ts. Reference values are in core.reference.test.ts, not here.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { meanFromSummary, meanKind, meanSummary, mergeMeanSummaries, type MomentsSummary } from "../../src/index";
import { monoidLaws } from "../helpers/monoid-laws";
import { deepFreeze } from "../helpers/tables";

/** Quarters in [−1000, 1000]: exact in binary, with ties, zeros and repeated values. */
const quarter = fc.integer({ min: -4000, max: 4000 }).map((k) => k / 4);

/** A batch of 0 to 30 values: numbers, nulls (skipped) and non-finite values (counted with invalid: "skip"). */
const batchArb = fc
  .array(fc.oneof({ weight: 8, arbitrary: quarter }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) }), { maxLength: 30 })
  .map((v) => deepFreeze(v));

const summarize = (v: readonly (number | null)[]) => meanSummary(v, { invalid: "skip" });

describe("meanKind", () => {
  monoidLaws(meanKind, batchArb, {
    summarize,
    concat: (parts) => parts.flat(),
    finishOptions: { confidence: 0.9 },
  });
});

describe("meanKind at extreme scales", () => {
  // Values near 1e±300 are summarized in units of a power of two (`scale`) that follow the largest
  // magnitude seen so far, so a merged summary and the summary of the whole may be in different
  // units: compare them in the data's units (√M2·scale, which is finite where M2·scale² is not).
  const magnitude = fc.constantFrom(1e-300, 1e-188, 1e90, 1e200, 1e300);
  const extremeArb = fc
    .tuple(magnitude, fc.array(fc.integer({ min: -40, max: 40 }), { maxLength: 20 }))
    .map(([m, ks]) => deepFreeze(ks.map((k) => (k / 4) * m)));
  monoidLaws(meanKind, extremeArb, {
    summarize: (v) => meanSummary(v),
    concat: (parts) => parts.flat(),
    normalize: (s: MomentsSummary) => ({ ...s, m2: Math.sqrt(s.m2) * (s.scale ?? 1), scale: undefined }),
    tol: 1e-9,
  });
});

describe("meanSummary and meanFromSummary", () => {
  test("meanSummary(values) equals meanSummary(rows, accessor) and the summary of the values read as bigints", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constant(null)), { maxLength: 40 }), (v) => {
        const values = meanSummary(deepFreeze(v));
        expect(meanSummary(deepFreeze(v.map((x) => ({ x }))), (r) => r.x)).toEqual(values);
        expect(meanSummary(deepFreeze(v.map((x) => (x === null ? null : BigInt(x)))))).toEqual(values);
      }),
    );
  });

  test("meanFromSummary gives the mean, the sample sd and an interval centred on the mean, within [min, max] for the mean", () => {
    fc.assert(
      fc.property(fc.array(quarter, { minLength: 1, maxLength: 40 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (v, confidence) => {
        const r = meanFromSummary(meanSummary(deepFreeze(v)), { confidence });
        const n = v.length;
        const mean = v.reduce((a, b) => a + b, 0) / n;
        expect(r.n).toBe(n);
        expect(Math.abs(r.mean - mean)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(mean)));
        expect(r.mean).toBeGreaterThanOrEqual(r.min);
        expect(r.mean).toBeLessThanOrEqual(r.max);
        if (n === 1) {
          expect([r.sd, r.se, r.ci]).toEqual([null, null, null]);
        } else {
          const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
          expect(Math.abs(r.sd! - sd)).toBeLessThanOrEqual(1e-9 * Math.max(1, sd));
          expect(Math.abs(r.ci![0] + r.ci![1] - 2 * r.mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.mean), r.sd!));
          expect(r.ci![0]).toBeLessThanOrEqual(r.mean);
        }
      }),
    );
  });

  test("a wider confidence never gives a narrower interval", () => {
    fc.assert(
      fc.property(fc.array(quarter, { minLength: 2, maxLength: 30 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.009, noNaN: true }), (v, c, extra) => {
        const s = meanSummary(deepFreeze(v));
        const narrow = meanFromSummary(s, { confidence: c }).ci!;
        const wide = meanFromSummary(s, { confidence: c + extra }).ci!;
        expect(wide[1] - wide[0]).toBeGreaterThanOrEqual(narrow[1] - narrow[0] - 1e-12 * Math.max(1, Math.abs(narrow[1])));
      }),
    );
  });

  test("mergeMeanSummaries of the summaries of any split equals meanSummary of the whole, JSON round trips included", () => {
    fc.assert(
      fc.property(fc.array(fc.array(quarter, { maxLength: 15 }), { minLength: 1, maxLength: 5 }), (parts) => {
        const stored = parts.map((p) => JSON.parse(JSON.stringify(meanSummary(deepFreeze(p)))) as MomentsSummary);
        const merged = mergeMeanSummaries(...stored);
        const whole = meanSummary(parts.flat());
        expect(merged.n).toBe(whole.n);
        expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
        expect(Math.abs(merged.mean - whole.mean)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(whole.mean)));
        expect(Math.abs(merged.m2 - whole.m2)).toBeLessThanOrEqual(1e-9 * Math.max(1, whole.m2));
      }),
    );
  });
});
