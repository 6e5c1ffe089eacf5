// Bad input for the public entry points of the core families (src/core): the means family
// (meanSummary, emptyMeanSummary, mergeMeanSummaries, meanFromSummary, meanKind.check), and
// CxMetricsError itself (below).
//
// Every error row asserts: a CxMetricsError (instanceof), its exact `code`, its `index` (the
// offending value's or summary's index when one is at fault, `undefined` otherwise), and a
// `message` that starts with the name of the function that was called, then ": ". Every input is
// frozen (STYLE.md).
import { describe, expect, test } from "vitest";
import { CxMetricsError, emptyMeanSummary, meanFromSummary, meanKind, meanSummary, mergeMeanSummaries } from "../../src/index";
import { bad, badInput, deepFreeze, L, malformedSummaries, noNaN, thrown, valid } from "../helpers/tables";

const NaN_ = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

/** The summary of [1, 2, 3, 4, 10]: n 5, mean 4, M2 49, min 1, max 10. */
const S = L("S", meanSummary([1, 2, 3, 4, 10]));
const s = (label: string, change: Record<string, unknown>) => L(`{ ...S, ${label} }`, { ...S, ...change });

/** Summaries that are malformed (INVALID_SUMMARY). */
const malformed: unknown[] = [
  ...malformedSummaries(S),
  s("m2: −1", { m2: -1 }),
  s("m2: Infinity", { m2: Inf }),
  s("mean: NaN", { mean: NaN_ }),
  s("mean: −Infinity", { mean: -Inf }),
  s('mean: "4"', { mean: "4" }),
  s("min: 11 > max", { min: 11 }),
  s("min: NaN", { min: NaN_ }),
  s("max: null with n 5", { max: null }),
  s('max: "10"', { max: "10" }),
  s("skipped: −1", { skipped: -1 }),
  s("invalid: 1.5", { invalid: 1.5 }),
  s("skipped missing", { skipped: undefined }),
  s("scale: 0", { scale: 0 }),
  s("scale: −2", { scale: -2 }),
  s("scale: Infinity", { scale: Inf }),
  s("n: 1, m2: 49 (one value has no spread)", { n: 1 }),
  s('n: 0, min: "a"', { n: 0, min: "a" }),
  s("n: 0, m2: −1", { n: 0, m2: -1 }),
];

describe("meanSummary bad input", () => {
  const fn = "meanSummary";
  badInput(meanSummary, [
    bad(fn, [[1, NaN_]], "NON_FINITE", 1),
    bad(fn, [[Inf, 1]], "NON_FINITE", 0),
    bad(fn, [Float64Array.of(1, 2, -Inf)], "NON_FINITE", 2),
    bad(fn, [[1, "2"]], "INVALID_SCORE", 1),
    bad(fn, [[true]], "INVALID_SCORE", 0),
    bad(fn, [[1, 2n ** 60n]], "INVALID_SCORE", 1, "a bigint without an exact double"),
    bad(fn, [[{ v: 1 }, { v: {} }], (r: { v: unknown }) => r.v], "INVALID_SCORE", 1),
    bad(fn, [[{ v: 1 }, { v: NaN_ }], (r: { v: unknown }) => r.v], "NON_FINITE", 1),
    bad(fn, [null], "INVALID_INPUT"),
    bad(fn, [5], "INVALID_INPUT"),
    bad(fn, ["1, 2"], "INVALID_INPUT"),
    bad(fn, [[1], null], "INVALID_OPTION"),
    bad(fn, [[1], { invalid: "drop" }], "INVALID_OPTION"),
    bad(fn, [[1], { invalud: "skip" }], "INVALID_OPTION", undefined, "a misspelt option"),
    bad(fn, [[1], { weights: [1] }], "INVALID_OPTION", undefined, "no weights: a mean of rows"),
  ]);

  test("meanSummary([]) and meanSummary of nulls and skipped values are empty summaries, not errors", () => {
    expect(meanSummary(deepFreeze([]))).toEqual(emptyMeanSummary());
    expect(meanSummary(deepFreeze([null, undefined, NaN_]), { invalid: "skip" })).toEqual({ ...emptyMeanSummary(), skipped: 2, invalid: 1 });
  });
});

describe("emptyMeanSummary bad input", () => {
  const fn = "emptyMeanSummary";
  badInput(emptyMeanSummary, [
    bad(fn, [{ invalid: "skip" }], "INVALID_OPTION", undefined, "it takes no options"),
    bad(fn, [0], "INVALID_OPTION"),
  ]);
});

