// The shape of a portfolio report as the charts and the HTML report read it: a report may come
// from JSON or be forged, so its structure is checked and its values are read with type checks.
// Internal (not part of the cx-metrics/charts entry point).
import { fail } from "../core/errors";
import { describe } from "../core/input";
import type { MetricRecord } from "../portfolio/portfolio";
import type { PortfolioReport } from "../portfolio/report";

/** @internal */
export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
/** @internal */
export const isText = (v: unknown): v is string => typeof v === "string";

/** `every` that also checks holes (Array.prototype.every skips them). */
const all = (list: unknown[], f: (v: unknown) => boolean): boolean => {
  for (let i = 0; i < list.length; i++) if (!f(list[i])) return false;
  return true;
};

/**
 * Check the structure of a portfolio report (it may have been reloaded from JSON, or forged): the
 * lists are arrays, the records objects, segment values and period labels strings. The values
 * inside (labels, numbers, messages) are not trusted by the charts or the HTML report either way:
 * they are read with a type check where a number is needed and escaped where text is printed.
 * @internal
 * @param fn - Function named in errors.
 * @param report - The report to check.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` naming the first field of the wrong shape.
 * @example
 * ```ts
 * checkReport("f", { kind: "portfolio-report", metrics: {}, segmentBy: [], periods: [], cells: {}, consistency: [], alerts: [] }); // throws INVALID_INPUT
 * ```
 */
export function checkReport(fn: string, report: unknown): asserts report is PortfolioReport<MetricRecord> {
  if (!isRecord(report) || report.kind !== "portfolio-report") fail(fn, "INVALID_INPUT", `expected a report from evaluatePortfolio, got ${describe(report)}`);
  const bad = (field: string, expected: string): never => fail(fn, "INVALID_INPUT", `expected a report from evaluatePortfolio: report.${field} should be ${expected}`);
  const r = report;
  if (!isRecord(r.metrics) || !Object.values(r.metrics).every(isRecord)) bad("metrics", "an object of { id, label, unit, direction } by metric key");
  if (!Array.isArray(r.segmentBy) || !all(r.segmentBy, isText)) bad("segmentBy", "a list of segment keys");
  if (!Array.isArray(r.periods) || !all(r.periods, isText)) bad("periods", "a list of period labels");
  if (r.period !== null && !isText(r.period)) bad("period", "null or a period name");
  for (const k of ["cells", "consistency", "alerts"] as const) {
    const list = r[k];
    if (!Array.isArray(list) || !all(list, isRecord)) bad(k, "a list of objects");
  }
  const cells = r.cells as Record<string, unknown>[];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (!isRecord(c.segment) || !Object.values(c.segment).every(isText)) bad(`cells[${i}].segment`, "an object of segment values (text)");
    if (c.period !== null && !isText(c.period)) bad(`cells[${i}].period`, "null or a period label");
    if (!isRecord(c.metrics) || !Object.values(c.metrics).every(isRecord)) bad(`cells[${i}].metrics`, "an object of metric cells");
  }
}

/**
 * The metric cell of `m` in a report cell, or an empty one (a forged or partial report may lack it).
 * @internal
 * @example
 * ```ts
 * metricCell({ metrics: {} }, "nps").value; //=> null
 * ```
 */
export function metricCell(cell: { metrics: unknown }, m: string): { n: unknown; value: unknown; display: unknown; result: unknown; status: unknown; threshold: unknown; change: unknown } {
  const mc = isRecord(cell.metrics) && Object.hasOwn(cell.metrics, m) ? (cell.metrics as Record<string, unknown>)[m] : undefined;
  return isRecord(mc) ? (mc as never) : { n: 0, value: null, display: null, result: null, status: null, threshold: null, change: null };
}

/**
 * The period a report's scorecard and alerts are for: `report.headline` when it names one of the
 * report's periods (the last complete period, see {@link index!finishPortfolio}), else the last
 * period (reports made before `headline` existed), else `null` (no periods).
 * @internal
 * @example
 * ```ts
 * headlinePeriod({ periods: ["2024-01-01", "2024-02-01"], headline: "2024-01-01" }); //=> "2024-01-01"
 * ```
 */
export function headlinePeriod(report: { periods: readonly string[]; headline?: unknown }): string | null {
  const h = report.headline;
  if (typeof h === "string" && report.periods.includes(h)) return h;
  return report.periods.length > 0 ? report.periods[report.periods.length - 1]! : null;
}

