// Properties of the support summaries: the monoid laws of the "ticket-times" and "sla" kinds, the
// empty summaries, the SLA metric's change test against compareCsat, and business time from the
// calendar's cumulative-work table (businessDuration and addBusinessTime) against the day-by-day sum
// and walk in ten time zones.
import { tzOffset } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { chiSquareHomogeneity } from "../../src/core/homogeneity";
import { compareProportions } from "../../src/core/proportion";
import {
  addBusinessTime,
  type BusinessCalendar,
  businessCalendar,
  businessDuration,
  compareCsat,
  type DaySchedule,
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
import { dueAt, dueAtTable, workBetween, workBetweenByDay, workBetweenTable } from "../../src/support/calendar";
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

// Business time from the cached cumulative-work table (two look-ups and a difference plus the two
// partial days) against the day-by-day sum, on random calendars (lunch breaks, overnight shifts,
// shifts across the night's DST changes, holidays, overrides, closed periods) and random spans,
// several per calendar so that its table grows, doubles and is laid anew. Both sum whole
// milliseconds, so they agree exactly.
describe("business time from the cumulative-work table", () => {
  const DAY = 86_400_000;
  const zones = [
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe", // a 30-minute DST change
    "Asia/Kolkata",
    "Pacific/Apia", // skipped 2011-12-30 (moved across the date line)
    "America/Sao_Paulo", // changes at midnight (until 2019)
    "Africa/Casablanca", // DST suspended each Ramadan
    "Asia/Tehran", // changes at midnight (until 2022)
    "Europe/London",
    "UTC",
  ] as const;
  const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from2008 = Date.UTC(2008, 0, 1);
  const dayArb: fc.Arbitrary<DaySchedule | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 4, max: 16 })).map(([a, len]) => [[hhmm(a * 15), hhmm(Math.min(96, a + len) * 15 === 1440 ? 1440 : (Math.min(96, a + len) * 15) % 1440)]] as DaySchedule),
    fc.tuple(fc.integer({ min: 24, max: 44 }), fc.integer({ min: 2, max: 4 })).map(([a, gap]) => [[hhmm(a * 15), "12:00"], [hhmm(720 + gap * 15), "17:30"]] as DaySchedule),
    fc.integer({ min: 80, max: 92 }).map((a) => [[hhmm(a * 15), "06:00"]] as DaySchedule),
    fc.constant([["00:00", "03:00"], ["23:30", "24:00"]] as DaySchedule), // across changes at midnight and at 02:00
  );
  const dateArb = fc.integer({ min: 0, max: 6_600 }).map((d) => ymd(from2008 + d * DAY));
  const calendarsIn = (zs: readonly string[]): fc.Arbitrary<BusinessCalendar> => fc
    .record({
      zone: fc.constantFrom(...zs),
      week: fc.tuple(...weekdays.map(() => dayArb)),
      holidays: fc.array(dateArb, { maxLength: 20 }),
      overrides: fc.array(fc.tuple(dateArb, dayArb), { maxLength: 4 }),
      closed: fc.array(fc.tuple(fc.integer({ min: 0, max: 6_600 * 24 }), fc.integer({ min: 1, max: 24 * 300 })), { maxLength: 3 }),
    })
    .map(({ zone, week, holidays, overrides, closed }) =>
      businessCalendar({
        timeZone: zone,
        week: { ...Object.fromEntries(weekdays.map((d, i) => [d, week[i]]).filter(([, v]) => v !== undefined)), wed: week[2] ?? [["09:00", "12:30"], ["13:30", "18:00"]] },
        holidays,
        overrides: Object.fromEntries(overrides.map(([d, s]) => [d, s ?? []])),
        closed: closed.map(([h, len]) => [from2008 + h * 3_600_000, from2008 + (h + len) * 3_600_000] as [number, number]),
      }),
    );
  const calendarArb = calendarsIn(zones);
  // spans on any minute from 2008 to 2025 (Apia's skipped day, the last changes of Sao Paulo and
  // Tehran), of a few hours, up to 120 days, or up to 2 years
  const spanArb = fc
    .tuple(fc.integer({ min: 0, max: 16 * 366 * 1440 }), fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 120 * 1440 }), fc.integer({ min: 0, max: 2 * 366 * 1440 })))
    .map(([a, len]) => [from2008 + a * 60_000, from2008 + (a + len) * 60_000] as const);

  test("equals the day-by-day sum on random spans in ten time zones", () => {
    fc.assert(
      fc.property(calendarArb, fc.array(spanArb, { minLength: 1, maxLength: 5 }), (cal, spans) => {
        for (const [s, e] of spans) expect(workBetweenTable(cal, s, e)).toBe(workBetweenByDay("t", cal, s, e));
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  test("a warm calendar answers from its table what businessDuration answered cold, second by second near the night's changes", () => {
    for (const zone of zones) {
      const week = Object.fromEntries(weekdays.map((d) => [d, [["00:00", "03:00"], ["09:00", "12:30"], ["13:30", "18:00"], ["22:00", "24:00"]]]));
      const spec = { timeZone: zone, week, holidays: ["2011-12-29", "2011-12-31", "2024-03-31"] };
      const cold = businessCalendar(spec);
      const warm = businessCalendar(spec);
      workBetweenTable(warm, Date.UTC(2011, 0, 1), Date.UTC(2025, 0, 1));
      for (let t = Date.UTC(2011, 11, 28); t < Date.UTC(2012, 0, 2); t += 7 * 60_000 + 13_000) {
        expect(businessDuration(t, t + 5 * 3_600_000, warm)).toBe(workBetweenByDay("t", cold, t, t + 5 * 3_600_000));
      }
      for (let t = Date.UTC(2024, 2, 29); t < Date.UTC(2024, 3, 9); t += 11 * 60_000 + 7_000) {
        expect(workBetween("t", warm, Date.UTC(2024, 2, 25), t)).toBe(workBetweenByDay("t", cold, Date.UTC(2024, 2, 25), t));
      }
    }
  }, 60_000);

  test("spans beyond the table's 90 years, fractional milliseconds and empty spans still agree with the day-by-day sum", () => {
    const cal = businessCalendar({ timeZone: "Europe/Paris", week: { mon: [["09:00", "12:30"], ["13:30", "18:00"]], fri: [["22:00", "06:00"]] }, holidays: ["2000-05-01"] });
    const s = Date.UTC(1950, 0, 1, 10);
    const e = Date.UTC(2080, 6, 1, 15);
    expect(workBetweenTable(cal, s, e)).toBe(workBetweenByDay("t", cal, s, e));
    expect(workBetweenTable(cal, s + 0.5, s + 3 * DAY + 0.25)).toBe(workBetweenByDay("t", cal, s + 0.5, s + 3 * DAY + 0.25));
    expect(workBetweenTable(cal, e, e)).toBe(0);
    expect(workBetweenTable(cal, e, s)).toBe(0);
  }, 60_000);

  test("the table rides on the calendar unseen (JSON, keys, equality), and a frozen calendar keeps one aside", () => {
    const spec = { timeZone: "Europe/Paris", week: { mon: [["09:00", "12:30"], ["13:30", "18:00"]] as DaySchedule }, holidays: ["2025-05-01"] };
    const cal = businessCalendar(spec);
    const json = JSON.stringify(cal);
    const s = Date.UTC(2025, 3, 1);
    const e = Date.UTC(2025, 5, 1);
    const frozen = Object.freeze(businessCalendar(spec));
    expect(businessDuration(s, e, cal)).toBe(workBetweenByDay("t", businessCalendar(spec), s, e));
    expect(workBetweenTable(frozen, s, e)).toBe(workBetweenByDay("t", businessCalendar(spec), s, e));
    expect(businessDuration(s, e, frozen)).toBe(businessDuration(s, e, cal));
    expect(JSON.stringify(cal)).toBe(json);
    expect(Object.keys(cal)).toEqual(Object.keys(JSON.parse(json)));
    expect(cal).toEqual(JSON.parse(json));
    expect(businessDuration(s, e, JSON.parse(json))).toBe(businessDuration(s, e, cal));
  });

  // addBusinessTime from the same table (gallop and bisection on the cumulative work) against the
  // day-by-day walk (dueAt with near = Infinity: every day's intervals in turn, no table, no fast
  // path), in ten zones: Lord Howe's 30-minute change, Chatham's 45-minute offset, Sao Paulo's
  // midnight changes, Casablanca's Ramadan suspensions, and zones without DST.
  const dueZones = [
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Europe/London",
    "Asia/Tokyo",
    "UTC",
  ] as const;
  // the instants where each zone's UTC offset changes, 2008–2025 (found with tzOffset every 6 hours
  // and bisected to the minute), to start tickets next to them
  const changes = new Map<string, number[]>();
  for (const zone of dueZones) {
    const out: number[] = [];
    const off = (t: number) => tzOffset(zone, new Date(t));
    for (let t = from2008; t < Date.UTC(2026, 0, 1); t += 6 * 3_600_000) {
      if (off(t) === off(t + 6 * 3_600_000)) continue;
      let lo = t;
      let hi = t + 6 * 3_600_000;
      while (hi - lo > 60_000) {
        const m = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (off(m) === off(lo)) lo = m;
        else hi = m;
      }
      out.push(hi);
    }
    changes.set(zone, out);
  }
  // a start: any minute (and second, millisecond) 2008–2025, or within 1½ days of a holiday's UTC
  // midnight, or within 2 days of an offset change
  const startArb = fc.record({
    kind: fc.constantFrom("any", "holiday", "change"),
    pick: fc.nat({ max: 16 * 366 * 1440 }),
    near: fc.integer({ min: -2 * 1440, max: 2 * 1440 }),
    ms: fc.oneof(fc.constant(0), fc.nat({ max: 59_999 })),
  });
  const startOf = (cal: BusinessCalendar, x: { kind: string; pick: number; near: number; ms: number }): number => {
    const ch = changes.get(cal.timeZone)!;
    if (x.kind === "holiday" && cal.holidays.length > 0) return Date.parse(cal.holidays[x.pick % cal.holidays.length]!) + Math.round(x.near * 0.75) * 60_000 + x.ms;
    if (x.kind === "change" && ch.length > 0) return ch[x.pick % ch.length]! + x.near * 60_000 + x.ms;
    return from2008 + x.pick * 60_000 + x.ms;
  };
  // a duration: 0, under a second, up to 3 days, up to 400 days (of 24 h), or the working time of
  // up to 400 calendar days after the start (so the due instant falls on an interval's end)
  const durationArb = fc.oneof(
    fc.constant({ ms: 0, span: 0 }),
    fc.integer({ min: 1, max: 999 }).map((ms) => ({ ms, span: 0 })),
    fc.integer({ min: 1, max: 3 * 1440 }).map((m) => ({ ms: m * 60_000, span: 0 })),
    fc.integer({ min: 1, max: 400 * 1440 }).map((m) => ({ ms: m * 60_000, span: 0 })),
    fc.integer({ min: 1, max: 400 * 1440 }).map((m) => ({ ms: 0, span: m * 60_000 })),
  );
  const dueCheck = (cal: BusinessCalendar, s: number, d: { ms: number; span: number }): void => {
    const ms = d.span > 0 ? workBetweenByDay("t", cal, s, s + d.span) : d.ms;
    const label = `${cal.timeZone} ${new Date(s).toISOString()} + ${ms} ms`;
    if (ms === 0) {
      expect(addBusinessTime(s, 0, cal), label).toBe(s);
      return;
    }
    const byDays = dueAt("t", cal, s, ms, Infinity);
    expect(dueAtTable(cal, s, ms), `${label}: table, by day ${byDays}`).toBe(byDays);
    expect(addBusinessTime(s, ms, cal), `${label}: addBusinessTime, by day ${byDays}`).toBe(byDays);
  };

  test("addBusinessTime from the table equals the day-by-day walk in ten time zones (holidays, lunch breaks, DST changes, 0 to 400 days)", () => {
    fc.assert(
      fc.property(calendarsIn(dueZones), fc.array(fc.tuple(startArb, durationArb), { minLength: 1, maxLength: 4 }), (cal, tickets) => {
        for (const [x, d] of tickets) dueCheck(cal, startOf(cal, x), d);
      }),
      { numRuns: 120 },
    );
  }, 300_000);

  test("addBusinessTime(start, businessDuration(start, end)) is the first instant with that much work: end itself when end is worked", () => {
    fc.assert(
      fc.property(calendarsIn(dueZones), startArb, fc.integer({ min: 0, max: 400 * 1440 }), fc.nat({ max: 59_999 }), (cal, x, minutes, extra) => {
        const s = startOf(cal, x);
        const e = s + minutes * 60_000 + extra;
        const w = businessDuration(s, e, cal);
        const due = addBusinessTime(s, w, cal);
        const label = `${cal.timeZone} ${new Date(s).toISOString()} → ${new Date(e).toISOString()} (${w} ms): due ${new Date(due).toISOString()}`;
        expect(due, label).toBeLessThanOrEqual(e);
        expect(workBetweenByDay("t", cal, s, due), label).toBe(w);
        expect(workBetweenByDay("t", cal, due, e), label).toBe(0);
        // the millisecond before e is worked: nothing earlier has as much work
        if (w > 0 && workBetweenByDay("t", cal, e - 1, e) === 1) expect(due, label).toBe(e);
      }),
      { numRuns: 120 },
    );
  }, 300_000);

  test("addBusinessTime on a warm calendar, start by start across the 2024 offset changes of ten zones, equals the walk on a cold one", () => {
    const week = Object.fromEntries(weekdays.map((d) => [d, [["00:00", "03:00"], ["09:00", "12:30"], ["13:30", "18:00"], ["22:00", "24:00"]]]));
    for (const zone of dueZones) {
      const spec = { timeZone: zone, week, holidays: ["2024-03-31", "2024-04-07", "2024-10-27"], closed: [["2024-11-04T10:00:00Z", "2024-11-05T10:00:00Z"]] as [string, string][] };
      const cold = businessCalendar(spec);
      const warm = businessCalendar(spec);
      workBetweenTable(warm, Date.UTC(2023, 0, 1), Date.UTC(2026, 0, 1));
      const around = changes.get(zone)!.filter((t) => t >= Date.UTC(2024, 0, 1) && t < Date.UTC(2025, 0, 1));
      for (const c of around.length > 0 ? around : [Date.UTC(2024, 2, 31)]) {
        for (let s = c - 2 * DAY; s < c + 2 * DAY; s += 17 * 60_000 + 13_001) {
          for (const ms of [1, 30 * 60_000, 5 * 3_600_000, 3 * DAY]) {
            const byDays = dueAt("t", cold, s, ms, Infinity);
            expect(dueAtTable(warm, s, ms), `${zone} ${new Date(s).toISOString()} + ${ms} ms`).toBe(byDays);
            expect(addBusinessTime(s, ms, warm), `${zone} ${new Date(s).toISOString()} + ${ms} ms`).toBe(byDays);
          }
        }
      }
    }
  }, 120_000);

  test("addBusinessTime falls back to the walk where the table cannot answer: fractional milliseconds, targets beyond its 90 years, the ends of the Date range", () => {
    const cal = businessCalendar({ timeZone: "Europe/Paris", week: { mon: [["09:00", "12:30"], ["13:30", "18:00"]], fri: [["22:00", "06:00"]] }, holidays: ["2000-05-01"] });
    const s = Date.UTC(2000, 3, 28, 10);
    expect(dueAtTable(cal, s + 0.5, 3_600_000)).toBeNaN();
    expect(dueAtTable(cal, s, 3_600_000.5)).toBeNaN();
    expect(addBusinessTime(s + 0.5, 3_600_000, cal)).toBe(dueAt("t", cal, s + 0.5, 3_600_000, Infinity));
    expect(addBusinessTime(s, 3_600_000.25, cal)).toBe(dueAt("t", cal, s, 3_600_000.25, Infinity));
    // 100 years of this week's 16 h: beyond the table's cap
    const century = 100 * 52 * 16 * 3_600_000;
    expect(dueAtTable(cal, s, century)).toBeNaN();
    expect(addBusinessTime(s, century, cal)).toBe(dueAt("t", cal, s, century, Infinity));
    const early = -8.64e15 + 3_600_000;
    expect(dueAtTable(cal, early, 3_600_000)).toBeNaN();
    expect(addBusinessTime(early, 8 * 3_600_000, cal)).toBe(dueAt("t", cal, early, 8 * 3_600_000, Infinity));
  }, 60_000);
});
