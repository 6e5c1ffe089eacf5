import { fail } from "./errors";
import { type ArrowVectorLike, describe, keysOf, readConfidence, readOptions } from "./input";
import {
  distinctTimesCap,
  finishTallies,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  readSurvivalData,
  type SurvivalData,
  type TimeTallies,
  tallyDistinctTimes,
} from "./kaplan-meier";
import { argsort } from "./sort";
import { checkKind, defineSummaryKind, type SummaryKind } from "./summary";

const SUMMARY_OPTIONS_KEYS = /* @__PURE__ */ keysOf<KaplanMeierSummaryOptions>()("entry");
const FINISH_OPTIONS_KEYS = /* @__PURE__ */ keysOf<KaplanMeierFinishOptions>()("confidence");
const KIND = "kaplan-meier";

/**
 * The tallies behind a Kaplan–Meier curve: events, censorings and late entries at each distinct
 * time. A plain JSON object; merge with {@link mergeKaplanMeierSummaries}, finish with
 * {@link kaplanMeierFromSummary}. Its size is O(distinct times), whatever the number of subjects.
 *
 * The four arrays are aligned and `times` is strictly ascending; every time has at least one
 * event, censoring or entry. A subject without an entry time (a summary made without `entry`) is
 * at risk from the start: their number is n − Σ entries, where n = Σ events + Σ censored.
 * @category Retention
 */
export interface KaplanMeierSummary {
  kind: "kaplan-meier";
  /** Distinct times at which a subject exits (event or censoring) or enters, ascending. */
  times: number[];
  /** Events (exits with the event) at each time. */
  events: number[];
  /** Censorings (exits without the event) at each time. */
  censored: number[];
  /** Late entries at each time: subjects at risk from just after it (0 without `entry`). */
  entries: number[];
}

/**
 * Options of {@link kaplanMeierSummary}: the data options of {@link kaplanMeier} (`entry`).
 * @category Retention
 */
export interface KaplanMeierSummaryOptions {
  /** Entry times for late entry (left truncation): subject i is at risk on (entry[i], duration[i]]. */
  entry?: KaplanMeierOptions["entry"];
}

/**
 * Options of {@link kaplanMeierFromSummary}: the finishing options of {@link kaplanMeier}.
 * @category Retention
 */
export interface KaplanMeierFinishOptions {
  /** Confidence level of the band and of the median's interval; default 0.95. */
  confidence?: number;
}

/**
 * Summarize durations with censoring (and optional late entry) into the Kaplan–Meier tallies: for
 * each distinct time, the events, censorings and entries there.
 *
 * Definition: the counting-process tallies of Kaplan & Meier (1958) as R's `Surv(entry, exit,
 * event)` reads them: a subject with duration x and event flag δ adds one event (δ = 1) or one
 * censoring (δ = 0) at x; with `entry`, one entry at its entry time. The risk set at t is then
 * (subjects without entry) + (entries before t) − (exits before t), so the summary holds
 * everything {@link kaplanMeier} needs, and summaries of any split of the subjects merge
 * ({@link mergeKaplanMeierSummaries}): Kaplan–Meier is mergeable across any shards. O(n) time
 * (a counting pass when the distinct times are few, as {@link kaplanMeier}); the summary is
 * O(distinct times). An empty input gives the empty summary.
 *
 * @param durations - Time to the event or to censoring, finite and ≥ 0.
 * @param events - 1/true for an event, 0/false for censored.
 * @param options - `entry` (entry times, each before its duration).
 * @returns The {@link KaplanMeierSummary}.
 * @throws {@link CxMetricsError} as {@link kaplanMeier} (`NON_FINITE`, `OUT_OF_RANGE`,
 * `INVALID_SCORE` with the index; `LENGTH_MISMATCH`, `INVALID_INPUT`, `INVALID_OPTION`), but not
 * `EMPTY_INPUT`.
 * @example
 * ```ts
 * import { kaplanMeierSummary } from "cx-metrics";
 * const s = kaplanMeierSummary([3, 1, 3, 2], [1, 0, 1, 1]);
 * [s.times, s.events, s.censored]; //=> [[1, 2, 3], [0, 1, 2], [1, 0, 0]]
 * ```
 * @category Retention
 */
export function kaplanMeierSummary(
  durations: ArrayLike<number | bigint> | Iterable<number | bigint> | ArrowVectorLike,
  events: ArrayLike<number | boolean | bigint> | Iterable<number | boolean | bigint> | ArrowVectorLike,
  options?: KaplanMeierSummaryOptions,
): KaplanMeierSummary {
  return kaplanMeierSummaryCapped(durations, events, options, undefined);
}

