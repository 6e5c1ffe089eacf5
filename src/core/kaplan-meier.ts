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
 * they differ only when S is exactly ½ on a step; `null` means "not reached". O(n log n).
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
  const fn = "kaplanMeier";
  const o = readOptions<KaplanMeierOptions>(fn, options, KAPLAN_MEIER_OPTIONS_KEYS);
  const confidence = readConfidence(fn, o.confidence);
  const { t, e, entries, n, maxTime } = readSurvivalData(fn, durations, events, o.entry);
  if (n === 0) fail(fn, "EMPTY_INPUT", "expected at least one duration");
  // sweep the exits in time order; entries (sorted) are counted in as they pass
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

/**
 * Durations, event flags and entry times read and checked: the input of {@link kaplanMeier} and of
 * `kaplanMeierSummary`.
 * @internal
 */
export interface SurvivalData {
  /** Durations (finite, ≥ 0). */
  t: Float64Array;
  /** 1 for an event, 0 for censored. */
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
  const t = new Float64Array(n);
  const e = new Uint8Array(n);
  let entries: Float64Array | undefined;
  let maxTime = 0;
  for (let i = 0; i < n; i++) {
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
  if (entry !== undefined) {
    entries = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const rawEntry = entry[i];
      const a = unBigInt(rawEntry);
      if (typeof a !== "number" || !Number.isFinite(a)) fail(fn, "NON_FINITE", `expected a finite entry time at index ${i}, got ${describe(a)}`, i);
      if (!(a < t[i]!)) fail(fn, "OUT_OF_RANGE", `expected entry < duration at index ${i}, got entry ${a} and duration ${t[i]}`, i);
      entries[i] = a;
    }
  }
  return { t, e, entries, n, maxTime };
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
