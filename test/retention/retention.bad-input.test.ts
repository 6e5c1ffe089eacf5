// Bad input for every entry point of the retention module that reads subscription rows (churn,
// churnSeries, cohortRetention, retentionCurve) and for kaplanMeier, survivalAt and
// restrictedMeanSurvival. (churnRate, annualizeChurn and revenueRetention: churn-rate.test.ts.)
//
// Every error row asserts: a CxMetricsError (instanceof), its exact `code`, its `index` (the
// offending row's index when one value is at fault, `undefined` otherwise, as documented on
// CxMetricsError), and a `message` that starts with the name of the function that was called,
// then ": ". Every input is frozen (STYLE.md), so a function that mutates its input fails with a
// TypeError instead of a CxMetricsError.
import { describe } from "vitest";
import {
  churn,
  churnSeries,
  cohortRetention,
  kaplanMeier,
  restrictedMeanSurvival,
  retentionCurve,
  survivalAt,
} from "../../src/index";
import { type AnyFn, type Bad, bad, badInput, L, show } from "../helpers/tables";

// ---------------------------------------------------------------------------------------------
// Shared inputs
// ---------------------------------------------------------------------------------------------

interface Sub {
  id?: unknown;
  s?: unknown;
  e?: unknown;
}
const sub = (id: unknown, s: unknown, e: unknown = null): Sub => ({ id, s, e });
const rows = (...subs: Sub[]) => L(`[${subs.map((r) => `{ id: ${show(r.id)}, s: ${show(r.s)}, e: ${show(r.e)} }`).join(", ")}]`, subs);
const ACCESSORS = { customerId: (r: Sub) => r.id, start: (r: Sub) => r.s, end: (r: Sub) => r.e };
/** Options: the three accessors and `extra`; the title shows `extra` only. */
const opts = (extra: Record<string, unknown>, accessors: Record<string, unknown> = ACCESSORS) =>
  L(`{ …accessors, ${Object.entries(extra).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`, { ...accessors, ...extra });
/** Options with some accessors left out or replaced; the title lists them. */
const withAccessors = (label: string, accessors: Record<string, unknown>, extra: Record<string, unknown>) =>
  L(`{ ${label}, ${Object.entries(extra).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`, { ...accessors, ...extra });

const OK = sub("a", "2024-01-05", "2024-02-10");

/**
 * The subscription-row errors every row-reading function shares (readActivity), for `fn` with the
 * options it needs besides the accessors (`extra`).
 */
