// Bad input for every entry point of the correlation and outcomes module (src/relate).
//
// Every error row asserts: a CxMetricsError (instanceof), its exact `code`, its `index` (the
// offending value's or row's index when one value is at fault, `undefined` otherwise, as
// documented on CxMetricsError), and a `message` that starts with the name of the function that
// was called, then ": ". Every input is frozen (STYLE.md), so a function that mutates its input
// fails with a TypeError instead of a CxMetricsError.
import { describe, expect, test } from "vitest";
import {
  alignByPeriod,
  benjaminiHochberg,
  emptyPearsonSummary,
  holm,
  kendall,
  laggedCorrelation,
  linearRegression,
  mergePearsonSummaries,
  pearson,
  pearsonFromSummary,
  pearsonKind,
  pearsonSummary,
  periodChange,
  relateMetricToOutcomes,
  spearman,
} from "../../src/index";
import { type AnyFn, type Bad, bad, badInput, deepFreeze, L, malformedSummaries, noNaN, show, thrown, valid } from "../helpers/tables";

const NaN_ = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

// ---------------------------------------------------------------------------------------------
// pearson, spearman, kendall, linearRegression: paired arrays
// ---------------------------------------------------------------------------------------------

/** The rows every reader of paired arrays shares. */
function pairRows(fn: string, constantY: boolean): Bad[] {
  const rows: Bad[] = [
    // lengths
    bad(fn, [[1, 2, 3], [1, 2]], "LENGTH_MISMATCH"),
    bad(fn, [[], [1]], "LENGTH_MISMATCH"),
    bad(fn, [Float64Array.of(1, 2, 3, 4), [1, 2, 3]], "LENGTH_MISMATCH", undefined, "a typed array against an array"),
    // too few pairs
    bad(fn, [[1, 2], [3, 5]], "INSUFFICIENT_DATA"),
    bad(fn, [[], []], "EMPTY_INPUT"),
    bad(fn, [Float64Array.of(1), Float64Array.of(2)], "INSUFFICIENT_DATA"),
    // constant series
    bad(fn, [[2, 2, 2, 2], [1, 2, 3, 4]], "CONSTANT_INPUT", undefined, "x constant"),
    bad(fn, [[1e9, 1e9, 1e9], [1, 2, 3]], "CONSTANT_INPUT", undefined, "x constant at a large offset"),
    bad(fn, [[7, 7, 7], [7, 7, 7]], "CONSTANT_INPUT"),
    // non-finite values, with the index of the first
    bad(fn, [[1, 2, NaN_, 4], [1, 2, 3, 4]], "NON_FINITE", 2),
    bad(fn, [[1, 2, 3, 4], [1, Inf, 3, 4]], "NON_FINITE", 1),
    bad(fn, [[-Inf, 2, 3, 4], [1, 2, 3, 4]], "NON_FINITE", 0),
    bad(fn, [[1, 2, 3, NaN_], [1, -Inf, 3, 4]], "NON_FINITE", 1, "the first bad pair wins"),
    bad(fn, [Float64Array.of(1, 2, 3, NaN_), Float64Array.of(1, 2, 3, 4)], "NON_FINITE", 3, "typed arrays"),
    bad(fn, [[NaN_, 1], [1, 2]], "NON_FINITE", 0, "a NaN is reported before the count of pairs"),
    // values that are not numbers
    bad(fn, [[1, "2", 3], [1, 2, 3]], "INVALID_SCORE", 1),
    bad(fn, [[1, 2, 3], [1, 2, true]], "INVALID_SCORE", 2),
    bad(fn, [[1, 2, {}], [1, 2, 3]], "INVALID_SCORE", 2),
    // an exact bigint is its number (DuckDB BIGINT); one without an exact double is refused
    bad(fn, [[1, 2, 3, 2n ** 60n + 1n], [1, 2, 3, 4]], "OUT_OF_RANGE", 3),
    // not arrays
    bad(fn, [null, [1, 2, 3]], "INVALID_INPUT"),
    bad(fn, [[1, 2, 3], undefined], "INVALID_INPUT"),
    bad(fn, ["123", "456"], "INVALID_INPUT"),
    bad(fn, [42, 42], "INVALID_INPUT"),
    bad(fn, [{ a: 1 }, [1, 2, 3]], "INVALID_INPUT"),
    // options
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], { confidence: 0 }], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], { confidence: 1 }], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], { confidence: 95 }], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], { confidence: -0.5 }], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], { confidence: NaN_ }], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], { confidence: "0.95" }], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], null], "INVALID_OPTION"),
    bad(fn, [[1, 2, 3, 4], [2, 1, 4, 3], 0.95], "INVALID_OPTION", undefined, "a bare confidence instead of { confidence }"),
  ];
  if (constantY) {
    rows.push(bad(fn, [[1, 2, 3, 4], [5, 5, 5, 5]], "CONSTANT_INPUT", undefined, "y constant"));
    rows.push(bad(fn, [[1, 2, 3, 4, 5], Float64Array.of(0, 0, 0, 0, 0)], "CONSTANT_INPUT", undefined, "y constant, typed"));
  }
  return rows;
}

