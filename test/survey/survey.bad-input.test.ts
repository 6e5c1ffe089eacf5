// Bad input, missing values and the "no NaN" promise, for every public entry point.
//
// Every error row asserts: a CxMetricsError (instanceof), its exact `code`, its `index` (the
// offending value's index when one value is at fault, `undefined` otherwise, as documented on
// CxMetricsError), and a `message` that starts with the name of the function that was called,
// then ": ". Every input in this file is frozen (STYLE.md), so a function that mutates its input
// fails with a TypeError instead of a CxMetricsError.
import { describe, expect, test } from "vitest";
import {
  CxMetricsError,
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
  emptyCesSummary,
  emptyCsatSummary,
  emptyNpsSummary,
  mergeCesSummaries,
  mergeCsatSummaries,
  mergeNpsSummaries,
  normalCdf,
  normalQuantile,
  npsFromCounts,
  npsFromSummary,
  npsKind,
  npsSampleSize,
  npsSummary,
  nps,
  studentTCdf,
  studentTQuantile,
} from "../../src/index";
import { type Bad, bad, badInput, deepFreeze, expectCxError, L, labels, noNaN, show, thrown, valid } from "../helpers/tables";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const F = deepFreeze;

const byScore = (r: { score?: unknown }) => r.score as number;
labels.set(byScore, "(r) => r.score");
const byWeight = (r: { w: unknown }) => r.w as number;
labels.set(byWeight, "(r) => r.w");

const CONFIDENCES: unknown[] = [0, 1, -0.1, 1.5, Number.NaN, "0.95", Number.POSITIVE_INFINITY, null];
const NOT_ARRAYS: unknown[] = [42, null, undefined, "9", true, { length: "2" }];
const BAD_OPTIONS: unknown[] = [null, 42, "0.95"];

interface ScaleSpec {
  /** Lowest and highest valid score. */
  min: number;
  max: number;
  /** A valid score. */
  ok: number;
  /** Options every call needs (e.g. `{ version: "1.0" }`). */
  base?: Record<string, unknown>;
  /** Whether the function finishes into a result (then empty input and zero weights throw). */
  finishes: boolean;
}

/**
 * The rows shared by every function that reads a list of scores (`f(values, options?)` and
 * `f(rows, accessor, options?)`).
 */
function scoreListRows(fn: string, s: ScaleSpec): Bad[] {
  const o = (extra: Record<string, unknown> = {}) => ({ ...s.base, ...extra });
  const withBase = (values: unknown, extra?: Record<string, unknown>) => (s.base === undefined && extra === undefined ? [values] : [values, o(extra)]);
  const { ok, min, max } = s;
  const rows: Bad[] = [
    // Values that are not scores, with the index of the first one.
    bad(fn, withBase([ok, ok, Number.NaN]), "NON_FINITE", 2),
    bad(fn, withBase([ok, Number.POSITIVE_INFINITY]), "NON_FINITE", 1),
    bad(fn, withBase([Number.NEGATIVE_INFINITY, ok]), "NON_FINITE", 0),
    bad(fn, withBase([ok, ok, max + 1]), "OUT_OF_RANGE", 2),
    bad(fn, withBase([min - 1]), "OUT_OF_RANGE", 0),
    bad(fn, withBase([ok, 1e9]), "OUT_OF_RANGE", 1),
    bad(fn, withBase([ok, min + 0.5]), "NOT_INTEGER", 1),
    bad(fn, withBase([ok, String(ok)]), "INVALID_SCORE", 1),
    bad(fn, withBase([true]), "INVALID_SCORE", 0),
    bad(fn, withBase([ok, false]), "INVALID_SCORE", 1),
    bad(fn, withBase([ok, {}]), "INVALID_SCORE", 1),
    bad(fn, withBase([ok, ok, [ok]]), "INVALID_SCORE", 2),
    // an exact bigint is its number (DuckDB's BIGINT); off the scale it is OUT_OF_RANGE, never a TypeError
    bad(fn, withBase([ok, null, BigInt(max + 1)]), "OUT_OF_RANGE", 2),
    bad(fn, withBase([ok, 2n ** 70n]), "OUT_OF_RANGE", 1),
    // The first bad value wins, after missing ones.
    bad(fn, withBase([null, undefined, ok, max + 1, Number.NaN]), "OUT_OF_RANGE", 3),
    // Typed arrays (NPS has a fast path for them).
    bad(fn, withBase(Float64Array.of(ok, ok, Number.NaN)), "NON_FINITE", 2),
    bad(fn, withBase(Int32Array.of(ok, max + 1)), "OUT_OF_RANGE", 1),
    bad(fn, withBase(Float32Array.of(ok, min + 0.5)), "NOT_INTEGER", 1),
    // Accessor form: the index is the row's.
    bad(fn, [[{ score: ok }, { score: ok }, { score: max + 1 }], byScore, ...(s.base ? [o()] : [])], "OUT_OF_RANGE", 2),
    bad(fn, [[{ score: ok }, { score: Number.NaN }], byScore, ...(s.base ? [o()] : [])], "NON_FINITE", 1),
    bad(fn, [[{ score: String(ok) }], byScore, ...(s.base ? [o()] : [])], "INVALID_SCORE", 0),
    bad(fn, [[{ score: null }, { score: min + 0.5 }], byScore, ...(s.base ? [o()] : [])], "NOT_INTEGER", 1),
    // Weights.
    bad(fn, [[ok, ok], o({ weights: [1] })], "LENGTH_MISMATCH"),
    bad(fn, [[ok, ok], o({ weights: [1, 1, 1] })], "LENGTH_MISMATCH"),
    bad(fn, [[ok, ok], o({ weights: [1, -1] })], "INVALID_WEIGHT", 1),
    bad(fn, [[ok, ok], o({ weights: [Number.NaN, 1] })], "INVALID_WEIGHT", 0),
    bad(fn, [[ok, ok], o({ weights: [1, Number.POSITIVE_INFINITY] })], "INVALID_WEIGHT", 1),
    bad(fn, [[ok, ok], o({ weights: [1, "2"] })], "INVALID_WEIGHT", 1),
    bad(fn, [[{ score: ok, w: 1 }, { score: ok, w: -2 }], byScore, o({ weights: byWeight })], "INVALID_WEIGHT", 1),
    bad(fn, [[ok], o({ weights: byWeight })], "INVALID_OPTION"),
    bad(fn, [[ok], o({ weights: 3 })], "INVALID_OPTION"),
    // Options.
    bad(fn, [[ok], o({ invalid: "ignore" })], "INVALID_OPTION"),
    ...BAD_OPTIONS.map((opt) => bad(fn, [[ok], opt], "INVALID_OPTION")),
    bad(fn, [[{ score: ok }], byScore, 42], "INVALID_OPTION"),
    // Input that is not an array.
    ...NOT_ARRAYS.map((input) => bad(fn, withBase(input), "INVALID_INPUT")),
    bad(fn, [42, byScore], "INVALID_INPUT"),
  ];
  if (s.finishes) {
    rows.push(
      bad(fn, [[ok, ok], o({ weights: [0, 0] })], "ZERO_TOTAL_WEIGHT"),
      bad(fn, [[ok, null, ok], o({ weights: [0, 1, 0] })], "ZERO_TOTAL_WEIGHT"),
      bad(fn, withBase([]), "EMPTY_INPUT"),
      bad(fn, withBase([null]), "EMPTY_INPUT"),
      bad(fn, withBase([null, undefined, null]), "EMPTY_INPUT"),
      bad(fn, [[{ score: null }, {}], byScore, ...(s.base ? [o()] : [])], "EMPTY_INPUT"),
      bad(fn, [[max + 1, Number.NaN, "x"], o({ invalid: "skip" })], "EMPTY_INPUT"),
      ...CONFIDENCES.map((confidence) => bad(fn, [[ok], o({ confidence })], "INVALID_OPTION")),
      bad(fn, [[{ score: ok }], byScore, o({ confidence: 1 })], "INVALID_OPTION"),
    );
  }
  return rows;
}

// Summaries used by the rows below (frozen; labelled for the titles).
const npsS = L("npsSummary([10, 9, 7, 3])", npsSummary([10, 9, 7, 3]));
const csatS = L("csatSummary([5, 4, 2])", csatSummary([5, 4, 2]));
const cesS = L("cesSummary([7, 5, 2])", cesSummary([7, 5, 2]));
const ces1S = L('cesSummary([1, 4], { version: "1.0" })', cesSummary([1, 4], { version: "1.0" }));
const npsWith = (label: string, patch: Record<string, unknown>) => L(`{ ...npsSummary([10, 9, 7, 3]), ${label} }`, { ...npsSummary([10, 9, 7, 3]), ...patch });
const csatWith = (label: string, patch: Record<string, unknown>) => L(`{ ...csatSummary([5, 4, 2]), ${label} }`, { ...csatSummary([5, 4, 2]), ...patch });
const cesWith = (label: string, patch: Record<string, unknown>) => L(`{ ...cesSummary([7, 5, 2]), ${label} }`, { ...cesSummary([7, 5, 2]), ...patch });

