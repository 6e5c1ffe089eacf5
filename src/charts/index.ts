// The charts entry point "cx-metrics/charts": results turned into Vega-Lite specifications (plain
// JSON with the data inline). No runtime dependency: render them with vega-embed, the Vega editor,
// Observable, Jupyter or the HTML report.
import type { KaplanMeierResult } from "../core/kaplan-meier";
import { fail } from "../core/errors";
import { describe, readOptions } from "../core/input";
import type { MetricRecord } from "../portfolio/portfolio";
import type { PortfolioReport } from "../portfolio/report";
import type { LaggedCorrelationResult } from "../relate/lagged";
import type { CohortRetentionResult } from "../retention/cohorts";
import type { TicketTimeResult } from "../support/ticket-times";
import type { NpsResult } from "../survey/nps";
import { checkReport, headlinePeriod, isRecord, isText, metricCell } from "./report-shape";
import { checkCohorts, checkCurve, checkLags, checkNpsGroup, checkTicketTimes } from "./result-shape";

/**
 * A Vega-Lite specification (v6): plain JSON.
 * @category Charts
 */
export type VegaLiteSpec = Record<string, unknown> & { $schema: string };

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const base = (title: string | undefined, width = 560, height = 280) => ({ $schema: SCHEMA, ...(title === undefined ? {} : { title }), width, height });

const finite = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const textOr = (v: unknown, fallback: string): string => (typeof v === "string" ? v : fallback);

/** Whether the report marks `period` partial (any cell of it). */
function isPartial(report: PortfolioReport<MetricRecord>, period: string | null): boolean {
  return period !== null && report.cells.some((c) => c.period === period && c.partial === true);
}

