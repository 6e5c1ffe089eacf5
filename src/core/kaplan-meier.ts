import { zCritical } from "./critical";
import { fail } from "./errors";
import { type ArrowVectorLike, describe, keysOf, readConfidence, readOptions, toArrayLike, unBigInt } from "./input";
import { argsort } from "./sort";

const KAPLAN_MEIER_OPTIONS_KEYS = /* @__PURE__ */ keysOf<KaplanMeierOptions>()("entry", "confidence");

/**
 * Options of {@link kaplanMeier}.
 * @category Retention
 */
export interface KaplanMeierOptions {
  /** Entry times for late entry (left truncation): subject i is at risk on (entry[i], duration[i]]. */
  entry?: ArrayLike<number>;
  /** Confidence level of the band and of the median's interval; default 0.95. */
  confidence?: number;
}

/**
 * A Kaplan–Meier survival curve. Arrays are aligned with the distinct event times (no leading
 * S(0) = 1).
 * @category Retention
 */
export interface KaplanMeierResult {
  /** Distinct times with at least one event, ascending. */
  times: Float64Array;
  /** Subjects at risk just before each time (censored at the time count as at risk). */
  atRisk: Float64Array;
  /** Events at each time. */
  events: Float64Array;
  /** Censorings at each event time (censorings between event times are in `censoredTotal`). */
  censored: Float64Array;
  /** S(t) just after each time. */
  survival: Float64Array;
  /** Greenwood standard error of S(t); 0 where S(t) = 0 (as lifelines; R reports NaN). */
  se: Float64Array;
  /** Log-log confidence band; equal to S(t) = 0 where the curve reaches 0 (R reports NA there). */
  lower: Float64Array;
  upper: Float64Array;
  confidence: number;
  /** Median survival by R's rule (the midpoint where S is exactly ½ on a step); `null`: not reached. */
  median: number | null;
  /** Median by lifelines' rule: the first time with S(t) ≤ ½; `null`: not reached. */
  medianFirstBelow: number | null;
  /**
   * Confidence interval of the median by R's rule: the median of the lower band and of the upper
   * band, skipping points where the band is undefined (S = 0); a `null` end is not reached.
   */
  medianCi: [number | null, number | null];
  /** Subjects, events and censorings in total; the largest time observed. */
  n: number;
  eventsTotal: number;
  censoredTotal: number;
  maxTime: number;
}

function readEvent(fn: string, v: unknown, i: number): number {
  if (v === 1 || v === true) return 1;
  if (v === 0 || v === false) return 0;
  return fail(fn, "INVALID_SCORE", `expected an event flag (1/true: event, 0/false: censored) at index ${i}, got ${describe(v)}`, i);
}

/**
 * Kaplan–Meier estimate of the survival function from durations with censoring, optionally with
 * late entry.
 *
 * Definition (Kaplan & Meier 1958): at each distinct event time t_j with d_j events among n_j
 * subjects at risk, S(t_j) = Π_{i ≤ j}(1 − d_i/n_i). A subject censored at t_j is at risk at t_j
 * (events happen first). With `entry`, subject i is at risk at t iff entry_i < t ≤ duration_i (the
 * counting-process convention of R's `Surv(entry, exit, event)`). Standard error: Greenwood,
 * Var S = S²·Σ d_i/(n_i(n_i − d_i)). Band: log-log, exp(−exp(log(−log S) ± z·σ/|log S|)) with
 * σ² = Σ d_i/(n_i(n_i − d_i)) — the default of R's `survfit(conf.type = "log-log")` and lifelines.
 * Median: R's rule (`median`), and the first time with S ≤ ½ (`medianFirstBelow`, lifelines);
 * they differ only when S is exactly ½ on a step; `null` means "not reached". O(n): with few distinct
 * times (at most n/8, up to 65,536) one counting pass tallies them and only they are sorted, otherwise
 * a radix sort of the durations; the result is the same.
 *
 * @param durations - Time to the event or to censoring, finite and ≥ 0.
 * @param events - 1/true for an event, 0/false for censored.
 * @param options - `entry`, `confidence`.
 * @returns The {@link KaplanMeierResult}.
 * @throws {@link CxMetricsError} `NON_FINITE` / `OUT_OF_RANGE` (a negative duration, an entry not
 * before its exit) / `INVALID_SCORE` (an event flag other than 0/1/boolean), with the index;
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { kaplanMeier } from "cx-metrics";
 * const km = kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]);
 * Array.from(km.survival); //=> [0.75, 0.5, 0.25, 0]
 * km.median;           //=> 2.5 (R: midpoint of the step at ½)
 * km.medianFirstBelow; //=> 2 (lifelines)
 * ```
 * @category Retention
 */