describe("pearson bad input", () => {
  badInput(pearson, [
    ...pairRows("pearson", true),
    // data near 1e200 or 1e155 in blocks are no longer refused: they are summarized in units of a
    // power of two (test/relate/relate.numerics.test.ts checks their values)
  ]);
});

describe("spearman bad input", () => {
  badInput(spearman, pairRows("spearman", true));
});

describe("kendall bad input", () => {
  badInput(kendall, pairRows("kendall", true));
});

describe("linearRegression bad input", () => {
  badInput(linearRegression, [
    ...pairRows("linearRegression", false),
    // a line that does not fit in a double: slope 1e600
    bad("linearRegression", [[1e-300, 2e-300, 4e-300], [1e300, 3e300, 2e300]], "NON_FINITE", undefined, "slope 1e600"),
  ]);

  test("linearRegression(x, constant y) is not an error: slope 0, R² 0, p-value 1", () => {
    const fit = linearRegression(deepFreeze([1, 2, 3, 4]), deepFreeze([5, 5, 5, 5]));
    expect(fit.slope).toBe(0);
    expect(fit.intercept).toBe(5);
    expect(fit.rSquared).toBe(0);
    expect(fit.pValue).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// pearsonSummary, mergePearsonSummaries, pearsonFromSummary
// ---------------------------------------------------------------------------------------------

/** The summary of x = [1, 2, 3, 4], y = [2, 4, 5, 9]: n 4, means 2.5 and 5, m2x 5, m2y 26, cxy 11. */
const S = L("S", pearsonSummary([1, 2, 3, 4], [2, 4, 5, 9]));
const s = (label: string, change: Record<string, unknown>) => L(`{ ...S, ${label} }`, { ...S, ...change });

/** Summaries that are malformed (INVALID_SUMMARY). */
const malformed: unknown[] = [
  ...malformedSummaries(S),
  s("m2x: −1", { m2x: -1 }),
  s("m2y: Infinity", { m2y: Inf }),
  s("meanX: NaN", { meanX: NaN_ }),
  s("meanY: −Infinity", { meanY: -Inf }),
  s('cxy: "11"', { cxy: "11" }),
  s("cxy: NaN", { cxy: NaN_ }),
  s("cxy: 12 > √(5·26) (Cauchy–Schwarz)", { cxy: 12 }),
  s("cxy: −12 (Cauchy–Schwarz)", { cxy: -12 }),
];

describe("pearsonSummary bad input", () => {
  const fn = "pearsonSummary";
  badInput(pearsonSummary, [
    bad(fn, [[1, 2, 3], [1, 2]], "LENGTH_MISMATCH"),
    bad(fn, [[1, NaN_], [1, 2]], "NON_FINITE", 1),
    bad(fn, [[1, 2], [Inf, 2]], "NON_FINITE", 0),
    bad(fn, [[1, "2"], [1, 2]], "INVALID_SCORE", 1),
    bad(fn, [null, []], "INVALID_INPUT"),
    bad(fn, [[], "[]"], "INVALID_INPUT"),
  ]);

  test("pearsonSummary([], []) and pearsonSummary of two pairs are summaries, not errors", () => {
    expect(pearsonSummary(deepFreeze([]), deepFreeze([]))).toEqual({ kind: "pearson", n: 0, meanX: 0, meanY: 0, m2x: 0, m2y: 0, cxy: 0 });
    expect(pearsonSummary(deepFreeze([1, 3]), deepFreeze([2, 2])).n).toBe(2);
  });
});

describe("pearsonFromSummary bad input", () => {
  const fn = "pearsonFromSummary";
  badInput(pearsonFromSummary, [
    ...malformed.map((m) => bad(fn, [m], "INVALID_SUMMARY")),
    bad(fn, [s("n: 2", { n: 2 })], "INSUFFICIENT_DATA"),
    bad(fn, [L("pearsonSummary([], [])", pearsonSummary([], []))], "EMPTY_INPUT"),
    bad(fn, [L("pearsonSummary([1, 2], [3, 5])", pearsonSummary([1, 2], [3, 5]))], "INSUFFICIENT_DATA"),
    bad(fn, [s("m2x: 0, cxy: 0", { m2x: 0, cxy: 0 })], "CONSTANT_INPUT"),
    bad(fn, [s("m2y: 0, cxy: 0", { m2y: 0, cxy: 0 })], "CONSTANT_INPUT"),
    bad(fn, [L("pearsonSummary([3, 3, 3], [1, 2, 3])", pearsonSummary([3, 3, 3], [1, 2, 3]))], "CONSTANT_INPUT"),
    bad(fn, [S, { confidence: 1 }], "INVALID_OPTION"),
    bad(fn, [S, { confidence: "95%" }], "INVALID_OPTION"),
    bad(fn, [S, null], "INVALID_OPTION"),
  ]);
});

describe("emptyPearsonSummary bad input", () => {
  const fn = "emptyPearsonSummary";
  badInput(emptyPearsonSummary, [
    bad(fn, [{ confidence: 0.9 }], "INVALID_OPTION", undefined, "it takes no options"),
    bad(fn, [S], "INVALID_OPTION", undefined, "a summary is not an argument"),
    bad(fn, [0], "INVALID_OPTION"),
  ]);

  test("emptyPearsonSummary() is the summary of no pairs, legal to merge and to check, and finishes to EMPTY_INPUT", () => {
    const e = emptyPearsonSummary();
    expect(e).toEqual(pearsonSummary([], []));
    expect(mergePearsonSummaries(S, e)).toEqual(S);
    expect(mergePearsonSummaries(e, e)).toEqual(e);
    expect(pearsonKind.check(JSON.parse(JSON.stringify(e)))).toEqual(e);
    expect(thrown(() => pearsonFromSummary(e))).toMatchObject({ code: "EMPTY_INPUT" });
  });
});

describe("pearsonKind.check bad input", () => {
  badInput(pearsonKind.check, malformed.map((m) => bad("pearsonKind.check", [m], "INVALID_SUMMARY")));
  test("pearsonKind.check names the summary's index in a list", () => {
    expect(thrown(() => pearsonKind.check(s("n: −1", { n: -1 }), 3))).toMatchObject({ code: "INVALID_SUMMARY", index: 3 });
  });
});

describe("mergePearsonSummaries bad input", () => {
  const fn = "mergePearsonSummaries";
  badInput(mergePearsonSummaries, [
    bad(fn, [], "EMPTY_INPUT"),
    ...malformed.map((m) => bad(fn, [S, m], "INVALID_SUMMARY", 1)),
    bad(fn, [s('kind: "csat"', { kind: "csat" }), S], "INVALID_SUMMARY", 0),
    bad(fn, [S, S, s("n: −1", { n: -1 })], "INVALID_SUMMARY", 2),
  ]);

  test("mergePearsonSummaries of a summary with meanY 1e308 is finite (merged in larger units), not Infinity", () => {
    const far = s("meanY: 1e308", { n: 2, meanX: 1.5, meanY: 1e308, m2x: 0.5, m2y: 2, cxy: 1 });
    const got = mergePearsonSummaries(far, S);
    for (const f of ["meanX", "meanY", "m2x", "m2y", "cxy"] as const) expect(Number.isFinite(got[f]), f).toBe(true);
    expect(got.scaleY).toBe(2 ** 1023);
  });

  test("mergePearsonSummaries builds its result from the known fields only", () => {
    const got = mergePearsonSummaries(s("extra: Infinity", { extra: Number.POSITIVE_INFINITY }), S);
    expect(Object.keys(got).sort()).toEqual(["cxy", "kind", "m2x", "m2y", "meanX", "meanY", "n"]);
  });
});

// ---------------------------------------------------------------------------------------------
// holm and benjaminiHochberg
// ---------------------------------------------------------------------------------------------

for (const [fn, f] of [
  ["holm", holm],
  ["benjaminiHochberg", benjaminiHochberg],
] as [string, AnyFn][]) {
  describe(`${fn} bad input`, () => {
    badInput(f, [
      bad(fn, [[0.1, 1.5]], "OUT_OF_RANGE", 1),
      bad(fn, [[-0.01]], "OUT_OF_RANGE", 0),
      bad(fn, [[0.2, 0.3, 1.0000001]], "OUT_OF_RANGE", 2),
      bad(fn, [[0.2, -1e-300, 3]], "OUT_OF_RANGE", 1, "the first bad value wins"),
      bad(fn, [Float64Array.of(0.5, 2)], "OUT_OF_RANGE", 1),
      // docs/errors.md: NON_FINITE is "NaN, Infinity, -Infinity"; INVALID_SCORE "a value that is
      // not a number" — as every other reader of numbers in the library reports them
      bad(fn, [[0.2, NaN_]], "NON_FINITE", 1),
      bad(fn, [[Inf, 0.2]], "NON_FINITE", 0),
      bad(fn, [[0.2, "0.05"]], "INVALID_SCORE", 1),
      bad(fn, [null], "INVALID_INPUT"),
      bad(fn, [0.05], "INVALID_INPUT"),
      bad(fn, ["0.05"], "INVALID_INPUT"),
    ]);

    test(`${fn}([]) is [] and ${fn}([0, 1]) keeps both ends`, () => {
      expect(f(deepFreeze([]))).toEqual([]);
      const adj = f(deepFreeze([0, 1])) as number[];
      expect(adj[0]).toBe(0);
      expect(adj[1]).toBe(1);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// alignByPeriod
// ---------------------------------------------------------------------------------------------

interface Pt {
  d: unknown;
  v: unknown;
}
const rowsOf = (...pts: [unknown, unknown?][]) => pts.map(([d, v = 1]): Pt => ({ d, v }));
const label = (rows: Pt[]) => `[${rows.map((r) => (r.v === 1 ? show(r.d) : `${show(r.d)}: ${show(r.v)}`)).join(", ")}]`;

/** A series of points: `{ rows, date, value }`. */
function points(...pts: [unknown, unknown?][]) {
  const rows = rowsOf(...pts);
  // the accessors return whatever the row holds: the casts only let bad values through the types
  return L(`points${label(rows)}`, { rows, date: (r: Pt) => r.d as string, value: (r: Pt) => r.v as number });
}
/** A series of raw rows computed per period: `{ rows, date, compute }`. */
function raw(compute: (rows: Pt[]) => unknown, name: string, ...pts: [unknown, unknown?][]) {
  const rows = rowsOf(...pts);
  return L(`raw${label(rows)} with compute ${name}`, { rows, date: (r: Pt) => r.d as string, compute: compute as (rows: Pt[]) => number });
}
const count = (rows: Pt[]) => rows.length;
const MONTH = L('{ period: "month" }', { period: "month" as const });
const opts = (o: Record<string, unknown>) => L(show(o), o);

const OK_METRIC = points(["2024-01-10"], ["2024-02-10"], ["2024-03-10"]);
const OK_OUTCOME = points(["2024-01-31", 100], ["2024-02-29", 104], ["2024-03-31", 101]);

describe("alignByPeriod bad input", () => {
  const fn = "alignByPeriod";
  badInput(alignByPeriod, [
    // two points of a value series in one period
    bad(fn, [points(["2024-01-10"], ["2024-02-03"], ["2024-01-31"]), OK_OUTCOME, MONTH], "DUPLICATE_PERIOD", 2),
    bad(fn, [OK_METRIC, points(["2024-01-31"], ["2024-01-01"]), MONTH], "DUPLICATE_PERIOD", 1),
    bad(fn, [OK_METRIC, points(["2024-01-31T23:30:00Z"], ["2024-02-10"]), opts({ period: "month", timeZone: "Asia/Tokyo" })], "DUPLICATE_PERIOD", 1, "both in February in Tokyo"),
    bad(fn, [points(["2024-01-01"], ["2024-01-07"]), OK_OUTCOME, opts({ period: "week" })], "DUPLICATE_PERIOD", 1, "Monday and Sunday of one ISO week"),
    bad(fn, [points(["2024-01-01"], ["2024-03-31"]), OK_OUTCOME, opts({ period: "quarter" })], "DUPLICATE_PERIOD", 1),
    // options
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({ period: "fortnight" })], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({ period: "months" })], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({})], "INVALID_OPTION", undefined, "no period"),
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({ period: "month", timeZone: "Mars/Olympus_Mons" })], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({ period: "month", timeZone: "" })], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({ period: "month", timeZone: 9 })], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, opts({ period: "week", weekStartsOn: 7 })], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, null], "INVALID_OPTION"),
    bad(fn, [OK_METRIC, OK_OUTCOME, "month"], "INVALID_OPTION"),
    // accessors: exactly one of value and compute, and a date
    bad(fn, [L("{ rows, date, value, compute }", { ...OK_METRIC, compute: count }), OK_OUTCOME, MONTH], "INVALID_OPTION", undefined, "both value and compute"),
    bad(fn, [OK_METRIC, L("{ rows, date }", { rows: OK_OUTCOME.rows, date: OK_OUTCOME.date }), MONTH], "INVALID_OPTION", undefined, "neither value nor compute"),
    bad(fn, [L("{ rows, value }", { rows: OK_METRIC.rows, value: OK_METRIC.value }), OK_OUTCOME, MONTH], "INVALID_OPTION", undefined, "no date accessor"),
    bad(fn, [L('{ rows, date: "d", value }', { ...OK_METRIC, date: "d" }), OK_OUTCOME, MONTH], "INVALID_OPTION"),
    // unreadable dates, with the row index
    bad(fn, [points(["2024-01-10"], ["2024-02-30"]), OK_OUTCOME, MONTH], "INVALID_DATE", 1, "30 February"),
    bad(fn, [points(["yesterday"]), OK_OUTCOME, MONTH], "INVALID_DATE", 0),
    bad(fn, [points(["2024-01-10"], ["2024-01-11T10:00"]), OK_OUTCOME, MONTH], "INVALID_DATE", 1, "a date-time without an offset"),
    bad(fn, [points(["2024-01-10"], ["01/11/2024"]), OK_OUTCOME, MONTH], "INVALID_DATE", 1),
    bad(fn, [OK_METRIC, points(["2024-01-31"], [new Date(NaN_)]), MONTH], "INVALID_DATE", 1),
    bad(fn, [OK_METRIC, points([NaN_]), MONTH], "INVALID_DATE", 0),
    bad(fn, [OK_METRIC, points(["2024-01-31"], [null]), MONTH], "INVALID_DATE", 1),
    bad(fn, [raw(count, "rows.length", ["2024-01-10"], [{}]), OK_OUTCOME, MONTH], "INVALID_DATE", 1),
    // values
    bad(fn, [points(["2024-01-10", 30], ["2024-02-10", NaN_]), OK_OUTCOME, MONTH], "NON_FINITE", 1),
    bad(fn, [OK_METRIC, points(["2024-01-31", Inf]), MONTH], "NON_FINITE", 0),
    bad(fn, [points(["2024-01-10", "30"]), OK_OUTCOME, MONTH], "INVALID_SCORE", 0),
    bad(fn, [OK_METRIC, points(["2024-01-31", 100], ["2024-02-29", null]), MONTH], "INVALID_SCORE", 1),
    // compute returning NaN: the index of the period's first row
    bad(fn, [raw((rows) => (rows.length === 2 ? NaN_ : 1), "NaN for two rows", ["2024-01-05"], ["2024-02-01"], ["2024-02-20"]), OK_OUTCOME, MONTH], "NON_FINITE", 1),
    bad(fn, [raw(() => Inf, "Infinity", ["2024-01-05"]), OK_OUTCOME, MONTH], "NON_FINITE", 0),
    // empty series
    bad(fn, [points(), OK_OUTCOME, MONTH], "EMPTY_INPUT"),
    bad(fn, [OK_METRIC, points(), MONTH], "EMPTY_INPUT"),
    bad(fn, [raw(count, "rows.length"), OK_OUTCOME, MONTH], "EMPTY_INPUT"),
    // not series
    bad(fn, [null, OK_OUTCOME, MONTH], "INVALID_INPUT"),
    bad(fn, [OK_METRIC, L("{ rows: 5, date, value }", { rows: 5, date: OK_METRIC.date, value: OK_METRIC.value }), MONTH], "INVALID_INPUT"),
    bad(fn, [[1, 2, 3], OK_OUTCOME, MONTH], "INVALID_INPUT", undefined, "an array instead of { rows, date, value }"),
  ]);

  test("alignByPeriod does not need sorted rows: shuffled points and raw rows give the same result as sorted ones", () => {
    const sortedMetric = raw(count, "rows.length", ["2024-01-03"], ["2024-01-20"], ["2024-02-11"], ["2024-04-30"], ["2024-04-01"]);
    const shuffledMetric = raw(count, "rows.length", ["2024-04-30"], ["2024-01-20"], ["2024-04-01"], ["2024-02-11"], ["2024-01-03"]);
    const sortedOutcome = points(["2023-12-31", 90], ["2024-01-31", 100], ["2024-02-29", 104], ["2024-03-31", 101]);
    const shuffledOutcome = points(["2024-03-31", 101], ["2023-12-31", 90], ["2024-02-29", 104], ["2024-01-31", 100]);
    const sorted = alignByPeriod(sortedMetric, sortedOutcome, MONTH);
    const shuffled = alignByPeriod(shuffledMetric, shuffledOutcome, MONTH);
    expect(shuffled).toEqual(sorted);
    expect(sorted.periods).toEqual(["2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]);
    expect(sorted.metric).toEqual([null, 2, 1, null, 2]);
    expect(sorted.outcome).toEqual([90, 100, 104, 101, null]);
    expect(sorted.missing).toEqual({ metric: ["2023-12-01", "2024-03-01"], outcome: ["2024-04-01"] });
  });

  test("alignByPeriod lets an error thrown by compute pass through unchanged", () => {
    const boom = new RangeError("compute failed");
    const e = thrown(() =>
      alignByPeriod(
        raw(() => {
          throw boom;
        }, "throwing", ["2024-01-05"]),
        OK_OUTCOME,
        MONTH,
      ),
    );
    expect(e).toBe(boom);
  });
});

// ---------------------------------------------------------------------------------------------
// laggedCorrelation
// ---------------------------------------------------------------------------------------------

const series = (metric: unknown[], outcome: unknown[]) =>
  L(`{ metric: ${show(metric)}, outcome: ${show(outcome)} }`, { metric: metric as (number | null)[], outcome: outcome as (number | null)[] });
const M8 = [1, 5, 2, 8, 3, 9, 4, 7];
const O8 = [0, 1, 5, 2, 8, 3, 9, 4];
const S8 = series(M8, O8);

describe("laggedCorrelation bad input", () => {
  const fn = "laggedCorrelation";
  badInput(laggedCorrelation, [
    // maxLag
    bad(fn, [S8, { maxLag: 6 }], "INVALID_OPTION", undefined, "8 periods allow at most maxLag 5"),
    bad(fn, [series([1, 2, 3], [3, 1, 2]), { maxLag: 1 }], "INVALID_OPTION", undefined, "3 periods allow only maxLag 0"),
    bad(fn, [series([1, 2], [2, 1]), { maxLag: 0 }], "INVALID_OPTION", undefined, "2 periods: not even lag 0"),
    bad(fn, [S8, { maxLag: -1 }], "INVALID_OPTION"),
    bad(fn, [S8, { maxLag: 1.5 }], "INVALID_OPTION"),
    bad(fn, [S8, { maxLag: NaN_ }], "INVALID_OPTION"),
    bad(fn, [S8, { maxLag: Inf }], "INVALID_OPTION"),
    bad(fn, [S8, { maxLag: "2" }], "INVALID_OPTION"),
    bad(fn, [S8, {}], "INVALID_OPTION", undefined, "no maxLag"),
    // method and confidence
    bad(fn, [S8, { maxLag: 2, method: "pearsons" }], "INVALID_OPTION"),
    bad(fn, [S8, { maxLag: 2, method: "Kendall" }], "INVALID_OPTION"),
    bad(fn, [S8, { maxLag: 2, confidence: 1 }], "INVALID_OPTION"),
    bad(fn, [S8, null], "INVALID_OPTION"),
    bad(fn, [S8, 2], "INVALID_OPTION", undefined, "a bare maxLag instead of { maxLag }"),
    // the series
    bad(fn, [series(M8, O8.slice(1)), { maxLag: 1 }], "LENGTH_MISMATCH"),
    bad(fn, [series([1, 5, 2, NaN_, 3, 9], [0, 1, 5, 2, 8, 3]), { maxLag: 1 }], "NON_FINITE", 3),
    bad(fn, [series([1, 5, 2, 8, 3, 9], [0, 1, -Inf, 2, 8, 3]), { maxLag: 1 }], "NON_FINITE", 2),
    bad(fn, [series([1, 5, 2, 8, 3, 9], [0, 1, "5", 2, 8, 3]), { maxLag: 1 }], "INVALID_SCORE", 2),
    bad(fn, [series([1, 5, true, 8, 3, 9], [0, 1, 5, 2, 8, 3]), { maxLag: 1 }], "INVALID_SCORE", 2),
    bad(fn, [null, { maxLag: 1 }], "INVALID_INPUT"),
    bad(fn, [L("{ metric: 5, outcome: [...] }", { metric: 5, outcome: O8 }), { maxLag: 1 }], "INVALID_INPUT"),
    bad(fn, [L("{}", {}), { maxLag: 0 }], "INVALID_INPUT"),
    bad(fn, [L("[M8, O8]", [M8, O8]), { maxLag: 0 }], "INVALID_INPUT", undefined, "a pair of arrays instead of { metric, outcome }"),
  ]);

  for (const method of ["pearson", "spearman", "kendall"] as const) {
    test(`laggedCorrelation(…, { method: "${method}" }) with a constant window gives r: null and a note at that lag, and no error`, () => {
      // at lag −3 the pairs are metric[3..6] against outcome[0..3] = 3, 3, 3, 3
      const res = laggedCorrelation(series([1, 2, 3, 4, 5, 6, 7], [3, 3, 3, 3, 9, 1, 4]), { maxLag: 3, method });
      const row = res.rows.find((r) => r.lag === -3)!;
      expect(row).toMatchObject({ n: 4, r: null, ci: null, pValue: null, pHolm: null, pBH: null });
      expect(row.note).toMatch(/constant/);
      expect(res.rows.filter((r) => r.r !== null)).toHaveLength(6);
      expect(res.best).not.toBe(null);
    });
  }

  test("laggedCorrelation with fewer than 3 pairs at a lag (missing periods) gives r: null and a note there", () => {
    const res = laggedCorrelation(series([1, 2, null, 4, null, 6], [2, null, 3, 5, 4, 1]), { maxLag: 3 });
    const row = res.rows.find((r) => r.lag === 3)!;
    expect(row.n).toBe(2);
    expect(row.r).toBe(null);
    expect(row.note).toMatch(/fewer than 3/);
  });

  test("laggedCorrelation where no lag has a coefficient gives best: null, not an error", () => {
    const res = laggedCorrelation(series([1, 1, 1, 1, 1], [1, 2, 3, 4, 5]), { maxLag: 1 });
    expect(res.rows.every((r) => r.r === null && r.note !== undefined)).toBe(true);
    expect(res.best).toBe(null);
  });
});

// ---------------------------------------------------------------------------------------------
// periodChange
// ---------------------------------------------------------------------------------------------

describe("periodChange bad input", () => {
  const fn = "periodChange";
  badInput(periodChange, [
    bad(fn, [[100, 0, 50], "growth"], "OUT_OF_RANGE", 1),
    bad(fn, [[0, 100], "growth"], "OUT_OF_RANGE", 0),
    bad(fn, [[100, 110, -5], "growth"], "OUT_OF_RANGE", 2),
    bad(fn, [[-100, -110], "growth"], "OUT_OF_RANGE", 0),
    bad(fn, [[100, null, 90, 0, 10], "growth"], "OUT_OF_RANGE", 3),
    bad(fn, [[100, -1], "log-growth"], "OUT_OF_RANGE", 1),
    bad(fn, [[0, 0], "log-growth"], "OUT_OF_RANGE", 0),
    bad(fn, [[1, 2], "percent"], "INVALID_OPTION"),
    bad(fn, [[1, 2], "Growth"], "INVALID_OPTION"),
    bad(fn, [[1, 2], 1], "INVALID_OPTION"),
    bad(fn, [[1, NaN_, 3]], "NON_FINITE", 1),
    bad(fn, [[1, 2, Inf], "growth"], "NON_FINITE", 2),
    bad(fn, [[1, "2"]], "INVALID_SCORE", 1),
    bad(fn, [null], "INVALID_INPUT"),
    bad(fn, [42, "growth"], "INVALID_INPUT"),
  ]);

  test('periodChange with "difference" accepts zero and negative levels', () => {
    expect(periodChange(deepFreeze([0, -5, 5]))).toEqual([null, -5, 10]);
  });
});

// ---------------------------------------------------------------------------------------------
// relateMetricToOutcomes
// ---------------------------------------------------------------------------------------------

const MONTHS = ["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15"];
const SCORE = points(...MONTHS.map((d, i): [string, number] => [d, [20, 35, 25, 40, 30, 45][i]!]));
const REVENUE = points(...MONTHS.map((d, i): [string, number] => [d, [100, 110, 113, 125, 129, 142][i]!]));
const OUTCOMES = L("{ revenue }", { revenue: REVENUE });

describe("relateMetricToOutcomes bad input", () => {
  const fn = "relateMetricToOutcomes";
  badInput(relateMetricToOutcomes, [
    bad(fn, [SCORE, L("{}", {}), MONTH], "EMPTY_INPUT"),
    bad(fn, [SCORE, null, MONTH], "EMPTY_INPUT"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", outcomeTransform: "percent" })], "INVALID_OPTION"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", outcomeTransform: "levels" })], "INVALID_OPTION"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", metricTransform: "growth" })], "INVALID_OPTION", undefined, "the metric is a level or a difference"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", methods: ["pearson", "tau"] })], "INVALID_OPTION"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", methods: [] })], "INVALID_OPTION"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", methods: "spearman" })], "INVALID_OPTION", undefined, "a method instead of a list"),
    bad(fn, [SCORE, OUTCOMES, null], "INVALID_OPTION"),
    // Options of relateMetricToOutcomes itself, refused by the functions it calls: the message
    // names alignByPeriod or laggedCorrelation instead of relateMetricToOutcomes.
    bad(fn, [SCORE, OUTCOMES, opts({ period: "fortnight" })], "INVALID_OPTION"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", timeZone: "Mars/Olympus_Mons" })], "INVALID_OPTION"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", maxLag: 4 })], "INVALID_OPTION", undefined, "6 months allow at most maxLag 3"),
    bad(fn, [SCORE, OUTCOMES, opts({ period: "month", confidence: 2 })], "INVALID_OPTION"),
    // a duplicate outcome point: the index is the outcome row's
    bad(fn, [SCORE, L("{ revenue: points[…, 2024-02-29, 2024-02-01] }", { revenue: points(["2024-01-31"], ["2024-02-29"], ["2024-02-01"]) }), MONTH], "DUPLICATE_PERIOD", 2),
  ]);

});

