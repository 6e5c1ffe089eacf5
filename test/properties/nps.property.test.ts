// Property tests of the Net Promoter Score: nps, npsSummary, mergeNpsSummaries, npsFromSummary,
// npsFromCounts and compareNps, through the public API. Seed and run count: test/setup.ts.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  compareNps,
  emptyNpsSummary,
  mergeNpsSummaries,
  nps,
  npsFromCounts,
  npsFromSummary,
  npsSummary,
  type NpsMethod,
  type NpsResult,
  type NpsSummary,
} from "../../src/index";
import {
  close,
  closeInterval,
  confidenceArb,
  cutsArb,
  deepFreeze,
  factorArb,
  insertAt,
  intervalWithin,
  permute,
  scoresArb,
  splitAt,
  TOL,
  weightArb,
  weightedArb,
  within,
  withPermutation,
} from "../helpers/properties";

const npsScores = (minLength = 1, maxLength = 200) => scoresArb(0, 10, minLength, maxLength);
const npsWeighted = (minLength = 1, maxLength = 200) => weightedArb(0, 10, minLength, maxLength);
const methodArb = fc.constantFrom<NpsMethod>("wald", "adjusted-wald", "tango");

/** Every floating-point field of two NPS results agrees within `tol`; counts agree exactly. */
function closeNps(a: NpsResult, b: NpsResult, tol: number = TOL): void {
  for (const f of ["n", "promoters", "passives", "detractors", "skipped", "invalid"] as const) close(a[f], b[f], 0, f);
  for (const f of ["value", "effectiveN", "promoterShare", "passiveShare", "detractorShare", "se"] as const) close(a[f], b[f], tol, f);
  closeInterval(a.ci, b.ci, tol);
}

const COUNT_FIELDS = ["n", "promoters", "passives", "detractors", "skipped", "invalid"] as const;
const WEIGHT_FIELDS = ["promoterWeight", "passiveWeight", "detractorWeight", "weightSquares"] as const;

/** Two summaries agree: scale and counts exactly, weighted sums within `tol` (floating point). */
function closeSummary(a: NpsSummary, b: NpsSummary, tol: number = TOL): void {
  expect(a.kind).toBe(b.kind);
  expect(a.scale).toEqual(b.scale);
  for (const f of COUNT_FIELDS) close(a[f], b[f], 0, f);
  for (const f of WEIGHT_FIELDS) close(a[f], b[f], tol, f);
}

/** The summary of one chunk, frozen so that a merge that writes into its inputs throws. */
function chunkSummary(values: readonly number[], weights: readonly number[] | undefined): NpsSummary {
  return deepFreeze(npsSummary(Object.freeze(values.slice()), weights === undefined ? {} : { weights: Object.freeze(weights.slice()) }));
}

/** Weighted samples, or the same samples without their weights. */
const maybeWeighted = fc.tuple(npsWeighted(), fc.boolean()).map(([s, useWeights]) => ({
  values: s.values,
  weights: useWeights ? s.weights : undefined,
}));

