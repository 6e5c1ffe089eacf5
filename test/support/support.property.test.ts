// Properties of the support summaries: the monoid laws of the "ticket-times" and "sla" kinds, the
// empty summaries, and the SLA metric's change test against compareCsat.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { chiSquareHomogeneity } from "../../src/core/homogeneity";
import { compareProportions } from "../../src/core/proportion";
import {
  compareCsat,
  emptySlaSummary,
  emptyTicketTimeSummary,
  mergeSlaSummaries,
  mergeTicketTimeSummaries,
  slaAttainment,
  slaFromSummary,
  slaKind,
  slaMetric,
  slaSummary,
  type SlaSummary,
  ticketTimeFromSummary,
  ticketTimeKind,
  ticketTimeMetric,
  ticketTimeSummary,
  type TicketTimeSummary,
} from "../../src/index";
import { monoidLaws } from "../helpers/monoid-laws";
import { errorOf } from "../helpers/tables";

const H = 3_600_000;
const base = Date.parse("2025-03-03T09:00:00Z");
const at = (hours: number) => new Date(base + hours * H).toISOString();
const asOf = at(24);

interface T {
  c: string;
  r: string | null;
  s: string | null;
  p: [string, string][];
}
const acc = { created: (t: T) => t.c, firstReply: (t: T) => t.r, solved: (t: T) => t.s, pauses: (t: T) => t.p };

// Tickets created up to 30 h after `base` (some after asOf, so left out), done or open, with one pause.
const ticketsArb = fc
  .array(fc.record({ start: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 0, max: 120 }), open: fc.boolean() }), { maxLength: 12 })
  .map((xs): T[] =>
    xs.map((x) => ({
      c: at(x.start / 10),
      r: x.open ? null : at((x.start + x.len) / 10),
      s: x.open ? null : at((x.start + 2 * x.len) / 10),
      p: [[at(x.start / 10), at((x.start + x.len / 2) / 10)]],
    })),
  );
const concat = (parts: T[][]): T[] => parts.flat();

describe("ticketTimeKind", () => {
  const o = { ...acc, asOf, metric: "requesterWait" as const };
  const sorted = (s: TicketTimeSummary) => ({ ...s, done: s.done.slice().sort((a, b) => a - b), open: s.open.slice().sort((a, b) => a - b) });
  // A merge keeps the order of the times, so two merge orders differ in the order of `done` and
  // `open` and of the result's `durations` (in the summary's order): the laws compare them sorted.
  const kind = {
    ...ticketTimeKind,
    finish: (s: TicketTimeSummary, options?: object) => {
      const r = ticketTimeKind.finish(s, options);
      return { ...r, durations: r.durations.slice().sort() };
    },
  };
  monoidLaws(kind, ticketsArb, { summarize: (t) => ticketTimeSummary(t, o), concat, params: { metric: "requesterWait" }, normalize: sorted });

  test("a batch without tickets (or none created by asOf) gives an empty summary, the identity of the merge", () => {
    const late: T[] = [{ c: at(30), r: null, s: null, p: [] }];
    expect(ticketTimeSummary([], o)).toEqual(emptyTicketTimeSummary({ metric: "requesterWait" }));
    expect(ticketTimeSummary(late, o)).toEqual({ ...emptyTicketTimeSummary({ metric: "requesterWait" }), excluded: 1 });
    const s = ticketTimeSummary([{ c: at(0), r: at(1), s: at(2), p: [] }], o);
    expect(mergeTicketTimeSummaries(ticketTimeSummary([], o), s, emptyTicketTimeSummary({ metric: "requesterWait", unit: "hours" }))).toEqual(s);
    expect(ticketTimeKind.check(JSON.parse(JSON.stringify(ticketTimeSummary(late, o))))).toEqual(ticketTimeSummary(late, o));
    expect(errorOf(() => ticketTimeFromSummary(ticketTimeSummary([], o)))).toEqual(["EMPTY_INPUT", "ticketTimeFromSummary: expected at least one ticket, got none"]);
    expect(errorOf(() => ticketTimeFromSummary(ticketTimeSummary(late, o)))).toEqual(["EMPTY_INPUT", "ticketTimeFromSummary: expected at least one ticket created by asOf, got 1 created after it"]);
  });

  test("ticketTimeMetric's empty, merge and finish are the kind's", () => {
    const m = ticketTimeMetric<T>({ ...acc, asOf, metric: "firstReply", unit: "minutes" });
    expect(m.empty()).toEqual(emptyTicketTimeSummary({ metric: "firstReply", unit: "minutes" }));
    const t: T[] = [{ c: at(0), r: at(1), s: null, p: [] }, { c: at(0), r: null, s: null, p: [] }];
    const s = m.summarize(t);
    expect(m.merge(m.empty(), s)).toEqual(s);
    expect(m.count(s)).toBe(2);
    expect(m.finish(s)).toEqual(ticketTimeFromSummary(s));
  });
});

