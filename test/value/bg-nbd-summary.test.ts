// BG/NBD predictions over a whole RFM summary: bgNbdProbabilityAlive(model, summary) and
// bgNbdConditionalExpectedPurchases(model, t, summary) give one Float64Array per call, equal to the
// per-customer calls and to an independent mpmath computation (test/fixtures/bg_nbd_summary_reference.py).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, CxMetricsError, rfmSummary } from "../../src/index";
import fx from "../fixtures/bg_nbd_summary_reference.json";
import { expectCloseArray } from "../helpers/close";

const model = Object.freeze({ ...fx.model });
const summary = Object.freeze({
  frequency: Object.freeze([...fx.summary.frequency]),
  recency: Object.freeze([...fx.summary.recency]),
  T: Object.freeze([...fx.summary.T]),
});

describe("BG/NBD predictions over a summary", () => {
  it("bgNbdProbabilityAlive(model, summary) agrees with mpmath to 1e-12", () => {
    const p = bgNbdProbabilityAlive(model, summary);
    expect(p).toBeInstanceOf(Float64Array);
    expectCloseArray(Array.from(p), fx.probabilityAlive, { rel: 1e-12, label: "P(alive)" });
  });

  it("bgNbdConditionalExpectedPurchases(model, t, summary) agrees with mpmath to 1e-10", () => {
    const e = bgNbdConditionalExpectedPurchases(model, fx.t, summary);
    expect(e).toBeInstanceOf(Float64Array);
    expectCloseArray(Array.from(e), fx.conditionalExpectedPurchases, { rel: 1e-10, label: "E[Y(t)]" });
  });

  it("equal the per-customer calls exactly, for any summary", () => {
    const customer = fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }))
      .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : share * T, T }));
    fc.assert(
      fc.property(fc.array(customer, { maxLength: 30 }), fc.double({ min: 0, max: 1000, noNaN: true }), (rows, t) => {
        const s = { frequency: rows.map((c) => c.x), recency: rows.map((c) => c.tx), T: rows.map((c) => c.T) };
        const p = bgNbdProbabilityAlive(model, s);
        const e = bgNbdConditionalExpectedPurchases(model, t, s);
        expect(p.length).toBe(rows.length);
        rows.forEach((c, i) => {
          expect(p[i]).toBe(bgNbdProbabilityAlive(model, c.x, c.tx, c.T));
          expect(e[i]).toBe(bgNbdConditionalExpectedPurchases(model, t, c.x, c.tx, c.T));
        });
      }),
      { seed: 13, numRuns: 100 },
    );
  });

  it("take an RfmSummary as rfmSummary returns it, in the order of its ids", () => {
    const tx = Object.freeze([
      { id: "a", day: "2024-01-01" },
      { id: "b", day: "2024-01-08" },
      { id: "a", day: "2024-01-15" },
      { id: "a", day: "2024-01-22" },
    ]);
    const s = rfmSummary(tx, { customerId: (r) => r.id, date: (r) => r.day, calibrationEnd: "2024-02-05", timeUnit: "week" });
    const p = bgNbdProbabilityAlive({ ...model, timeUnit: "week" as const }, s);
    expect(s.ids).toEqual(["a", "b"]);
    expect(Array.from(p)).toEqual([bgNbdProbabilityAlive(model, 2, 3, 5), 1]);
  });

  it("give an empty array for an empty summary and zeros at t = 0", () => {
    expect(bgNbdProbabilityAlive(model, { frequency: [], recency: [], T: [] })).toEqual(new Float64Array(0));
    expect(Array.from(bgNbdConditionalExpectedPurchases(model, 0, summary))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuse a bad customer with its index, unequal columns, a missing column and mixed time units", () => {
    const code = (f: () => unknown): [string, number | undefined] => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CxMetricsError);
        expect((e as CxMetricsError).message).toMatch(/^bgNbd(ProbabilityAlive|ConditionalExpectedPurchases): /);
        return [(e as CxMetricsError).code, (e as CxMetricsError).index];
      }
      throw new Error("did not throw");
    };
    const bad = { frequency: [1, 1.5], recency: [0.5, 1], T: [2, 2] };
    expect(code(() => bgNbdProbabilityAlive(model, bad))).toEqual(["NOT_INTEGER", 1]);
    expect(code(() => bgNbdConditionalExpectedPurchases(model, 10, bad))).toEqual(["NOT_INTEGER", 1]);
    expect(code(() => bgNbdProbabilityAlive(model, { frequency: [1, 2], recency: [3, 1], T: [2, 2] }))).toEqual(["OUT_OF_RANGE", 0]);
    expect(code(() => bgNbdProbabilityAlive(model, { frequency: [0], recency: [1], T: [2] }))).toEqual(["OUT_OF_RANGE", 0]);
    expect(code(() => bgNbdProbabilityAlive(model, { frequency: [0], recency: [0], T: [Number.NaN] }))).toEqual(["NON_FINITE", 0]);
    expect(code(() => bgNbdProbabilityAlive(model, { frequency: [1, 2], recency: [0], T: [2, 2] }))).toEqual(["LENGTH_MISMATCH", undefined]);
    expect(code(() => bgNbdProbabilityAlive(model, { frequency: [1], T: [2] } as never))).toEqual(["INVALID_INPUT", undefined]);
    expect(code(() => bgNbdProbabilityAlive({ ...model, timeUnit: "month" as const }, { ...summary, timeUnit: "week" }))).toEqual(["INVALID_OPTION", undefined]);
    expect(code(() => bgNbdConditionalExpectedPurchases({ r: 1, alpha: 1, a: 0.2, b: 0.3 }, 10, { frequency: [1, 0], recency: [0.5, 0], T: [1, 1] }))).toEqual(["OUT_OF_RANGE", 1]);
    expect(code(() => bgNbdConditionalExpectedPurchases(model, -1, summary))).toEqual(["OUT_OF_RANGE", undefined]);
  });
});
