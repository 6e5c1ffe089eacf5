/**
 * Ticket clocks: how long a ticket's clock ran, in calendar or business time, minus pauses, for the
 * tickets done by the data's "now" and for the open ones. Shared by the ticket times and the SLA.
 * @module
 */
import { fail } from "../core/errors";
import { describe, readChoice } from "../core/input";
import { instantIn } from "../core/period";
import type { DateInput } from "../core/time";
import { type BusinessCalendar, checkCalendar, workBetween } from "./calendar";

/**
 * How to read ticket rows.
 * @category Support
 */
export interface TicketAccessors<T> {
  /** When the ticket was created. */
  created: (ticket: T, index: number) => DateInput;
  /** First public reply by an agent; `null`/`undefined` if none yet. */
  firstReply?: (ticket: T, index: number) => DateInput | null | undefined;
  /** First time the ticket was solved (for reopened tickets, the first solve). */
  firstSolved?: (ticket: T, index: number) => DateInput | null | undefined;
  /** Last (final) solve; `null`/`undefined` while unsolved. */
  solved?: (ticket: T, index: number) => DateInput | null | undefined;
  /** Paused periods (e.g. pending on the customer, on hold), excluded from the clock: sorted, non-overlapping `[start, end]` pairs. */
  pauses?: (ticket: T, index: number) => readonly (readonly DateInput[])[] | null | undefined;
}

/**
 * The unit in which ticket times are reported: milliseconds, minutes, hours (the default) or days
 * (of 24 hours; business days are not a unit: a business calendar's days differ in length).
 * @category Support
 */
export type DurationUnit = "ms" | "minutes" | "hours" | "days";

/** The {@link DurationUnit}s, for option checks. @internal */
export const DURATION_UNITS: readonly DurationUnit[] = ["ms", "minutes", "hours", "days"];

/**
 * Which clock a ticket time measures: to the first reply, to the first or the final solve, the
 * requester's wait or the agent's wait (see {@link ticketTimeSummary}).
 * @category Support
 */
export type TicketTimeMetric = "firstReply" | "firstResolution" | "resolution" | "requesterWait" | "agentWait";

/** The {@link TicketTimeMetric}s, for option and summary checks. @internal */
export const TICKET_TIME_METRICS: readonly TicketTimeMetric[] = ["firstReply", "firstResolution", "resolution", "requesterWait", "agentWait"];

/**
 * What the clocks need: the accessors, the data's "now", the calendar, the unit and whether pauses
 * stop the clock.
 * @internal
 */
export interface ClockOptions<T> extends TicketAccessors<T> {
  asOf: DateInput;
  calendar?: BusinessCalendar;
  unit?: DurationUnit;
  excludePauses?: boolean;
}

const UNIT_MS = { ms: 1, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * `u` is one of the {@link DurationUnit}s (not `in`: an object key would be converted).
 * @internal
 * @example
 * ```ts
 * isUnit("hours"); //=> true
 * ```
 */
export function isUnit(u: unknown): u is DurationUnit {
  return typeof u === "string" && Object.hasOwn(UNIT_MS, u);
}

function optionalInstant(fn: string, v: unknown, what: string, i: number, tz: string): number | undefined {
  return v === null || v === undefined ? undefined : instantIn(fn, v, tz, what, i);
}

/**
 * Clock time between two instants for one ticket: calendar or business time, minus pauses.
 */
function clockTime(fn: string, from: number, to: number, calendar: BusinessCalendar | undefined, pauses: readonly [number, number][]): number {
  return Math.max(0, span(fn, from, to, calendar) - pausedTime(fn, from, to, calendar, pauses));
}

/** Calendar or business time in [a, b). */
function span(fn: string, a: number, b: number, calendar: BusinessCalendar | undefined): number {
  return b <= a ? 0 : calendar === undefined ? b - a : workBetween(fn, calendar, a, b);
}

/** The part of [from, to) covered by the (sorted, disjoint) pauses, in calendar or business time. */
function pausedTime(fn: string, from: number, to: number, calendar: BusinessCalendar | undefined, pauses: readonly [number, number][]): number {
  let t = 0;
  for (const [a, b] of pauses) t += span(fn, Math.max(a, from), Math.min(b, to), calendar);
  return t;
}

function readPauses(fn: string, v: unknown, i: number, tz: string): [number, number][] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) fail(fn, "INVALID_INPUT", `expected pauses at index ${i} as a list of [start, end] pairs, got ${describe(v)}`, i);
  const out: [number, number][] = [];
  for (const pair of v) {
    if (!Array.isArray(pair) || pair.length !== 2) fail(fn, "INVALID_INPUT", `expected pauses at index ${i} as [start, end] pairs, got ${describe(pair)}`, i);
    const a = instantIn(fn, pair[0], tz, "a pause start", i);
    const b = instantIn(fn, pair[1], tz, "a pause end", i);
    if (b < a) fail(fn, "OUT_OF_RANGE", `expected each pause of ticket ${i} to end after it starts`, i);
    if (out.length > 0 && a < out[out.length - 1]![1]) fail(fn, "OUT_OF_RANGE", `expected the pauses of ticket ${i} sorted and not overlapping`, i);
    out.push([a, b]);
  }
  return out;
}

/**
 * Percentile of sorted values: "linear" is R's type 7, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with
 * h = (n − 1)p; "nearest-rank" is x[⌈p·n⌉ − 1].
 * @internal
 * @example
 * ```ts
 * percentile(Float64Array.of(1, 2, 3, 4), 0.9, "linear"); //=> ~3.7
 * ```
 */
