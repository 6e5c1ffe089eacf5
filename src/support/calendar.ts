import { tzOffset } from "@date-fns/tz";
import { fail } from "../core/errors";
import { describe, keysOf, readOptions, toArrayLike } from "../core/input";
import { instantIn } from "../core/period";
import { type DateInput, readTimeZone } from "../core/time";

const BUSINESS_CALENDAR_OPTIONS_KEYS = /* @__PURE__ */ keysOf<BusinessCalendarOptions>()("timeZone", "week", "holidays", "overrides", "closed");

const DAY = 86_400_000;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * A weekday key of a {@link BusinessCalendar} week.
 * @category Support
 */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/**
 * Working intervals of a day as `["HH:MM", "HH:MM"]` local times; "24:00" ends at midnight; an end
 * not after its start is an overnight shift ending the next day.
 * @category Support
 */
export type DaySchedule = readonly (readonly [string, string])[];

/**
 * Options of {@link businessCalendar}.
 * @category Support
 */
export interface BusinessCalendarOptions {
  /** IANA time zone of the schedule and of the dates. */
  timeZone: string;
  /** Working intervals per weekday; a missing day is closed. */
  week: Partial<Record<Weekday, DaySchedule>>;
  /** Local dates (`YYYY-MM-DD`) on which no shift starts. */
  holidays?: readonly string[];
  /** Date-specific schedules (`YYYY-MM-DD` → intervals; `[]` closes the day); they win over holidays. */
  overrides?: Readonly<Record<string, DaySchedule>>;
  /** Explicit closed periods (absolute instants), subtracted from working time. */
  closed?: readonly (readonly [DateInput, DateInput])[];
}

/**
 * A business calendar: plain, JSON-serializable data, checked when it is built.
 * @category Support
 */
export interface BusinessCalendar {
  kind: "business-calendar";
  timeZone: string;
  /** Per weekday (0 = Sunday … 6 = Saturday), intervals in minutes from local midnight: [start, end), end > start, end ≤ 2 × 1440 (overnight). */
  week: [number, number][][];
  holidays: string[];
  overrides: Record<string, [number, number][]>;
  /** Closed periods as epoch milliseconds [start, end), sorted and merged. */
  closed: [number, number][];
}

function parseClock(fn: string, v: unknown, where: string, allow24: boolean): number {
  const m = typeof v === "string" ? /^(\d{2}):(\d{2})$/.exec(v) : null;
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && (min !== 0 || !allow24))) {
    fail(fn, "INVALID_OPTION", `expected a time "HH:MM" from 00:00 to ${allow24 ? "24:00" : "23:59"} in ${where}, got ${describe(v)}`);
  }
  return h * 60 + min;
}

function parseDay(fn: string, v: unknown, where: string): [number, number][] {
  if (!Array.isArray(v)) fail(fn, "INVALID_OPTION", `expected a list of ["HH:MM", "HH:MM"] intervals in ${where}, got ${describe(v)}`);
  return v.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) fail(fn, "INVALID_OPTION", `expected ["HH:MM", "HH:MM"] at ${where}[${i}], got ${describe(pair)}`);
    const a = parseClock(fn, pair[0], `${where}[${i}]`, false);
    const b = parseClock(fn, pair[1], `${where}[${i}]`, true);
    if (a === b) fail(fn, "INVALID_OPTION", `expected an interval of positive length at ${where}[${i}], got ${pair[0]}–${pair[1]}`);
    return [a, b > a ? b : b + 1440] as [number, number]; // end on the next day: overnight shift
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function checkDate(fn: string, v: unknown, where: string): string {
  if (typeof v !== "string" || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v)) || new Date(Date.parse(v)).toISOString().slice(0, 10) !== v) {
    fail(fn, "INVALID_DATE", `expected a date "YYYY-MM-DD" in ${where}, got ${describe(v)}`);
  }
  return v;
}

/**
 * Build a business calendar: weekly working hours in a time zone, holidays, date overrides and
 * explicit closed periods.
 *
 * Rules: `week` maps `mon` … `sun` to `["HH:MM", "HH:MM"]` local intervals (any number per day, e.g.
 * a lunch break as two intervals; "24:00" is midnight at the end of the day; an interval whose end
 * is not after its start, such as ["22:00", "06:00"], is an overnight shift that belongs to the day
 * it starts on). A holiday removes the shifts that start on that local date (a night shift from the
 * day before still runs into the holiday morning); `overrides` replace a date's schedule (and win
 * over holidays); `closed` periods are absolute instants removed from working time. Local times are
 * turned into instants in `timeZone`: a local time that does not exist (spring forward) moves
 * forward by the gap (read with the offset before the change, as RFC 5545 §3.3.5 and date-fns'
 * `TZDate` do: 02:30 on a night when 02:00 becomes 03:00 is 03:30), an ambiguous one (fall back)
 * takes its first occurrence. Everything is checked
 * here, once: an unknown time zone, a malformed "HH:MM", a holiday that is not a date, or a calendar
 * without any working time is an error now, not at first use.
 *
 * @param options - {@link BusinessCalendarOptions}.
 * @returns The {@link BusinessCalendar}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` (time zone, week, times, empty calendar),
 * `INVALID_DATE` (holidays, override dates, closed periods), `OUT_OF_RANGE` (a closed period that
 * ends before it starts).
 * @example
 * ```ts
 * import { businessCalendar } from "cx-metrics";
 * const cal = businessCalendar({
 *   timeZone: "Europe/Berlin",
 *   week: { mon: [["09:00", "12:30"], ["13:30", "17:30"]], tue: [["09:00", "17:30"]] },
 *   holidays: ["2025-12-25"],
 * });
 * cal.week[1]; //=> [[540, 750], [810, 1050]]
 * ```
 * @category Support
 */
