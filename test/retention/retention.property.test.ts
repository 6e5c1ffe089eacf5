// Property tests of the retention module (src/retention: churn, churnSeries, cohortRetention,
// retentionCurve, the churn summaries) and of kaplanMeier and its summaries, through the public API.
//
// The subscription functions are checked against an independent brute force written here: every
// subscription is a run of whole UTC days, a customer's activity is a boolean per day (so
// overlapping and touching subscriptions merge by construction), and every count is read off those
// days: "at start" = active on the day before `from`, "at end" = active on the day before `to`, a
// churn = a day off after a day on (the end instant of a merged interval), a customer-day = a day
// on. The conventions are the TSDoc of src/retention/*.ts. Seed and run count: test/setup.ts (a
// fixed seed, printed by fast-check when a property fails). Hand-checked churn rates and the
// Kaplan–Meier reference values are in churn-rate.test.ts and retention.reference.test.ts.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type ChurnResult,
  type CohortRetentionResult,
  churn,
  churnFromSummary,
  churnKind,
  churnSeries,
  churnSummary,
  cohortRetention,
  emptyChurnSummary,
  kaplanMeier,
  kaplanMeierFromSummary,
  kaplanMeierKind,
  type KaplanMeierResult,
  kaplanMeierSummary,
  mergeChurnSummaries,
  mergeKaplanMeierSummaries,
  restrictedMeanSurvival,
  retentionCurve,
  survivalAt,
} from "../../src/index";
import { kaplanMeierCapped, readSurvivalData, tallyDistinctTimes } from "../../src/core/kaplan-meier";
import { kaplanMeierSummaryCapped } from "../../src/core/kaplan-meier-summary";
import { expectClose } from "../helpers/close";
import { monoidLaws } from "../helpers/monoid-laws";
import { deepFreeze } from "../helpers/tables";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const Y0 = Date.UTC(2024, 0, 1);
/** Day offsets from 2024-01-01 (UTC). Starts from 2023-11-17 so that January has a base. */
const MIN_DAY = -45;
/** Latest start: 2024-12-31; latest finite end: 2025-01-01 (exclusive). */
const LAST_START = 365;
const LAST_END = 366;
/** The brute force walks days up to here; open subscriptions are active from then on. */
const HORIZON = 400;
/** Ratios: 4 ulps. */
const ULPS = 4 * Number.EPSILON;

type Id = string | number;
type DateValue = string | number | Date;
/** A subscription row; `sd`/`ed` (day offsets, `ed` null while active) are read by the brute force only. */
interface Row {
  id: Id;
  start: DateValue;
  end: DateValue | null | undefined;
  sd: number;
  ed: number | null;
}

const ymd = (day: number): string => new Date(Y0 + day * DAY).toISOString().slice(0, 10);
const iso = (day: number): string => new Date(Y0 + day * DAY).toISOString();
/** The same UTC midnight in four input forms: a date, epoch ms, a Date, a date-time with Z. */
function encode(day: number, form: number): DateValue {
  const ms = Y0 + day * DAY;
  return form === 0 ? ymd(day) : form === 1 ? ms : form === 2 ? new Date(ms) : new Date(ms).toISOString();
}
/** Day offset of the first day of month m (m = 0: January 2024; m may be negative or > 11). */
const monthStart = (m: number): number => (Date.UTC(2024, m, 1) - Y0) / DAY;
/** Month (0 = January 2024) containing the instant ms, in UTC. */
const monthOfMs = (ms: number): number => {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 2024) * 12 + d.getUTCMonth();
};

const accessors = { customerId: (r: Row) => r.id, start: (r: Row) => r.start, end: (r: Row) => r.end };

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

interface Step {
  kind: "free" | "touch" | "overlap" | "gap";
  at: number;
  len: number;
  gap: number;
  open: boolean;
  form: number;
  openForm: boolean;
}
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom("free", "touch", "overlap", "gap"),
  at: fc.integer({ min: MIN_DAY, max: LAST_START }),
  len: fc.integer({ min: 1, max: 120 }),
  gap: fc.integer({ min: 1, max: 60 }),
  open: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  form: fc.integer({ min: 0, max: 3 }),
  openForm: fc.boolean(),
});

/**
 * A customer's subscriptions: each one is placed freely, touching the previous one (starting the
 * day it ends), overlapping it, or after a gap. `connected` keeps every subscription overlapping
 * or touching the previous one, so the customer has one merged interval (no reactivation).
 */
function subscriptions(id: Id, steps: Step[], connected: boolean): Row[] {
  const out: Row[] = [];
  for (const st of steps) {
    const prev = out[out.length - 1];
    let s = st.at;
    if (prev !== undefined) {
      const kind = connected && (st.kind === "free" || st.kind === "gap") ? "overlap" : st.kind;
      if (prev.ed === null) s = connected ? Math.max(prev.sd, st.at) : st.at;
      else if (kind === "touch") s = prev.ed;
      else if (kind === "overlap") s = prev.sd + (Math.abs(st.at) % (prev.ed - prev.sd));
      else if (kind === "gap") s = prev.ed + st.gap;
      if (s > LAST_START) s = connected ? prev.sd : st.at;
    }
    const e = st.open ? null : Math.min(s + st.len, LAST_END);
    out.push({
      id,
      start: encode(s, st.form),
      end: e === null ? (st.openForm ? null : undefined) : encode(e, (st.form + 1) % 4),
      sd: s,
      ed: e,
    });
  }
  return out;
}

/** 1–15 customers with 1–3 subscriptions each (ids numbers or strings), and a shuffled copy of the rows. */
function dataArb(connected = false): fc.Arbitrary<{ rows: readonly Row[]; shuffled: readonly Row[] }> {
  const customer = fc.record({ numeric: fc.boolean(), steps: fc.array(stepArb, { minLength: 1, maxLength: 3 }) });
  return fc
    .array(customer, { minLength: 1, maxLength: 15 })
    .map((cs) => cs.flatMap((c, i) => subscriptions(c.numeric ? i : `c${i}`, c.steps, connected)))
    .chain((rows) =>
      fc
        .shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })
        .map((shuffled) => ({ rows: deepFreeze(rows), shuffled: deepFreeze(shuffled) })),
    );
}

// ---------------------------------------------------------------------------------------------
// The brute force
// ---------------------------------------------------------------------------------------------