/**
 * {@link kaplanMeierSummary} with the most distinct times its counting path tallies before it
 * falls back to the radix sort: `undefined` for the default, 0 to always sort, `Infinity` to
 * always count (as `kaplanMeierCapped`). Both paths give the same summary; the tests compare them.
 * @internal
 * @example
 * ```ts
 * kaplanMeierSummaryCapped([2, 1, 2], [1, 0, 1], undefined, 0).events; //=> [0, 2]
 * ```
 */
export function kaplanMeierSummaryCapped(durations: unknown, events: unknown, options: KaplanMeierSummaryOptions | undefined, maxDistinct: number | undefined): KaplanMeierSummary {
  const fn = "kaplanMeierSummary";
  const o = readOptions<KaplanMeierSummaryOptions>(fn, options, SUMMARY_OPTIONS_KEYS);
  const data = readSurvivalData(fn, durations, events, o.entry);
  const tallies = tallyDistinctTimes(data, maxDistinct ?? distinctTimesCap(data.n));
  return tallies === undefined ? summarySorted(data) : summaryCounted(tallies);
}

/** The summary from the exits in time order (a radix argsort of the durations) merged with the sorted entries. */
function summarySorted(data: SurvivalData): KaplanMeierSummary {
  const { t, e, entries, n } = data;
  const order = argsort(t);
  const entryOrder = entries === undefined ? new Float64Array(0) : Float64Array.from(entries).sort();
  const m = entryOrder.length;
  const rows = newRows(n + m);
  // merge the exits (in time order) with the sorted entries; −0 reads as 0 (JSON has no −0)
  let k = 0;
  let a = 0;
  while (k < n || a < m) {
    const exitTime = k < n ? t[order[k]!]! : Infinity;
    const entryTime = a < m ? entryOrder[a]! : Infinity;
    const time = Math.min(exitTime, entryTime) + 0;
    let d = 0;
    let c = 0;
    let en = 0;
    while (k < n && t[order[k]!] === time) {
      if (e[order[k]!]) d++;
      else c++;
      k++;
    }
    while (a < m && entryOrder[a] === time) {
      en++;
      a++;
    }
    addRow(rows, time, d, c, en);
  }
  return summaryOf(rows);
}

/** The summary from the tallies at the distinct times (already one row per time); −0 reads as 0. */
function summaryCounted(tallies: TimeTallies): KaplanMeierSummary {
  const m = tallies.times.length;
  const times: number[] = new Array(m);
  for (let j = 0; j < m; j++) times[j] = tallies.times[j]! + 0;
  return { kind: KIND, times, events: plain(tallies.events, m), censored: plain(tallies.censored, m), entries: plain(tallies.entries, m) };
}

/**
 * Rows of a summary being built, in typed buffers of a known maximum size: filling JavaScript
 * arrays one push at a time is several times slower for a million distinct times.
 */
interface Rows {
  m: number;
  times: Float64Array;
  events: Float64Array;
  censored: Float64Array;
  entries: Float64Array;
}

const newRows = (size: number): Rows => ({ m: 0, times: new Float64Array(size), events: new Float64Array(size), censored: new Float64Array(size), entries: new Float64Array(size) });

function addRow(rows: Rows, time: number, d: number, c: number, en: number): void {
  const j = rows.m++;
  rows.times[j] = time;
  rows.events[j] = d;
  rows.censored[j] = c;
  rows.entries[j] = en;
}

/** The summary of the rows added: plain arrays (JSON). */
function summaryOf(rows: Rows): KaplanMeierSummary {
  const m = rows.m;
  return { kind: KIND, times: plain(rows.times, m), events: plain(rows.events, m), censored: plain(rows.censored, m), entries: plain(rows.entries, m) };
}

/** The first m values of a typed array as a plain array. */
function plain(values: Float64Array, m: number): number[] {
  const out: number[] = new Array(m);
  for (let j = 0; j < m; j++) out[j] = values[j]!;
  return out;
}

/**
 * The empty Kaplan–Meier summary (no subject): the identity of {@link mergeKaplanMeierSummaries}.
 *
 * @returns A summary with no time.
 * @example
 * ```ts
 * import { emptyKaplanMeierSummary } from "cx-metrics";
 * emptyKaplanMeierSummary().times; //=> []
 * ```
 * @category Retention
 */
export function emptyKaplanMeierSummary(): KaplanMeierSummary {
  return { kind: KIND, times: [], events: [], censored: [], entries: [] };
}

const COLUMNS = ["events", "censored", "entries"] as const;

