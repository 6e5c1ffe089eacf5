// churn, churnSeries, revenueRetention, cohortRetention and retentionCurve read subscription rows
// by row field names as well as by accessors (src/core/read-field.ts), with the same results.
import { describe, expect, expectTypeOf, it } from "vitest";
import { churn, churnSeries, cohortRetention, CxMetricsError, retentionCurve, revenueRetention } from "../../src/index";

const subs = Object.freeze(
  [
    { id: "a", start: "2023-06-01", end: "2024-01-15", mrr: 100 },
    { id: "a", start: "2024-01-15", end: null, mrr: 150 },
    { id: "b", start: "2023-09-01", end: "2024-01-20", mrr: 80 },
    { id: "c", start: "2024-01-10", end: null, mrr: 50 },
    { id: "d", start: "2023-12-01", end: "2024-03-05", mrr: 20 },
  ].map((r) => Object.freeze(r)),
);
type Sub = (typeof subs)[number];
const accessors = Object.freeze({ customerId: (s: Sub) => s.id, start: (s: Sub) => s.start, end: (s: Sub) => s.end, mrr: (s: Sub) => s.mrr });
const names = Object.freeze({ customerId: "id", start: "start", end: "end", mrr: "mrr" } as const);
const jan = Object.freeze({ from: "2024-01-01", to: "2024-02-01" });

describe("subscription field names", () => {
  it("give churn the same result as accessors, also mixed", () => {
    const byAccessor = churn(subs, { ...accessors, ...jan });
    expect(churn(subs, { ...names, ...jan })).toEqual(byAccessor);
    expect(churn(subs, { ...names, start: (s) => s.start, ...jan })).toEqual(byAccessor);
    // by hand: a, b, d active on Jan 1; b churns on Jan 20; c new on Jan 10; a's renewal merges
    expect([byAccessor.customersAtStart, byAccessor.churned, byAccessor.newCustomers, byAccessor.customersAtEnd]).toEqual([3, 1, 1, 3]);
  });

  it("give revenueRetention, churnSeries, cohortRetention and retentionCurve the same results as accessors", () => {
    const r = revenueRetention(subs, { ...names, ...jan });
    expect(r).toEqual(revenueRetention(subs, { ...accessors, ...jan }));
    // by hand: start 100 + 80 + 20 = 200; a expands by 50, b churns 80, c is new 50: end 220
    expect([r.startingMrr, r.expansion, r.churned, r.new, r.endingMrr]).toEqual([200, 50, 80, 50, 220]);
    const series = { from: "2024-01-01", to: "2024-04-01", period: "month" } as const;
    expect(churnSeries(subs, { ...names, ...series })).toEqual(churnSeries(subs, { ...accessors, ...series }));
    const cohorts = { period: "quarter", asOf: "2024-04-01" } as const;
    expect(cohortRetention(subs, { ...names, ...cohorts })).toEqual(cohortRetention(subs, { ...accessors, ...cohorts }));
    expect(retentionCurve(subs, { ...names, asOf: "2024-04-01" })).toEqual(retentionCurve(subs, { ...accessors, asOf: "2024-04-01" }));
  });

  it("refuse a row without the named field (a misspelt end must not read as still active)", () => {
    let err: unknown;
    try {
      churn(subs, { ...names, end: "ended" as never, ...jan });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CxMetricsError);
    expect((err as CxMetricsError).code).toBe("INVALID_INPUT");
    expect((err as CxMetricsError).index).toBe(0);
    expect((err as CxMetricsError).message).toMatch(/^churn: .*"ended".*option end/);
  });

  it("refuse a row that is not an object when reading by name, and an option that is neither a name nor a function", () => {
    const rows = Object.freeze([{ id: "a", start: "2024-01-01", end: null }, null]);
    expect(() => churn(rows, { customerId: "id", start: "start", end: "end", ...jan } as never)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", index: 1 }));
    expect(() => churn(subs, { ...names, customerId: 5 as never, ...jan })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => churn(subs, { ...names, start: "" as never, ...jan })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => revenueRetention(subs, { customerId: "id", start: "start", ...jan })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    // a null value under a present field is "still active", as with an accessor
    expect(churn(Object.freeze([Object.freeze({ id: "a", start: "2023-01-01", end: null })]), { customerId: "id", start: "start", end: "end", ...jan }).customersAtEnd).toBe(1);
  });

  it("type-check field names against the row type", () => {
    expectTypeOf(churn(subs, { ...names, ...jan }).churned).toBeNumber();
    // @ts-expect-error "ended" is not a field of the rows
    expect(() => churn(subs, { customerId: "id", start: "start", end: "ended", ...jan })).toThrow(CxMetricsError);
  });
});
