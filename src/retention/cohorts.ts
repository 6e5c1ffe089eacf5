import { tzOffset } from "@date-fns/tz";
import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readConfidence, readOptions } from "../core/input";
import { type KaplanMeierResult, kaplanMeier } from "../core/kaplan-meier";
import { checkPeriodSpan, instantIn, type Period, periodExtremes, periodIndexer, readMaxPeriods, seePeriod, spanEnds } from "../core/period";
import type { DateInput } from "../core/time";
import { readActivity, type SubscriptionAccessors } from "./subscriptions";

const COHORT_RETENTION_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CohortRetentionOptions<any>>()("period", "asOf", "weekStartsOn", "maxPeriods", "customerId", "start", "end", "mrr", "timeZone");
const RETENTION_CURVE_OPTIONS_KEYS = /* @__PURE__ */ keysOf<RetentionCurveOptions<any>>()("asOf", "timeUnit", "confidence", "customerId", "start", "end", "mrr", "timeZone");

/**
 * Options of {@link cohortRetention}.
 * @category Retention
 */
export interface CohortRetentionOptions<T> extends SubscriptionAccessors<T> {
  /** Cohort period and age step. */
  period: Period;
  /** The data's "now": only ages whose period has ended by then are reported. */
  asOf: DateInput;
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /**
   * Most periods the table may span, from the first cohort to the last period ended by `asOf`;
   * default 10,000. Beyond it, `TOO_MANY_PERIODS` (one far-off start date, such as 1970 with daily
   * periods) before anything is allocated.
   */
  maxPeriods?: number;
}

/**
 * One acquisition cohort of {@link cohortRetention}.
 * @category Retention
 */
export interface RetentionCohort {
  /** First local day of the cohort's period. */
  cohort: string;
  /** Customers whose first subscription started in the period. */
  size: number;
  /** Customers of the cohort active at the end of age 0, 1, … (the end of the cohort's period + k). */
  retained: number[];
  /** retained / size. */
  share: number[];
  /** With an `mrr` accessor: the cohort's MRR active at the end of each age, and its ratio to age 0. */
  revenue?: number[];
  revenueShare?: (number | null)[];
}

/**
 * Result of {@link cohortRetention}.
 * @category Retention
 */
export interface CohortRetentionResult {
  period: Period;
  timeZone: string;
  cohorts: RetentionCohort[];
  /** Retention by age across cohorts, three ways (younger cohorts are not observed at older ages). */
  byAge: {
    /** Σ retained / Σ size over the cohorts observed at that age. */
    pooled: number[];
    /** Mean of the observed cohorts' shares (each cohort weighs the same). */
    meanOfShares: number[];
    /**
     * Product of the age-to-age survival of the cohorts observed at both ages (Kaplan–Meier style);
     * 0 from an age after which no customer of the observed cohorts was retained.
     */
    chained: number[];
    /** Cohorts observed at each age. */
    cohorts: number[];
    /**
     * With an `mrr` accessor: net revenue retention by age, the same three ways over the cohorts
     * observed at the age that had revenue at age 0 — `pooled` Σ revenue / Σ revenue at age 0,
     * `meanOfShares` the mean of their `revenueShare`, `chained` the product of Σ revenue_k /
     * Σ revenue_{k−1}; `null` where no such cohort is observed.
     */
    revenue?: { pooled: (number | null)[]; meanOfShares: (number | null)[]; chained: (number | null)[] };
  };
}