/** An object without valueOf or toString: comparing it or putting it in a template literal throws a TypeError. */
const NO_VALUE_OF = L("Object.create(null)", Object.create(null) as object);
const OTHER_NPS_SCALE = { min: 1, max: 5, passiveMin: 3, promoterMin: 5 };
const FAR_NPS_SCALE = { min: 1e15, max: 1e15 + 10, passiveMin: 1e15 + 7, promoterMin: 1e15 + 9 };

const MALFORMED_NPS: unknown[] = [
  csatS,
  null,
  npsWith("promoters: -1", { promoters: -1, n: 2 }),
  npsWith("passives: 1.5", { passives: 1.5, n: 4.5 }),
  npsWith("n: 5", { n: 5 }),
  npsWith("promoterWeight: NaN", { promoterWeight: Number.NaN }),
  npsWith("weightSquares: Infinity", { weightSquares: Number.POSITIVE_INFINITY }),
  npsWith("skipped: -1", { skipped: -1 }),
  npsWith('detractors: "1"', { detractors: "1" }),
  npsWith("scale: { min: 0, max: 10, passiveMin: 11, promoterMin: 9 }", { scale: { min: 0, max: 10, passiveMin: 11, promoterMin: 9 } }),
  L('{ kind: "nps" }', { kind: "nps" }),
];
const MALFORMED_CSAT: unknown[] = [
  npsS,
  cesS,
  csatWith("counts: [1]", { counts: [1] }),
  csatWith("counts: [0, 1, 0, -1, 2]", { counts: [0, 1, 0, -1, 2], n: 2 }),
  csatWith("counts: [0, 1.5, 0, 1, 1]", { counts: [0, 1.5, 0, 1, 1], n: 3.5 }),
  csatWith("weights: [0, 1, 0, NaN, 1]", { weights: [0, 1, 0, Number.NaN, 1] }),
  csatWith("n: 4", { n: 4 }),
  csatWith("scale: { min: 5, max: 1 }", { scale: { min: 5, max: 1 } }),
  csatWith("invalid: -1", { invalid: -1 }),
  L('{ kind: "csat" }', { kind: "csat" }),
];
const MALFORMED_CES: unknown[] = [
  csatS,
  cesWith("scale: { min: 1, max: 6 }", { scale: { min: 1, max: 6 }, counts: [0, 1, 0, 0, 1, 1], weights: [0, 1, 0, 0, 1, 1] }),
  cesWith("counts: [1, 1]", { counts: [1, 1] }),
  cesWith("counts with -1", { counts: [0, 1, 0, 0, 1, -1, 2], n: 3 }),
  cesWith("n: 2", { n: 2 }),
  cesWith("weightSquares: -1", { weightSquares: -1 }),
];

// ---------------------------------------------------------------------------------------------
// Error tables, one per entry point
// ---------------------------------------------------------------------------------------------

describe("nps", () => {
  badInput(nps, [
    ...scoreListRows("nps", { min: 0, max: 10, ok: 9, finishes: true }),
    bad("nps", [[10, 9, 11]], "OUT_OF_RANGE", 2), // the CxMetricsError doc example
    bad("nps", [[10, 9, -1]], "OUT_OF_RANGE", 2),
    bad("nps", [Uint8Array.of(9, 10, 11)], "OUT_OF_RANGE", 2),
    bad("nps", [[9, 0], { method: "exact" }], "INVALID_OPTION"),
    bad("nps", [[9, 0], { method: "Wald" }], "INVALID_OPTION"),
    bad("nps", [[9, 0], { scale: { min: 0, max: 10, passiveMin: 9, promoterMin: 7 } }], "INVALID_OPTION"),
    bad("nps", [[9, 0], { scale: { min: 0, max: 10, passiveMin: 6.5, promoterMin: 9 } }], "INVALID_OPTION"),
    bad("nps", [[5, 6], { scale: OTHER_NPS_SCALE }], "OUT_OF_RANGE", 1),
    // a scale far from 0: -1530494976 - 1e15 is 0 modulo 2^32, which once let it through as a detractor
    bad("nps", [[-1530494976], { scale: FAR_NPS_SCALE }], "OUT_OF_RANGE", 0),
    bad("nps", [Float64Array.of(1e15 + 3, -1530494976), { scale: FAR_NPS_SCALE }], "OUT_OF_RANGE", 1),
    bad("nps", [Int32Array.of(-1530494976), { scale: FAR_NPS_SCALE }], "OUT_OF_RANGE", 0),
    bad("nps", [[{ s: -1530494976 }], (r: { s: number }) => r.s, { scale: FAR_NPS_SCALE }], "OUT_OF_RANGE", 0),
  ]);
});

describe("npsSummary", () => {
  badInput(npsSummary, [
    ...scoreListRows("npsSummary", { min: 0, max: 10, ok: 9, finishes: false }),
    bad("npsSummary", [[9, 0], { scale: { min: 0, max: 10 } }], "INVALID_OPTION"),
  ]);
});

describe("npsFromCounts", () => {
  const c = (patch: Record<string, unknown>) => ({ promoters: 3, passives: 2, detractors: 1, ...patch });
  badInput(npsFromCounts, [
    bad("npsFromCounts", [c({ promoters: Number.NaN })], "NON_FINITE"),
    bad("npsFromCounts", [c({ passives: Number.POSITIVE_INFINITY })], "NON_FINITE"),
    bad("npsFromCounts", [c({ detractors: Number.NEGATIVE_INFINITY })], "NON_FINITE"),
    bad("npsFromCounts", [c({ promoters: -1 })], "OUT_OF_RANGE"),
    bad("npsFromCounts", [c({ detractors: 4.5 })], "NOT_INTEGER"),
    bad("npsFromCounts", [c({ promoters: "9" })], "INVALID_SCORE"),
    bad("npsFromCounts", [c({ passives: true })], "INVALID_SCORE"),
    bad("npsFromCounts", [c({ passives: {} })], "INVALID_SCORE"),
    bad("npsFromCounts", [c({ detractors: null })], "INVALID_SCORE"),
    bad("npsFromCounts", [{ promoters: 1, passives: 1 }], "INVALID_SCORE"),
    bad("npsFromCounts", [c({ promoters: 0, passives: 0, detractors: 0 })], "EMPTY_INPUT"),
    bad("npsFromCounts", [42], "INVALID_INPUT"),
    bad("npsFromCounts", [null], "INVALID_INPUT"),
    bad("npsFromCounts", [undefined], "INVALID_INPUT"),
    bad("npsFromCounts", ["3,2,1"], "INVALID_INPUT"),
    ...CONFIDENCES.map((confidence) => bad("npsFromCounts", [c({}), { confidence }], "INVALID_OPTION")),
    bad("npsFromCounts", [c({}), { method: "exact" }], "INVALID_OPTION"),
  ]);
});

describe("npsFromSummary", () => {
  badInput(npsFromSummary, [
    ...MALFORMED_NPS.map((s) => bad("npsFromSummary", [s], "INVALID_SUMMARY")),
    bad("npsFromSummary", [42], "INVALID_SUMMARY"),
    bad("npsFromSummary", [undefined], "INVALID_SUMMARY"),
    bad("npsFromSummary", [L("npsSummary([])", npsSummary([]))], "EMPTY_INPUT"),
    bad("npsFromSummary", [L("npsSummary([null, null])", npsSummary([null, null]))], "EMPTY_INPUT"),
    bad("npsFromSummary", [L("npsSummary([9, 0], { weights: [0, 0] })", npsSummary([9, 0], { weights: [0, 0] }))], "ZERO_TOTAL_WEIGHT"),
    ...CONFIDENCES.map((confidence) => bad("npsFromSummary", [npsS, { confidence }], "INVALID_OPTION")),
    bad("npsFromSummary", [npsS, { method: "exact" }], "INVALID_OPTION"),
    // Positive weights with a zero sum of squares cannot come from any data (Σw² > 0 when Σw > 0).
    bad("npsFromSummary", [npsWith("weightSquares: 0", { weightSquares: 0 })], "INVALID_SUMMARY"),
  ]);
});

