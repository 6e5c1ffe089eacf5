// One far-off date among ordinary ones (6999-12-31, or a start in 1970 with daily periods) must
// give a TOO_MANY_PERIODS error at once, naming the first and last date and the row of the date
// that lies apart, in every function that lays out the periods between two dates; never minutes
// of work and an out-of-memory crash. (Before this check, each call below ran for minutes: the
// default test timeout bounds them now.) Dates far from the data that a function does not lay out
// cost nothing.
import { describe, expect, it } from "vitest";
import {
  alignByPeriod,
  churn,
  churnSeries,
  cohortRetention,
  CxMetricsError,
  definePortfolio,
  evaluatePortfolio,
  finishPortfolio,
  npsMetric,
  relateMetricToOutcomes,
  summarizePortfolio,
} from "../../src/index";

const day = (k: number) => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10);
const freeze = <T>(rows: T[]): readonly T[] => Object.freeze(rows.map((r) => Object.freeze(r)));

function tooMany(run: () => unknown): CxMetricsError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CxMetricsError);
    expect((e as CxMetricsError).code, (e as Error).message).toBe("TOO_MANY_PERIODS");
    return e as CxMetricsError;
  }
  throw new Error("expected TOO_MANY_PERIODS, got a result");
}

type Sub = { id: number; s: string; e: string | null };
const acc = { customerId: (r: Sub) => r.id, start: (r: Sub) => r.s, end: (r: Sub) => r.e };
// 300 customers who start on the first 300 days of 2024, every fourth one leaves 40 days later
const subs: Sub[] = Array.from({ length: 300 }, (_, i) => ({ id: i, s: day(i), e: i % 4 === 0 ? day(i + 40) : null }));

