import { fail } from "../core/errors";
import { describe, keysOf, readOptions, rowAt } from "../core/input";
import { type DateInput, toEpochMs } from "../core/time";
import type { Metric } from "../core/metric";
import { type MetricRecord, type Portfolio, type PortfolioRow, rowError } from "./portfolio";

const CLOSED_LOOP_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ClosedLoopOptions<any>>()("id", "date", "now", "halfLifeDays", "value", "limit");

/**
 * Options of {@link closedLoop}.
 * @category Portfolio
 */
export interface ClosedLoopOptions<Row> {
  /** The respondent or customer to follow up (a string or a number). */
  id: (row: Row, index: number) => string | number;
  /** When the answer was given; needs `now`. Recent answers are more urgent. */
  date?: (row: Row, index: number) => DateInput;
  /** The data's "now", for the age of each answer (the library reads no clock). */
  now?: DateInput;
  /** Age at which an answer's urgency halves, in days; default 7. */
  halfLifeDays?: number;
  /** Customer value (revenue, CLV): non-negative; higher is more urgent. */
  value?: (row: Row, index: number) => number;
  /** Keep the `limit` most urgent; default all. */
  limit?: number;
}

/**
 * One respondent to follow up.
 * @category Portfolio
 */
export interface FollowUp {
  id: string | number;
  /** Index of the row in the input. */
  index: number;
  /** The metrics that flagged the row, most severe first, with their severity (0–1]. */
  reasons: { metric: string; severity: number }[];
  /** The largest severity. */
  severity: number;
  /** Age of the answer in days at `now`, or `null` without dates. */
  ageDays: number | null;
  /** Customer value, or `null` without a value accessor. */
  value: number | null;
  /** severity × recency × value factor (see {@link closedLoop}). */
  urgency: number;
}

/**
 * The closed-loop list: the respondents who need a follow-up (detractors, dissatisfied customers,
 * high effort...), ordered by urgency.
 *
 * Definition: each metric with a `followUp` rates a row from 0 (fine) to 1 (most urgent): for the
 * built-in metrics, how far the answer lies on the bad side (NPS: detractors, 0 is the most
 * urgent; CSAT: below the satisfied threshold; CES: the unfavourable side). A row is listed when a
 * severity is above 0. urgency = severity × recency × value factor, where recency =
 * 0.5^(age/halfLifeDays) (1 without dates) and value factor = (1 + v/v̄)/2 with v̄ the mean value
 * of the listed rows (1 without values or when v̄ = 0): a customer of average value counts 1, twice
 * the average 1.5, no value 0.5. Ties keep the input order.
 *
 * Every row is first checked by the metrics' own summaries, so an invalid answer throws (naming
 * the metric and the row) unless the metric skips invalid values.
 *
 * @param portfolio - Portfolio whose metrics define follow-ups.
 * @param rows - Answer rows.
 * @param options - {@link ClosedLoopOptions}; `id` is required.
 * @returns The {@link FollowUp}s, most urgent first.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing `id`, a `date` without `now`, a bad
 * half-life or limit; `INVALID_DATE` for a bad date or one after `now`; `INVALID_INPUT` for a bad
 * id or value; the metric's code for an invalid answer.
 * @example
 * ```ts
 * import { closedLoop, definePortfolio, npsMetric } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }) });
 * const list = closedLoop(p, [{ who: "a", nps: 6 }, { who: "b", nps: 10 }, { who: "c", nps: 0 }], { id: (r) => r.who });
 * list.map((f) => f.id); //=> ["c", "a"]
 * ```
 * @category Portfolio
 */