export function kaplanMeier(
  durations: ArrayLike<number | bigint> | Iterable<number | bigint> | ArrowVectorLike,
  events: ArrayLike<number | boolean | bigint> | Iterable<number | boolean | bigint> | ArrowVectorLike,
  options?: KaplanMeierOptions,
): KaplanMeierResult {
  return kaplanMeierCapped(durations, events, options, undefined);
}

/**
 * {@link kaplanMeier} with the most distinct times its counting path tallies before it falls back
 * to the radix sort: `undefined` for the default ({@link distinctTimesCap}), 0 to always sort,
 * `Infinity` to always count. Both paths give the same result; the tests compare them.
 * @internal
 * @example
 * ```ts
 * Array.from(kaplanMeierCapped([1, 2, 2], [1, 1, 0], undefined, 0).atRisk); //=> [3, 2]
 * ```
 */
export function kaplanMeierCapped(durations: unknown, events: unknown, options: KaplanMeierOptions | undefined, maxDistinct: number | undefined): KaplanMeierResult {
  const fn = "kaplanMeier";
  const o = readOptions<KaplanMeierOptions>(fn, options, KAPLAN_MEIER_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const data = readSurvivalData(fn, durations, events, o.entry);
  if (data.n === 0) fail(fn, "EMPTY_INPUT", "expected at least one duration");
  const tallies = tallyDistinctTimes(data, maxDistinct ?? distinctTimesCap(data.n));
  return tallies === undefined ? kaplanMeierSorted(data, confidence) : finishTallies("kaplanMeier", tallies, confidence);
}

/** The curve from the exits in time order (a radix argsort of the durations); entries (sorted) are counted in as they pass. */
function kaplanMeierSorted(data: SurvivalData, confidence: number): KaplanMeierResult {
  const { t, e, entries, n, maxTime } = data;
  const order = argsort(t);
  const entryOrder = entries === undefined ? undefined : Float64Array.from(entries).sort();
  const timesAll = new Float64Array(n);
  const atRiskAll = new Float64Array(n);
  const evAll = new Float64Array(n);
  const censAll = new Float64Array(n);
  let m = 0;
  let exitedBefore = 0; // subjects whose exit is before the current time
  let entered = 0; // late entrants with entry < current time
  let eventsTotal = 0;
  for (let k = 0; k < n; ) {
    const time = t[order[k]!]!;
    let d = 0;
    let c = 0;
    let j = k;
    while (j < n && t[order[j]!] === time) {
      if (e[order[j]!]) d++;
      else c++;
      j++;
    }
    if (d > 0) {
      let risk: number;
      if (entryOrder === undefined) risk = n - exitedBefore;
      else {
        while (entered < n && entryOrder[entered]! < time) entered++;
        risk = entered - exitedBefore;
      }
      timesAll[m] = time;
      atRiskAll[m] = risk;
      evAll[m] = d;
      censAll[m] = c;
      m++;
      eventsTotal += d;
    }
    exitedBefore += j - k;
    k = j;
  }
  return finishKaplanMeier(timesAll.slice(0, m), atRiskAll.slice(0, m), evAll.slice(0, m), censAll.slice(0, m), n, eventsTotal, maxTime, confidence);
}

/** The curve from the tallies at the distinct times: the same sweep as {@link kaplanMeierSorted}, one row per time. */
/**
 * The Kaplan–Meier curve from tallies per distinct time (ascending): the risk set at each event
 * time is (subjects without an entry time) + (entries before it) − (exits before it), then
 * {@link finishKaplanMeier}. Serves the counting path of {@link kaplanMeier} and
 * `kaplanMeierFromSummary`. O(distinct times).
 * @internal
 * @example
 * ```ts
 * const t = { times: [1, 2], events: [1, 1], censored: [0, 0], entries: [0, 0] };
 * finishTallies("f", t, 0.95).survival; //=> Float64Array [0.5, 0]
 * finishTallies("f", { times: [], events: [], censored: [], entries: [] }, 0.95); // throws EMPTY_INPUT
 * ```
 */
export function finishTallies(fn: string, tallies: { readonly [K in keyof TimeTallies]: ArrayLike<number> }, confidence: number): KaplanMeierResult {
  const { times: at, events, censored, entries } = tallies;
  const m = at.length;
  let n = 0;
  let entered = 0;
  let distinctEventTimes = 0;
  for (let j = 0; j < m; j++) {
    n += events[j]! + censored[j]!;
    entered += entries[j]!;
    if (events[j]! > 0) distinctEventTimes++;
  }
  if (n === 0) fail(fn, "EMPTY_INPUT", "expected at least one duration");
  const times = new Float64Array(distinctEventTimes);
  const atRisk = new Float64Array(distinctEventTimes);
  const ev = new Float64Array(distinctEventTimes);
  const cens = new Float64Array(distinctEventTimes);
  let risk = n - entered; // at risk from the start
  let eventsTotal = 0;
  let maxTime = 0;
  let k = 0;
  for (let j = 0; j < m; j++) {
    const d = events[j]!;
    const c = censored[j]!;
    if (d > 0) {
      times[k] = at[j]!;
      atRisk[k] = risk;
      ev[k] = d;
      cens[k] = c;
      k++;
      eventsTotal += d;
    }
    if (d + c > 0 && at[j]! > maxTime) maxTime = at[j]!;
    risk += entries[j]! - d - c;
  }
  return finishKaplanMeier(times, atRisk, ev, cens, n, eventsTotal, maxTime, confidence);
}

/**
 * The default most distinct times (exits and entries together) that {@link tallyDistinctTimes}
 * counts for n subjects before it gives up: n/8, at most 65,536 (a hash table of at most 262,144
 * slots, 5 MB). Giving up costs at most one pass over the subjects; below it, one counting pass
 * and a sort of the distinct times replace the sort of all n.
 * @internal
 * @example
 * ```ts
 * distinctTimesCap(1e6); //=> 65536
 * ```
 */
export function distinctTimesCap(n: number): number {
  return Math.min(65536, Math.floor(n / 8));
}

/**
 * Events, censorings and entries at each distinct time (exit or entry), ascending: the rows of a
 * Kaplan–Meier summary, which {@link kaplanMeier} sweeps once.
 * @internal
 */
export interface TimeTallies {
  /** Distinct times, strictly ascending (no −0: see {@link tallyDistinctTimes}). */
  times: Float64Array;
  events: Float64Array;
  censored: Float64Array;
  entries: Float64Array;
}

/**
 * The first slot to probe for a time whose IEEE-754 words are lo and hi: the top bits of a
 * multiplicative hash. The sign bit is dropped so that −0 and 0, equal keys, hash alike.
 */
function hashSlot(lo: number, hi: number, shift: number): number {
  let h = (hi & 0x7fffffff) ^ Math.imul(lo, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x9e3779b1) >>> shift;
}

/**
 * An open-addressing hash table (linear probing from {@link hashSlot}, load ≤ ¼: few second probes) from a time to
 * its slot, with the exits, events and entries counted at each slot. Empty slots hold NaN (times
 * are never NaN). The tally loops probe it inline and call {@link TimeTable.add} for a new time.
 */
class TimeTable {
  keys: Float64Array;
  exits: Int32Array;
  events: Int32Array;
  entries: Int32Array;
  /** Slots in use. */
  m = 0;
  /** 32 − log2(slots). */
  shift: number;
  constructor(
    slots: number,
    /** Most distinct times before {@link TimeTable.add} gives up. */
    readonly cap: number,
  ) {
    this.keys = new Float64Array(slots).fill(NaN);
    this.exits = new Int32Array(slots);
    this.events = new Int32Array(slots);
    this.entries = new Int32Array(slots);
    this.shift = 32 - Math.log2(slots);
  }

  /** Add the time x (words lo, hi), not in the table: its slot, or −1 when the table holds `cap` times already. */
  add(x: number, lo: number, hi: number): number {
    if (this.m >= this.cap) return -1;
    if (4 * (this.m + 1) > this.keys.length) this.grow();
    this.m++;
    return this.place(x, lo, hi);
  }

  /** Put x (not in the table) in the first empty slot of its probe. */
  private place(x: number, lo: number, hi: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let s = hashSlot(lo, hi, this.shift);
    while (keys[s] === keys[s]) s = (s + 1) & mask;
    keys[s] = x;
    return s;
  }

  /** Double the slots and re-insert the times with their counts. */
  private grow(): void {
    const { keys, exits, events, entries } = this;
    const slots = keys.length * 2;
    this.keys = new Float64Array(slots).fill(NaN);
    this.exits = new Int32Array(slots);
    this.events = new Int32Array(slots);
    this.entries = new Int32Array(slots);
    this.shift--;
    const word = new Float64Array(1);
    const words = new Int32Array(word.buffer);
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s]!;
      if (k !== k) continue;
      word[0] = k;
      const to = this.place(k, words[0]!, words[1]!);
      this.exits[to] = exits[s]!;
      this.events[to] = events[s]!;
      this.entries[to] = entries[s]!;
    }
  }
}