interface Truth {
  /** Customers in order of their first row. */
  ids: Id[];
  /** act[c][d − MIN_DAY]: customer c active on day d (some subscription with start ≤ d < end). */
  act: Uint8Array[];
  rows: number;
  /** Merged intervals: maximal runs of active days. */
  runs: number;
}

function truthOf(rows: readonly Row[]): Truth {
  const ids: Id[] = [];
  const act: Uint8Array[] = [];
  const where = new Map<Id, number>();
  for (const r of rows) {
    let c = where.get(r.id);
    if (c === undefined) {
      c = ids.length;
      where.set(r.id, c);
      ids.push(r.id);
      act.push(new Uint8Array(HORIZON - MIN_DAY));
    }
    const a = act[c]!;
    for (let d = r.sd; d < (r.ed ?? HORIZON); d++) a[d - MIN_DAY] = 1;
  }
  const t: Truth = { ids, act, rows: rows.length, runs: 0 };
  for (let c = 0; c < ids.length; c++) for (let d = MIN_DAY; d < HORIZON; d++) if (on(t, c, d) && !on(t, c, d - 1)) t.runs++;
  return t;
}

/** Customer c active on day d (open subscriptions stay active past the horizon). */
function on(t: Truth, c: number, d: number): boolean {
  if (d < MIN_DAY) return false;
  return t.act[c]![Math.min(d, HORIZON - 1) - MIN_DAY] === 1;
}

function firstDay(t: Truth, c: number): number {
  for (let d = MIN_DAY; d < HORIZON; d++) if (on(t, c, d)) return d;
  throw new Error("a customer without an active day");
}

/** End day (exclusive) of the run starting on day d, or null when it never ends. */
function runEnd(t: Truth, c: number, d: number): number | null {
  let e = d;
  while (e < HORIZON && on(t, c, e)) e++;
  return e >= HORIZON ? null : e;
}

type Counts = Pick<
  ChurnResult,
  | "from"
  | "to"
  | "days"
  | "customersAtStart"
  | "customersAtEnd"
  | "newCustomers"
  | "reactivated"
  | "churned"
  | "churnedFromStart"
  | "customerDays"
  | "subscriptions"
  | "mergedOverlaps"
>;

/** The counts of the period [from, to) (day offsets), walking day by day over every customer. */
function periodTruth(t: Truth, from: number, to: number): Counts {
  let atStart = 0;
  let atEnd = 0;
  let added = 0;
  let back = 0;
  let events = 0;
  let fromStart = 0;
  let days = 0;
  for (let c = 0; c < t.ids.length; c++) {
    const first = firstDay(t, c);
    const wasOn = on(t, c, from - 1);
    if (wasOn) atStart++;
    if (on(t, c, to - 1)) atEnd++;
    let left = false;
    for (let d = from; d < to; d++) {
      const now = on(t, c, d);
      const before = on(t, c, d - 1);
      if (now) days++;
      if (now && !before) {
        if (d === first) added++;
        else back++;
      }
      if (!now && before) events++;
      if (!now) left = true;
    }
    if (wasOn && left) fromStart++;
  }
  return {
    from: iso(from),
    to: iso(to),
    days: to - from,
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: added,
    reactivated: back,
    churned: events,
    churnedFromStart: fromStart,
    customerDays: days,
    subscriptions: t.rows,
    mergedOverlaps: t.rows - t.runs,
  };
}

const countsOf = (r: ChurnResult): Counts => ({
  from: r.from,
  to: r.to,
  days: r.days,
  customersAtStart: r.customersAtStart,
  customersAtEnd: r.customersAtEnd,
  newCustomers: r.newCustomers,
  reactivated: r.reactivated,
  churned: r.churned,
  churnedFromStart: r.churnedFromStart,
  customerDays: r.customerDays,
  subscriptions: r.subscriptions,
  mergedOverlaps: r.mergedOverlaps,
});

function expectRatio(actual: number | null, num: number, den: number, label: string): void {
  if (den > 0) {
    expect(actual, `${label}: ${num} / ${den}`).not.toBeNull();
    expectClose(actual!, num / den, { rel: ULPS, label });
  } else expect(actual, `${label}: base ${den}`).toBeNull();
}

/** The balance and the rates' definitions, from the result's own counts. */
function checkDefinitions(r: ChurnResult, label: string): void {
  expect(r.customersAtStart + r.newCustomers + r.reactivated - r.churned, `${label}: start + new + reactivated − churned = end`).toBe(
    r.customersAtEnd,
  );
  expect(r.churnedFromStart).toBeLessThanOrEqual(r.customersAtStart);
  expect(r.churnedFromStart).toBeLessThanOrEqual(r.churned);
  expect(r.customerDays).toBeLessThanOrEqual(r.days * (r.customersAtStart + r.newCustomers + r.reactivated));
  expectRatio(r.rates.cohort, r.churnedFromStart, r.customersAtStart, `${label} rates.cohort`);
  expectRatio(r.rates.events, r.churned, r.customersAtStart, `${label} rates.events`);
  expectRatio(r.rates.averageBase, r.churned, (r.customersAtStart + r.customersAtEnd) / 2, `${label} rates.averageBase`);
  expectRatio(r.rates.exposure, r.churned, r.customerDays > 0 ? r.customerDays / r.days : 0, `${label} rates.exposure`);
  expectRatio(r.dailyHazard, r.churned, r.customerDays, `${label} dailyHazard`);
  if (r.rates.cohort !== null) {
    expect(r.rates.cohort).toBeGreaterThanOrEqual(0);
    expect(r.rates.cohort).toBeLessThanOrEqual(1);
  }
}

// ---------------------------------------------------------------------------------------------
// churn and churnSeries
// ---------------------------------------------------------------------------------------------

/** Properties that build a calendar (churnSeries, cohortRetention: date-fns in TZDate) run 60 times. */
const CALENDAR = { numRuns: 60 };
/** Twelve churn() calls a run (each reads the rows again): 100 runs. */
const MONTHS = { numRuns: 100 };