describe("mergeNpsSummaries", () => {
  badInput(mergeNpsSummaries, [
    bad("mergeNpsSummaries", [], "EMPTY_INPUT"),
    bad("mergeNpsSummaries", [npsS, L("npsSummary([3], { scale: 1..5 })", npsSummary([3], { scale: OTHER_NPS_SCALE }))], "INVALID_SUMMARY", 1),
    bad("mergeNpsSummaries", [npsS, npsS, L("emptyNpsSummary(1..5)", npsSummary([], { scale: OTHER_NPS_SCALE }))], "INVALID_SUMMARY", 2),
    // One malformed summary is one value at fault: its position is the index.
    bad("mergeNpsSummaries", [npsS, csatS], "INVALID_SUMMARY", 1),
    bad("mergeNpsSummaries", [npsWith("promoters: -1", { promoters: -1, n: 2 }), npsS], "INVALID_SUMMARY", 0),
    bad("mergeNpsSummaries", [npsS, npsWith("n: 5", { n: 5 })], "INVALID_SUMMARY", 1),
    bad("mergeNpsSummaries", [npsS, null], "INVALID_SUMMARY", 1),
    // each summary is checked before its scale is read (an object without valueOf as a bound)
    bad("mergeNpsSummaries", [npsS, npsWith("scale: { min: Object.create(null), … }", { scale: { min: NO_VALUE_OF, max: 10, passiveMin: 7, promoterMin: 9 } })], "INVALID_SUMMARY", 1),
  ]);

  test("mergeNpsSummaries reads a summary without a scale as the default 0–10 scale", () => {
    const { scale, ...noScale } = npsSummary([10]);
    void scale;
    const merged = mergeNpsSummaries(npsSummary([0]), F(noScale) as never);
    expect([merged.n, merged.promoters, merged.detractors]).toEqual([2, 1, 1]);
    expect(merged.scale).toEqual({ min: 0, max: 10, passiveMin: 7, promoterMin: 9 });
  });

  test("mergeNpsSummaries builds its result from the known fields only (an extra field of the first summary is dropped)", () => {
    const merged = mergeNpsSummaries(F({ ...npsSummary([10]), extra: Number.POSITIVE_INFINITY, scale: { ...npsSummary([10]).scale, extra: Number.NaN } }) as never, npsSummary([0]));
    expect(Object.keys(merged).sort()).toEqual(Object.keys(npsSummary([0])).sort());
    expect(merged.scale).toEqual({ min: 0, max: 10, passiveMin: 7, promoterMin: 9 });
    expect(merged.n).toBe(2);
  });
});

describe("emptyNpsSummary", () => {
  badInput(emptyNpsSummary, [
    bad("emptyNpsSummary", [{ min: 0, max: 10, passiveMin: 11, promoterMin: 9 }], "INVALID_OPTION"),
    bad("emptyNpsSummary", [{ min: 0, max: 10 }], "INVALID_OPTION"),
    bad("emptyNpsSummary", [{ min: 0.5, max: 10, passiveMin: 7, promoterMin: 9 }], "INVALID_OPTION"),
    bad("emptyNpsSummary", [{ min: NO_VALUE_OF, max: 10, passiveMin: 7, promoterMin: 9 }], "INVALID_OPTION"),
    bad("emptyNpsSummary", [null], "INVALID_OPTION"),
    bad("emptyNpsSummary", [10], "INVALID_OPTION"),
  ]);
});

describe("npsKind", () => {
  const check = (s: unknown, index?: number) => npsKind.check(s, index);
  badInput(check, [
    ...MALFORMED_NPS.map((s) => bad("npsKind.check", [s], "INVALID_SUMMARY")),
    bad("npsKind.check", [csatS, 3], "INVALID_SUMMARY", 3),
  ]);
  badInput(npsKind.empty, [bad("emptyNpsSummary", [{ min: 0, max: 10 }], "INVALID_OPTION")]);
  badInput(npsKind.finish, [
    bad("npsFromSummary", [L("npsKind.empty()", npsKind.empty())], "EMPTY_INPUT"),
    bad("npsFromSummary", [L("npsKind.empty(1..5)", npsKind.empty(OTHER_NPS_SCALE))], "EMPTY_INPUT"),
    bad("npsFromSummary", [npsS, { method: "exact" }], "INVALID_OPTION"),
  ]);
  badInput(npsKind.merge, [bad("mergeNpsSummaries", [npsS, L("npsKind.empty(1..5)", npsKind.empty(OTHER_NPS_SCALE))], "INVALID_SUMMARY", 1)]);
});

describe("compareNps", () => {
  const counts = { promoters: 3, passives: 2, detractors: 1 };
  badInput(compareNps, [
    // Scores in either group: the index is the position inside that group.
    bad("compareNps", [[9, 11], [9]], "OUT_OF_RANGE", 1),
    bad("compareNps", [[9], [9, 0, Number.NaN]], "NON_FINITE", 2),
    bad("compareNps", [[9], ["9"]], "INVALID_SCORE", 0),
    bad("compareNps", [[4.5], [9]], "NOT_INTEGER", 0),
    bad("compareNps", [[], [9]], "EMPTY_INPUT"),
    bad("compareNps", [[9], [null, undefined]], "EMPTY_INPUT"),
    bad("compareNps", [{ ...counts, promoters: Number.NaN }, [9]], "NON_FINITE"),
    bad("compareNps", [counts, { ...counts, detractors: -1 }], "OUT_OF_RANGE"),
    bad("compareNps", [{ promoters: 0, passives: 0, detractors: 0 }, counts], "EMPTY_INPUT"),
    bad("compareNps", [42, [9]], "INVALID_INPUT"),
    bad("compareNps", [[9], null], "INVALID_INPUT"),
    bad("compareNps", [undefined, [9]], "INVALID_INPUT"),
    bad("compareNps", [csatS, npsS], "INVALID_SUMMARY"),
    bad("compareNps", [npsS, npsWith("n: 5", { n: 5 })], "INVALID_SUMMARY"),
    bad("compareNps", [L("npsSummary([9, 0], { weights: [0, 0] })", npsSummary([9, 0], { weights: [0, 0] })), npsS], "ZERO_TOTAL_WEIGHT"),
    ...CONFIDENCES.map((confidence) => bad("compareNps", [[9], [0], { confidence }], "INVALID_OPTION")),
    bad("compareNps", [[9], [0], { method: "exact" }], "INVALID_OPTION"),
    bad("compareNps", [[9], [0], { scale: { min: 0, max: 10 } }], "INVALID_OPTION"),
  ]);
});

describe("npsSampleSize", () => {
  // npsSampleSize reads one options object; its documented code for every bad field is INVALID_OPTION.
  badInput(npsSampleSize, [
    ...[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -1, 101, "5", null, undefined].map((marginOfError) =>
      bad("npsSampleSize", [{ marginOfError }], "INVALID_OPTION"),
    ),
    bad("npsSampleSize", [{}], "INVALID_OPTION"),
    ...[0, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "0.5", null].map((variance) =>
      bad("npsSampleSize", [{ marginOfError: 5, variance }], "INVALID_OPTION"),
    ),
    ...CONFIDENCES.map((confidence) => bad("npsSampleSize", [{ marginOfError: 5, confidence }], "INVALID_OPTION")),
    bad("npsSampleSize", [null], "INVALID_OPTION"),
    bad("npsSampleSize", [42], "INVALID_OPTION"),
    bad("npsSampleSize", [undefined], "INVALID_OPTION"),
    // a margin so small that n would pass 2^53 - 1 (n = z²·v/(m/100)² overflows to Infinity at 5e-324)
    bad("npsSampleSize", [{ marginOfError: 5e-324 }], "OUT_OF_RANGE"),
    bad("npsSampleSize", [{ marginOfError: 1e-6 }], "OUT_OF_RANGE"),
  ]);

  test("npsSampleSize({ marginOfError: 1e-5 }) is still a safe integer (z² / 1e-14 = 3.84e14)", () => {
    const { n } = npsSampleSize({ marginOfError: 1e-5 });
    expect(Number.isSafeInteger(n)).toBe(true);
    // 1.959963984540054² · 1e14, from scipy.stats.norm.ppf(0.975)
    expect(n / 3.841458820694124e14).toBeCloseTo(1, 9);
  });
});

describe("csat", () => {
  badInput(csat, [
    ...scoreListRows("csat", { min: 1, max: 5, ok: 5, finishes: true }),
    bad("csat", [[5, 4, 6]], "OUT_OF_RANGE", 2),
    bad("csat", [[0, 5]], "OUT_OF_RANGE", 0),
    bad("csat", [[7, 8], { scale: { min: 1, max: 7 } }], "OUT_OF_RANGE", 1),
    bad("csat", [[5], { scale: { min: 5, max: 1 } }], "INVALID_OPTION"),
    bad("csat", [[5], { scale: { min: 1, max: 4.5 } }], "INVALID_OPTION"),
    bad("csat", [[5], { satisfiedMin: 6 }], "INVALID_OPTION"),
    bad("csat", [[5], { satisfiedMin: 1 }], "INVALID_OPTION"),
    bad("csat", [[5], { satisfiedMin: 4.5 }], "INVALID_OPTION"),
    bad("csat", [[5], { satisfiedMin: "4" }], "INVALID_OPTION"),
  ]);
});

describe("csatSummary", () => {
  badInput(csatSummary, [
    ...scoreListRows("csatSummary", { min: 1, max: 5, ok: 5, finishes: false }),
    bad("csatSummary", [[5], { scale: { min: 5, max: 1 } }], "INVALID_OPTION"),
  ]);
});

