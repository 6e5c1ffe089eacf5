/**
 * Ticket times: first reply, resolution, requester and agent wait times, their mergeable summary
 * (the `"ticket-times"` kind) and the share done within a time.
 * @module
 */
import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { type KaplanMeierResult, kaplanMeier } from "../core/kaplan-meier";
import { checkCount, checkKind, defineSummaryKind, type SummaryKind } from "../core/summary";
import type { DateInput } from "../core/time";
import type { BusinessCalendar } from "./calendar";
import { clocksOf, DURATION_UNITS, type DurationUnit, isUnit, noTickets, percentile, type TicketAccessors, TICKET_TIME_METRICS, type TicketTimeMetric } from "./clock";

const TICKET_TIME_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeOptions<any>>()("asOf", "calendar", "unit", "percentiles", "percentileMethod", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");
const TICKET_TIME_OPTIONS_RESOLUTION_KEYS = /* @__PURE__ */ keysOf<TicketTimeOptions<any> & { resolution?: "first" | "full" }>()("asOf", "calendar", "unit", "percentiles", "percentileMethod", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses", "resolution");
const TICKET_TIME_OPTIONS_METRIC_KEYS = /* @__PURE__ */ keysOf<TicketTimeOptions<any> & { metric: TicketTimeMetric }>()("asOf", "calendar", "unit", "percentiles", "percentileMethod", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses", "metric");
const TICKET_TIME_FINISH_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeFinishOptions>()("percentiles", "percentileMethod", "confidence");
const TICKET_TIME_PARAMS_KEYS = /* @__PURE__ */ keysOf<TicketTimeParams>()("metric", "unit");

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

/**
 * Options of {@link ticketTimeFromSummary}: how to finish ticket times.
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
 * What an empty {@link TicketTimeSummary} is made with: the clock (`metric`) and the `unit`
 * (default "hours"). Summaries merge only with summaries of the same parameters.
 * @category Support
 */
export interface TicketTimeParams {
  metric: TicketTimeMetric;
  unit?: DurationUnit;
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

/** The statistics of done and open clock times; `EMPTY_INPUT` without a ticket created by asOf. */
function finishTimes(fn: string, done: Float64Array, open: Float64Array, excluded: number, unit: DurationUnit, f: Finish): TicketTimeResult {
  if (done.length + open.length === 0) noTickets(fn, excluded);
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

function ticketTimes<T>(fn: string, tickets: ArrayLike<T>, o: TicketTimeOptions<T>, metric: TicketTimeMetric): TicketTimeResult {
  const f = readFinish(fn, o);
  const c = clocksOf(fn, tickets, o, metric);
  return finishTimes(fn, c.done, c.open, c.excluded, c.unit, f);
}

/** Read the parameters of an empty summary (the clock and the unit). */
function readParams(fn: string, params: unknown): { metric: TicketTimeMetric; unit: DurationUnit } {
  if (params === undefined) fail(fn, "INVALID_OPTION", 'expected parameters { metric, unit }: metric "firstReply", "firstResolution", "resolution", "requesterWait" or "agentWait"');
  const p = readOptions<TicketTimeParams>(fn, params, TICKET_TIME_PARAMS_KEYS);
  if (p.metric === undefined) fail(fn, "INVALID_OPTION", 'expected a metric: "firstReply", "firstResolution", "resolution", "requesterWait" or "agentWait"');
  return { metric: readChoice(fn, "metric", p.metric, TICKET_TIME_METRICS, "resolution"), unit: readChoice(fn, "unit", p.unit, DURATION_UNITS, "hours") };
}

/** Check a summary from anywhere and return a fresh copy of its known fields. */
function checkTimeSummary(fn: string, s: unknown, i?: number): TicketTimeSummary {
  checkKind(fn, s, "ticket-times", i);
  const x = s as TicketTimeSummary;
  const at = i === undefined ? "" : ` (summary ${i})`;
  checkCount(fn, x, "excluded", true, i);
  if (!(TICKET_TIME_METRICS as readonly unknown[]).includes(x.metric)) fail(fn, "INVALID_SUMMARY", `expected a ticket-time metric${at}, got ${describe(x.metric)}`, i);
  if (!isUnit(x.unit)) fail(fn, "INVALID_SUMMARY", `expected a unit ms, minutes, hours or days${at}, got ${describe(x.unit)}`, i);
  for (const f of ["done", "open"] as const) {
    const v = x[f];
    if (!Array.isArray(v)) fail(fn, "INVALID_SUMMARY", `expected ${f}${at} to be an array of times, got ${describe(v)}`, i);
    for (const d of v) if (typeof d !== "number" || !(d >= 0) || d === Infinity) fail(fn, "INVALID_SUMMARY", `expected ${f}${at} to hold finite times >= 0, got ${describe(d)}`, i);
  }
  return { kind: "ticket-times", metric: x.metric, unit: x.unit, excluded: x.excluded, done: x.done.slice(), open: x.open.slice() };
}

/**
 * The `"ticket-times"` summary kind: how ticket-time summaries start ({@link emptyTicketTimeSummary}),
 * merge ({@link mergeTicketTimeSummaries}), are checked, count their tickets and finish
 * ({@link ticketTimeFromSummary}).
 *
 * Definition: the summary keeps every ticket's clock time (done and open), so merging is pooling
 * and is exact; parameters `{ metric, unit }`; `count` = done + open tickets; `finish` of a summary
 * without tickets throws `EMPTY_INPUT`. Merging keeps the order of the times, so two merge orders
 * give the same summary up to the order of `done` and `open` (and the same result). Source: the
 * Kaplan–Meier estimate needs every time (Kaplan & Meier 1958), so nothing smaller merges exactly.
 *
 * @throws {@link CxMetricsError} as the functions it calls: `INVALID_OPTION` (bad parameters),
 * `INVALID_SUMMARY` (malformed or mismatched summaries), `EMPTY_INPUT` (no summary to merge, or a
 * finish without tickets).
 * @example
 * ```ts
 * import { ticketTimeKind } from "cx-metrics";
 * const e = ticketTimeKind.empty({ metric: "resolution" });
 * ticketTimeKind.count(ticketTimeKind.merge(e, { kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [2], open: [5] })); //=> 2
 * ```
 * @category Support
 */
export const ticketTimeKind: SummaryKind<TicketTimeSummary, TicketTimeResult, TicketTimeParams, TicketTimeFinishOptions> = /* @__PURE__ */ defineSummaryKind<
  TicketTimeSummary,
  TicketTimeResult,
  TicketTimeParams,
  TicketTimeFinishOptions
>({
  kind: "ticket-times",
  empty: (params) => emptyTicketTimeSummary(params as TicketTimeParams),
  merge: (...summaries) => mergeTicketTimeSummaries(...summaries),
  check: (summary, index) => checkTimeSummary("ticketTimeKind.check", summary, index),
  count: (summary) => summary.done.length + summary.open.length,
  finish: (summary, options) => ticketTimeFromSummary(summary, options),
});

/**
 * The clock times of a batch of tickets, to merge with other batches and finish with
 * {@link ticketTimeFromSummary} — exactly: the summary keeps every ticket's time, so merged
 * percentiles and the Kaplan–Meier curve equal those of the whole (its size grows with the number
 * of tickets; counts and sums alone could not give exact percentiles).
 *
 * Definition: `metric` chooses the clock of {@link firstReplyTime} ("firstReply"),
 * {@link resolutionTime} ("firstResolution", "resolution"), {@link requesterWaitTime} or
 * {@link agentWaitTime}. Batches must share the metric and unit (checked) and the calendar and
 * `asOf` (not checkable: the caller's responsibility). A batch without a ticket created by `asOf`
 * gives a summary without tickets (legal: it merges as the identity, and finishing it alone throws
 * `EMPTY_INPUT`).
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link firstReplyTime} (without the finishing options), with `metric`.
 * @returns The {@link TicketTimeSummary}.
 * @throws {@link CxMetricsError} as {@link firstReplyTime} (but not `EMPTY_INPUT`);
 * `INVALID_OPTION` for a bad metric or a missing accessor.
 * @example
 * ```ts
 * import { mergeTicketTimeSummaries, ticketTimeFromSummary, ticketTimeSummary } from "cx-metrics";
 * const o = { metric: "firstReply", created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" };
 * const a = ticketTimeSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }], o);
 * const b = ticketTimeSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T03:00:00Z" }], o);
 * ticketTimeFromSummary(mergeTicketTimeSummaries(a, b, ticketTimeSummary([], o))).mean; //=> 2
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
  const metric = readChoice(fn, "metric", o.metric, TICKET_TIME_METRICS, "resolution");
  const c = clocksOf(fn, tickets, o, metric);
  return { kind: "ticket-times", metric, unit: c.unit, excluded: c.excluded, done: Array.from(c.done), open: Array.from(c.open) };
}

/**
 * The empty {@link TicketTimeSummary} of a clock and unit: no ticket, the identity of
 * {@link mergeTicketTimeSummaries}.
 *
 * @param params - `metric` (required) and `unit` (default "hours").
 * @returns The empty summary.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing or bad metric, or a bad unit.
 * @example
 * ```ts
 * import { emptyTicketTimeSummary } from "cx-metrics";
 * emptyTicketTimeSummary({ metric: "firstReply" }); //=> { kind: "ticket-times", metric: "firstReply", unit: "hours", excluded: 0, done: [], open: [] }
 * emptyTicketTimeSummary({ metric: "firstReply", unit: "weeks" }); // throws INVALID_OPTION
 * ```
 * @category Support
 */
export function emptyTicketTimeSummary(params: TicketTimeParams): TicketTimeSummary {
  const { metric, unit } = readParams("emptyTicketTimeSummary", params);
  return { kind: "ticket-times", metric, unit, excluded: 0, done: [], open: [] };
}

/**
 * Merge {@link TicketTimeSummary} batches: the times are pooled (exact). Empty summaries (no
 * ticket) are legal: they add only their `excluded` count.
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
  // the known fields only: an extra field of a summary from JSON is not carried into the merge
  const out = checkTimeSummary(fn, summaries[0], 0);
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
 * @throws {@link CxMetricsError} `EMPTY_INPUT` for a summary without tickets, `INVALID_SUMMARY`,
 * `INVALID_OPTION`.
 * @example
 * ```ts
 * import { ticketTimeFromSummary } from "cx-metrics";
 * const r = ticketTimeFromSummary({ kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [1, 2, 3, 4, 10], open: [24] });
 * [r.median, r.censored.median]; //=> [3, 3.5]
 * ticketTimeFromSummary({ kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [], open: [] }); // throws EMPTY_INPUT
 * ```
 * @category Support
 */
export function ticketTimeFromSummary(summary: TicketTimeSummary, options?: TicketTimeFinishOptions): TicketTimeResult {
  const fn = "ticketTimeFromSummary";
  const s = checkTimeSummary(fn, summary);
  const f = readFinish(fn, readOptions<TicketTimeFinishOptions>(fn, options, TICKET_TIME_FINISH_OPTIONS_KEYS));
  return finishTimes(fn, Float64Array.from(s.done), Float64Array.from(s.open), s.excluded, s.unit, f);
}

/**
 * Finish a {@link TicketTimeSummary}: the old name of {@link ticketTimeFromSummary}.
 *
 * @deprecated Since 0.x: use {@link ticketTimeFromSummary} (the same function, named as every
 * family's finisher); removed in the next minor version.
 * @param summary - As {@link ticketTimeFromSummary}.
 * @param options - As {@link ticketTimeFromSummary}.
 * @returns As {@link ticketTimeFromSummary}.
 * @throws {@link CxMetricsError} as {@link ticketTimeFromSummary}.
 * @example
 * ```ts
 * import { ticketTimesFromSummary } from "cx-metrics";
 * ticketTimesFromSummary({ kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [1, 3], open: [] }).mean; //=> 2
 * ```
 * @category Support
 */
export function ticketTimesFromSummary(summary: TicketTimeSummary, options?: TicketTimeFinishOptions): TicketTimeResult {
  return ticketTimeFromSummary(summary, options);
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