export function businessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const fn = "businessCalendar";
  const o = readOptions<BusinessCalendarOptions>(fn, options, BUSINESS_CALENDAR_OPTIONS_KEYS);
  if (o.timeZone === undefined) fail(fn, "INVALID_OPTION", "expected a timeZone (an IANA name such as \"Europe/Paris\" or \"UTC\")");
  const timeZone = readTimeZone(fn, o.timeZone);
  if (o.week === null || typeof o.week !== "object") fail(fn, "INVALID_OPTION", `expected week as { mon: [["09:00", "17:00"]], … }, got ${describe(o.week)}`);
  for (const key of Object.keys(o.week)) {
    if (!(DAYS as readonly string[]).includes(key)) fail(fn, "INVALID_OPTION", `expected week keys mon, tue, wed, thu, fri, sat, sun, got "${key}"`);
  }
  const week = DAYS.map((d) => (o.week[d] === undefined ? [] : parseDay(fn, o.week[d], `week.${d}`)));
  const holidays = Array.from(toArrayLike(fn, o.holidays ?? [], "holidays as a list of dates"), (h, i) => checkDate(fn, h, `holidays[${i}]`));
  const overrides: Record<string, [number, number][]> = {};
  for (const [date, day] of Object.entries(o.overrides ?? {})) overrides[checkDate(fn, date, "overrides")] = parseDay(fn, day, `overrides.${date}`);
  const closed = Array.from(toArrayLike(fn, o.closed ?? [], "closed as a list of [start, end] periods"), (pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) fail(fn, "INVALID_OPTION", `expected closed[${i}] as [start, end], got ${describe(pair)}`);
    const a = instantIn(fn, pair[0], timeZone, `closed[${i}] start`);
    const b = instantIn(fn, pair[1], timeZone, `closed[${i}] end`);
    if (!(b > a)) fail(fn, "OUT_OF_RANGE", `expected closed[${i}] to end after it starts`);
    return [a, b] as [number, number];
  });
  closed.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const c of closed) {
    const last = merged[merged.length - 1];
    if (last !== undefined && c[0] <= last[1]) last[1] = Math.max(last[1], c[1]);
    else merged.push([c[0], c[1]]);
  }
  if (week.every((d) => d.length === 0) && Object.values(overrides).every((d) => d.length === 0)) {
    fail(fn, "INVALID_OPTION", "expected some working time: the week has no working interval and no override adds one");
  }
  const calendar: BusinessCalendar = { kind: "business-calendar", timeZone, week, holidays, overrides, closed: merged };
  checkedCalendars.add(calendar);
  return calendar;
}

/** Epoch-day number and calendar fields of a day. */
function dayFields(day: number): { y: number; m: number; d: number; dow: number; iso: string } {
  const t = new Date(day * DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate(), dow: t.getUTCDay(), iso: t.toISOString().slice(0, 10) };
}

/**
 * The instant of a local wall time (local midnight of epoch-day `day` plus `minutes`) in `tz`: a
 * wall time in a spring-forward gap is read with the offset before the change (so it moves forward
 * by the gap); an ambiguous one takes the earlier instant.
 */
