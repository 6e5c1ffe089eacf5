import { fail } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import { instantIn } from "../core/period";
import { checkCount, checkKind, defineSummaryKind, type SummaryKind } from "../core/summary";
import { type DateInput, readTimeZone } from "../core/time";
import type { ChurnOptions, ChurnResult } from "./churn";
import { type Activity, readActivity } from "./subscriptions";

const CHURN_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ChurnOptions<any>>()("from", "to", "customerId", "start", "end", "mrr", "timeZone");
const PERIOD_KEYS = /* @__PURE__ */ keysOf<ChurnPeriod>()("from", "to", "timeZone");
const KIND = "churn";
const DAY = 86_400_000;
/** The widest instant a Date holds (±8.64e15 ms). */
const MAX_MS = 8.64e15;

/**
 * The counts behind the churn of one period: a plain JSON object. Merge the summaries of
 * CUSTOMER-PARTITIONED shards (every subscription of a customer in one shard) with
 * {@link mergeChurnSummaries}; finish with {@link churnFromSummary}. Each count is the one of
 * {@link ChurnResult} of the same name (its fields, picked).
 * @category Retention
 */
export interface ChurnSummary
  extends Pick<ChurnResult, "customersAtStart" | "customersAtEnd" | "newCustomers" | "reactivated" | "churned" | "churnedFromStart" | "subscriptions" | "mergedOverlaps"> {
  /** Always `"churn"`: the summary's kind ({@link churnKind}). */
  kind: "churn";
  /** Start of the period [fromMs, toMs), in epoch milliseconds (the result carries it as an ISO string). */
  fromMs: number;
  /** End of the period (exclusive), in epoch milliseconds. */
  toMs: number;
  /** Customer-milliseconds of activity inside the period (whole numbers for whole-millisecond dates, so sums are exact); the result's customerDays is customerMs / 86,400,000. */
  customerMs: number;
}

/**
 * The period of a churn summary: what {@link emptyChurnSummary} (and `churnKind.empty`) needs.
 * @category Retention
 */
export interface ChurnPeriod {
  /** Start of the period (inclusive); a date `YYYY-MM-DD` is local midnight in `timeZone`. */
  from: DateInput;
  /** End of the period (exclusive). */
  to: DateInput;
  /** IANA time zone for date-only values; default "UTC". */
  timeZone?: string;
}

/**
 * The summary of the period [from, to) from its counts, with the subscriptions read and merged.
 * @internal
 * @example
 * ```ts
 * churnSummaryOf({ rows: 3, merged: 1 }, 0, 86400000, 1, 1, 0, 0, 0, 0, 86400000).customerMs; //=> 86400000
 * ```
 */
export function churnSummaryOf(
  a: Pick<Activity, "rows" | "merged">,
  from: number,
  to: number,
  atStart: number,
  atEnd: number,
  added: number,
  back: number,
  events: number,
  fromStart: number,
  activeMs: number,
): ChurnSummary {
  return {
    kind: KIND,
    fromMs: from,
    toMs: to,
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: added,
    reactivated: back,
    churned: events,
    churnedFromStart: fromStart,
    customerMs: activeMs,
    subscriptions: a.rows,
    mergedOverlaps: a.merged,
  };
}

/** One pass over the merged activity intervals: the counts of [from, to). */
function countPeriod(a: Activity, from: number, to: number): ChurnSummary {
  let atStart = 0;
  let atEnd = 0;
  let added = 0;
  let back = 0;
  let events = 0;
  let fromStart = 0;
  let activeMs = 0;
  const { cust, start, end, offset } = a;
  for (let k = 0; k < cust.length; k++) {
    const s = start[k]!;
    const e = end[k]!;
    if (s < from && e >= from) {
      atStart++;
      if (e < to) fromStart++;
    }
    if (s < to && e >= to) atEnd++;
    if (s >= from && s < to) {
      if (offset[cust[k]!] === k) added++;
      else back++;
    }
    if (e >= from && e < to) events++;
    const overlap = Math.min(e, to) - Math.max(s, from);
    if (overlap > 0) activeMs += overlap;
  }
  return churnSummaryOf(a, from, to, atStart, atEnd, added, back, events, fromStart, activeMs);
}