function subscriptionRows(fn: string, extra: Record<string, unknown>): Bad[] {
  return [
    // an end not after its start
    bad(fn, [rows(OK, sub("b", "2024-03-01", "2024-02-01")), opts(extra)], "OUT_OF_RANGE", 1, "end before start"),
    bad(fn, [rows(OK, OK, sub("b", "2024-03-01", "2024-03-01")), opts(extra)], "OUT_OF_RANGE", 2, "end == start"),
    bad(fn, [rows(sub("b", "2024-03-01", Date.UTC(2024, 2, 1))), opts(extra)], "OUT_OF_RANGE", 0, "end == start, as a date and as epoch ms"),
    bad(fn, [rows(OK, sub("b", "2024-03-01T12:00:00Z", "2024-03-01T11:59:59Z")), opts(extra)], "OUT_OF_RANGE", 1, "end a second before start"),
    // unreadable dates
    bad(fn, [rows(OK, sub("b", "2024-13-01")), opts(extra)], "INVALID_DATE", 1, "month 13"),
    bad(fn, [rows(OK, sub("b", "2024-02-30")), opts(extra)], "INVALID_DATE", 1, "February 30"),
    bad(fn, [rows(OK, sub("b", "yesterday")), opts(extra)], "INVALID_DATE", 1),
    bad(fn, [rows(OK, sub("b", "2024-03-01T10:00")), opts(extra)], "INVALID_DATE", 1, "a date-time without an offset"),
    bad(fn, [rows(OK, sub("b", new Date(Number.NaN))), opts(extra)], "INVALID_DATE", 1),
    bad(fn, [rows(OK, sub("b", Number.NaN)), opts(extra)], "INVALID_DATE", 1),
    bad(fn, [rows(OK, sub("b", Number.POSITIVE_INFINITY)), opts(extra)], "INVALID_DATE", 1),
    bad(fn, [rows(OK, sub("b", 1e20)), opts(extra)], "INVALID_DATE", 1, "epoch ms beyond the range of a Date (fuzz)"),
    bad(fn, [rows(OK, sub("b", null)), opts(extra)], "INVALID_DATE", 1, "a missing start"),
    bad(fn, [rows(OK, sub("b", undefined)), opts(extra)], "INVALID_DATE", 1, "a missing start"),
    bad(fn, [rows(OK, OK, sub("b", "2024-01-01", "not a date")), opts(extra)], "INVALID_DATE", 2, "an unreadable end"),
    bad(fn, [rows(OK, sub("b", "2024-01-01", true)), opts(extra)], "INVALID_DATE", 1, "an end of type boolean"),
    // customer ids of bad types
    bad(fn, [rows(OK, sub(null, "2024-01-01")), opts(extra)], "INVALID_INPUT", 1),
    bad(fn, [rows(OK, sub(undefined, "2024-01-01")), opts(extra)], "INVALID_INPUT", 1),
    bad(fn, [rows(OK, sub(Number.NaN, "2024-01-01")), opts(extra)], "INVALID_INPUT", 1),
    bad(fn, [rows(OK, OK, sub(Number.POSITIVE_INFINITY, "2024-01-01")), opts(extra)], "INVALID_INPUT", 2),
    bad(fn, [rows(sub(true, "2024-01-01")), opts(extra)], "INVALID_INPUT", 0),
    bad(fn, [rows(OK, sub({ id: 1 }, "2024-01-01")), opts(extra)], "INVALID_INPUT", 1),
    bad(fn, [rows(OK, sub(1n, "2024-01-01")), opts(extra)], "INVALID_INPUT", 1),
    // rows that are not an array
    bad(fn, [null, opts(extra)], "INVALID_INPUT"),
    bad(fn, [undefined, opts(extra)], "INVALID_INPUT"),
    bad(fn, [42, opts(extra)], "INVALID_INPUT"),
    bad(fn, ["a,2024-01-01", opts(extra)], "INVALID_INPUT"),
    bad(fn, [L("{ id: \"a\" }", { id: "a" }), opts(extra)], "INVALID_INPUT", undefined, "an object without length"),
    // missing or malformed accessors and options
    bad(fn, [rows(OK), withAccessors("start, end", { start: ACCESSORS.start, end: ACCESSORS.end }, extra)], "INVALID_OPTION", undefined, "no customerId"),
    bad(fn, [rows(OK), withAccessors("customerId, end", { customerId: ACCESSORS.customerId, end: ACCESSORS.end }, extra)], "INVALID_OPTION", undefined, "no start"),
    // a string is a row field name (test/retention/field-names.test.ts): one the rows lack is refused at the first row
    bad(fn, [rows(OK), withAccessors('customerId: "customer", start, end', { ...ACCESSORS, customerId: "customer" }, extra)], "INVALID_INPUT", 0, "a field the rows lack"),
    bad(fn, [rows(OK), withAccessors('customerId, start, end: "ended"', { ...ACCESSORS, end: "ended" }, extra)], "INVALID_INPUT", 0, "a misspelt end field"),
    bad(fn, [rows(OK), withAccessors('customerId: "", start, end', { ...ACCESSORS, customerId: "" }, extra)], "INVALID_OPTION", undefined, "an empty field name"),
    bad(fn, [rows(OK), withAccessors("customerId: 5, start, end", { ...ACCESSORS, customerId: 5 }, extra)], "INVALID_OPTION", undefined, "neither a name nor a function"),
    bad(fn, [rows(OK), withAccessors("customerId, start, end: {}", { ...ACCESSORS, end: {} }, extra)], "INVALID_OPTION", undefined, "neither a name nor a function"),
    bad(fn, [rows(OK), undefined], "INVALID_OPTION", undefined, "no options"),
    bad(fn, [rows(OK), null], "INVALID_OPTION"),
    bad(fn, [rows(OK), L("[…accessors]", [ACCESSORS.customerId, ACCESSORS.start])], "INVALID_OPTION"),
    // time zones
    bad(fn, [rows(OK), opts({ ...extra, timeZone: "Mars/Olympus_Mons" })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...extra, timeZone: "" })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...extra, timeZone: 1 })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...extra, timeZone: null })], "INVALID_OPTION"),
  ];
}