/**
 * Logo retention by acquisition cohort and age, and pooled across cohorts three ways.
 *
 * Definition: a customer's cohort is the calendar period of their first subscription start; at age
 * k the cohort's retained customers are those active just before the end of period cohort + k
 * (the same instant as `customersAtEnd` of {@link churn}); reactivated customers count again when
 * they are active. Only ages whose period has ended by `asOf` are reported, so younger cohorts have
 * shorter rows (right-censoring). Pooled by age: `pooled` (Σ retained / Σ size over the cohorts
 * observed at the age; old cohorts dominate the late ages), `meanOfShares` (each cohort counts the
 * same), and `chained` (the product over ages of Σ retained_j / Σ retained_{j−1} over the cohorts
 * observed at both ages: like Kaplan–Meier, it uses every cohort for every step it has seen, so the
 * late ages do not rest on the oldest cohorts alone). With an `mrr` accessor each cohort also has
 * `revenue` (its MRR active at the end of each age, expansion and contraction included) and
 * `revenueShare` (relative to age 0: net revenue retention by age), pooled by age the same three
 * ways in `byAge.revenue`.
 *
 * Periods: only cohorts with customers get a row (an empty cohort period is left out), but each
 * row has every age from 0 to the last period ended by `asOf` (an age where nobody is retained is a
 * 0, not a gap). The span from the first cohort to `asOf` is capped by `maxPeriods` (default
 * 10,000): a start date far from the others (1970 among 2024 dates, with daily periods) is a
 * `TOO_MANY_PERIODS` error naming that row, raised before the table is allocated; a cohort that
 * starts after `asOf` (a start in 6999) is not reported and costs nothing. O(subscriptions +
 * cohorts × ages) time and memory: each subscription adds to a difference array in O(1) whatever
 * its length.
 *
 * @param rows - Subscription rows.
 * @param options - Accessors, `period`, `asOf`, `timeZone`, `weekStartsOn`, `maxPeriods`.
 * @returns The {@link CohortRetentionResult}.
 * @throws {@link CxMetricsError} as {@link churn}; `EMPTY_INPUT` when no cohort period has ended by
 * `asOf`; `TOO_MANY_PERIODS` when the first cohort and `asOf` are more than `maxPeriods` periods
 * apart (`index`: the row of the first cohort when it is the date that lies apart; `details`: the
 * dates and the count); `INVALID_OPTION` for a `maxPeriods` that is not a positive integer.
 * @example
 * ```ts
 * import { cohortRetention } from "cx-metrics";
 * const subs = [
 *   { id: "a", start: "2024-01-05", end: "2024-02-20" },
 *   { id: "b", start: "2024-01-10", end: null },
 *   { id: "c", start: "2024-02-03", end: null },
 * ];
 * const t = cohortRetention(subs, { customerId: (s) => s.id, start: (s) => s.start, end: (s) => s.end, period: "month", asOf: "2024-04-01" });
 * t.cohorts[0].retained; //=> [2, 1, 1]
 * t.byAge.chained;       //=> ~[1, 0.6667, 0.6667]
 * const far = [...subs, { id: "d", start: "1970-01-01", end: null }];
 * cohortRetention(far, { customerId: (s) => s.id, start: (s) => s.start, end: (s) => s.end, period: "day", asOf: "2024-04-01" }); // throws TOO_MANY_PERIODS (row 3)
 * ```
 * @category Retention
 */