describe("csatFromSummary", () => {
  badInput(csatFromSummary, [
    ...MALFORMED_CSAT.map((s) => bad("csatFromSummary", [s], "INVALID_SUMMARY")),
    bad("csatFromSummary", [null], "INVALID_SUMMARY"),
    bad("csatFromSummary", [42], "INVALID_SUMMARY"),
    bad("csatFromSummary", [L("csatSummary([])", csatSummary([]))], "EMPTY_INPUT"),
    bad("csatFromSummary", [L("csatSummary([null])", csatSummary([null]))], "EMPTY_INPUT"),
    bad("csatFromSummary", [L("csatSummary([5, 1], { weights: [0, 0] })", csatSummary([5, 1], { weights: [0, 0] }))], "ZERO_TOTAL_WEIGHT"),
    ...CONFIDENCES.map((confidence) => bad("csatFromSummary", [csatS, { confidence }], "INVALID_OPTION")),
    bad("csatFromSummary", [csatS, { satisfiedMin: 6 }], "INVALID_OPTION"),
    bad("csatFromSummary", [csatWith("weightSquares: 0", { weightSquares: 0 })], "INVALID_SUMMARY"),
    bad("csatFromSummary", [csatWith("scale: { min: Object.create(null), max: 5 }", { scale: { min: NO_VALUE_OF, max: 5 } })], "INVALID_SUMMARY"),
  ]);

  test("csatFromSummary copies only the scale's min and max into the result (an extra NaN field is dropped)", () => {
    const r = csatFromSummary(F({ ...csatSummary([5, 4]), scale: { min: 1, max: 5, extra: Number.NaN } }) as never);
    expect(r.scale).toEqual({ min: 1, max: 5 });
  });
});

describe("mergeCsatSummaries", () => {
  badInput(mergeCsatSummaries, [
    bad("mergeCsatSummaries", [], "EMPTY_INPUT"),
    bad("mergeCsatSummaries", [csatS, L("csatSummary([7], { scale: 1..7 })", csatSummary([7], { scale: { min: 1, max: 7 } }))], "INVALID_SUMMARY", 1),
    bad("mergeCsatSummaries", [csatS, npsS], "INVALID_SUMMARY", 1),
    bad("mergeCsatSummaries", [csatS, cesS], "INVALID_SUMMARY", 1),
    bad("mergeCsatSummaries", [csatWith("n: 4", { n: 4 }), csatS], "INVALID_SUMMARY", 0),
    bad("mergeCsatSummaries", [csatS, csatWith("counts: [0, 1, 0, -1, 2]", { counts: [0, 1, 0, -1, 2], n: 2 })], "INVALID_SUMMARY", 1),
  ]);
});

describe("emptyCsatSummary", () => {
  badInput(emptyCsatSummary, [
    bad("emptyCsatSummary", [{ min: 5, max: 1 }], "INVALID_OPTION"),
    bad("emptyCsatSummary", [{ min: 1, max: 1 }], "INVALID_OPTION"),
    bad("emptyCsatSummary", [{ min: 1.5, max: 5 }], "INVALID_OPTION"),
    bad("emptyCsatSummary", [{ min: 0, max: 1001 }], "INVALID_OPTION"),
    bad("emptyCsatSummary", [{ min: NO_VALUE_OF, max: 5 }], "INVALID_OPTION"),
    bad("emptyCsatSummary", [{ min: 1 }], "INVALID_OPTION"),
    bad("emptyCsatSummary", [null], "INVALID_OPTION"),
    bad("emptyCsatSummary", ["1-5"], "INVALID_OPTION"),
  ]);
});

describe("csatKind", () => {
  const check = (s: unknown, index?: number) => csatKind.check(s, index);
  badInput(check, [
    ...MALFORMED_CSAT.map((s) => bad("csatKind.check", [s], "INVALID_SUMMARY")),
    bad("csatKind.check", [npsS, 2], "INVALID_SUMMARY", 2),
  ]);
  badInput(csatKind.empty, [bad("emptyCsatSummary", [{ min: 5, max: 1 }], "INVALID_OPTION")]);
  badInput(csatKind.finish, [
    bad("csatFromSummary", [L("csatKind.empty()", csatKind.empty())], "EMPTY_INPUT"),
    bad("csatFromSummary", [L("csatKind.empty(0..1)", csatKind.empty({ min: 0, max: 1 }))], "EMPTY_INPUT"),
    bad("csatFromSummary", [csatS, { satisfiedMin: 6 }], "INVALID_OPTION"),
  ]);
  badInput(csatKind.merge, [bad("mergeCsatSummaries", [csatS, L("csatKind.empty(1..7)", csatKind.empty({ min: 1, max: 7 }))], "INVALID_SUMMARY", 1)]);
});

describe("compareCsat", () => {
  badInput(compareCsat, [
    bad("compareCsat", [[5, 6], [5]], "OUT_OF_RANGE", 1),
    bad("compareCsat", [[5], [5, Number.NaN]], "NON_FINITE", 1),
    bad("compareCsat", [[4.5], [5]], "NOT_INTEGER", 0),
    bad("compareCsat", [[5], [true]], "INVALID_SCORE", 0),
    bad("compareCsat", [[], [5]], "EMPTY_INPUT"),
    bad("compareCsat", [[5], [null]], "EMPTY_INPUT"),
    bad("compareCsat", [42, [5]], "INVALID_INPUT"),
    bad("compareCsat", [[5], null], "INVALID_INPUT"),
    bad("compareCsat", [csatS, L("csatSummary([7], { scale: 1..7 })", csatSummary([7], { scale: { min: 1, max: 7 } }))], "INVALID_SUMMARY"),
    bad("compareCsat", [npsS, csatS], "INVALID_SUMMARY"),
    bad("compareCsat", [csatS, csatWith("n: 4", { n: 4 })], "INVALID_SUMMARY"),
    bad("compareCsat", [L("csatSummary([5, 1], { weights: [0, 0] })", csatSummary([5, 1], { weights: [0, 0] })), csatS], "ZERO_TOTAL_WEIGHT"),
    ...CONFIDENCES.map((confidence) => bad("compareCsat", [[5], [4], { confidence }], "INVALID_OPTION")),
    bad("compareCsat", [[5], [4], { method: "exact" }], "INVALID_OPTION"),
    bad("compareCsat", [[5], [4], { satisfiedMin: 6 }], "INVALID_OPTION"),
    bad("compareCsat", [[5], [4], { scale: { min: 5, max: 1 } }], "INVALID_OPTION"),
  ]);
});

describe("ces", () => {
  badInput(ces, [
    ...scoreListRows("ces", { min: 1, max: 7, ok: 5, finishes: true }),
    ...scoreListRows("ces", { min: 1, max: 5, ok: 2, base: { version: "1.0" }, finishes: true }),
    bad("ces", [[7, 8]], "OUT_OF_RANGE", 1),
    bad("ces", [[0]], "OUT_OF_RANGE", 0),
    bad("ces", [[5, 6], { version: "1.0" }], "OUT_OF_RANGE", 1),
    bad("ces", [[5], { version: "3.0" }], "INVALID_OPTION"),
    bad("ces", [[5], { version: 2 }], "INVALID_OPTION"),
    bad("ces", [[5], { version: "2" }], "INVALID_OPTION"),
  ]);
});

describe("cesSummary", () => {
  badInput(cesSummary, [
    ...scoreListRows("cesSummary", { min: 1, max: 7, ok: 5, finishes: false }),
    ...scoreListRows("cesSummary", { min: 1, max: 5, ok: 2, base: { version: "1.0" }, finishes: false }),
    bad("cesSummary", [[5], { version: "3.0" }], "INVALID_OPTION"),
  ]);
});

describe("cesFromSummary", () => {
  badInput(cesFromSummary, [
    ...MALFORMED_CES.map((s) => bad("cesFromSummary", [s], "INVALID_SUMMARY")),
    bad("cesFromSummary", [null], "INVALID_SUMMARY"),
    bad("cesFromSummary", [42], "INVALID_SUMMARY"),
    bad("cesFromSummary", [L("cesSummary([])", cesSummary([]))], "EMPTY_INPUT"),
    bad("cesFromSummary", [L("cesSummary([null])", cesSummary([null]))], "EMPTY_INPUT"),
    bad("cesFromSummary", [L("cesSummary([5, 1], { weights: [0, 0] })", cesSummary([5, 1], { weights: [0, 0] }))], "ZERO_TOTAL_WEIGHT"),
    ...CONFIDENCES.map((confidence) => bad("cesFromSummary", [cesS, { confidence }], "INVALID_OPTION")),
    bad("cesFromSummary", [cesWith("weightSquares: 0", { weightSquares: 0 })], "INVALID_SUMMARY"),
    // A malformed scale inside a summary is a malformed summary, not a bad option.
    bad("cesFromSummary", [cesWith("scale: { min: 7, max: 1 }", { scale: { min: 7, max: 1 } })], "INVALID_SUMMARY"),
    bad("cesFromSummary", [cesWith("scale: { min: 1, max: Object.create(null) }", { scale: { min: 1, max: NO_VALUE_OF } })], "INVALID_SUMMARY"),
  ]);

  test("cesFromSummary copies only the scale's min and max into the result (an extra -Infinity field is dropped)", () => {
    const r = cesFromSummary(F({ ...cesSummary([7, 5]), scale: { min: 1, max: 7, periods: Number.NEGATIVE_INFINITY } }) as never);
    expect(r.scale).toEqual({ min: 1, max: 7 });
  });
});