/**
 * The counting path of {@link kaplanMeier} and `kaplanMeierSummary`: one pass over the durations
 * (and one over the entry times) tallies exits, events and entries per distinct time in a hash
 * table, then only the distinct times are sorted. Returns `undefined` — the caller then sorts all
 * the durations — when there are more than `maxDistinct` distinct times, when a duration is −0
 * (the sort path keeps whether an output time is −0 or 0 exactly as before), or for 2³¹ subjects
 * or more (32-bit counts). The counts are whole numbers, so the curve is the same either way.
 * @internal
 * @example
 * ```ts
 * Array.from(tallyDistinctTimes(readSurvivalData("kaplanMeier", [2, 1, 2], [1, 0, 0], undefined), 10).censored); //=> [1, 1]
 * ```
 */
export function tallyDistinctTimes(data: SurvivalData, maxDistinct: number): TimeTallies | undefined {
  const { t, e, entries, n } = data;
  if (!(maxDistinct >= 1) || n >= 2 ** 31) return undefined;
  const table = new TimeTable(64, maxDistinct);
  if (!tallyExits(table, t, e, n)) return undefined;
  if (entries !== undefined && !tallyEntries(table, entries, n)) return undefined;
  // the distinct times, sorted
  const m = table.m;
  const keys = table.keys;
  const slotOfRow = new Int32Array(m);
  const distinct = new Float64Array(m);
  for (let s = 0, j = 0; s < keys.length; s++) {
    const k = keys[s]!;
    if (k !== k) continue;
    slotOfRow[j] = s;
    distinct[j++] = k;
  }
  const order = argsort(distinct);
  const out: TimeTallies = { times: new Float64Array(m), events: new Float64Array(m), censored: new Float64Array(m), entries: new Float64Array(m) };
  for (let j = 0; j < m; j++) {
    const s = slotOfRow[order[j]!]!;
    out.times[j] = distinct[order[j]!]!;
    out.events[j] = table.events[s]!;
    out.censored[j] = table.exits[s]! - table.events[s]!;
    out.entries[j] = table.entries[s]!;
  }
  return out;
}