/**
 * Summarize subscription rows under the name of the calling function (`churn`, `churnSummary`).
 * @internal
 * @example
 * ```ts
 * summarizeChurn("churn", [{ id: 1, s: "2024-01-05", e: null }], { customerId: "id", start: "s", end: "e", from: "2024-01-01", to: "2024-02-01" }).newCustomers; //=> 1
 * ```
 */
export function summarizeChurn<T>(fn: string, rows: ArrayLike<T>, options: ChurnOptions<T>): ChurnSummary {
  const o = readOptions<ChurnOptions<T>>(fn, options, CHURN_OPTIONS_KEYS);
  const a = readActivity(fn, rows, o);
  const from = instantIn(fn, o.from, a.timeZone, "from");
  const to = instantIn(fn, o.to, a.timeZone, "to");
  if (!(from < to)) fail(fn, "OUT_OF_RANGE", `expected from < to, got ${describe(o.from)} and ${describe(o.to)}`);
  return countPeriod(a, from, to);
}

/**
 * The {@link ChurnResult} of a checked summary: the counts, the period in days and the four rates
 * (`null` where their base is empty). The one finisher of `churn`, `churnSeries` and
 * `churnFromSummary`.
 * @internal
 * @example
 * ```ts
 * finishChurn(churnSummaryOf({ rows: 1, merged: 0 }, 0, 86400000, 1, 0, 0, 0, 1, 1, 43200000)).rates.exposure; //=> 2
 * ```
 */
export function finishChurn(s: ChurnSummary): ChurnResult {
  const from = s.fromMs;
  const to = s.toMs;
  const atStart = s.customersAtStart;
  const atEnd = s.customersAtEnd;
  const events = s.churned;
  const fromStart = s.churnedFromStart;
  const customerDays = s.customerMs / DAY;
  const days = (to - from) / DAY;
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days,
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: s.newCustomers,
    reactivated: s.reactivated,
    churned: events,
    churnedFromStart: fromStart,
    customerDays,
    rates: {
      cohort: ratio(fromStart, atStart),
      events: ratio(events, atStart),
      averageBase: ratio(events, (atStart + atEnd) / 2),
      exposure: ratio(events, customerDays / days),
    },
    dailyHazard: ratio(events, customerDays),
    subscriptions: s.subscriptions,
    mergedOverlaps: s.mergedOverlaps,
  };
}

/**
 * Summarize subscription rows into the churn counts of one period: customers at start and at end,
 * new, reactivated, churn events, churned from start, customer-milliseconds, subscriptions read and
 * overlaps merged.
 *
 * Definition: the counts of {@link churn}, with its conventions (active on [start, end), a
 * customer's overlapping or touching subscriptions merged, the half-open period [from, to) in
 * `timeZone`). Mergeable across CUSTOMER-PARTITIONED shards only: every subscription of a customer
 * must be in one shard, because merging a customer's overlapping subscriptions and telling a new
 * customer from a reactivated one both need the customer's whole history (split across shards, a
 * renewal would count as a churn in one shard and a new customer in the other). O(subscriptions)
 * time; the summary is O(1).
 *
 * @param rows - Subscription rows.
 * @param options - As {@link churn}: `customerId`, `start`, `end` (row field names or accessors), `from`, `to`, `timeZone`.
 * @returns The {@link ChurnSummary}.
 * @throws {@link CxMetricsError} as {@link churn}.
 * @example
 * ```ts
 * import { churnFromSummary, churnSummary, mergeChurnSummaries } from "cx-metrics";
 * const jan = { customerId: "id", start: "start", end: "end", from: "2024-01-01", to: "2024-02-01" };
 * // two shards, each with every subscription of its customers
 * const eu = [{ id: "a", start: "2023-11-01", end: "2024-01-11" }];
 * const us = [{ id: "b", start: "2023-12-01", end: null }, { id: "c", start: "2024-01-15", end: null }];
 * const s = mergeChurnSummaries(churnSummary(eu, jan), churnSummary(us, jan));
 * [s.customersAtStart, s.newCustomers, s.churned, s.customersAtEnd]; //=> [2, 1, 1, 2]
 * churnFromSummary(s).rates.cohort; //=> 0.5
 * ```
 * @category Retention
 */
