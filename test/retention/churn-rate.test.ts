import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annualizeChurn, churn, churnRate, cohortRetention, CxMetricsError, deannualizeChurn, revenueRetention } from "../../src/index";
import { expectClose } from "../helpers/close";

describe("churnRate", () => {
  it("gives the three rates of a hand-checked month", () => {
    // 200 customers at the start, 10 churned, 220 at the end; 6,300 customer-days in a 30-day month.
    const r = churnRate({ customersAtStart: 200, churned: 10, customersAtEnd: 220, customerDays: 6300, daysInPeriod: 30 });
    expect(r.rate).toBe(0.05); // 10 / 200
    expectClose(r.averageBase!, 10 / 210); // average base (200 + 220) / 2 = 210
    expectClose(r.exposure!, 10 / 210); // 6,300 customer-days / 30 days = 210 average customers
    expectClose(r.dailyHazard!, 10 / 6300);
  });

  it("leaves the optional rates undefined without their inputs", () => {
    const r = churnRate({ customersAtStart: 50, churned: 5 });
    expect(r).toEqual({ rate: 0.1, averageBase: null, exposure: null, dailyHazard: null });
  });

  it.each([
    [{ customersAtStart: 0, churned: 0 }, "EMPTY_INPUT"],
    [{ customersAtStart: -1, churned: 0 }, "OUT_OF_RANGE"],
    [{ customersAtStart: 10, churned: 1.5 }, "NOT_INTEGER"],
    [{ customersAtStart: 10, churned: Number.NaN }, "NON_FINITE"],
    [{ customersAtStart: "10", churned: 1 }, "INVALID_SCORE"],
    [{ customersAtStart: 10, churned: 1, customerDays: 300 }, "INVALID_OPTION"],
    [{ customersAtStart: 10, churned: 1, customerDays: 300, daysInPeriod: 0 }, "OUT_OF_RANGE"],
  ])("churnRate(%o) throws %s", (counts, code) => {
    expect(() => churnRate(counts as never)).toThrow(expect.objectContaining({ code, name: "CxMetricsError" }));
    try {
      churnRate(counts as never);
    } catch (e) {
      expect(e).toBeInstanceOf(CxMetricsError);
      expect((e as Error).message.startsWith("churnRate: ")).toBe(true);
    }
  });
});

describe("annualizeChurn and deannualizeChurn", () => {
  it("compound: 2% a month is 21.53% a year, not 24%", () => {
    // 1 − 0.98^12 = 1 − 0.78474… = 0.21526…
    expectClose(annualizeChurn(0.02, 12).annual, 1 - 0.98 ** 12, { rel: 1e-14 });
    expect(annualizeChurn(0.02, 12).annual).toBeCloseTo(0.2153, 4);
    // expected lifetime of a geometric lifetime: 1 / 0.02 = 50 months = 4.17 years
    expect(annualizeChurn(0.02, 12).expectedLifetimePeriods).toBe(50);
    expect(annualizeChurn(0, 12).expectedLifetimePeriods).toBe(Infinity);
  });

  it("round-trip for every rate and period count", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constantFrom(4, 12, 52, 365), (r, k) => {
        // once the annual rate rounds to (nearly) 1, the period rate cannot be recovered from it
        fc.pre(annualizeChurn(r, k).annual < 1 - 1e-6);
        const back = deannualizeChurn(annualizeChurn(r, k).annual, k).perPeriod;
        expect(Math.abs(back - r)).toBeLessThanOrEqual(1e-12 + 1e-9 * r);
        expect(annualizeChurn(r, k).annual).toBeGreaterThanOrEqual(r - 1e-15); // a year loses at least a period's churn
      }),
    );
  });

  it("return the same shape both ways, each rate named by its period", () => {
    const up = annualizeChurn(0.02, 12);
    // 1 − 0.98^12 computed by hand above; the other direction from 0.2153: 1 − 0.7847^(1/12) = 0.019996…
    const down = deannualizeChurn(0.2153, 12);
    expect(Object.keys(up).sort()).toEqual(Object.keys(down).sort());
    expect(Object.keys(up)).not.toContain("rate");
    expect(up.perPeriod).toBe(0.02);
    expect(down.annual).toBe(0.2153);
    expectClose(down.perPeriod, 1 - 0.7847 ** (1 / 12), { rel: 1e-13 });
    // lifetime from the per-period rate, whichever way the conversion went
    expectClose(down.expectedLifetimePeriods, 1 / down.perPeriod, { rel: 1e-15 });
    expectClose(down.expectedLifetimeYears, 1 / down.perPeriod / 12, { rel: 1e-15 });
  });

  it("refuses rates outside [0, 1] and non-positive period counts", () => {
    expect(() => annualizeChurn(1.2, 12)).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE" }));
    expect(() => annualizeChurn(0.1, 0)).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE" }));
    expect(() => deannualizeChurn(Number.NaN, 12)).toThrow(expect.objectContaining({ code: "NON_FINITE" }));
  });
});

