// Bad input for every entry point of the customer-lifetime-value module (src/value).
//
// Every error row asserts: a CxMetricsError (instanceof), its exact `code`, its `index` (the
// offending row's index when one value is at fault, `undefined` otherwise, as documented on
// CxMetricsError), and a `message` that starts with the name of the function that was called,
// then ": ". Every input is frozen (STYLE.md), so a function that mutates its input fails with a
// TypeError instead of a CxMetricsError.
import { describe, expect, test } from "vitest";
import {
  CxMetricsError,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  customerLifetimeValue,
  emptyRfmHistogram,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaConditionalExpectedValue,
  historicalClv,
  mergeRfmHistograms,
  retentionClv,
  rfmFromHistogram,
  rfmHistogram,
  rfmHistogramKind,
  rfmSummary,
  simpleClv,
  simulateBgNbd,
} from "../../src/index";
import { type Bad, bad, badInput, expectCxError, L, show, thrown } from "../helpers/tables";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Shared inputs
// ---------------------------------------------------------------------------------------------

const CDNOW = L("cdnow", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const GG = L("gg", { p: 6.25, q: 3.74, gamma: 15.44 });

/** BG/NBD parameter sets that are not all finite and > 0. */
const BAD_PARAMS: [string, unknown][] = [
  ["r 0", { ...CDNOW, r: 0 }],
  ["r −1", { ...CDNOW, r: -1 }],
  ["alpha NaN", { ...CDNOW, alpha: Number.NaN }],
  ["a 0", { ...CDNOW, a: 0 }],
  ["b Infinity", { ...CDNOW, b: Number.POSITIVE_INFINITY }],
  ["r as a string", { ...CDNOW, r: "0.243" }],
];
const badParams = BAD_PARAMS.map(([label, p]) => L(`{ ${label} }`, p as object));

// ---------------------------------------------------------------------------------------------
// rfmSummary
// ---------------------------------------------------------------------------------------------

describe("rfmSummary bad input", () => {
  interface Tx {
    id: unknown;
    day: unknown;
    v?: unknown;
  }
  const ok = (id: unknown, day: unknown, v: unknown = 10): Tx => ({ id, day, v });
  const opts = (extra: Record<string, unknown> = {}) =>
    L(`{ …, ${Object.entries({ calibrationEnd: "2024-03-31", timeUnit: "week", ...extra }).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`, {
      customerId: (t: Tx) => t.id,
      date: (t: Tx) => t.day,
      value: (t: Tx) => t.v,
      calibrationEnd: "2024-03-31",
      timeUnit: "week",
      ...extra,
    });
  const rows = (...txs: Tx[]) => L(`[${txs.map((t) => `{ id: ${show(t.id)}, day: ${show(t.day)}, v: ${show(t.v)} }`).join(", ")}]`, txs);
  const fn = "rfmSummary";

  badInput(rfmSummary, [
    // a transaction after the observation end (by default the calibration end)
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "2024-04-01")), opts()], "OUT_OF_RANGE", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("b", "2024-04-10"), ok("a", "2024-05-01")), opts({ observationEnd: "2024-04-30" })], "OUT_OF_RANGE", 2),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", Date.UTC(2024, 3, 1, 0, 0, 1))), opts()], "OUT_OF_RANGE", 1, "epoch ms one second into the next day"),
    // unreadable dates
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "2024-13-45")), opts()], "INVALID_DATE", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("b", "2024-01-32")), opts()], "INVALID_DATE", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("b", 1e20)), opts()], "INVALID_DATE", 1, "epoch ms beyond the range of a Date (fuzz; was a RangeError)"),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("b", "2024-02-30")), opts()], "INVALID_DATE", 1, "30 February is not a calendar date"),
    bad(fn, [rows(ok("a", "2023-02-29")), opts()], "INVALID_DATE", 0, "2023 is not a leap year"),
    bad(fn, [rows(ok("a", "yesterday")), opts()], "INVALID_DATE", 0),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "2024-01-01T10:00")), opts()], "INVALID_DATE", 1, "a date-time without offset"),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "01/05/2024")), opts()], "INVALID_DATE", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", new Date(Number.NaN))), opts()], "INVALID_DATE", 1),
    bad(fn, [rows(ok("a", Number.NaN)), opts()], "INVALID_DATE", 0),
    bad(fn, [rows(ok("a", Number.POSITIVE_INFINITY)), opts()], "INVALID_DATE", 0),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", null)), opts()], "INVALID_DATE", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", undefined)), opts()], "INVALID_DATE", 1),
    bad(fn, [rows(ok("a", {})), opts()], "INVALID_DATE", 0),
    // values
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "2024-01-06", -1)), opts()], "OUT_OF_RANGE", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "2024-01-06", Number.NaN)), opts()], "NON_FINITE", 1),
    bad(fn, [rows(ok("a", "2024-01-05", Number.POSITIVE_INFINITY)), opts()], "NON_FINITE", 0),
    bad(fn, [rows(ok("a", "2024-01-05", "10")), opts()], "INVALID_SCORE", 0, "a value that is not a number"),
    // ids
    bad(fn, [rows(ok("a", "2024-01-05"), ok({}, "2024-01-06")), opts()], "INVALID_INPUT", 1),
    bad(fn, [rows(ok("a", "2024-01-05"), ok(Number.NaN, "2024-01-06")), opts()], "INVALID_INPUT", 1),
    bad(fn, [rows(ok(Number.POSITIVE_INFINITY, "2024-01-05")), opts()], "INVALID_INPUT", 0),
    bad(fn, [rows(ok(null, "2024-01-05")), opts()], "INVALID_INPUT", 0),
    bad(fn, [rows(ok(true, "2024-01-05")), opts()], "INVALID_INPUT", 0),
    // the first bad row wins
    bad(fn, [rows(ok("a", "2024-01-05"), ok("a", "yesterday"), ok("a", "2024-01-07", -1)), opts()], "INVALID_DATE", 1),
    // options
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ timeUnit: undefined })], "INVALID_OPTION", undefined, "missing timeUnit"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ timeUnit: "year" })], "INVALID_OPTION"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ timeUnit: "weeks" })], "INVALID_OPTION"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ observationEnd: "2024-03-30" })], "OUT_OF_RANGE", undefined, "observationEnd before calibrationEnd"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ calibrationEnd: "2024-03-32" })], "INVALID_DATE"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ calibrationEnd: undefined })], "INVALID_DATE", undefined, "missing calibrationEnd"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ observationEnd: "soon" })], "INVALID_DATE"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ customerId: "id" })], "INVALID_OPTION"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ date: undefined })], "INVALID_OPTION"),
    bad(fn, [rows(ok("a", "2024-01-05")), opts({ value: 10 })], "INVALID_OPTION"),
    bad(fn, [rows(ok("a", "2024-01-05")), null], "INVALID_OPTION"),
    bad(fn, [rows(ok("a", "2024-01-05")), "week"], "INVALID_OPTION"),
    // nothing in the calibration period
    bad(fn, [rows(ok("a", "2024-04-05"), ok("b", "2024-04-20")), opts({ observationEnd: "2024-04-30" })], "EMPTY_INPUT", undefined, "every first purchase after calibrationEnd"),
    bad(fn, [rows(), opts()], "EMPTY_INPUT"),
    // not an array
    bad(fn, [42, opts()], "INVALID_INPUT"),
    bad(fn, [null, opts()], "INVALID_INPUT"),
    bad(fn, [undefined, opts()], "INVALID_INPUT"),
    bad(fn, ["2024-01-05", opts()], "INVALID_INPUT"),
    bad(fn, [{ length: "2" }, opts()], "INVALID_INPUT"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// fitBgNbd and bgNbdLogLikelihood
// ---------------------------------------------------------------------------------------------

/** RFM columns with one customer changed: `{ frequency, recency, T }`, three customers. */
function cols(change: Partial<Record<"frequency" | "recency" | "T", unknown[]>> = {}): object {
  const c = { frequency: [0, 1, 2], recency: [0, 2, 5], T: [6, 6, 6], ...change };
  return L(`{ frequency: ${show(c.frequency)}, recency: ${show(c.recency)}, T: ${show(c.T)} }`, c);
}

/** 500 simulated customers (fixed seed). */
const SIM = (() => {
  const s = simulateBgNbd(CDNOW, { customers: 500, T: 39, seed: 5 });
  return L("simulated(500)", { frequency: s.frequency, recency: s.recency, T: s.T });
})();

/** The rows every reader of BG/NBD data shares (fitBgNbd, bgNbdLogLikelihood). */
function bgDataRows(fn: string, withData: (data: unknown, options?: unknown) => unknown[]): Bad[] {
  return [
    bad(fn, withData(cols({ frequency: [0, -1, 2] })), "NOT_INTEGER", 1, "negative frequency"),
    bad(fn, withData(cols({ frequency: [0, 1, 2.5] })), "NOT_INTEGER", 2, "fractional frequency"),
    bad(fn, withData(cols({ frequency: [Number.NaN, 1, 2] })), "NOT_INTEGER", 0),
    bad(fn, withData(cols({ frequency: [0, "1", 2] })), "NOT_INTEGER", 1),
    bad(fn, withData(cols({ recency: [0, 7, 5] })), "OUT_OF_RANGE", 1, "recency > T"),
    bad(fn, withData(cols({ recency: [0, -1, 5] })), "OUT_OF_RANGE", 1, "negative recency"),
    bad(fn, withData(cols({ recency: [1, 2, 5] })), "OUT_OF_RANGE", 0, "x = 0 with recency > 0"),
    bad(fn, withData(cols({ recency: [0, 0, 5], T: [6, 0, 6] })), "OUT_OF_RANGE", 1, "a repeat buyer with T = 0"),
    bad(fn, withData(cols({ recency: [0, Number.NaN, 5] })), "NON_FINITE", 1),
    bad(fn, withData(cols({ T: [6, 6, Number.POSITIVE_INFINITY] })), "NON_FINITE", 2),
    bad(fn, withData(cols({ T: [6, 6] })), "LENGTH_MISMATCH"),
    bad(fn, withData(cols({ recency: [0, 2, 5, 1] })), "LENGTH_MISMATCH"),
    bad(fn, withData(cols({ frequency: [], recency: [], T: [] })), "EMPTY_INPUT"),
    bad(fn, withData(null), "INVALID_INPUT"),
    bad(fn, withData(L("{ frequency }", { frequency: [1, 2] })), "INVALID_INPUT"),
    // weights
    bad(fn, withData(cols(), { weights: [1, 1] }), "LENGTH_MISMATCH"),
    bad(fn, withData(cols(), { weights: [1, -1, 1] }), "INVALID_WEIGHT", 1),
    bad(fn, withData(cols(), { weights: [1, 1, Number.NaN] }), "INVALID_WEIGHT", 2),
    bad(fn, withData(cols(), { weights: [Number.POSITIVE_INFINITY, 1, 1] }), "INVALID_WEIGHT", 0),
    bad(fn, withData(cols(), { weights: [0, 0, 0] }), "ZERO_TOTAL_WEIGHT"),
  ];
}

describe("fitBgNbd bad input", () => {
  const fn = "fitBgNbd";
  badInput(fitBgNbd, [
    ...bgDataRows(fn, (data, options) => (options === undefined ? [data] : [data, options])),
    bad(fn, [cols(), { penalizer: -0.1 }], "INVALID_OPTION"),
    bad(fn, [cols(), { penalizer: Number.NaN }], "INVALID_OPTION"),
    bad(fn, [cols(), { penalizer: Number.POSITIVE_INFINITY }], "INVALID_OPTION"),
    bad(fn, [cols(), { penalizer: "0.1" }], "INVALID_OPTION"),
    bad(fn, [cols(), { start: { r: 0, alpha: 1, a: 1, b: 1 } }], "INVALID_OPTION", undefined, "a start value <= 0 is an option outside its domain"),
    bad(fn, [cols(), { start: { r: 1, alpha: Number.NaN, a: 1, b: 1 } }], "INVALID_OPTION"),
    bad(fn, [cols(), { start: 1 }], "INVALID_OPTION"),
    bad(fn, [cols(), null], "INVALID_OPTION"),
    bad(fn, [cols(), 5], "INVALID_OPTION"),
    // a fit that cannot converge is reported, not returned half-fitted
    bad(fn, [SIM, { maxIterations: 1 }], "NOT_CONVERGED"),
  ]);

  test("fitBgNbd(simulated(500), { maxIterations: 1 }) reports the optimizer's state in details", () => {
    const e = thrown(() => fitBgNbd(SIM, { maxIterations: 1 })) as CxMetricsError;
    expectCxError(e, "fitBgNbd", "NOT_CONVERGED", undefined);
    expect(e.details).toMatchObject({ converged: false, iterations: 1 });
  });

  test("fitBgNbd(simulated(500)) converges with the default iteration limit (so the NOT_CONVERGED row is about the limit)", () => {
    expect(fitBgNbd(SIM).converged).toBe(true);
  });
});

describe("bgNbdLogLikelihood bad input", () => {
  const fn = "bgNbdLogLikelihood";
  badInput(bgNbdLogLikelihood, [
    ...bgDataRows(fn, (data, options) => (options === undefined ? [CDNOW, data] : [CDNOW, data, options])),
    ...badParams.map((p) => bad(fn, [p, cols()], "OUT_OF_RANGE")),
    bad(fn, [null, cols()], "INVALID_OPTION"),
    bad(fn, [CDNOW, cols(), null], "INVALID_OPTION"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// BG/NBD predictions
// ---------------------------------------------------------------------------------------------

/** Rows for a bad customer history (x, t_x, T), given how to call the function with one. */
function historyRows(fn: string, call: (x: unknown, tx: unknown, T: unknown) => unknown[]): Bad[] {
  return [
    bad(fn, call(1.5, 2, 5), "NOT_INTEGER", undefined, "fractional x"),
    bad(fn, call(-1, 0, 5), "NOT_INTEGER", undefined, "negative x"),
    bad(fn, call(Number.NaN, 0, 5), "NOT_INTEGER"),
    bad(fn, call("2", 2, 5), "NOT_INTEGER"),
    bad(fn, call(2, 6, 5), "OUT_OF_RANGE", undefined, "t_x > T"),
    bad(fn, call(2, -1, 5), "OUT_OF_RANGE", undefined, "negative t_x"),
    bad(fn, call(2, 0, -5), "OUT_OF_RANGE", undefined, "negative T"),
    bad(fn, call(2, 2, Number.NaN), "OUT_OF_RANGE"),
    bad(fn, call(2, 2, Number.POSITIVE_INFINITY), "OUT_OF_RANGE"),
    bad(fn, call(0, 2, 5), "OUT_OF_RANGE", undefined, "x = 0 with t_x > 0"),
  ];
}

/** Rows for bad parameters, given how to call the function with a model. */
function paramRows(fn: string, call: (model: unknown) => unknown[]): Bad[] {
  return [...badParams.map((p) => bad(fn, call(p), "OUT_OF_RANGE")), bad(fn, call(null), "INVALID_OPTION"), bad(fn, call(undefined), "INVALID_OPTION")];
}

/** Rows for a bad period length t. */
function timeRows(fn: string, call: (t: unknown) => unknown[]): Bad[] {
  return [
    bad(fn, call(-1), "OUT_OF_RANGE", undefined, "negative t"),
    bad(fn, call(Number.NaN), "OUT_OF_RANGE"),
    bad(fn, call(Number.POSITIVE_INFINITY), "OUT_OF_RANGE"),
    bad(fn, call("39"), "OUT_OF_RANGE"),
  ];
}

const LOW_AB = L("{ a + b = 0.9 }", { r: 0.5, alpha: 2, a: 0.4, b: 0.5 });

describe("bgNbdProbabilityAlive bad input", () => {
  const fn = "bgNbdProbabilityAlive";
  badInput(bgNbdProbabilityAlive, [...paramRows(fn, (m) => [m, 2, 30, 39]), ...historyRows(fn, (x, tx, T) => [CDNOW, x, tx, T])]);
});

describe("bgNbdExpectedPurchases bad input", () => {
  const fn = "bgNbdExpectedPurchases";
  badInput(bgNbdExpectedPurchases, [...paramRows(fn, (m) => [m, 39]), ...timeRows(fn, (t) => [CDNOW, t]), bad(fn, [LOW_AB, 39], "OUT_OF_RANGE", undefined, "a + b <= 1")]);
});

describe("bgNbdConditionalExpectedPurchases bad input", () => {
  const fn = "bgNbdConditionalExpectedPurchases";
  badInput(bgNbdConditionalExpectedPurchases, [
    ...paramRows(fn, (m) => [m, 39, 2, 30, 39]),
    ...timeRows(fn, (t) => [CDNOW, t, 2, 30, 39]),
    ...historyRows(fn, (x, tx, T) => [CDNOW, 39, x, tx, T]),
    bad(fn, [LOW_AB, 39, 0, 0, 10], "OUT_OF_RANGE", undefined, "a + b <= 1 with x = 0"),
  ]);
});

describe("bgNbdProbabilityOfPurchases bad input", () => {
  const fn = "bgNbdProbabilityOfPurchases";
  badInput(bgNbdProbabilityOfPurchases, [
    ...paramRows(fn, (m) => [m, 39, 1]),
    ...timeRows(fn, (t) => [CDNOW, t, 1]),
    bad(fn, [CDNOW, 39, 1.5], "NOT_INTEGER"),
    bad(fn, [CDNOW, 39, -1], "NOT_INTEGER"),
    bad(fn, [CDNOW, 39, Number.NaN], "NOT_INTEGER"),
    bad(fn, [CDNOW, 39, "1"], "NOT_INTEGER"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma
// ---------------------------------------------------------------------------------------------

describe("fitGammaGamma bad input", () => {
  const fn = "fitGammaGamma";
  const gg = (frequency: unknown[], monetaryValue: unknown[]) => L(`{ frequency: ${show(frequency)}, monetaryValue: ${show(monetaryValue)} }`, { frequency, monetaryValue });
  const good = gg([1, 2, 3, 1, 4, 0], [20, 35, 18, 50, 26, 0]);
  /** 300 repeat buyers with spread-out values: the fit needs more than one iteration. */
  const many = L(
    "repeat buyers(300)",
    { frequency: Array.from({ length: 300 }, (_, i) => 1 + (i % 7)), monetaryValue: Array.from({ length: 300 }, (_, i) => 5 + ((i * 37) % 101)) },
  );
  badInput(fitGammaGamma, [
    bad(fn, [gg([0, 0, 0], [0, 0, 0])], "INSUFFICIENT_DATA", undefined, "no repeat buyers"),
    bad(fn, [gg([2, 1, 0], [0, 0, 0])], "INSUFFICIENT_DATA", undefined, "repeat buyers without value"),
    bad(fn, [gg([], [])], "INSUFFICIENT_DATA"),
    bad(fn, [gg([1, 2, 3], [20, -5, 18])], "OUT_OF_RANGE", 1, "negative monetary value"),
    bad(fn, [gg([1, 2, 3], [20, 35, Number.NaN])], "NON_FINITE", 2),
    bad(fn, [gg([1, 2, 3], [Number.POSITIVE_INFINITY, 35, 18])], "NON_FINITE", 0),
    bad(fn, [gg([1, 2.5, 3], [20, 35, 18])], "NOT_INTEGER", 1),
    bad(fn, [gg([1, -2, 3], [20, 35, 18])], "NOT_INTEGER", 1),
    bad(fn, [gg([1, 2, 3], [20, 35])], "LENGTH_MISMATCH"),
    bad(fn, [null], "INVALID_INPUT"),
    bad(fn, [L("{ frequency }", { frequency: [1, 2] })], "INVALID_INPUT"),
    bad(fn, [good, { penalizer: -1 }], "INVALID_OPTION"),
    bad(fn, [good, { penalizer: Number.NaN }], "INVALID_OPTION"),
    bad(fn, [good, { start: { p: 0, q: 1, gamma: 1 } }], "INVALID_OPTION", undefined, "a start value <= 0 is an option outside its domain"),
    bad(fn, [good, null], "INVALID_OPTION"),
    bad(fn, [many, { maxIterations: 1 }], "NOT_CONVERGED"),
  ]);

  test("fitGammaGamma(repeat buyers(300)) converges with the default iteration limit (so the NOT_CONVERGED row is about the limit)", () => {
    expect(fitGammaGamma(many).converged).toBe(true);
  });
});

describe("gammaGammaConditionalExpectedValue bad input", () => {
  const fn = "gammaGammaConditionalExpectedValue";
  const m = (g: Record<string, unknown>) => L(show(g), g);
  badInput(gammaGammaConditionalExpectedValue, [
    bad(fn, [m({ p: 6.25, q: 1, gamma: 15.44 }), 2, 20], "OUT_OF_RANGE", undefined, "q = 1: no finite mean"),
    bad(fn, [m({ p: 6.25, q: 0.5, gamma: 15.44 }), 0, 0], "OUT_OF_RANGE", undefined, "q < 1"),
    bad(fn, [m({ p: 0, q: 3.74, gamma: 15.44 }), 2, 20], "OUT_OF_RANGE"),
    bad(fn, [m({ p: 6.25, q: 3.74, gamma: Number.NaN }), 2, 20], "OUT_OF_RANGE"),
    bad(fn, [m({ p: 6.25, q: Number.POSITIVE_INFINITY, gamma: 15.44 }), 2, 20], "OUT_OF_RANGE"),
    bad(fn, [null, 2, 20], "INVALID_OPTION"),
    bad(fn, [GG, 1.5, 20], "NOT_INTEGER"),
    bad(fn, [GG, -1, 20], "NOT_INTEGER"),
    bad(fn, [GG, 2, -20], "OUT_OF_RANGE"),
    bad(fn, [GG, 2, Number.NaN], "OUT_OF_RANGE"),
    bad(fn, [GG, 2, Number.POSITIVE_INFINITY], "OUT_OF_RANGE"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// customerLifetimeValue
// ---------------------------------------------------------------------------------------------

describe("customerLifetimeValue bad input", () => {
  const fn = "customerLifetimeValue";
  const summary = (extra: Record<string, unknown> = {}) => {
    const s = { ids: ["c1", "c2"], frequency: [2, 0], recency: [30.43, 0], T: [38.86, 20], monetaryValue: [22.35, 0], timeUnit: "week", ...extra };
    return L(Object.keys(extra).length === 0 ? "summary(week)" : `summary(${show(extra).slice(2, -2)})`, s);
  };
  const o = (extra: Record<string, unknown> = {}) => L(show({ horizon: 52, discountRate: 0.01, timeUnit: "week", ...extra }), { horizon: 52, discountRate: 0.01, timeUnit: "week", ...extra });
  const bgWeek = L("cdnow(week)", { ...CDNOW, timeUnit: "week" });
  badInput(customerLifetimeValue, [
    // time units
    bad(fn, [CDNOW, GG, summary(), o({ timeUnit: "month" })], "INVALID_OPTION", undefined, "the summary is in weeks"),
    bad(fn, [bgWeek, GG, summary({ timeUnit: undefined }), o({ timeUnit: "day" })], "INVALID_OPTION", undefined, "the model is in weeks"),
    bad(fn, [bgWeek, GG, summary({ timeUnit: "month" }), o({ timeUnit: "month" })], "INVALID_OPTION", undefined, "the model is in weeks, the summary in months"),
    bad(fn, [CDNOW, GG, summary(), o({ timeUnit: undefined })], "INVALID_OPTION", undefined, "missing timeUnit"),
    bad(fn, [CDNOW, GG, summary(), o({ timeUnit: "year" })], "INVALID_OPTION"),
    // horizon and discount rate
    bad(fn, [CDNOW, GG, summary(), o({ horizon: 0 })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ horizon: 1.5 })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ horizon: -52 })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ horizon: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ horizon: Number.POSITIVE_INFINITY })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ horizon: undefined })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ discountRate: -0.01 })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ discountRate: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ discountRate: Number.POSITIVE_INFINITY })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), o({ discountRate: undefined })], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary(), null], "INVALID_OPTION"),
    // models
    ...badParams.map((p) => bad(fn, [p, GG, summary(), o()], "OUT_OF_RANGE")),
    bad(fn, [CDNOW, L("{ q: 0.9 }", { p: 6.25, q: 0.9, gamma: 15.44 }), summary(), o()], "OUT_OF_RANGE", undefined, "a Gamma-Gamma model without a finite mean"),
    // the summary
    bad(fn, [CDNOW, GG, summary({ T: [38.86] }), o()], "LENGTH_MISMATCH"),
    bad(fn, [CDNOW, GG, summary({ monetaryValue: [22.35, 0, 1] }), o()], "LENGTH_MISMATCH"),
    bad(fn, [CDNOW, GG, null, o()], "INVALID_INPUT"),
    bad(fn, [CDNOW, GG, summary({ frequency: [2, 1.5] }), o()], "NOT_INTEGER", 1, "a fractional frequency in row 1"),
    bad(fn, [CDNOW, GG, summary({ recency: [30.43, 25] }), o()], "OUT_OF_RANGE", 1, "t_x > T in row 1"),
    bad(fn, [CDNOW, GG, summary({ monetaryValue: [-5, 0] }), o()], "OUT_OF_RANGE", 0, "a negative monetary value in row 0"),
    bad(fn, [CDNOW, GG, summary({ recency: [30.43, 3] }), o()], "OUT_OF_RANGE", 1, "frequency 0 with recency > 0 in row 1"),
    bad(fn, [CDNOW, GG, summary({ T: [38.86, Number.NaN] }), o()], "NON_FINITE", 1),
    bad(fn, [CDNOW, GG, summary({ monetaryValue: [Number.POSITIVE_INFINITY, 0] }), o()], "NON_FINITE", 0),
    bad(fn, [CDNOW, null, summary(), o()], "INVALID_INPUT", undefined, "no Gamma-Gamma model"),
    // the summary's timeUnit and ids are checked before they are used (as a key, or copied into the result)
    bad(fn, [CDNOW, GG, summary({ timeUnit: L("Object.create(null)", Object.create(null) as object) }), o()], "INVALID_INPUT"),
    bad(fn, [CDNOW, GG, summary({ timeUnit: "fortnight" }), o()], "INVALID_INPUT"),
    bad(fn, [L("cdnow(timeUnit: Object.create(null))", { ...CDNOW, timeUnit: Object.create(null) }), GG, summary(), o()], "INVALID_OPTION"),
    bad(fn, [CDNOW, GG, summary({ ids: ["c1", [Number.NaN]] }), o()], "INVALID_INPUT", 1, "an id that is an array"),
    bad(fn, [CDNOW, GG, summary({ ids: [Number.NaN, "c2"] }), o()], "INVALID_INPUT", 0, "a NaN id"),
    bad(fn, [CDNOW, GG, summary({ ids: ["c1", null] }), o()], "INVALID_INPUT", 1),
    bad(fn, [CDNOW, GG, summary({ ids: "c1,c2" }), o()], "INVALID_INPUT"),
    bad(fn, [CDNOW, GG, summary({ ids: ["c1"] }), o()], "LENGTH_MISMATCH"),
  ]);

  test("customerLifetimeValue copies the summary's ids (strings or numbers) into a new array", () => {
    const s = summary({ ids: ["c1", 2] });
    const r = customerLifetimeValue(CDNOW, GG, s as never, o() as never);
    expect(r.ids).toEqual(["c1", 2]);
    expect(r.ids).not.toBe(s.ids);
  });
});

// ---------------------------------------------------------------------------------------------
// simpleClv and retentionClv
// ---------------------------------------------------------------------------------------------

describe("simpleClv bad input", () => {
  const fn = "simpleClv";
  const base = { averageOrderValue: 50, purchaseFrequency: 4, lifespan: 3, margin: 0.3 };
  const i = (extra: Record<string, unknown>) => L(show({ ...base, ...extra }), { ...base, ...extra });
  const rows: Bad[] = [];
  for (const field of ["averageOrderValue", "purchaseFrequency", "lifespan"]) {
    for (const v of [-1, Number.NaN, Number.POSITIVE_INFINITY, "50", undefined]) rows.push(bad(fn, [i({ [field]: v })], "INVALID_OPTION"));
  }
  for (const v of [1.5, -0.1, Number.NaN, "0.3"]) rows.push(bad(fn, [i({ margin: v })], "INVALID_OPTION"));
  rows.push(bad(fn, [null], "INVALID_OPTION"), bad(fn, [undefined], "INVALID_OPTION"), bad(fn, [180], "INVALID_OPTION"));
  badInput(simpleClv, rows);
});

describe("retentionClv bad input", () => {
  const fn = "retentionClv";
  const base = { margin: 100, retentionRate: 0.8, discountRate: 0.1 };
  const i = (extra: Record<string, unknown>) => L(show({ ...base, ...extra }), { ...base, ...extra });
  badInput(retentionClv, [
    bad(fn, [i({ margin: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [i({ margin: Number.POSITIVE_INFINITY })], "INVALID_OPTION"),
    bad(fn, [i({ margin: "100" })], "INVALID_OPTION"),
    bad(fn, [i({ margin: undefined })], "INVALID_OPTION"),
    bad(fn, [i({ retentionRate: -0.1 })], "INVALID_OPTION"),
    bad(fn, [i({ retentionRate: 1.1 })], "INVALID_OPTION"),
    bad(fn, [i({ retentionRate: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [i({ retentionRate: undefined })], "INVALID_OPTION"),
    bad(fn, [i({ discountRate: -0.05 })], "INVALID_OPTION"),
    bad(fn, [i({ discountRate: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [i({ discountRate: Number.POSITIVE_INFINITY })], "INVALID_OPTION"),
    bad(fn, [i({ retentionRate: 1, discountRate: 0 })], "INVALID_OPTION", undefined, "retention 1 without discounting or a horizon: an infinite value"),
    bad(fn, [i({ horizon: 2.5 })], "INVALID_OPTION"),
    bad(fn, [i({ horizon: -1 })], "INVALID_OPTION"),
    bad(fn, [i({ horizon: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [i({ includeFirstPeriod: "yes" })], "INVALID_OPTION"),
    bad(fn, [null], "INVALID_OPTION"),
    bad(fn, [100], "INVALID_OPTION"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// simulateBgNbd
// ---------------------------------------------------------------------------------------------

describe("simulateBgNbd bad input", () => {
  const fn = "simulateBgNbd";
  const o = (extra: Record<string, unknown>) => L(show({ customers: 3, T: 39, seed: 7, ...extra }), { customers: 3, T: 39, seed: 7, ...extra });
  badInput(simulateBgNbd, [
    ...paramRows(fn, (m) => [m, o({})]),
    bad(fn, [CDNOW, o({ customers: -1 })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ customers: 1.5 })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ customers: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ customers: "3" })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ customers: undefined })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ T: -1 })], "OUT_OF_RANGE", 0),
    bad(fn, [CDNOW, o({ T: Number.NaN })], "OUT_OF_RANGE", 0),
    bad(fn, [CDNOW, o({ T: Number.POSITIVE_INFINITY })], "OUT_OF_RANGE", 0),
    bad(fn, [CDNOW, o({ T: [39, 39, -2] })], "OUT_OF_RANGE", 2),
    bad(fn, [CDNOW, o({ T: [39, Number.NaN, 39] })], "OUT_OF_RANGE", 1),
    bad(fn, [CDNOW, o({ T: [39, 39] })], "LENGTH_MISMATCH"),
    bad(fn, [CDNOW, o({ T: undefined })], "INVALID_OPTION", undefined, "missing T: an option, not a length"),
    bad(fn, [CDNOW, o({ seed: Number.NaN })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ seed: Number.POSITIVE_INFINITY })], "INVALID_OPTION"),
    bad(fn, [CDNOW, o({ seed: "7" })], "INVALID_OPTION"),
    bad(fn, [CDNOW, null], "INVALID_OPTION"),
    // bounded before the columns are allocated: at most 10^7 customers
    bad(fn, [CDNOW, o({ customers: 1e9 })], "OUT_OF_RANGE", undefined, "refused before anything is allocated"),
    bad(fn, [CDNOW, o({ customers: 10_000_001 })], "OUT_OF_RANGE"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// historicalClv
// ---------------------------------------------------------------------------------------------

describe("historicalClv bad input", () => {
  const fn = "historicalClv";
  const rows = (...dates: unknown[]) => L(`rows(${dates.map(show).join(", ")})`, dates.map((d, i) => ({ id: `c${i}`, d, v: 1 })));
  const o = (extra: Record<string, unknown> = {}) => {
    const opts = { customerId: (r: { id: string }) => r.id, date: (r: { d: string }) => r.d, value: (r: { v: number }) => r.v, cohortPeriod: "month", ...extra };
    return L(show({ cohortPeriod: "month", ...extra }), opts);
  };
  badInput(historicalClv, [
    // one array slot per age up to the last period: the span is bounded (maxPeriods, default 10,000)
    bad(fn, [rows("2024-01-05", "2024-02-10", "1000-01-01"), o()], "TOO_MANY_PERIODS", 2, "a far-off first purchase"),
    bad(fn, [rows("2024-01-05", "9999-01-01", "2024-02-10"), o()], "TOO_MANY_PERIODS", 1, "a far-off last purchase"),
    bad(fn, [rows("2024-01-05"), o({ observationEnd: "9999-01-01" })], "TOO_MANY_PERIODS", undefined, "a far-off observationEnd"),
    bad(fn, [rows("2020-01-05", "2024-02-10"), o({ maxPeriods: 12 })], "TOO_MANY_PERIODS", 1, "two dates: the last one is named"),
    bad(fn, [rows("2024-01-05", -8.64e15), o()], "INVALID_DATE", 1, "the first instant of the Date range has no month start"),
    ...[0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "100", null].map((maxPeriods) => bad(fn, [rows("2024-01-05"), o({ maxPeriods })], "INVALID_OPTION")),
  ]);

  test("historicalClv lays out a span of exactly maxPeriods periods", () => {
    const h = historicalClv(rows("2024-01-05", "2024-12-10"), o({ maxPeriods: 12 }) as never);
    expect(h.cohorts[0]!.cumulative).toHaveLength(12);
  });
});

// ---------------------------------------------------------------------------------------------
// rfmHistogram and its kind
// ---------------------------------------------------------------------------------------------

describe("rfmHistogram bad input", () => {
  const fn = "rfmHistogram";
  const c = (over: Record<string, unknown> = {}) => {
    const v = { frequency: [0, 1, 2], recency: [0, 2, 5], T: [6, 6, 6], monetaryValue: [0, 10, 20], ...over };
    return L(show(over).replace(/^\{ ?/, "cols({ ").replace(/ ?\}$/, " })").replace("cols({})", "cols()"), v);
  };
  const tx = L("[{ id: \"a\", day: \"2024-01-01\" }]", [{ id: "a", day: "2024-01-01" }]);
  const o = (extra: Record<string, unknown> = {}) =>
    L(show({ calibrationEnd: "2024-01-29", timeUnit: "week", ...extra }), { customerId: (t: { id: string }) => t.id, date: (t: { day: string }) => t.day, calibrationEnd: "2024-01-29", timeUnit: "week", ...extra });
  badInput(rfmHistogram, [
    bad(fn, [c({ frequency: [0, -1, 2] })], "NOT_INTEGER", 1, "negative frequency"),
    bad(fn, [c({ frequency: [0, 1, 2.5] })], "NOT_INTEGER", 2, "fractional frequency"),
    bad(fn, [c({ frequency: [0, "1", 2] })], "NOT_INTEGER", 1),
    bad(fn, [c({ recency: [0, 7, 5] })], "OUT_OF_RANGE", 1, "recency > T"),
    bad(fn, [c({ recency: [1, 2, 5] })], "OUT_OF_RANGE", 0, "x = 0 with recency > 0"),
    bad(fn, [c({ recency: [0, 0, 5], T: [6, 0, 6] })], "OUT_OF_RANGE", 1, "a repeat buyer with T = 0"),
    bad(fn, [c({ recency: [0, Number.NaN, 5] })], "NON_FINITE", 1),
    bad(fn, [c({ monetaryValue: [0, 10, Number.NaN] })], "NON_FINITE", 2),
    bad(fn, [c({ monetaryValue: [0, -5, 20] })], "OUT_OF_RANGE", 1, "negative monetary value"),
    bad(fn, [c({ T: [6, 6] })], "LENGTH_MISMATCH"),
    bad(fn, [c({ monetaryValue: [0, 10] })], "LENGTH_MISMATCH"),
    bad(fn, [c({ monetaryValue: 5 })], "INVALID_INPUT"),
    bad(fn, [c({ timeUnit: "year" })], "INVALID_INPUT", undefined, "unknown time unit"),
    bad(fn, [c({ calibrationEnd: "1997-13-01" })], "INVALID_DATE"),
    bad(fn, [L("{ frequency }", { frequency: [1, 2] })], "INVALID_INPUT"),
    bad(fn, [null], "INVALID_INPUT"),
    bad(fn, [c(), o()], "INVALID_OPTION", undefined, "options are for transaction rows"),
    // transaction rows: the errors of rfmSummary
    bad(fn, [tx, o({ timeUnit: undefined })], "INVALID_OPTION"),
    bad(fn, [tx, o({ calibrationEnd: "2023-12-01" })], "OUT_OF_RANGE", 0, "a transaction after the calibration end"),
  ]);

  test("rfmHistogram of transactions none of which falls in the calibration period is the empty histogram (rfmSummary throws EMPTY_INPUT)", () => {
    const h = rfmHistogram(tx, o({ calibrationEnd: "2023-12-01", observationEnd: "2024-02-01" }) as never);
    expect(h).toEqual(emptyRfmHistogram({ timeUnit: "week", calibrationEnd: "2023-12-01" }));
    expect(rfmHistogramKind.count(h)).toBe(0);
  });
});

describe("mergeRfmHistograms, rfmHistogramKind.check and rfmFromHistogram bad input", () => {
  const good = rfmHistogram({ frequency: [0, 1, 2], recency: [0, 2, 5], T: [6, 6, 6], monetaryValue: [0, 10, 20], timeUnit: "week" });
  const h = (over: Record<string, unknown>, label = show(over)) => L(`histogram(${label})`, { ...good, ...over });
  const sp = (over: Record<string, unknown>) => h({ spend: { ...good.spend, ...over } }, `spend: ${show(over)}`);
  const malformed: [unknown, string][] = [
    [h({ kind: "rfm" }), "another kind"],
    [null, "null"],
    [h({ timeUnit: "year" }), "unknown time unit"],
    [h({ calibrationEnd: "1997-9-30" }), "calibrationEnd not YYYY-MM-DD"],
    [h({ calibrationEnd: 5 }), "calibrationEnd a number"],
    [h({ count: [1, -1, 1] }), "negative count"],
    [h({ count: [1, 1.5, 1] }), "fractional count"],
    [h({ count: [1, 1] }), "columns of unequal length"],
    [h({ frequency: "0,1,2" }), "a column that is not an array"],
    [h({ recency: [0, 7, 5] }), "recency > T"],
    [h({ recency: [1, 2, 5] }), "x = 0 with recency > 0"],
    [h({ frequency: [0, 1.5, 2] }), "fractional x"],
    [h({ T: [6, 6, Number.NaN] }), "NaN T"],
    [h({ spend: null }), "no spend"],
    [sp({ count: [1, 2] }), "spend counts more customers than the triples"],
    [sp({ frequency: [1, 3] }), "spend of an x the triples lack"],
    [sp({ frequency: [0, 2], count: [1, 1] }), "spend with x = 0"],
    [sp({ monetaryValue: [10, -1] }), "negative monetary value"],
    [sp({ monetaryValue: [10] }), "spend columns of unequal length"],
  ];
  badInput(mergeRfmHistograms, [
    bad("mergeRfmHistograms", [], "EMPTY_INPUT"),
    ...malformed.map(([m, note]) => bad("mergeRfmHistograms", [good, m], "INVALID_SUMMARY", 1, note)),
    bad("mergeRfmHistograms", [good, L("histogram(days)", { ...good, timeUnit: "day" })], "INVALID_SUMMARY", 1, "another time unit"),
    bad("mergeRfmHistograms", [good, L("histogram(1997-09-30)", { ...good, calibrationEnd: "1997-09-30" })], "INVALID_SUMMARY", 1, "another calibration end"),
  ]);
  badInput((s: unknown) => rfmHistogramKind.check(s, 4), malformed.map(([m, note]) => bad("rfmHistogramKind", [m], "INVALID_SUMMARY", 4, `check(s, 4): ${note}`)));
  badInput(rfmFromHistogram, [
    ...malformed.map(([m, note]) => bad("rfmFromHistogram", [m], "INVALID_SUMMARY", undefined, note)),
    bad("rfmFromHistogram", [L("emptyRfmHistogram()", emptyRfmHistogram())], "EMPTY_INPUT"),
  ]);
  badInput(emptyRfmHistogram, [
    bad("emptyRfmHistogram", [{ timeUnit: "year" }], "INVALID_OPTION"),
    bad("emptyRfmHistogram", [{ unit: "week" }], "INVALID_OPTION", undefined, "unknown parameter"),
    bad("emptyRfmHistogram", [5], "INVALID_OPTION"),
    bad("emptyRfmHistogram", [null], "INVALID_OPTION"),
    bad("emptyRfmHistogram", [{ calibrationEnd: "soon" }], "INVALID_DATE"),
  ]);

  test("an empty histogram is legal everywhere: merge, JSON, check; only finishing or fitting it throws EMPTY_INPUT", () => {
    const e = emptyRfmHistogram({ timeUnit: "week" });
    expect(mergeRfmHistograms(e, e)).toEqual(e);
    expect(rfmHistogramKind.check(JSON.parse(JSON.stringify(e)))).toEqual(e);
    expect(mergeRfmHistograms(good, e)).toEqual(good);
    expectCxError(thrown(() => rfmHistogramKind.finish(e)), "rfmFromHistogram", "EMPTY_INPUT", undefined);
  });
});

describe("fitBgNbd, bgNbdLogLikelihood and fitGammaGamma bad input with a histogram or a weights column", () => {
  const empty = L("emptyRfmHistogram()", emptyRfmHistogram());
  const hist = L("histogram", rfmHistogram({ frequency: [0, 1, 2], recency: [0, 2, 5], T: [6, 6, 6], monetaryValue: [0, 10, 20] }));
  const noRepeat = L("histogram(no repeat buyers)", rfmHistogram({ frequency: [0, 0], recency: [0, 0], T: [6, 3] }));
  const broken = L("histogram(count [1, -1, 1])", { ...hist, count: [1, -1, 1] });
  const weighted = L("cols({ weights: [1, 2, 1] })", { frequency: [0, 1, 2], recency: [0, 2, 5], T: [6, 6, 6], monetaryValue: [0, 10, 20], weights: [1, 2, 1] });
  badInput(fitBgNbd, [
    bad("fitBgNbd", [empty], "EMPTY_INPUT"),
    bad("fitBgNbd", [broken], "INVALID_SUMMARY"),
    bad("fitBgNbd", [noRepeat], "INSUFFICIENT_DATA"),
    bad("fitBgNbd", [hist, { weights: [1, 1, 1] }], "INVALID_OPTION", undefined, "a histogram's counts are its weights"),
    bad("fitBgNbd", [weighted, { weights: [1, 1, 1] }], "INVALID_OPTION", undefined, "weights twice"),
    bad("fitBgNbd", [L("cols({ weights: [1, -1, 1] })", { ...weighted, weights: [1, -1, 1] })], "INVALID_WEIGHT", 1),
  ]);
  badInput(bgNbdLogLikelihood, [
    bad("bgNbdLogLikelihood", [CDNOW, empty], "EMPTY_INPUT"),
    bad("bgNbdLogLikelihood", [CDNOW, broken], "INVALID_SUMMARY"),
    bad("bgNbdLogLikelihood", [CDNOW, hist, { weights: [1, 1, 1] }], "INVALID_OPTION"),
  ]);
  badInput(fitGammaGamma, [
    bad("fitGammaGamma", [empty], "EMPTY_INPUT"),
    bad("fitGammaGamma", [broken], "INVALID_SUMMARY"),
    bad("fitGammaGamma", [noRepeat], "INSUFFICIENT_DATA"),
    bad("fitGammaGamma", [L("cols({ weights: [1, -1, 1] })", { ...weighted, weights: [1, -1, 1] })], "INVALID_WEIGHT", 1),
    bad("fitGammaGamma", [L("cols({ weights: [1, NaN, 1] })", { ...weighted, weights: [1, Number.NaN, 1] })], "INVALID_WEIGHT", 1),
    bad("fitGammaGamma", [L("cols({ weights: [1, 1] })", { ...weighted, weights: [1, 1] })], "LENGTH_MISMATCH"),
  ]);
});