export function churnSummary<T>(rows: ArrayLike<T>, options: ChurnOptions<T>): ChurnSummary {
  return summarizeChurn("churnSummary", rows, options);
}

/**
 * The empty churn summary of a period (no customer, no subscription): the identity of
 * {@link mergeChurnSummaries} for that period.
 *
 * @param period - `from`, `to` and `timeZone` (for date-only values), as {@link churn} reads them.
 * @returns A summary of the period with every count zero.
 * @throws {@link CxMetricsError} `INVALID_DATE`, `OUT_OF_RANGE` (`from >= to`), `INVALID_OPTION`
 * (no period, an unknown key, an unknown time zone).
 * @example
 * ```ts
 * import { emptyChurnSummary } from "cx-metrics";
 * const e = emptyChurnSummary({ from: "2024-01-01", to: "2024-02-01" });
 * [e.fromMs, e.customersAtStart]; //=> [1704067200000, 0]
 * ```
 * @category Retention
 */
export function emptyChurnSummary(period: ChurnPeriod): ChurnSummary {
  const fn = "emptyChurnSummary";
  if (period === undefined) fail(fn, "INVALID_OPTION", "expected the period { from, to, timeZone? } of the summary");
  const o = readOptions<ChurnPeriod>(fn, period, PERIOD_KEYS);
  const timeZone = readTimeZone(fn, o.timeZone);
  const from = instantIn(fn, o.from, timeZone, "from");
  const to = instantIn(fn, o.to, timeZone, "to");
  if (!(from < to)) fail(fn, "OUT_OF_RANGE", `expected from < to, got ${describe(o.from)} and ${describe(o.to)}`);
  return churnSummaryOf({ rows: 0, merged: 0 }, from, to, 0, 0, 0, 0, 0, 0, 0);
}

const COUNT_FIELDS = ["customersAtStart", "customersAtEnd", "newCustomers", "reactivated", "churned", "churnedFromStart", "subscriptions", "mergedOverlaps"] as const;

/** The customers present in the period: at its start, or arriving (new or back) in it. */
const present = (s: ChurnSummary): number => s.customersAtStart + s.newCustomers + s.reactivated;

/**
 * Check a churn summary read from anywhere (JSON, SQL, a worker) and return a fresh copy of its
 * known fields: a period fromMs < toMs of valid instants, whole counts, customer-ms ≥ 0, and the
 * identities every real summary keeps (start + new + reactivated − churned = end; churned from
 * start ≤ at start and ≤ churned; merged ≤ subscriptions; the customers present ≤ the merged
 * intervals; customer-ms ≤ the period's length × the customers present).
 */
