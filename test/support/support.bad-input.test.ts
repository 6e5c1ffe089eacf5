// Bad input to the support domain. The summaries: the empty constructors' parameters, malformed
// summaries given to the kinds' check and merge, and the finish of an empty summary; every row
// throws a CxMetricsError with its code, index and a message that starts with the function's name.
// The business calendar (below): businessCalendar, businessDuration and addBusinessTime.
import { describe, expect, it, test } from "vitest";
import {
  addBusinessTime,
  businessCalendar,
  businessDuration,
  emptySlaSummary,
  emptyTicketTimeSummary,
  mergeSlaSummaries,
  mergeTicketTimeSummaries,
  slaAttainment,
  slaFromSummary,
  slaKind,
  ticketTimeFromSummary,
  ticketTimeKind,
  ticketTimesFromSummary,
} from "../../src/index";
import { bad, badInput, errorOf } from "../helpers/tables";

const times = { kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [2, 5], open: [30] };
const noTimes = { ...times, done: [], open: [] };
const sla = { kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 8, breached: 1, openBreached: 1, openWithinTarget: 2 };
const noSla = { ...sla, met: 0, breached: 0, openBreached: 0, openWithinTarget: 0 };

describe("emptyTicketTimeSummary", () => {
  badInput(emptyTicketTimeSummary, [
    bad("emptyTicketTimeSummary", [], "INVALID_OPTION", undefined, "no parameters"),
    bad("emptyTicketTimeSummary", [null], "INVALID_OPTION"),
    bad("emptyTicketTimeSummary", [{}], "INVALID_OPTION", undefined, "no metric"),
    bad("emptyTicketTimeSummary", [{ metric: "firstContact" }], "INVALID_OPTION"),
    bad("emptyTicketTimeSummary", [{ metric: "firstReply", unit: "weeks" }], "INVALID_OPTION"),
    bad("emptyTicketTimeSummary", [{ metric: "firstReply", target: 4 }], "INVALID_OPTION", undefined, "unknown parameter"),
  ]);
});

describe("emptySlaSummary", () => {
  badInput(emptySlaSummary, [
    bad("emptySlaSummary", [], "INVALID_OPTION", undefined, "no parameters"),
    bad("emptySlaSummary", ["resolution"], "INVALID_OPTION"),
    bad("emptySlaSummary", [{ target: 4 }], "INVALID_OPTION", undefined, "no metric"),
    bad("emptySlaSummary", [{ metric: "firstReply" }], "INVALID_OPTION", undefined, "no target"),
    bad("emptySlaSummary", [{ metric: "agentWait", target: 4 }], "INVALID_OPTION", undefined, "not an SLA clock"),
    bad("emptySlaSummary", [{ metric: "firstReply", target: -1 }], "INVALID_OPTION"),
    bad("emptySlaSummary", [{ metric: "firstReply", target: Number.NaN }], "INVALID_OPTION"),
    bad("emptySlaSummary", [{ metric: "firstReply", target: Number.POSITIVE_INFINITY }], "INVALID_OPTION"),
    bad("emptySlaSummary", [{ metric: "firstReply", target: "4" }], "INVALID_OPTION"),
    bad("emptySlaSummary", [{ metric: "firstReply", target: 4, unit: "weeks" }], "INVALID_OPTION"),
    bad("emptySlaSummary", [{ metric: "firstReply", target: 4, confidence: 0.9 }], "INVALID_OPTION", undefined, "unknown parameter"),
  ]);
});

describe("ticketTimeKind.check", () => {
  badInput(ticketTimeKind.check, [
    bad("ticketTimeKind.check", [null], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [sla], "INVALID_SUMMARY", undefined, "another kind"),
    bad("ticketTimeKind.check", [{ ...times, metric: "firstContact" }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, unit: "weeks" }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, excluded: -1 }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, excluded: 1.5 }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, done: undefined }], "INVALID_SUMMARY", undefined, "no done list"),
    bad("ticketTimeKind.check", [{ ...times, open: { 0: 1 } }], "INVALID_SUMMARY", undefined, "open not an array"),
    bad("ticketTimeKind.check", [{ ...times, done: [1, -2] }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, done: [1, null] }], "INVALID_SUMMARY", undefined, "a NaN through JSON"),
    bad("ticketTimeKind.check", [{ ...times, open: [Number.POSITIVE_INFINITY] }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, done: ["2"] }], "INVALID_SUMMARY"),
    bad("ticketTimeKind.check", [{ ...times, excluded: 1.5 }, 3], "INVALID_SUMMARY", 3, "the index names the summary"),
  ]);
});

