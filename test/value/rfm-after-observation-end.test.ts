// rfmSummary's afterObservationEnd option: transactions dated after the observation end are an
// error by default (whose message names the option) or, with "drop", left out and counted.
import { describe, expect, it } from "vitest";
import { CxMetricsError, rfmSummary } from "../../src/index";

const rows = Object.freeze(
  [
    { id: "a", day: "2024-01-05", amount: 10 },
    { id: "a", day: "2024-02-10", amount: 20 },
    { id: "b", day: "2024-03-01", amount: 5 },
    { id: "a", day: "2024-05-02", amount: 99 }, // after the observation end (2024-04-30)
    { id: "c", day: "2024-06-01", amount: 7 }, // only after the observation end: not a customer at all
    { id: "b", day: "2024-04-20", amount: 8 }, // holdout
  ].map((r) => Object.freeze(r)),
);
type Row = (typeof rows)[number];
const base = Object.freeze({
  customerId: (r: Row) => r.id,
  date: (r: Row) => r.day,
  value: (r: Row) => r.amount,
  calibrationEnd: "2024-03-31",
  observationEnd: "2024-04-30",
  timeUnit: "week" as const,
});

describe("rfmSummary afterObservationEnd", () => {
  it("refuses a late transaction by default, naming the row and the option that would drop it", () => {
    let err: unknown;
    try {
      rfmSummary(rows, base);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CxMetricsError);
    expect((err as CxMetricsError).code).toBe("OUT_OF_RANGE");
    expect((err as CxMetricsError).index).toBe(3);
    expect((err as CxMetricsError).message).toMatch(/^rfmSummary: /);
    expect((err as CxMetricsError).message).toContain('afterObservationEnd: "drop"');
    expect(() => rfmSummary(rows, { ...base, afterObservationEnd: "error" })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", index: 3 }));
  });

  it("with drop gives the summary of the rows on or before the observation end, and counts the dropped ones", () => {
    const dropped = rfmSummary(rows, { ...base, afterObservationEnd: "drop" });
    const kept = rows.filter((r) => r.day <= "2024-04-30"); // ISO dates compare as strings
    const filtered = rfmSummary(kept, base);
    expect(dropped.droppedAfterObservationEnd).toBe(2);
    expect(dropped.transactions).toBe(6);
    expect(filtered.droppedAfterObservationEnd).toBe(0);
    expect(dropped.ids).toEqual(["a", "b"]); // "c" bought only after the end: not even excluded, simply not there
    expect(dropped.excludedCustomers).toBe(0);
    for (const k of ["frequency", "recency", "T", "monetaryValue", "holdoutFrequency", "holdoutMonetaryValue"] as const) {
      expect(Array.from(dropped[k]), k).toEqual(Array.from(filtered[k]));
    }
    // by hand: a bought on Jan 5 and Feb 10 (x = 1, t_x = 36 days, T = 86 days, repeat value 20);
    // b on Mar 1 (x = 0, T = 30 days) and once in the holdout (value 8)
    expect(Array.from(dropped.frequency)).toEqual([1, 0]);
    expect(Array.from(dropped.recency)).toEqual([36 / 7, 0]);
    expect(Array.from(dropped.T)).toEqual([86 / 7, 30 / 7]);
    expect(Array.from(dropped.monetaryValue)).toEqual([20, 0]);
    expect(Array.from(dropped.holdoutFrequency)).toEqual([0, 1]);
    expect(Array.from(dropped.holdoutMonetaryValue)).toEqual([0, 8]);
  });

  it("with drop, without observationEnd, drops what comes after calibrationEnd", () => {
    const { observationEnd: _omit, ...noHoldout } = base;
    const s = rfmSummary(rows, { ...noHoldout, afterObservationEnd: "drop" });
    expect(s.droppedAfterObservationEnd).toBe(3);
    expect(s.holdoutLength).toBe(0);
    expect(Array.from(s.holdoutFrequency)).toEqual([0, 0]);
  });

  it("with drop still refuses an unreadable date, and an empty result when everything is late", () => {
    const bad = Object.freeze([Object.freeze({ id: "a", day: "soon", amount: 1 })]);
    expect(() => rfmSummary(bad, { ...base, afterObservationEnd: "drop" })).toThrow(expect.objectContaining({ code: "INVALID_DATE", index: 0 }));
    const late = Object.freeze([Object.freeze({ id: "a", day: "2025-01-01", amount: 1 })]);
    expect(() => rfmSummary(late, { ...base, afterObservationEnd: "drop" })).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
  });

  it("refuses an unknown policy", () => {
    expect(() => rfmSummary(rows, { ...base, afterObservationEnd: "skip" as never })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });
});