export function closedLoop<M extends MetricRecord, Row extends PortfolioRow<M>>(portfolio: Portfolio<M>, rows: ArrayLike<Row>, options: ClosedLoopOptions<Row>): FollowUp[] {
  const fn = "closedLoop";
  if (portfolio === null || typeof portfolio !== "object" || portfolio.kind !== "portfolio") fail(fn, "INVALID_OPTION", `expected a portfolio from definePortfolio, got ${describe(portfolio)}`);
  if (rows === null || typeof rows !== "object" || typeof rows.length !== "number") fail(fn, "INVALID_INPUT", `expected an array of rows, got ${describe(rows)}`);
  const o = readOptions<ClosedLoopOptions<Row>>(fn, options, CLOSED_LOOP_OPTIONS_KEYS);
  if (typeof o.id !== "function") fail(fn, "INVALID_OPTION", "expected an id accessor, (row) => string | number");
  if (o.date !== undefined && typeof o.date !== "function") fail(fn, "INVALID_OPTION", `expected date to be an accessor, got ${describe(o.date)}`);
  if (o.date !== undefined && o.now === undefined) fail(fn, "INVALID_OPTION", "expected now with the date accessor (the age of an answer needs a reference time)");
  if (o.value !== undefined && typeof o.value !== "function") fail(fn, "INVALID_OPTION", `expected value to be an accessor, got ${describe(o.value)}`);
  const halfLife = o.halfLifeDays ?? 7;
  if (typeof halfLife !== "number" || !(halfLife > 0) || halfLife === Infinity) fail(fn, "INVALID_OPTION", `expected halfLifeDays > 0, got ${describe(halfLife)}`);
  const limit = o.limit ?? Infinity;
  if (limit !== Infinity && !(Number.isSafeInteger(limit) && limit >= 0)) fail(fn, "INVALID_OPTION", `expected limit to be a whole number >= 0, got ${describe(limit)}`);
  const nowMs = o.now === undefined ? null : toEpochMs(fn, o.now, "now");
  const flagging = portfolio.keys.filter((k) => typeof (portfolio.metrics[k] as Metric).followUp === "function");
  if (flagging.length === 0) fail(fn, "INVALID_OPTION", `expected at least one metric with a follow-up rule (npsMetric, csatMetric, cesMetric or a metric with followUp), got ${portfolio.keys.join(", ")}`);
  // validate every answer the way the metric's summary does
  for (const k of flagging) {
    try {
      (portfolio.metrics[k] as Metric).summarize(rows);
    } catch (e) {
      throw rowError(fn, k, e, (j) => j);
    }
  }
  const out: FollowUp[] = [];
  let valueSum = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rowAt(fn, rows, i);
    let reasons: FollowUp["reasons"] | null = null;
    for (const k of flagging) {
      const s = (portfolio.metrics[k] as Metric).followUp!(row);
      if (s === null || s === undefined) continue;
      if (typeof s !== "number" || !(s >= 0 && s <= 1)) fail(fn, "INVALID_OPTION", `expected metric "${k}"'s followUp to return a severity in [0, 1] or null, got ${describe(s)} for row ${i}`, i);
      if (s > 0) (reasons ??= []).push({ metric: k, severity: s });
    }
    if (reasons === null) continue;
    reasons.sort((a, b) => b.severity - a.severity);
    const id = o.id(row, i);
    if (typeof id !== "string" && !(typeof id === "number" && Number.isFinite(id))) fail(fn, "INVALID_INPUT", `expected the id of row ${i} to be a string or a finite number, got ${describe(id)}`, i);
    let ageDays: number | null = null;
    if (o.date !== undefined) {
      const t = toEpochMs(fn, o.date(row, i), "date", i);
      if (t > nowMs!) fail(fn, "INVALID_DATE", `expected the date of row ${i} at or before now`, i);
      ageDays = (nowMs! - t) / 86_400_000;
    }
    let value: number | null = null;
    if (o.value !== undefined) {
      const v = o.value(row, i);
      if (typeof v !== "number" || !(v >= 0) || v === Infinity) fail(fn, "INVALID_INPUT", `expected the value of row ${i} to be a finite number >= 0, got ${describe(v)}`, i);
      value = v;
      valueSum += v;
    }
    out.push({ id, index: i, reasons, severity: reasons[0]!.severity, ageDays, value, urgency: 0 });
  }
  const meanValue = out.length === 0 ? 0 : valueSum / out.length;
  for (const f of out) {
    const recency = f.ageDays === null ? 1 : 0.5 ** (f.ageDays / halfLife);
    const valueFactor = f.value === null || !(meanValue > 0) ? 1 : (1 + f.value / meanValue) / 2;
    f.urgency = f.severity * recency * valueFactor;
  }
  out.sort((a, b) => b.urgency - a.urgency || a.index - b.index);
  return limit < out.length ? out.slice(0, limit) : out;
}