// ---------------------------------------------------------------------------------------------
// churn and churnSeries
// ---------------------------------------------------------------------------------------------

describe("churn bad input", () => {
  const fn = "churn";
  const JAN = { from: "2024-01-01", to: "2024-02-01" };
  badInput(churn as AnyFn, [
    ...subscriptionRows(fn, JAN),
    // the period
    bad(fn, [rows(OK), opts({ from: "2024-02-01", to: "2024-01-01" })], "OUT_OF_RANGE", undefined, "from > to"),
    bad(fn, [rows(OK), opts({ from: "2024-02-01", to: "2024-02-01" })], "OUT_OF_RANGE", undefined, "from == to"),
    bad(fn, [rows(OK), opts({ from: "2024-02-01", to: Date.UTC(2024, 1, 1) })], "OUT_OF_RANGE", undefined, "from == to as a date and epoch ms"),
    bad(fn, [rows(OK), opts({ from: "2024-03-01", to: "2024-03-01T04:00:00Z", timeZone: "America/New_York" })], "OUT_OF_RANGE", undefined, "to before local midnight"),
    bad(fn, [rows(OK), opts({ from: "2024-02-30", to: "2024-04-01" })], "INVALID_DATE"),
    bad(fn, [rows(OK), opts({ from: "2024-01-01" })], "INVALID_DATE", undefined, "no to"),
    bad(fn, [rows(OK), opts({ to: "2024-01-01" })], "INVALID_DATE", undefined, "no from"),
    bad(fn, [rows(OK), opts({ from: "2024-01-01", to: Number.NaN })], "INVALID_DATE"),
  ]);
});

describe("churnSeries bad input", () => {
  const fn = "churnSeries";
  const Q1 = { from: "2024-01-01", to: "2024-04-01", period: "month" };
  badInput(churnSeries as AnyFn, [
    ...subscriptionRows(fn, Q1),
    bad(fn, [rows(OK), opts({ ...Q1, period: "fortnight" })], "INVALID_OPTION", undefined, "an unknown period"),
    bad(fn, [rows(OK), opts({ ...Q1, period: "Month" })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ from: "2024-01-01", to: "2024-04-01" })], "INVALID_OPTION", undefined, "no period"),
    bad(fn, [rows(OK), opts({ ...Q1, period: "week", weekStartsOn: 7 })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...Q1, from: "2024-04-01", to: "2024-01-01" })], "OUT_OF_RANGE", undefined, "from > to"),
    bad(fn, [rows(OK), opts({ ...Q1, from: "2024-04-01", to: "2024-04-01" })], "OUT_OF_RANGE", undefined, "from == to"),
    bad(fn, [rows(OK), opts({ ...Q1, to: "2024-04-31" })], "INVALID_DATE"),
    bad(fn, [rows(OK), opts({ period: "day", from: "1800-01-01", to: "2200-01-01" })], "TOO_MANY_PERIODS", undefined, "more than maxPeriods (10,000) periods"),
    bad(fn, [rows(OK), opts({ period: "month", from: "2024-01-01", to: "2025-01-01", maxPeriods: 11 })], "TOO_MANY_PERIODS", undefined, "12 months, maxPeriods 11"),
    bad(fn, [rows(OK), opts({ period: "month", from: "2024-01-01", to: "2025-01-01", maxPeriods: 0 })], "INVALID_OPTION", undefined, "maxPeriods 0"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// cohortRetention and retentionCurve
// ---------------------------------------------------------------------------------------------

describe("cohortRetention bad input", () => {
  const fn = "cohortRetention";
  const M = { period: "month", asOf: "2024-06-01" };
  badInput(cohortRetention as AnyFn, [
    ...subscriptionRows(fn, M),
    bad(fn, [rows(sub("a", "2024-03-05"), sub("b", "2024-03-20")), opts({ ...M, asOf: "2024-03-31" })], "EMPTY_INPUT", undefined, "no cohort has ended by asOf"),
    bad(fn, [rows(sub("a", "2024-03-05")), opts({ ...M, asOf: "2024-03-31T23:59:59Z" })], "EMPTY_INPUT", undefined, "March ends a second later"),
    bad(fn, [rows(sub("a", "2024-03-05")), opts({ ...M, asOf: "2024-01-01" })], "EMPTY_INPUT", undefined, "asOf before every start"),
    bad(fn, [rows(), opts(M)], "EMPTY_INPUT", undefined, "no rows"),
    bad(fn, [rows(OK), opts({ ...M, asOf: "2024-06-31" })], "INVALID_DATE"),
    bad(fn, [rows(OK), opts({ period: "month" })], "INVALID_DATE", undefined, "no asOf"),
    bad(fn, [rows(OK), opts({ ...M, period: "decade" })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ asOf: "2024-06-01" })], "INVALID_OPTION", undefined, "no period"),
    bad(fn, [rows(OK), opts({ ...M, period: "week", weekStartsOn: -1 })], "INVALID_OPTION"),
  ]);
});