function wallToInstant(tz: string, day: number, minutes: number): number {
  const wall = day * DAY + minutes * 60_000;
  const before = offsetAt(tz, wall - DAY);
  const after = offsetAt(tz, wall + DAY);
  const t1 = wall - before;
  const t2 = wall - after;
  const ok1 = offsetAt(tz, t1) === before;
  const ok2 = offsetAt(tz, t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  return t1; // gap: the offset before the transition moves the time forward
}

const HOUR = 3_600_000;
const offsetCaches = /* @__PURE__ */ new Map<string, Map<number, number>>();

/**
 * UTC offset (ms) of an instant in `tz`. Offsets are cached per UTC hour when the hour's two ends
 * agree (no zone changes offset twice within an hour); an hour holding a transition is computed
 * exactly each time. tzOffset goes through Intl and costs about a microsecond.
 */
function offsetAt(tz: string, ms: number): number {
  let cache = offsetCaches.get(tz);
  if (cache === undefined) offsetCaches.set(tz, (cache = new Map()));
  const hour = Math.floor(ms / HOUR);
  let off = cache.get(hour);
  if (off === undefined) {
    const a = tzOffset(tz, new Date(hour * HOUR));
    const b = tzOffset(tz, new Date((hour + 1) * HOUR));
    off = a === b ? a * 60_000 : Number.NaN;
    if (cache.size > 200_000) cache.clear();
    cache.set(hour, off);
  }
  return Number.isNaN(off) ? tzOffset(tz, new Date(ms)) * 60_000 : off;
}

/** The local epoch-day of an instant in `tz`. */
function localDay(tz: string, ms: number): number {
  return Math.floor((ms + offsetAt(tz, ms)) / DAY);
}

const caches = /* @__PURE__ */ new WeakMap<BusinessCalendar, Map<number, Float64Array>>();
const rawCaches = /* @__PURE__ */ new WeakMap<BusinessCalendar, Map<number, Float64Array>>();

function cached(store: WeakMap<BusinessCalendar, Map<number, Float64Array>>, cal: BusinessCalendar, day: number, make: () => Float64Array): Float64Array {
  let cache = store.get(cal);
  if (cache === undefined) store.set(cal, (cache = new Map()));
  let out = cache.get(day);
  if (out === undefined) {
    out = make();
    if (cache.size > 100_000) cache.clear();
    cache.set(day, out);
  }
  return out;
}

const NO_SHIFTS = /* @__PURE__ */ new Float64Array(0);

/** The shifts that start on local epoch-day `day` as instants, sorted and merged (overlaps within the day united). */
function rawShifts(cal: BusinessCalendar, day: number): Float64Array {
  // no working time on the days at the very ends of what a Date can hold (its shifts would reach
  // beyond them): epoch days −1e8 and 1e8 − 1, and anything outside
  if (!(day > -8.64e15 / DAY && day < 8.64e15 / DAY - 1)) return NO_SHIFTS;
  return cached(rawCaches, cal, day, () => {
    const f = dayFields(day);
    const schedule = cal.overrides[f.iso] ?? (cal.holidays.includes(f.iso) ? [] : cal.week[f.dow]!);
    const pairs = schedule
      .map(([a, b]) => [wallToInstant(cal.timeZone, day, a), wallToInstant(cal.timeZone, day + Math.floor(b / 1440), b % 1440)] as [number, number])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    const out: number[] = [];
    for (const [a, b] of pairs) {
      if (out.length > 0 && a <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, b);
      else out.push(a, b);
    }
    return Float64Array.from(out);
  });
}

const pieceCaches = /* @__PURE__ */ new WeakMap<BusinessCalendar, Map<number, Float64Array>>();

/**
 * Working intervals [start, end) (epoch ms, sorted, disjoint) credited to local epoch-day `day`
 * before closed periods: its shifts, trimmed where the previous day's overnight shift still runs
 * (so no time counts twice); cached per calendar. The intervals of successive days follow each
 * other: every interval of day d ends before any interval of day d + 1 starts.
 */
function piecesOf(cal: BusinessCalendar, day: number): Float64Array {
  return piecesIn(pieceCache(cal), cal, day);
}

function pieceCache(cal: BusinessCalendar): Map<number, Float64Array> {
  let cache = pieceCaches.get(cal);
  if (cache === undefined) pieceCaches.set(cal, (cache = new Map()));
  return cache;
}

/** {@link piecesOf} with the calendar's cache at hand (no lookup of the calendar, no closure on a hit). */
function piecesIn(cache: Map<number, Float64Array>, cal: BusinessCalendar, day: number): Float64Array {
  const hit = cache.get(day);
  if (hit !== undefined) return hit;
  const previous = rawShifts(cal, day - 1);
  const carried = previous.length > 0 ? previous[previous.length - 1]! : -Infinity;
  const own = rawShifts(cal, day);
  const pieces: number[] = [];
  for (let k = 0; k < own.length; k += 2) {
    const s = Math.max(own[k]!, carried);
    const e = own[k + 1]!;
    if (e > s) pieces.push(s, e);
  }
  const out = Float64Array.from(pieces);
  if (cache.size > 100_000) cache.clear();
  cache.set(day, out);
  return out;
}

/**
 * {@link piecesOf} with the closed periods removed: the working intervals credited to local
 * epoch-day `day`; cached per calendar.
 */
function shiftsOf(cal: BusinessCalendar, day: number): Float64Array {
  return cached(caches, cal, day, () => {
    const own = piecesOf(cal, day);
    if (cal.closed.length === 0) return own;
    const pieces: number[] = [];
    for (let k = 0; k < own.length; k += 2) {
      let s = own[k]!;
      const e = own[k + 1]!;
      for (const [cs, ce] of cal.closed) {
        if (ce <= s || cs >= e) continue;
        if (cs > s) pieces.push(s, cs);
        s = Math.max(s, ce);
      }
      if (e > s) pieces.push(s, e);
    }
    return Float64Array.from(pieces);
  });
}

/** Day of the week (0 = Sunday) of an epoch-day. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/**
 * What the fast path needs of a calendar: the working time of a regular day per weekday (a day
 * whose own and previous day's schedules are the weekly ones, with one UTC offset throughout), its
 * sum over a week, and the epoch-days whose schedule is not the weekly one (holidays, overrides).
 */
interface FastCalendar {
  weekday: Float64Array;
  week: number;
  special: Float64Array;
}

const fastCaches = /* @__PURE__ */ new WeakMap<BusinessCalendar, FastCalendar>();

function fastOf(cal: BusinessCalendar): FastCalendar {
  let f = fastCaches.get(cal);
  if (f !== undefined) return f;
  // the weekly intervals in minutes from local midnight, sorted and merged as rawShifts does
  const merged = cal.week.map((day) => {
    const pairs = day.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    const out: number[] = [];
    for (const [a, b] of pairs) {
      if (out.length > 0 && a <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, b);
      else out.push(a, b);
    }
    return out;
  });
  const weekday = new Float64Array(7);
  for (let w = 0; w < 7; w++) {
    const prev = merged[(w + 6) % 7]!;
    const carried = prev.length > 0 ? prev[prev.length - 1]! - 1440 : -Infinity;
    const own = merged[w]!;
    for (let k = 0; k < own.length; k += 2) {
      const a = Math.max(own[k]!, carried);
      if (own[k + 1]! > a) weekday[w]! += (own[k + 1]! - a) * 60_000;
    }
  }
  const days = new Set<number>();
  for (const h of cal.holidays) days.add(Date.parse(h) / DAY);
  for (const d of Object.keys(cal.overrides)) days.add(Date.parse(d) / DAY);
  const special = Float64Array.from(days).sort();
  f = { weekday, week: weekday.reduce((x, y) => x + y, 0), special };
  fastCaches.set(cal, f);
  return f;
}

const BLOCK = 366;
const transitionCaches = /* @__PURE__ */ new Map<string, Map<number, Float64Array>>();

/**
 * The UTC epoch-days k of `tz` in block `b` (days b·366 … b·366 + 365) over which the UTC offset
 * changes (the offset at k·24 h differs from the one at (k + 1)·24 h), from one offset every 4 days
 * (every day around a change), computed once per zone and block (about 0.2 ms) and cached.
 */
function transitionsIn(tz: string, b: number): Float64Array {
  let cache = transitionCaches.get(tz);
  if (cache === undefined) transitionCaches.set(tz, (cache = new Map()));
  let out = cache.get(b);
  if (out === undefined) {
    const days: number[] = [];
    if (tz !== "UTC") {
      // one offset every 4 days, then every day of the steps where it moved (no zone changes its
      // offset and back within 4 days)
      const at = (k: number) => tzOffset(tz, new Date(k * DAY));
      let off = at(b * BLOCK);
      for (let k = b * BLOCK; k < (b + 1) * BLOCK; k += 4) {
        const top = Math.min(k + 4, (b + 1) * BLOCK);
        const next = at(top);
        if (next !== off) {
          let o = off;
          for (let j = k; j < top; j++) {
            const n = j + 1 === top ? next : at(j + 1);
            if (n !== o) days.push(j);
            o = n;
          }
        }
        off = next;
      }
    }
    out = Float64Array.from(days);
    if (cache.size > 10_000) cache.clear();
    cache.set(b, out);
  }
  return out;
}

/** Index of the first element of sorted `a` that is >= `v`. */
function lowerBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Σ |intervals of `iv` ∩ [s, e)|. */
function clipped(iv: Float64Array, s: number, e: number): number {
  let total = 0;
  for (let k = 0; k < iv.length; k += 2) {
    const a = Math.max(iv[k]!, s);
    const b = Math.min(iv[k + 1]!, e);
    if (b > a) total += b - a;
  }
  return total;
}

/**
 * Working time in [s, e) before closed periods, in O(irregular days + 1): the first and last few
 * days exactly; the days between as whole weeks and a remainder of weekday lengths, corrected on
 * the days that are not regular (a holiday or override and the day after it, the days around a
 * UTC offset change), each computed exactly. Equal to the sum over every day of its intervals.
 */
function openWork(cal: BusinessCalendar, s: number, e: number): number {
  if (e <= s) return 0;
  const tz = cal.timeZone;
  const first = localDay(tz, s) - 1; // an overnight shift of the day before
  const last = localDay(tz, e);
  const cache = pieceCache(cal);
  let total = 0;
  if (last - first < 12) {
    for (let day = first; day <= last; day++) total += clipped(piecesIn(cache, cal, day), s, e);
    return total;
  }
  // the edge days, clipped; the intervals of days a … b lie wholly inside [s, e) (a day's
  // intervals run from its local midnight to, at the latest, the midnight two days later; one
  // spare day on each side)
  const a = first + 3;
  const b = last - 3;
  for (let day = first; day < a; day++) total += clipped(piecesIn(cache, cal, day), s, e);
  for (let day = b + 1; day <= last; day++) total += clipped(piecesIn(cache, cal, day), s, e);
  const f = fastOf(cal);
  const n = b - a + 1;
  const weeks = Math.floor(n / 7);
  total += weeks * f.week;
  for (let d = a + weeks * 7; d <= b; d++) total += f.weekday[weekdayOf(d)]!;
  // days that are not regular: a special day and the day after (its carried overnight shift)
  let m = 0;
  for (let i = lowerBound(f.special, a - 1); i < f.special.length && f.special[i]! <= b; i++) {
    scratch = room(scratch, m + 2);
    scratch[m++] = f.special[i]!;
    scratch[m++] = f.special[i]! + 1;
  }
  // an offset change in UTC day k touches the local days whose shifts or the day before's run through it
  for (let blk = Math.floor((a - 6) / BLOCK); blk <= Math.floor((b + 6) / BLOCK); blk++) {
    const ks = transitionsIn(tz, blk);
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      if (k < a - 6 || k > b + 6) continue;
      scratch = room(scratch, m + 10);
      for (let d = k - 4; d <= k + 5; d++) scratch[m++] = d;
    }
  }
  if (m === 0) return total;
  const irregular = scratch.subarray(0, m).sort();
  let previous = Number.NaN;
  for (let i = 0; i < m; i++) {
    const d = irregular[i]!;
    if (d === previous || d < a || d > b) continue;
    previous = d;
    total += clipped(piecesIn(cache, cal, d), -Infinity, Infinity) - f.weekday[weekdayOf(d)]!;
  }
  return total;
}

