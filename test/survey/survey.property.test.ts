// Property tests of the survey metrics (NPS, CSAT, CES), checked with fast-check through the public
// API. Seed and run count: test/setup.ts. Three parts:
// - the monoid laws of the summary kinds (npsKind, csatKind, cesKind), through the shared monoidLaws
//   helper (test/helpers/monoid-laws.ts): empty is the identity, merge is commutative and
//   associative, a summary survives JSON, merged parts equal the whole, and the empty summary
//   finishes to EMPTY_INPUT. Each kind runs on unweighted and weighted inputs, on its default scale
//   and on custom ones;
// - NPS: nps, npsSummary, mergeNpsSummaries, npsFromSummary, npsFromCounts and compareNps;
// - CSAT and CES: csat, csatSummary, mergeCsatSummaries, csatFromSummary, compareCsat; ces,
//   cesSummary, mergeCesSummaries, cesFromSummary, compareCes.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  ces,
  cesFromSummary,
  cesKind,
  cesSummary,
  compareCes,
  compareCsat,
  compareNps,
  csat,
  csatFromSummary,
  csatKind,
  csatSummary,
  emptyNpsSummary,
  mergeCesSummaries,
  mergeCsatSummaries,
  mergeNpsSummaries,
  nps,
  npsFromCounts,
  npsFromSummary,
  npsKind,
  npsSummary,
  type CesResult,
  type CesSummary,
  type CesVersion,
  type CsatResult,
  type CsatSummary,
  type NpsMethod,
  type NpsResult,
  type NpsScale,
  type NpsSummary,
  type ScorePoint,
  type ScoreScale,
} from "../../src/index";
import { monoidLaws } from "../helpers/monoid-laws";
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

// ---------------------------------------------------------------------------------------------
// Monoid laws of the summary kinds
// ---------------------------------------------------------------------------------------------

/** One batch of answers: scores (null = no answer) and, when weighted, one weight per score. */
interface Batch {
  scores: (number | null)[];
  weights?: number[];
}

// Weights: exact zeros (an answer that does not count) and positive reals across four decades.
const lawWeightArb = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 5 }));

/** Batches of answers on [min, max], with missing answers, unweighted or weighted. */
function batchArb(min: number, max: number, weighted: boolean): fc.Arbitrary<Batch> {
  const scores = fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 30 });
  if (!weighted) return scores.map((s) => ({ scores: s }));
  return scores.chain((s) => fc.array(lawWeightArb, { minLength: s.length, maxLength: s.length }).map((w) => ({ scores: s, weights: w })));
}

function concat(parts: Batch[]): Batch {
  const scores = parts.flatMap((p) => p.scores);
  return parts[0]?.weights === undefined ? { scores } : { scores, weights: parts.flatMap((p) => p.weights!) };
}

const weightsOf = (b: Batch) => (b.weights === undefined ? {} : { weights: b.weights });

const NPS_SCALES: [string, NpsScale | undefined][] = [
  ["0–10", undefined],
  ["1–5 (passives 3–4, promoters 5)", { min: 1, max: 5, passiveMin: 3, promoterMin: 5 }],
];

describe("npsKind", () => {
  for (const [name, scale] of NPS_SCALES) {
    for (const weighted of [false, true]) {
      describe(`${weighted ? "weighted" : "unweighted"}, scale ${name}`, () => {
        const s = scale ?? { min: 0, max: 10, passiveMin: 7, promoterMin: 9 };
        monoidLaws(npsKind, batchArb(s.min, s.max, weighted), {
          summarize: (b) => npsSummary(b.scores, { ...weightsOf(b), scale }),
          concat,
          params: scale,
          finishOptions: weighted ? { method: "wald", confidence: 0.9 } : undefined,
        });
      });
    }
  }
});

const CSAT_SCALES: [string, ScoreScale | undefined, number | undefined][] = [
  ["1–5, top-2-box", undefined, undefined],
  ["0–10, satisfied from 9", { min: 0, max: 10 }, 9],
  ["0–1 (a share of rows)", { min: 0, max: 1 }, undefined],
];