describe("cohortRetention", () => {
  it("cohortRetention(rows with one start in 1970, day) throws TOO_MANY_PERIODS naming that row and asOf", () => {
    const rows = freeze([...subs.slice(0, 120), { id: 999, s: "1970-01-01", e: null }, ...subs.slice(120)]);
    const e = tooMany(() => cohortRetention(rows, { ...acc, period: "day", asOf: "2025-01-01" }));
    expect(e.index).toBe(120);
    expect(e.message).toMatch(/^cohortRetention: expected at most maxPeriods = 10000 periods \(days\), got 20089 from 1970-01-01 \(row 120\) to 2025-01-01 \(asOf\)/);
    expect(e.details).toEqual({ periods: 20089, maxPeriods: 10000, first: { date: "1970-01-01", row: 120 }, last: { date: "2025-01-01", row: undefined } });
  });

  it("cohortRetention(rows, { asOf: 6999-12-31 }) throws TOO_MANY_PERIODS naming asOf, without a row", () => {
    const e = tooMany(() => cohortRetention(freeze(subs), { ...acc, period: "day", asOf: "6999-12-31" }));
    expect(e.index).toBeUndefined();
    expect(e.message).toContain("to 6999-12-31 (asOf)");
  });

  it("cohortRetention(rows with one start in 6999) leaves that customer out, as any start after asOf", () => {
    const o = { ...acc, period: "month" as const, asOf: "2025-01-01" };
    const far = cohortRetention(freeze([...subs, { id: 999, s: "6999-12-31", e: null }]), o);
    expect(far).toEqual(cohortRetention(freeze(subs), o));
  });

  it("cohortRetention(rows with one start in 1970, week, maxPeriods 3000) lays out every age from 1970", () => {
    const rows = freeze([{ id: 999, s: "1970-01-05", e: null }, ...subs.slice(0, 3)]);
    const t = cohortRetention(rows, { ...acc, period: "week", asOf: "2024-02-05", maxPeriods: 3000 });
    expect(t.cohorts.map((c) => c.cohort)).toEqual(["1970-01-05", "2024-01-01"]);
    // 1970-01-05 to 2024-02-05 is 2822 weeks: ages 0 … 2821, the customer retained at each
    expect(t.cohorts[0]!.retained).toEqual(Array(2822).fill(1));
    expect(t.byAge.cohorts.length).toBe(2822);
    expect(() => cohortRetention(rows, { ...acc, period: "week", asOf: "2024-02-05", maxPeriods: 2821 })).toThrow(expect.objectContaining({ code: "TOO_MANY_PERIODS", index: 0 }));
  });

  it.each([0, 1.5, -3, "10", Number.NaN])("cohortRetention(rows, { maxPeriods: %s }) throws INVALID_OPTION", (maxPeriods) => {
    expect(() => cohortRetention(freeze(subs), { ...acc, period: "month", asOf: "2025-01-01", maxPeriods: maxPeriods as number })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });
});

describe("churnSeries", () => {
  it("churnSeries(rows, { period: day, from: 1970 }) throws TOO_MANY_PERIODS naming from and to", () => {
    const e = tooMany(() => churnSeries(freeze(subs), { ...acc, period: "day", from: "1970-01-01", to: "2025-01-01" }));
    expect(e.message).toContain("got 20089 from 1970-01-01 (from) to 2025-01-01 (to)");
    expect(e.details).toMatchObject({ periods: 20089, maxPeriods: 10000 });
  });

  it("churnSeries(rows with a start in 1970 and an end in 6999, month) equals churn() of each month", () => {
    const rows = freeze([...subs, { id: 998, s: "1970-01-01", e: "6999-12-31" }, { id: 997, s: "1970-01-01", e: "2024-03-15" }]);
    const s = churnSeries(rows, { ...acc, period: "month", from: "2024-01-01", to: "2024-07-01" });
    expect(s.length).toBe(6);
    s.forEach((m, k) => {
      const { period, ...counts } = m;
      expect(period).toBe(`2024-0${k + 1}-01`);
      expect(counts).toEqual(churn(rows, { ...acc, from: `2024-0${k + 1}-01`, to: k === 5 ? "2024-07-01" : `2024-0${k + 2}-01` }));
    });
  });
});

type Point = { d: string; v: number };
const points: Point[] = Array.from({ length: 100 }, (_, i) => ({ d: day(i), v: (i * 7) % 11 }));
const series = (rows: readonly Point[]) => ({ rows, date: (r: Point) => r.d, value: (r: Point) => r.v });
const withFar = freeze([...points.slice(0, 50), { d: "6999-12-31", v: 3 }, ...points.slice(50)]);

describe("alignByPeriod and relateMetricToOutcomes", () => {
  it("alignByPeriod(metric, outcome with one point in 6999, day) throws TOO_MANY_PERIODS naming the outcome row", () => {
    const e = tooMany(() => alignByPeriod(series(freeze(points)), series(withFar), { period: "day" }));
    expect(e.index).toBe(50);
    expect(e.message).toMatch(/got 1817447 from 2024-01-01 \(metric row 0\) to 6999-12-31 \(outcome row 50\); the date of outcome row 50 \(6999-12-31\) lies apart/);
  });

  it("alignByPeriod(metric with one point in 1970, outcome, day) names the metric row", () => {
    const metric = freeze([...points.slice(0, 10), { d: "1970-01-01", v: 1 }]);
    const e = tooMany(() => alignByPeriod(series(metric), series(freeze(points)), { period: "day" }));
    expect(e.index).toBe(10);
    expect(e.message).toContain("from 1970-01-01 (metric row 10) to 2024-04-09 (outcome row 99)");
  });

  it("alignByPeriod(…, { maxPeriods }) counts the gap-free periods: 100 days pass with 100 and fail with 99", () => {
    expect(alignByPeriod(series(freeze(points)), series(freeze(points)), { period: "day", maxPeriods: 100 }).periods.length).toBe(100);
    expect(() => alignByPeriod(series(freeze(points)), series(freeze(points)), { period: "day", maxPeriods: 99 })).toThrow(expect.objectContaining({ code: "TOO_MANY_PERIODS" }));
  });

  it.each([0, 2.5, "100", null])("alignByPeriod and relateMetricToOutcomes with maxPeriods %s throw INVALID_OPTION", (maxPeriods) => {
    expect(() => alignByPeriod(series(freeze(points)), series(freeze(points)), { period: "day", maxPeriods: maxPeriods as number })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => relateMetricToOutcomes(series(freeze(points)), { revenue: series(freeze(points)) }, { period: "day", maxPeriods: maxPeriods as number })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });

  it("relateMetricToOutcomes(metric, { revenue with one point in 6999 }) throws TOO_MANY_PERIODS naming the outcome and row", () => {
    const e = tooMany(() => relateMetricToOutcomes(series(freeze(points)), { revenue: series(withFar) }, { period: "day" }));
    expect(e.index).toBe(50);
    expect(e.message).toMatch(/^relateMetricToOutcomes: .* to 6999-12-31 \(outcome "revenue" row 50\)/);
  });
});

describe("evaluatePortfolio and finishPortfolio", () => {
  const p = definePortfolio({ nps: npsMetric({ score: (r: Point) => r.v % 11 }) });
  const o = { period: "day" as const, date: (r: Point) => r.d };

  it("evaluatePortfolio(rows with one date in 6999, day) throws TOO_MANY_PERIODS naming the row", () => {
    const e = tooMany(() => evaluatePortfolio(p, withFar, o));
    expect(e.index).toBe(50);
    expect(e.message).toMatch(/^evaluatePortfolio: expected at most maxPeriods = 10000 periods \(days\), got 1817447 from 2024-01-01 \(row 0\) to 6999-12-31 \(row 50\)/);
  });

  it("finishPortfolio(summary with a cell in 6999) throws TOO_MANY_PERIODS naming the summary cell; summarizePortfolio stores only the cells with rows", () => {
    const s = summarizePortfolio(p, withFar, o);
    expect(s.cells.length).toBe(101);
    const e = tooMany(() => finishPortfolio(p, s));
    expect(e.index).toBe(50);
    expect(e.message).toContain("to 6999-12-31 (cell 50)");
  });

  it("evaluatePortfolio(…, { maxPeriods }) lays out the empty periods between when they fit", () => {
    const rows = freeze([points[0]!, { d: "2024-12-31", v: 9 }]);
    const r = evaluatePortfolio(p, rows, { ...o, maxPeriods: 366 });
    expect(r.periods.length).toBe(366);
    expect(r.cells.filter((c) => c.period !== null && c.metrics.nps.n === 0).length).toBe(364);
    expect(() => evaluatePortfolio(p, rows, { ...o, maxPeriods: 365 })).toThrow(expect.objectContaining({ code: "TOO_MANY_PERIODS", index: 1 }));
    expect(() => evaluatePortfolio(p, rows, { ...o, maxPeriods: 0 })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });
});
