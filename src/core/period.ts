import { TZDate } from "@date-fns/tz";
import {
  addMonths,
  addQuarters,
  addWeeks,
  addYears,
  differenceInCalendarMonths,
  differenceInCalendarQuarters,
  differenceInCalendarWeeks,
  differenceInCalendarYears,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
} from "date-fns";
import { fail } from "./errors";
import { describe, readChoice } from "./input";
import { readTimeZone, toEpochMs } from "./time";

/**
 * A calendar period: a day, an ISO-style week (starting on `weekStartsOn`), a month, a quarter or a
 * year, in a time zone.
 * @category Core
 */
export type Period = "day" | "week" | "month" | "quarter" | "year";

/**
 * Numbering of calendar periods in a time zone: consecutive periods get consecutive integers.
 * @internal
 */
export interface PeriodIndexer {
  period: Period;
  timeZone: string;
  /** Index of the period containing an instant (epoch ms). */
  indexOf(ms: number): number;
  /** First local day of period `index`, `YYYY-MM-DD`. */
  labelOf(index: number): string;
  /** The instant (epoch ms) at which period `index` starts: local midnight of its first day. */
  startMs(index: number): number;
}

/**
 * Build a {@link PeriodIndexer}. All calendar arithmetic is date-fns on `TZDate`; results are
 * memoized per UTC quarter-hour (time-zone offsets are whole quarter-hours, so every instant of
 * such a slot lies on the same local day), so data with repeated days costs one date-fns
 * computation per distinct day.
 * @internal
 * @example
 * ```ts
 * const p = periodIndexer("f", "month", "UTC", 1);
 * p.indexOf(Date.parse("2024-03-15")) - p.indexOf(Date.parse("2024-01-31")); //=> 2
 * ```
 */
export function periodIndexer(fn: string, period: unknown, timeZone: unknown, weekStartsOn: unknown): PeriodIndexer {
  const p = readChoice(fn, "period", period, ["day", "week", "month", "quarter", "year"], "month");
  if (period === undefined) fail(fn, "INVALID_OPTION", 'expected a period ("day", "week", "month", "quarter" or "year")');
  const tz = readTimeZone(fn, timeZone);
  const ws = (weekStartsOn ?? 1) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  if (![0, 1, 2, 3, 4, 5, 6].includes(ws)) fail(fn, "INVALID_OPTION", `expected weekStartsOn from 0 to 6, got ${describe(weekStartsOn)}`);
  const start = (t: TZDate): TZDate => {
    switch (p) {
      case "day":
        return new TZDate(t.getFullYear(), t.getMonth(), t.getDate(), tz);
      case "week":
        return startOfWeek(t, { weekStartsOn: ws });
      case "month":
        return startOfMonth(t);
      case "quarter":
        return startOfQuarter(t);
      default:
        return startOfYear(t);
    }
  };
  const reference = start(new TZDate(Date.UTC(2000, 0, 15), tz));
  const diff = (a: TZDate, b: TZDate): number => {
    switch (p) {
      case "day":
        // calendar days between two local midnights: round the hours (DST days are 23 or 25 h)
        return Math.round((Date.UTC(a.getFullYear(), a.getMonth(), a.getDate()) - Date.UTC(b.getFullYear(), b.getMonth(), b.getDate())) / 86_400_000);
      case "week":
        return differenceInCalendarWeeks(a, b, { weekStartsOn: ws });
      case "month":
        return differenceInCalendarMonths(a, b);
      case "quarter":
        return differenceInCalendarQuarters(a, b);
      default:
        return differenceInCalendarYears(a, b);
    }
  };
  const add = (t: TZDate, k: number): TZDate => {
    switch (p) {
      case "day":
        return new TZDate(t.getFullYear(), t.getMonth(), t.getDate() + k, tz);
      case "week":
        return addWeeks(t, k);
      case "month":
        return addMonths(t, k);
      case "quarter":
        return addQuarters(t, k);
      default:
        return addYears(t, k);
    }
  };
  const slots = new Map<number, number>();
  const pad = (x: number) => String(x).padStart(2, "0");
  const slowIndexOf = (ms: number): number => {
    const slot = Math.floor(ms / 900_000);
    let k = slots.get(slot);
    if (k === undefined) {
      k = diff(start(new TZDate(ms, tz)), reference);
      if (slots.size < 1_000_000) slots.set(slot, k);
    }
    return k;
  };
  // Fast path: the start instants of a contiguous range of periods [lo, lo + count), with the end
  // of the last one, so that an instant inside the range is found by binary search without
  // date-fns. Each extension is checked against the calendar result; a zone where a period's
  // bounds do not bracket its instants turns the fast path off.
  let lo = 0;
  let count = 0;
  let starts = new Float64Array(0);
  let fast = true;
  const startOf = (k: number): number => add(reference, k).getTime();
  const extend = (k: number, ms: number): void => {
    const from = count === 0 ? k : Math.min(lo, k);
    const to = count === 0 ? k + 1 : Math.max(lo + count, k + 1);
    if (to - from > 200_000) return; // keep the table small; the slow path still answers
    const next = new Float64Array(to - from + 1);
    for (let i = from; i <= to; i++) next[i - from] = i >= lo && i <= lo + count && count > 0 ? starts[i - lo]! : startOf(i);
    for (let i = 0; i < next.length - 1; i++) if (!(next[i]! < next[i + 1]!)) fast = false;
    if (!(next[k - from]! <= ms && ms < next[k - from + 1]!)) fast = false;
    lo = from;
    count = to - from;
    starts = next;
  };
  return {
    period: p,
    timeZone: tz,
    indexOf(ms: number): number {
      if (count > 0 && ms >= starts[0]! && ms < starts[count]!) {
        let a = 0;
        let b = count; // starts[a] <= ms < starts[b]
        while (b - a > 1) {
          const m = (a + b) >> 1;
          if (starts[m]! <= ms) a = m;
          else b = m;
        }
        return lo + a;
      }
      const k = slowIndexOf(ms);
      if (fast) extend(k, ms);
      if (!fast) count = 0;
      return k;
    },
    labelOf(index: number): string {
      const t = add(reference, index);
      return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
    },
    startMs(index: number): number {
      return add(reference, index).getTime();
    },
  };
}

/**
 * An instant from a {@link DateInput} read in a time zone: a date-only string `YYYY-MM-DD` is local
 * midnight in `timeZone` (so "2024-03-01" in "America/New_York" is 05:00 UTC); other inputs are
 * absolute instants.
 * @internal
 * @example
 * ```ts
 * instantIn("f", "2024-03-01", "America/New_York"); //=> 1709269200000
 * ```
 */
export function instantIn(fn: string, v: unknown, timeZone: string, what = "date", index?: number): number {
  const ms = toEpochMs(fn, v, what, index);
  if (typeof v === "string" && v.length === 10) {
    const [y, m, d] = v.split("-").map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, timeZone).getTime();
  }
  return ms;
}
