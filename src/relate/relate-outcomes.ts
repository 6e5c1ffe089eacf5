import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions } from "../core/input";
import type { Period } from "../core/period";
import { benjaminiHochberg, holm } from "./adjust";
import { type AlignedSeries, align, type SeriesInput } from "./align";
import { type ChangeKind, type CorrelationMethod, change, LAG_READING, lagged } from "./lagged";

const RELATE_OPTIONS_KEYS = /* @__PURE__ */ keysOf<RelateOptions>()("period", "timeZone", "weekStartsOn", "maxPeriods", "maxLag", "methods", "outcomeTransform", "metricTransform", "confidence");

/**
 * Options of {@link relateMetricToOutcomes}.
 * @category Relate
 */
export interface RelateOptions {
  period: Period;
  timeZone?: string;
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Most periods an aligned series may span (see {@link AlignOptions.maxPeriods}); default 10,000. */
  maxPeriods?: number;
  /** Largest lag in periods (default 0: same period only). */
  maxLag?: number;
  /** Correlation methods; default `["pearson"]`. */
  methods?: CorrelationMethod[];
  /** Transform of the outcomes before correlating: "level", or a {@link ChangeKind}; default "growth". */
  outcomeTransform?: "level" | ChangeKind;
  /** Transform of the metric: default "level" (a score is already a rate); "difference" relates changes to changes. */
  metricTransform?: "level" | "difference";
  confidence?: number;
}

/**
 * One line of the table of {@link relateMetricToOutcomes}.
 * @category Relate
 */
export interface RelateRow {
  outcome: string;
  method: CorrelationMethod;
  lag: number;
  n: number;
  r: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  /** Adjusted across the lags of this outcome and method. */
  pHolm: number | null;
  pBH: number | null;
  /** Adjusted across every line of the table (all outcomes, methods and lags). */
  pHolmAll: number | null;
  pBHAll: number | null;
  note?: string;
}

/**
 * Result of {@link relateMetricToOutcomes}.
 * @category Relate
 */
export interface RelateResult {
  rows: RelateRow[];
  /** The aligned (untransformed) series per outcome. */
  aligned: Record<string, AlignedSeries>;
  outcomeTransform: "level" | ChangeKind;
  metricTransform: "level" | "difference";
  /** How to read the sign of a lag: what a positive lag means (a sentence, the same for every result). */
  reading: string;
  /**
   * The same sentence as `reading`.
   * @deprecated Since 0.x: use `reading` (`direction` elsewhere in the library means higher- or
   * lower-is-better); removed in the next minor version.
   */
  direction: string;
}

/**
 * One call from raw metric data and several outcome series to a tidy table of correlations
 * (outcome × method × lag), ready to print or plot.
 *
 * Steps: {@link alignByPeriod} per outcome; the outcome transformed into period-over-period
 * growth by default ({@link periodChange}: correlating levels of trending series is the classic
 * spurious result), the metric kept as a level unless `metricTransform: "difference"`;
 * {@link laggedCorrelation} per outcome and method; p-values adjusted across the lags of each
 * outcome and method (`pHolm`, `pBH`) and across the whole table (`pHolmAll`, `pBHAll`), because
 * scanning several outcomes and lags is a multiple comparison too.
 *
 * Periods: as {@link alignByPeriod} (gap-free aligned series, capped by `maxPeriods`, default
 * 10,000: a date far from the others is `TOO_MANY_PERIODS` naming the outcome and the row).
 *
 * @param metric - The metric series (e.g. survey answers with `compute`).
 * @param outcomes - Named outcome series (points with `value`).
 * @param options - `period`, `timeZone`, `maxLag`, `methods`, `outcomeTransform`,
 * `metricTransform`, `confidence`, `maxPeriods`.
 * @returns The {@link RelateResult}.
 * @throws {@link CxMetricsError} `TOO_MANY_PERIODS`; as {@link alignByPeriod}, {@link periodChange} and
 * {@link laggedCorrelation}; `INVALID_OPTION`, `EMPTY_INPUT` (no outcome).
 * @example
 * ```ts
 * import { relateMetricToOutcomes } from "cx-metrics";
 * const months = ["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15"];
 * const score = [20, 35, 25, 40, 30, 45];
 * const revenue = [100, 110, 113, 125, 129, 142];
 * const res = relateMetricToOutcomes(
 *   { rows: months.map((d, i) => ({ d, v: score[i] })), date: (r) => r.d, value: (r) => r.v },
 *   { revenue: { rows: months.map((d, i) => ({ d, v: revenue[i] })), date: (r) => r.d, value: (r) => r.v } },
 *   { period: "month" },
 * );
 * res.rows[0].n; //=> 5 (growth needs the previous month)
 * ```
 * @category Relate
 */
export function relateMetricToOutcomes<M>(
  metric: SeriesInput<M>,
  outcomes: Record<string, SeriesInput<any>>,
  options: RelateOptions,
): RelateResult {
  const fn = "relateMetricToOutcomes";
  const o = readOptions<RelateOptions>(fn, options, RELATE_OPTIONS_KEYS);
  if (outcomes === null || typeof outcomes !== "object" || Object.keys(outcomes).length === 0) {
    fail(fn, "EMPTY_INPUT", `expected at least one named outcome series, got ${describe(outcomes)}`);
  }
  const outcomeTransform = readChoice(fn, "outcomeTransform", o.outcomeTransform, ["level", "difference", "growth", "log-growth"], "growth");
  const metricTransform = readChoice(fn, "metricTransform", o.metricTransform, ["level", "difference"], "level");
  const methods = o.methods ?? ["pearson"];
  if (!Array.isArray(methods) || methods.length === 0) fail(fn, "INVALID_OPTION", `expected methods to be a non-empty array, got ${describe(methods)}`);
  for (const m of methods) readChoice(fn, "methods[]", m, ["pearson", "spearman", "kendall"], "pearson");
  const rows: RelateRow[] = [];
  const aligned: Record<string, AlignedSeries> = {};
  for (const [name, series] of Object.entries(outcomes)) {
    const a = align(fn, metric, series, { period: o.period, timeZone: o.timeZone, weekStartsOn: o.weekStartsOn, maxPeriods: o.maxPeriods }, `outcome "${name}"`);
    aligned[name] = a;
    const x = metricTransform === "level" ? a.metric : change(fn, a.metric, "difference");
    const y = outcomeTransform === "level" ? a.outcome : change(fn, a.outcome, outcomeTransform);
    for (const method of methods) {
      const result = lagged(fn, { metric: x, outcome: y }, { maxLag: o.maxLag ?? 0, method, confidence: o.confidence });
      for (const r of result.rows) {
        rows.push({ outcome: name, method, ...r, pHolmAll: null, pBHAll: null });
      }
    }
  }
  const tested = rows.filter((r) => r.pValue !== null);
  if (tested.length > 0) {
    const ps = tested.map((r) => r.pValue!);
    const h = holm(ps);
    const bh = benjaminiHochberg(ps);
    tested.forEach((r, i) => {
      r.pHolmAll = h[i]!;
      r.pBHAll = bh[i]!;
    });
  }
  return {
    rows,
    aligned,
    outcomeTransform,
    metricTransform,
    reading: LAG_READING,
    direction: LAG_READING,
  };
}