/** A scratch buffer of the fast path, reused between calls (no allocation per ticket). */
let scratch: Float64Array = new Float64Array(64);

function room(buf: Float64Array, size: number): Float64Array {
  if (size <= buf.length) return buf;
  const out = new Float64Array(Math.max(size, buf.length * 2));
  out.set(buf);
  return out;
}

/**
 * Working time in [s, e): {@link openWork}, less the working time inside each closed period that
 * meets [s, e) (closed periods are sorted and disjoint). O(irregular days + closed periods in the
 * span + 1).
 */
function fastWork(cal: BusinessCalendar, s: number, e: number): number {
  let total = openWork(cal, s, e);
  const closed = cal.closed;
  if (closed.length === 0 || e <= s) return total;
  // the first closed period that ends after s
  let lo = 0;
  let hi = closed.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (closed[m]![1] <= s) lo = m + 1;
    else hi = m;
  }
  for (let i = lo; i < closed.length && closed[i]![0] < e; i++) total -= openWork(cal, Math.max(s, closed[i]![0]), Math.min(e, closed[i]![1]));
  return total;
}

/**
 * The cumulative-work table of a calendar: every working interval ({@link shiftsOf}, closed periods
 * removed) of the local days around UTC days u0 … u1 − 1, laid end to end as instants (`starts`,
 * `ends`, sorted and disjoint, with a sentinel at +∞), `cum[k]` the working time of intervals
 * 0 … k − 1, and `first[u − u0]` the first interval that ends after the UTC midnight of day u. The
 * working time before an instant t of a covered day is then `cum[k]` plus the part of interval k
 * before t, with k found from `first` and a step over the few intervals that end between the
 * midnight and t: O(1), no time-zone look-up. The day range grows on demand (by doubling) and is
 * capped at {@link TABLE_DAYS} days and {@link TABLE_INTERVALS} intervals (24 bytes each: at most
 * 12.7 MB per calendar; a 90-year table of a lunch-break week takes 1.3 MB).
 */
interface WorkTable {
  u0: number;
  u1: number;
  first: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  cum: Float64Array;
  /** Intervals per millisecond of work over the table (its count over its total work; 0 when it has none). */
  density: number;
  /** Calls answered without the table since it last grew (they pay for the next growth). */
  misses: number;
  /** The table cannot serve this calendar (instants not whole milliseconds, or not in order). */
  off: boolean;
}

/** Most UTC days a {@link WorkTable} covers: 32,768 (about 90 years). */
const TABLE_DAYS = 32_768;
/** Most intervals a {@link WorkTable} holds: 524,288. */
const TABLE_INTERVALS = 524_288;
/** Days added on each side of a first table, so nearby tickets hit it. */
const TABLE_PAD = 7;
/** Days a table may grow by for free; beyond, each growth waits for a quarter as many misses. */
const TABLE_FREE = 64;
const EMPTY_INDEX = /* @__PURE__ */ new Int32Array(0);
const SENTINEL = /* @__PURE__ */ Float64Array.of(Infinity);
/**
 * The key under which a calendar object carries its table: a non-enumerable symbol property, so
 * that JSON, `Object.keys`, spreads, structured clones and deep equality do not see it, and the
 * table is dropped with the calendar (a property load is cheaper per ticket than a WeakMap look-up).
 */
const TABLE = /* @__PURE__ */ Symbol("cx-metrics business-time table");
/** Tables of calendars that cannot take a property (frozen or sealed objects), dropped with them. */
const frozenTables = /* @__PURE__ */ new WeakMap<BusinessCalendar, WorkTable>();