/**
 * Check a Kaplan–Meier summary read from anywhere (JSON, SQL, a worker) and return a fresh copy:
 * four arrays of one length, times finite and strictly ascending (exit times ≥ 0), whole counts,
 * no time without a count, and risk sets that can come from real subjects (at every time, the
 * subjects entered before it cover the exits up to it).
 */
function checkKaplanMeierSummary(fn: string, s: unknown, index?: number): KaplanMeierSummary {
  checkKind(fn, s, KIND, index);
  const x = s as KaplanMeierSummary;
  const at = index === undefined ? "" : ` (summary ${index})`;
  const times = x.times;
  if (!Array.isArray(times)) fail(fn, "INVALID_SUMMARY", `expected times${at} to be an array, got ${describe(times)}`, index);
  const m = times.length;
  for (const f of COLUMNS) {
    const col = x[f];
    if (!Array.isArray(col) || col.length !== m) fail(fn, "INVALID_SUMMARY", `expected ${f}${at} to be an array of the length of times (${m}), got ${describe(col)}`, index);
  }
  const rows = newRows(m);
  let n = 0;
  let entered = 0;
  for (let j = 0; j < m; j++) {
    const time = times[j];
    if (typeof time !== "number" || !Number.isFinite(time) || (j > 0 && !(time > times[j - 1]!))) {
      fail(fn, "INVALID_SUMMARY", `expected times${at} to be finite numbers in strictly ascending order, got ${describe(time)} at position ${j}`, index);
    }
    const d = countAt(fn, x.events, "events", j, index);
    const c = countAt(fn, x.censored, "censored", j, index);
    const en = countAt(fn, x.entries, "entries", j, index);
    if (d + c + en === 0) fail(fn, "INVALID_SUMMARY", `expected an event, censoring or entry at time ${time}${at}`, index);
    if (d + c > 0 && time < 0) fail(fn, "INVALID_SUMMARY", `expected exits at times >= 0${at}, got ${d + c} at ${time}`, index);
    addRow(rows, time + 0, d, c, en);
    n += d + c;
    entered += en;
  }
  // risk sets: (n − Σ entries) at risk from the start, and every exit after its entry
  let atRisk = n - entered;
  if (atRisk < 0) fail(fn, "INVALID_SUMMARY", `expected no more entries (${entered}) than subjects (${n})${at}`, index);
  for (let j = 0; j < m; j++) {
    const exits = rows.events[j]! + rows.censored[j]!;
    if (exits > atRisk) fail(fn, "INVALID_SUMMARY", `expected the ${exits} exits at time ${rows.times[j]}${at} to be among the ${atRisk} subjects at risk`, index);
    atRisk += rows.entries[j]! - exits;
  }
  return summaryOf(rows);
}

/** The count `column[j]`: a whole number ≥ 0. */
function countAt(fn: string, column: readonly unknown[], name: string, j: number, index: number | undefined): number {
  const v = column[j];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    fail(fn, "INVALID_SUMMARY", `expected ${name}[${j}]${index === undefined ? "" : ` (summary ${index})`} to be a whole non-negative number, got ${describe(v)}`, index);
  }
  return v;
}

/**
 * Merge two checked summaries (a merge-join of the sorted times; counts add).
 */
function mergeTwo(a: KaplanMeierSummary, b: KaplanMeierSummary): KaplanMeierSummary {
  let i = 0;
  let j = 0;
  const na = a.times.length;
  const nb = b.times.length;
  const rows = newRows(na + nb);
  while (i < na || j < nb) {
    const ta = i < na ? a.times[i]! : Infinity;
    const tb = j < nb ? b.times[j]! : Infinity;
    const time = ta <= tb ? ta : tb;
    let d = 0;
    let c = 0;
    let en = 0;
    if (ta === time) {
      d += a.events[i]!;
      c += a.censored[i]!;
      en += a.entries[i]!;
      i++;
    }
    if (tb === time) {
      d += b.events[j]!;
      c += b.censored[j]!;
      en += b.entries[j]!;
      j++;
    }
    addRow(rows, time, d, c, en);
  }
  return summaryOf(rows);
}

/**
 * Merge Kaplan–Meier summaries (of shards, chunks or workers) into one.
 *
 * Definition: the union of the times, with the events, censorings and entries at equal times
 * added. Associative and commutative, exact (whole counts), with {@link emptyKaplanMeierSummary}
 * as identity. Any split of the subjects merges: each subject's exit (and entry) is in one
 * summary. Subjects without an entry time are at risk from the start, so merging a summary made
 * without `entry` with one made with it treats the first as entered before everything.
 * O(total distinct times).
 *
 * @param summaries - One or more summaries.
 * @returns A new summary; the inputs are not changed.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` for a malformed summary (with its position),
 * `EMPTY_INPUT` when called with no summary.
 * @example
 * ```ts
 * import { kaplanMeier, kaplanMeierFromSummary, kaplanMeierSummary, mergeKaplanMeierSummaries } from "cx-metrics";
 * const s = mergeKaplanMeierSummaries(kaplanMeierSummary([1, 2], [1, 1]), kaplanMeierSummary([3, 4], [1, 1]));
 * Array.from(kaplanMeierFromSummary(s).survival); //=> [0.75, 0.5, 0.25, 0]
 * ```
 * @category Retention
 */