/** Count each duration's exit (and event) in the table; false when the table is full or a duration is −0. */
function tallyExits(table: TimeTable, t: Float64Array, e: Uint8Array, n: number): boolean {
  const words = new Int32Array(t.buffer, t.byteOffset, 2 * n);
  for (let i = countKnownExits(table.keys, table.shift, table.exits, table.events, words, t, e, 0); i < n; i = countKnownExits(table.keys, table.shift, table.exits, table.events, words, t, e, i + 1)) {
    // subject i's time is new to the table (or −0)
    const hi = words[2 * i + 1]!;
    if (hi < 0) return false; // −0: durations are never negative
    const s = table.add(t[i]!, words[2 * i]!, hi);
    if (s < 0) return false;
    table.exits[s]!++;
    table.events[s]! += e[i]!;
  }
  return true;
}

/**
 * Count the exits and events of subjects from `from` on, as long as their times are in the table:
 * the index of the first subject whose time is not (or is −0), or n. The hot loop of the counting
 * path, with no call in it.
 */
function countKnownExits(keys: Float64Array, shift: number, exits: Int32Array, events: Int32Array, words: Int32Array, t: Float64Array, e: Uint8Array, from: number): number {
  const n = t.length;
  const mask = keys.length - 1;
  for (let i = from; i < n; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    if (hi < 0) return i;
    const x = t[i]!;
    let s = hashSlot(lo, hi, shift);
    for (;;) {
      const k = keys[s]!;
      if (k === x) break;
      if (k !== k) return i;
      s = (s + 1) & mask;
    }
    exits[s]!++;
    events[s]! += e[i]!;
  }
  return n;
}