describe("slaKind", () => {
  const o = { ...acc, asOf, metric: "resolution" as const, target: 5 };
  monoidLaws(slaKind, ticketsArb, { summarize: (t) => slaSummary(t, o), concat, params: { metric: "resolution", target: 5 } });

  test("a batch without tickets gives the empty tally, the identity of the merge; only its finish is EMPTY_INPUT", () => {
    const empty = emptySlaSummary({ metric: "resolution", target: 5 });
    expect(slaSummary([], o)).toEqual(empty);
    expect(slaSummary([{ c: at(30), r: null, s: null, p: [] }], o)).toEqual(empty);
    const s = slaSummary([{ c: at(0), r: null, s: at(2), p: [] }], o);
    expect(mergeSlaSummaries(empty, s, empty)).toEqual(s);
    expect(slaKind.check(JSON.parse(JSON.stringify(empty)))).toEqual(empty);
    expect(errorOf(() => slaFromSummary(empty))[0]).toBe("EMPTY_INPUT");
    // undecided tickets only: not empty, no attainment yet (as slaAttainment)
    const undecided = slaSummary([{ c: at(23), r: null, s: null, p: [] }], o);
    expect(slaKind.count(undecided)).toBe(0);
    expect(slaFromSummary(undecided)).toEqual(slaAttainment([{ c: at(23), r: null, s: null, p: [] }], o));
    expect(slaFromSummary(undecided).attainment).toBeNull();
  });
});

describe("slaMetric's tests are those of a proportion, without the survey folder", () => {
  const tally = (x: number, n: number) => ({ kind: "csat" as const, scale: { min: 0, max: 1 }, n, counts: [n - x, x], weights: [n - x, x], weightSquares: n, skipped: 0, invalid: 0 });
  const groupArb = fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  test.for([
    [0, 1, 1, 1, 0.95],
    [4, 8, 7, 8, 0.95],
    [48, 80, 56, 70, 0.9],
    [10, 10, 0, 10, 0.99],
    [3, 7, 3, 7, 0.8],
    [999, 1000, 1, 1000, 0.95],
  ] as const)("compareProportions(%i, %i, %i, %i, %f) gives compareCsat's figures on the 0/1 tally, to the bit", ([xa, na, xb, nb, confidence]) => {
    const c = compareCsat(tally(xa, na), tally(xb, nb), { confidence, satisfiedMin: 1 });
    const p = compareProportions(xa, na, xb, nb, confidence);
    expect(p).toEqual({ difference: c.difference, se: c.se, ci: c.ci, z: c.z, pValue: c.pValue, method: c.method });
  });

  test("compareProportions gives compareCsat's figures on any 0/1 tallies", () => {
    fc.assert(
      fc.property(groupArb, groupArb, fc.constantFrom(0.8, 0.9, 0.95, 0.99), ([xa, na], [xb, nb], confidence) => {
        const c = compareCsat(tally(xa, na), tally(xb, nb), { confidence, satisfiedMin: 1 });
        expect(compareProportions(xa, na, xb, nb, confidence)).toEqual({ difference: c.difference, se: c.se, ci: c.ci, z: c.z, pValue: c.pValue, method: c.method });
      }),
      { numRuns: 200 },
    );
  });

  test("slaMetric's change test is compareProportions of met among decided, its consistency Pearson's χ² of met/missed", () => {
    const m = slaMetric<T>({ ...acc, asOf, metric: "firstReply", target: 3 });
    const s = (met: number, breached: number, openBreached: number): SlaSummary => ({ kind: "sla", metric: "firstReply", target: 3, unit: "hours", met, breached, openBreached, openWithinTarget: 2 });
    const [a, b, c] = [s(30, 8, 2), s(20, 15, 5), s(12, 2, 0)];
    const { z: _z, ...change } = compareProportions(30, 40, 20, 40, 0.9);
    expect(m.compare!(a, b, 0.9)).toEqual(change);
    const t = m.consistency!([a, b, c])!;
    const direct = chiSquareHomogeneity([[30, 10], [20, 20], [12, 2]])!;
    expect(t.method).toBe("chi-square");
    expect(t.df).toEqual([2]);
    expect(t.statistic).toBeCloseTo(direct.statistic, 12);
    expect(t.pValue).toBeCloseTo(direct.pValue, 12);
    expect(t.effectSize).toBeCloseTo(direct.cramersV, 12);
  });
});