describe("churn", () => {
  test("churn(rows, month) equals the day-by-day brute force for every month of 2024, and the counts balance", () => {
    fc.assert(
      fc.property(dataArb(), ({ rows }) => {
        const t = truthOf(rows);
        for (let m = 0; m < 12; m++) {
          const r = churn(rows, { ...accessors, from: ymd(monthStart(m)), to: ymd(monthStart(m + 1)), timeZone: "UTC" });
          expect(countsOf(r), `month ${m + 1}`).toEqual(periodTruth(t, monthStart(m), monthStart(m + 1)));
          checkDefinitions(r, `month ${m + 1}`);
        }
      }),
      MONTHS,
    );
  });

  test("churn(rows, [from, to)) equals the brute force on any window of whole days (from as epoch ms, to as a Date)", () => {
    const window = fc
      .tuple(fc.integer({ min: MIN_DAY, max: LAST_END + 2 }), fc.integer({ min: 1, max: 200 }))
      .map(([from, len]) => [from, Math.min(from + len, HORIZON)] as const);
    fc.assert(
      fc.property(dataArb(), window, ({ rows }, [from, to]) => {
        const r = churn(rows, { ...accessors, from: Y0 + from * DAY, to: new Date(Y0 + to * DAY) });
        expect(countsOf(r)).toEqual(periodTruth(truthOf(rows), from, to));
        checkDefinitions(r, `[${ymd(from)}, ${ymd(to)})`);
      }),
    );
  });

  test("churn(rows) does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(dataArb(), fc.integer({ min: 0, max: 11 }), ({ rows, shuffled }, m) => {
        const o = { ...accessors, from: ymd(monthStart(m)), to: ymd(monthStart(m + 1)) };
        expect(churn(shuffled, o)).toEqual(churn(rows, o));
      }),
    );
  });

  test("churn(rows) without any reactivation has reactivated = 0 and churnedFromStart <= churned", () => {
    fc.assert(
      fc.property(dataArb(true), fc.integer({ min: 0, max: 11 }), ({ rows }, m) => {
        const t = truthOf(rows);
        expect(t.runs).toBe(t.ids.length); // the generator keeps every customer in one interval
        const r = churn(rows, { ...accessors, from: ymd(monthStart(m)), to: ymd(monthStart(m + 1)) });
        expect(r.reactivated).toBe(0);
        expect(r.mergedOverlaps).toBe(rows.length - t.ids.length);
        expect(countsOf(r)).toEqual(periodTruth(t, monthStart(m), monthStart(m + 1)));
      }),
    );
  });
});