/** Count each entry time in the table; false when the table is full. */
function tallyEntries(table: TimeTable, entries: Float64Array, n: number): boolean {
  const words = new Int32Array(entries.buffer, entries.byteOffset, 2 * n);
  for (let i = countKnownEntries(table.keys, table.shift, table.entries, words, entries, 0); i < n; i = countKnownEntries(table.keys, table.shift, table.entries, words, entries, i + 1)) {
    const s = table.add(entries[i]!, words[2 * i]!, words[2 * i + 1]!);
    if (s < 0) return false;
    table.entries[s]!++;
  }
  return true;
}

/** Count the entries from `from` on, as long as their times are in the table: the index of the first that is not, or n. */
function countKnownEntries(keys: Float64Array, shift: number, counts: Int32Array, words: Int32Array, entries: Float64Array, from: number): number {
  const n = entries.length;
  const mask = keys.length - 1;
  for (let i = from; i < n; i++) {
    const x = entries[i]!;
    let s = hashSlot(words[2 * i]!, words[2 * i + 1]!, shift);
    for (;;) {
      const k = keys[s]!;
      if (k === x) break;
      if (k !== k) return i;
      s = (s + 1) & mask;
    }
    counts[s]!++;
  }
  return n;
}

/**
 * Durations, event flags and entry times read and checked: the input of {@link kaplanMeier} and of
 * `kaplanMeierSummary`.
 * @internal
 */
export interface SurvivalData {
  /** Durations (finite, ≥ 0); the caller's own Float64Array when it was one: read, never written. */
  t: Float64Array;
  /** 1 for an event, 0 for censored; the caller's own Uint8Array when it was one. */
  e: Uint8Array;
  /** Entry times (finite, each before its duration), when given. */
  entries: Float64Array | undefined;
  n: number;
  /** The largest duration (0 when there is none). */
  maxTime: number;
}

/**
 * Read and check durations, event flags and (optional) entry times under the name `fn`: arrays,
 * typed arrays, Arrow vectors or iterables; an exact bigint is its number.
 * @internal
 * @example
 * ```ts
 * readSurvivalData("kaplanMeier", [2, 1], [1, 0], undefined).maxTime; //=> 2
 * ```
 */