describe("mergeCesSummaries", () => {
  badInput(mergeCesSummaries, [
    bad("mergeCesSummaries", [], "EMPTY_INPUT"),
    bad("mergeCesSummaries", [cesS, ces1S], "INVALID_SUMMARY", 1),
    bad("mergeCesSummaries", [cesS, csatS], "INVALID_SUMMARY", 1),
    bad("mergeCesSummaries", [cesWith("n: 2", { n: 2 }), cesS], "INVALID_SUMMARY", 0),
    // the scale bounds are checked (integers) before the version is read from them
    bad("mergeCesSummaries", [cesWith("scale: { min: Object.create(null), max: 7 }", { scale: { min: NO_VALUE_OF, max: 7 } }), cesS], "INVALID_SUMMARY", 0),
    bad("mergeCesSummaries", [cesS, cesWith("scale: { min: 1, max: Symbol() }", { scale: { min: 1, max: Symbol("x") } })], "INVALID_SUMMARY", 1),
  ]);

  test("mergeCesSummaries builds its result from the known fields only", () => {
    const merged = mergeCesSummaries(F({ ...cesSummary([7]), extra: Number.NaN, scale: { min: 1, max: 7, extra: Number.NaN } }) as never, cesSummary([1]));
    expect(Object.keys(merged).sort()).toEqual(Object.keys(cesSummary([1])).sort());
    expect(merged.scale).toEqual({ min: 1, max: 7 });
  });
});

describe("emptyCesSummary", () => {
  badInput(emptyCesSummary, [
    bad("emptyCesSummary", ["3.0"], "INVALID_OPTION"),
    bad("emptyCesSummary", ["2"], "INVALID_OPTION"),
    bad("emptyCesSummary", [2], "INVALID_OPTION"),
    bad("emptyCesSummary", [null], "INVALID_OPTION"),
    bad("emptyCesSummary", [{ min: 1, max: 7 }], "INVALID_OPTION", undefined, "the parameter is the version, not a scale"),
  ]);
});

describe("cesKind", () => {
  const check = (s: unknown, index?: number) => cesKind.check(s, index);
  badInput(check, [
    ...MALFORMED_CES.map((s) => bad("cesKind.check", [s], "INVALID_SUMMARY")),
    bad("cesKind.check", [csatS, 1], "INVALID_SUMMARY", 1),
  ]);
  badInput(cesKind.empty, [bad("emptyCesSummary", ["3.0"], "INVALID_OPTION")]);
  badInput(cesKind.finish, [
    bad("cesFromSummary", [L("cesKind.empty()", cesKind.empty())], "EMPTY_INPUT"),
    bad("cesFromSummary", [L('cesKind.empty("1.0")', cesKind.empty("1.0"))], "EMPTY_INPUT"),
    ...CONFIDENCES.map((confidence) => bad("cesFromSummary", [cesS, { confidence }], "INVALID_OPTION")),
  ]);
  badInput(cesKind.merge, [bad("mergeCesSummaries", [cesS, L('cesKind.empty("1.0")', cesKind.empty("1.0"))], "INVALID_SUMMARY", 1)]);
});

describe("compareCes", () => {
  badInput(compareCes, [
    bad("compareCes", [[5], [5, 6]], "INSUFFICIENT_DATA"),
    bad("compareCes", [[5, 6], [7, null]], "INSUFFICIENT_DATA"),
    bad("compareCes", [L("cesSummary([5, 6], { weights: [1, 0] })", cesSummary([5, 6], { weights: [1, 0] })), [5, 6]], "INSUFFICIENT_DATA"),
    bad("compareCes", [cesS, ces1S], "INVALID_SUMMARY"),
    bad("compareCes", [cesS, [1, 2], { version: "1.0" }], "INVALID_SUMMARY"),
    bad("compareCes", [csatS, cesS], "INVALID_SUMMARY"),
    bad("compareCes", [cesS, cesWith("n: 2", { n: 2 })], "INVALID_SUMMARY"),
    bad("compareCes", [[5, 8], [5, 6]], "OUT_OF_RANGE", 1),
    bad("compareCes", [[5, 6], [5, 6], { version: "1.0" }], "OUT_OF_RANGE", 1),
    bad("compareCes", [[5, 6], [5, Number.NaN]], "NON_FINITE", 1),
    bad("compareCes", [[], [5, 6]], "EMPTY_INPUT"),
    bad("compareCes", [[5, 6], [null, null]], "EMPTY_INPUT"),
    bad("compareCes", [42, [5, 6]], "INVALID_INPUT"),
    bad("compareCes", [[5, 6], null], "INVALID_INPUT"),
    ...CONFIDENCES.map((confidence) => bad("compareCes", [[5, 6], [4, 6], { confidence }], "INVALID_OPTION")),
    bad("compareCes", [[5, 6], [4, 6], { version: "3.0" }], "INVALID_OPTION"),
  ]);
});

describe("normalCdf", () => {
  badInput(normalCdf, [
    bad("normalCdf", [Number.NaN], "NON_FINITE"),
    bad("normalCdf", ["1"], "INVALID_SCORE"),
    bad("normalCdf", [true], "INVALID_SCORE"),
    bad("normalCdf", [null], "INVALID_SCORE"),
    bad("normalCdf", [undefined], "INVALID_SCORE"),
    bad("normalCdf", [{}], "INVALID_SCORE"),
    bad("normalCdf", [[0]], "INVALID_SCORE"),
  ]);

  test("normalCdf(±Infinity) gives 1 and 0 as documented", () => {
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
  });
});