function sameSegment(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Trend of one metric of a portfolio report over its periods, for one segment: the value as a line
 * with points, its confidence interval as a band, and the target as a dashed rule.
 *
 * @param report - From {@link index!evaluatePortfolio} (with periods).
 * @param options - `metric` (a key of the report), `segment` (default `{}`: all segments), `title`.
 * @returns The spec; periods without data are left out of the line.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for a report without periods; `INVALID_OPTION`
 * for an unknown metric.
 * @example
 * ```ts
 * import { definePortfolio, evaluatePortfolio, npsMetric } from "cx-metrics";
 * import { trendChart } from "cx-metrics/charts";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.s }) });
 * const r = evaluatePortfolio(p, [{ s: 9, d: "2024-01-05" }, { s: 3, d: "2024-02-05" }], { period: "month", date: (x) => x.d, targets: { nps: { target: 30 } } });
 * trendChart(r, { metric: "nps" }).layer.length; //=> 3
 * ```
 * @category Charts
 */
export function trendChart<M extends MetricRecord>(report: PortfolioReport<M>, options: { metric: keyof M & string; segment?: Record<string, string>; title?: string }): VegaLiteSpec & { layer: unknown[] } {
  const fn = "trendChart";
  checkReport(fn, report);
  const { metric, segment = {} } = options ?? ({} as never);
  if (typeof metric !== "string" || !Object.hasOwn(report.metrics, metric)) fail(fn, "INVALID_OPTION", `expected a metric of the report (${Object.keys(report.metrics).join(", ")}), got ${describe(metric)}`);
  if (!isRecord(segment) || !Object.values(segment).every(isText)) fail(fn, "INVALID_OPTION", `expected segment to be an object of segment values, got ${describe(segment)}`);
  const info = report.metrics[metric] as unknown as Record<string, unknown>;
  if (report.period === null) fail(fn, "INVALID_INPUT", "expected a report with periods (evaluatePortfolio with period and date)");
  const values: Record<string, unknown>[] = [];
  let target: number | null = null;
  for (const c of report.cells) {
    if (c.period === null || !sameSegment(c.segment, segment)) continue;
    const m = metricCell(c, metric);
    const t = isRecord(m.threshold) ? finite(m.threshold.target) : null;
    if (t !== null) target = t;
    const value = finite(m.value);
    if (value === null) continue;
    const ci = isRecord(m.result) ? m.result.ci : undefined;
    const [low, high] = Array.isArray(ci) ? [finite(ci[0]), finite(ci[1])] : [null, null];
    values.push({ period: c.period, value, low, high, n: finite(m.n), status: textOr(m.status, "no target"), partial: c.partial === true });
  }
  const label = textOr(info.label, metric);
  const unit = textOr(info.unit, "");
  const y = { field: "value", type: "quantitative", title: `${label}${unit === "" ? "" : ` (${unit})`}`, scale: { zero: false } };
  const layer: unknown[] = [
    { mark: { type: "area", opacity: 0.2 }, encoding: { x: { field: "period", type: "temporal", title: null }, y: { field: "low", type: "quantitative", title: y.title }, y2: { field: "high" } } },
    { mark: { type: "line", point: true }, encoding: { x: { field: "period", type: "temporal" }, y, tooltip: [{ field: "period", type: "temporal" }, { field: "value", type: "quantitative", format: ".1f" }, { field: "low", type: "quantitative", format: ".1f" }, { field: "high", type: "quantitative", format: ".1f" }, { field: "n", type: "quantitative" }] } },
  ];
  if (target !== null) layer.push({ data: { values: [{ target }] }, mark: { type: "rule", strokeDash: [6, 4], color: "#b00" }, encoding: { y: { field: "target", type: "quantitative" } } });
  const where = Object.keys(segment).length === 0 ? "all segments" : Object.entries(segment).map(([k, v]) => `${k} ${v}`).join(", ");
  return { ...base(typeof options.title === "string" ? options.title : `${label}, ${where}`), data: { values }, layer };
}

/**
 * Distribution of NPS answers: stacked bars of the shares of detractors, passives and promoters
 * per group, with the score in the tooltip.
 *
 * @param groups - `{ label, result }` per bar, `result` from {@link index!nps}.
 * @param options - `title`.
 * @returns The spec.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for a group without an NPS result (shares and
 * value read with a type check) or with a label that is not text or a number, naming the field;
 * `INVALID_OPTION` for options that are not an object.
 * @example
 * ```ts
 * import { nps } from "cx-metrics";
 * import { npsDistributionChart } from "cx-metrics/charts";
 * npsDistributionChart([{ label: "web", result: nps([10, 9, 6]) }]).data.values.length; //=> 3
 * ```
 * @category Charts
 */
export function npsDistributionChart(groups: readonly { label: string; result: NpsResult }[], options: { title?: string } = {}): VegaLiteSpec & { data: { values: unknown[] } } {
  const fn = "npsDistributionChart";
  if (!Array.isArray(groups)) fail(fn, "INVALID_INPUT", `expected a list of { label, result }, got ${describe(groups)}`);
  readOptions(fn, options);
  const values: Record<string, unknown>[] = [];
  groups.forEach((g: unknown, i) => {
    checkNpsGroup(fn, g, i);
    const r = g.result;
    values.push(
      { group: String(g.label), category: "detractors", order: 0, share: r.detractorShare, nps: r.value },
      { group: String(g.label), category: "passives", order: 1, share: r.passiveShare, nps: r.value },
      { group: String(g.label), category: "promoters", order: 2, share: r.promoterShare, nps: r.value },
    );
  });
  return {
    ...base(options.title ?? "Net Promoter Score: answers by category", 560, Math.max(60, 28 * groups.length)),
    data: { values },
    mark: "bar",
    encoding: {
      y: { field: "group", type: "nominal", title: null },
      x: { field: "share", type: "quantitative", stack: "normalize", title: "share of answers", axis: { format: "%" } },
      color: { field: "category", type: "nominal", scale: { domain: ["detractors", "passives", "promoters"], range: ["#d7301f", "#bdbdbd", "#1a9850"] }, title: null },
      order: { field: "order", type: "quantitative" },
      tooltip: [{ field: "group", type: "nominal" }, { field: "category", type: "nominal" }, { field: "share", type: "quantitative", format: ".1f", title: "share (%)" }, { field: "nps", type: "quantitative", format: "+.1f", title: "NPS" }],
    },
  };
}

/**
 * Cohort retention heat map: cohorts down, age across, the share retained as color and text.
 *
 * @param result - From {@link index!cohortRetention}.
 * @param options - `title`.
 * @returns The spec.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for something that is not a cohort result
 * (`period`, and each cohort's `cohort`, `size` and `share` are checked; the error names the field);
 * `INVALID_OPTION` for options that are not an object.
 * @example
 * ```ts
 * import { cohortRetention } from "cx-metrics";
 * import { cohortHeatmap } from "cx-metrics/charts";
 * const r = cohortRetention([{ id: 1, s: "2024-01-03", e: null }, { id: 2, s: "2024-01-09", e: "2024-02-10" }], { customerId: (x) => x.id, start: (x) => x.s, end: (x) => x.e, period: "month", asOf: "2024-03-31" });
 * cohortHeatmap(r).data.values[0]; //=> { cohort: "2024-01-01", age: 0, share: 1, size: 2 }
 * ```
 * @category Charts
 */
export function cohortHeatmap(result: CohortRetentionResult, options: { title?: string } = {}): VegaLiteSpec & { data: { values: unknown[] } } {
  const fn = "cohortHeatmap";
  checkCohorts(fn, result);
  readOptions(fn, options);
  const values = result.cohorts.flatMap((c) => c.share.map((share, age) => ({ cohort: c.cohort, age, share, size: c.size })));
  return {
    ...base(options.title ?? `Retention by ${result.period} cohort`, 560, Math.max(120, 22 * result.cohorts.length)),
    data: { values },
    encoding: {
      x: { field: "age", type: "ordinal", title: `age (${result.period}s)` },
      y: { field: "cohort", type: "ordinal", title: null },
    },
    layer: [
      { mark: "rect", encoding: { color: { field: "share", type: "quantitative", scale: { domain: [0, 1], scheme: "blues" }, legend: { format: "%" } }, tooltip: [{ field: "cohort", type: "ordinal" }, { field: "age", type: "ordinal" }, { field: "share", type: "quantitative", format: ".1%" }, { field: "size", type: "quantitative" }] } },
      { mark: { type: "text", fontSize: 9 }, encoding: { text: { field: "share", type: "quantitative", format: ".0%" }, color: { condition: { test: "datum.share > 0.6", value: "white" }, value: "black" } } },
    ],
  };
}

/**
 * Kaplan–Meier survival curve as a step line with its confidence band, the median marked.
 *
 * @param curve - From {@link index!kaplanMeier} (or a ticket result's `censored.curve`).
 * @param options - `title`, `timeLabel` (axis title, default "time"), `cumulative` (plot 1 − S, the share done by t, as for resolution times).
 * @returns The spec.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for something that is not a curve (`times`,
 * `survival`, `lower` and `upper` lists of numbers of one length, `median` a number or null; the
 * error names the field); `INVALID_OPTION` for options that are not an object.
 * @example
 * ```ts
 * import { kaplanMeier } from "cx-metrics";
 * import { survivalChart } from "cx-metrics/charts";
 * const km = kaplanMeier([2, 3, 3, 5], [true, true, false, true]);
 * survivalChart(km).data.values[0]; //=> { time: 0, value: 1, low: 1, high: 1 }
 * ```
 * @category Charts
 */
export function survivalChart(curve: KaplanMeierResult, options: { title?: string; timeLabel?: string; cumulative?: boolean } = {}): VegaLiteSpec & { data: { values: unknown[] } } {
  const fn = "survivalChart";
  checkCurve(fn, curve);
  readOptions(fn, options);
  const flip = options.cumulative === true;
  const v = (x: number) => (flip ? 1 - x : x);
  const values: { time: number; value: number; low: number; high: number }[] = [{ time: 0, value: v(1), low: v(1), high: v(1) }];
  for (let i = 0; i < curve.times.length; i++) {
    const a = v(curve.lower[i]!);
    const b = v(curve.upper[i]!);
    values.push({ time: curve.times[i]!, value: v(curve.survival[i]!), low: Math.min(a, b), high: Math.max(a, b) });
  }
  const label = flip ? "share done" : "survival";
  const layer: unknown[] = [
    { mark: { type: "area", interpolate: "step-after", opacity: 0.2 }, encoding: { x: { field: "time", type: "quantitative", title: options.timeLabel ?? "time" }, y: { field: "low", type: "quantitative", title: label, scale: { domain: [0, 1] }, axis: { format: "%" } }, y2: { field: "high" } } },
    { mark: { type: "line", interpolate: "step-after" }, encoding: { x: { field: "time", type: "quantitative" }, y: { field: "value", type: "quantitative" }, tooltip: [{ field: "time", type: "quantitative" }, { field: "value", type: "quantitative", format: ".1%" }] } },
  ];
  if (curve.median !== null) layer.push({ data: { values: [{ median: curve.median }] }, mark: { type: "rule", strokeDash: [4, 4] }, encoding: { x: { field: "median", type: "quantitative" } } });
  return { ...base(options.title ?? (flip ? "Share done by time" : "Survival")), data: { values }, layer };
}

/**
 * Distribution of ticket times (reply or resolution) as a histogram of the completed tickets, with
 * the percentiles marked and the Kaplan–Meier median of all tickets (open ones censored).
 *
 * @param result - From {@link index!firstReplyTime}, {@link index!resolutionTime} or {@link index!ticketTimesFromSummary}.
 * @param options - `title`, `bins` (maximum number of bins, default 30).
 * @returns The spec.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for something that is not a ticket-time result
 * (`durations`, `percentiles`, `censored.median`, `unit`, `n` and `open` are checked; the error
 * names the field); `INVALID_OPTION` for options that are not an object.
 * @example
 * ```ts
 * import { firstReplyTime } from "cx-metrics";
 * import { resolutionTimeChart } from "cx-metrics/charts";
 * const t = (h) => ({ c: "2025-01-01T00:00:00Z", r: new Date(Date.UTC(2025, 0, 1, h)).toISOString() });
 * const r = firstReplyTime([t(1), t(2), t(5)], { created: (x) => x.c, firstReply: (x) => x.r, asOf: "2025-01-02T00:00:00Z" });
 * resolutionTimeChart(r).layer.length; //=> 3
 * ```
 * @category Charts
 */
export function resolutionTimeChart(result: TicketTimeResult, options: { title?: string; bins?: number } = {}): VegaLiteSpec & { layer: unknown[] } {
  const fn = "resolutionTimeChart";
  checkTicketTimes(fn, result);
  readOptions(fn, options);
  const values = Array.from(result.durations, (t) => ({ t }));
  const marks = result.percentiles.filter((p) => p.value !== null).map((p) => ({ label: `p${Math.round(p.p * 100)}`, value: p.value as number, kind: "completed tickets" }));
  if (result.censored.median !== null) marks.push({ label: "median (all tickets, KM)", value: result.censored.median, kind: "all tickets" });
  return {
    ...base(options.title ?? `Time to ${result.unit === "ms" ? "event (ms)" : `event (${result.unit})`}: ${result.n} done, ${result.open} open`),
    layer: [
      { data: { values }, mark: "bar", encoding: { x: { field: "t", type: "quantitative", bin: { maxbins: options.bins ?? 30 }, title: result.unit }, y: { aggregate: "count", type: "quantitative", title: "tickets" } } },
      { data: { values: marks }, mark: { type: "rule", strokeDash: [4, 3] }, encoding: { x: { field: "value", type: "quantitative" }, color: { field: "kind", type: "nominal", title: null }, tooltip: [{ field: "label", type: "nominal" }, { field: "value", type: "quantitative", format: ".2f" }] } },
      { data: { values: marks }, mark: { type: "text", dy: -6, angle: 0, align: "left", dx: 3, fontSize: 10 }, encoding: { x: { field: "value", type: "quantitative" }, y: { value: 10 }, text: { field: "label", type: "nominal" } } },
    ],
  };
}

/**
 * Lagged correlations as bars with their confidence intervals; bars whose Holm-adjusted p-value is
 * below `alpha` are highlighted.
 *
 * @param result - From {@link index!laggedCorrelation}.
 * @param options - `title`, `alpha` (default 0.05).
 * @returns The spec.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for something that is not a lag result (`rows`,
 * each row's `lag`, `r`, `ci`, `n` and `pHolm`, `method` and `reading` are checked; the error
 * names the field); `INVALID_OPTION` for options that are not an object or an `alpha` outside (0, 1).
 * @example
 * ```ts
 * import { laggedCorrelation } from "cx-metrics";
 * import { laggedCorrelationChart } from "cx-metrics/charts";
 * const x = [1, 3, 2, 5, 4, 6, 8, 7, 9, 10, 12, 11];
 * const y = [0, 1, 3, 2, 5, 4, 6, 8, 7, 9, 10, 12];
 * laggedCorrelationChart(laggedCorrelation(x, y, { maxLag: 2 })).data.values.length; //=> 5 (lags -2 to 2)
 * ```
 * @category Charts
 */
export function laggedCorrelationChart(result: LaggedCorrelationResult, options: { title?: string; alpha?: number } = {}): VegaLiteSpec & { data: { values: unknown[] } } {
  const fn = "laggedCorrelationChart";
  checkLags(fn, result);
  readOptions(fn, options);
  const alpha = options.alpha ?? 0.05;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) fail(fn, "INVALID_OPTION", `expected alpha between 0 and 1, got ${describe(alpha)}`);
  const values = result.rows.filter((r) => r.r !== null).map((r) => ({ lag: r.lag, r: r.r, low: r.ci?.[0] ?? null, high: r.ci?.[1] ?? null, n: r.n, pHolm: r.pHolm, significant: r.pHolm !== null && r.pHolm < alpha ? `p(Holm) < ${alpha}` : "not significant" }));
  return {
    ...base(options.title ?? `Correlation by lag (${result.method}; ${result.reading ?? result.direction})`),
    data: { values },
    encoding: { x: { field: "lag", type: "ordinal", title: "lag (periods)" } },
    layer: [
      { mark: "bar", encoding: { y: { field: "r", type: "quantitative", scale: { domain: [-1, 1] }, title: "correlation" }, color: { field: "significant", type: "nominal", scale: { domain: [`p(Holm) < ${alpha}`, "not significant"], range: ["#2166ac", "#bdbdbd"] }, title: null }, tooltip: [{ field: "lag" }, { field: "r", type: "quantitative", format: ".3f" }, { field: "low", type: "quantitative", format: ".3f" }, { field: "high", type: "quantitative", format: ".3f" }, { field: "n", type: "quantitative" }, { field: "pHolm", type: "quantitative", format: ".4f" }] } },
      { mark: { type: "rule" }, encoding: { y: { field: "low", type: "quantitative" }, y2: { field: "high" } } },
    ],
  };
}