export function cohortRetention<T>(rows: ArrayLike<T>, options: CohortRetentionOptions<T>): CohortRetentionResult {
  const fn = "cohortRetention";
  const o = readOptions<CohortRetentionOptions<T>>(fn, options, COHORT_RETENTION_OPTIONS_KEYS);
  const a = readActivity(fn, rows, o);
  const indexer = periodIndexer(fn, o.period, a.timeZone, o.weekStartsOn);
  const maxPeriods = readMaxPeriods(fn, o.maxPeriods);
  const asOf = instantIn(fn, o.asOf, a.timeZone, "asOf");
  // the last period that has ended by asOf
  const lastEnded = indexer.indexOf(asOf) - 1;
  const k = a.ids.length;
  const cohortOf = new Int32Array(k);
  for (let c = 0; c < k; c++) cohortOf[c] = indexer.indexOf(a.start[a.offset[c]!]!);
  // the first cohort that has ended, with the row that opens it (a customer's earliest start)
  const raw = a.raw;
  const x = periodExtremes();
  for (let i = 0; i < raw.cust.length; i++) {
    const c = raw.cust[i]!;
    if (raw.start[i] === a.start[a.offset[c]!] && cohortOf[c]! <= lastEnded) seePeriod(x, cohortOf[c]!, raw.start[i]!, i);
  }
  if (!(x.lo <= lastEnded)) fail(fn, "EMPTY_INPUT", "expected at least one cohort period that has ended by asOf");
  const minCohort = x.lo;
  const ends = spanEnds(x);
  const last = { period: lastEnded, ms: asOf, what: "asOf" };
  // which end lies apart: the first cohort (its gap to the next cohort) or asOf (its gap to the last cohort)
  checkPeriodSpan(fn, indexer, ends.first, last, maxPeriods, (Number.isFinite(x.lo2) ? x.lo2 - x.lo : 0) > lastEnded - x.hi ? "first" : "last");
  // only cohorts with customers get a row; a row has one age per period up to lastEnded
  const slotOf = new Map<number, number>();
  for (let c = 0; c < k; c++) if (cohortOf[c]! <= lastEnded && !slotOf.has(cohortOf[c]!)) slotOf.set(cohortOf[c]!, 0);
  const periodsWithData = Int32Array.from(slotOf.keys()).sort();
  periodsWithData.forEach((p, i) => slotOf.set(p, i));
  const width = periodsWithData.length;
  const size = new Float64Array(width);
  for (let c = 0; c < k; c++) if (cohortOf[c]! <= lastEnded) size[slotOf.get(cohortOf[c]!)!]!++;
  // An interval [start, end) is active just before the end of period p (start < periodEnd(p) <= end)
  // for p from indexOf(start) to indexOf(end) − 1: one +1 and one −1 in a difference array per
  // interval, then prefix sums; O(intervals + cohorts × ages), whatever the dates.
  const ageRange = (cohortIndex: number, s: number, e: number): [number, number] => {
    const p0 = Math.max(indexer.indexOf(s), cohortIndex);
    const p1 = e === Infinity ? lastEnded : Math.min(lastEnded, indexer.indexOf(e) - 1);
    return [p0 - cohortIndex, p1 - cohortIndex];
  };
  const retained = Array.from(periodsWithData, (p) => new Float64Array(lastEnded - p + 2));
  const { cust, start, end } = a;
  for (let j = 0; j < cust.length; j++) {
    const cohortIndex = cohortOf[cust[j]!]!;
    if (cohortIndex > lastEnded) continue;
    const [a0, a1] = ageRange(cohortIndex, start[j]!, end[j]!);
    if (a1 < a0) continue;
    const row = retained[slotOf.get(cohortIndex)!]!;
    row[a0]!++;
    row[a1 + 1]!--;
  }
  for (const row of retained) for (let i = 1; i < row.length; i++) row[i]! += row[i - 1]!;
  // revenue: each (unmerged) subscription adds its MRR at the end of every age period it covers;
  // Neumaier-compensated prefix sums, and exactly 0 where no subscription is active
  let revenue: Float64Array[] | undefined;
  if (o.mrr !== undefined) {
    const delta = retained.map((r) => new Float64Array(r.length));
    const active = retained.map((r) => new Int32Array(r.length));
    for (let j = 0; j < raw.cust.length; j++) {
      const cohortIndex = cohortOf[raw.cust[j]!]!;
      if (cohortIndex > lastEnded) continue;
      const [a0, a1] = ageRange(cohortIndex, raw.start[j]!, raw.end[j]!);
      if (a1 < a0) continue;
      const slot = slotOf.get(cohortIndex)!;
      delta[slot]![a0]! += raw.mrr[j]!;
      delta[slot]![a1 + 1]! -= raw.mrr[j]!;
      active[slot]![a0]!++;
      active[slot]![a1 + 1]!--;
    }
    revenue = delta.map((d, slot) => {
      const out = new Float64Array(d.length - 1);
      let sum = 0;
      let comp = 0;
      let n = 0;
      for (let i = 0; i < out.length; i++) {
        const v = d[i]!;
        const t = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
        n += active[slot]![i]!;
        out[i] = n === 0 ? 0 : sum + comp;
      }
      return out;
    });
  }
  const cohorts: RetentionCohort[] = [];
  for (let i = 0; i < width; i++) {
    const r = Array.from(retained[i]!.subarray(0, retained[i]!.length - 1));
    const cohort: RetentionCohort = { cohort: indexer.labelOf(periodsWithData[i]!), size: size[i]!, retained: r, share: r.map((v) => v / size[i]!) };
    if (revenue !== undefined) {
      const rev = Array.from(revenue[i]!);
      cohort.revenue = rev;
      cohort.revenueShare = rev.map((v) => (rev[0]! > 0 ? v / rev[0]! : null)); // no starting revenue: no ratio
    }
    cohorts.push(cohort);
  }
  const ages = lastEnded - minCohort + 1; // the oldest cohort's row
  const pooled: number[] = [];
  const meanOfShares: number[] = [];
  const chained: number[] = [];
  const observed: number[] = [];
  for (let age = 0; age < ages; age++) {
    const at = cohorts.filter((c) => c.retained.length > age);
    observed.push(at.length);
    pooled.push(at.reduce((s, c) => s + c.retained[age]!, 0) / at.reduce((s, c) => s + c.size, 0));
    meanOfShares.push(at.reduce((s, c) => s + c.share[age]!, 0) / at.length);
    if (age === 0) chained.push(pooled[0]!);
    else {
      const before = at.reduce((s, c) => s + c.retained[age - 1]!, 0);
      const now = at.reduce((s, c) => s + c.retained[age]!, 0);
      chained.push(before > 0 ? chained[age - 1]! * (now / before) : 0);
    }
  }
  const byAge: CohortRetentionResult["byAge"] = { pooled, meanOfShares, chained, cohorts: observed };
  if (revenue !== undefined) {
    const rp: (number | null)[] = [];
    const rm: (number | null)[] = [];
    const rc: (number | null)[] = [];
    for (let age = 0; age < ages; age++) {
      const at = cohorts.filter((c) => c.revenue!.length > age && c.revenue![0]! > 0);
      if (at.length === 0) {
        rp.push(null);
        rm.push(null);
        rc.push(null);
        continue;
      }
      const now = at.reduce((x, c) => x + c.revenue![age]!, 0);
      rp.push(now / at.reduce((x, c) => x + c.revenue![0]!, 0));
      rm.push(at.reduce((x, c) => x + c.revenueShare![age]!, 0) / at.length);
      if (age === 0) rc.push(rp[0]!);
      else {
        const before = at.reduce((x, c) => x + c.revenue![age - 1]!, 0);
        const prev = rc[age - 1]!;
        rc.push(prev === null ? null : before > 0 ? prev * (now / before) : 0);
      }
    }
    byAge.revenue = { pooled: rp, meanOfShares: rm, chained: rc };
  }
  return { period: indexer.period, timeZone: a.timeZone, cohorts, byAge };
}