describe("retentionCurve bad input", () => {
  const fn = "retentionCurve";
  const C = { asOf: "2024-06-01" };
  badInput(retentionCurve as AnyFn, [
    ...subscriptionRows(fn, C),
    bad(fn, [rows(sub("a", "2024-03-01"), sub("b", "2024-04-01")), opts({ asOf: "2024-02-01" })], "EMPTY_INPUT", undefined, "nobody started by asOf"),
    bad(fn, [rows(sub("a", "2024-03-01T00:00:01Z")), opts({ asOf: "2024-03-01" })], "EMPTY_INPUT", undefined, "a start a second after asOf"),
    bad(fn, [rows(), opts(C)], "EMPTY_INPUT", undefined, "no rows"),
    bad(fn, [rows(OK), opts({ asOf: "soon" })], "INVALID_DATE"),
    bad(fn, [rows(OK), opts({})], "INVALID_DATE", undefined, "no asOf"),
    bad(fn, [rows(OK), opts({ ...C, timeUnit: "year" })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...C, timeUnit: "days" })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...C, timeUnit: 7 })], "INVALID_OPTION"),
    bad(fn, [rows(OK), opts({ ...C, timeUnit: null })], "INVALID_OPTION"),
    // the curve's confidence is read by kaplanMeier; the error must still name retentionCurve
    bad(fn, [rows(OK), opts({ ...C, confidence: 1.5 })], "INVALID_OPTION", undefined, "confidence above 1"),
    bad(fn, [rows(OK), opts({ ...C, confidence: 0 })], "INVALID_OPTION", undefined, "confidence 0"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// kaplanMeier, survivalAt, restrictedMeanSurvival
// ---------------------------------------------------------------------------------------------

describe("kaplanMeier bad input", () => {
  const fn = "kaplanMeier";
  const E = [1, 0, 1];
  badInput(kaplanMeier as AnyFn, [
    // durations
    bad(fn, [[3, -1, 2], E], "OUT_OF_RANGE", 1),
    bad(fn, [[-0.5, 1, 2], E], "OUT_OF_RANGE", 0),
    bad(fn, [[3, 1, Number.NaN], E], "NON_FINITE", 2),
    bad(fn, [[3, Number.POSITIVE_INFINITY, 2], E], "NON_FINITE", 1),
    bad(fn, [[3, 1, Number.NEGATIVE_INFINITY], E], "NON_FINITE", 2),
    bad(fn, [[3, "1", 2], E], "INVALID_SCORE", 1),
    bad(fn, [[3, null, 2], E], "INVALID_SCORE", 1),
    bad(fn, [Float64Array.of(3, 1, Number.NaN), E], "NON_FINITE", 2),
    // event flags
    bad(fn, [[3, 1, 2], [1, 2, 0]], "INVALID_SCORE", 1),
    bad(fn, [[3, 1, 2], [1, 0, "1"]], "INVALID_SCORE", 2),
    bad(fn, [[3, 1, 2], [null, 0, 1]], "INVALID_SCORE", 0),
    bad(fn, [[3, 1, 2], [1, undefined, 1]], "INVALID_SCORE", 1),
    bad(fn, [[3, 1, 2], [1, 0, -1]], "INVALID_SCORE", 2),
    bad(fn, [[3, 1, 2], [1, 0.5, 1]], "INVALID_SCORE", 1),
    bad(fn, [[3, 1, 2], [1, Number.NaN, 1]], "INVALID_SCORE", 1),
    // late entry
    bad(fn, [[3, 1, 2], E, { entry: [0, 1, 0] }], "OUT_OF_RANGE", 1, "entry == duration"),
    bad(fn, [[3, 1, 2], E, { entry: [0, 0, 2.5] }], "OUT_OF_RANGE", 2, "entry > duration"),
    bad(fn, [[0, 1, 2], E, { entry: [0, 0, 0] }], "OUT_OF_RANGE", 0, "entry 0 with duration 0"),
    bad(fn, [[3, 1, 2], E, { entry: [0, Number.NaN, 0] }], "NON_FINITE", 1),
    bad(fn, [[3, 1, 2], E, { entry: [Number.NEGATIVE_INFINITY, 0, 0] }], "NON_FINITE", 0),
    bad(fn, [[3, 1, 2], E, { entry: [0, 0, "1"] }], "NON_FINITE", 2),
    // shapes
    bad(fn, [[3, 1, 2], [1, 0]], "LENGTH_MISMATCH", undefined, "events shorter"),
    bad(fn, [[3, 1], E], "LENGTH_MISMATCH", undefined, "durations shorter"),
    bad(fn, [[3, 1, 2], E, { entry: [0, 0] }], "LENGTH_MISMATCH", undefined, "entry shorter"),
    bad(fn, [[], []], "EMPTY_INPUT"),
    bad(fn, [[], [], { entry: [] }], "EMPTY_INPUT"),
    bad(fn, [null, E], "INVALID_INPUT"),
    bad(fn, [3, E], "INVALID_INPUT"),
    bad(fn, [[3, 1, 2], "101"], "INVALID_INPUT"),
    bad(fn, [[3, 1, 2], E, { entry: 0 }], "INVALID_INPUT"),
    // options
    bad(fn, [[3, 1, 2], E, null], "INVALID_OPTION"),
    bad(fn, [[3, 1, 2], E, { confidence: 1 }], "INVALID_OPTION"),
    bad(fn, [[3, 1, 2], E, { confidence: "0.95" }], "INVALID_OPTION"),
  ]);
});

describe("survivalAt and restrictedMeanSurvival bad input", () => {
  const KM = L("kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1])", kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]));
  for (const [fn, f] of [
    ["survivalAt", survivalAt],
    ["restrictedMeanSurvival", restrictedMeanSurvival],
  ] as const) {
    badInput(f as AnyFn, [
      bad(fn, [KM, -1], "OUT_OF_RANGE"),
      bad(fn, [KM, -1e-9], "OUT_OF_RANGE"),
      bad(fn, [KM, Number.NaN], "NON_FINITE"),
      bad(fn, [KM, Number.POSITIVE_INFINITY], "NON_FINITE"),
      bad(fn, [KM, Number.NEGATIVE_INFINITY], "NON_FINITE"),
      bad(fn, [KM, "2"], "NON_FINITE"),
      bad(fn, [KM, undefined], "NON_FINITE"),
      bad(fn, [{}, 3], "INVALID_INPUT", undefined, "not a curve (e.g. retentionCurve's result instead of its .curve)"),
      bad(fn, [null, 3], "INVALID_INPUT"),
      bad(fn, [L("times and survival of different lengths", { times: [1, 2], survival: [0.5] }), 3], "INVALID_INPUT"),
      bad(fn, [L("a survival that is a string (fuzz: was returned)", { times: [1, 2], survival: [0.5, "0.25"] }), 3], "INVALID_INPUT", 1),
      bad(fn, [L("a survival above 1 (fuzz: 5 was returned)", { times: [1, 2], survival: [0.5, 5] }), 3], "INVALID_INPUT", 1),
      bad(fn, [L("a time that is a string", { times: [1, "x"], survival: [0.5, 0.25] }), 3], "INVALID_INPUT", 1),
      bad(fn, [L("a length beyond an array's", { times: { length: 1e308 }, survival: { length: 1e308 } }), 3], "INVALID_INPUT"),
    ]);
  }
});