describe("revenueRetention", () => {
  it("gives GRR, NRR and the MRR churns of a hand-checked month", () => {
    // start 100,000; expansion 8,000; contraction 2,000; churned 5,000; new 12,000; reactivation 1,000
    const r = revenueRetention({ startingMrr: 100_000, expansion: 8_000, contraction: 2_000, churned: 5_000, new: 12_000, reactivation: 1_000 });
    expect(r.grossRevenueRetention).toBe(0.93); // (100,000 − 2,000 − 5,000) / 100,000
    expect(r.netRevenueRetention).toBe(1.01); // (100,000 + 8,000 − 7,000) / 100,000
    expect(r.grossMrrChurn).toBe(0.07);
    expect(r.netMrrChurn).toBe(-0.01); // net negative churn
    expect(r.endingMrr).toBe(114_000); // 100,000 + 12,000 + 1,000 + 8,000 − 7,000
  });

  it("never counts new or reactivated revenue in retention", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (start, added, back) => {
        const base = revenueRetention({ startingMrr: start, expansion: start / 10, churned: start / 5 });
        const more = revenueRetention({ startingMrr: start, expansion: start / 10, churned: start / 5, new: added, reactivation: back });
        expect(more.grossRevenueRetention).toBe(base.grossRevenueRetention);
        expect(more.netRevenueRetention).toBe(base.netRevenueRetention);
        expect(more.grossRevenueRetention).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("refuses negative amounts and losses above the starting MRR", () => {
    expect(() => revenueRetention({ startingMrr: 100, churned: -1 })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE" }));
    expect(() => revenueRetention({ startingMrr: 100, churned: 80, contraction: 30 })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE" }));
    expect(() => revenueRetention({ startingMrr: 0 })).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
  });
});

describe("the worked month of docs/retention.md", () => {
  it("gives the four rates from subscription rows, with the arithmetic of the docs", () => {
    // 200 customers active through December; 10 of them leave in January (end on Jan 11);
    // 30 join on Jan 16 and 2 of those leave on Jan 26. Customer-days in January (31 days):
    //   190 stayers × 31 + 10 leavers × 10 (Jan 1–10) + 28 new stayers × 16 (Jan 16–31) + 2 × 10 (Jan 16–25)
    //   = 5,890 + 100 + 448 + 20 = 6,458.
    const rows: { id: number; start: string; end: string | null }[] = [];
    for (let i = 0; i < 200; i++) rows.push({ id: i, start: "2023-06-01", end: i < 10 ? "2024-01-11" : null });
    for (let i = 200; i < 230; i++) rows.push({ id: i, start: "2024-01-16", end: i < 202 ? "2024-01-26" : null });
    const r = churn(rows, { customerId: (s) => s.id, start: (s) => s.start, end: (s) => s.end, from: "2024-01-01", to: "2024-02-01" });
    expect([r.customersAtStart, r.newCustomers, r.churned, r.customersAtEnd]).toEqual([200, 30, 12, 218]);
    expect(r.customerDays).toBe(6458);
    expect(r.rates.cohort).toBe(10 / 200);
    expect(r.rates.events).toBe(12 / 200);
    expectClose(r.rates.averageBase!, 12 / 209);
    expectClose(r.rates.exposure!, 12 / (6458 / 31));
  });
});

describe("revenue from subscription rows", () => {
  const subs = [
    { id: "a", start: "2024-01-05", end: "2024-02-20", mrr: 100 },
    { id: "b", start: "2024-01-10", end: "2024-03-01", mrr: 50 },
    { id: "b", start: "2024-03-01", end: null, mrr: 80 }, // upgrade on renewal (touching: merged for logos)
    { id: "c", start: "2024-02-03", end: null, mrr: 30 },
    { id: "d", start: "2023-05-01", end: "2023-09-01", mrr: 40 }, // a former customer …
    { id: "d", start: "2024-03-10", end: null, mrr: 45 }, // … who comes back in March
  ];
  const acc = { customerId: (s: (typeof subs)[number]) => s.id, start: (s: (typeof subs)[number]) => s.start, end: (s: (typeof subs)[number]) => s.end, mrr: (s: (typeof subs)[number]) => s.mrr };

  it("revenueRetention(rows) builds the MRR bridge of a month by hand", () => {
    // March: at start (Mar 1⁻) b 50 (first subscription still active at Mar 1⁻), c 30 → 80.
    // At end (Apr 1⁻): b 80 (+30 expansion), c 30, d 45 (reactivation) → 155.
    const r = revenueRetention(subs, { ...acc, from: "2024-03-01", to: "2024-04-01" });
    expect([r.startingMrr, r.expansion, r.contraction, r.churned, r.new, r.reactivation, r.endingMrr]).toEqual([80, 30, 0, 0, 0, 45, 155]);
    expect(r.netRevenueRetention).toBe(110 / 80);
    expect(r.grossRevenueRetention).toBe(1);
  });

  it("cohortRetention adds the cohort's MRR by age, by hand", () => {
    const t = cohortRetention(subs, { ...acc, period: "month", asOf: "2024-04-01" });
    // January cohort (a, b): end of Jan 100 + 50; end of Feb b's 50 (a left Feb 20); end of Mar b's 80.
    expect(t.cohorts.find((c) => c.cohort === "2024-01-01")).toMatchObject({ size: 2, retained: [2, 1, 1], revenue: [150, 50, 80] });
    expect(t.cohorts.find((c) => c.cohort === "2024-01-01")!.revenueShare).toEqual([1, 50 / 150, 80 / 150]);
    // d's cohort is May 2023 (first start), active again at the end of March 2024 (age 10)
    const may = t.cohorts.find((c) => c.cohort === "2023-05-01")!;
    // active May 1 – Aug 31 (the end Sep 1 is exclusive): retained at the ends of May, Jun, Jul, Aug
    expect(may.retained.slice(0, 5)).toEqual([1, 1, 1, 1, 0]);
    expect(may.retained[10]).toBe(1);
  });

  it("cohortRetention pools revenue by age three ways, by hand", () => {
    const t = cohortRetention(subs, { ...acc, period: "month", asOf: "2024-04-01" });
    // Cohorts with revenue at age 0: May 2023 (d: 40, 40, 40, 40, 0, …, 45), Jan 2024 (150, 50, 80),
    // Feb 2024 (c: 30, 30).
    const r = t.byAge.revenue!;
    expect(r.pooled[0]).toBe(1);
    expect(r.pooled[1]).toBeCloseTo(120 / 220, 12);
    expect(r.pooled[2]).toBeCloseTo(120 / 190, 12); // Feb 2024 is not observed at age 2
    expect(r.meanOfShares[1]).toBeCloseTo((1 + 1 / 3 + 1) / 3, 12);
    expect(r.meanOfShares[2]).toBeCloseTo((1 + 80 / 150) / 2, 12);
    expect(r.chained[2]).toBeCloseTo((120 / 220) * (120 / 90), 12);
    expect(r.pooled[10]).toBeCloseTo(45 / 40, 12); // only May 2023 is observed at age 10: d came back at 45
    expect(r.pooled.length).toBe(t.byAge.pooled.length);
    expect(cohortRetention(subs, { customerId: acc.customerId, start: acc.start, end: acc.end, period: "month", asOf: "2024-04-01" }).byAge.revenue).toBeUndefined();
  });

  it("revenueRetention(rows) needs an mrr accessor", () => {
    expect(() => revenueRetention(subs, { customerId: acc.customerId, start: acc.start, from: "2024-03-01", to: "2024-04-01" } as never)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });
});