describe("meanFromSummary bad input", () => {
  const fn = "meanFromSummary";
  badInput(meanFromSummary, [
    ...malformed.map((m) => bad(fn, [m], "INVALID_SUMMARY")),
    bad(fn, [L("emptyMeanSummary()", emptyMeanSummary())], "EMPTY_INPUT"),
    bad(fn, [L("meanSummary([null, null])", meanSummary([null, null]))], "EMPTY_INPUT"),
    bad(fn, [L("the JSON of an empty summary (min and max null)", JSON.parse(JSON.stringify(emptyMeanSummary())))], "EMPTY_INPUT"),
    bad(fn, [S, { confidence: 1 }], "INVALID_OPTION"),
    bad(fn, [S, { confidence: "95%" }], "INVALID_OPTION"),
    bad(fn, [S, { level: 0.9 }], "INVALID_OPTION"),
    bad(fn, [S, null], "INVALID_OPTION"),
  ]);

  noNaN([
    valid("meanFromSummary of one value", () => meanFromSummary(meanSummary([7]))),
    valid("meanFromSummary of a constant", () => meanFromSummary(meanSummary([3, 3, 3]))),
    valid("meanFromSummary of values near 1e300", () => meanFromSummary(meanSummary([1e300, 1.5e300, -2e300]))),
    valid("meanFromSummary of values near 1e-300", () => meanFromSummary(meanSummary([1e-300, 3e-300]))),
  ]);
});

describe("mergeMeanSummaries bad input", () => {
  const fn = "mergeMeanSummaries";
  badInput(mergeMeanSummaries, [
    bad(fn, [], "EMPTY_INPUT"),
    ...malformed.map((m) => bad(fn, [S, m], "INVALID_SUMMARY", 1)),
    bad(fn, [s('kind: "nps"', { kind: "nps" }), S], "INVALID_SUMMARY", 0),
  ]);

  test("mergeMeanSummaries builds its result from the known fields only", () => {
    const got = mergeMeanSummaries(s("extra: Infinity", { extra: Inf }), S);
    expect(Object.keys(got).sort()).toEqual(["invalid", "kind", "m2", "max", "mean", "min", "n", "skipped"]);
  });
});

describe("meanKind.check bad input", () => {
  badInput(meanKind.check, malformed.map((m) => bad("meanKind.check", [m], "INVALID_SUMMARY")));

  test("meanKind.check names the summary's index in a list, and reads an empty summary's null extremes as ±Infinity", () => {
    expect(thrown(() => meanKind.check(s("n: −1", { n: -1 }), 3))).toMatchObject({ code: "INVALID_SUMMARY", index: 3 });
    expect(meanKind.check(deepFreeze({ kind: "moments", n: 0, mean: 0, m2: 0, min: null, max: null, skipped: 2, invalid: 0 }))).toEqual({ ...emptyMeanSummary(), skipped: 2 });
  });
});

// ---------------------------------------------------------------------------------------------
// CxMetricsError
// ---------------------------------------------------------------------------------------------

// CxMetricsError itself must never throw while it is being built: it is what every bad input ends
// in, and a user (or a worker message, or a JSON-revived error) may hand it anything.

/** Inputs are frozen (STYLE.md): the constructor must copy, never change, what it is given. */
const frozen = <T>(v: T): T => (v !== null && typeof v === "object" ? Object.freeze(v) : v);
const build = (message: unknown, context?: unknown) => new CxMetricsError("INVALID_INPUT", frozen(message) as string, undefined, undefined, frozen(context) as never);

describe("CxMetricsError bad arguments", () => {
  const NOT_ARRAYS: [string, unknown][] = [
    ["5", 5],
    ["null", null],
    ['"row 1"', "row 1"],
    ["{ kind: \"row\", row: 1 }", { kind: "row", row: 1 }],
    ["Object.create(null)", Object.create(null)],
    ["a Set", new Set([{ kind: "row", row: 1 }])],
  ];
  for (const [label, context] of NOT_ARRAYS) {
    test(`new CxMetricsError(code, "f: x", …, context ${label}) counts a context that is not an array as []`, () => {
      const e = build("f: x", context);
      expect(e).toBeInstanceOf(CxMetricsError);
      expect(e.context).toEqual([]);
      expect(e.message).toBe("f: x");
    });
  }

  test("new CxMetricsError skips context entries of an unknown kind or with a field of the wrong type, and keeps the good ones in order", () => {
    const context = Object.freeze([
      null,
      5,
      {},
      { kind: "cell" },
      { kind: "row" },
      { kind: "row", row: Object.create(null) },
      { kind: "metric", key: 10n },
      { kind: "lag", lag: Symbol("x") },
      { kind: "toString", row: 1 },
      { kind: "metric", key: "nps" },
      { kind: "row", row: 7 },
    ]);
    const e = build("evaluatePortfolio: bad score", context);
    expect(e.context).toEqual([{ kind: "metric", key: "nps" }, { kind: "row", row: 7 }]);
    expect(e.message).toBe('evaluatePortfolio: metric "nps", row 7: bad score');
    expect(e.fn).toBe("evaluatePortfolio");
  });

  const MESSAGES: [string, unknown, string][] = [
    ["a number", 42, "42"],
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a Symbol", Symbol("s"), "Symbol(s)"],
    ["Object.create(null)", Object.create(null), "object"],
    ["an object whose toString throws", { toString: () => { throw new Error("no"); } }, "object"],
    ["a BigInt", 10n, "10"],
  ];
  for (const [label, message, text] of MESSAGES) {
    test(`new CxMetricsError(code, ${label}) takes the message's text without throwing`, () => {
      const e = build(message);
      expect(e).toBeInstanceOf(CxMetricsError);
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.message).toBe(text);
      expect(e.reason).toBe(text);
      expect(e.fn).toBe("");
    });
  }
});