/**
 * Options of {@link retentionCurve}.
 * @category Retention
 */
export interface RetentionCurveOptions<T> extends SubscriptionAccessors<T> {
  /** The data's "now": customers still active then are censored at it. */
  asOf: DateInput;
  /** Unit of the durations: "day" (default), "week" or "month" (30.4375 days). */
  timeUnit?: "day" | "week" | "month";
  /** Confidence level of the curve's band; default 0.95. */
  confidence?: number;
}

/**
 * Customer survival curve from subscription rows: Kaplan–Meier on the time from each customer's
 * first start to their first churn, with customers still active at `asOf` censored there.
 *
 * Definition: per customer, duration = (min(first churn, asOf) − first start) in local wall-clock
 * time of `timeZone` (so a month across a DST change is still whole days), in the time unit;
 * event = churned by `asOf` (a churn at exactly `asOf` counts). Customers who start after `asOf` are
 * left out (counted in `excluded`). The curve, its band and the median are those of
 * {@link kaplanMeier}. Time to first churn ignores later reactivations.
 *
 * @param rows - Subscription rows.
 * @param options - Accessors, `asOf`, `timeUnit`, `timeZone`, `confidence`.
 * @returns `{ curve, durations, events, customers, excluded, timeUnit }`.
 * @throws {@link CxMetricsError} as {@link churn}; `EMPTY_INPUT` when nobody started by `asOf`.
 * @example
 * ```ts
 * import { retentionCurve } from "cx-metrics";
 * const subs = [
 *   { id: "a", start: "2024-01-01", end: "2024-01-11" },
 *   { id: "b", start: "2024-01-01", end: null },
 * ];
 * const r = retentionCurve(subs, { customerId: (s) => s.id, start: (s) => s.start, end: (s) => s.end, asOf: "2024-02-01" });
 * Array.from(r.durations); //=> [10, 31]
 * Array.from(r.curve.survival); //=> [0.5]
 * ```
 * @category Retention
 */
export function retentionCurve<T>(
  rows: ArrayLike<T>,
  options: RetentionCurveOptions<T>,
): { curve: KaplanMeierResult; durations: Float64Array; events: Uint8Array; customers: number; excluded: number; timeUnit: "day" | "week" | "month" } {
  const fn = "retentionCurve";
  const o = readOptions<RetentionCurveOptions<T>>(fn, options, RETENTION_CURVE_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const timeUnit = readChoice(fn, "timeUnit", o.timeUnit, ["day", "week", "month"], "day");
  const a = readActivity(fn, rows, o);
  const asOf = instantIn(fn, o.asOf, a.timeZone, "asOf");
  const unit = 86_400_000 * (timeUnit === "day" ? 1 : timeUnit === "week" ? 7 : 365.25 / 12);
  // durations in local wall-clock time, so that a span across a DST change is still whole days
  const wall = (ms: number) => ms + tzOffset(a.timeZone, new Date(ms)) * 60_000;
  const durations: number[] = [];
  const events: number[] = [];
  let excluded = 0;
  for (let c = 0; c < a.ids.length; c++) {
    const j = a.offset[c]!;
    const s = a.start[j]!;
    if (s > asOf) {
      excluded++;
      continue;
    }
    const e = a.end[j]!;
    const churned = e <= asOf;
    durations.push((wall(churned ? e : asOf) - wall(s)) / unit);
    events.push(churned ? 1 : 0);
  }
  if (durations.length === 0) fail(fn, "EMPTY_INPUT", `expected customers who started by asOf, got none (${describe(o.asOf)})`);
  return {
    curve: kaplanMeier(durations, events, { confidence }),
    durations: Float64Array.from(durations),
    events: Uint8Array.from(events),
    customers: durations.length,
    excluded,
    timeUnit,
  };
}
