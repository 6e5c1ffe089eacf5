/**
 * SLA attainment: the share of decided tickets that met a target, its mergeable tally (the `"sla"`
 * kind) and its finisher.
 * @module
 */
import { zCritical } from "../core/critical";
import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { wilson } from "../core/proportion";
import { checkCount, checkKind, defineSummaryKind, type SummaryKind } from "../core/summary";
import type { DateInput } from "../core/time";
import type { BusinessCalendar } from "./calendar";
import { clocksOf, DURATION_UNITS, type DurationUnit, isUnit, noTickets, type TicketAccessors } from "./clock";

const SLA_OPTIONS_KEYS = /* @__PURE__ */ keysOf<SlaOptions<any>>()("target", "metric", "asOf", "calendar", "unit", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");
const SLA_PARAMS_KEYS = /* @__PURE__ */ keysOf<SlaParams>()("metric", "target", "unit");
const CONFIDENCE_KEYS = /* @__PURE__ */ keysOf<{ confidence?: number }>()("confidence");

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

/**
 * What an empty {@link SlaSummary} is made with: the clock (`metric`), the `target` and the `unit`
 * (default "hours"). Tallies merge only with tallies of the same parameters.
 * @category Support
 */
export interface SlaParams {
  metric: "firstReply" | "resolution";
  target: number;
  unit?: DurationUnit;
}

/** Read the metric and the target of SLA options or parameters. */
function readMetricTarget(fn: string, metric: unknown, target: unknown): { metric: "firstReply" | "resolution"; target: number } {
  if (metric === undefined) fail(fn, "INVALID_OPTION", 'expected metric "firstReply" or "resolution"');
  const m = readChoice(fn, "metric", metric, ["firstReply", "resolution"], "resolution");
  if (typeof target !== "number" || !(target >= 0) || target === Infinity) fail(fn, "INVALID_OPTION", `expected a finite target >= 0, got ${describe(target)}`);
  return { metric: m, target };
}

/** The tally of a batch, and how many tickets were created after asOf. */
function slaCounts<T>(fn: string, tickets: ArrayLike<T>, o: SlaOptions<T>): { summary: SlaSummary; excluded: number } {
  const { metric, target } = readMetricTarget(fn, o.metric, o.target);
  const c = clocksOf(fn, tickets, o, metric);
  let met = 0;
  for (const d of c.done) if (d <= target) met++;
  let openBreached = 0;
  for (const d of c.open) if (d > target) openBreached++;
  return { summary: { kind: "sla", metric, target, unit: c.unit, met, breached: c.done.length - met, openBreached, openWithinTarget: c.open.length - openBreached }, excluded: c.excluded };
}

/** The result of a checked tally; `EMPTY_INPUT` for a tally without tickets. */
function finishSla(fn: string, s: SlaSummary, confidence: number): SlaResult {
  if (s.met + s.breached + s.openBreached + s.openWithinTarget === 0) fail(fn, "EMPTY_INPUT", "expected a summary of at least one ticket, got an empty one");
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

/** Check a tally from anywhere and return a fresh copy of its known fields. */
function checkSlaSummary(fn: string, s: unknown, i?: number): SlaSummary {
  checkKind(fn, s, "sla", i);
  const x = s as SlaSummary;
  for (const f of ["met", "breached", "openBreached", "openWithinTarget"] as const) checkCount(fn, x, f, true, i);
  checkCount(fn, x, "target", false, i);
  if (x.metric !== "firstReply" && x.metric !== "resolution") fail(fn, "INVALID_SUMMARY", `expected metric "firstReply" or "resolution"${i === undefined ? "" : ` (summary ${i})`}, got ${describe(x.metric)}`, i);
  if (!isUnit(x.unit)) fail(fn, "INVALID_SUMMARY", `expected a unit ms, minutes, hours or days${i === undefined ? "" : ` (summary ${i})`}, got ${describe(x.unit)}`, i);
  return { kind: "sla", metric: x.metric, target: x.target, unit: x.unit, met: x.met, breached: x.breached, openBreached: x.openBreached, openWithinTarget: x.openWithinTarget };
}

/**
 * The `"sla"` summary kind: how SLA tallies start ({@link emptySlaSummary}), merge
 * ({@link mergeSlaSummaries}), are checked, count their tickets and finish ({@link slaFromSummary}).
 *
 * Definition: four counts that add; parameters `{ metric, target, unit }`; `count` = the decided
 * tickets, met + breached + openBreached (the observations behind the attainment; a portfolio cell
 * shows it as n); `finish` of a tally without tickets throws `EMPTY_INPUT`, and one whose tickets
 * are all undecided finishes to `attainment: null`. Source: Wilson (1927) for the interval.
 *
 * @throws {@link CxMetricsError} as the functions it calls: `INVALID_OPTION` (bad parameters),
 * `INVALID_SUMMARY` (malformed or mismatched tallies), `EMPTY_INPUT` (no tally to merge, or a
 * finish without tickets).
 * @example
 * ```ts
 * import { slaKind } from "cx-metrics";
 * const s = { kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 3, breached: 1, openBreached: 0, openWithinTarget: 2 };
 * slaKind.count(slaKind.merge(s, slaKind.empty({ metric: "resolution", target: 24 }))); //=> 4
 * ```
 * @category Support
 */
export const slaKind: SummaryKind<SlaSummary, SlaResult, SlaParams, { confidence?: number }> = /* @__PURE__ */ defineSummaryKind<SlaSummary, SlaResult, SlaParams, { confidence?: number }>({
  kind: "sla",
  empty: (params) => emptySlaSummary(params as SlaParams),
  merge: (...summaries) => mergeSlaSummaries(...summaries),
  check: (summary, index) => checkSlaSummary("slaKind.check", summary, index),
  count: (summary) => summary.met + summary.breached + summary.openBreached,
  finish: (summary, options) => slaFromSummary(summary, options),
});

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
  const { summary, excluded } = slaCounts(fn, tickets, o);
  if (summary.met + summary.breached + summary.openBreached + summary.openWithinTarget === 0) noTickets(fn, excluded);
  return finishSla(fn, summary, confidence);
}

/**
 * The SLA tally of a batch of tickets, to merge with others (shards, days, workers) and finish with
 * {@link slaFromSummary}.
 *
 * Definition: the four counts of {@link slaAttainment}. Counts merge exactly; batches must share
 * the metric, target and unit (checked) and the calendar and `asOf` (not checkable: the caller's
 * responsibility). A ticket must be in exactly one batch. A batch without a ticket created by
 * `asOf` gives the empty tally (legal: it merges as the identity, and finishing it alone throws
 * `EMPTY_INPUT`).
 *
 * @param tickets - Ticket rows.
 * @param options - As {@link slaAttainment} (without `confidence`).
 * @returns The {@link SlaSummary}.
 * @throws {@link CxMetricsError} as {@link slaAttainment} (but not `EMPTY_INPUT`).
 * @example
 * ```ts
 * import { mergeSlaSummaries, slaFromSummary, slaSummary } from "cx-metrics";
 * const o = { created: (x) => x.c, firstReply: (x) => x.r, metric: "firstReply", target: 4, asOf: "2025-01-01T06:00:00Z" };
 * const a = slaSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }], o);
 * const b = slaSummary([{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T05:00:00Z" }], o);
 * slaFromSummary(mergeSlaSummaries(a, b, slaSummary([], o))).attainment; //=> 0.5
 * ```
 * @category Support
 */
export function slaSummary<T>(tickets: ArrayLike<T>, options: Omit<SlaOptions<T>, "confidence">): SlaSummary {
  const fn = "slaSummary";
  return slaCounts(fn, tickets, readOptions<SlaOptions<T>>(fn, options, SLA_OPTIONS_KEYS)).summary;
}

/**
 * The empty {@link SlaSummary} of a clock, target and unit: every count 0, the identity of
 * {@link mergeSlaSummaries}.
 *
 * @param params - `metric` and `target` (required), `unit` (default "hours").
 * @returns The empty tally.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing or bad metric or target, or a bad unit.
 * @example
 * ```ts
 * import { emptySlaSummary } from "cx-metrics";
 * emptySlaSummary({ metric: "firstReply", target: 4 }); //=> { kind: "sla", metric: "firstReply", target: 4, unit: "hours", met: 0, breached: 0, openBreached: 0, openWithinTarget: 0 }
 * emptySlaSummary({ metric: "firstReply", target: -1 }); // throws INVALID_OPTION
 * ```
 * @category Support
 */
export function emptySlaSummary(params: SlaParams): SlaSummary {
  const fn = "emptySlaSummary";
  if (params === undefined) fail(fn, "INVALID_OPTION", 'expected parameters { metric, target, unit }: metric "firstReply" or "resolution", a finite target >= 0');
  const p = readOptions<SlaParams>(fn, params, SLA_PARAMS_KEYS);
  const { metric, target } = readMetricTarget(fn, p.metric, p.target);
  const unit = readChoice(fn, "unit", p.unit, DURATION_UNITS, "hours");
  return { kind: "sla", metric, target, unit, met: 0, breached: 0, openBreached: 0, openWithinTarget: 0 };
}

/**
 * Merge {@link SlaSummary} tallies: the counts add. Empty tallies are legal (the identity).
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
  // the known fields only: an extra field of a summary from JSON is not carried into the merge
  const out = checkSlaSummary(fn, summaries[0], 0);
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
 * openBreached) with a Wilson interval (Wilson 1927); `null` while no ticket is decided.
 *
 * @param summary - From {@link slaSummary}, {@link mergeSlaSummaries} or JSON.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link SlaResult}.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` for a tally without tickets, `INVALID_SUMMARY`,
 * `INVALID_OPTION`.
 * @example
 * ```ts
 * import { emptySlaSummary, slaFromSummary } from "cx-metrics";
 * slaFromSummary({ kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 3, breached: 2, openBreached: 1, openWithinTarget: 4 }).attainment; //=> 0.5
 * slaFromSummary(emptySlaSummary({ metric: "resolution", target: 24 })); // throws EMPTY_INPUT
 * ```
 * @category Support
 */
export function slaFromSummary(summary: SlaSummary, options?: { confidence?: number }): SlaResult {
  const fn = "slaFromSummary";
  const s = checkSlaSummary(fn, summary);
  const o = readOptions<{ confidence?: number }>(fn, options, CONFIDENCE_KEYS);
  return finishSla(fn, s, readConfidence(fn, o.confidence));
}