describe("csatKind", () => {
  for (const [name, scale, satisfiedMin] of CSAT_SCALES) {
    for (const weighted of [false, true]) {
      describe(`${weighted ? "weighted" : "unweighted"}, scale ${name}`, () => {
        const s = scale ?? { min: 1, max: 5 };
        monoidLaws(csatKind, batchArb(s.min, s.max, weighted), {
          summarize: (b) => csatSummary(b.scores, { ...weightsOf(b), scale }),
          concat,
          params: scale,
          finishOptions: { satisfiedMin, confidence: 0.95 },
        });
      });
    }
  }
});

const CES_VERSIONS: [CesVersion | undefined, number][] = [
  [undefined, 7],
  ["1.0", 5],
];

describe("cesKind", () => {
  for (const [version, max] of CES_VERSIONS) {
    for (const weighted of [false, true]) {
      describe(`${weighted ? "weighted" : "unweighted"}, version ${version ?? "2.0 (default)"}`, () => {
        monoidLaws(cesKind, batchArb(1, max, weighted), {
          summarize: (b) => cesSummary(b.scores, { ...weightsOf(b), version }),
          concat,
          params: version,
          finishOptions: weighted ? { confidence: 0.99 } : undefined,
        });
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// NPS
// ---------------------------------------------------------------------------------------------

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
function closeNpsSummary(a: NpsSummary, b: NpsSummary, tol: number = TOL): void {
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

  test("npsSummary gives the same summary for every input kind and every accessor, short or long, with missing and invalid scores", () => {
    // Each input kind and each accessor has its own counting loop (and long inputs lend accessors
    // their own rows loops), so every kind and several accessors, long and short, are compared.
    type Row = { score: unknown; copy: unknown; list: unknown[]; nested: { score: unknown } };
    const accessors: ((r: Row, i: number) => unknown)[] = [
      (r) => r.score,
      (r) => r.copy,
      (r) => r.list[0],
      (r) => r.nested.score,
      (r, i) => (i >= 0 ? r.score : undefined),
      (r) => r["copy"],
    ];
    const bad = fc.constantFrom<number | null | undefined>(null, undefined, NaN, 11, -1, 4.5, Infinity, 255, -129, 65536);
    fc.assert(
      fc.property(npsScores(0), fc.array(bad, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (scores, extra, positions, long) => {
        const base = insertAt(scores, extra, positions);
        const mixed = long && base.length > 0 ? Array.from({ length: 1200 + (base.length % 7) }, (_, i) => base[i % base.length]) : base;
        const options = { invalid: "skip" } as const;
        const expected = npsSummary(Object.freeze(mixed.slice()), options);
        const arrayLike: ArrayLike<unknown> = Object.freeze(Object.assign({ length: mixed.length }, mixed));
        expect(npsSummary(arrayLike as ArrayLike<number>, options)).toEqual(expected);
        expect(npsSummary(mixed.values(), options)).toEqual(expected);
        const rows = Object.freeze(mixed.map((score) => Object.freeze({ score, copy: score, list: [score], nested: { score } })));
        for (const accessor of accessors) expect(npsSummary(rows, accessor as (r: Row, i: number) => number, options)).toEqual(expected);
        // Typed arrays hold numbers only: each against the same numbers as a plain array.
        const numbers = mixed.map((v) => (v === null || v === undefined ? 7 : v));
        for (const Kind of [Float64Array, Float32Array, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array]) {
          const typed = Kind.from(numbers);
          const want = npsSummary(Object.freeze(Array.from(typed)), options);
          expect(npsSummary(typed, options)).toEqual(want);
          // an unaligned view: the byte loop without its four-bytes-at-a-time part
          const shifted = new Kind(typed.length + 1);
          shifted.set(typed, 1);
          expect(npsSummary(shifted.subarray(1), options)).toEqual(want);
        }
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
        closeNpsSummary(mergeNpsSummaries(...parts), npsSummary(Object.freeze(values), { weights: Object.freeze(weights) }));
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
        closeNpsSummary(left, right);
        closeNpsSummary(mergeNpsSummaries(a, b, c), left);
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

// ---------------------------------------------------------------------------------------------
// CSAT and CES: shared comparisons

function closeNullable(a: number | null, b: number | null, tol: number, label: string): void {
  if (a === null || b === null) {
    if (a !== b) throw new Error(`${label}: expected ${a} to equal ${b}`);
    return;
  }
  close(a, b, tol, label);
}

function closeDistribution(a: readonly ScorePoint[], b: readonly ScorePoint[], tol: number): void {
  expect(a.map((p) => [p.score, p.count])).toEqual(b.map((p) => [p.score, p.count]));
  a.forEach((p, i) => close(p.share, b[i]!.share, tol, `distribution[${i}].share`));
}

function closeCsat(a: CsatResult, b: CsatResult, tol: number = TOL): void {
  for (const f of ["n", "satisfied", "satisfiedMin", "skipped", "invalid", "confidence"] as const) close(a[f], b[f], 0, f);
  for (const f of ["value", "se", "effectiveN", "mean"] as const) close(a[f], b[f], tol, f);
  closeNullable(a.sd, b.sd, tol, "sd");
  closeInterval(a.ci, b.ci, tol, "ci");
  closeInterval(a.meanCi, b.meanCi, tol, "meanCi");
  closeDistribution(a.distribution, b.distribution, tol);
  expect(a.scale).toEqual(b.scale);
}

function closeCes(a: CesResult, b: CesResult, tol: number = TOL): void {
  for (const f of ["n", "skipped", "invalid", "confidence"] as const) close(a[f], b[f], 0, f);
  for (const f of ["mean", "effectiveN", "agreeShare", "neutralShare", "disagreeShare", "net"] as const) close(a[f], b[f], tol, f);
  closeNullable(a.sd, b.sd, tol, "sd");
  closeNullable(a.se, b.se, tol, "se");
  closeInterval(a.ci, b.ci, tol, "ci");
  closeInterval(a.agreeCi, b.agreeCi, tol, "agreeCi");
  closeDistribution(a.distribution, b.distribution, tol);
  expect([a.version, a.direction, a.scale]).toEqual([b.version, b.direction, b.scale]);
}

/** Two distribution summaries agree: counts exactly, weighted sums within `tol`. */
function closeScoreSummary(a: CsatSummary | CesSummary, b: CsatSummary | CesSummary, tol: number = TOL): void {
  expect([a.kind, a.scale, a.counts]).toEqual([b.kind, b.scale, b.counts]);
  for (const f of ["n", "skipped", "invalid"] as const) close(a[f], b[f], 0, f);
  close(a.weightSquares, b.weightSquares, tol, "weightSquares");
  expect(a.weights.length).toBe(b.weights.length);
  a.weights.forEach((w, i) => close(w, b.weights[i]!, tol, `weights[${i}]`));
}

const freezeWeights = (w: readonly number[] | undefined) => (w === undefined ? undefined : Object.freeze(w.slice()));

// ---------------------------------------------------------------------------------------------
// CSAT

const csatScores = (minLength = 1) => scoresArb(1, 5, minLength);
const csatWeighted = (minLength = 1) => weightedArb(1, 5, minLength);
const satisfiedMinArb = fc.integer({ min: 2, max: 5 });
const csatMaybeWeighted = fc.tuple(csatWeighted(), fc.boolean()).map(([s, useWeights]) => ({
  values: s.values,
  weights: useWeights ? s.weights : undefined,
}));

function csatChunk(values: readonly number[], weights: readonly number[] | undefined): CsatSummary {
  return deepFreeze(csatSummary(Object.freeze(values.slice()), { weights: freezeWeights(weights) }));
}

describe("csat properties", () => {
  test("csat(values) lies in [0, 100] with its Wilson interval ordered within [0, 100], for every threshold and confidence", () => {
    fc.assert(
      fc.property(csatMaybeWeighted, satisfiedMinArb, confidenceArb, ({ values, weights }, satisfiedMin, confidence) => {
        const r = csat(Object.freeze(values), { weights: freezeWeights(weights), satisfiedMin, confidence });
        within(r.value, 0, 100, "value");
        intervalWithin(r.ci, 0, 100, "ci");
        expect(r.se).toBeGreaterThanOrEqual(0);
        intervalWithin(r.meanCi, 1, 5, "meanCi");
        expect(r.satisfied).toBe(values.filter((v) => v >= satisfiedMin).length);
        expect(r.n).toBe(values.length);
      }),
    );
  });

  test("csat(values).ci, Wilson's interval, contains value", () => {
    fc.assert(
      fc.property(csatMaybeWeighted, satisfiedMinArb, confidenceArb, ({ values, weights }, satisfiedMin, confidence) => {
        const r = csat(Object.freeze(values), { weights: freezeWeights(weights), satisfiedMin, confidence });
        within(r.value, r.ci[0], r.ci[1], "value in ci", TOL * 100);
      }),
    );
  });

  test("csat(values).mean lies within the scale and within meanCi", () => {
    fc.assert(
      fc.property(csatMaybeWeighted, confidenceArb, ({ values, weights }, confidence) => {
        const r = csat(Object.freeze(values), { weights: freezeWeights(weights), confidence });
        within(r.mean, 1, 5, "mean");
        within(r.mean, r.meanCi[0], r.meanCi[1], "mean in meanCi");
      }),
      // Pinned counterexample: the weighted mean of a lone 5 of weight 0.49 is
      // fl(fl(5 * 0.49) / 0.49) = 5.000000000000001, above the top of the scale.
      { examples: [[{ values: [5], weights: [0.49] }, 0.95]] },
    );
  });

  test("the distribution shares of csat(values) sum to 100 and its counts to n", () => {
    fc.assert(
      fc.property(csatMaybeWeighted, ({ values, weights }) => {
        const r = csat(Object.freeze(values), { weights: freezeWeights(weights) });
        close(r.distribution.reduce((s, p) => s + p.share, 0), 100, TOL, "sum of shares");
        expect(r.distribution.reduce((s, p) => s + p.count, 0)).toBe(r.n);
        expect(r.distribution.map((p) => p.score)).toEqual([1, 2, 3, 4, 5]);
      }),
    );
  });

  test("csat(values) does not depend on the order of values", () => {
    fc.assert(
      fc.property(withPermutation(csatScores(), (v) => v.length), satisfiedMinArb, ({ sample, order }, satisfiedMin) => {
        expect(csat(Object.freeze(permute(sample, order)), { satisfiedMin })).toEqual(csat(Object.freeze(sample), { satisfiedMin }));
      }),
    );
  });

  test("csat(values, { weights }) does not depend on the order of the (value, weight) pairs", () => {
    fc.assert(
      fc.property(withPermutation(csatWeighted(), (s) => s.values.length), satisfiedMinArb, ({ sample, order }, satisfiedMin) => {
        const a = csat(Object.freeze(sample.values), { weights: freezeWeights(sample.weights), satisfiedMin });
        const b = csat(Object.freeze(permute(sample.values, order)), { weights: freezeWeights(permute(sample.weights, order)), satisfiedMin });
        closeCsat(a, b);
      }),
    );
  });

  test("csat(values), csat(rows, accessor), typed arrays and csatFromSummary of merged chunk summaries all give the same result", () => {
    fc.assert(
      fc.property(csatScores(), cutsArb, satisfiedMinArb, confidenceArb, (values, cuts, satisfiedMin, confidence) => {
        const options = { satisfiedMin, confidence };
        const expected = csat(Object.freeze(values), options);
        const rows = Object.freeze(values.map((score) => Object.freeze({ score })));
        expect(csat(rows, (r) => r.score, options)).toEqual(expected);
        // Typed arrays with elements cannot be frozen (TypeError).
        expect(csat(Uint8Array.from(values), options)).toEqual(expected);
        expect(csat(Float64Array.from(values), options)).toEqual(expected);
        const merged = mergeCsatSummaries(...splitAt(values, cuts).map((c) => csatChunk(c, undefined)));
        expect(merged).toEqual(csatSummary(Object.freeze(values)));
        expect(csatFromSummary(deepFreeze(merged), options)).toEqual(expected);
      }),
    );
  });

  test("weighted csat agrees between weight arrays, weight functions on rows and merged chunk summaries", () => {
    fc.assert(
      fc.property(csatWeighted(), cutsArb, satisfiedMinArb, ({ values, weights }, cuts, satisfiedMin) => {
        const expected = csat(Object.freeze(values), { weights: freezeWeights(weights), satisfiedMin });
        const rows = Object.freeze(values.map((score, i) => Object.freeze({ score, w: weights[i]! })));
        expect(csat(rows, (r) => r.score, { weights: (r) => r.w, satisfiedMin })).toEqual(expected);
        const idx = splitAt(
          values.map((_, i) => i),
          cuts,
        );
        const merged = mergeCsatSummaries(...idx.map((ix) => csatChunk(permute(values, ix), permute(weights, ix))));
        closeScoreSummary(merged, csatSummary(Object.freeze(values), { weights: freezeWeights(weights) }));
        closeCsat(csatFromSummary(merged, { satisfiedMin }), expected);
      }),
    );
  });

  const summaryArb = fc
    .tuple(weightedArb(1, 5, 0, 60), fc.boolean())
    .map(([s, useWeights]) => csatChunk(s.values, useWeights ? s.weights : undefined));

  test("mergeCsatSummaries is associative", () => {
    fc.assert(
      fc.property(summaryArb, summaryArb, summaryArb, (a, b, c) => {
        const left = mergeCsatSummaries(mergeCsatSummaries(a, b), c);
        closeScoreSummary(left, mergeCsatSummaries(a, mergeCsatSummaries(b, c)));
        closeScoreSummary(mergeCsatSummaries(a, b, c), left);
      }),
    );
  });

  test("mergeCsatSummaries is commutative", () => {
    fc.assert(
      fc.property(summaryArb, summaryArb, (a, b) => {
        expect(mergeCsatSummaries(a, b)).toEqual(mergeCsatSummaries(b, a));
      }),
    );
  });

  test("csatSummary([]) is the identity of mergeCsatSummaries", () => {
    fc.assert(
      fc.property(summaryArb, (a) => {
        const empty = deepFreeze(csatSummary(Object.freeze([])));
        expect(mergeCsatSummaries(a, empty)).toEqual(a);
        expect(mergeCsatSummaries(empty, a)).toEqual(a);
        expect(mergeCsatSummaries(a)).toEqual(a);
      }),
    );
  });

  test("multiplying every weight by a constant leaves csat unchanged", () => {
    fc.assert(
      fc.property(csatWeighted(), factorArb, satisfiedMinArb, confidenceArb, ({ values, weights }, c, satisfiedMin, confidence) => {
        const v = Object.freeze(values);
        const a = csat(v, { weights: freezeWeights(weights), satisfiedMin, confidence });
        const b = csat(v, { weights: Object.freeze(weights.map((w) => w * c)), satisfiedMin, confidence });
        closeCsat(a, b);
      }),
      // Pinned counterexample: two 3s weighing 0.1 and 100 get mean 2.9999999999999996, an sd of
      // 1e-14 instead of 0 and, on effectiveN - 1 = 0.002 degrees of freedom, meanCi [1, 5]; the
      // same answers weighing 1 and 1000 get mean 3, sd 0 and meanCi [3, 3].
      { examples: [[{ values: [3, 3], weights: [0.1, 100] }, 10, 4, 0.95]] },
    );
  });

  test("equal weights give the unweighted csat", () => {
    fc.assert(
      fc.property(csatScores(), weightArb, satisfiedMinArb, (values, w, satisfiedMin) => {
        const v = Object.freeze(values);
        closeCsat(csat(v, { weights: Object.freeze(values.map(() => w)), satisfiedMin }), csat(v, { satisfiedMin }));
      }),
    );
  });

  test("a lower satisfiedMin never gives a lower csat value", () => {
    fc.assert(
      fc.property(csatMaybeWeighted, satisfiedMinArb, satisfiedMinArb, ({ values, weights }, s1, s2) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const v = Object.freeze(values);
        const w = freezeWeights(weights);
        const a = csat(v, { weights: w, satisfiedMin: lo });
        const b = csat(v, { weights: w, satisfiedMin: hi });
        if (!(a.value >= b.value)) throw new Error(`satisfiedMin ${lo} gave ${a.value} < ${b.value} (satisfiedMin ${hi})`);
        expect(a.satisfied).toBeGreaterThanOrEqual(b.satisfied);
      }),
    );
  });

  const csatSampleArb = fc.oneof(
    csatScores().map((v) => Object.freeze(v)),
    summaryArb.filter((s) => s.n > 0),
  );
  const csatMethodArb = fc.constantFrom<"newcombe" | "wald">("newcombe", "wald");

  test("compareCsat(a, b) is compareCsat(b, a) with the sign of the difference flipped", () => {
    fc.assert(
      fc.property(csatSampleArb, csatSampleArb, csatMethodArb, satisfiedMinArb, confidenceArb, (a, b, method, satisfiedMin, confidence) => {
        const options = { method, satisfiedMin, confidence };
        const ab = compareCsat(a, b, options);
        const ba = compareCsat(b, a, options);
        close(ab.difference, -ba.difference, 0, "difference");
        close(ab.z, -ba.z, 0, "z");
        close(ab.pValue, ba.pValue, 0, "pValue");
        close(ab.se, ba.se, 0, "se");
        closeInterval(ab.ci, [-ba.ci[1], -ba.ci[0]], TOL);
        within(ab.pValue, 0, 1, "pValue");
        intervalWithin(ab.ci, -100, 100);
      }),
    );
  });

  test("compareCsat(a, a) has difference 0 and pValue 1", () => {
    fc.assert(
      fc.property(csatSampleArb, csatMethodArb, satisfiedMinArb, (a, method, satisfiedMin) => {
        const r = compareCsat(a, a, { method, satisfiedMin });
        close(r.difference, 0, 0, "difference");
        close(r.pValue, 1, 0, "pValue");
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// CES

const scaleOf = (version: CesVersion) => (version === "2.0" ? { min: 1, max: 7 } : { min: 1, max: 5 });
const versionArb = fc.constantFrom<CesVersion>("2.0", "1.0");
/** A version and a (possibly weighted) sample on its scale. */
const cesSampleArb = (minLength = 1) =>
  versionArb.chain((version) =>
    fc.tuple(weightedArb(scaleOf(version).min, scaleOf(version).max, minLength), fc.boolean()).map(([s, useWeights]) => ({
      version,
      values: s.values,
      weights: useWeights ? s.weights : undefined,
    })),
  );

function cesChunk(version: CesVersion, values: readonly number[], weights: readonly number[] | undefined): CesSummary {
  return deepFreeze(cesSummary(Object.freeze(values.slice()), { version, weights: freezeWeights(weights) }));
}

describe("ces properties", () => {
  test("ces(values) has shares in [0, 100], net in [-100, 100] and ordered intervals within their ranges, for every version and confidence", () => {
    fc.assert(
      fc.property(cesSampleArb(), confidenceArb, ({ version, values, weights }, confidence) => {
        const r = ces(Object.freeze(values), { version, weights: freezeWeights(weights), confidence });
        const { min, max } = scaleOf(version);
        for (const f of ["agreeShare", "neutralShare", "disagreeShare"] as const) within(r[f], 0, 100, f);
        within(r.net, -100, 100, "net");
        intervalWithin(r.agreeCi, 0, 100, "agreeCi");
        intervalWithin(r.ci, min, max, "ci");
        expect(r.version).toBe(version);
        expect(r.scale).toEqual(scaleOf(version));
        expect(r.n).toBe(values.length);
      }),
    );
  });

  test("ces(values).mean lies within the scale and within ci", () => {
    fc.assert(
      fc.property(cesSampleArb(), confidenceArb, ({ version, values, weights }, confidence) => {
        const r = ces(Object.freeze(values), { version, weights: freezeWeights(weights), confidence });
        const { min, max } = scaleOf(version);
        within(r.mean, min, max, "mean");
        within(r.mean, r.ci[0], r.ci[1], "mean in ci");
      }),
      // Pinned counterexample: fl(fl(7 * 0.3) / 0.3) = 7.000000000000001, above the 1-7 scale.
      { examples: [[{ version: "2.0" as CesVersion, values: [7], weights: [0.3] }, 0.95]] },
    );
  });

  test("ces(values).net is agreeShare - disagreeShare and the three shares sum to 100", () => {
    fc.assert(
      fc.property(cesSampleArb(), ({ version, values, weights }) => {
        const r = ces(Object.freeze(values), { version, weights: freezeWeights(weights) });
        close(r.net, r.agreeShare - r.disagreeShare, TOL, "net");
        close(r.agreeShare + r.neutralShare + r.disagreeShare, 100, TOL, "sum of shares");
        close(r.distribution.reduce((s, p) => s + p.share, 0), 100, TOL, "sum of distribution shares");
        expect(r.distribution.reduce((s, p) => s + p.count, 0)).toBe(r.n);
      }),
    );
  });

  test("ces(values) does not depend on the order of values", () => {
    fc.assert(
      fc.property(
        withPermutation(cesSampleArb(), (s) => s.values.length),
        ({ sample: { version, values, weights }, order }) => {
          const a = ces(Object.freeze(values), { version, weights: freezeWeights(weights) });
          const b = ces(Object.freeze(permute(values, order)), { version, weights: weights && Object.freeze(permute(weights, order)) });
          if (weights === undefined) expect(b).toEqual(a);
          else closeCes(a, b);
        },
      ),
    );
  });

  test("ces(values), ces(rows, accessor), typed arrays and cesFromSummary of merged chunk summaries all give the same result", () => {
    fc.assert(
      fc.property(cesSampleArb(), cutsArb, confidenceArb, ({ version, values, weights }, cuts, confidence) => {
        const expected = ces(Object.freeze(values), { version, weights: freezeWeights(weights), confidence });
        const rows = Object.freeze(values.map((score, i) => Object.freeze({ score, w: weights?.[i] ?? 1 })));
        const viaRows = ces(rows, (r) => r.score, { version, confidence, weights: weights === undefined ? undefined : (r) => r.w });
        expect(viaRows).toEqual(expected);
        if (weights === undefined) {
          expect(ces(Uint8Array.from(values), { version, confidence })).toEqual(expected);
          expect(ces(Float64Array.from(values), { version, confidence })).toEqual(expected);
        }
        const idx = splitAt(
          values.map((_, i) => i),
          cuts,
        );
        const merged = mergeCesSummaries(...idx.map((ix) => cesChunk(version, permute(values, ix), weights && permute(weights, ix))));
        const whole = cesSummary(Object.freeze(values), { version, weights: freezeWeights(weights) });
        const fromMerged = cesFromSummary(deepFreeze(merged), { confidence });
        if (weights === undefined) {
          expect(merged).toEqual(whole);
          expect(fromMerged).toEqual(expected);
        } else {
          closeScoreSummary(merged, whole);
          closeCes(fromMerged, expected);
        }
      }),
    );
  });

  const summaryArb = versionArb.chain((version) =>
    fc
      .array(fc.tuple(weightedArb(scaleOf(version).min, scaleOf(version).max, 0, 60), fc.boolean()), { minLength: 3, maxLength: 3 })
      .map((xs) => xs.map(([s, useWeights]) => cesChunk(version, s.values, useWeights ? s.weights : undefined))),
  );

  test("mergeCesSummaries is associative", () => {
    fc.assert(
      fc.property(summaryArb, ([a, b, c]) => {
        const left = mergeCesSummaries(mergeCesSummaries(a!, b!), c!);
        closeScoreSummary(left, mergeCesSummaries(a!, mergeCesSummaries(b!, c!)));
        closeScoreSummary(mergeCesSummaries(a!, b!, c!), left);
      }),
    );
  });

  test("mergeCesSummaries is commutative", () => {
    fc.assert(
      fc.property(summaryArb, ([a, b]) => {
        expect(mergeCesSummaries(a!, b!)).toEqual(mergeCesSummaries(b!, a!));
      }),
    );
  });

  test("cesSummary([]) of the same version is the identity of mergeCesSummaries", () => {
    fc.assert(
      fc.property(summaryArb, ([a]) => {
        const version: CesVersion = a!.scale.max === 7 ? "2.0" : "1.0";
        const empty = deepFreeze(cesSummary(Object.freeze([]), { version }));
        expect(mergeCesSummaries(a!, empty)).toEqual(a);
        expect(mergeCesSummaries(empty, a!)).toEqual(a);
      }),
    );
  });

  test("multiplying every weight by a constant leaves ces unchanged", () => {
    fc.assert(
      fc.property(
        versionArb.chain((version) =>
          fc.record({ version: fc.constant(version), s: weightedArb(scaleOf(version).min, scaleOf(version).max) }),
        ),
        factorArb,
        confidenceArb,
        ({ version, s: { values, weights } }, c, confidence) => {
          const v = Object.freeze(values);
          const a = ces(v, { version, weights: freezeWeights(weights), confidence });
          const b = ces(v, { version, weights: Object.freeze(weights.map((w) => w * c)), confidence });
          closeCes(a, b);
        },
      ),
      // Pinned counterexample: as for csat, two 3s weighing 0.1 and 100 get ci [1, 7], and
      // weighing 1 and 1000 get ci [3, 3].
      { examples: [[{ version: "2.0" as CesVersion, s: { values: [3, 3], weights: [0.1, 100] } }, 10, 0.95]] },
    );
  });

  // Two groups of at least two answers each (Welch's test needs a variance per group).
  const cesGroupArb = (version: CesVersion) =>
    fc.oneof(
      scoresArb(scaleOf(version).min, scaleOf(version).max, 2).map((v) => Object.freeze(v)),
      weightedArb(scaleOf(version).min, scaleOf(version).max, 2).map((s) => cesChunk(version, s.values, s.weights)),
    );
  /** Whether a group (scores or a summary) has answers on more than one scale point. */
  const hasSpread = (g: unknown): boolean =>
    Array.isArray(g) ? new Set(g).size > 1 : (g as { counts: number[] }).counts.filter((c) => c > 0).length > 1;
  const cesPairArb = versionArb.chain((version) => fc.tuple(fc.constant(version), cesGroupArb(version), cesGroupArb(version)));

  test("compareCes(a, b) is compareCes(b, a) with the signs of difference and t flipped, and the same df and pValue", () => {
    fc.assert(
      fc.property(cesPairArb, confidenceArb, ([version, a, b], confidence) => {
        // Welch's test is undefined when neither group has any spread (INSUFFICIENT_DATA)
        fc.pre(hasSpread(a) || hasSpread(b));
        const ab = compareCes(a, b, { version, confidence });
        const ba = compareCes(b, a, { version, confidence });
        close(ab.difference, -ba.difference, 0, "difference");
        close(ab.t, -ba.t, 0, "t");
        close(ab.df, ba.df, 0, "df");
        close(ab.pValue, ba.pValue, 0, "pValue");
        close(ab.se, ba.se, 0, "se");
        closeInterval(ab.ci, [-ba.ci[1], -ba.ci[0]], TOL);
        within(ab.pValue, 0, 1, "pValue");
        expect(ab.ci[0]).toBeLessThanOrEqual(ab.ci[1]);
      }),
    );
  });

  test("compareCes refuses two groups without any spread with INSUFFICIENT_DATA", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 2, max: 20 }), (x, y, n) => {
        expect(() => compareCes(Array(n).fill(x), Array(n).fill(y))).toThrow(expect.objectContaining({ code: "INSUFFICIENT_DATA" }));
      }),
    );
  });

  test("compareCes(a, a) has difference 0, t 0 and pValue 1", () => {
    fc.assert(
      fc.property(cesPairArb, confidenceArb, ([version, a], confidence) => {
        fc.pre(hasSpread(a));
        const r = compareCes(a, a, { version, confidence });
        close(r.difference, 0, 0, "difference");
        close(r.t, 0, 0, "t");
        close(r.pValue, 1, 0, "pValue");
      }),
    );
  });
});