describe("slaKind.check", () => {
  badInput(slaKind.check, [
    bad("slaKind.check", [undefined], "INVALID_SUMMARY"),
    bad("slaKind.check", [times], "INVALID_SUMMARY", undefined, "another kind"),
    bad("slaKind.check", [{ ...sla, met: -1 }], "INVALID_SUMMARY"),
    bad("slaKind.check", [{ ...sla, openWithinTarget: 0.5 }], "INVALID_SUMMARY"),
    bad("slaKind.check", [{ ...sla, breached: "1" }], "INVALID_SUMMARY"),
    bad("slaKind.check", [{ ...sla, target: null }], "INVALID_SUMMARY", undefined, "a NaN target through JSON"),
    bad("slaKind.check", [{ ...sla, target: -4 }], "INVALID_SUMMARY"),
    bad("slaKind.check", [{ ...sla, metric: "agentWait" }], "INVALID_SUMMARY"),
    bad("slaKind.check", [{ ...sla, unit: "weeks" }], "INVALID_SUMMARY"),
  ]);
});

describe("merging", () => {
  badInput(mergeTicketTimeSummaries, [
    bad("mergeTicketTimeSummaries", [], "EMPTY_INPUT", undefined, "no summary"),
    bad("mergeTicketTimeSummaries", [noTimes, { ...noTimes, unit: "minutes" }], "INVALID_SUMMARY", 1, "empty summaries of different units"),
    bad("mergeTicketTimeSummaries", [times, { ...noTimes, metric: "firstReply" }], "INVALID_SUMMARY", 1, "an empty summary of another clock"),
    bad("mergeTicketTimeSummaries", [times, { ...times, done: [Number.NaN] }], "INVALID_SUMMARY", 1),
  ]);
  badInput(mergeSlaSummaries, [
    bad("mergeSlaSummaries", [], "EMPTY_INPUT", undefined, "no summary"),
    bad("mergeSlaSummaries", [noSla, { ...noSla, target: 8 }], "INVALID_SUMMARY", 1, "empty tallies of different targets"),
    bad("mergeSlaSummaries", [sla, { ...noSla, metric: "firstReply" }], "INVALID_SUMMARY", 1, "an empty tally of another clock"),
    bad("mergeSlaSummaries", [sla, { ...sla, met: -1 }], "INVALID_SUMMARY", 1),
  ]);
});

describe("finishing an empty summary", () => {
  badInput(ticketTimeFromSummary, [
    bad("ticketTimeFromSummary", [noTimes], "EMPTY_INPUT"),
    bad("ticketTimeFromSummary", [{ ...noTimes, excluded: 3 }], "EMPTY_INPUT", undefined, "every ticket created after asOf"),
    bad("ticketTimeFromSummary", [times, { percentiles: [0] }], "INVALID_OPTION"),
  ]);
  badInput(ticketTimesFromSummary, [bad("ticketTimeFromSummary", [noTimes], "EMPTY_INPUT", undefined, "the deprecated name")]);
  badInput(ticketTimeKind.finish, [bad("ticketTimeFromSummary", [noTimes], "EMPTY_INPUT", undefined, "ticketTimeKind.finish")]);
  badInput(slaFromSummary, [
    bad("slaFromSummary", [noSla], "EMPTY_INPUT"),
    bad("slaFromSummary", [sla, { confidence: 1 }], "INVALID_OPTION"),
  ]);
  badInput(slaKind.finish, [bad("slaFromSummary", [noSla], "EMPTY_INPUT", undefined, "slaKind.finish")]);
  const o = { created: (t: { c: string }) => t.c, firstReply: () => null, metric: "firstReply", target: 4, asOf: "2025-01-01T00:00:00Z" };
  badInput(slaAttainment, [
    bad("slaAttainment", [[], o], "EMPTY_INPUT", undefined, "no ticket"),
    bad("slaAttainment", [[{ c: "2025-02-01T00:00:00Z" }], o], "EMPTY_INPUT", undefined, "none created by asOf"),
  ]);
});

// ---------------------------------------------------------------------------------------------
// The business calendar
// ---------------------------------------------------------------------------------------------

const nine = { mon: [["09:00", "17:00"]] } as const;

const code = errorOf;

