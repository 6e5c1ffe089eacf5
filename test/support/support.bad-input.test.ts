// Bad input to the support summaries: the empty constructors' parameters, malformed summaries given
// to the kinds' check and merge, and the finish of an empty summary. Every row throws a
// CxMetricsError with its code, index and a message that starts with the function's name.
import { describe } from "vitest";
import {
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
import { bad, badInput } from "../helpers/tables";

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