describe("nps properties", () => {
  test("nps(values) lies in [-100, 100], its shares sum to 100 and its interval is ordered within [-100, 100], for every method and confidence", () => {
    fc.assert(
      fc.property(maybeWeighted, methodArb, confidenceArb, ({ values, weights }, method, confidence) => {
        const r = nps(Object.freeze(values), { weights: weights && Object.freeze(weights), method, confidence });
        within(r.value, -100, 100, "value");
        for (const f of ["promoterShare", "passiveShare", "detractorShare"] as const) within(r[f], 0, 100, f);
        close(r.promoterShare + r.passiveShare + r.detractorShare, 100, TOL, "sum of shares");
        close(r.value, r.promoterShare - r.detractorShare, TOL, "value = promoterShare - detractorShare");
        intervalWithin(r.ci, -100, 100);
        expect(r.se).toBeGreaterThanOrEqual(0);
        expect(r.promoters + r.passives + r.detractors).toBe(values.length);
        expect(r.method).toBe(method);
        expect(r.confidence).toBe(confidence);
      }),
    );
  });

  test("nps(values) does not depend on the order of values", () => {
    fc.assert(
      fc.property(withPermutation(npsScores(), (v) => v.length), methodArb, ({ sample, order }, method) => {
        expect(nps(Object.freeze(permute(sample, order)), { method })).toEqual(nps(Object.freeze(sample), { method }));
      }),
    );
  });

  test("nps(values, { weights }) does not depend on the order of the (value, weight) pairs", () => {
    fc.assert(
      fc.property(withPermutation(npsWeighted(), (s) => s.values.length), methodArb, ({ sample, order }, method) => {
        const a = nps(Object.freeze(sample.values), { weights: Object.freeze(sample.weights), method });
        const b = nps(Object.freeze(permute(sample.values, order)), { weights: Object.freeze(permute(sample.weights, order)), method });
        closeNps(a, b);
      }),
    );
  });

  test("nps(values), nps(rows, accessor), typed arrays, npsFromCounts and npsFromSummary of merged chunk summaries all give the same result", () => {
    fc.assert(
      fc.property(npsScores(), cutsArb, methodArb, confidenceArb, (values, cuts, method, confidence) => {
        const options = { method, confidence };
        const expected = nps(Object.freeze(values), options);
        const rows = Object.freeze(values.map((score) => Object.freeze({ score })));
        expect(nps(rows, (r) => r.score, options)).toEqual(expected);
        // Typed arrays with elements cannot be frozen (TypeError); they take the fast counting loop.
        expect(nps(Uint8Array.from(values), options)).toEqual(expected);
        expect(nps(Float64Array.from(values), options)).toEqual(expected);
        const counts = Object.freeze({
          promoters: values.filter((v) => v >= 9).length,
          passives: values.filter((v) => v === 7 || v === 8).length,
          detractors: values.filter((v) => v <= 6).length,
        });
        expect(npsFromCounts(counts, options)).toEqual(expected);
        const parts = splitAt(values, cuts).map((chunk) => chunkSummary(chunk, undefined));
        const merged = mergeNpsSummaries(...parts);
        expect(merged).toEqual(npsSummary(Object.freeze(values)));
        expect(npsFromSummary(deepFreeze(merged), options)).toEqual(expected);
      }),
    );
  });

  test("mergeNpsSummaries of weighted chunk summaries equals npsSummary of the whole sample", () => {
    fc.assert(
      fc.property(npsWeighted(), cutsArb, ({ values, weights }, cuts) => {
        const bounds = splitAt(
          values.map((_, i) => i),
          cuts,
        );
        const parts = bounds.map((idx) => chunkSummary(permute(values, idx), permute(weights, idx)));
        closeSummary(mergeNpsSummaries(...parts), npsSummary(Object.freeze(values), { weights: Object.freeze(weights) }));
      }),
    );
  });

  // Three summaries of (possibly weighted) samples, possibly empty.
  const summaryArb = fc
    .tuple(weightedArb(0, 10, 0, 60), fc.boolean())
    .map(([s, useWeights]) => chunkSummary(s.values, useWeights ? s.weights : undefined));

  test("mergeNpsSummaries is associative", () => {
    fc.assert(
      fc.property(summaryArb, summaryArb, summaryArb, (a, b, c) => {
        const left = mergeNpsSummaries(mergeNpsSummaries(a, b), c);
        const right = mergeNpsSummaries(a, mergeNpsSummaries(b, c));
        closeSummary(left, right);
        closeSummary(mergeNpsSummaries(a, b, c), left);
      }),
    );
  });

  test("mergeNpsSummaries is commutative", () => {
    fc.assert(
      fc.property(summaryArb, summaryArb, (a, b) => {
        // Floating-point addition is commutative, so this holds exactly, weights included.
        expect(mergeNpsSummaries(a, b)).toEqual(mergeNpsSummaries(b, a));
      }),
    );
  });

  test("emptyNpsSummary() is the identity of mergeNpsSummaries", () => {
    fc.assert(
      fc.property(summaryArb, (a) => {
        const empty = deepFreeze(emptyNpsSummary());
        expect(mergeNpsSummaries(a, empty)).toEqual(a);
        expect(mergeNpsSummaries(empty, a)).toEqual(a);
        expect(mergeNpsSummaries(a)).toEqual(a);
      }),
    );
  });

  test("multiplying every weight by a constant leaves value, se and ci unchanged", () => {
    fc.assert(
      fc.property(npsWeighted(), factorArb, methodArb, confidenceArb, ({ values, weights }, c, method, confidence) => {
        const v = Object.freeze(values);
        const a = nps(v, { weights: Object.freeze(weights), method, confidence });
        const b = nps(v, { weights: Object.freeze(weights.map((w) => w * c)), method, confidence });
        closeNps(a, b);
      }),
    );
  });

  test("equal weights give the unweighted result", () => {
    fc.assert(
      fc.property(npsScores(), weightArb, methodArb, confidenceArb, (values, w, method, confidence) => {
        const v = Object.freeze(values);
        const a = nps(v, { weights: Object.freeze(values.map(() => w)), method, confidence });
        closeNps(a, nps(v, { method, confidence }));
      }),
    );
  });

  test("adding one promoter never lowers nps(values)", () => {
    fc.assert(
      fc.property(npsScores(), (values) => {
        const before = nps(Object.freeze(values)).value;
        const after = nps(Object.freeze([...values, 10])).value;
        if (!(after >= before)) throw new Error(`value went down from ${before} to ${after}`);
      }),
    );
  });

  test("adding one detractor never raises nps(values)", () => {
    fc.assert(
      fc.property(npsScores(), fc.integer({ min: 0, max: 6 }), (values, detractor) => {
        const before = nps(Object.freeze(values)).value;
        const after = nps(Object.freeze([...values, detractor])).value;
        if (!(after <= before)) throw new Error(`value went up from ${before} to ${after}`);
      }),
    );
  });

  test("the Wald and Tango intervals contain the estimate", () => {
    fc.assert(
      fc.property(maybeWeighted, fc.constantFrom<NpsMethod>("wald", "tango"), confidenceArb, ({ values, weights }, method, confidence) => {
        const r = nps(Object.freeze(values), { weights: weights && Object.freeze(weights), method, confidence });
        within(r.value, r.ci[0], r.ci[1], `value in the ${method} interval`, TOL * 100);
      }),
    );
  });

  test("the adjusted-Wald interval contains its own centre, the adjusted estimate (P + 0.75 - D - 0.75) / (n + 3)", () => {
    fc.assert(
      fc.property(maybeWeighted, confidenceArb, ({ values, weights }, confidence) => {
        const r = nps(Object.freeze(values), { weights: weights && Object.freeze(weights), method: "adjusted-wald", confidence });
        // Effective counts (raw counts without weights), as the library uses them.
        const pro = (r.promoterShare / 100) * r.effectiveN;
        const det = (r.detractorShare / 100) * r.effectiveN;
        const centre = (100 * (pro + 0.75 - (det + 0.75))) / (r.effectiveN + 3);
        if (weights === undefined) close(centre, (100 * (r.promoters - r.detractors)) / (r.n + 3), TOL, "centre");
        within(centre, r.ci[0], r.ci[1], "adjusted centre in the interval", TOL * 100);
      }),
    );
  });

  // Not a property: "the adjusted-Wald interval contains the raw estimate when n >= 2 and
  // confidence >= 0.9". It is false without any bug: the interval is centred on the adjusted
  // estimate, pulled towards 0 by the 3 pseudo-answers (Rocks 2016), so for a tiny unanimous sample
  // the raw ±100 falls outside. fast-check (seed 20261123, failing at run 12) shrinks it to values
  // [0, 0] at confidence 0.9; an exhaustive scan of all tallies with n <= 300 over confidences in
  // [0.9, 0.999] finds exactly these counterexamples: all promoters (or all detractors) with n = 2
  // below confidence 0.93208, n = 3 below 0.91673 and n = 4 below 0.90564. From n = 5 on, every
  // tally at confidence >= 0.9 contains the raw estimate. The example below pins the behaviour.
  test("the adjusted-Wald interval can exclude the raw estimate: nps([10, 10], { confidence: 0.9 })", () => {
    const r = nps(Object.freeze([10, 10]), { confidence: 0.9 });
    expect(r.value).toBe(100);
    // Adjusted estimate 2/5 = 0.4, se = sqrt((0.55 + 0.15 - 0.16) / 5); 0.4 + 1.6449 * 0.32863 = 0.9406.
    close(r.ci[1], 94.0554061165305, 1e-12, "upper bound");
    expect(r.ci[1]).toBeLessThan(r.value);
    const d = nps(Object.freeze([0, 0]), { confidence: 0.9 });
    expect(d.ci[0]).toBeGreaterThan(d.value);
  });

  test("nps(values) skips null and undefined and counts them in skipped", () => {
    fc.assert(
      fc.property(
        npsScores(),
        fc.array(fc.constantFrom(null, undefined), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        methodArb,
        (values, missing, positions, method) => {
          const expected = nps(Object.freeze(values), { method });
          expect(nps(Object.freeze([...values, null, undefined]), { method })).toEqual({ ...expected, skipped: 2 });
          const mixed = Object.freeze(insertAt(values, missing, positions));
          expect(nps(mixed, { method })).toEqual({ ...expected, skipped: missing.length });
          const rows = Object.freeze(mixed.map((score) => Object.freeze({ score })));
          expect(nps(rows, (r) => r.score, { method })).toEqual({ ...expected, skipped: missing.length });
        },
      ),
    );
  });

  test('nps(values, { invalid: "skip" }) drops invalid scores and counts them in invalid', () => {
    fc.assert(
      fc.property(
        npsScores(),
        fc.array(fc.constantFrom(NaN, 11, -1, 4.5, Infinity, -Infinity, 10.5, 255), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        methodArb,
        (values, bad, positions, method) => {
          const expected = { ...nps(Object.freeze(values), { method }), invalid: bad.length };
          const mixed = insertAt(values, bad, positions);
          expect(nps(Object.freeze(mixed), { method, invalid: "skip" })).toEqual(expected);
          expect(nps(Float64Array.from(mixed), { method, invalid: "skip" })).toEqual(expected);
          const rows = Object.freeze(mixed.map((score) => Object.freeze({ score })));
          expect(nps(rows, (r) => r.score, { method, invalid: "skip" })).toEqual(expected);
        },
      ),
    );
  });

  const sampleArb = fc.oneof(
    npsScores().map((v) => Object.freeze(v)),
    fc
      .record({ promoters: fc.nat(300), passives: fc.nat(300), detractors: fc.nat(300) })
      .filter((c) => c.promoters + c.passives + c.detractors > 0)
      .map((c) => Object.freeze(c)),
  );
  const compareMethodArb = fc.constantFrom<"wald" | "adjusted-wald">("wald", "adjusted-wald");

  test("compareNps(a, b) is compareNps(b, a) with the sign of the difference flipped", () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, compareMethodArb, confidenceArb, (a, b, method, confidence) => {
        const ab = compareNps(a, b, { method, confidence });
        const ba = compareNps(b, a, { method, confidence });
        close(ab.difference, -ba.difference, 0, "difference");
        close(ab.adjustedDifference, -ba.adjustedDifference, 0, "adjustedDifference");
        close(Math.abs(ab.z), Math.abs(ba.z), 0, "|z|");
        close(ab.pValue, ba.pValue, 0, "pValue");
        close(ab.se, ba.se, 0, "se");
        closeInterval(ab.ci, [-ba.ci[1], -ba.ci[0]], TOL);
        within(ab.pValue, 0, 1, "pValue");
        intervalWithin(ab.ci, -200, 200);
      }),
    );
  });

  test("compareNps(a, a) has difference 0 and pValue 1", () => {
    fc.assert(
      fc.property(sampleArb, compareMethodArb, confidenceArb, (a, method, confidence) => {
        const r = compareNps(a, a, { method, confidence });
        close(r.difference, 0, 0, "difference");
        close(r.adjustedDifference, 0, 0, "adjustedDifference");
        close(r.z, 0, 0, "z");
        close(r.pValue, 1, 0, "pValue");
      }),
    );
  });
});
