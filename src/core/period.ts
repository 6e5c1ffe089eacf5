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
  let misses = 0;
  const startOf = (k: number): number => add(reference, k).getTime();
  const extend = (k: number, ms: number): void => {
    misses++;
    let from = count === 0 ? k : Math.min(lo, k);
    let to = count === 0 ? k + 1 : Math.max(lo + count, k + 1);
    // The table covers the periods between the instants seen, so it may only grow with the data:
    // at most 4 periods per calendar computation (plus 1,024), never with the distance to a far
    // date; and it grows by half its size at least, so a run of ascending dates copies it
    // O(log) times, not once per date.
    const budget = Math.min(200_000, 4 * misses + 1_024);
    if (to - from > budget) return; // the slow path still answers
    if (count > 0 && to - from < count + (count >> 1)) {
      const room = Math.min(budget, count + (count >> 1)) - (to - from);
      if (k < lo) from -= room;
      else to += room;
    }
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

/**
 * Default of the `maxPeriods` option: the most calendar periods a function that lays out every
 * period between two dates (a cohort table, a churn series, an aligned series, a portfolio report)
 * will lay out: 10,000 (27 years of days, 192 years of weeks).
 */
const MAX_PERIODS = 10_000;

/**
 * Read the `maxPeriods` option: a positive safe integer, default {@link MAX_PERIODS}.
 * @internal
 * @example
 * ```ts
 * readMaxPeriods("f", undefined); //=> 10000
 * ```
 */
export function readMaxPeriods(fn: string, v: unknown): number {
  if (v === undefined) return MAX_PERIODS;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) fail(fn, "INVALID_OPTION", `expected maxPeriods to be a positive integer, got ${describe(v)}`);
  return v;
}

/**
 * The first and last period seen among some dates, with the row and instant of each, and the
 * runner-up periods (to tell which end lies apart from the rest). Built with {@link seePeriod}.
 * @internal
 */
export interface PeriodExtremes {
  lo: number;
  hi: number;
  /** Smallest period above `lo`, largest below `hi` (±Infinity when there is none). */
  lo2: number;
  hi2: number;
  loRow: number;
  hiRow: number;
  loMs: number;
  hiMs: number;
}

/**
 * An empty {@link PeriodExtremes}.
 * @internal
 * @example
 * ```ts
 * periodExtremes().lo; //=> Infinity
 * ```
 */
export function periodExtremes(): PeriodExtremes {
  return { lo: Infinity, hi: -Infinity, lo2: Infinity, hi2: -Infinity, loRow: -1, hiRow: -1, loMs: NaN, hiMs: NaN };
}

/**
 * Record period `p` (of instant `ms`, at `row`) in `x`. O(1), no allocation.
 * @internal
 * @example
 * ```ts
 * const x = periodExtremes();
 * seePeriod(x, 5, 0, 0);
 * seePeriod(x, 9, 0, 1);
 * [x.lo, x.hi, x.hiRow]; //=> [5, 9, 1]
 * ```
 */
export function seePeriod(x: PeriodExtremes, p: number, ms: number, row: number): void {
  if (p < x.lo) {
    x.lo2 = x.lo;
    x.lo = p;
    x.loRow = row;
    x.loMs = ms;
  } else if (p > x.lo && p < x.lo2) x.lo2 = p;
  if (p > x.hi) {
    x.hi2 = x.hi;
    x.hi = p;
    x.hiRow = row;
    x.hiMs = ms;
  } else if (p < x.hi && p > x.hi2) x.hi2 = p;
}

/**
 * One end of a span of periods: its period, instant, and either the row it comes from or the
 * option that set it (`what`, e.g. "asOf").
 * @internal
 */
export interface SpanEnd {
  period: number;
  ms: number;
  row?: number;
  what?: string;
}

/**
 * The two ends of the dates recorded in `x`, and which one lies apart from the rest: the end with
 * the larger gap to its neighbour period (one far-off date: its gap is the whole distance).
 * @internal
 * @example
 * ```ts
 * const x = periodExtremes();
 * [0, 1, 2, 900].forEach((p, i) => seePeriod(x, p, p, i));
 * spanEnds(x).far; //=> "last"
 * ```
 */
export function spanEnds(x: PeriodExtremes, what = "row"): { first: SpanEnd; last: SpanEnd; far: "first" | "last" } {
  const gapLo = Number.isFinite(x.lo2) ? x.lo2 - x.lo : 0;
  const gapHi = Number.isFinite(x.hi2) ? x.hi - x.hi2 : 0;
  return {
    first: { period: x.lo, ms: x.loMs, row: x.loRow, what: `${what} ${x.loRow}` },
    last: { period: x.hi, ms: x.hiMs, row: x.hiRow, what: `${what} ${x.hiRow}` },
    far: gapLo > gapHi ? "first" : "last",
  };
}

function localDate(ms: number, timeZone: string): string {
  const t = new TZDate(ms, timeZone);
  const pad = (v: number) => String(v).padStart(2, "0");
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/**
 * Refuse to lay out the periods from `first` to `last` when they are more than `maxPeriods`: a
 * `TOO_MANY_PERIODS` error, thrown before anything is allocated, that names both dates (as local
 * dates in the indexer's zone), where each comes from (a row or an option), and — with `far` —
 * the row of the date that lies apart (`index` of the error). `details` holds
 * `{ periods, maxPeriods, first: { date, row }, last: { date, row } }`.
 * @internal
 * @example
 * ```ts
 * const p = periodIndexer("f", "day", "UTC", 1);
 * const a = { period: p.indexOf(0), ms: 0, row: 0 };
 * const b = { period: p.indexOf(Date.UTC(6999, 11, 31)), ms: Date.UTC(6999, 11, 31), row: 7 };
 * checkPeriodSpan("f", p, a, b, 10_000, "last"); // throws TOO_MANY_PERIODS, index 7
 * ```
 */
export function checkPeriodSpan(fn: string, indexer: PeriodIndexer, first: SpanEnd, last: SpanEnd, maxPeriods: number, far?: "first" | "last"): void {
  const periods = last.period - first.period + 1;
  if (!(periods > maxPeriods)) return;
  const where = (e: SpanEnd) => e.what ?? (e.row === undefined ? "" : `row ${e.row}`);
  const farEnd = far === undefined ? undefined : far === "first" ? first : last;
  const hint =
    farEnd !== undefined && farEnd.row !== undefined
      ? `the date of ${where(farEnd)} (${localDate(farEnd.ms, indexer.timeZone)}) lies apart from the others: correct or filter it, or raise maxPeriods`
      : "check these dates, or raise maxPeriods";
  fail(
    fn,
    "TOO_MANY_PERIODS",
    `expected at most maxPeriods = ${maxPeriods} periods (${indexer.period}s), got ${periods} from ${localDate(first.ms, indexer.timeZone)} (${where(first)}) to ${localDate(last.ms, indexer.timeZone)} (${where(last)}); ${hint}`,
    farEnd?.row,
    {
      periods,
      maxPeriods,
      first: { date: localDate(first.ms, indexer.timeZone), row: first.row },
      last: { date: localDate(last.ms, indexer.timeZone), row: last.row },
    },
  );
}