function tableOf(cal: BusinessCalendar): WorkTable {
  const own = (cal as { [TABLE]?: WorkTable })[TABLE];
  if (own !== undefined) return own;
  let tb = frozenTables.get(cal);
  if (tb === undefined) {
    tb = { u0: 0, u1: 0, first: EMPTY_INDEX, starts: SENTINEL, ends: SENTINEL, cum: new Float64Array(1), density: 0, misses: 0, off: false };
    if (Object.isExtensible(cal)) Object.defineProperty(cal, TABLE, { value: tb, enumerable: false, writable: false, configurable: false });
    else frozenTables.set(cal, tb);
  }
  return tb;
}

/** Working time before instant `t` (a whole millisecond of covered UTC day `u`), from the table's origin. */
function workBefore(tb: WorkTable, t: number, u: number): number {
  const ends = tb.ends;
  let k = tb.first[u - tb.u0]!;
  while (ends[k]! <= t) k++;
  const a = tb.starts[k]!;
  return t > a ? tb.cum[k]! + (t - a) : tb.cum[k]!;
}

/**
 * Lay out the table of `cal` over UTC days lo … hi − 1 from the local days lo − 3 … hi + 2 (a local
 * day's intervals lie between its local midnight and the one two days later, and no UTC offset
 * reaches a day, so those of days outside stay outside the covered instants). False when it cannot:
 * too many intervals (the old table stays), or instants that are not whole milliseconds or not in
 * order (the table is switched off for the calendar).
 */
function buildTable(cal: BusinessCalendar, tb: WorkTable, lo: number, hi: number): boolean {
  let starts: Float64Array = new Float64Array(Math.max(64, (hi - lo + 6) * 2));
  let ends: Float64Array = new Float64Array(starts.length);
  let n = 0;
  let previous = -Infinity;
  for (let d = lo - 3; d < hi + 3; d++) {
    const iv = shiftsOf(cal, d);
    for (let k = 0; k < iv.length; k += 2) {
      const a = iv[k]!;
      const b = iv[k + 1]!;
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < previous) {
        tb.off = true;
        return false;
      }
      if (n + 1 >= TABLE_INTERVALS) return false;
      starts = room(starts, n + 2);
      ends = room(ends, n + 2);
      starts[n] = a;
      ends[n++] = b;
      previous = b;
    }
  }
  starts = starts.slice(0, n + 1);
  ends = ends.slice(0, n + 1);
  starts[n] = Infinity;
  ends[n] = Infinity;
  const cum = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cum[k + 1] = cum[k]! + (ends[k]! - starts[k]!);
  const first = new Int32Array(hi - lo);
  let k = 0;
  for (let u = lo; u < hi; u++) {
    while (ends[k]! <= u * DAY) k++;
    first[u - lo] = k;
  }
  tb.u0 = lo;
  tb.u1 = hi;
  tb.first = first;
  tb.starts = starts;
  tb.ends = ends;
  tb.cum = cum;
  tb.density = n > 0 ? n / cum[n]! : 0;
  tb.misses = 0;
  return true;
}

/**
 * Working time in [s, e) (s < e) from the calendar's table when it covers both ends; otherwise the
 * table grows to cover them ({@link growTable}), and {@link fastWork} answers in the meantime, as it does for instants that are not
 * whole milliseconds and spans longer than the cap. Both sum whole milliseconds, so they agree
 * exactly.
 */
function tableWork(cal: BusinessCalendar, s: number, e: number, force: boolean): number {
  const tb = tableOf(cal);
  const us = Math.floor(s / DAY);
  const ue = Math.floor(e / DAY);
  if (us >= tb.u0 && ue < tb.u1 && Number.isInteger(s) && Number.isInteger(e)) return workBefore(tb, e, ue) - workBefore(tb, s, us);
  if (tb.off || !Number.isInteger(s) || !Number.isInteger(e)) return fastWork(cal, s, e);
  return growTable(cal, tb, us, ue, force) ? workBefore(tb, e, ue) - workBefore(tb, s, us) : fastWork(cal, s, e);
}

/**
 * Grow the table of `cal` to cover UTC days us … ue (doubling its range towards them, or laid anew
 * around them when it would pass {@link TABLE_DAYS}) once enough calls have missed it to pay for
 * the growth (always when `force`). True when it covers them; false (a miss counted) when it does
 * not grow.
 */
function growTable(cal: BusinessCalendar, tb: WorkTable, us: number, ue: number, force: boolean): boolean {
  let lo = us - TABLE_PAD;
  let hi = ue + 1 + TABLE_PAD;
  let added = hi - lo;
  if (tb.u1 > tb.u0) {
    const len = tb.u1 - tb.u0;
    const glo = us < tb.u0 ? Math.min(lo, tb.u0 - len) : tb.u0;
    const ghi = ue >= tb.u1 ? Math.max(hi, tb.u1 + len) : tb.u1;
    if (ghi - glo <= TABLE_DAYS) {
      lo = glo;
      hi = ghi;
      added = hi - lo - len;
    }
  }
  if (hi - lo > TABLE_DAYS || (!force && added > TABLE_FREE + 4 * tb.misses) || !buildTable(cal, tb, lo, hi)) {
    tb.misses++;
    return false;
  }
  return true;
}

/**
 * Working time in [s, e) from the calendar's cumulative-work table, growing it at once to cover the
 * span when it does not (falling back to the fast path only beyond the table's cap or on instants
 * that are not whole milliseconds): what {@link workBetween} does once a calendar is warm, for
 * tests.
 * @internal
 * @example
 * ```ts
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * workBetweenTable(cal, Date.parse("2025-03-07T16:00:00Z"), Date.parse("2025-03-10T10:00:00Z")) / 3_600_000; //=> 2
 * ```
 */
export function workBetweenTable(cal: BusinessCalendar, s: number, e: number): number {
  return e <= s ? 0 : tableWork(cal, s, e, true);
}

/**
 * Largest |instant| the table path of {@link addBusinessTime} starts from or answers: a thousand
 * days inside what a Date holds, so that the day-by-day walk ({@link dueAt}), which stops short of
 * the range's ends, would reach the same instant.
 */
const DUE_LIMIT = 8.64e15 - 1000 * DAY;