// ---------------------------------------------------------------------------------------------
// No NaN in any valid result
// ---------------------------------------------------------------------------------------------

describe("valid edge cases of the relate module", () => {
  const x3 = deepFreeze([1, 2, 3]);
  const y3 = deepFreeze([2, 4, 7]);
  noNaN([
    valid("pearson([1, 2, 3], [2, 4, 7]) (n = 3: interval [−1, 1])", () => pearson(x3, y3)),
    valid("pearson([1, 2, 3], [2, 4, 6]) (r = 1)", () => pearson(x3, deepFreeze([2, 4, 6]))),
    valid("pearson([1, 2, 3], [3, 2, 1]) (r = −1)", () => pearson(x3, deepFreeze([3, 2, 1]))),
    valid("spearman([1, 2, 3], [2, 4, 7])", () => spearman(x3, y3)),
    valid("spearman([1, 1, 2, 2], [1, 2, 1, 2]) (ties, r = 0)", () => spearman(deepFreeze([1, 1, 2, 2]), deepFreeze([1, 2, 1, 2]))),
    valid("kendall([1, 2, 3], [2, 4, 7])", () => kendall(x3, y3)),
    valid("kendall([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) (tau = −1)", () => kendall(deepFreeze([1, 2, 3, 4, 5]), deepFreeze([5, 4, 3, 2, 1]))),
    valid("kendall([0, 0, 1, 1], [0, 1, 0, 1]) (ties, tau = 0)", () => kendall(deepFreeze([0, 0, 1, 1]), deepFreeze([0, 1, 0, 1]))),
    valid("linearRegression([1, 2, 3], [2, 4, 6]) (a perfect line)", () => linearRegression(x3, deepFreeze([2, 4, 6]))),
    valid("linearRegression([1, 2, 3, 4], [5, 5, 5, 5]) (constant y)", () => linearRegression(deepFreeze([1, 2, 3, 4]), deepFreeze([5, 5, 5, 5]))),
    valid("pearsonFromSummary(mergePearsonSummaries(S, S))", () => pearsonFromSummary(mergePearsonSummaries(S, S))),
    valid("holm([0, 0, 1, 1])", () => holm(deepFreeze([0, 0, 1, 1]))),
    valid("benjaminiHochberg([0, 0, 1, 1])", () => benjaminiHochberg(deepFreeze([0, 0, 1, 1]))),
    valid("laggedCorrelation with a constant window", () => laggedCorrelation(series([1, 2, 3, 4, 5, 6, 7], [3, 3, 3, 3, 9, 1, 4]), { maxLag: 3 })),
    valid('periodChange([100, 110, null, 121], "growth")', () => periodChange(deepFreeze([100, 110, null, 121]), "growth")),
    valid("alignByPeriod of one month each", () => alignByPeriod(points(["2024-01-10"]), points(["2024-01-31", 5]), MONTH)),
    valid("relateMetricToOutcomes with the defaults (growth, lag 0)", () => relateMetricToOutcomes(SCORE, OUTCOMES, MONTH)),
    valid("relateMetricToOutcomes with every method, lags ±3 and differences", () =>
      relateMetricToOutcomes(SCORE, OUTCOMES, { period: "month", maxLag: 3, methods: ["pearson", "spearman", "kendall"], metricTransform: "difference" }),
    ),
  ]);
});