export function readSurvivalData(fn: string, durations: unknown, events: unknown, entryOption: unknown): SurvivalData {
  const durationValues = toArrayLike(fn, durations, "durations to be an array, typed array, Arrow vector or iterable");
  const eventValues = toArrayLike(fn, events, "events to be an array, typed array, Arrow vector or iterable");
  const entry = entryOption === undefined ? undefined : toArrayLike(fn, entryOption, "entry to be an array, typed array, Arrow vector or iterable");
  const n = durationValues.length;
  if (eventValues.length !== n || (entry !== undefined && entry.length !== n)) {
    fail(fn, "LENGTH_MISMATCH", `expected durations, events${entry ? " and entry" : ""} of equal length ${n}`);
  }
  // a Float64Array of valid durations and a Uint8Array of 0/1 flags are used as they are (never
  // written); anything else, or an array with a bad value, goes through the generic loops, which
  // throw the same error at the same index whatever the path
  let t: Float64Array;
  let e: Uint8Array;
  let maxTime = durationValues instanceof Float64Array ? checkDurations(durationValues) : -1;
  if (maxTime >= 0) t = durationValues as Float64Array;
  else {
    t = new Float64Array(n);
    e = new Uint8Array(n);
    maxTime = readExits(fn, durationValues, eventValues, t, e);
  }
  e ??= eventValues instanceof Uint8Array && checkEvents(eventValues) ? eventValues : readEvents(fn, eventValues, n);
  let entries: Float64Array | undefined;
  if (entry !== undefined) {
    entries = new Float64Array(n);
    if (!(entry instanceof Float64Array && copyEntries(entry, t, entries))) readEntries(fn, entry, t, entries);
  }
  return { t, e, entries, n, maxTime };
}

/** The largest of durations that are all finite and ≥ 0 (0 for none); −1 when one is not. */
function checkDurations(values: Float64Array): number {
  let maxTime = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]!;
    if (!(d >= 0 && d <= Number.MAX_VALUE)) return -1;
    if (d > maxTime) maxTime = d;
  }
  return maxTime;
}

/** Whether every event flag is 0 or 1. */
function checkEvents(values: Uint8Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! > 1) return false;
  return true;
}

/** Copy entry times that are all finite and before their durations into entries; false at the first other value. */
function copyEntries(values: Float64Array, t: Float64Array, entries: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const a = values[i]!;
    if (!(a >= -Number.MAX_VALUE && a < t[i]!)) return false;
    entries[i] = a;
  }
  return true;
}

/** Read and check durations and event flags of any kind into t and e (index by index); the largest duration. */
function readExits(fn: string, durationValues: ArrayLike<unknown>, eventValues: ArrayLike<unknown>, t: Float64Array, e: Uint8Array): number {
  let maxTime = 0;
  for (let i = 0; i < t.length; i++) {
    const raw = durationValues[i];
    const d = unBigInt(raw);
    if (typeof d !== "number") fail(fn, "INVALID_SCORE", `expected a numeric duration at index ${i}, got ${describe(d)}`, i);
    if (!Number.isFinite(d)) fail(fn, "NON_FINITE", `expected a finite duration at index ${i}, got ${d}`, i);
    if (d < 0) fail(fn, "OUT_OF_RANGE", `expected a duration >= 0 at index ${i}, got ${d}`, i);
    t[i] = d;
    const ev = eventValues[i];
    e[i] = readEvent(fn, unBigInt(ev), i);
    if (d > maxTime) maxTime = d;
  }
  return maxTime;
}

/** Read and check n event flags of any kind. */
function readEvents(fn: string, eventValues: ArrayLike<unknown>, n: number): Uint8Array {
  const e = new Uint8Array(n);
  for (let i = 0; i < n; i++) e[i] = readEvent(fn, unBigInt(eventValues[i]), i);
  return e;
}

/** Read and check entry times of any kind into entries: finite, each before its duration. */
function readEntries(fn: string, entry: ArrayLike<unknown>, t: Float64Array, entries: Float64Array): void {
  for (let i = 0; i < entries.length; i++) {
    const rawEntry = entry[i];
    const a = unBigInt(rawEntry);
    if (typeof a !== "number" || !Number.isFinite(a)) fail(fn, "NON_FINITE", `expected a finite entry time at index ${i}, got ${describe(a)}`, i);
    if (!(a < t[i]!)) fail(fn, "OUT_OF_RANGE", `expected entry < duration at index ${i}, got entry ${a} and duration ${t[i]}`, i);
    entries[i] = a;
  }
}

