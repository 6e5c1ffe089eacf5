// Bad input for every entry point of the retention module that reads subscription rows (churn,
// churnSeries, cohortRetention, retentionCurve), for the churn summaries, and for kaplanMeier, its
// summaries, survivalAt and restrictedMeanSurvival. (churnRate, annualizeChurn and revenueRetention: churn-rate.test.ts.)
//
// Every error row asserts: a CxMetricsError (instanceof), its exact `code`, its `index` (the
// offending row's index when one value is at fault, `undefined` otherwise, as documented on
// CxMetricsError), and a `message` that starts with the name of the function that was called,
// then ": ". Every input is frozen (STYLE.md), so a function that mutates its input fails with a
// TypeError instead of a CxMetricsError.
import { describe } from "vitest";
import {
  churn,
  churnFromSummary,
  churnKind,
  churnSeries,
  churnSummary,
  cohortRetention,
  emptyChurnSummary,
  emptyKaplanMeierSummary,
  kaplanMeier,
  kaplanMeierFromSummary,
  kaplanMeierKind,
  kaplanMeierSummary,
  mergeChurnSummaries,
  mergeKaplanMeierSummaries,
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

describe("churnSummary bad input", () => {
  const fn = "churnSummary";
  const JAN = { from: "2024-01-01", to: "2024-02-01" };
  badInput(churnSummary as AnyFn, [
    ...subscriptionRows(fn, JAN),
    bad(fn, [rows(OK), opts({ from: "2024-02-01", to: "2024-01-01" })], "OUT_OF_RANGE", undefined, "from > to"),
    bad(fn, [rows(OK), opts({ from: "2024-02-01", to: "2024-02-01" })], "OUT_OF_RANGE", undefined, "from == to"),
    bad(fn, [rows(OK), opts({ from: "2024-01-01" })], "INVALID_DATE", undefined, "no to"),
    bad(fn, [rows(OK), opts({ ...JAN, period: "month" })], "INVALID_OPTION", undefined, "an option of churnSeries"),
  ]);
});

describe("emptyChurnSummary bad input", () => {
  const fn = "emptyChurnSummary";
  badInput(emptyChurnSummary as AnyFn, [
    bad(fn, [undefined], "INVALID_OPTION", undefined, "no period"),
    bad(fn, [null], "INVALID_OPTION"),
    bad(fn, [{ from: "2024-02-01", to: "2024-01-01" }], "OUT_OF_RANGE", undefined, "from > to"),
    bad(fn, [{ from: "2024-01-01", to: "2024-01-01" }], "OUT_OF_RANGE", undefined, "from == to"),
    bad(fn, [{ from: "2024-02-30", to: "2024-04-01" }], "INVALID_DATE"),
    bad(fn, [{ to: "2024-04-01" }], "INVALID_DATE", undefined, "no from"),
    bad(fn, [{ from: "2024-01-01", to: "2024-02-01", timeZone: "Mars/Olympus_Mons" }], "INVALID_OPTION"),
    bad(fn, [{ from: "2024-01-01", to: "2024-02-01", customerId: "id" }], "INVALID_OPTION", undefined, "an unknown key"),
  ]);
});

// a valid summary of January: a is new (Jan 5) and still active at the end; b churns (Jan 20) and
// was there at the start; c's two subscriptions touch (one merged)
const JAN_PERIOD = { from: "2024-01-01", to: "2024-02-01" };
const CHURN_SUMMARY = churnSummary(
  [
    { id: "a", start: "2024-01-05", end: "2024-02-10" },
    { id: "b", start: "2023-12-01", end: "2024-01-20" },
    { id: "c", start: "2023-06-01", end: "2023-09-01" },
    { id: "c", start: "2023-09-01", end: "2023-10-01" },
  ],
  { customerId: "id", start: "start", end: "end", ...JAN_PERIOD },
);
/** The January summary with some fields replaced (the title shows them). */
const churnWith = (changes: Record<string, unknown>) =>
  L(`{ …January, ${Object.entries(changes).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`, { ...CHURN_SUMMARY, ...changes });
const JANUARY = L("January", CHURN_SUMMARY);
const FEBRUARY = L("emptyChurnSummary(February)", emptyChurnSummary({ from: "2024-02-01", to: "2024-03-01" }));

/** Malformed churn summaries, each refused with INVALID_SUMMARY. */
const BAD_CHURN_SUMMARIES: [unknown, string][] = [
  [null, ""],
  [L('{ kind: "nps" }', { kind: "nps", n: 0 }), "a summary of another kind"],
  [churnWith({ kind: "churns" }), "a misspelt kind"],
  [churnWith({ customersAtEnd: 2 }), "start + new + reactivated − churned ≠ end"],
  [churnWith({ churned: 1.5 }), "not a whole number"],
  [churnWith({ churned: -1, customersAtEnd: 3 }), "a negative count"],
  [churnWith({ subscriptions: undefined }), "a missing count"],
  [churnWith({ customerMs: Number.NaN }), ""],
  [churnWith({ customerMs: -1 }), ""],
  [churnWith({ customerMs: 2 * 31 * 86_400_000 + 1 }), "more customer-time than the customers present can have"],
  [churnWith({ fromMs: "2024-01-01" }), "a period as a string"],
  [churnWith({ toMs: Number.POSITIVE_INFINITY }), ""],
  [churnWith({ toMs: 1e20 }), "beyond the range of a Date"],
  [churnWith({ toMs: Date.UTC(2024, 0, 1) }), "fromMs == toMs"],
  [churnWith({ churnedFromStart: 2 }), "more churned from start than at start"],
  [churnWith({ mergedOverlaps: 5 }), "more merged than read"],
  [churnWith({ newCustomers: 3, customersAtEnd: 3 }), "more customers present (4) than merged subscriptions (3)"],
];

describe("mergeChurnSummaries, churnFromSummary and churnKind bad input", () => {
  const fn = "mergeChurnSummaries";
  badInput(mergeChurnSummaries as AnyFn, [
    bad(fn, [], "EMPTY_INPUT", undefined, "no summary"),
    bad(fn, [JANUARY, FEBRUARY], "INVALID_SUMMARY", 1, "summaries of different periods"),
    bad(fn, [FEBRUARY, JANUARY], "INVALID_SUMMARY", 1, "summaries of different periods"),
    ...BAD_CHURN_SUMMARIES.map(([s, note]) => bad(fn, [JANUARY, s], "INVALID_SUMMARY", 1, note)),
    ...BAD_CHURN_SUMMARIES.slice(0, 3).map(([s, note]) => bad(fn, [s, JANUARY], "INVALID_SUMMARY", 0, note)),
  ]);
  badInput(churnFromSummary as AnyFn, [
    ...BAD_CHURN_SUMMARIES.map(([s, note]) => bad("churnFromSummary", [s], "INVALID_SUMMARY", undefined, note)),
    bad("churnFromSummary", [undefined], "INVALID_SUMMARY"),
  ]);
  badInput(churnKind.finish as AnyFn, [
    bad("churnKind.finish", [L("churnKind.empty(January)", churnKind.empty(JAN_PERIOD))], "EMPTY_INPUT", undefined, "no customer present"),
    bad("churnKind.finish", [FEBRUARY], "EMPTY_INPUT", undefined, "no customer present"),
    ...BAD_CHURN_SUMMARIES.slice(0, 5).map(([s, note]) => bad("churnKind.finish", [s], "INVALID_SUMMARY", undefined, note)),
  ]);
  badInput(churnKind.check as AnyFn, BAD_CHURN_SUMMARIES.slice(0, 5).map(([s, note]) => bad("churnKind.check", [s, 3], "INVALID_SUMMARY", 3, `${note}${note ? ", " : ""}with its position`)));
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

describe("kaplanMeierSummary bad input", () => {
  const fn = "kaplanMeierSummary";
  const E = [1, 0, 1];
  badInput(kaplanMeierSummary as AnyFn, [
    bad(fn, [[3, -1, 2], E], "OUT_OF_RANGE", 1),
    bad(fn, [[3, 1, Number.NaN], E], "NON_FINITE", 2),
    bad(fn, [[3, Number.POSITIVE_INFINITY, 2], E], "NON_FINITE", 1),
    bad(fn, [[3, "1", 2], E], "INVALID_SCORE", 1),
    bad(fn, [[3, 1, 2], [1, 2, 0]], "INVALID_SCORE", 1),
    bad(fn, [[3, 1, 2], [null, 0, 1]], "INVALID_SCORE", 0),
    bad(fn, [[3, 1, 2], E, { entry: [0, 1, 0] }], "OUT_OF_RANGE", 1, "entry == duration"),
    bad(fn, [[3, 1, 2], E, { entry: [0, Number.NaN, 0] }], "NON_FINITE", 1),
    bad(fn, [[3, 1, 2], [1, 0]], "LENGTH_MISMATCH", undefined, "events shorter"),
    bad(fn, [[3, 1, 2], E, { entry: [0, 0] }], "LENGTH_MISMATCH", undefined, "entry shorter"),
    bad(fn, [null, E], "INVALID_INPUT"),
    bad(fn, [[3, 1, 2], "101"], "INVALID_INPUT"),
    bad(fn, [[3, 1, 2], E, null], "INVALID_OPTION"),
    bad(fn, [[3, 1, 2], E, { confidence: 0.9 }], "INVALID_OPTION", undefined, "confidence is an option of kaplanMeierFromSummary"),
  ]);
});

// a valid summary: subjects exiting at 1 (event), 2 (censored) and 3 (event), one entering at 0.5
const KM_SUMMARY = kaplanMeierSummary([1, 2, 3], [1, 0, 1], { entry: [-1, 0.5, 0.5] });
const kmWith = (changes: Record<string, unknown>) =>
  L(`{ …KM, ${Object.entries(changes).map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`, { ...KM_SUMMARY, ...changes });
const KM = L("KM", KM_SUMMARY);

/** Malformed Kaplan–Meier summaries, each refused with INVALID_SUMMARY. */
const BAD_KM_SUMMARIES: [unknown, string][] = [
  [null, ""],
  [L('{ kind: "churn" }', { kind: "churn" }), "a summary of another kind"],
  [kmWith({ times: "1,2,3" }), "times not an array"],
  [kmWith({ events: [0, 1, 0] }), "events shorter than times"],
  [kmWith({ times: [-1, 0.5, 2, 1] }), "times not ascending"],
  [kmWith({ times: [-1, 0.5, 1, 1] }), "a repeated time"],
  [kmWith({ times: [-1, 0.5, 1, Number.POSITIVE_INFINITY] }), "an infinite time"],
  [kmWith({ times: [-1, 0.5, 1, "3"] }), "a time as a string"],
  [kmWith({ events: [0, 0, 1.5, 1] }), "not a whole count"],
  [kmWith({ censored: [0, 0, 0, -1] }), "a negative count"],
  [kmWith({ entries: [0, 0, 0, 0] }), "a time with nothing"],
  [L("an exit at a negative time", { kind: "kaplan-meier", times: [-1], events: [1], censored: [0], entries: [0] }), ""],
  [L("more entries than subjects", { kind: "kaplan-meier", times: [0, 1], events: [0, 1], censored: [0, 0], entries: [2, 0] }), ""],
  [L("an exit before its entry", { kind: "kaplan-meier", times: [1, 2], events: [1, 0], censored: [0, 0], entries: [0, 1] }), ""],
];

describe("mergeKaplanMeierSummaries, kaplanMeierFromSummary and kaplanMeierKind bad input", () => {
  const fn = "mergeKaplanMeierSummaries";
  badInput(mergeKaplanMeierSummaries as AnyFn, [
    bad(fn, [], "EMPTY_INPUT", undefined, "no summary"),
    ...BAD_KM_SUMMARIES.map(([s, note]) => bad(fn, [KM, s], "INVALID_SUMMARY", 1, note)),
    ...BAD_KM_SUMMARIES.slice(0, 4).map(([s, note]) => bad(fn, [s, KM], "INVALID_SUMMARY", 0, note)),
  ]);
  const f = "kaplanMeierFromSummary";
  badInput(kaplanMeierFromSummary as AnyFn, [
    bad(f, [L("emptyKaplanMeierSummary()", emptyKaplanMeierSummary())], "EMPTY_INPUT"),
    ...BAD_KM_SUMMARIES.map(([s, note]) => bad(f, [s], "INVALID_SUMMARY", undefined, note)),
    bad(f, [KM, null], "INVALID_OPTION"),
    bad(f, [KM, { confidence: 1 }], "INVALID_OPTION"),
    bad(f, [KM, { confidence: "0.95" }], "INVALID_OPTION"),
    bad(f, [KM, { entry: [0, 0, 0] }], "INVALID_OPTION", undefined, "entry is an option of kaplanMeierSummary"),
  ]);
  badInput(kaplanMeierKind.finish as AnyFn, [bad(f, [L("kaplanMeierKind.empty()", kaplanMeierKind.empty())], "EMPTY_INPUT")]);
  badInput(kaplanMeierKind.check as AnyFn, BAD_KM_SUMMARIES.slice(0, 5).map(([s, note]) => bad("kaplanMeierKind.check", [s, 2], "INVALID_SUMMARY", 2, note)));
});
