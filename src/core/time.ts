import { fail } from "./errors";
import { describe } from "./input";

/**
 * A point in time: a `Date`, epoch milliseconds, or an ISO-8601 string: a date-time with `Z` or an
 * offset, or a date `YYYY-MM-DD`, which means local midnight in the time zone of the function that
 * reads it (its `timeZone` option or its calendar's; UTC for functions without one, such as
 * `rfmSummary`).
 * @category Core
 */
export type DateInput = Date | number | string;

const MAX_EPOCH_MS = 8.64e15;

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Epoch milliseconds of a {@link DateInput}. A date-time string without an offset is refused: its
 * meaning would depend on the machine's time zone.
 * @internal
 * @example
 * ```ts
 * toEpochMs("f", "1997-01-01"); //=> 852076800000
 * ```
 */
export function toEpochMs(fn: string, v: unknown, what = "date", index?: number): number {
  let ms: number;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === "number") ms = v;
  else if (typeof v === "string" && ISO.test(v) && isCalendarDate(v)) ms = Date.parse(v.length > 10 ? v.replace(" ", "T") : v);
  else {
    const at = index === undefined ? "" : ` at index ${index}`;
    return fail(
      fn,
      "INVALID_DATE",
      `expected ${what}${at} as a Date, epoch milliseconds or an ISO-8601 string (YYYY-MM-DD, or a date-time with Z or an offset), got ${describe(v)}`,
      index,
    );
  }
  // a Date holds at most ±8.64e15 ms (years −271821 to 275760): beyond it, nothing can be formatted
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) {
    const at = index === undefined ? "" : ` at index ${index}`;
    fail(fn, "INVALID_DATE", `expected a valid ${what}${at} (within ±8.64e15 ms of 1970), got ${describe(v)}`, index);
  }
  return ms;
}

/** Whether the YYYY-MM-DD part of an ISO string names a real day (Date.parse turns 02-30 into 03-01). */
function isCalendarDate(v: string): boolean {
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Milliseconds in a day. @internal */
export const DAY_MS = 86_400_000;

/**
 * Check an IANA time zone name (default "UTC"): an unknown zone is an error when the call starts,
 * not a silent UTC.
 * @internal
 * @example
 * ```ts
 * readTimeZone("f", "Europe/Paris"); //=> "Europe/Paris"
 * ```
 */
export function readTimeZone(fn: string, tz: unknown): string {
  if (tz === undefined) return "UTC";
  if (typeof tz === "string") {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return tz;
    } catch {
      // fall through
    }
  }
  return fail(fn, "INVALID_OPTION", `expected an IANA time zone such as "UTC" or "Europe/Paris", got ${describe(tz)}`);
}
