import { fail } from "../core/errors";
import { checkCount, checkKind } from "../core/summary";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { type KaplanMeierResult, kaplanMeier } from "../core/kaplan-meier";
import { wilson } from "../core/proportion";
import { zCritical } from "../core/critical";
import { instantIn } from "../core/period";
import type { DateInput } from "../core/time";
import { type BusinessCalendar, checkCalendar, workBetween } from "./calendar";

const TICKET_TIME_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeOptions<any>>()("asOf", "calendar", "unit", "percentiles", "percentileMethod", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");
const TICKET_TIME_OPTIONS_RESOLUTION_KEYS = /* @__PURE__ */ keysOf<TicketTimeOptions<any> & { resolution?: "first" | "full" }>()("asOf", "calendar", "unit", "percentiles", "percentileMethod", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses", "resolution");
const SLA_OPTIONS_KEYS = /* @__PURE__ */ keysOf<SlaOptions<any>>()("target", "metric", "asOf", "calendar", "unit", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");
const CONFIDENCE_KEYS = /* @__PURE__ */ keysOf<{ confidence?: number }>()("confidence");
const TICKET_TIME_OPTIONS_METRIC_KEYS = /* @__PURE__ */ keysOf<TicketTimeOptions<any> & { metric: TicketTimeMetric }>()("asOf", "calendar", "unit", "percentiles", "percentileMethod", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses", "metric");
const TICKET_TIME_FINISH_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeFinishOptions>()("percentiles", "percentileMethod", "confidence");

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
 * Options of {@link firstReplyTime} and {@link resolutionTime}.
 * @category Support
 */
export interface TicketTimeOptions<T> extends TicketAccessors<T> {
  /** The data's "now": tickets still waiting are censored here. */
  asOf: DateInput;
  /** Business calendar: durations in working time; default calendar time. */
  calendar?: BusinessCalendar;
  /** Unit of the results; default "hours". */
  unit?: DurationUnit;
  /** Percentiles to report, in (0, 1]; default [0.5, 0.9, 0.95]. */
  percentiles?: readonly number[];
  /** "linear" (default; R's type 7) or "nearest-rank". */
  percentileMethod?: "linear" | "nearest-rank";
  /** Exclude the `pauses` from the clock; default true when a `pauses` accessor is given. */
  excludePauses?: boolean;
  /** Confidence level of the Kaplan–Meier band; default 0.95. */
  confidence?: number;
}

/**
 * Result of {@link firstReplyTime} and {@link resolutionTime}.
 * @category Support
 */
export interface TicketTimeResult {
  /** Tickets with the event (replied or solved) by `asOf`, and still open at `asOf`. */
  n: number;
  open: number;
  /** Tickets created after `asOf` are left out and counted here. */
  excluded: number;
  unit: DurationUnit;
  /** Statistics of the completed tickets only (biased low when many are open: see `censored`). */
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  percentiles: { p: number; value: number | null }[];
  percentileMethod: "linear" | "nearest-rank";
  /** Kaplan–Meier on all tickets, open ones censored at `asOf`: the censoring-aware view. */
  censored: {
    /** Median time to the event (R's rule); `null` if fewer than half are done. */
    median: number | null;
    medianCi: [number | null, number | null];
    /** Share of tickets done within t = P(T ≤ t) = 1 − S(t), via `withinShare`. */
    curve: KaplanMeierResult;
  };
  /** Durations of the completed tickets, in `unit`, in input order of those tickets. */
  durations: Float64Array;
}

const UNIT_MS = { ms: 1, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

function optionalInstant(fn: string, v: unknown, what: string, i: number, tz: string): number | undefined {
  return v === null || v === undefined ? undefined : instantIn(fn, v, tz, what, i);
}

/**
 * Clock time between two instants for one ticket: calendar or business time, minus pauses.
 * @internal
 * @example
 * ```ts
 * clockTime("f", 0, 3_600_000, undefined, []); //=> 3600000
 * ```
 */
export function clockTime(fn: string, from: number, to: number, calendar: BusinessCalendar | undefined, pauses: readonly [number, number][]): number {
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

interface Clocks {
  /** Clock times of the tickets done by asOf, in input order. */
  done: Float64Array;
  /** Clock times at asOf of the open tickets. */
  open: Float64Array;
  excluded: number;
  unit: DurationUnit;
}

/** Clock times of the tickets: to the event for those done by asOf, to asOf for the open ones. */
function collectClocks<T>(fn: string, tickets: ArrayLike<T>, o: TicketTimeOptions<T>, event: (t: T, i: number) => unknown, what: string, measure: "clock" | "paused" = "clock"): Clocks {
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
  if (n === 0) fail(fn, "EMPTY_INPUT", "expected at least one ticket, got none");
  if (m === 0) fail(fn, "EMPTY_INPUT", `expected at least one ticket created by asOf, got ${excluded} created after it`);
  const done = new Float64Array(nDone);
  const open = new Float64Array(m - nDone);
  for (let j = 0, a = 0, b = 0; j < m; j++) {
    if (events[j] === 1) done[a++] = all[j]!;
    else open[b++] = all[j]!;
  }
  return { done, open, excluded, unit };
}

/** Neumaier-compensated sum. */
function sum(xs: Float64Array): number {
  let s = 0;
  let comp = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const t = s + x;
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + comp;
}

/**
 * Options of {@link ticketTimesFromSummary}: how to finish ticket times.
 * @category Support
 */
export interface TicketTimeFinishOptions {
  /** Percentiles to report, in (0, 1]; default [0.5, 0.9, 0.95]. */
  percentiles?: readonly number[];
  /** "linear" (default; R's type 7) or "nearest-rank". */
  percentileMethod?: "linear" | "nearest-rank";
  /** Confidence level of the Kaplan–Meier band; default 0.95. */
  confidence?: number;
}

interface Finish {
  method: "linear" | "nearest-rank";
  confidence: number;
  ps: readonly number[];
}

/** Read the finishing options (before the long pass over the tickets). */
function readFinish(fn: string, o: TicketTimeFinishOptions): Finish {
  const method = readChoice(fn, "percentileMethod", o.percentileMethod, ["linear", "nearest-rank"], "linear");
  const confidence = readConfidence(fn, o.confidence);
  const ps = o.percentiles ?? [0.5, 0.9, 0.95];
  if (!Array.isArray(ps) || ps.some((p) => typeof p !== "number" || !(p > 0 && p <= 1))) {
    fail(fn, "INVALID_OPTION", `expected percentiles in (0, 1], got ${describe(ps)}`);
  }
  return { method, confidence, ps };
}

/** The statistics of done and open clock times. */
function finishTimes(done: Float64Array, open: Float64Array, excluded: number, unit: TicketTimeResult["unit"], f: Finish): TicketTimeResult {
  const { method, confidence, ps } = f;
  const sorted = done.slice().sort();
  const n = sorted.length;
  const all = new Float64Array(n + open.length);
  all.set(done);
  all.set(open, n);
  const events = new Uint8Array(all.length).fill(1, 0, n);
  const curve = kaplanMeier(all, events, { confidence });
  return {
    n,
    open: open.length,
    excluded,
    unit,
    mean: n === 0 ? null : sum(done) / n,
    median: percentile(sorted, 0.5, "linear"),
    min: n === 0 ? null : sorted[0]!,
    max: n === 0 ? null : sorted[n - 1]!,
    percentiles: ps.map((p) => ({ p, value: percentile(sorted, p, method) })),
    percentileMethod: method,
    censored: { median: curve.median, medianCi: curve.medianCi, curve },
    durations: done,
  };
}

/** The clocks of one metric: its accessor checked, pauses required and always excluded for the waits. */
function clocksOf<T>(fn: string, tickets: ArrayLike<T>, o: TicketTimeOptions<T>, metric: TicketTimeMetric): Clocks {
  const name = metric === "firstReply" ? "firstReply" : metric === "firstResolution" ? "firstSolved" : "solved";
  const accessor = o[name];
  if (typeof accessor !== "function") fail(fn, "INVALID_OPTION", `expected a ${name} accessor`);
  const what = metric === "firstReply" ? "the first reply" : metric === "firstResolution" ? "the first solve" : "the solve";
  if (metric !== "requesterWait" && metric !== "agentWait") return collectClocks(fn, tickets, o, accessor, what);
  if (typeof o.pauses !== "function") fail(fn, "INVALID_OPTION", "expected a pauses accessor (the pending intervals)");
  return collectClocks(fn, tickets, { ...o, excludePauses: true }, accessor, what, metric === "agentWait" ? "paused" : "clock");
}

function ticketTimes<T>(fn: string, tickets: ArrayLike<T>, o: TicketTimeOptions<T>, metric: TicketTimeMetric): TicketTimeResult {
  const f = readFinish(fn, o);
  const c = clocksOf(fn, tickets, o, metric);
  return finishTimes(c.done, c.open, c.excluded, c.unit, f);
}

/**
 * Time from ticket creation to the first agent reply, in calendar or business time, with the open
 * (unanswered) tickets reported and taken into account.
 *
 * Definition: for each ticket created by `asOf`, the clock time from `created` to `firstReply`
 * (business time with a `calendar`; paused periods excluded with `pauses`). Statistics of the
 * answered tickets: n, mean, median, min, max and percentiles (R's type 7 by default, or nearest
 * rank). Tickets still unanswered at `asOf` are counted in `open`, and `censored` is the
 * Kaplan–Meier estimate over all tickets with the open ones censored at `asOf`: the answered-only
 * mean is biased low when many tickets are waiting, the censored median is not.
 *
 * @param tickets - Ticket rows.
 * @param options - Accessors (`created`, `firstReply`, `pauses`), `asOf`, `calendar`, `unit`,
 * `percentiles`, `percentileMethod`, `excludePauses`, `confidence`.
 * @returns The {@link TicketTimeResult}.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` (no ticket created by `asOf`), `OUT_OF_RANGE` (a reply
 * before creation; pauses unordered, overlapping or reversed), `INVALID_DATE`, `INVALID_OPTION`, `INVALID_INPUT` (with the index).
 * @example
 * ```ts
 * import { firstReplyTime } from "cx-metrics";
 * const tickets = [
 *   { created: "2025-03-03T09:00:00Z", reply: "2025-03-03T10:00:00Z" },
 *   { created: "2025-03-03T09:00:00Z", reply: "2025-03-03T12:00:00Z" },
 *   { created: "2025-03-03T09:00:00Z", reply: null }, // still waiting
 * ];
 * const r = firstReplyTime(tickets, { created: (t) => t.created, firstReply: (t) => t.reply, asOf: "2025-03-03T18:00:00Z" });
 * [r.n, r.open, r.mean]; //=> [2, 1, 2]
 * r.censored.median;     //=> 3
 * ```
 * @category Support
 */
export function firstReplyTime<T>(tickets: ArrayLike<T>, options: TicketTimeOptions<T>): TicketTimeResult {
  const fn = "firstReplyTime";
  return ticketTimes(fn, tickets, readOptions<TicketTimeOptions<T>>(fn, options, TICKET_TIME_OPTIONS_KEYS), "firstReply");
}

/**
 * Time from ticket creation to resolution (the first solve, or the final one for reopened tickets),
 * in calendar or business time, with open tickets reported and taken into account.
 *
 * Definition: as {@link firstReplyTime}, to `firstSolved` (`resolution: "first"`) or to `solved`
 * (`"full"`, the default: the last solve of a reopened ticket). Helpdesks call these first and full
 * resolution time.
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link firstReplyTime}, with the `solved` / `firstSolved` accessors and
 * `resolution`.
 * @returns The {@link TicketTimeResult}.
 * @throws {@link CxMetricsError} as {@link firstReplyTime} (a solve before creation: `OUT_OF_RANGE`).
 * @example
 * ```ts
 * import { businessCalendar, resolutionTime } from "cx-metrics";
 * const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]] } });
 * const tickets = [{ created: "2025-03-03T16:00:00Z", solved: "2025-03-04T10:00:00Z" }];
 * resolutionTime(tickets, { created: (t) => t.created, solved: (t) => t.solved, asOf: "2025-03-05T00:00:00Z", calendar: cal }).mean; //=> 2
 * ```
 * @category Support
 */
export function resolutionTime<T>(tickets: ArrayLike<T>, options: TicketTimeOptions<T> & { resolution?: "first" | "full" }): TicketTimeResult {
  const fn = "resolutionTime";
  const o = readOptions<TicketTimeOptions<T> & { resolution?: "first" | "full" }>(fn, options, TICKET_TIME_OPTIONS_RESOLUTION_KEYS);
  const which = readChoice(fn, "resolution", o.resolution, ["first", "full"], "full");
  return ticketTimes(fn, tickets, o, which === "first" ? "firstResolution" : "resolution");
}

/**
 * Requester wait time: how long the customer waited on the team, from creation to the final solve,
 * minus the periods the ticket waited on the customer (the `pauses`: pending).
 *
 * Definition: as {@link resolutionTime} (full resolution) with `pauses` excluded — helpdesks count
 * new, open and on-hold time as requester wait and pending time as agent wait, so pass the pending
 * intervals as `pauses` (and not the on-hold ones). Open tickets are censored at `asOf` as in
 * {@link firstReplyTime}.
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link resolutionTime}; `pauses` is required.
 * @returns The {@link TicketTimeResult}.
 * @throws {@link CxMetricsError} as {@link resolutionTime}; `INVALID_OPTION` without a `pauses` accessor.
 * @example
 * ```ts
 * import { requesterWaitTime } from "cx-metrics";
 * const t = [{ c: "2025-01-01T00:00:00Z", s: "2025-01-01T10:00:00Z", pending: [["2025-01-01T02:00:00Z", "2025-01-01T05:00:00Z"]] }];
 * requesterWaitTime(t, { created: (x) => x.c, solved: (x) => x.s, pauses: (x) => x.pending, asOf: "2025-01-02T00:00:00Z" }).mean; //=> 7
 * ```
 * @category Support
 */
export function requesterWaitTime<T>(tickets: ArrayLike<T>, options: TicketTimeOptions<T>): TicketTimeResult {
  const fn = "requesterWaitTime";
  return ticketTimes(fn, tickets, readOptions<TicketTimeOptions<T>>(fn, options, TICKET_TIME_OPTIONS_KEYS), "requesterWait");
}

/**
 * Agent wait time: how long the ticket waited on the customer (the `pauses`: pending), from
 * creation to the final solve.
 *
 * Definition: the part of [created, solved] covered by `pauses`, in calendar or business time —
 * the complement of {@link requesterWaitTime} within the full resolution time. Open tickets are
 * censored at `asOf` with their wait so far.
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link resolutionTime}; `pauses` is required.
 * @returns The {@link TicketTimeResult}.
 * @throws {@link CxMetricsError} as {@link requesterWaitTime}.
 * @example
 * ```ts
 * import { agentWaitTime } from "cx-metrics";
 * const t = [{ c: "2025-01-01T00:00:00Z", s: "2025-01-01T10:00:00Z", pending: [["2025-01-01T02:00:00Z", "2025-01-01T05:00:00Z"]] }];
 * agentWaitTime(t, { created: (x) => x.c, solved: (x) => x.s, pauses: (x) => x.pending, asOf: "2025-01-02T00:00:00Z" }).mean; //=> 3
 * ```
 * @category Support
 */
export function agentWaitTime<T>(tickets: ArrayLike<T>, options: TicketTimeOptions<T>): TicketTimeResult {
  const fn = "agentWaitTime";
  return ticketTimes(fn, tickets, readOptions<TicketTimeOptions<T>>(fn, options, TICKET_TIME_OPTIONS_KEYS), "agentWait");
}

/**
 * Share of tickets completed within t, P(T ≤ t) = 1 − S(t), from the censoring-aware curve of a
 * {@link TicketTimeResult}.
 *
 * @param result - From {@link firstReplyTime} or {@link resolutionTime}.
 * @param t - Time in the result's unit.
 * @returns The share in [0, 1].
 * @throws {@link CxMetricsError} `NON_FINITE` / `OUT_OF_RANGE` for a bad t; `INVALID_INPUT` for a
 * `result` without a censored curve (times, and survival values in [0, 1]).
 * @example
 * ```ts
 * import { firstReplyTime, withinShare } from "cx-metrics";
 * const r = firstReplyTime([{ c: "2025-01-01T00:00:00Z", f: "2025-01-01T02:00:00Z" }], { created: (t) => t.c, firstReply: (t) => t.f, asOf: "2025-01-02T00:00:00Z" });
 * withinShare(r, 1); //=> 0
 * withinShare(r, 2); //=> 1
 * ```
 * @category Support
 */
export function withinShare(result: Pick<TicketTimeResult, "censored">, t: number): number {
  const fn = "withinShare";
  if (typeof t !== "number" || !Number.isFinite(t)) fail(fn, "NON_FINITE", `expected a finite time, got ${describe(t)}`);
  if (t < 0) fail(fn, "OUT_OF_RANGE", `expected a time >= 0, got ${t}`);
  const curve = (result as { censored?: { curve?: unknown } } | null | undefined)?.censored?.curve as { times?: unknown; survival?: unknown } | null | undefined;
  const { times, survival } = curve ?? {};
  if (!isNumbers(times) || !isNumbers(survival) || times.length !== survival.length) {
    fail(fn, "INVALID_INPUT", `expected a result of firstReplyTime or resolutionTime (censored.curve with times and survival), got ${describe(result)}`);
  }
  let s = 1;
  for (let j = 0; j < times.length && times[j]! <= t; j++) {
    const x = survival[j]!;
    if (!(x >= 0 && x <= 1)) fail(fn, "INVALID_INPUT", `expected the survival of the result's curve in [0, 1] at index ${j}, got ${describe(x)}`, j);
    s = x;
  }
  return 1 - s;
}

function isNumbers(v: unknown): v is ArrayLike<number> {
  return (Array.isArray(v) || v instanceof Float64Array) && Array.prototype.every.call(v, (x: unknown) => typeof x === "number");
}

/** `unit` of a summary is one of the units (not `in`: an object key would be converted). */
function isUnit(u: unknown): u is keyof typeof UNIT_MS {
  return typeof u === "string" && Object.hasOwn(UNIT_MS, u);
}

/**
 * Options of {@link slaAttainment}.
 * @category Support
 */
export interface SlaOptions<T> extends TicketAccessors<T> {
  /** The target, in `unit`. */
  target: number;
  /** Which clock: "firstReply" or "resolution" (full resolution). */
  metric: "firstReply" | "resolution";
  asOf: DateInput;
  calendar?: BusinessCalendar;
  unit?: DurationUnit;
  excludePauses?: boolean;
  confidence?: number;
}

/**
 * Result of {@link slaAttainment}.
 * @category Support
 */
export interface SlaResult {
  /** Done within the target; done late. */
  met: number;
  breached: number;
  /** Still open and already past the target (certainly breached). */
  openBreached: number;
  /** Still open and within the target (not decided yet). */
  openWithinTarget: number;
  /** met / (met + breached + openBreached): the decided tickets. `null` when none is decided. */
  attainment: number | null;
  /** Wilson interval of `attainment`. */
  ci: [number, number] | null;
  confidence: number;
  target: number;
  unit: DurationUnit;
}

/**
 * SLA attainment: the share of tickets whose first reply or resolution met a target, in calendar
 * or business time, with open tickets counted honestly.
 *
 * Definition: a done ticket has met the target when its clock time is ≤ target; an open ticket
 * whose clock at `asOf` already exceeds the target is breached whatever happens next
 * (`openBreached`); one still within the target is undecided (`openWithinTarget`) and left out of
 * the share. attainment = met / (met + breached + openBreached), with a Wilson interval (Wilson
 * 1927).
 *
 * @param tickets - Ticket rows.
 * @param options - Accessors, `target`, `metric`, `asOf`, `calendar`, `unit`, `excludePauses`,
 * `confidence`.
 * @returns The {@link SlaResult}.
 * @throws {@link CxMetricsError} as {@link firstReplyTime}; `INVALID_OPTION` for a bad target or metric.
 * @example
 * ```ts
 * import { slaAttainment } from "cx-metrics";
 * const t = [
 *   { c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" },
 *   { c: "2025-01-01T00:00:00Z", r: "2025-01-01T05:00:00Z" },
 *   { c: "2025-01-01T00:00:00Z", r: null },
 * ];
 * const s = slaAttainment(t, { created: (x) => x.c, firstReply: (x) => x.r, metric: "firstReply", target: 4, asOf: "2025-01-01T06:00:00Z" });
 * [s.met, s.breached, s.openBreached, s.attainment]; //=> [1, 1, 1, ~0.3333]
 * ```
 * @category Support
 */
export function slaAttainment<T>(tickets: ArrayLike<T>, options: SlaOptions<T>): SlaResult {
  const fn = "slaAttainment";
  const o = readOptions<SlaOptions<T>>(fn, options, SLA_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  return finishSla(slaCounts(fn, tickets, o), confidence);
}

/**
 * A mergeable SLA tally: the counts behind {@link slaAttainment}, plain JSON.
 * @category Support
 */
export interface SlaSummary {
  kind: "sla";
  metric: "firstReply" | "resolution";
  target: number;
  unit: DurationUnit;
  met: number;
  breached: number;
  openBreached: number;
  openWithinTarget: number;
}

function slaCounts<T>(fn: string, tickets: ArrayLike<T>, o: SlaOptions<T>): SlaSummary {
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected metric "firstReply" or "resolution"');
  const metric = readChoice(fn, "metric", o.metric, ["firstReply", "resolution"], "resolution");
  if (typeof o.target !== "number" || !(o.target >= 0) || o.target === Infinity) fail(fn, "INVALID_OPTION", `expected a finite target >= 0, got ${describe(o.target)}`);
  const c = clocksOf(fn, tickets, o, metric);
  let met = 0;
  for (const d of c.done) if (d <= o.target) met++;
  let openBreached = 0;
  for (const d of c.open) if (d > o.target) openBreached++;
  return { kind: "sla", metric, target: o.target, unit: c.unit, met, breached: c.done.length - met, openBreached, openWithinTarget: c.open.length - openBreached };
}

function finishSla(s: SlaSummary, confidence: number): SlaResult {
  const decided = s.met + s.breached + s.openBreached;
  return {
    met: s.met,
    breached: s.breached,
    openBreached: s.openBreached,
    openWithinTarget: s.openWithinTarget,
    attainment: decided > 0 ? s.met / decided : null,
    ci: decided > 0 ? (wilson(s.met / decided, decided, zCritical(confidence)) as [number, number]) : null,
    confidence,
    target: s.target,
    unit: s.unit,
  };
}

/**
 * The SLA tally of a batch of tickets, to merge with others (shards, days, workers) and finish with
 * {@link slaFromSummary}.
 *
 * Definition: the four counts of {@link slaAttainment}. Counts merge exactly; batches must share
 * the metric, target and unit (checked) and the calendar and `asOf` (not checkable: the caller's
 * responsibility). A ticket must be in exactly one batch.
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link slaAttainment} (without `confidence`).
 * @returns The {@link SlaSummary}.
 * @throws {@link CxMetricsError} as {@link slaAttainment}.
 * @example
 * ```ts
 * import { mergeSlaSummaries, slaFromSummary, slaSummary } from "cx-metrics";
 * const o = { created: (x) => x.c, firstReply: (x) => x.r, metric: "firstReply", target: 4, asOf: "2025-01-01T06:00:00Z" };
 * const a = slaSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }], o);
 * const b = slaSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T05:00:00Z" }], o);
 * slaFromSummary(mergeSlaSummaries(a, b)).attainment; //=> 0.5
 * ```
 * @category Support
 */
export function slaSummary<T>(tickets: ArrayLike<T>, options: Omit<SlaOptions<T>, "confidence">): SlaSummary {
  const fn = "slaSummary";
  return slaCounts(fn, tickets, readOptions<SlaOptions<T>>(fn, options, SLA_OPTIONS_KEYS));
}

function checkSlaSummary(fn: string, s: unknown, i?: number): SlaSummary {
  checkKind(fn, s, "sla", i);
  const x = s as SlaSummary;
  for (const f of ["met", "breached", "openBreached", "openWithinTarget"] as const) checkCount(fn, x, f, true, i);
  checkCount(fn, x, "target", false, i);
  if (x.metric !== "firstReply" && x.metric !== "resolution") fail(fn, "INVALID_SUMMARY", `expected metric "firstReply" or "resolution"${i === undefined ? "" : ` (summary ${i})`}, got ${describe(x.metric)}`, i);
  if (!isUnit(x.unit)) fail(fn, "INVALID_SUMMARY", `expected a unit ms, minutes, hours or days${i === undefined ? "" : ` (summary ${i})`}, got ${describe(x.unit)}`, i);
  return x;
}

/**
 * Merge {@link SlaSummary} tallies: the counts add.
 *
 * @param summaries - One or more summaries with the same metric, target and unit.
 * @returns The merged summary.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` (no summary), `INVALID_SUMMARY` (malformed, or a
 * different metric, target or unit).
 * @example
 * ```ts
 * import { mergeSlaSummaries } from "cx-metrics";
 * const s = { kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 8, breached: 1, openBreached: 1, openWithinTarget: 2 };
 * mergeSlaSummaries(s, s).met; //=> 16
 * ```
 * @category Support
 */
export function mergeSlaSummaries(...summaries: SlaSummary[]): SlaSummary {
  const fn = "mergeSlaSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  const first = checkSlaSummary(fn, summaries[0], 0);
  // the known fields only: an extra field of a summary from JSON is not carried into the merge
  const out: SlaSummary = { kind: "sla", metric: first.metric, target: first.target, unit: first.unit, met: first.met, breached: first.breached, openBreached: first.openBreached, openWithinTarget: first.openWithinTarget };
  for (let i = 1; i < summaries.length; i++) {
    const s = checkSlaSummary(fn, summaries[i], i);
    if (s.metric !== out.metric || s.target !== out.target || s.unit !== out.unit) {
      fail(fn, "INVALID_SUMMARY", `expected summaries with the same metric, target and unit; summary ${i} has ${s.metric}, ${s.target} ${s.unit}, not ${out.metric}, ${out.target} ${out.unit}`, i);
    }
    out.met += s.met;
    out.breached += s.breached;
    out.openBreached += s.openBreached;
    out.openWithinTarget += s.openWithinTarget;
  }
  return out;
}

/**
 * Finish an {@link SlaSummary} into an {@link SlaResult}: attainment = met / (met + breached +
 * openBreached) with a Wilson interval (Wilson 1927).
 *
 * @param summary - From {@link slaSummary}, {@link mergeSlaSummaries} or JSON.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link SlaResult}.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { slaFromSummary } from "cx-metrics";
 * slaFromSummary({ kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 3, breached: 2, openBreached: 1, openWithinTarget: 4 }).attainment; //=> 0.5
 * ```
 * @category Support
 */
export function slaFromSummary(summary: SlaSummary, options?: { confidence?: number }): SlaResult {
  const fn = "slaFromSummary";
  const s = checkSlaSummary(fn, summary);
  const o = readOptions<{ confidence?: number }>(fn, options, CONFIDENCE_KEYS);
  return finishSla(s, readConfidence(fn, o.confidence));
}

/**
 * Which clock a {@link TicketTimeSummary} holds.
 * @category Support
 */
export type TicketTimeMetric = "firstReply" | "firstResolution" | "resolution" | "requesterWait" | "agentWait";

/**
 * A mergeable summary of ticket clock times: the clock time of every ticket done by `asOf` and of
 * every open one, plain JSON.
 * @category Support
 */
export interface TicketTimeSummary {
  kind: "ticket-times";
  metric: TicketTimeMetric;
  unit: DurationUnit;
  /** Tickets created after `asOf`. */
  excluded: number;
  /** Clock times of the tickets done by `asOf`. */
  done: number[];
  /** Clock times at `asOf` of the open tickets (censored). */
  open: number[];
}

/**
 * The clock times of a batch of tickets, to merge with other batches and finish with
 * {@link ticketTimesFromSummary} — exactly: the summary keeps every ticket's time, so merged
 * percentiles and the Kaplan–Meier curve equal those of the whole (its size grows with the number
 * of tickets; counts and sums alone could not give exact percentiles).
 *
 * Definition: `metric` chooses the clock of {@link firstReplyTime} ("firstReply"),
 * {@link resolutionTime} ("firstResolution", "resolution"), {@link requesterWaitTime} or
 * {@link agentWaitTime}. Batches must share the metric and unit (checked) and the calendar and
 * `asOf` (not checkable: the caller's responsibility).
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link firstReplyTime} (without the finishing options), with `metric`.
 * @returns The {@link TicketTimeSummary}.
 * @throws {@link CxMetricsError} as {@link firstReplyTime}; `INVALID_OPTION` for a bad metric or a
 * missing accessor.
 * @example
 * ```ts
 * import { mergeTicketTimeSummaries, ticketTimeSummary, ticketTimesFromSummary } from "cx-metrics";
 * const o = { metric: "firstReply", created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" };
 * const a = ticketTimeSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }], o);
 * const b = ticketTimeSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T03:00:00Z" }], o);
 * ticketTimesFromSummary(mergeTicketTimeSummaries(a, b)).mean; //=> 2
 * ```
 * @category Support
 */
export function ticketTimeSummary<T>(
  tickets: ArrayLike<T>,
  options: Omit<TicketTimeOptions<T>, "percentiles" | "percentileMethod" | "confidence"> & { metric: TicketTimeMetric },
): TicketTimeSummary {
  const fn = "ticketTimeSummary";
  const o = readOptions<TicketTimeOptions<T> & { metric: TicketTimeMetric }>(fn, options, TICKET_TIME_OPTIONS_METRIC_KEYS);
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected a metric: "firstReply", "firstResolution", "resolution", "requesterWait" or "agentWait"');
  const metric = readChoice(fn, "metric", o.metric, ["firstReply", "firstResolution", "resolution", "requesterWait", "agentWait"], "resolution");
  const c = clocksOf(fn, tickets, o, metric);
  return { kind: "ticket-times", metric, unit: c.unit, excluded: c.excluded, done: Array.from(c.done), open: Array.from(c.open) };
}

function checkTimeSummary(fn: string, s: unknown, i?: number): TicketTimeSummary {
  checkKind(fn, s, "ticket-times", i);
  const x = s as TicketTimeSummary;
  const at = i === undefined ? "" : ` (summary ${i})`;
  checkCount(fn, x, "excluded", true, i);
  if (!["firstReply", "firstResolution", "resolution", "requesterWait", "agentWait"].includes(x.metric)) fail(fn, "INVALID_SUMMARY", `expected a ticket-time metric${at}, got ${describe(x.metric)}`, i);
  if (!isUnit(x.unit)) fail(fn, "INVALID_SUMMARY", `expected a unit ms, minutes, hours or days${at}, got ${describe(x.unit)}`, i);
  for (const f of ["done", "open"] as const) {
    const v = x[f];
    if (!Array.isArray(v)) fail(fn, "INVALID_SUMMARY", `expected ${f}${at} to be an array of times, got ${describe(v)}`, i);
    for (const d of v) if (typeof d !== "number" || !(d >= 0) || d === Infinity) fail(fn, "INVALID_SUMMARY", `expected ${f}${at} to hold finite times >= 0, got ${describe(d)}`, i);
  }
  if (x.done.length + x.open.length === 0) fail(fn, "INVALID_SUMMARY", `expected at least one ticket${at}`, i);
  return x;
}

/**
 * Merge {@link TicketTimeSummary} batches: the times are pooled (exact).
 *
 * @param summaries - One or more summaries with the same metric and unit.
 * @returns The merged summary.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` (no summary), `INVALID_SUMMARY` (malformed, or a
 * different metric or unit).
 * @example
 * ```ts
 * import { mergeTicketTimeSummaries } from "cx-metrics";
 * const s = { kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [2, 5], open: [30] };
 * mergeTicketTimeSummaries(s, s).done; //=> [2, 5, 2, 5]
 * ```
 * @category Support
 */
export function mergeTicketTimeSummaries(...summaries: TicketTimeSummary[]): TicketTimeSummary {
  const fn = "mergeTicketTimeSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  const first = checkTimeSummary(fn, summaries[0], 0);
  const out: TicketTimeSummary = { kind: "ticket-times", metric: first.metric, unit: first.unit, excluded: first.excluded, done: first.done.slice(), open: first.open.slice() };
  for (let i = 1; i < summaries.length; i++) {
    const s = checkTimeSummary(fn, summaries[i], i);
    if (s.metric !== out.metric || s.unit !== out.unit) {
      fail(fn, "INVALID_SUMMARY", `expected summaries with the same metric and unit; summary ${i} has ${s.metric} in ${s.unit}, not ${out.metric} in ${out.unit}`, i);
    }
    out.excluded += s.excluded;
    for (const d of s.done) out.done.push(d);
    for (const d of s.open) out.open.push(d);
  }
  return out;
}

/**
 * Finish a {@link TicketTimeSummary} into a {@link TicketTimeResult}: as {@link firstReplyTime}.
 *
 * @param summary - From {@link ticketTimeSummary}, {@link mergeTicketTimeSummaries} or JSON.
 * @param options - `percentiles`, `percentileMethod`, `confidence`.
 * @returns The {@link TicketTimeResult} (`durations` in the summary's order).
 * @throws {@link CxMetricsError} `INVALID_SUMMARY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { ticketTimesFromSummary } from "cx-metrics";
 * const r = ticketTimesFromSummary({ kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [1, 2, 3, 4, 10], open: [24] });
 * [r.median, r.censored.median]; //=> [3, 3.5]
 * ```
 * @category Support
 */
export function ticketTimesFromSummary(summary: TicketTimeSummary, options?: TicketTimeFinishOptions): TicketTimeResult {
  const fn = "ticketTimesFromSummary";
  const s = checkTimeSummary(fn, summary);
  const f = readFinish(fn, readOptions<TicketTimeFinishOptions>(fn, options, TICKET_TIME_FINISH_OPTIONS_KEYS));
  return finishTimes(Float64Array.from(s.done), Float64Array.from(s.open), s.excluded, s.unit, f);
}
