// The fast path of business time (whole weeks from per-weekday lengths, corrected on holidays,
// overrides, closed periods and the days around UTC offset changes) against the day-by-day sum it
// replaces, on random calendars and spans: DST in Europe/Paris, America/New_York and
// America/Santiago (whose changes happen at midnight), lunch breaks, overnight shifts, holidays,
// overrides and closed periods. Both paths sum whole milliseconds, so they must agree exactly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessTime, type BusinessCalendar, businessCalendar, businessDuration, type DaySchedule } from "../../src/index";
import { dueAt, workBetween, workBetweenByDay } from "../../src/support/calendar";

const DAY = 86_400_000;
const zones = ["Europe/Paris", "America/New_York", "America/Santiago", "UTC"] as const;
const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// a day: closed, one interval, a lunch break (two intervals), or an overnight shift; on a 15-minute grid
const dayArb: fc.Arbitrary<DaySchedule | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 4, max: 16 })).map(([a, len]) => [[hhmm(a * 15), hhmm(Math.min(96, a + len) * 15 === 1440 ? 1440 : (Math.min(96, a + len) * 15) % 1440)]] as DaySchedule),
  fc.tuple(fc.integer({ min: 24, max: 44 }), fc.integer({ min: 2, max: 4 })).map(([a, gap]) => [[hhmm(a * 15), "12:00"], [hhmm(720 + gap * 15), "17:30"]] as DaySchedule),
  fc.integer({ min: 80, max: 92 }).map((a) => [[hhmm(a * 15), "06:00"]] as DaySchedule),
  fc.constant([["01:00", "04:00"]] as DaySchedule), // across the 02:00–03:00 changes in Europe and America
);
const from2000 = Date.UTC(2000, 0, 1);
const dateArb = fc.integer({ min: 0, max: 11_000 }).map((d) => ymd(from2000 + d * DAY));

const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    zone: fc.constantFrom(...zones),
    week: fc.tuple(...weekdays.map(() => dayArb)),
    holidays: fc.array(dateArb, { maxLength: 30 }),
    overrides: fc.array(fc.tuple(dateArb, dayArb), { maxLength: 5 }),
    closed: fc.array(fc.tuple(fc.integer({ min: 0, max: 11_000 * 24 }), fc.integer({ min: 1, max: 24 * 400 })), { maxLength: 4 }),
  })
  .map(({ zone, week, holidays, overrides, closed }) =>
    businessCalendar({
      timeZone: zone,
      week: { ...Object.fromEntries(weekdays.map((d, i) => [d, week[i]]).filter(([, v]) => v !== undefined)), mon: week[0] ?? [["09:00", "17:00"]] },
      holidays,
      overrides: Object.fromEntries(overrides.map(([d, s]) => [d, s ?? []])),
      closed: closed.map(([h, len]) => [from2000 + h * 3_600_000, from2000 + (h + len) * 3_600_000] as [number, number]),
    }),
  );
// spans that start on any minute from 2000 to 2030 and last up to 400 days (some a few hours)
const spanArb = fc.tuple(fc.integer({ min: 0, max: 30 * 366 * 1440 }), fc.oneof(fc.integer({ min: 0, max: 3 * 1440 }), fc.integer({ min: 0, max: 400 * 1440 }))).map(([a, len]) => [from2000 + a * 60_000, from2000 + (a + len) * 60_000] as const);

describe("businessDuration fast path", () => {
  it("equals the day-by-day sum on random calendars and spans (DST, lunch breaks, overnight shifts, holidays, overrides, closed periods)", () => {
    fc.assert(
      fc.property(calendarArb, spanArb, (cal, [s, e]) => {
        const fast = workBetween("t", cal, s, e);
        const slow = workBetweenByDay("t", cal, s, e);
        expect(fast, `${cal.timeZone} ${new Date(s).toISOString()} → ${new Date(e).toISOString()}: fast ${fast}, by day ${slow}`).toBe(slow);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("equals the day-by-day sum on spans of 5 to 30 years", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 10 * 366 * 1440 }), fc.integer({ min: 5 * 365 * 1440, max: 30 * 365 * 1440 }), (cal, a, len) => {
        const s = from2000 + a * 60_000;
        const e = s + len * 60_000;
        expect(workBetween("t", cal, s, e)).toBe(workBetweenByDay("t", cal, s, e));
      }),
      { numRuns: 10 },
    );
  }, 60_000);

  it("counts exactly 40 hours a week over a 50-year ticket (9–17 Monday to Friday, UTC), and agrees with the day-by-day sum in Paris", () => {
    const week = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]]));
    const utc = businessCalendar({ timeZone: "UTC", week });
    // Monday 2001-01-01 to Monday 2051-01-02: 2609 whole weeks (18,263 days)
    const weeks = (Date.UTC(2051, 0, 2) - Date.UTC(2001, 0, 1)) / (7 * DAY);
    expect(weeks).toBe(2609);
    expect(businessDuration("2001-01-01", "2051-01-02", utc)).toBe(weeks * 40 * 3_600_000);
    const paris = businessCalendar({ timeZone: "Europe/Paris", week: { ...week, mon: [["09:00", "12:30"], ["13:30", "18:00"]] }, holidays: ["2024-05-01", "2030-12-25", "2049-07-14"] });
    const s = Date.parse("2001-03-25T00:30:00Z");
    const e = Date.parse("2051-10-29T23:45:00Z");
    expect(workBetween("t", paris, s, e)).toBe(workBetweenByDay("t", paris, s, e));
  }, 60_000);
});

describe("addBusinessTime fast path", () => {
  it("equals the day-by-day walk and is the inverse of businessDuration on random calendars", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 0, max: 30 * 366 * 1440 }), fc.oneof(fc.integer({ min: 0, max: 3 * 600 }), fc.integer({ min: 0, max: 3_000 * 60 })), (cal, a, minutes) => {
        const s = from2000 + a * 60_000;
        const d = minutes * 60_000;
        const fast = dueAt("t", cal, s, d);
        expect(fast, `${cal.timeZone} ${new Date(s).toISOString()} + ${minutes} min`).toBe(dueAt("t", cal, s, d, Infinity));
        if (d > 0) expect(workBetweenByDay("t", cal, s, fast)).toBe(d);
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it("finds a due date 40 years of working time ahead, the inverse of businessDuration", () => {
    const ny = businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "12:00"], ["13:00", "17:00"]], wed: [["22:00", "06:00"]] }, holidays: ["2030-01-07"] });
    const d = 40 * 52 * 15 * 3_600_000;
    const due = addBusinessTime("2025-03-07T16:30:00-05:00", d, ny);
    expect(businessDuration("2025-03-07T16:30:00-05:00", due, ny)).toBe(d);
    expect(due).toBe(dueAt("t", ny, Date.parse("2025-03-07T16:30:00-05:00"), d, Infinity));
  }, 60_000);
});