export function mergeKaplanMeierSummaries(...summaries: KaplanMeierSummary[]): KaplanMeierSummary {
  const fn = "mergeKaplanMeierSummaries";
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  let out = checkKaplanMeierSummary(fn, summaries[0], 0);
  for (let i = 1; i < summaries.length; i++) out = mergeTwo(out, checkKaplanMeierSummary(fn, summaries[i], i));
  return out;
}

/**
 * Finish a checked summary; `EMPTY_INPUT` when it has no subject.
 */
/**
 * Finish a {@link KaplanMeierSummary} into the Kaplan–Meier curve: exactly the
 * {@link KaplanMeierResult} that {@link kaplanMeier} gives for the same subjects and confidence.
 *
 * Definition: the risk set at each event time t is (subjects without entry) + (entries before t)
 * − (exits before t); then the product-limit estimate, Greenwood's standard error, the log-log
 * band and R's and lifelines' medians, as {@link kaplanMeier} documents them (one finisher serves
 * both). O(distinct times).
 *
 * @param summary - From {@link kaplanMeierSummary}, {@link mergeKaplanMeierSummaries} or JSON.
 * @param options - `confidence` (default 0.95).
 * @returns The {@link KaplanMeierResult}.
 * @throws {@link CxMetricsError} `EMPTY_INPUT` when the summary has no subject, `INVALID_SUMMARY`
 * for a malformed summary, `INVALID_OPTION` for a bad option.
 * @example
 * ```ts
 * import { kaplanMeierFromSummary, kaplanMeierSummary } from "cx-metrics";
 * const km = kaplanMeierFromSummary(kaplanMeierSummary([1, 2, 3, 4], [1, 1, 1, 1]));
 * km.median; //=> 2.5
 * ```
 * @example
 * ```ts
 * import { kaplanMeierFromSummary, emptyKaplanMeierSummary } from "cx-metrics";
 * kaplanMeierFromSummary(emptyKaplanMeierSummary()); // throws EMPTY_INPUT
 * ```
 * @category Retention
 */
export function kaplanMeierFromSummary(summary: KaplanMeierSummary, options?: KaplanMeierFinishOptions): KaplanMeierResult {
  const fn = "kaplanMeierFromSummary";
  const o = readOptions<KaplanMeierFinishOptions>(fn, options, FINISH_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  return finishTallies(fn, checkKaplanMeierSummary(fn, summary), confidence);
}

/**
 * The Kaplan–Meier tallies as a {@link SummaryKind}: `empty`, `merge`, `check`, `count` (the
 * subjects, Σ events + Σ censored) and `finish` (the curve, {@link kaplanMeierFromSummary}), for
 * the portfolio, SQL push-down, rolling windows and stored summaries.
 *
 * Definition: see {@link kaplanMeierSummary} and {@link mergeKaplanMeierSummaries}; mergeable
 * across any shards of the subjects. `finish` of a summary without subjects throws `EMPTY_INPUT`.
 * @example
 * ```ts
 * import { kaplanMeierKind, kaplanMeierSummary } from "cx-metrics";
 * const s = kaplanMeierKind.merge(kaplanMeierSummary([1, 2], [1, 0]), kaplanMeierKind.empty());
 * [kaplanMeierKind.count(s), kaplanMeierKind.finish(s).medianFirstBelow]; //=> [2, 1]
 * ```
 * @category Retention
 */
export const kaplanMeierKind = /* @__PURE__ */ defineSummaryKind<KaplanMeierSummary, KaplanMeierResult, void, KaplanMeierFinishOptions>({
  kind: KIND,
  empty: () => emptyKaplanMeierSummary(),
  merge: (...summaries) => mergeKaplanMeierSummaries(...summaries),
  check: (summary, index) => checkKaplanMeierSummary("kaplanMeierKind.check", summary, index),
  count: (summary) => {
    let n = 0;
    for (let j = 0; j < summary.times.length; j++) n += summary.events[j]! + summary.censored[j]!;
    return n;
  },
  finish: (summary, options) => kaplanMeierFromSummary(summary, options),
});