/**
 * Days after the start's UTC day that `duration` of working time needs at the calendar's weekly
 * rate, and two weeks to spare (holidays, a partial first week); 0 for a calendar whose week has no
 * working time.
 */
function dueSpan(cal: BusinessCalendar, duration: number): number {
  const week = fastOf(cal).week;
  return week > 0 ? Math.min(TABLE_DAYS, Math.ceil((duration / week) * 7) + 14) : 0;
}

/**
 * The due instant of {@link addBusinessTime} from the calendar's cumulative-work table, or NaN when
 * the table cannot answer (start or duration not whole milliseconds, a start outside the table that
 * does not pay yet for its growth, a target beyond the table's cap, or within 1000 days of the
 * Date range's ends). The target is the work before the start plus `duration` (from the table's
 * origin); the interval where it is reached is the last k with cum[k] < target, found from a guess
 * at the table's mean interval length by galloping away from it and bisection (O(log intervals
 * between start and due), a few steps on a regular week), and the due instant is that interval's
 * start plus what is left: whole milliseconds throughout, so exactly the instant the day-by-day
 * walk finds.
 */
function tableDue(cal: BusinessCalendar, s: number, duration: number, force: boolean): number {
  const tb = tableOf(cal);
  if (tb.off || !Number.isInteger(s) || !Number.isInteger(duration) || duration <= 0 || !(Math.abs(s) <= DUE_LIMIT)) return Number.NaN;
  const us = Math.floor(s / DAY);
  if ((us < tb.u0 || us >= tb.u1) && !growTable(cal, tb, us, us + dueSpan(cal, duration), force)) return Number.NaN;
  let target = workBefore(tb, s, us) + duration;
  while (target > tb.cum[tb.cum.length - 1]!) {
    // the table ends before the target: grow it ahead (doubling, up to its cap) and start again
    const u1 = tb.u1;
    if (!growTable(cal, tb, us, Math.max(u1, us + dueSpan(cal, duration)), force) || tb.u1 <= u1) return Number.NaN;
    target = workBefore(tb, s, us) + duration;
  }
  const cum = tb.cum;
  const n = cum.length - 1;
  // cum[lo] < target <= cum[hi], from the start's interval (the work before s is at least cum[lo])
  // and a first guess at the table's mean interval length, galloping away from the guess to a
  // bracket, then bisection
  let lo = tb.first[us - tb.u0]!;
  while (tb.ends[lo]! <= s) lo++;
  let hi = Math.min(n, lo + 1 + Math.floor((target - cum[lo]!) * tb.density));
  let step = 1;
  if (cum[hi]! < target) {
    for (; cum[hi]! < target; step *= 2) {
      lo = hi;
      hi = Math.min(n, hi + step);
    }
  } else {
    for (; hi - step > lo && cum[hi - step]! >= target; step *= 2) hi -= step;
    if (hi - step > lo) lo = hi - step;
  }
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (cum[m]! < target) lo = m;
    else hi = m;
  }
  const due = tb.starts[lo]! + (target - cum[lo]!);
  return Math.abs(due) <= DUE_LIMIT ? due : Number.NaN;
}

/**
 * The due instant of {@link addBusinessTime} (start and duration whole milliseconds, duration > 0)
 * from the calendar's cumulative-work table, growing it at once to cover the start and the target;
 * NaN where the table cannot answer (beyond its cap of {@link TABLE_DAYS} days, or near the ends of
 * the Date range): what addBusinessTime does once a calendar is warm, for tests.
 * @internal
 * @example
 * ```ts
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * // 8 working hours from Fri 15:00: 2 h on Friday, 6 h on Monday
 * new Date(dueAtTable(cal, Date.parse("2025-03-07T15:00:00Z"), 8 * 3_600_000)).toISOString(); //=> "2025-03-10T15:00:00.000Z"
 * ```
 */
export function dueAtTable(cal: BusinessCalendar, s: number, duration: number): number {
  return tableDue(cal, s, duration, true);
}

/** An instant; a date-only string is local midnight in the calendar's zone. */
function readInstant(fn: string, v: unknown, what: string, timeZone: string): number {
  return instantIn(fn, v, timeZone, what);
}

/** Calendars already checked (those businessCalendar built, and objects that passed checkCalendar once). */
const checkedCalendars = /* @__PURE__ */ new WeakSet<object>();

function checkIntervals(fn: string, v: unknown, where: string): void {
  if (!Array.isArray(v)) fail(fn, "INVALID_OPTION", `expected a calendar from businessCalendar(): ${where} is not a list of intervals`);
  for (const pair of v as unknown[]) {
    const ok = Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]) && Number.isInteger(pair[1]) && pair[0] >= 0 && pair[1] > pair[0] && pair[1] <= 2 * 1440;
    if (!ok) fail(fn, "INVALID_OPTION", `expected a calendar from businessCalendar(): ${where} holds ${describe(pair)}, not [start, end] minutes with 0 <= start < end <= 2880`);
  }
}

/**
 * A calendar as an argument: the object businessCalendar built, or one that went through JSON. A
 * calendar that did not come from businessCalendar is checked field by field once (time zone,
 * week, holidays, overrides, closed periods), so a hand-made or damaged one is `INVALID_OPTION`
 * rather than a NaN or a TypeError deep inside.
 * @internal
 * @example
 * ```ts
 * checkCalendar("f", { kind: "business-calendar", timeZone: "Mars/Phobos" }); // throws INVALID_OPTION
 * ```
 */