function checkChurnSummary(fn: string, s: unknown, index?: number): ChurnSummary {
  checkKind(fn, s, KIND, index);
  const x = s as ChurnSummary;
  const at = index === undefined ? "" : ` (summary ${index})`;
  for (const f of ["fromMs", "toMs"] as const) {
    const v = x[f];
    if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > MAX_MS) fail(fn, "INVALID_SUMMARY", `expected ${f}${at} to be epoch milliseconds within ±8.64e15, got ${describe(v)}`, index);
  }
  if (!(x.fromMs < x.toMs)) fail(fn, "INVALID_SUMMARY", `expected fromMs < toMs${at}, got ${x.fromMs} and ${x.toMs}`, index);
  for (const f of COUNT_FIELDS) checkCount(fn, x, f, true, index);
  checkCount(fn, x, "customerMs", false, index);
  const out = churnSummaryOf(
    { rows: x.subscriptions, merged: x.mergedOverlaps },
    x.fromMs,
    x.toMs,
    x.customersAtStart,
    x.customersAtEnd,
    x.newCustomers,
    x.reactivated,
    x.churned,
    x.churnedFromStart,
    x.customerMs,
  );
  const broken = (what: string): never => fail(fn, "INVALID_SUMMARY", `expected ${what}${at}`, index);
  if (present(out) - out.churned !== out.customersAtEnd) broken(`customersAtStart + newCustomers + reactivated − churned = customersAtEnd (${out.customersAtStart} + ${out.newCustomers} + ${out.reactivated} − ${out.churned} ≠ ${out.customersAtEnd})`);
  if (out.churnedFromStart > out.customersAtStart || out.churnedFromStart > out.churned) broken(`churnedFromStart (${out.churnedFromStart}) <= customersAtStart and <= churned`);
  if (out.mergedOverlaps > out.subscriptions) broken(`mergedOverlaps (${out.mergedOverlaps}) <= subscriptions (${out.subscriptions})`);
  if (present(out) > out.subscriptions - out.mergedOverlaps) broken(`no more customers present (${present(out)}) than merged subscriptions (${out.subscriptions - out.mergedOverlaps})`);
  if (out.customerMs > (out.toMs - out.fromMs) * present(out) * (1 + 1e-12)) broken(`customerMs (${out.customerMs}) <= the period's length × the customers present`);
  return out;
}

/**
 * Merge the churn summaries of one period from CUSTOMER-PARTITIONED shards into one.
 *
 * Definition: field-wise sums. Exact for whole-millisecond dates (every count and customer-ms is
 * a whole number), associative and commutative, with {@link emptyChurnSummary} of the period as
 * identity. Valid only when every customer's subscriptions are all in one shard (see
 * {@link churnSummary}); summaries of different periods do not add (a customer present in both
 * would count twice) and are refused.
 *
 * @param summaries - One or more summaries of the same period.
 * @returns A new summary; the inputs are not changed.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` for a malformed summary or one of another
 * period (with its position), `EMPTY_INPUT` when called with no summary.
 * @example
 * ```ts
 * import { churnSummary, emptyChurnSummary, mergeChurnSummaries } from "cx-metrics";
 * const jan = { from: "2024-01-01", to: "2024-02-01" };
 * const s = churnSummary([{ id: "a", start: "2023-12-01", end: "2024-01-20" }], { customerId: "id", start: "start", end: "end", ...jan });
 * mergeChurnSummaries(s, emptyChurnSummary(jan)).churned; //=> 1
 * mergeChurnSummaries(s, emptyChurnSummary({ from: "2024-02-01", to: "2024-03-01" })); // throws INVALID_SUMMARY
 * ```
 * @category Retention
 */
export function mergeChurnSummaries(...summaries: ChurnSummary[]): ChurnSummary {
  const fn = "mergeChurnSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  const out = checkChurnSummary(fn, summaries[0], 0);
  for (let i = 1; i < summaries.length; i++) {
    const s = checkChurnSummary(fn, summaries[i], i);
    if (s.fromMs !== out.fromMs || s.toMs !== out.toMs) {
      const span = (x: ChurnSummary) => `[${new Date(x.fromMs).toISOString()}, ${new Date(x.toMs).toISOString()})`;
      fail(fn, "INVALID_SUMMARY", `expected summaries of one period; summary ${i} is of ${span(s)}, summary 0 of ${span(out)}`, i);
    }
    for (const f of COUNT_FIELDS) out[f] += s[f];
    out.customerMs += s.customerMs;
  }
  return out;
}