describe("businessCalendar bad input", () => {
  it.each([
    [{ timeZone: "Mars/Olympus", week: nine }, "INVALID_OPTION"],
    [{ week: nine }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["9:00", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["09:60", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["24:00", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["09:00", "09:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { monday: [["09:00", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: {} }, "INVALID_OPTION"], // no working time at all
    [{ timeZone: "UTC", week: { mon: [] }, overrides: { "2025-01-06": [] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: nine, holidays: ["2025-02-30"] }, "INVALID_DATE"],
    [{ timeZone: "UTC", week: nine, holidays: ["25/12/2025"] }, "INVALID_DATE"],
    [{ timeZone: "UTC", week: nine, closed: [["2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"]] }, "OUT_OF_RANGE"],
  ])("businessCalendar(%o) throws %s", (options, expected) => {
    const [c, message] = code(() => businessCalendar(options as never));
    expect(c).toBe(expected);
    expect(message.startsWith("businessCalendar: ")).toBe(true);
  });
});

describe("businessDuration and addBusinessTime bad input", () => {
  const cal = businessCalendar({ timeZone: "UTC", week: nine });
  it.each([
    [() => businessDuration("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z", cal), "OUT_OF_RANGE", "businessDuration"],
    [() => businessDuration("yesterday", "2025-01-01T00:00:00Z", cal), "INVALID_DATE", "businessDuration"],
    [() => businessDuration("2025-01-01T10:00", "2025-01-02T00:00:00Z", cal), "INVALID_DATE", "businessDuration"],
    [() => businessDuration(0, 1, { kind: "nope" } as never), "INVALID_OPTION", "businessDuration"],
    [() => businessDuration(0, 300 * 366 * 86_400_000, cal), "OUT_OF_RANGE", "businessDuration"],
    [() => addBusinessTime(0, -1, cal), "OUT_OF_RANGE", "addBusinessTime"],
    [() => addBusinessTime(0, Number.NaN, cal), "NON_FINITE", "addBusinessTime"],
  ])("%s throws %s", (call, expected, fn) => {
    const [c, message] = code(call);
    expect(c).toBe(expected);
    expect(message.startsWith(`${fn}: `)).toBe(true);
  });

  it("a duration of 0 is the start itself, even outside working time", () => {
    expect(addBusinessTime("2025-01-04T03:00:00Z", 0, cal)).toBe(Date.parse("2025-01-04T03:00:00Z"));
  });
});

describe("a calendar object that did not come from businessCalendar", () => {
  const good = businessCalendar({ timeZone: "Europe/Paris", week: { mon: [["09:00", "17:00"]] }, holidays: new Set(["2025-12-25"]) as never });
  const t0 = "2025-03-03T08:00:00Z";
  const t1 = "2025-03-04T08:00:00Z";
  test("a round trip through JSON is accepted and gives the same duration", () => {
    const copy = JSON.parse(JSON.stringify(good)) as typeof good;
    expect(businessDuration(t0, t1, copy)).toBe(businessDuration(t0, t1, good));
    expect(businessDuration(t0, t1, good)).toBe(8 * 3_600_000);
  });
  test.each([
    ["an unknown time zone", { ...good, timeZone: "Mars/Phobos" }],
    ["a week of 6 days", { ...good, week: good.week.slice(1) }],
    ["an interval that ends before it starts", { ...good, week: [[], [[600, 540]], [], [], [], [], []] }],
    ["a holiday that is not a date", { ...good, holidays: [20251225] }],
    ["unsorted closed periods", { ...good, closed: [[10, 20], [5, 8]] }],
    ["overrides that are a list", { ...good, overrides: [] }],
  ])("%s is INVALID_OPTION, not a NaN or a TypeError", (_, cal) => {
    expect(errorOf(() => businessDuration(t0, t1, cal as never))[0]).toBe("INVALID_OPTION");
  });
});

describe("addBusinessTime near the end of the Date range", () => {
  test("a due time past the last date a Date holds is OUT_OF_RANGE, not a RangeError", () => {
    const cal = businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "17:00"]] } });
    expect(errorOf(() => addBusinessTime(8.64e15 - 86_400_000, 8 * 3_600_000, cal))[0]).toBe("OUT_OF_RANGE");
  });
});

describe("addBusinessTime from the first date a Date holds", () => {
  test("starts at −8.64e15 without a RangeError", () => {
    const cal = businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "17:00"]] } });
    const due = addBusinessTime(-8.64e15, 8 * 3_600_000, cal);
    expect(Number.isFinite(due)).toBe(true);
    expect(businessDuration(-8.64e15, due, cal)).toBe(8 * 3_600_000);
  });
});