describe("churnSeries", () => {
  test("churnSeries(rows, month, 2024, UTC) has the 12 months, each equal to the brute force and to churn() of the month", () => {
    fc.assert(
      fc.property(dataArb(), ({ rows }) => {
        const t = truthOf(rows);
        const s = churnSeries(rows, { ...accessors, from: "2024-01-01", to: "2025-01-01", period: "month", timeZone: "UTC" });
        expect(s.map((x) => x.period)).toEqual(Array.from({ length: 12 }, (_, m) => ymd(monthStart(m))));
        s.forEach((x, m) => {
          expect(countsOf(x), `month ${m + 1}`).toEqual(periodTruth(t, monthStart(m), monthStart(m + 1)));
          checkDefinitions(x, `month ${m + 1}`);
          const { period, ...rest } = x;
          expect(rest).toEqual(churn(rows, { ...accessors, from: period, to: ymd(monthStart(m + 1)), timeZone: "UTC" }));
        });
      }),
      CALENDAR,
    );
  });

  test("churnSeries(rows) does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(dataArb(), ({ rows, shuffled }) => {
        const o = { ...accessors, from: "2024-01-01", to: "2025-01-01", period: "month" as const };
        expect(churnSeries(shuffled, o)).toEqual(churnSeries(rows, o));
      }),
      CALENDAR,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

describe("churn and churnSeries in a time zone", () => {
  const NY = "America/New_York";
  const row = (id: string, start: DateValue, end: DateValue | null) => ({ id, start, end });
  const acc = { customerId: (r: { id: string }) => r.id, start: (r: { start: DateValue }) => r.start, end: (r: { end: DateValue | null }) => r.end };

  test('churn reads a start "2024-03-01" as local midnight in timeZone (05:00Z in New York)', () => {
    const rows = deepFreeze([row("a", "2024-03-01", null), row("b", "2024-03-01T04:00:00Z", null)]);
    const feb = churn(rows, { ...acc, from: "2024-02-01", to: "2024-03-01", timeZone: NY });
    const mar = churn(rows, { ...acc, from: "2024-03-01", to: "2024-04-01", timeZone: NY });
    expect(feb.to).toBe("2024-03-01T05:00:00.000Z");
    expect(mar.from).toBe("2024-03-01T05:00:00.000Z");
    // b starts on Feb 29 at 23:00 in New York: new in February; a is new in March
    expect([feb.newCustomers, feb.customersAtEnd]).toEqual([1, 1]);
    expect([mar.customersAtStart, mar.newCustomers, mar.customersAtEnd]).toEqual([1, 1, 2]);
    // in UTC both start in March
    const marUtc = churn(rows, { ...acc, from: "2024-03-01", to: "2024-04-01" });
    expect([marUtc.customersAtStart, marUtc.newCustomers]).toEqual([0, 2]);
  });

  test("churn dates a churn at 2024-03-01T03:00Z in February in New York (22:00 on Feb 29), in March in UTC", () => {
    const rows = deepFreeze([row("a", "2024-01-15", "2024-03-01T03:00:00Z"), row("b", "2024-01-20", null)]);
    const feb = churn(rows, { ...acc, from: "2024-02-01", to: "2024-03-01", timeZone: NY });
    const mar = churn(rows, { ...acc, from: "2024-03-01", to: "2024-04-01", timeZone: NY });
    expect([feb.customersAtStart, feb.churned, feb.churnedFromStart, feb.customersAtEnd]).toEqual([2, 1, 1, 1]);
    expect([mar.customersAtStart, mar.churned, mar.customersAtEnd]).toEqual([1, 0, 1]);
    const s = churnSeries(rows, { ...acc, from: "2024-01-01", to: "2024-04-01", period: "month", timeZone: NY });
    expect(s.map((x) => [x.period, x.churned])).toEqual([
      ["2024-01-01", 0],
      ["2024-02-01", 1],
      ["2024-03-01", 0],
    ]);
    const sUtc = churnSeries(rows, { ...acc, from: "2024-01-01", to: "2024-04-01", period: "month", timeZone: "UTC" });
    expect(sUtc.map((x) => x.churned)).toEqual([0, 0, 1]);
  });

  test("churn counts real time: March 2024 in Europe/Berlin has (31·24 − 1)/24 days (one 23-hour day)", () => {
    const rows = deepFreeze([row("a", "2024-01-01", null)]);
    const mar = churn(rows, { ...acc, from: "2024-03-01", to: "2024-04-01", timeZone: "Europe/Berlin" });
    expect(mar.days).toBe((31 * 24 - 1) / 24); // 30.958333…
    expect(mar.customerDays).toBe((31 * 24 - 1) / 24);
    expect(mar.rates.exposure).toBe(0);
    const year = churnSeries(rows, { ...acc, from: "2024-01-01", to: "2025-01-01", period: "month", timeZone: "Europe/Berlin" });
    const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    // DST starts on Mar 31 (23 h) and ends on Oct 27 (25 h) in 2024
    expect(year.map((x) => x.days)).toEqual(monthDays.map((d, m) => (d * 24 + (m === 2 ? -1 : m === 9 ? 1 : 0)) / 24));
  });

  test("churn counts customer-days in real time across the New York DST change of 2024-03-10", () => {
    const rows = deepFreeze([row("a", "2024-03-01", "2024-03-11")]);
    const mar = churn(rows, { ...acc, from: "2024-03-01", to: "2024-04-01", timeZone: NY });
    expect(mar.customerDays).toBe((10 * 24 - 1) / 24);
    expect([mar.newCustomers, mar.churned, mar.customersAtEnd]).toEqual([1, 1, 0]);
    // retentionCurve measures in local wall-clock time, so ten calendar days are 10 days
    const curve = retentionCurve(rows, { ...acc, asOf: "2024-04-01", timeZone: NY });
    expect(Array.from(curve.durations)).toEqual([10]);
  });

  test("cohortRetention puts a start at 2024-03-01T03:00Z in the February cohort in New York", () => {
    const rows = deepFreeze([row("a", "2024-03-01T03:00:00Z", null), row("b", "2024-03-01", "2024-04-01")]);
    const t = cohortRetention(rows, { ...acc, period: "month", asOf: "2024-05-01", timeZone: NY });
    expect(t.cohorts.map((c) => [c.cohort, c.size, c.retained])).toEqual([
      ["2024-02-01", 1, [1, 1, 1]],
      ["2024-03-01", 1, [1, 0]], // active just before the end of March (local midnight of Apr 1)
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// cohortRetention
// ---------------------------------------------------------------------------------------------

/** asOf as epoch ms: a day from 2023-12-01 to 2025-02-04 plus some hours, or the first instant of a month. */
const asOfArb = fc.oneof(
  fc.tuple(fc.integer({ min: -31, max: LAST_END + 34 }), fc.integer({ min: 0, max: 23 })).map(([d, h]) => Y0 + d * DAY + h * HOUR),
  fc.integer({ min: -1, max: 13 }).map((m) => Y0 + monthStart(m) * DAY),
);

/** cohorts by the brute force: null when no cohort period has ended by asOf. */
function cohortTruth(t: Truth, asOf: number): CohortRetentionResult["cohorts"] | null {
  const lastEnded = monthOfMs(asOf) - 1; // the months m with start(m + 1) <= asOf
  expect(Y0 + monthStart(lastEnded + 1) * DAY).toBeLessThanOrEqual(asOf);
  const members = new Map<number, number[]>();
  for (let c = 0; c < t.ids.length; c++) {
    const m = monthOfMs(Y0 + firstDay(t, c) * DAY);
    if (m <= lastEnded) members.set(m, [...(members.get(m) ?? []), c]);
  }
  if (members.size === 0) return null;
  return [...members.keys()]
    .sort((a, b) => a - b)
    .map((m) => {
      const cs = members.get(m)!;
      const retained: number[] = [];
      // age k: active on the last day of month m + k
      for (let k = 0; m + k <= lastEnded; k++) retained.push(cs.filter((c) => on(t, c, monthStart(m + k + 1) - 1)).length);
      return { cohort: ymd(monthStart(m)), size: cs.length, retained, share: retained.map((r) => r / cs.length) };
    });
}

/** byAge recomputed from the cohort table by the definitions of the TSDoc. */
function checkByAge(res: CohortRetentionResult): void {
  const ages = Math.max(...res.cohorts.map((c) => c.retained.length));
  expect(res.byAge.pooled).toHaveLength(ages);
  expect(res.byAge.meanOfShares).toHaveLength(ages);
  expect(res.byAge.chained).toHaveLength(ages);
  let chained = 1;
  for (let a = 0; a < ages; a++) {
    const at = res.cohorts.filter((c) => c.retained.length > a);
    expect(res.byAge.cohorts[a], `cohorts observed at age ${a}`).toBe(at.length);
    const retained = at.reduce((s, c) => s + c.retained[a]!, 0);
    const size = at.reduce((s, c) => s + c.size, 0);
    expectClose(res.byAge.pooled[a]!, retained / size, { rel: ULPS, label: `pooled[${a}]` });
    const mean = at.reduce((s, c) => s + c.retained[a]! / c.size, 0) / at.length;
    expectClose(res.byAge.meanOfShares[a]!, mean, { rel: 1e-14, label: `meanOfShares[${a}]` });
    if (a === 0) chained = retained / size;
    else {
      // Σ retained_a / Σ retained_{a−1} over the cohorts observed at both ages (0 after an empty step)
      const before = at.reduce((s, c) => s + c.retained[a - 1]!, 0);
      chained = before > 0 ? chained * (retained / before) : 0;
    }
    expectClose(res.byAge.chained[a]!, chained, { rel: 1e-13, label: `chained[${a}]` });
  }
}

describe("cohortRetention", () => {
  test("cohortRetention(rows, month) equals the brute force (cohort = month of the first start, retained = active on the last day of month cohort + k), reactivations included", () => {
    fc.assert(
      fc.property(dataArb(), asOfArb, ({ rows }, asOf) => {
        const t = truthOf(rows);
        const want = cohortTruth(t, asOf);
        const call = () => cohortRetention(rows, { ...accessors, period: "month", asOf, timeZone: "UTC" });
        if (want === null) {
          expect(call).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
          return;
        }
        const res = call();
        expect(res.period).toBe("month");
        expect(res.timeZone).toBe("UTC");
        expect(res.cohorts).toEqual(want);
        for (const c of res.cohorts) for (const r of c.retained) expect(r).toBeLessThanOrEqual(c.size);
        checkByAge(res);
        for (const v of [...res.byAge.pooled, ...res.byAge.meanOfShares]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
      CALENDAR,
    );
  });

  test("cohortRetention(rows).byAge.chained is non-increasing and in [0, 1] when no customer reactivates", () => {
    fc.assert(
      fc.property(dataArb(true), asOfArb, ({ rows }, asOf) => {
        const t = truthOf(rows);
        fc.pre(cohortTruth(t, asOf) !== null);
        const res = cohortRetention(rows, { ...accessors, period: "month", asOf });
        expect(res.cohorts).toEqual(cohortTruth(t, asOf));
        checkByAge(res);
        const ch = res.byAge.chained;
        ch.forEach((v, a) => {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          if (a > 0) expect(v, `chained[${a}] after ${ch[a - 1]}`).toBeLessThanOrEqual(ch[a - 1]!);
        });
        for (const c of res.cohorts) c.retained.forEach((r, k) => k > 0 && expect(r).toBeLessThanOrEqual(c.retained[k - 1]!));
      }),
      CALENDAR,
    );
  });

  test("cohortRetention(rows) does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(dataArb(), ({ rows, shuffled }) => {
        const o = { ...accessors, period: "month" as const, asOf: "2025-01-01" };
        expect(cohortRetention(shuffled, o)).toEqual(cohortRetention(rows, o));
      }),
      CALENDAR,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// retentionCurve
// ---------------------------------------------------------------------------------------------

const UNIT = { day: DAY, week: 7 * DAY, month: 30.4375 * DAY } as const;

/** Rows and an asOf that is often exactly a start or an end of the data (a churn at asOf counts; a start at asOf is kept). */
const curveArb = dataArb().chain(({ rows, shuffled }) =>
  fc
    .oneof(asOfArb, fc.constantFrom(...rows.flatMap((r) => (r.ed === null ? [r.sd] : [r.sd, r.ed]))).map((d) => Y0 + d * DAY))
    .map((asOf) => ({ rows, shuffled, asOf })),
);

describe("retentionCurve", () => {
  test("retentionCurve(rows) has the brute-force durations and events (first start to first merged end, censored at asOf) and the curve kaplanMeier(durations, events)", () => {
    fc.assert(
      fc.property(curveArb, fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">, ({ rows, asOf }, timeUnit) => {
        const t = truthOf(rows);
        const durations: number[] = [];
        const events: number[] = [];
        let excluded = 0;
        for (let c = 0; c < t.ids.length; c++) {
          const f = firstDay(t, c);
          const s = Y0 + f * DAY;
          if (s > asOf) {
            excluded++;
            continue;
          }
          const e = runEnd(t, c, f);
          const churned = e !== null && Y0 + e * DAY <= asOf;
          durations.push(((churned ? Y0 + e * DAY : asOf) - s) / UNIT[timeUnit]);
          events.push(churned ? 1 : 0);
        }
        const call = () => retentionCurve(rows, { ...accessors, asOf: new Date(asOf).toISOString(), timeUnit });
        if (durations.length === 0) {
          expect(call).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
          return;
        }
        const r = call();
        expect(r.timeUnit).toBe(timeUnit);
        expect([r.customers, r.excluded]).toEqual([durations.length, excluded]);
        expect(Array.from(r.events)).toEqual(events);
        expect(r.durations).toHaveLength(durations.length);
        durations.forEach((d, i) => expectClose(r.durations[i]!, d, { rel: ULPS, label: `durations[${i}]` }));
        expect(r.curve).toEqual(kaplanMeier(Array.from(r.durations), Array.from(r.events)));
        r.curve.survival.forEach((s, j) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          if (j > 0) expect(s).toBeLessThanOrEqual(r.curve.survival[j - 1]!);
        });
      }),
      CALENDAR,
    );
  });

  test("retentionCurve(rows) gives the same curve for any order of the rows", () => {
    fc.assert(
      fc.property(curveArb, ({ rows, shuffled, asOf }) => {
        fc.pre(rows.some((r) => Y0 + r.sd * DAY <= asOf));
        const a = retentionCurve(rows, { ...accessors, asOf });
        const b = retentionCurve(shuffled, { ...accessors, asOf });
        expect(b.curve).toEqual(a.curve);
        expect(Array.from(b.durations).sort((x, y) => x - y)).toEqual(Array.from(a.durations).sort((x, y) => x - y));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// kaplanMeier
// ---------------------------------------------------------------------------------------------

/** 1–40 subjects: durations with ties (whole numbers 0..15) or without (doubles), events as 0/1 or booleans. */
const survivalArb = fc
  .array(
    fc.tuple(
      fc.oneof(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0, max: 100, noNaN: true })),
      fc.constantFrom<number | boolean>(0, 1, true, false),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((pairs) => deepFreeze({ durations: pairs.map((p) => p[0]), events: pairs.map((p) => p[1]) }));

function checkCurve(km: KaplanMeierResult, durations: readonly number[]): void {
  const lo = Math.min(...durations);
  const hi = Math.max(...durations);
  expect(km.maxTime).toBe(hi);
  km.survival.forEach((s, j) => {
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(1);
    if (j > 0) expect(s).toBeLessThanOrEqual(km.survival[j - 1]!);
    expect(km.lower[j], `lower at ${km.times[j]}`).toBeLessThanOrEqual(s);
    expect(km.upper[j], `upper at ${km.times[j]}`).toBeGreaterThanOrEqual(s);
    expect(km.lower[j]).toBeGreaterThanOrEqual(0);
    expect(km.upper[j]).toBeLessThanOrEqual(1);
  });
  for (const [name, m] of [
    ["median", km.median],
    ["medianFirstBelow", km.medianFirstBelow],
    ["medianCi[0]", km.medianCi[0]],
    ["medianCi[1]", km.medianCi[1]],
  ] as const) {
    if (m === null) continue;
    expect(m, `${name} >= min duration ${lo}`).toBeGreaterThanOrEqual(lo);
    expect(m, `${name} <= max duration ${hi}`).toBeLessThanOrEqual(hi);
  }
  // R's median is null exactly when the curve never reaches ½
  const reaches = km.survival.some((s) => s <= 0.5 + 2 ** -26);
  expect(km.median === null, `median ${km.median}`).toBe(!reaches);
}

describe("kaplanMeier", () => {
  test("kaplanMeier(durations, events) has the brute-force risk sets, events and product-limit survival", () => {
    fc.assert(
      fc.property(survivalArb, ({ durations, events }) => {
        const km = kaplanMeier(durations, events);
        const ev = events.map((e) => e === 1 || e === true);
        const times = [...new Set(durations.filter((_, i) => ev[i]))].sort((a, b) => a - b);
        expect(Array.from(km.times)).toEqual(times);
        let s = 1;
        times.forEach((t, j) => {
          const n = durations.filter((d) => d >= t).length;
          const d = durations.filter((x, i) => x === t && ev[i]).length;
          const c = durations.filter((x, i) => x === t && !ev[i]).length;
          expect([km.atRisk[j], km.events[j], km.censored[j]], `at ${t}`).toEqual([n, d, c]);
          s *= 1 - d / n;
          expectClose(km.survival[j]!, s, { rel: 1e-14, abs: 1e-300, label: `S(${t})` });
        });
        expect([km.n, km.eventsTotal, km.censoredTotal]).toEqual([durations.length, ev.filter(Boolean).length, ev.filter((e) => !e).length]);
        checkCurve(km, durations);
      }),
    );
  });

  test("kaplanMeier does not depend on the order of the (duration, event) pairs", () => {
    const arb = survivalArb.chain(({ durations, events }) =>
      fc
        .shuffledSubarray(
          durations.map((d, i) => [d, events[i]!] as const),
          { minLength: durations.length, maxLength: durations.length },
        )
        .map((pairs) => ({ durations, events, pairs })),
    );
    fc.assert(
      fc.property(arb, ({ durations, events, pairs }) => {
        expect(
          kaplanMeier(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          ),
        ).toEqual(kaplanMeier(durations, events));
      }),
    );
  });

  test("kaplanMeier with every subject censored has no event times, S = 1 throughout and no median", () => {
    fc.assert(
      fc.property(survivalArb, ({ durations }) => {
        const km = kaplanMeier(durations, durations.map(() => 0));
        expect(km.times).toHaveLength(0);
        expect(km.survival).toHaveLength(0);
        expect([km.median, km.medianFirstBelow, km.medianCi]).toEqual([null, null, [null, null]]);
        expect([km.eventsTotal, km.censoredTotal]).toEqual([0, durations.length]);
        expect(survivalAt(km, Math.max(...durations))).toBe(1);
        expect(restrictedMeanSurvival(km, 7)).toBe(7);
      }),
    );
  });

  test("kaplanMeier with every entry before time 0 (entry −1, or 0 when every duration is > 0) equals kaplanMeier without entry", () => {
    fc.assert(
      fc.property(survivalArb, ({ durations, events }) => {
        const plain = kaplanMeier(durations, events);
        expect(kaplanMeier(durations, events, { entry: deepFreeze(durations.map(() => -1)) })).toEqual(plain);
        if (durations.every((d) => d > 0)) expect(kaplanMeier(durations, events, { entry: deepFreeze(durations.map(() => 0)) })).toEqual(plain);
      }),
    );
  });

  test("kaplanMeier with late entry keeps survival non-increasing in [0, 1] and the band around it", () => {
    const arb = survivalArb.chain(({ durations, events }) =>
      fc
        .array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: durations.length, maxLength: durations.length })
        .map((u) => ({ durations, events, entry: deepFreeze(durations.map((d, i) => (d > 0 ? d * u[i]! : -1))) })),
    );
    fc.assert(
      fc.property(arb, ({ durations, events, entry }) => {
        fc.pre(entry.every((a, i) => a < durations[i]!));
        const km = kaplanMeier(durations, events, { entry });
        km.times.forEach((t, j) => {
          const n = durations.filter((d, i) => entry[i]! < t && t <= d).length;
          expect(km.atRisk[j], `at risk at ${t}`).toBe(n);
        });
        checkCurve(km, durations);
      }),
    );
  });

  test("survivalAt reads the steps and restrictedMeanSurvival(τ) is in [0, τ] and non-decreasing in τ", () => {
    fc.assert(
      fc.property(survivalArb, fc.double({ min: 0, max: 120, noNaN: true }), fc.double({ min: 0, max: 120, noNaN: true }), ({ durations, events }, a, b) => {
        const km = kaplanMeier(durations, events);
        km.times.forEach((t, j) => expect(survivalAt(km, t)).toBe(km.survival[j]));
        if (km.times.length > 0 && km.times[0]! > 0) expect(survivalAt(km, km.times[0]! / 2)).toBe(1);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rLo = restrictedMeanSurvival(km, lo);
        const rHi = restrictedMeanSurvival(km, hi);
        expect(rLo).toBeGreaterThanOrEqual(0);
        expect(rHi).toBeLessThanOrEqual(hi * (1 + 1e-15));
        expect(rLo).toBeLessThanOrEqual(rHi * (1 + 1e-15) + 1e-300);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The churn summaries (src/retention/churn-summary.ts)
// ---------------------------------------------------------------------------------------------

/**
 * A customer-partitioned shard: 0–6 customers with 1–3 subscriptions each, every subscription of a
 * customer in it. Ids are UUIDs (never shrunk, so two shards never share a customer).
 */
const shardArb: fc.Arbitrary<readonly Row[]> = fc
  .array(fc.record({ id: fc.noShrink(fc.uuid()), steps: fc.array(stepArb, { minLength: 1, maxLength: 3 }) }), { minLength: 0, maxLength: 6 })
  .map((cs) => deepFreeze(cs.flatMap((c) => subscriptions(c.id, c.steps, false))));

/** Rows split by customer into `k` shards (customer c goes to shard pick[c] mod k). */
function byCustomer(rows: readonly Row[], pick: number[], k: number): Row[][] {
  const shards: Row[][] = Array.from({ length: k }, () => []);
  const where = new Map<Id, number>();
  for (const r of rows) {
    if (!where.has(r.id)) where.set(r.id, pick[where.size % pick.length]! % k);
    shards[where.get(r.id)!]!.push(r);
  }
  return shards;
}

const SPRING = { from: "2024-03-01", to: "2024-06-01" };

describe("churn summaries", () => {
  describe("churnKind (customer-partitioned shards, March–May 2024)", () => {
    monoidLaws(churnKind, shardArb, {
      summarize: (rows) => churnSummary(rows, { ...accessors, ...SPRING }),
      concat: (parts) => parts.flat(),
      params: SPRING,
    });
  });

  test("churnFromSummary(merge of the customer-partitioned shards' summaries) equals churn(all rows), for every month of 2024 and any window", () => {
    const window = fc
      .tuple(fc.integer({ min: MIN_DAY, max: LAST_END + 2 }), fc.integer({ min: 1, max: 200 }))
      .map(([from, len]) => [from, from + len] as const);
    fc.assert(
      fc.property(dataArb(), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 15 }), window, ({ rows }, k, pick, [from, to]) => {
        const shards = byCustomer(rows, pick, k);
        const periods: [DateValue, DateValue][] = [
          ...Array.from({ length: 12 }, (_, m) => [ymd(monthStart(m)), ymd(monthStart(m + 1))] as [DateValue, DateValue]),
          [Y0 + from * DAY, new Date(Y0 + to * DAY)],
        ];
        for (const [f, t] of periods) {
          const o = { ...accessors, from: f, to: t };
          const whole = churn(rows, o);
          const merged = mergeChurnSummaries(...shards.map((sh) => churnSummary(sh, o)));
          expect(churnFromSummary(merged), `[${String(f)}, ${String(t)})`).toEqual(whole);
          expect(merged).toEqual(churnSummary(rows, o));
          // a JSON round trip changes nothing
          expect(churnFromSummary(JSON.parse(JSON.stringify(merged)))).toEqual(whole);
        }
      }),
      MONTHS,
    );
  });

  test("churnSeries' months equal churnFromSummary of the merged shard summaries of each month", () => {
    fc.assert(
      fc.property(dataArb(), fc.array(fc.nat(), { minLength: 1, maxLength: 15 }), ({ rows }, pick) => {
        const shards = byCustomer(rows, pick, 3);
        const series = churnSeries(rows, { ...accessors, from: "2024-01-01", to: "2025-01-01", period: "month" });
        series.forEach(({ period, ...month }, m) => {
          const o = { ...accessors, from: period, to: ymd(monthStart(m + 1)) };
          expect(churnFromSummary(mergeChurnSummaries(...shards.map((sh) => churnSummary(sh, o))))).toEqual(month);
        });
      }),
      CALENDAR,
    );
  });

  test("churnKind.count is the customers present (at start, new, reactivated); finish is churnFromSummary when it is > 0 and EMPTY_INPUT when it is 0, where churn() returns every rate null", () => {
    fc.assert(
      fc.property(dataArb(), fc.integer({ min: MIN_DAY, max: HORIZON }), fc.integer({ min: 1, max: 90 }), ({ rows }, from, len) => {
        const o = { ...accessors, from: Y0 + from * DAY, to: Y0 + (from + len) * DAY };
        const s = churnSummary(rows, o);
        const r = churn(rows, o);
        const count = churnKind.count(s);
        expect(count).toBe(r.customersAtStart + r.newCustomers + r.reactivated);
        const rates = [r.rates.cohort, r.rates.events, r.rates.averageBase, r.rates.exposure, r.dailyHazard];
        if (count > 0) {
          expect(churnKind.finish(s)).toEqual(r);
          expect(rates.some((x) => x !== null)).toBe(true);
        } else {
          expect(() => churnKind.finish(s)).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
          expect(rates).toEqual([null, null, null, null, null]);
          expect([r.customersAtEnd, r.churned, r.customerDays]).toEqual([0, 0, 0]);
        }
      }),
    );
  });

  test("churn() of a period nobody is in returns real zeros and null rates, as before the summaries; emptyChurnSummary finishes to the same", () => {
    const o = { ...accessors, from: "2030-01-01", to: "2030-02-01" };
    const rows = deepFreeze([{ id: "a", start: "2024-01-01", end: "2024-02-01", sd: 0, ed: 31 }]);
    const r = churn(rows, o);
    expect(r.rates).toEqual({ cohort: null, events: null, averageBase: null, exposure: null });
    expect([r.dailyHazard, r.customersAtStart, r.subscriptions]).toEqual([null, 0, 1]);
    expect(churnFromSummary(emptyChurnSummary({ from: "2030-01-01", to: "2030-02-01" }))).toEqual({ ...r, subscriptions: 0 });
    expect(churn([], o)).toEqual({ ...r, subscriptions: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// The Kaplan–Meier summaries (src/core/kaplan-meier-summary.ts)
// ---------------------------------------------------------------------------------------------

interface Subjects {
  durations: number[];
  events: (number | boolean)[];
  entry?: number[];
}

/** 0–20 subjects, durations with ties (0..15) or without (doubles); with `late`, an entry time before each duration (−1 for a duration of 0). */
function subjectsArb(late: boolean): fc.Arbitrary<Subjects> {
  return fc
    .array(
      fc.tuple(
        fc.oneof(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0, max: 100, noNaN: true })),
        fc.constantFrom<number | boolean>(0, 1, true, false),
        fc.oneof(fc.constantFrom(0, 0.5), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })),
      ),
      { maxLength: 20 },
    )
    .map((xs) => {
      const durations = xs.map((x) => x[0]);
      const events = xs.map((x) => x[1]);
      // whole durations get whole entry times (ties between entries and exits), doubles any time before
      const entryOf = (d: number, u: number): number => {
        const a = Number.isInteger(d) ? Math.floor(d * u) : d * u;
        return d > 0 && a < d ? a : -1;
      };
      return deepFreeze(late ? { durations, events, entry: xs.map(([d, , u]) => entryOf(d, u)) } : { durations, events });
    });
}

const summarize = (x: Subjects) => kaplanMeierSummary(x.durations, x.events, x.entry === undefined ? undefined : { entry: x.entry });
const concatSubjects = (parts: Subjects[]): Subjects => {
  const out: Subjects = { durations: parts.flatMap((p) => p.durations), events: parts.flatMap((p) => p.events) };
  if (parts.some((p) => p.entry !== undefined)) out.entry = parts.flatMap((p) => p.entry ?? []);
  return out;
};

describe("Kaplan–Meier summaries", () => {
  describe("kaplanMeierKind without entry", () => {
    monoidLaws(kaplanMeierKind, subjectsArb(false), { summarize, concat: concatSubjects, finishOptions: { confidence: 0.9 } });
  });
  describe("kaplanMeierKind with late entry", () => {
    monoidLaws(kaplanMeierKind, subjectsArb(true), { summarize, concat: concatSubjects });
  });

  test("kaplanMeierFromSummary(merge of the shards' summaries) equals kaplanMeier of all subjects, with and without late entry, at any confidence", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((late) => fc.array(subjectsArb(late), { minLength: 1, maxLength: 4 })),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (parts, confidence) => {
          const all = concatSubjects(parts);
          fc.pre(all.durations.length > 0);
          const whole = kaplanMeier(all.durations, all.events, { confidence, ...(all.entry ? { entry: all.entry } : {}) });
          const merged = mergeKaplanMeierSummaries(...parts.map(summarize));
          expect(kaplanMeierFromSummary(merged, { confidence })).toEqual(whole);
          expect(kaplanMeierFromSummary(JSON.parse(JSON.stringify(merged)), { confidence })).toEqual(whole);
          expect(merged).toEqual(summarize(all));
        },
      ),
    );
  });

  test("a summary made without entry merged with one made with entry: its subjects are at risk from the start, as with entry −∞", () => {
    fc.assert(
      fc.property(subjectsArb(false), subjectsArb(true), (plain, late) => {
        const n = plain.durations.length + late.durations.length;
        fc.pre(n > 0);
        const durations = [...plain.durations, ...late.durations];
        const events = [...plain.events, ...late.events];
        // an entry before every time stands for "at risk from the start"
        const entry = [...plain.durations.map(() => -1e9), ...(late.entry ?? [])];
        const km = kaplanMeierFromSummary(mergeKaplanMeierSummaries(summarize(plain), summarize(late)));
        expect(km).toEqual(kaplanMeier(durations, events, { entry }));
      }),
    );
  });

  test("kaplanMeierSummary has one row per distinct time (ascending) and its counts add up to the subjects", () => {
    fc.assert(
      fc.property(fc.boolean().chain(subjectsArb), (x) => {
        const s = summarize(x);
        const ev = x.events.map((e) => e === 1 || e === true);
        const times = [...new Set([...x.durations, ...(x.entry ?? [])])].sort((a, b) => a - b);
        expect(s.times).toEqual(times);
        times.forEach((t, j) => {
          expect(s.events[j]).toBe(x.durations.filter((d, i) => d === t && ev[i]).length);
          expect(s.censored[j]).toBe(x.durations.filter((d, i) => d === t && !ev[i]).length);
          expect(s.entries[j]).toBe((x.entry ?? []).filter((a) => a === t).length);
        });
        expect(kaplanMeierKind.count(s)).toBe(x.durations.length);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The two paths of kaplanMeier and kaplanMeierSummary: a counting pass over the distinct times
// (hash table) or a sort of all the durations
// ---------------------------------------------------------------------------------------------

/**
 * 1–300 subjects with few distinct times (drawn from a pool of 1–12, whole or fractional, 0 and −0
 * included) or many (any doubles), event flags, and late entry or not (entries tie with exits).
 */
const pathsArb = fc
  .tuple(
    fc.oneof(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 50, noNaN: true }), fc.constantFrom(0, -0)), { minLength: 1, maxLength: 12 }),
      fc.constant(null),
    ),
    fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 100, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })), { minLength: 1, maxLength: 300 }),
    fc.boolean(),
  )
  .map(([pool, xs, late]) => {
    const durations = xs.map(([k, x]) => (pool === null ? x : pool[k % pool.length]!));
    const events = xs.map(([, , ev]) => (ev ? 1 : 0));
    const entry = xs.map(([, , , u], i) => {
      const d = durations[i]!;
      const a = Number.isInteger(d) ? Math.floor(d * u) : d * u;
      return d > 0 && a < d ? a : -1;
    });
    return deepFreeze({ durations, events, ...(late ? { entry } : {}) });
  });

describe("kaplanMeier and kaplanMeierSummary: counting path = sorting path", () => {
  test("kaplanMeier gives the same result whether it counts the distinct times or sorts the durations, with few or many distinct times, with and without late entry", () => {
    fc.assert(
      fc.property(pathsArb, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ({ durations, events, entry }, confidence) => {
        const o = { confidence, ...(entry ? { entry } : {}) };
        const sorted = kaplanMeierCapped(durations, events, o, 0);
        expect(kaplanMeierCapped(durations, events, o, Infinity)).toEqual(sorted);
        expect(kaplanMeier(durations, events, o)).toEqual(sorted);
        // the counting path is taken unless a duration is −0
        const counted = tallyDistinctTimes(readSurvivalData("kaplanMeier", durations, events, entry), Infinity);
        expect(counted === undefined).toBe(durations.some((d) => Object.is(d, -0)));
      }),
    );
  });

  test("kaplanMeierSummary gives the same summary on both paths", () => {
    fc.assert(
      fc.property(pathsArb, ({ durations, events, entry }) => {
        const o = entry ? { entry } : undefined;
        const sorted = kaplanMeierSummaryCapped(durations, events, o, 0);
        expect(kaplanMeierSummaryCapped(durations, events, o, Infinity)).toEqual(sorted);
        expect(kaplanMeierSummary(durations, events, o)).toEqual(sorted);
      }),
    );
  });

  test("both paths agree on 5,000 subjects (the radix sort, a hash table that grows), and the cap sends many distinct times to the sort", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (k, seed, late) => {
        let s = seed;
        const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
        const durations = Float64Array.from({ length: 5000 }, () => Math.floor(rand() * k) / 4);
        const events = Uint8Array.from({ length: 5000 }, () => (rand() < 0.6 ? 1 : 0));
        const entry = late ? Float64Array.from(durations, (d) => (d > 0 ? Math.floor(d * rand()) : -1)) : undefined;
        const o = entry ? { entry } : {};
        expect(kaplanMeierCapped(durations, events, o, Infinity)).toEqual(kaplanMeierCapped(durations, events, o, 0));
        expect(kaplanMeierSummaryCapped(durations, events, o, Infinity)).toEqual(kaplanMeierSummaryCapped(durations, events, o, 0));
        const data = readSurvivalData("kaplanMeier", durations, events, entry);
        const distinct = new Set([...durations, ...(entry ?? [])]).size;
        expect(tallyDistinctTimes(data, distinct)).toBeDefined();
        expect(tallyDistinctTimes(data, distinct - 1)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});
