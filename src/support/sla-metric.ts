import { fail } from "../core/errors";
import { chiSquareHomogeneity } from "../core/homogeneity";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { formatPercent, type Metric, metricFrom } from "../core/metric";
import { compareProportions } from "../core/proportion";
import { DURATION_UNITS } from "./clock";
import { type SlaOptions, type SlaResult, type SlaSummary, slaKind, slaSummary } from "./sla";

const SLA_METRIC_OPTIONS_KEYS = /* @__PURE__ */ keysOf<SlaMetricOptions<any>>()("id", "label", "target", "metric", "asOf", "calendar", "unit", "excludePauses", "confidence", "created", "firstReply", "firstSolved", "solved", "pauses");

/** Tickets that missed the target: done late, or open and already past it. */
function missed(s: SlaSummary): number {
  return s.breached + s.openBreached;
}

/**
 * Options of {@link slaMetric}.
 * @category Portfolio
 */
export interface SlaMetricOptions<Row> extends SlaOptions<Row> {
  id?: string;
  label?: string;
}

/**
 * SLA attainment as a portfolio metric, built from {@link slaKind} with {@link metricFrom}: rows
 * are summarized by {@link slaSummary}, merged by {@link mergeSlaSummaries} and finished by
 * {@link slaFromSummary}. Value = percent of decided tickets that met the target (open tickets
 * already past it count as breached; open tickets within it are not decided yet). Change test and
 * consistency: as a proportion of decided tickets, met against missed: Newcombe's hybrid score
 * interval with the pooled two-proportion z test, and Pearson's χ² test of homogeneity with
 * Cramér's V.
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
  const metric = readChoice(fn, "metric", o.metric, ["firstReply", "resolution"], "resolution");
  const unit = readChoice(fn, "unit", o.unit, DURATION_UNITS, "hours");
  if (o.metric === undefined) fail(fn, "INVALID_OPTION", 'expected metric "firstReply" or "resolution"');
  if (typeof o.target !== "number" || !(o.target >= 0) || o.target === Infinity) fail(fn, "INVALID_OPTION", `expected a finite target >= 0, got ${describe(o.target)}`);
  return metricFrom(slaKind, {
    id: (o.id ?? "sla") as Id,
    label: o.label ?? (metric === "firstReply" ? "First reply SLA attainment" : "Resolution SLA attainment"),
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    params: { metric, target: o.target, unit },
    finishOptions: { confidence },
    summarize: (rows: ArrayLike<Row>) => slaSummary(rows, summaryOptions),
    value: (r) => (r.attainment === null ? null : 100 * r.attainment),
    compare: (a, b, level) => {
      const c = compareProportions(a.met, a.met + missed(a), b.met, b.met + missed(b), level);
      return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
    },
    consistency: (summaries) => {
      // the met and missed counts as the share met times the decided tickets, [p·n, (1 − p)·n]: the
      // counts up to rounding, and the figures of earlier versions to the bit
      const t = chiSquareHomogeneity(
        summaries.map((s) => {
          const n = s.met + missed(s);
          const p = s.met / n;
          return [p * n, (1 - p) * n];
        }),
      );
      return t === null ? null : { method: "chi-square", statistic: t.statistic, df: [t.df], pValue: t.pValue, effectSize: t.cramersV };
    },
    format: formatPercent,
  });
}