export function checkCalendar(fn: string, cal: unknown): BusinessCalendar {
  if (cal === null || typeof cal !== "object" || (cal as BusinessCalendar).kind !== "business-calendar") {
    fail(fn, "INVALID_OPTION", `expected a calendar from businessCalendar(), got ${describe(cal)}`);
  }
  if (checkedCalendars.has(cal)) return cal as BusinessCalendar;
  const c = cal as BusinessCalendar;
  readTimeZone(fn, c.timeZone);
  if (!Array.isArray(c.week) || c.week.length !== 7) fail(fn, "INVALID_OPTION", "expected a calendar from businessCalendar(): week is not a list of 7 days");
  for (let i = 0; i < 7; i++) checkIntervals(fn, c.week[i], `week[${i}]`);
  if (!Array.isArray(c.holidays) || !c.holidays.every((h) => typeof h === "string" && /^\d{4}-\d{2}-\d{2}$/.test(h))) {
    fail(fn, "INVALID_OPTION", "expected a calendar from businessCalendar(): holidays is not a list of YYYY-MM-DD dates");
  }
  if (c.overrides === null || typeof c.overrides !== "object" || Array.isArray(c.overrides)) fail(fn, "INVALID_OPTION", "expected a calendar from businessCalendar(): overrides is not an object");
  for (const [date, day] of Object.entries(c.overrides)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(fn, "INVALID_OPTION", `expected a calendar from businessCalendar(): override date ${JSON.stringify(date.slice(0, 40))} is not YYYY-MM-DD`);
    checkIntervals(fn, day, `overrides.${date}`);
  }
  if (!Array.isArray(c.closed)) fail(fn, "INVALID_OPTION", "expected a calendar from businessCalendar(): closed is not a list");
  let previous = -Infinity;
  for (const pair of c.closed as unknown[]) {
    const ok = Array.isArray(pair) && pair.length === 2 && Number.isFinite(pair[0]) && Number.isFinite(pair[1]) && Math.abs(pair[0]) <= 8.64e15 && Math.abs(pair[1]) <= 8.64e15 && pair[1] > pair[0] && pair[0] > previous;
    if (!ok) fail(fn, "INVALID_OPTION", `expected a calendar from businessCalendar(): closed holds ${describe(pair)}, not sorted [start, end] epoch milliseconds`);
    previous = (pair as number[])[1]!;
  }
  checkedCalendars.add(cal);
  return c;
}

/**
 * Working time between two instants, in milliseconds.
 *
 * Definition: the total length of [start, end) ∩ the calendar's working intervals, measured between
 * real instants (a shift across a DST change has its real length; an 8-hour day on a spring-forward
 * Sunday that spans the gap is 7 hours).
 *
 * Cost: O(1) per ticket once the calendar is warm: each calendar object carries a table of its
 * working intervals and their cumulative working time over the days it has been asked about (it
 * grows on demand by doubling, up to about 90 years and 12.7 MB), so a duration is two look-ups
 * and a difference plus the two partial days, whatever the span. Until the table covers a span
 * (and for spans beyond its cap, or instants that are not whole milliseconds), a fast path answers
 * in O(holidays, overrides, closed periods and UTC offset changes in the span + 1): whole weeks
 * count as the week's working time, the days that are not regular are computed exactly and
 * corrected, the working time inside each closed period is subtracted. Either way the result
 * equals the day-by-day sum to the millisecond. Each day's intervals are computed once per
 * calendar and cached, a zone's offset changes once per zone and year.
 *
 * @param start - Start instant (`Date`, epoch ms or ISO-8601 with an offset).
 * @param end - End instant, not before `start`.
 * @param calendar - From {@link businessCalendar}.
 * @returns Working time in milliseconds.
 * @throws {@link CxMetricsError} `INVALID_DATE`, `OUT_OF_RANGE` (end before start, or a span over
 * 200 years), `INVALID_OPTION` (not a calendar).
 * @example
 * ```ts
 * import { businessCalendar, businessDuration } from "cx-metrics";
 * const ny = businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * // Fri 16:30 to Mon 10:15 across the spring DST change: 30 min + 1 h 15 min
 * businessDuration("2025-03-07T16:30:00-05:00", "2025-03-10T10:15:00-04:00", ny) / 60_000; //=> 105
 * ```
 * @category Support
 */
export function businessDuration(start: DateInput, end: DateInput, calendar: BusinessCalendar): number {
  const fn = "businessDuration";
  const cal = calendarArg(fn, calendar);
  const s = instantArg(fn, start, "start", cal);
  const e = instantArg(fn, end, "end", cal);
  if (e < s) fail(fn, "OUT_OF_RANGE", `expected end on or after start, got ${new Date(e).toISOString()} before ${new Date(s).toISOString()}`);
  return workBetween(fn, cal, s, e);
}

/** A calendar argument: one that carries a table has been checked (checkCalendar checks an object once). */
function calendarArg(fn: string, calendar: BusinessCalendar): BusinessCalendar {
  return (calendar as { [TABLE]?: WorkTable } | null)?.[TABLE] !== undefined && calendar.kind === "business-calendar" ? calendar : checkCalendar(fn, calendar);
}

/** An instant argument: epoch milliseconds as they are (what readInstant returns for them), without its checks of strings and Dates. */
function instantArg(fn: string, v: DateInput, what: string, cal: BusinessCalendar): number {
  return typeof v === "number" && Math.abs(v) <= 8.64e15 ? v : readInstant(fn, v, what, cal.timeZone);
}

/**
 * Working time in [s, e) for a checked calendar: from the calendar's cumulative-work table in
 * O(1), or in O(holidays, overrides, closed periods and UTC offset changes in the span + 1) until
 * the table covers the span (see {@link businessDuration}).
 * @internal
 * @example
 * ```ts
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * // Fri 16:00 to Mon 10:00: 1 h + 1 h
 * workBetween("f", cal, Date.parse("2025-03-07T16:00:00Z"), Date.parse("2025-03-10T10:00:00Z")) / 3_600_000; //=> 2
 * ```
 */
export function workBetween(fn: string, cal: BusinessCalendar, s: number, e: number): number {
  if (e - s > 200 * 366 * DAY) fail(fn, "OUT_OF_RANGE", "expected a span of at most 200 years");
  if (e <= s) return 0;
  return tableWork(cal, s, e, false);
}

/**
 * Working time in [s, e) summed day by day (O(days spanned)): the reference the fast path
 * ({@link workBetween}) is tested against.
 * @internal
 * @example
 * ```ts
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * workBetweenByDay("f", cal, Date.parse("2025-03-07T16:00:00Z"), Date.parse("2025-03-10T10:00:00Z")) / 3_600_000; //=> 2
 * ```
 */
export function workBetweenByDay(fn: string, cal: BusinessCalendar, s: number, e: number): number {
  if (e - s > 200 * 366 * DAY) fail(fn, "OUT_OF_RANGE", "expected a span of at most 200 years");
  if (e <= s) return 0;
  const first = localDay(cal.timeZone, s) - 1; // an overnight shift of the day before
  const last = localDay(cal.timeZone, e);
  let total = 0;
  for (let day = first; day <= last; day++) total += clipped(shiftsOf(cal, day), s, e);
  return total;
}