/**
 * Finish a {@link ChurnSummary} into the churn of its period: exactly the {@link ChurnResult}
 * that {@link churn} returns for the same rows and period (`churn` is this applied to
 * {@link churnSummary}).
 *
 * Definition: as {@link churn}: rates `cohort` = churnedFromStart / customersAtStart, `events` =
 * churned / customersAtStart, `averageBase` = churned / ((customersAtStart + customersAtEnd) / 2),
 * `exposure` = churned / (customerDays / days), and `dailyHazard` = churned / customerDays, each
 * `null` where its base is 0. A period without any customer present (a summary with no customer at
 * start, new or reactivated) is a result, not an error: every count 0 and every rate `null`, as
 * {@link churn} and {@link churnSeries} report such a period (`churnKind.finish` throws
 * `EMPTY_INPUT` for it instead). O(1).
 *
 * @param summary - From {@link churnSummary}, {@link mergeChurnSummaries} or JSON.
 * @returns The {@link ChurnResult}.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` for a malformed summary.
 * @example
 * ```ts
 * import { churnFromSummary, churnSummary } from "cx-metrics";
 * const rows = [{ id: "a", start: "2023-11-01", end: "2024-01-11" }, { id: "b", start: "2023-12-01", end: null }];
 * const r = churnFromSummary(churnSummary(rows, { customerId: "id", start: "start", end: "end", from: "2024-01-01", to: "2024-02-01" }));
 * [r.from, r.churned, r.rates.cohort]; //=> ["2024-01-01T00:00:00.000Z", 1, 0.5]
 * ```
 * @category Retention
 */
export function churnFromSummary(summary: ChurnSummary): ChurnResult {
  return finishChurn(checkChurnSummary("churnFromSummary", summary));
}

/**
 * The churn counts of one period as a {@link SummaryKind}: `empty(period)`, `merge`, `check`,
 * `count` and `finish`, for the portfolio, SQL push-down, rolling windows and stored summaries.
 *
 * Definition: see {@link churnSummary} and {@link mergeChurnSummaries}; mergeable across
 * CUSTOMER-PARTITIONED shards of one period only. `count` is the customers present in the period,
 * customersAtStart + newCustomers + reactivated (0 exactly when every rate of the result would be
 * `null`), and `finish` of a summary that counts 0 throws `EMPTY_INPUT`, as every kind's finish
 * does; otherwise it is {@link churnFromSummary}, which (like {@link churn}) returns the all-`null`
 * result for such a period instead.
 * @example
 * ```ts
 * import { churnKind, churnSummary } from "cx-metrics";
 * const s = churnSummary([{ id: "a", start: "2023-12-01", end: "2024-01-20" }], { customerId: "id", start: "start", end: "end", from: "2024-01-01", to: "2024-02-01" });
 * [churnKind.count(s), churnKind.finish(s).rates.cohort]; //=> [1, 1]
 * churnKind.finish(churnKind.empty({ from: "2024-01-01", to: "2024-02-01" })); // throws EMPTY_INPUT
 * ```
 * @category Retention
 */
export const churnKind = /* @__PURE__ */ defineSummaryKind<ChurnSummary, ChurnResult, ChurnPeriod>({
  kind: KIND,
  empty: (period) => emptyChurnSummary(period as ChurnPeriod),
  merge: (...summaries) => mergeChurnSummaries(...summaries),
  check: (summary, index) => checkChurnSummary("churnKind.check", summary, index),
  count: (summary) => present(summary),
  finish: (summary) => {
    const fn = "churnKind.finish";
    const s = checkChurnSummary(fn, summary);
    if (present(s) === 0) fail(fn, "EMPTY_INPUT", "expected a period with at least one customer present (at its start, new or reactivated); churnFromSummary returns this period's all-null result");
    return finishChurn(s);
  },
});