/**
 * The curve from the tallies at the distinct event times (times ascending, each with events > 0):
 * product-limit survival, Greenwood se, log-log band and the medians. The one finisher of
 * {@link kaplanMeier} and `kaplanMeierFromSummary`; takes ownership of the arrays.
 * @internal
 * @example
 * ```ts
 * finishKaplanMeier(Float64Array.of(1), Float64Array.of(2), Float64Array.of(1), Float64Array.of(0), 2, 1, 3, 0.95).medianFirstBelow; //=> 1
 * ```
 */
export function finishKaplanMeier(
  times: Float64Array,
  atRisk: Float64Array,
  ev: Float64Array,
  censored: Float64Array,
  n: number,
  eventsTotal: number,
  maxTime: number,
  confidence: number,
): KaplanMeierResult {
  const m = times.length;
  const survival = new Float64Array(m);
  const se = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  const z = zCritical(confidence);
  let s = 1;
  let v = 0; // Σ d/(n(n − d))
  for (let j = 0; j < m; j++) {
    const nj = atRisk[j]!;
    const dj = ev[j]!;
    s *= 1 - dj / nj;
    v += nj > dj ? dj / (nj * (nj - dj)) : Infinity;
    survival[j] = s;
    if (s > 0 && s < 1) {
      se[j] = s * Math.sqrt(v);
      const logS = Math.log(s);
      const h = (z * Math.sqrt(v)) / Math.abs(logS);
      lower[j] = Math.exp(-Math.exp(Math.log(-logS) + h));
      upper[j] = Math.exp(-Math.exp(Math.log(-logS) - h));
    } else {
      se[j] = 0;
      lower[j] = s;
      upper[j] = s;
    }
  }
  // Median by R's rule (quantile.survfit): the first time the curve is at or below ½ with a
  // tolerance of 2⁻²⁶; where it equals ½ on a step, the midpoint to the next event time (or, on the
  // last step, to the largest observed time). Points where the curve is undefined are skipped.
  const rMedian = (curve: Float64Array, defined: (j: number) => boolean): number | null => {
    const eps = 2 ** -26;
    for (let j = 0; j < m; j++) {
      if (!defined(j)) continue;
      const v = curve[j]!;
      if (Math.abs(v - 0.5) < eps) return (times[j]! + (j + 1 < m ? times[j + 1]! : maxTime)) / 2;
      if (v < 0.5) return times[j]!;
    }
    return null;
  };
  const all = () => true;
  const bandDefined = (j: number) => survival[j]! > 0;
  let medianFirstBelow: number | null = null;
  for (let j = 0; j < m; j++) {
    if (survival[j]! <= 0.5 + 2 ** -52) {
      medianFirstBelow = times[j]!;
      break;
    }
  }
  return {
    times,
    atRisk,
    events: ev,
    censored,
    survival,
    se,
    lower,
    upper,
    confidence,
    median: rMedian(survival, all),
    medianFirstBelow,
    // the lower band reaches ½ first: it gives the lower limit (R's survfit)
    medianCi: [rMedian(lower, bandDefined), rMedian(upper, bandDefined)],
    n,
    eventsTotal,
    censoredTotal: n - eventsTotal,
    maxTime,
  };
}

/**
 * Survival probability at time t from a {@link kaplanMeier} curve: the value of the step at the
 * largest event time ≤ t, and 1 before the first event.
 *
 * @param curve - A Kaplan–Meier result.
 * @param t - The time (≥ 0).
 * @returns S(t).
 * @throws {@link CxMetricsError} `NON_FINITE` / `OUT_OF_RANGE` for a bad t; `INVALID_INPUT` for a malformed
 * curve (a time that is not a number >= 0, or a survival outside [0, 1], where the search reads it).
 * @example
 * ```ts
 * import { kaplanMeier, survivalAt } from "cx-metrics";
 * survivalAt(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]), 2.7); //=> 0.5
 * ```
 * @category Retention
 */
