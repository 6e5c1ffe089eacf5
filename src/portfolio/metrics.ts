import { logRank, type SurvivalGroup } from "../core/logrank";
import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import {
  mergeSlaSummaries,
  mergeTicketTimeSummaries,
  type SlaOptions,
  type SlaResult,
  type SlaSummary,
  slaFromSummary,
  slaSummary,
  type TicketTimeMetric,
  type TicketTimeOptions,
  DURATION_UNITS,
  type TicketTimeResult,
  type TicketTimeSummary,
  ticketTimeSummary,
  ticketTimesFromSummary,
} from "../support/tickets";
import { compareCsat } from "../survey/compare-csat";
import type { CsatSummary } from "../survey/csat";
import { proportionConsistency } from "../survey/csat-metric";
import { defineMetric, type Metric } from "../core/metric";

const SLA_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<SlaMetricOptions<any>>()("id", "label", "target", "metric", "asOf", "calendar", "unit", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");
const TICKET_TIME_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeMetricOptions<any>>()("id", "label", "metric", "confidence", "asOf", "calendar", "unit", "excludePauses", "created", "firstReply", "firstSolved", "solved", "pauses");

const percent = (v: number) => `${v.toFixed(1)}%`;

/**
 * Options of {@link slaMetric}.
 * @category Portfolio
 */
export interface SlaMetricOptions<Row> extends SlaOptions<Row> {
  id?: string;
  label?: string;
}

/**
 * SLA attainment as a portfolio metric: a thin adapter over {@link slaSummary},
 * {@link mergeSlaSummaries} and {@link slaFromSummary}. Value = percent of decided tickets that met
 * the target (open tickets already past it count as breached; open tickets within it are not
 * decided yet). Change test and consistency: as a proportion of decided tickets (Newcombe, χ²),
 * through {@link compareCsat} on the met/missed tally.
 *
 * @param options - {@link SlaMetricOptions}: `target`, `metric`, `asOf`, `created` and the clock's
 * accessor are required.
 * @returns The metric, id `"sla"` unless `id` is given.
 * @throws {@link CxMetricsError} as {@link slaAttainment}.
 * @example
 * ```ts
 * import { slaMetric } from "cx-metrics";
 * const m = slaMetric({ metric: "firstReply", target: 2, created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" });
 * const rows = [{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }, { c: "2025-01-01T00:00:00Z", r: "2025-01-01T05:00:00Z" }];
 * m.value(m.finish(m.summarize(rows))); //=> 50
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function slaMetric<Row, const Id extends string = "sla">(options: SlaMetricOptions<Row> & { id?: Id }): Metric<Id, Row, SlaSummary, SlaResult> {
  const fn = "slaMetric";
  const o = readOptions<SlaMetricOptions<Row>>(fn, options, SLA_METRIC_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { id: _id, label: _label, confidence: _c, ...summaryOptions } = o;
  const empty: SlaSummary = {
    kind: "sla",
    metric: readChoice(fn, "metric", o.metric, ["firstReply", "resolution"], "resolution"),
    target: o.target,
    unit: readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours"),
    met: 0,
    breached: 0,
    openBreached: 0,
    openWithinTarget: 0,
  };
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected metric "firstReply" or "resolution"');
  if (typeof o.target !== "number" || !(o.target >= 0) || o.target === Infinity) fail(fn, "INVALID_OPTION", `expected a finite target >= 0, got ${describe(o.target)}`);
  const asTally = (s: SlaSummary): CsatSummary => {
    const missed = s.breached + s.openBreached;
    return { kind: "csat", scale: { min: 0, max: 1 }, n: s.met + missed, counts: [missed, s.met], weights: [missed, s.met], weightSquares: s.met + missed, skipped: 0, invalid: 0 };
  };
  return defineMetric({
    id: (o.id ?? "sla") as Id,
    label: o.label ?? (empty.metric === "firstReply" ? "First reply SLA attainment" : "Resolution SLA attainment"),
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    summarize: (rows: ArrayLike<Row>) => slaSummary(rows, summaryOptions),
    merge: (...s: SlaSummary[]) => mergeSlaSummaries(empty, ...s),
    empty: () => ({ ...empty }),
    // tickets whose outcome is decided
    count: (s) => s.met + s.breached + s.openBreached,
    finish: (s) => slaFromSummary(s, { confidence }),
    value: (r) => (r.attainment === null ? null : 100 * r.attainment),
    compare: (a, b, level) => {
      const c = compareCsat(asTally(a), asTally(b), { confidence: level, satisfiedMin: 1 });
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
    },
    consistency: (summaries) => proportionConsistency(summaries.map(asTally), 1),
    format: percent,
  });
}

/** A ticket-time summary as a survival group: done tickets are events, open ones censored. */
function survivalGroup(s: TicketTimeSummary): SurvivalGroup {
  const times = [...s.done, ...s.open];
  const events = times.map((_, i) => i < s.done.length);
  return { times, events };
}

/**
 * Options of {@link ticketTimeMetric}.
 * @category Portfolio
 */
export interface TicketTimeMetricOptions<Row> extends Omit<TicketTimeOptions<Row>, "percentiles" | "percentileMethod"> {
  id?: string;
  label?: string;
  /** Which clock (as {@link ticketTimeSummary}). */
  metric: TicketTimeMetric;
}

/**
 * A ticket clock (first reply, resolution, requester or agent wait time) as a portfolio metric: a
 * thin adapter over {@link ticketTimeSummary}, {@link mergeTicketTimeSummaries} and
 * {@link ticketTimesFromSummary}. Value = the Kaplan–Meier median with open tickets censored at
 * `asOf` (so a backlog of old open tickets is not hidden), lower is better; `null` while fewer than
 * half are done. Change test and consistency: the log-rank test of the curves (Mantel 1966), two
 * groups or k segments, open tickets censored.
 *
 * @param options - {@link TicketTimeMetricOptions}: `metric`, `asOf`, `created` and the clock's
 * accessors are required.
 * @returns The metric, id `metric` unless `id` is given.
 * @throws {@link CxMetricsError} as {@link ticketTimeSummary}.
 * @example
 * ```ts
 * import { ticketTimeMetric } from "cx-metrics";
 * const m = ticketTimeMetric({ metric: "firstReply", created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" });
 * const rows = [{ c: "2025-01-01T00:00:00Z", r: "2025-01-01T01:00:00Z" }, { c: "2025-01-01T00:00:00Z", r: "2025-01-01T03:00:00Z" }, { c: "2025-01-01T00:00:00Z", r: "2025-01-01T06:00:00Z" }];
 * m.value(m.finish(m.summarize(rows))); //=> 3
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function ticketTimeMetric<Row, const Id extends string = TicketTimeMetric>(options: TicketTimeMetricOptions<Row> & { id?: Id }): Metric<Id, Row, TicketTimeSummary, TicketTimeResult> {
  const fn = "ticketTimeMetric";
  const o = readOptions<TicketTimeMetricOptions<Row>>(fn, options, TICKET_TIME_METRIC_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { id: _id, label: _label, confidence: _c, ...summaryOptions } = o;
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected a metric: "firstReply", "firstResolution", "resolution", "requesterWait" or "agentWait"');
  const empty: TicketTimeSummary = {
    kind: "ticket-times",
    metric: readChoice(fn, "metric", o.metric, ["firstReply", "firstResolution", "resolution", "requesterWait", "agentWait"], "resolution"),
    unit: readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours"),
    excluded: 0,
    done: [],
    open: [],
  };
  const labels: Record<TicketTimeMetric, string> = {
    firstReply: "First reply time",
    firstResolution: "First resolution time",
    resolution: "Full resolution time",
    requesterWait: "Requester wait time",
    agentWait: "Agent wait time",
  };
  const short = { ms: "ms", minutes: "min", hours: "h", days: "d" }[empty.unit];
  return defineMetric({
    id: (o.id ?? empty.metric) as Id,
    label: o.label ?? `${labels[empty.metric]} (median)`,
    unit: short,
    direction: "lower-is-better",
    summarize: (rows: ArrayLike<Row>) => ticketTimeSummary(rows, summaryOptions),
    // the library's merge refuses summaries without tickets; here they are the identity (their
    // `excluded` counts still add up)
    merge: (...s: TicketTimeSummary[]) => {
      const isEmpty = (x: TicketTimeSummary) =>
        x !== null && typeof x === "object" && x.kind === "ticket-times" && x.metric === empty.metric && x.unit === empty.unit && Array.isArray(x.done) && Array.isArray(x.open) && x.done.length + x.open.length === 0 && Number.isSafeInteger(x.excluded) && x.excluded >= 0;
      const full = s.filter((x) => !isEmpty(x));
      const excluded = s.filter(isEmpty).reduce((a, x) => a + x.excluded, 0);
      if (full.length === 0) return { ...empty, done: [], open: [], excluded };
      const merged = mergeTicketTimeSummaries(...full);
      return excluded === 0 ? merged : { ...merged, excluded: merged.excluded + excluded };
    },
    empty: () => ({ ...empty, done: [], open: [] }),
    count: (s) => s.done.length + s.open.length,
    finish: (s) => ticketTimesFromSummary(s, { confidence }),
    value: (r) => r.censored.median,
    // the log-rank test of the two curves (open tickets censored); no interval for the difference of medians
    compare: (a, b) => {
      const t = logRank([survivalGroup(a), survivalGroup(b)]);
      const ma = ticketTimesFromSummary(a).censored.median;
      const mb = ticketTimesFromSummary(b).censored.median;
      return { difference: ma === null || mb === null ? null : mb - ma, se: null, ci: null, pValue: t === null ? null : t.pValue, method: "log-rank" };
    },
    consistency: (summaries) => {
      const t = logRank(summaries.map(survivalGroup));
      return t === null ? null : { method: "log-rank", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: Math.sqrt(t.statistic / t.n) };
    },
    format: (v) => `${v.toFixed(1)} ${short}`,
  });
}