/**
 * Portfolio scorecard: segments down, metrics across, each cell's value as text on its status color
 * (on track green, at risk amber, off track red, no data or no target grey).
 *
 * @param report - From {@link index!evaluatePortfolio}.
 * @param options - `segmentBy` (the segment key shown; default the report's first), `period` (default
 * the report's headline period: the last complete one, see {@link index!finishPortfolio}; all
 * periods together without periods), `title`.
 * @returns The spec.
 * @throws {@link index!CxMetricsError} `INVALID_OPTION` for a segment key or period that is not the
 * report's; `INVALID_INPUT` for something that is not a report.
 * @example
 * ```ts
 * import { definePortfolio, evaluatePortfolio, npsMetric } from "cx-metrics";
 * import { scorecardChart } from "cx-metrics/charts";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.s }) });
 * const r = evaluatePortfolio(p, [{ s: 9, ch: "web" }, { s: 3, ch: "app" }], { segmentBy: "ch", targets: { nps: { target: 0 } } });
 * scorecardChart(r).data.values.map((v) => v.status); //=> ["on-track", "off-track", "on-track"] (all: 0; app: -100; web: 100)
 * ```
 * @category Charts
 */
export function scorecardChart<M extends MetricRecord>(report: PortfolioReport<M>, options: { segmentBy?: string; period?: string | null; title?: string } = {}): VegaLiteSpec & { data: { values: { segment: string; metric: string; value: number | null; display: string; status: string }[] } } {
  const fn = "scorecardChart";
  checkReport(fn, report);
  const key = options.segmentBy ?? report.segmentBy[0];
  if (key !== undefined && !report.segmentBy.includes(key)) fail(fn, "INVALID_OPTION", `expected a segment key of the report (${report.segmentBy.join(", ") || "none"}), got ${describe(key)}`);
  if (options.period !== undefined && options.period !== null && !report.periods.includes(options.period)) fail(fn, "INVALID_OPTION", `expected a period of the report, got ${describe(options.period)}`);
  const period = options.period !== undefined ? options.period : headlinePeriod(report);
  const metrics = Object.keys(report.metrics);
  const values: { segment: string; metric: string; value: number | null; display: string; status: string }[] = [];
  for (const c of report.cells) {
    if (c.period !== period) continue;
    const keys = Object.keys(c.segment);
    const isTotal = keys.length === 0;
    if (!isTotal && !(keys.length === 1 && keys[0] === key)) continue;
    for (const m of metrics) {
      const mc = metricCell(c, m);
      const value = finite(mc.value);
      values.push({ segment: isTotal ? "(all)" : c.segment[key!]!, metric: textOr((report.metrics[m] as unknown as Record<string, unknown>).label, m), value, display: textOr(mc.display, "–"), status: textOr(mc.status, value === null ? "no-data" : "no target") });
    }
  }
  return {
    ...base(typeof options.title === "string" ? options.title : `Scorecard${period === null ? "" : `, ${period}${isPartial(report, period) ? " (partial)" : ""}`}`, Math.max(200, 130 * metrics.length), Math.max(60, 26 * (values.length / Math.max(1, metrics.length)))),
    data: { values },
    encoding: { x: { field: "metric", type: "nominal", title: null, sort: null, axis: { orient: "top", labelAngle: 0 } }, y: { field: "segment", type: "nominal", title: null, sort: null } },
    layer: [
      { mark: "rect", encoding: { color: { field: "status", type: "nominal", scale: { domain: ["on-track", "at-risk", "off-track", "no-data", "no target"], range: ["#a6d96a", "#fee08b", "#f46d43", "#e0e0e0", "#f0f0f0"] }, title: "status" } } },
      { mark: { type: "text" }, encoding: { text: { field: "display", type: "nominal" } } },
    ],
  };
}