export function survivalAt(curve: Pick<KaplanMeierResult, "times" | "survival">, t: number): number {
  const fn = "survivalAt";
  checkCurve(fn, curve);
  if (typeof t !== "number" || !Number.isFinite(t)) fail(fn, "NON_FINITE", `expected a finite time, got ${describe(t)}`);
  if (t < 0) fail(fn, "OUT_OF_RANGE", `expected a time >= 0, got ${t}`);
  let lo = 0;
  let hi = curve.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const time = curve.times[mid];
    if (typeof time !== "number" || !(time >= 0)) badPoint(fn, "times", mid, time);
    if (time <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 1;
  const s = curve.survival[lo - 1];
  if (typeof s !== "number" || !(s >= 0 && s <= 1)) badPoint(fn, "survival", lo - 1, s);
  return s;
}

/** A point of a curve that is not a time >= 0 or a survival in [0, 1] (a curve from JSON or built by hand). */
function badPoint(fn: string, field: "times" | "survival", j: number, v: unknown): never {
  return fail(fn, "INVALID_INPUT", `expected the curve's ${field} at index ${j} to be ${field === "times" ? "a time >= 0" : "a survival probability in [0, 1]"}, got ${describe(v)}`, j);
}

/**
 * Restricted mean survival time up to τ: the area under the Kaplan–Meier step function from 0 to
 * τ (S = 1 before the first event), the expected time "survived" within the first τ.
 *
 * @param curve - A Kaplan–Meier result.
 * @param tau - The horizon (≥ 0).
 * @returns ∫₀^τ S(t) dt.
 * @throws {@link CxMetricsError} `NON_FINITE` / `OUT_OF_RANGE` for a bad τ; `INVALID_INPUT` for a
 * malformed curve (times not sorted numbers >= 0, survival outside [0, 1]).
 * @example
 * ```ts
 * import { kaplanMeier, restrictedMeanSurvival } from "cx-metrics";
 * restrictedMeanSurvival(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]), 4); //=> 2.5
 * ```
 * @category Retention
 */
export function restrictedMeanSurvival(curve: Pick<KaplanMeierResult, "times" | "survival">, tau: number): number {
  const fn = "restrictedMeanSurvival";
  checkCurve(fn, curve);
  if (typeof tau !== "number" || !Number.isFinite(tau)) fail(fn, "NON_FINITE", `expected a finite tau, got ${describe(tau)}`);
  if (tau < 0) fail(fn, "OUT_OF_RANGE", `expected tau >= 0, got ${tau}`);
  let area = 0;
  let previous = 0;
  let s = 1;
  for (let j = 0; j < curve.times.length; j++) {
    const time = curve.times[j]!;
    if (typeof time !== "number" || !(time >= previous) || time === Infinity) badPoint(fn, "times", j, time);
    if (time >= tau) break;
    area += s * (time - previous);
    previous = time;
    s = curve.survival[j]!;
    if (typeof s !== "number" || !(s >= 0 && s <= 1)) badPoint(fn, "survival", j, s);
  }
  return area + s * (tau - previous);
}

const isLength = (n: unknown): boolean => typeof n === "number" && Number.isInteger(n) && n >= 0 && n < 2 ** 32;

/** A curve must have `times` and `survival` of one length (a result of kaplanMeier, or `.curve` of retentionCurve). */
function checkCurve(fn: string, curve: unknown): void {
  const c = curve as { times?: ArrayLike<number>; survival?: ArrayLike<number> } | null;
  const ok = c !== null && typeof c === "object" && c.times !== null && typeof c.times === "object" && isLength(c.times.length) && c.survival !== null && typeof c.survival === "object" && c.survival.length === c.times.length;
  if (!ok) fail(fn, "INVALID_INPUT", `expected a Kaplan–Meier curve with times and survival (a result of kaplanMeier, or the curve of retentionCurve), got ${describe(curve)}`);
}
