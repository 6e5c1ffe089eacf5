import { fail } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import { instantIn } from "../core/period";
import type { ChurnOptions } from "./churn";
import { readActivity } from "./subscriptions";

const CHURN_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ChurnOptions<any>>()("from", "to", "customerId", "start", "end", "mrr", "timeZone");

function count(fn: string, name: string, v: unknown, integer = true): number {
  if (typeof v !== "number") fail(fn, "INVALID_SCORE", `expected ${name} to be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) fail(fn, "NON_FINITE", `expected ${name} to be finite, got ${v}`);
  if (v < 0) fail(fn, "OUT_OF_RANGE", `expected ${name} >= 0, got ${v}`);
  if (integer && !Number.isInteger(v)) fail(fn, "NOT_INTEGER", `expected ${name} to be a whole number, got ${v}`);
  return v;
}

function rate(fn: string, name: string, v: unknown, allowOne: boolean): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(fn, "NON_FINITE", `expected ${name} to be a finite number, got ${describe(v)}`);
  if (v < 0 || v > 1 || (!allowOne && v === 1)) fail(fn, "OUT_OF_RANGE", `expected ${name} in [0, ${allowOne ? "1]" : "1)"}, got ${v}`);
  return v;
}

/**
 * Counts for {@link churnRate}.
 * @category Retention
 */
export interface ChurnCounts {
  /** Customers active at the start of the period. */
  customersAtStart: number;
  /** Churn events in the period (for the cohort rate: churned among the customers at start). */
  churned: number;
  /** Customers active at the end; with it, the average-base rate is given. */
  customersAtEnd?: number;
  /** Customer-days of exposure in the period and the period's length in days; with them, the exposure rate and daily hazard are given. */
  customerDays?: number;
  daysInPeriod?: number;
}

/**
 * Result of {@link churnRate}; rates are fractions of one period.
 * @category Retention
 */
export interface ChurnRateResult {
  /** churned / customersAtStart. */
  rate: number;
  /** churned / ((customersAtStart + customersAtEnd)/2), when `customersAtEnd` is given; else `null`. */
  averageBase: number | null;
  /** churned / (customerDays / daysInPeriod): churn per average customer, when exposure is given (and > 0); else `null`. */
  exposure: number | null;
  /** churned / customerDays: the daily hazard, when exposure is given (and > 0); else `null`. */
  dailyHazard: number | null;
}

/**
 * Churn rate of a period from counts.
 *
 * Definitions: `rate` = churned / customers at start (the share of the starting base that left);
 * `averageBase` = churned / mean of start and end counts (a common SaaS convention that is gentler
 * when the base grows); `exposure` = churned / (customer-days / days in period), i.e. churn per
 * average customer present, and `dailyHazard` = churned / customer-days (events per customer-day,
 * the rate an exponential lifetime model would use). See docs/retention.md for what each counts.
 *
 * @param counts - {@link ChurnCounts}.
 * @returns The {@link ChurnRateResult}.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` (negative counts; churned > customersAtStart is
 * allowed only for event counts and then `rate` may exceed 1), `NOT_INTEGER`, `NON_FINITE`,
 * `INVALID_SCORE`, `EMPTY_INPUT` (no customers at start), `INVALID_OPTION`.
 * @example
 * ```ts
 * import { churnRate } from "cx-metrics";
 * churnRate({ customersAtStart: 200, churned: 10, customersAtEnd: 220 }).averageBase; //=> ~0.0476
 * ```
 * @category Retention
 */
export function churnRate(counts: ChurnCounts): ChurnRateResult {
  const fn = "churnRate";
  const c = readOptions<ChurnCounts>(fn, counts);
  const start = count(fn, "customersAtStart", c.customersAtStart);
  const churned = count(fn, "churned", c.churned);
  if (start === 0) fail(fn, "EMPTY_INPUT", "expected customersAtStart > 0: a churn rate of an empty base is undefined");
  const end = c.customersAtEnd === undefined ? undefined : count(fn, "customersAtEnd", c.customersAtEnd);
  if ((c.customerDays === undefined) !== (c.daysInPeriod === undefined)) {
    fail(fn, "INVALID_OPTION", "expected customerDays and daysInPeriod together");
  }
  const days = c.customerDays === undefined ? undefined : count(fn, "customerDays", c.customerDays, false);
  const period = c.daysInPeriod === undefined ? undefined : count(fn, "daysInPeriod", c.daysInPeriod, false);
  if (period !== undefined && !(period > 0)) fail(fn, "OUT_OF_RANGE", "expected daysInPeriod > 0");
  return {
    rate: churned / start,
    averageBase: end === undefined ? null : churned / ((start + end) / 2),
    exposure: days === undefined || !(days > 0) ? null : churned / (days / period!),
    dailyHazard: days === undefined || !(days > 0) ? null : churned / days,
  };
}

/**
 * A churn rate expressed both per period and per year, from {@link annualizeChurn} and
 * {@link deannualizeChurn}: both return this same shape, so a field always means the same thing
 * whichever way the conversion went (`annual` is always the yearly rate, `perPeriod` always the
 * rate per period).
 * @category Retention
 */
export interface ChurnConversion {
  /** Churn per year, a fraction in [0, 1]: 1 − (1 − perPeriod)^periodsPerYear. */
  annual: number;
  /** Churn per period (per month when `periodsPerYear` is 12), a fraction in [0, 1]. */
  perPeriod: number;
  /** Periods in a year (12 for monthly, 52 for weekly, 4 for quarterly). */
  periodsPerYear: number;
  /** Expected lifetime under a constant rate, 1 / perPeriod periods (Infinity at a rate of 0). */
  expectedLifetimePeriods: number;
  /** The same in years: expectedLifetimePeriods / periodsPerYear. */
  expectedLifetimeYears: number;
}

function conversion(perPeriod: number, annual: number, k: number): ChurnConversion {
  const life = perPeriod > 0 ? 1 / perPeriod : Infinity;
  return { annual, perPeriod, periodsPerYear: k, expectedLifetimePeriods: life, expectedLifetimeYears: life / k };
}

/**
 * Annual churn rate from a churn rate per shorter period, by compounding.
 *
 * Definition: a = 1 − (1 − r)^k for k periods a year: 2% a month is 1 − 0.98¹² = 21.53% a year,
 * not 24% (multiplying by 12 counts customers who already left again). Also the expected lifetime
 * under a constant rate, 1/r periods (the mean of a geometric lifetime).
 *
 * The result names each rate by its period (`annual`, `perPeriod`), the same shape as
 * {@link deannualizeChurn} returns; in 0.1.0 the per-period rate was called `rate`, which read
 * like the result of the conversion.
 *
 * @param perPeriod - Churn per period, in [0, 1].
 * @param periodsPerYear - Periods in a year (12 for monthly, 52 for weekly, 4 for quarterly).
 * @returns A {@link ChurnConversion}: `{ annual, perPeriod, periodsPerYear, expectedLifetimePeriods, expectedLifetimeYears }`.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` / `NON_FINITE` for a rate outside [0, 1] or a
 * non-positive number of periods.
 * @example
 * ```ts
 * import { annualizeChurn } from "cx-metrics";
 * annualizeChurn(0.02, 12).annual; //=> ~0.2153
 * annualizeChurn(0.02, 12).perPeriod; //=> 0.02
 * annualizeChurn(0.02, 12).expectedLifetimeYears; //=> ~4.1667
 * ```
 * @category Retention
 */
export function annualizeChurn(perPeriod: number, periodsPerYear: number): ChurnConversion {
  const fn = "annualizeChurn";
  const r = rate_(fn, perPeriod);
  const k = periods(fn, periodsPerYear);
  return conversion(r, -Math.expm1(k * Math.log1p(-r)), k);
}

/**
 * Churn rate per shorter period from an annual churn rate, by compounding: r = 1 − (1 − a)^{1/k}.
 * The inverse of {@link annualizeChurn}, returning the same {@link ChurnConversion} shape (read
 * `perPeriod` for the converted rate; `annual` echoes the input).
 *
 * @param annual - Annual churn, in [0, 1].
 * @param periodsPerYear - Periods in a year.
 * @returns A {@link ChurnConversion}: `{ annual, perPeriod, periodsPerYear, expectedLifetimePeriods, expectedLifetimeYears }`.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` / `NON_FINITE`.
 * @example
 * ```ts
 * import { deannualizeChurn } from "cx-metrics";
 * deannualizeChurn(0.2153, 12).perPeriod; //=> ~0.02
 * deannualizeChurn(0.2153, 12).annual; //=> 0.2153
 * ```
 * @category Retention
 */
export function deannualizeChurn(annual: number, periodsPerYear: number): ChurnConversion {
  const fn = "deannualizeChurn";
  const a = rate_(fn, annual);
  const k = periods(fn, periodsPerYear);
  return conversion(-Math.expm1(Math.log1p(-a) / k), a, k);
}

function rate_(fn: string, v: unknown): number {
  return rate(fn, "the churn rate", v, true);
}

function periods(fn: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) fail(fn, "OUT_OF_RANGE", `expected periodsPerYear > 0, got ${describe(v)}`);
  return v;
}

/**
 * MRR movements of a period for {@link revenueRetention}.
 * @category Retention
 */
export interface RevenueMovements {
  /** Recurring revenue at the start of the period (of the customers active then). */
  startingMrr: number;
  /** Increases from customers active at the start (upgrades, more seats). */
  expansion?: number;
  /** Decreases from customers active at the start who stay (downgrades). */
  contraction?: number;
  /** Revenue of customers active at the start who left. */
  churned?: number;
  /** Revenue of customers new in the period (never counts in retention). */
  new?: number;
  /** Revenue of returning former customers (never counts in retention). */
  reactivation?: number;
}

/**
 * Result of {@link revenueRetention}; rates are fractions.
 * @category Retention
 */
export interface RevenueRetentionResult {
  startingMrr: number;
  endingMrr: number;
  expansion: number;
  contraction: number;
  churned: number;
  new: number;
  reactivation: number;
  /** (start − contraction − churned) / start: at most 1. */
  grossRevenueRetention: number;
  /** (start + expansion − contraction − churned) / start: above 1 when expansion outweighs losses. */
  netRevenueRetention: number;
  /** (contraction + churned) / start. */
  grossMrrChurn: number;
  /** (contraction + churned − expansion) / start: negative is "net negative churn". */
  netMrrChurn: number;
}

/**
 * Gross and net revenue retention of a period from its MRR movements.
 *
 * Definitions (SaaS Capital, KeyBanc and most SaaS metric glossaries): GRR = (starting MRR −
 * contraction − churned)/starting MRR; NRR = (starting MRR + expansion − contraction −
 * churned)/starting MRR; gross MRR churn = (contraction + churned)/starting; net MRR churn =
 * (contraction + churned − expansion)/starting; ending MRR = starting + new + reactivation +
 * expansion − contraction − churned. New and reactivation revenue never count in retention: they
 * come from customers who were not in the starting base.
 *
 * @param movements - {@link RevenueMovements} (amounts ≥ 0).
 * @returns The {@link RevenueRetentionResult}.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` (a negative amount, contraction + churned above the
 * starting MRR), `NON_FINITE`, `INVALID_SCORE`, `EMPTY_INPUT` (starting MRR 0), `INVALID_OPTION`.
 * @example
 * ```ts
 * import { revenueRetention } from "cx-metrics";
 * const r = revenueRetention({ startingMrr: 100_000, expansion: 8_000, contraction: 2_000, churned: 5_000, new: 12_000 });
 * r.grossRevenueRetention; //=> 0.93
 * r.netRevenueRetention;   //=> 1.01
 * r.endingMrr;             //=> 113000
 * ```
 * @category Retention
 */
export function revenueRetention(movements: RevenueMovements): RevenueRetentionResult;
/**
 * Gross and net revenue retention of a period from subscription rows with their MRR: the MRR
 * bridge between the start and the end of [from, to).
 *
 * Definition: per customer, MRR just before `from` (the sum over their active subscriptions) and
 * just before `to`. A customer with starting MRR: ending 0 is churned revenue, a higher ending MRR
 * is expansion by the difference, a lower one contraction. A customer without starting MRR: new
 * revenue if their first subscription starts in the period, reactivation otherwise. Then as the
 * movements form (conventions of {@link churn}: active on [start, end), half-open periods in
 * `timeZone`).
 *
 * @param rows - Subscription rows with their MRR.
 * @param options - `customerId`, `start`, `end`, `mrr` (required), each a row field name or an
 * accessor; `from`, `to`, `timeZone`.
 * @returns The {@link RevenueRetentionResult}.
 * @throws {@link CxMetricsError} as {@link churn}; `INVALID_OPTION` without an `mrr` accessor;
 * `OUT_OF_RANGE` / `NON_FINITE` / `INVALID_SCORE` for an MRR (with the index); `INVALID_INPUT` for
 * a row without a named field; `EMPTY_INPUT` when
 * no revenue is active at the start.
 * @example
 * ```ts
 * import { revenueRetention } from "cx-metrics";
 * const subs = [
 *   { id: "a", start: "2023-06-01", end: "2024-01-15", mrr: 100 }, // upgraded mid-January
 *   { id: "a", start: "2024-01-15", end: null, mrr: 150 },
 *   { id: "b", start: "2023-09-01", end: "2024-01-20", mrr: 80 },  // churned
 *   { id: "c", start: "2024-01-10", end: null, mrr: 50 },          // new
 * ];
 * const r = revenueRetention(subs, { customerId: (s) => s.id, start: (s) => s.start, end: (s) => s.end, mrr: (s) => s.mrr, from: "2024-01-01", to: "2024-02-01" });
 * [r.startingMrr, r.expansion, r.churned, r.new, r.endingMrr]; //=> [180, 50, 80, 50, 200]
 * r.netRevenueRetention; //=> ~0.8333
 * // the same with row field names
 * revenueRetention(subs, { customerId: "id", start: "start", end: "end", mrr: "mrr", from: "2024-01-01", to: "2024-02-01" }).endingMrr; //=> 200
 * ```
 * @category Retention
 */
export function revenueRetention<T>(rows: ArrayLike<T>, options: ChurnOptions<T>): RevenueRetentionResult;
/**
 * Both forms: movements, or subscription rows with options.
 * @example
 * ```ts
 * import { revenueRetention } from "cx-metrics";
 * revenueRetention({ startingMrr: 200, churned: 20 }).grossRevenueRetention; //=> 0.9
 * ```
 */
export function revenueRetention(first: unknown, second?: unknown): RevenueRetentionResult {
  if (first !== null && typeof first === "object" && typeof (first as ArrayLike<unknown>).length === "number") {
    return revenueFromRows(first as ArrayLike<unknown>, second as ChurnOptions<unknown>);
  }
  return fromMovements("revenueRetention", first as RevenueMovements);
}

function revenueFromRows<T>(rows: ArrayLike<T>, options: ChurnOptions<T>): RevenueRetentionResult {
  const fn = "revenueRetention";
  const o = readOptions<ChurnOptions<T>>(fn, options, CHURN_OPTIONS_KEYS);
  if (o.mrr === undefined) fail(fn, "INVALID_OPTION", "expected an mrr option (a row field name or an accessor) for revenue retention from rows");
  const a = readActivity(fn, rows, o);
  const from = instantIn(fn, o.from, a.timeZone, "from");
  const to = instantIn(fn, o.to, a.timeZone, "to");
  if (!(from < to)) fail(fn, "OUT_OF_RANGE", `expected from < to, got ${describe(o.from)} and ${describe(o.to)}`);
  const k = a.ids.length;
  // whether each customer was active just before `from` (by activity, whatever the MRR: a free plan counts)
  const activeAtStart = new Uint8Array(k);
  for (let j = 0; j < a.cust.length; j++) if (a.start[j]! < from && a.end[j]! >= from) activeAtStart[a.cust[j]!] = 1;
  const atStart = new Float64Array(k);
  const atEnd = new Float64Array(k);
  const { cust, start, end, mrr } = a.raw;
  for (let i = 0; i < cust.length; i++) {
    if (start[i]! < from && end[i]! >= from) atStart[cust[i]!]! += mrr[i]!;
    if (start[i]! < to && end[i]! >= to) atEnd[cust[i]!]! += mrr[i]!;
  }
  let startingMrr = 0;
  let expansion = 0;
  let contraction = 0;
  let churned = 0;
  let added = 0;
  let reactivation = 0;
  for (let c = 0; c < k; c++) {
    const s = atStart[c]!;
    const e = atEnd[c]!;
    if (activeAtStart[c]) {
      startingMrr += s;
      if (e === 0) churned += s;
      else if (e > s) expansion += e - s;
      else contraction += s - e;
    } else if (e > 0) {
      const firstStart = a.start[a.offset[c]!]!;
      if (firstStart >= from) added += e;
      else reactivation += e;
    }
  }
  return fromMovements(fn, { startingMrr, expansion, contraction, churned, new: added, reactivation });
}

function fromMovements(fn: string, movements: RevenueMovements): RevenueRetentionResult {
  const m = readOptions<RevenueMovements>(fn, movements);
  const start = count(fn, "startingMrr", m.startingMrr, false);
  if (start === 0) fail(fn, "EMPTY_INPUT", "expected startingMrr > 0: retention of no revenue is undefined");
  const expansion = count(fn, "expansion", m.expansion ?? 0, false);
  const contraction = count(fn, "contraction", m.contraction ?? 0, false);
  const churned = count(fn, "churned", m.churned ?? 0, false);
  const added = count(fn, "new", m.new ?? 0, false);
  const reactivation = count(fn, "reactivation", m.reactivation ?? 0, false);
  if (contraction + churned > start * (1 + 1e-12)) {
    fail(fn, "OUT_OF_RANGE", `expected contraction + churned <= startingMrr (${start}), got ${contraction + churned}`);
  }
  return {
    startingMrr: start,
    endingMrr: start + added + reactivation + expansion - contraction - churned,
    expansion,
    contraction,
    churned,
    new: added,
    reactivation,
    grossRevenueRetention: (start - contraction - churned) / start,
    netRevenueRetention: (start + expansion - contraction - churned) / start,
    grossMrrChurn: (contraction + churned) / start,
    netMrrChurn: (contraction + churned - expansion) / start,
  };
}