describe("normalQuantile", () => {
  badInput(normalQuantile, [
    bad("normalQuantile", [Number.NaN], "NON_FINITE"),
    // Documented: OUT_OF_RANGE for p outside [0, 1] (which includes ±Infinity).
    bad("normalQuantile", [Number.POSITIVE_INFINITY], "OUT_OF_RANGE"),
    bad("normalQuantile", [Number.NEGATIVE_INFINITY], "OUT_OF_RANGE"),
    bad("normalQuantile", [-0.1], "OUT_OF_RANGE"),
    bad("normalQuantile", [1.5], "OUT_OF_RANGE"),
    bad("normalQuantile", [11], "OUT_OF_RANGE"),
    bad("normalQuantile", [-1], "OUT_OF_RANGE"),
    bad("normalQuantile", ["0.5"], "INVALID_SCORE"),
    bad("normalQuantile", [false], "INVALID_SCORE"),
    bad("normalQuantile", [null], "INVALID_SCORE"),
    bad("normalQuantile", [{}], "INVALID_SCORE"),
  ]);

  test("normalQuantile(0) and normalQuantile(1) give ∓Infinity as documented", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("studentTCdf", () => {
  badInput(studentTCdf, [
    bad("studentTCdf", [Number.NaN, 3], "NON_FINITE"),
    // errors.ts: INVALID_SCORE is "a value that is not a number" (normalCdf follows it).
    bad("studentTCdf", ["1", 3], "INVALID_SCORE"),
    bad("studentTCdf", [true, 3], "INVALID_SCORE"),
    bad("studentTCdf", [null, 3], "INVALID_SCORE"),
    ...[0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "3", null, undefined].map((df) =>
      bad("studentTCdf", [1, df], "INVALID_OPTION"),
    ),
    // values that cannot be turned into text (no valueOf/toString, a Symbol) are typed errors too
    bad("studentTCdf", [0, NO_VALUE_OF], "INVALID_OPTION"),
    bad("studentTCdf", [0, Symbol("df")], "INVALID_OPTION"),
    bad("studentTCdf", [NO_VALUE_OF, 3], "INVALID_SCORE"),
    bad("studentTCdf", [5n, 3], "INVALID_SCORE"),
  ]);

  test("studentTCdf(±Infinity, df) gives 1 and 0 as documented", () => {
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
  });
});

describe("studentTQuantile", () => {
  badInput(studentTQuantile, [
    bad("studentTQuantile", [Number.NaN, 3], "NON_FINITE"),
    bad("studentTQuantile", [Number.POSITIVE_INFINITY, 3], "OUT_OF_RANGE"),
    bad("studentTQuantile", [Number.NEGATIVE_INFINITY, 3], "OUT_OF_RANGE"),
    bad("studentTQuantile", [-0.1, 3], "OUT_OF_RANGE"),
    bad("studentTQuantile", [1.5, 3], "OUT_OF_RANGE"),
    bad("studentTQuantile", ["0.5", 3], "INVALID_SCORE"),
    bad("studentTQuantile", [true, 3], "INVALID_SCORE"),
    bad("studentTQuantile", [null, 3], "INVALID_SCORE"),
    ...[0, -1, Number.NaN, Number.POSITIVE_INFINITY, "3", null].map((df) => bad("studentTQuantile", [0.975, df], "INVALID_OPTION")),
    bad("studentTQuantile", [0.975, NO_VALUE_OF], "INVALID_OPTION"),
    bad("studentTQuantile", [NO_VALUE_OF, 3], "INVALID_SCORE"),
  ]);

  test("studentTQuantile(0, df) and studentTQuantile(1, df) give ∓Infinity as documented", () => {
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
  });
});

// ---------------------------------------------------------------------------------------------
// Missing values (null/undefined) are skipped and counted
// ---------------------------------------------------------------------------------------------

describe("missing values", () => {
  const rows = F([{ score: 9 }, { score: null }, {}, { score: 0 }] as { score?: number | null }[]);

  test("nps(values) and nps(rows, accessor) skip null and undefined and count them", () => {
    expect(nps(F([null, 10, undefined, 0, null]))).toMatchObject({ n: 2, skipped: 3, invalid: 0, value: 0 });
    expect(nps(rows, byScore)).toMatchObject({ n: 2, skipped: 2, invalid: 0, value: 0 });
    // Missing values need no weight of their own to be valid.
    expect(nps(F([null, 10]), F({ weights: [Number.NaN, 2] }))).toMatchObject({ n: 1, skipped: 1, invalid: 0 });
  });

  test("npsSummary skips null and undefined and counts them; only missing values give an empty summary", () => {
    expect(npsSummary(F([10, null, 8, undefined, 3]))).toMatchObject({ n: 3, skipped: 2, promoters: 1, passives: 1, detractors: 1 });
    expect(npsSummary(rows, byScore)).toMatchObject({ n: 2, skipped: 2 });
    expect(npsSummary(F([null, undefined]))).toMatchObject({ n: 0, skipped: 2, invalid: 0 });
    expect(npsSummary(F([]))).toMatchObject({ n: 0, skipped: 0, invalid: 0 });
  });

  test("npsFromSummary carries the summary's skipped count", () => {
    expect(npsFromSummary(npsSummary(F([10, null, null, 3])))).toMatchObject({ n: 2, skipped: 2 });
  });

  test("npsFromCounts reports skipped 0 and invalid 0", () => {
    expect(npsFromCounts(F({ promoters: 3, passives: 2, detractors: 1 }))).toMatchObject({ skipped: 0, invalid: 0 });
  });

  test("mergeNpsSummaries adds the skipped counts", () => {
    expect(mergeNpsSummaries(npsSummary(F([null, 9])), npsSummary(F([undefined, null, 0])))).toMatchObject({ n: 2, skipped: 3 });
  });

  test("compareNps skips missing values in each group", () => {
    const r = compareNps(F([null, 9, 10]), F([0, undefined]));
    expect(r.a).toMatchObject({ n: 2, skipped: 1 });
    expect(r.b).toMatchObject({ n: 1, skipped: 1 });
  });

  test("csat, csatSummary and csatFromSummary skip null and undefined and count them", () => {
    expect(csat(F([null, 5, undefined, 1]))).toMatchObject({ n: 2, skipped: 2, invalid: 0, value: 50 });
    expect(csat(rows.map((r) => ({ score: r.score === 9 ? 5 : r.score === 0 ? 1 : r.score })), byScore)).toMatchObject({ n: 2, skipped: 2 });
    expect(csatSummary(F([null, 5]))).toMatchObject({ n: 1, skipped: 1, counts: [0, 0, 0, 0, 1] });
    expect(csatSummary(F([null]))).toMatchObject({ n: 0, skipped: 1 });
    expect(csatFromSummary(csatSummary(F([null, 5, 4])))).toMatchObject({ n: 2, skipped: 1 });
  });

  test("mergeCsatSummaries adds the skipped counts and compareCsat skips missing values per group", () => {
    expect(mergeCsatSummaries(csatSummary(F([null, 5])), csatSummary(F([null])))).toMatchObject({ n: 1, skipped: 2 });
    const r = compareCsat(F([null, 5]), F([4, undefined, undefined]));
    expect(r.a).toMatchObject({ n: 1, skipped: 1 });
    expect(r.b).toMatchObject({ n: 1, skipped: 2 });
  });

  test("ces, cesSummary and cesFromSummary skip null and undefined and count them", () => {
    expect(ces(F([null, 7, undefined, 1]))).toMatchObject({ n: 2, skipped: 2, invalid: 0, mean: 4 });
    expect(ces(F([null, 5, 1]), F({ version: "1.0" as const }))).toMatchObject({ n: 2, skipped: 1, mean: 3 });
    expect(ces(rows.map((r) => ({ score: r.score === 9 ? 7 : r.score === 0 ? 1 : r.score })), byScore)).toMatchObject({ n: 2, skipped: 2 });
    expect(cesSummary(F([null, 7]))).toMatchObject({ n: 1, skipped: 1 });
    expect(cesFromSummary(cesSummary(F([null, 7, 6])))).toMatchObject({ n: 2, skipped: 1 });
  });

  test("mergeCesSummaries adds the skipped counts and compareCes skips missing values per group", () => {
    expect(mergeCesSummaries(cesSummary(F([null, 7])), cesSummary(F([undefined, 1])))).toMatchObject({ n: 2, skipped: 2 });
    const r = compareCes(F([null, 5, 6]), F([7, undefined, 6]));
    expect(r.a).toMatchObject({ n: 2, skipped: 1 });
    expect(r.b).toMatchObject({ n: 2, skipped: 1 });
  });

  // npsSampleSize, normalCdf, normalQuantile, studentTCdf and studentTQuantile read no score list:
  // there null is not "no answer" but a bad argument (see their error tables).
});

// ---------------------------------------------------------------------------------------------
// invalid: "skip" drops invalid values and counts them
// ---------------------------------------------------------------------------------------------

describe('invalid: "skip"', () => {
  const skip = F({ invalid: "skip" as const });

  test('nps(values, { invalid: "skip" }) drops every kind of invalid value and counts it in invalid', () => {
    const values = F([9, 11, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 4.5, "9", true, {}, null, 0] as unknown as number[]);
    expect(nps(values, skip)).toMatchObject({ n: 2, invalid: 9, skipped: 1, value: 0 });
  });

  test('nps(rows, accessor, { invalid: "skip" }) drops invalid values read by the accessor', () => {
    const rows = F([{ score: 10 }, { score: 12 }, { score: "x" }, { score: null }]);
    expect(nps(rows, byScore, skip)).toMatchObject({ n: 1, invalid: 2, skipped: 1, value: 100 });
  });

  test('invalid weights are dropped and counted too with invalid: "skip"', () => {
    expect(nps(F([9, 0, 10, 3]), F({ weights: [1, -1, Number.NaN, 2], invalid: "skip" as const }))).toMatchObject({ n: 2, invalid: 2 });
    expect(csat(F([5, 1, 4]), F({ weights: [1, -1, 1], invalid: "skip" as const }))).toMatchObject({ n: 2, invalid: 1 });
    expect(ces(F([7, 1, 4]), F({ weights: [1, Number.POSITIVE_INFINITY, 1], invalid: "skip" as const }))).toMatchObject({ n: 2, invalid: 1 });
  });

  test('typed arrays with invalid values work with invalid: "skip"', () => {
    expect(nps(Float64Array.of(9, Number.NaN, 10, 11, 0.5), skip)).toMatchObject({ n: 2, invalid: 3 });
    expect(npsSummary(Uint8Array.of(9, 200, 10), skip)).toMatchObject({ n: 2, invalid: 1, promoters: 2 });
  });

  test('npsSummary, npsFromSummary and mergeNpsSummaries count and carry invalid values', () => {
    const s = npsSummary(F([9, 11, Number.NaN, null]), skip);
    expect(s).toMatchObject({ n: 1, invalid: 2, skipped: 1 });
    expect(npsFromSummary(s)).toMatchObject({ n: 1, invalid: 2, skipped: 1 });
    expect(mergeNpsSummaries(s, npsSummary(F([0, -3]), skip))).toMatchObject({ n: 2, invalid: 3, skipped: 1 });
  });

  test("compareNps carries the invalid counts of summaries", () => {
    const r = compareNps(npsSummary(F([9, 11]), skip), npsSummary(F([0, 4.5, 4.5]), skip));
    expect(r.a.invalid).toBe(1);
    expect(r.b.invalid).toBe(2);
  });

  test("csat, csatSummary, csatFromSummary, mergeCsatSummaries and compareCsat count and carry invalid values", () => {
    expect(csat(F([5, 6, 0, 2.5, "5", 4] as unknown as number[]), skip)).toMatchObject({ n: 2, invalid: 4, value: 100 });
    const s = csatSummary(F([5, 6, null]), skip);
    expect(s).toMatchObject({ n: 1, invalid: 1, skipped: 1 });
    expect(csatFromSummary(s)).toMatchObject({ invalid: 1, skipped: 1 });
    expect(mergeCsatSummaries(s, s)).toMatchObject({ n: 2, invalid: 2, skipped: 2 });
    expect(compareCsat(s, F([4])).a.invalid).toBe(1);
  });

  test("ces, cesSummary, cesFromSummary, mergeCesSummaries and compareCes count and carry invalid values", () => {
    expect(ces(F([7, 8, 0, Number.NaN, 1]), skip)).toMatchObject({ n: 2, invalid: 3, mean: 4 });
    expect(ces(F([1, 6, 7, 5]), F({ version: "1.0" as const, invalid: "skip" as const }))).toMatchObject({ n: 2, invalid: 2, mean: 3 });
    const s = cesSummary(F([7, 8, 6, null]), skip);
    expect(s).toMatchObject({ n: 2, invalid: 1, skipped: 1 });
    expect(cesFromSummary(s)).toMatchObject({ invalid: 1, skipped: 1 });
    expect(mergeCesSummaries(s, s)).toMatchObject({ n: 4, invalid: 2 });
    expect(compareCes(s, F([5, 6])).a.invalid).toBe(1);
  });

  test('invalid: "throw" is the default and can be given explicitly', () => {
    expectCxError(
      thrown(() => nps(F([9, 11]), F({ invalid: "throw" as const }))),
      "nps",
      "OUT_OF_RANGE",
      1,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// No NaN for valid input
// ---------------------------------------------------------------------------------------------

describe("no NaN for valid input", () => {
  const tens = F(Array.from({ length: 10_000 }, () => 10));
  const mixed = F([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  describe("nps", () => {
    noNaN([
      ...(["wald", "adjusted-wald", "tango"] as const).flatMap((method) => [
        valid(`nps([9], { method: "${method}" })`, () => nps(F([9]), F({ method }))),
        valid(`nps([0], { method: "${method}" })`, () => nps(F([0]), F({ method }))),
        valid(`nps([7], { method: "${method}" })`, () => nps(F([7]), F({ method }))),
        valid(`nps([0, 10], { method: "${method}" })`, () => nps(F([0, 10]), F({ method }))),
        valid(`nps(0..10, { method: "${method}" })`, () => nps(mixed, F({ method }))),
        valid(`nps(10 000 tens, { method: "${method}" })`, () => nps(tens, F({ method }))),
        valid(`nps([9, 0, 7], { method: "${method}", confidence: 1e-9 })`, () => nps(F([9, 0, 7]), F({ method, confidence: 1e-9 }))),
        valid(`nps([9, 0, 7], { method: "${method}", confidence: 1 - 1e-12 })`, () => nps(F([9, 0, 7]), F({ method, confidence: 1 - 1e-12 }))),
        valid(`nps([9, 0], { method: "${method}", weights: [1, 0] })`, () => nps(F([9, 0]), F({ method, weights: [1, 0] }))),
      ]),
      valid("nps(Uint8Array.of(9, 10, 3))", () => nps(Uint8Array.of(9, 10, 3))),
      valid("nps(rows, accessor, { weights })", () => nps(F([{ score: 9, w: 2 }, { score: 3, w: 0.5 }]), byScore, F({ weights: byWeight }))),
      valid("nps([1, 5], { scale: 1..5 })", () => nps(F([1, 5]), F({ scale: OTHER_NPS_SCALE }))),
    ]);
  });

  describe("npsSummary, npsFromSummary, npsFromCounts, mergeNpsSummaries", () => {
    noNaN([
      valid("npsSummary([])", () => npsSummary(F([]))),
      valid("npsSummary([9, 0], { weights: [0.5, 3] })", () => npsSummary(F([9, 0]), F({ weights: [0.5, 3] }))),
      valid("npsFromSummary(npsSummary([10]))", () => npsFromSummary(npsSummary(F([10])))),
      valid('npsFromSummary(npsSummary([10]), { method: "tango" })', () => npsFromSummary(npsSummary(F([10])), F({ method: "tango" as const }))),
      valid("npsFromCounts({ 1, 0, 0 }) with each method", () =>
        (["wald", "adjusted-wald", "tango"] as const).map((method) => npsFromCounts(F({ promoters: 1, passives: 0, detractors: 0 }), F({ method }))),
      ),
      valid("npsFromCounts({ 0, 1, 0 }) with each method", () =>
        (["wald", "adjusted-wald", "tango"] as const).map((method) => npsFromCounts(F({ promoters: 0, passives: 1, detractors: 0 }), F({ method }))),
      ),
      valid("npsFromCounts with 2^40 in every category (the largest count accepted)", () =>
        npsFromCounts(F({ promoters: 2 ** 40, passives: 2 ** 40, detractors: 2 ** 40 })),
      ),
      valid("mergeNpsSummaries(empty, empty)", () => mergeNpsSummaries(npsSummary(F([])), npsSummary(F([])))),
    ]);
  });

  describe("compareNps", () => {
    noNaN([
      valid('compareNps([10], [0], { method: "wald" }) (no variance, different scores)', () => compareNps(F([10]), F([0]), F({ method: "wald" as const }))),
      valid('compareNps([10], [10], { method: "wald" }) (no variance, equal scores)', () => compareNps(F([10]), F([10]), F({ method: "wald" as const }))),
      valid("compareNps([9], [9])", () => compareNps(F([9]), F([9]))),
      valid("compareNps(counts, summary)", () => compareNps(F({ promoters: 50, passives: 30, detractors: 20 }), npsSummary(F([9, 0, 7])))),
      valid("compareNps with confidence 1e-9", () => compareNps(F([9, 1]), F([10, 3]), F({ confidence: 1e-9 }))),
    ]);
  });

  describe("npsSampleSize", () => {
    noNaN([
      valid("npsSampleSize({ marginOfError: 100, variance: 1e-300 })", () => npsSampleSize(F({ marginOfError: 100, variance: 1e-300 }))),
      valid("npsSampleSize({ marginOfError: 1e-3 })", () => npsSampleSize(F({ marginOfError: 1e-3 }))),
      valid("npsSampleSize({ marginOfError: 5, confidence: 1e-9 })", () => npsSampleSize(F({ marginOfError: 5, confidence: 1e-9 }))),
    ]);
  });

  describe("csat", () => {
    noNaN([
      valid("csat([5])", () => csat(F([5]))),
      valid("csat([1])", () => csat(F([1]))),
      valid("csat([5, 5])", () => csat(F([5, 5]))),
      valid("csat([5, 1], { weights: [1, 0] })", () => csat(F([5, 1]), F({ weights: [1, 0] }))),
      valid("csat([5, 1], { weights: [1, 0.01] }) (effective n just above 1)", () => csat(F([5, 1]), F({ weights: [1, 0.01] }))),
      valid("csat([0, 1000], { scale: 0..1000 })", () => csat(F([0, 1000]), F({ scale: { min: 0, max: 1000 } }))),
      valid("csat([5, 1], { confidence: 1 - 1e-12 })", () => csat(F([5, 1]), F({ confidence: 1 - 1e-12 }))),
      valid("csatSummary([])", () => csatSummary(F([]))),
      valid("mergeCsatSummaries(csatSummary([5, 1], { weights: [0.5, 2] }), csatSummary([]))", () =>
        mergeCsatSummaries(csatSummary(F([5, 1]), F({ weights: [0.5, 2] })), csatSummary(F([]))),
      ),
      valid("csatFromSummary(mergeCsatSummaries(...))", () => csatFromSummary(mergeCsatSummaries(csatSummary(F([5])), csatSummary(F([]))))),
      valid('compareCsat([1, 1], [5, 5], { method: "wald" })', () => compareCsat(F([1, 1]), F([5, 5]), F({ method: "wald" as const }))),
      valid("compareCsat([5], [5])", () => compareCsat(F([5]), F([5]))),
      valid("compareCsat([1], [5])", () => compareCsat(F([1]), F([5]))),
    ]);
  });

  describe("ces", () => {
    noNaN([
      valid("ces([7])", () => ces(F([7]))),
      valid("ces([4, 4])", () => ces(F([4, 4]))),
      valid('ces([1, 5], { version: "1.0" })', () => ces(F([1, 5]), F({ version: "1.0" as const }))),
      valid("ces([5, 1], { weights: [1, 1e-8] }) (effective n just above 1)", () => ces(F([5, 1]), F({ weights: [1, 1e-8] }))),
      valid("cesSummary([])", () => cesSummary(F([]))),
      valid('mergeCesSummaries(cesSummary([1, 5], { version: "1.0", weights: [3, 0] }), cesSummary([], { version: "1.0" }))', () =>
        mergeCesSummaries(cesSummary(F([1, 5]), F({ version: "1.0" as const, weights: [3, 0] })), cesSummary(F([]), F({ version: "1.0" as const }))),
      ),
      valid("cesFromSummary(mergeCesSummaries(...))", () => cesFromSummary(mergeCesSummaries(cesSummary(F([5])), cesSummary(F([2, 3]))))),
      valid("compareCes([1, 1], [7, 6]) (no variance in one group)", () => compareCes(F([1, 1]), F([7, 6]))),
      valid("compareCes with an effective n just above 1", () => compareCes(cesSummary(F([5, 1]), F({ weights: [1, 1e-8] })), F([5, 6]))),
    ]);
  });

  describe("normalCdf, normalQuantile, studentTCdf, studentTQuantile", () => {
    noNaN([
      valid("normalCdf over −1e300..1e300", () => [-1e300, -40, -1, -1e-300, 0, 2.5, 40, 1e300].map((x) => normalCdf(x))),
      valid("normalQuantile over 0..1", () => [0, Number.MIN_VALUE, 1e-300, 0.5, 1 - 1e-16, 1].map((p) => normalQuantile(p))),
      valid("studentTCdf over t and df grids", () =>
        [1e-3, 0.5, 1, 2, 3, 30, 1e6, 1e300].flatMap((df) => [-1e300, -40, -1, 0, 1e-10, 2, 40, 1e300].map((t) => studentTCdf(t, df))),
      ),
      valid("studentTQuantile over p and df grids (a quantile beyond ±1e150 is refused with OUT_OF_RANGE)", () =>
        [1e-3, 0.5, 1, 2, 3, 30, 1e6, 1e300].flatMap((df) =>
          [0, 1e-300, 1e-10, 0.025, 0.5, 0.975, 1 - 1e-16, 1].map((p) => {
            try {
              return studentTQuantile(p, df);
            } catch (e) {
              if (e instanceof CxMetricsError && e.code === "OUT_OF_RANGE" && df < 1) return "refused";
              throw e;
            }
          }),
        ),
      ),
    ]);
  });

  describe("weights at the ends of the supported range", () => {
    // Weights must be 0 or within [1e-100, 1e100] (so that squares and sums cannot overflow or
    // underflow); outside that range they are refused with INVALID_WEIGHT, never turned into NaN.
    const edge = F([1e-100, 1e100]);
    noNaN([
      valid("nps([9, 0], { weights: [1e-100, 1e100] })", () => nps(F([9, 0]), F({ weights: edge }))),
      valid('nps([9, 0], { weights: [1e-100, 1e-100], method: "tango" })', () => nps(F([9, 0]), F({ weights: F([1e-100, 1e-100]), method: "tango" as const }))),
      valid("csat([5, 1], { weights: [1e100, 1e100] })", () => csat(F([5, 1]), F({ weights: F([1e100, 1e100]) }))),
      valid("ces([5, 1], { weights: [1e-100, 1e-100] })", () => ces(F([5, 1]), F({ weights: F([1e-100, 1e-100]) }))),
      valid("compareCsat(csatSummary([5, 1], { weights: [1e-100, 1e-100] }), [5, 4])", () =>
        compareCsat(csatSummary(F([5, 1]), F({ weights: F([1e-100, 1e-100]) })), F([5, 4])),
      ),
    ]);

    test("nps, csat and ces give the effective n of unit weights when every weight is 1e-100 or 1e100", () => {
      for (const weights of [F([1e-100, 1e-100]), F([1e100, 1e100])]) {
        expect.soft(nps(F([9, 0]), F({ weights })).effectiveN, `nps, weights ${show(weights)}`).toBeCloseTo(2, 12);
        expect.soft(csat(F([5, 1]), F({ weights })).effectiveN, `csat, weights ${show(weights)}`).toBeCloseTo(2, 12);
        expect.soft(ces(F([5, 1]), F({ weights })).effectiveN, `ces, weights ${show(weights)}`).toBeCloseTo(2, 12);
      }
    });

    test.for([
      ["nps", () => nps(F([9, 0]), F({ weights: F([1e200, 1]) }))],
      ["nps (tiny)", () => nps(F([9, 0]), F({ weights: F([1, 1e-200]) }))],
      ["csat", () => csat(F([5, 1]), F({ weights: F([1, 1e101]) }))],
      ["ces", () => ces(F([5, 1]), F({ weights: F([1e-101, 1]) }))],
    ] as const)("%s refuses a weight outside [1e-100, 1e100] with INVALID_WEIGHT and its index", ([, call]) => {
      const e = thrown(call) as CxMetricsError;
      expect(e).toBeInstanceOf(CxMetricsError);
      expect(e.code).toBe("INVALID_WEIGHT");
      expect(typeof e.index).toBe("number");
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Frozen inputs are not mutated
// ---------------------------------------------------------------------------------------------

describe("frozen inputs", () => {
  /** A deep copy that keeps functions (accessors, weight functions) as they are. */
  function clone(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(clone);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
    return v;
  }

  /** Run `call` on deep-frozen copies of `args` and check the arguments are unchanged. */
  function unchanged(args: unknown[], call: (...a: any[]) => unknown): void {
    const snapshot = args.map(clone);
    const frozen = args.map((a) => deepFreeze(a));
    expect(() => call(...frozen)).not.toThrow();
    frozen.forEach((a, i) => {
      if (typeof a !== "function") expect(a).toEqual(snapshot[i]);
    });
  }

  const rowsNps = () => [{ score: 9, w: 2 }, { score: null, w: 1 }, { score: 3, w: 0.5 }];
  const summaryOf = <S>(s: S) => structuredClone(s);

  test.for([
    ["nps", () => unchanged([[10, 9, null, 3, 11], { confidence: 0.9, method: "tango", weights: [1, 2, 3, 4, 5], invalid: "skip", scale: { min: 0, max: 10, passiveMin: 7, promoterMin: 9 } }], nps)],
    ["nps (accessor)", () => unchanged([rowsNps(), byScore, { weights: byWeight }], nps)],
    ["npsSummary", () => unchanged([[10, 9, null, 3], { weights: [1, 2, 3, 4] }], npsSummary)],
    ["npsFromCounts", () => unchanged([{ promoters: 3, passives: 2, detractors: 1 }, { confidence: 0.9, method: "wald" }], npsFromCounts)],
    ["npsFromSummary", () => unchanged([summaryOf(npsS), { confidence: 0.8, method: "tango" }], npsFromSummary)],
    ["mergeNpsSummaries", () => unchanged([summaryOf(npsS), summaryOf(npsS), summaryOf(npsS)], mergeNpsSummaries)],
    ["compareNps", () => unchanged([[9, 10, 0], { promoters: 5, passives: 1, detractors: 1 }, { confidence: 0.9, method: "wald", scale: { min: 0, max: 10, passiveMin: 7, promoterMin: 9 } }], compareNps)],
    ["compareNps (summaries)", () => unchanged([summaryOf(npsS), summaryOf(npsS)], compareNps)],
    ["npsSampleSize", () => unchanged([{ marginOfError: 5, confidence: 0.9, variance: 0.6 }], npsSampleSize)],
    ["csat", () => unchanged([[5, 4, null, 1], { scale: { min: 1, max: 5 }, satisfiedMin: 5, confidence: 0.9, weights: [1, 2, 3, 4] }], csat)],
    ["csatSummary", () => unchanged([[5, 4, null, 1], { scale: { min: 1, max: 5 } }], csatSummary)],
    ["csatFromSummary", () => unchanged([summaryOf(csatS), { satisfiedMin: 5, confidence: 0.9 }], csatFromSummary)],
    ["mergeCsatSummaries", () => unchanged([summaryOf(csatS), summaryOf(csatS)], mergeCsatSummaries)],
    ["compareCsat", () => unchanged([[5, 4, 1], summaryOf(csatS), { method: "wald", satisfiedMin: 4, scale: { min: 1, max: 5 } }], compareCsat)],
    ["ces", () => unchanged([[5, 4, null, 1], { version: "1.0", confidence: 0.9, weights: [1, 2, 3, 4] }], ces)],
    ["cesSummary", () => unchanged([[7, 4, null, 1], { version: "2.0" }], cesSummary)],
    ["cesFromSummary", () => unchanged([summaryOf(cesS), { confidence: 0.9 }], cesFromSummary)],
    ["mergeCesSummaries", () => unchanged([summaryOf(cesS), summaryOf(cesS)], mergeCesSummaries)],
    ["compareCes", () => unchanged([[7, 4, 1], summaryOf(cesS), { version: "2.0", confidence: 0.9 }], compareCes)],
  ] as const)("%s does not mutate frozen inputs and options", ([, run]) => {
    run();
  });

  test("merging returns a new summary that does not share arrays or the scale with its inputs", () => {
    const a = deepFreeze(csatSummary([5, 4]));
    const m = mergeCsatSummaries(a);
    expect(m).not.toBe(a);
    expect(m.counts).not.toBe(a.counts);
    expect(m.weights).not.toBe(a.weights);
    expect(m.scale).not.toBe(a.scale);
    const n = deepFreeze(npsSummary([9]));
    expect(mergeNpsSummaries(n).scale).not.toBe(n.scale);
  });
});