export function percentile(sorted: Float64Array, p: number, method: "linear" | "nearest-rank"): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (method === "nearest-rank") return sorted[Math.max(0, Math.ceil(p * n) - 1)]!;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < n ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[n - 1]!;
}

/**
 * The clock times of a batch of tickets.
 * @internal
 */
export interface Clocks {
  /** Clock times of the tickets done by asOf, in input order. */
  done: Float64Array;
  /** Clock times at asOf of the open tickets. */
  open: Float64Array;
  /** Tickets created after asOf. */
  excluded: number;
  unit: DurationUnit;
}

/** Clock times of the tickets: to the event for those done by asOf, to asOf for the open ones. */
function collectClocks<T>(fn: string, tickets: ArrayLike<T>, o: ClockOptions<T>, event: (t: T, i: number) => unknown, what: string, measure: "clock" | "paused" = "clock"): Clocks {
  if (tickets === null || typeof tickets !== "object" || !Number.isSafeInteger(tickets.length) || tickets.length < 0) {
    fail(fn, "INVALID_INPUT", `expected an array of tickets, got ${describe(tickets)}`);
  }
  if (typeof o.created !== "function") fail(fn, "INVALID_OPTION", "expected a created accessor");
  if (o.pauses !== undefined && typeof o.pauses !== "function") fail(fn, "INVALID_OPTION", `expected pauses to be an accessor (row) => [start, end][], got ${describe(o.pauses)}`);
  if (o.calendar !== undefined) checkCalendar(fn, o.calendar);
  const tz = o.calendar === undefined ? "UTC" : o.calendar.timeZone;
  const asOf = instantIn(fn, o.asOf, tz, "asOf");
  const unit = readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours");
  const usePauses = measure === "paused" || (o.pauses !== undefined && (o.excludePauses ?? true));
  const scale = UNIT_MS[unit];
  const n = tickets.length;
  const all = new Float64Array(n);
  const events = new Uint8Array(n);
  let m = 0;
  let nDone = 0;
  let excluded = 0;
  for (let i = 0; i < n; i++) {
    const t = tickets[i]!;
    if (t === null || t === undefined) fail(fn, "INVALID_INPUT", `expected a ticket at index ${i}, got ${describe(t)}`, i);
    const created = instantIn(fn, o.created(t, i), tz, "the created date", i);
    if (created > asOf) {
      excluded++;
      continue;
    }
    let at = optionalInstant(fn, event(t, i), what, i, tz);
    if (at !== undefined && at < created) fail(fn, "OUT_OF_RANGE", `expected ${what} at index ${i} after the ticket was created`, i);
    if (at !== undefined && at > asOf) at = undefined; // after the data's "now": still open then
    const pauses = usePauses ? readPauses(fn, o.pauses!(t, i), i, tz) : [];
    const end = at ?? asOf;
    const d = (measure === "clock" ? clockTime(fn, created, end, o.calendar, pauses) : pausedTime(fn, created, end, o.calendar, pauses)) / scale;
    all[m] = d;
    if (at !== undefined) {
      events[m] = 1;
      nDone++;
    }
    m++;
  }
  const done = new Float64Array(nDone);
  const open = new Float64Array(m - nDone);
  for (let j = 0, a = 0, b = 0; j < m; j++) {
    if (events[j] === 1) done[a++] = all[j]!;
    else open[b++] = all[j]!;
  }
  return { done, open, excluded, unit };
}

/**
 * The clocks of one metric: its accessor checked, pauses required and always excluded for the
 * waits. No ticket (or none created by `asOf`) gives empty clocks.
 * @internal
 * @example
 * ```ts
 * clocksOf("f", [], { created: (t) => t.c, solved: (t) => t.s, asOf: "2025-01-01" }, "resolution").done.length; //=> 0
 * ```
 */
export function clocksOf<T>(fn: string, tickets: ArrayLike<T>, o: ClockOptions<T>, metric: TicketTimeMetric): Clocks {
  const name = metric === "firstReply" ? "firstReply" : metric === "firstResolution" ? "firstSolved" : "solved";
  const accessor = o[name];
  if (typeof accessor !== "function") fail(fn, "INVALID_OPTION", `expected a ${name} accessor`);
  const what = metric === "firstReply" ? "the first reply" : metric === "firstResolution" ? "the first solve" : "the solve";
  if (metric !== "requesterWait" && metric !== "agentWait") return collectClocks(fn, tickets, o, accessor, what);
  if (typeof o.pauses !== "function") fail(fn, "INVALID_OPTION", "expected a pauses accessor (the pending intervals)");
  return collectClocks(fn, tickets, { ...o, excludePauses: true }, accessor, what, metric === "agentWait" ? "paused" : "clock");
}

/**
 * Throw the `EMPTY_INPUT` of a batch with no ticket created by `asOf`, saying how many were
 * created after it.
 * @internal
 * @example
 * ```ts
 * noTickets("f", 0); // throws EMPTY_INPUT
 * ```
 */
export function noTickets(fn: string, excluded: number): never {
  return excluded === 0
    ? fail(fn, "EMPTY_INPUT", "expected at least one ticket, got none")
    : fail(fn, "EMPTY_INPUT", `expected at least one ticket created by asOf, got ${excluded} created after it`);
}
