// compareNps / compareCsat / compareCes take the results of nps() / npsFromCounts() / csat() /
// ces() as groups when those were computed without weights, and refuse weighted results with the
// reason (a result keeps the weighted shares, not the weights) and what to pass instead.
import { describe, expect, it } from "vitest";
import {
  ces,
  cesSummary,
  compareCes,
  compareCsat,
  compareNps,
  csat,
  csatSummary,
  CxMetricsError,
  nps,
  npsFromCounts,
  npsSummary,
} from "../../src/index";
import { deepFreeze } from "../helpers/properties";

const A = Object.freeze([10, 9, 9, 8, 7, 6, 3, 10, 9, 0, null]);
const B = Object.freeze([10, 10, 9, 9, 9, 7, 8, 6, 5, 10, 10]);
const CA = Object.freeze([5, 4, 2, 1, 3, 4, 5, 2, null]);
const CB = Object.freeze([5, 5, 4, 4, 3, 5, 4, 4]);
const EA = Object.freeze([7, 7, 6, 5, 5, 4, 6, 7, 3, 6, 5, 7]);
const EB = Object.freeze([1, 2, 3, 4, 5, 6, 7, 7, 6, 5]);

/** The call throws a CxMetricsError with this code whose message matches every pattern. */
function expectError(call: () => unknown, code: string, ...patterns: RegExp[]): void {
  let caught: unknown;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected an error").toBeInstanceOf(CxMetricsError);
  const e = caught as CxMetricsError;
  expect(e.code, e.message).toBe(code);
  for (const p of patterns) expect(e.message).toMatch(p);
}

describe("compareNps with results as groups", () => {
  for (const method of ["wald", "adjusted-wald", "tango"] as const) {
    it(`compareNps(nps(a), nps(b)) equals compareNps(a, b) with method ${method}`, () => {
      const fromResults = compareNps(deepFreeze(nps(A)), deepFreeze(nps(B, { method: "wald", confidence: 0.8 })), { method, confidence: 0.9 });
      expect(fromResults).toEqual(compareNps(A, B, { method, confidence: 0.9 }));
    });
  }

  it("takes results of npsFromCounts and mixes results with tallies, scores and summaries", () => {
    const ta = { promoters: 50, passives: 30, detractors: 20 };
    const tb = { promoters: 60, passives: 25, detractors: 15 };
    const expected = compareNps(ta, tb);
    expect(compareNps(deepFreeze(npsFromCounts(ta)), deepFreeze(npsFromCounts(tb)))).toEqual(expected);
    expect(compareNps(deepFreeze(npsFromCounts(ta)), tb)).toEqual(expected);
    expect(compareNps(nps(A), npsSummary(B))).toEqual(compareNps(A, B));
  });

  it("keeps the skipped count of a result and survives a JSON round trip", () => {
    const r = compareNps(JSON.parse(JSON.stringify(nps(A))), B);
    expect(r.a.skipped).toBe(1);
    expect(r.a.n).toBe(10);
  });

  it("reads a result on the other group's custom scale", () => {
    const scale = { min: 1, max: 5, passiveMin: 4, promoterMin: 5 };
    const x = [5, 5, 4, 1, 2];
    const y = [5, 4, 4, 3, 3, 5];
    const expected = compareNps(npsSummary(x, { scale }), npsSummary(y, { scale }));
    expect(compareNps(nps(x, { scale }), npsSummary(y, { scale }))).toEqual(expected);
    expect(compareNps(nps(x, { scale }), y, { scale })).toEqual(expected);
    expect(compareNps(nps(x, { scale }), nps(y, { scale })).difference).toBe(expected.difference);
  });

  it("accepts a result whose weights were all equal, which is the unweighted result", () => {
    const weighted = nps(A, { weights: A.map(() => 2) });
    expect(compareNps(weighted, B)).toEqual(compareNps(A, B));
  });

  it("refuses a weighted result, says why and what to pass instead", () => {
    const weights = Object.freeze(A.map((_, i) => 1 + (i % 3)));
    const weighted = deepFreeze(nps(A, { weights }));
    expectError(() => compareNps(weighted, B), "INVALID_INPUT", /^compareNps: group a: /, /survey weights/, /keeps the weighted shares but not the weights/, /npsSummary\(scores, \{ weights \}\)/);
    expectError(() => compareNps(B, weighted, { method: "tango" }), "INVALID_INPUT", /^compareNps: group b: /);
    // the weighted summary is what works
    expect(compareNps(npsSummary(A, { weights }), B).a.effectiveN).toBeCloseTo(weighted.effectiveN, 12);
  });

  it("refuses a result that lacks what it needs or does not add up", () => {
    const r = nps(A);
    const { effectiveN: _drop, ...noEffectiveN } = r;
    expectError(() => compareNps(noEffectiveN as never, B), "INVALID_INPUT", /effectiveN/);
    expectError(() => compareNps({ ...r, n: 11 }, B), "INVALID_INPUT", /n \(11\)/);
    expectError(() => compareNps({ ...r, promoters: r.promoters + 1 }, B), "INVALID_INPUT");
    expectError(() => compareNps({ ...r, promoters: 2.5 }, B), "NOT_INTEGER");
    expectError(() => compareNps({ ...r, skipped: -1 }, B), "INVALID_INPUT", /skipped/);
    expectError(() => compareNps(csat(CA) as never, B), "INVALID_INPUT", /promoters/);
  });
});

