import { fail } from "../core/errors";
import { keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { logRank, type SurvivalGroup } from "../core/logrank";
import { type Metric, metricFrom } from "../core/metric";
import { DURATION_UNITS, TICKET_TIME_METRICS, type TicketTimeMetric } from "./clock";
import { type TicketTimeOptions, type TicketTimeResult, type TicketTimeSummary, ticketTimeFromSummary, ticketTimeKind, ticketTimeSummary } from "./ticket-times";

const TICKET_TIME_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<TicketTimeMetricOptions<any>>()("id", "label", "metric", "confidence", "asOf", "calendar", "unit", "excludePauses", "created", "firstReply", "firstSolved", "solved", "pauses");

const LABELS: Record<TicketTimeMetric, string> = {
  firstReply: "First reply time",
  firstResolution: "First resolution time",
  resolution: "Full resolution time",
  requesterWait: "Requester wait time",
  agentWait: "Agent wait time",
};

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
 * A ticket clock (first reply, resolution, requester or agent wait time) as a portfolio metric,
 * built from {@link ticketTimeKind} with {@link metricFrom}: rows are summarized by
 * {@link ticketTimeSummary}, merged by {@link mergeTicketTimeSummaries} (a summary without tickets
 * is its identity) and finished by {@link ticketTimeFromSummary}. Value = the Kaplan–Meier median
 * with open tickets censored at `asOf` (so a backlog of old open tickets is not hidden), lower is
 * better; `null` while fewer than half are done. Change test and consistency: the log-rank test of
 * the curves (Mantel 1966), two groups or k segments, open tickets censored.
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
  const metric = readChoice(fn, "metric", o.metric, TICKET_TIME_METRICS, "resolution");
  const unit = readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours");
  const short = { ms: "ms", minutes: "min", hours: "h", days: "d" }[unit];
  return metricFrom(ticketTimeKind, {
    id: (o.id ?? metric) as Id,
    label: o.label ?? `${LABELS[metric]} (median)`,
    unit: short,
    direction: "lower-is-better",
    params: { metric, unit },
    finishOptions: { confidence },
    summarize: (rows: ArrayLike<Row>) => ticketTimeSummary(rows, summaryOptions),
    value: (r) => r.censored.median,
    // the log-rank test of the two curves (open tickets censored); no interval for the difference of medians
    compare: (a, b) => {
      const t = logRank([survivalGroup(a), survivalGroup(b)]);
      const ma = ticketTimeFromSummary(a).censored.median;
      const mb = ticketTimeFromSummary(b).censored.median;
      return { difference: ma === null || mb === null ? null : mb - ma, se: null, ci: null, pValue: t === null ? null : t.pValue, method: "log-rank" };
    },
    consistency: (summaries) => {
      const t = logRank(summaries.map(survivalGroup));
      return t === null ? null : { method: "log-rank", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: Math.sqrt(t.statistic / t.n) };
    },
    format: (v) => `${v.toFixed(1)} ${short}`,
  });
}