/**
 * The instant at which a business-time target falls due: the earliest t ≥ start with
 * businessDuration(start, t) = duration.
 *
 * Definition: the clock runs only in working intervals; starting outside working time, it starts at
 * the next opening; the result is the instant where the last millisecond of `duration` is worked
 * (an 8-hour target from Friday 15:00 on a 9–17 calendar falls due Monday 15:00, DST changes
 * included). The inverse of {@link businessDuration}.
 *
 * Cost: O(log days) per call once the calendar is warm, on the cumulative-work table that
 * {@link businessDuration} keeps on the calendar (grown on demand, up to about 90 years): the
 * target is the work before the start plus `duration`; galloping and bisection on the cumulative
 * work find the working interval where it is reached, and the due instant is that interval's start
 * plus what is left. Until the table covers start and target (and for targets beyond its cap,
 * instants or durations that are not whole milliseconds): day by day for the first 32 days, then a
 * jump by the whole weeks the remaining time needs, galloping and bisection over days with the fast
 * path of businessDuration, so a target years ahead costs O(irregular days in the span × a few),
 * not O(days). Either way the result is the day-by-day walk's to the millisecond.
 *
 * @param start - Start instant.
 * @param duration - Working time in milliseconds (≥ 0).
 * @param calendar - From {@link businessCalendar}.
 * @returns The due instant, epoch milliseconds.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` (a negative duration, or no such instant within
 * 200 years), `NON_FINITE`, `INVALID_DATE`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { addBusinessTime, businessCalendar } from "cx-metrics";
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * new Date(addBusinessTime("2025-03-07T15:00:00Z", 8 * 3_600_000, cal)).toISOString(); //=> "2025-03-10T15:00:00.000Z"
 * ```
 * @category Support
 */
export function addBusinessTime(start: DateInput, duration: number, calendar: BusinessCalendar): number {
  const fn = "addBusinessTime";
  const cal = calendarArg(fn, calendar);
  const s = instantArg(fn, start, "start", cal);
  if (typeof duration !== "number" || Number.isNaN(duration)) fail(fn, "NON_FINITE", `expected a duration in milliseconds, got ${describe(duration)}`);
  if (!(duration >= 0) || duration === Infinity) fail(fn, "OUT_OF_RANGE", `expected a finite duration >= 0, got ${duration}`);
  if (duration === 0) return s;
  const due = tableDue(cal, s, duration, false);
  return Number.isNaN(due) ? dueAt(fn, cal, s, duration) : due;
}

/**
 * The due instant of {@link addBusinessTime} for a checked calendar without the cumulative-work
 * table (its fallback; `near = Infinity` walks every day, the reference of the tests): day by day
 * for the first 32 days; beyond, a search over local days (a jump by whole weeks, galloping, bisection) for the
 * last midnight before which less than `duration` is worked ({@link fastWork} between successive
 * probes), then day by day from there.
 * @internal
 * @example
 * ```ts
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
 * // 8 working hours from Fri 15:00: 2 h on Friday, 6 h on Monday
 * new Date(dueAt("f", cal, Date.parse("2025-03-07T15:00:00Z"), 8 * 3_600_000)).toISOString(); //=> "2025-03-10T15:00:00.000Z"
 * ```
 */
export function dueAt(fn: string, cal: BusinessCalendar, s: number, duration: number, near = 32): number {
  // from the day before the start (an overnight shift may reach into it), never before the first
  // day a Date can hold (epoch day −1e8); 200 years of days at most, and never past the last day a
  // Date can hold (epoch day 1e8 − 2, so that an overnight shift still ends on a date)
  const first = Math.max(localDay(cal.timeZone, s) - 1, -8.64e15 / DAY + 1);
  const end = Math.min(first + 200 * 366, 8.64e15 / DAY - 2);
  const from = (startDay: number, clip: number, remaining: number, stop: number): number | undefined => {
    for (let day = startDay; day < stop; day++) {
      const iv = shiftsOf(cal, day);
      for (let k = 0; k < iv.length; k += 2) {
        const a = Math.max(iv[k]!, clip);
        const b = iv[k + 1]!;
        if (b <= a) continue;
        if (remaining <= b - a) return a + remaining;
        remaining -= b - a;
      }
    }
    return undefined;
  };
  const direct = from(first, s, duration, Math.min(end, first + near + 1));
  if (direct !== undefined) return direct;
  const beyond = () => fail(fn, "OUT_OF_RANGE", "expected the target to fall due within 200 years of working time and before +275760-09-13 (the last date a Date holds)");
  if (first + near + 1 >= end) return beyond();
  // every interval of a day ≥ D starts at or after local midnight of D; the ones before D end by it.
  // Find the last day D whose midnight has less than `duration` worked before it: jump ahead by the
  // whole weeks the deficit needs (less a week, so as to stay short), gallop, then bisect; the work
  // before each midnight is the previous one's plus the work in between (O(irregular days) each).
  const midnight = (day: number) => wallToInstant(cal.timeZone, day, 0);
  const f = fastOf(cal);
  let lo = first + near + 1; // less than duration is worked before its midnight (the loop above did not finish)
  let tLo = midnight(lo);
  let wLo = fastWork(cal, s, tLo);
  let hi = end;
  let step = 1;
  let bracketed = false;
  while (lo < hi) {
    const guess = f.week > 0 ? Math.floor(((duration - wLo) / f.week) * 7) - 7 : 0;
    const mid = bracketed ? lo + Math.ceil((hi - lo) / 2) : Math.min(hi, lo + Math.max(1, guess, step));
    const tMid = midnight(mid);
    const wMid = wLo + fastWork(cal, tLo, tMid);
    if (wMid < duration) {
      lo = mid;
      tLo = tMid;
      wLo = wMid;
      step *= 2;
    } else {
      hi = mid - 1;
      bracketed = true;
    }
  }
  const due = from(lo - 1, Math.max(s, tLo), duration - wLo, end);
  if (due !== undefined) return due;
  return beyond();
}