describe("compareCsat with results as groups", () => {
  it("compareCsat(csat(a), csat(b)) equals compareCsat(a, b)", () => {
    for (const method of ["newcombe", "wald"] as const) {
      expect(compareCsat(deepFreeze(csat(CA)), deepFreeze(csat(CB, { confidence: 0.8 })), { method })).toEqual(compareCsat(CA, CB, { method }));
    }
    expect(compareCsat(csat(CA), csatSummary(CB))).toEqual(compareCsat(CA, CB));
    expect(compareCsat(JSON.parse(JSON.stringify(csat(CA))), CB).a.skipped).toBe(1);
  });

  it("keeps the threshold the results were computed with, unless satisfiedMin says otherwise", () => {
    const top = compareCsat(csat(CA, { satisfiedMin: 5 }), csat(CB, { satisfiedMin: 5 }));
    expect(top).toEqual(compareCsat(CA, CB, { satisfiedMin: 5 }));
    expect(compareCsat(csat(CA, { satisfiedMin: 5 }), CB)).toEqual(compareCsat(CA, CB, { satisfiedMin: 5 }));
    expectError(() => compareCsat(csat(CA, { satisfiedMin: 5 }), csat(CB)), "INVALID_INPUT", /same satisfiedMin, got 5 and 4/);
    expect(compareCsat(csat(CA, { satisfiedMin: 5 }), csat(CB), { satisfiedMin: 4 })).toEqual(compareCsat(CA, CB));
  });

  it("refuses a weighted result, says why and what to pass instead", () => {
    const weighted = csat(CA, { weights: CA.map((_, i) => 1 + (i % 2)) });
    expectError(() => compareCsat(weighted, CB), "INVALID_INPUT", /^compareCsat: group a: /, /survey weights/, /csatSummary\(scores, \{ weights \}\)/);
  });

  it("refuses results of other metrics and results without their distribution", () => {
    expectError(() => compareCsat(ces(EA) as never, CB), "INVALID_INPUT", /satisfiedMin/, /ces\(\)/);
    const { distribution: _drop, ...bare } = csat(CA);
    expectError(() => compareCsat(bare as never, CB), "INVALID_INPUT", /distribution/);
  });
});

describe("compareCes with results as groups", () => {
  it("compareCes(ces(a), ces(b)) equals compareCes(a, b), for both versions", () => {
    expect(compareCes(deepFreeze(ces(EA)), deepFreeze(ces(EB, { confidence: 0.8 })))).toEqual(compareCes(EA, EB));
    expect(compareCes(ces(EA), cesSummary(EB), { confidence: 0.9 })).toEqual(compareCes(EA, EB, { confidence: 0.9 }));
    const v1a = [1, 2, 2, 3, 5];
    const v1b = [4, 5, 5, 3, 2, 1];
    expect(compareCes(ces(v1a, { version: "1.0" }), ces(v1b, { version: "1.0" }))).toEqual(compareCes(v1a, v1b, { version: "1.0" }));
    expectError(() => compareCes(ces(v1a, { version: "1.0" }), ces(EB)), "INVALID_SUMMARY", /same CES version/);
  });

  it("refuses a result without its distribution and says what to pass instead", () => {
    const { distribution: _drop, ...trimmed } = ces(EA);
    expectError(() => compareCes(trimmed as never, EB), "INVALID_INPUT", /^compareCes: group a: /, /distribution/, /cesSummary\(scores, \{ weights \}\)/);
  });

  it("refuses a weighted result, says why and what to pass instead", () => {
    const weighted = ces(EB, { weights: EB.map((_, i) => 1 + (i % 4)) });
    expectError(() => compareCes(EA, weighted), "INVALID_INPUT", /^compareCes: group b: /, /survey weights/, /keeps the weighted shares but not the weights/);
  });

  it("refuses results of other metrics and inconsistent results", () => {
    expectError(() => compareCes(csat(CA) as never, EB), "INVALID_INPUT", /CES version/, /csat\(\)/);
    const r = ces(EA);
    expectError(() => compareCes({ ...r, scale: { min: 1, max: 5 } }, EB), "INVALID_INPUT", /distribution has one point per score/);
    expectError(() => compareCes({ ...r, n: 99 }, EB), "INVALID_INPUT", /n \(99\)/);
    expectError(() => compareCes({ ...r, version: "1.0" }, EB), "INVALID_INPUT", /version 1\.0/);
  });
});

describe("comparisons take scores as users hold them", () => {
  it("compareNps, compareCsat and compareCes take typed arrays, generators, Sets and exact BigInts", () => {
    function* gen<T>(xs: readonly T[]) {
      yield* xs;
    }
    const a = [10, 9, 8, 3, 0, 10];
    const b = [9, 9, 7, 6, 10];
    expect(compareNps(gen(a), Float64Array.from(b))).toEqual(compareNps(a, b));
    expect(compareNps(new Set([10, 0]), b.map(BigInt), { method: "tango" })).toEqual(compareNps([10, 0], b, { method: "tango" }));
    expect(compareCsat(gen(CB), new Set([5, 1]))).toEqual(compareCsat(CB, [5, 1]));
    expect(compareCes(gen(EA), Uint8Array.from(EB))).toEqual(compareCes(EA, EB));
  });
});
