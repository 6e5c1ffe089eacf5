// Bad input to the SQL finishing functions (rows as a driver returns them, queries that may have been
// stored or forged): every row throws a CxMetricsError with its code, index and a message that
// starts with the function's name. No database is needed.
import { describe, expect, test } from "vitest";
import { definePortfolio, npsMetric, portfolioFromConfig } from "../../src/index";
import { fromSqlRows, pearsonFromSqlRows, pearsonToSql, rfmFromSqlRows, rfmToSql, summaryFromSqlRows, toSql } from "../../src/sql/index";
import { SQL_KINDS } from "../../src/sql/kinds/index";
import { bad, badInput, deepFreeze, errorOf, L } from "../helpers/tables";

const q = L("toSql(nps)", toSql(portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "t" }));
// 1 detractor, 1 passive, 2 promoters: NPS = (2 − 1)/4 = 25
const npsRow = deepFreeze({ n_rows: 4, m0_missing: 0, m0_invalid: 0, m0_c0: 1, m0_c1: 1, m0_c2: 2 });
const rq = L("rfmToSql(day, calibration end day 14)", rfmToSql({ table: "o", customer: "c", date: "d", value: "v", calibrationEnd: "1970-01-15", timeUnit: "day" }));
const rfmRow = deepFreeze({ id: "a", first: 1, cal_days: 2, last_cal: 4, repeat_total: 30, hold_days: 0, hold_total: 0, late: 0, bad: 0, n: 2 });
const pq = L("pearsonToSql(x, y)", pearsonToSql({ table: "t", x: "x", y: "y" }));
const pRow = deepFreeze({ n: 3, mean_x: 2, mean_y: 4, var_x: 1, var_y: 1, cov_xy: 0.5 });

describe("summaryFromSqlRows and fromSqlRows", () => {
  badInput(summaryFromSqlRows as never, [
    bad("summaryFromSqlRows", [q, [null]], "INVALID_INPUT", 0, "a row that is not an object (was a TypeError)"),
    bad("summaryFromSqlRows", [q, [npsRow, 7]], "INVALID_INPUT", 1),
    bad("summaryFromSqlRows", [q, { length: -1 }], "INVALID_INPUT"),
    bad("summaryFromSqlRows", [q, [{ ...npsRow, m0_c2: 2n ** 60n }]], "INVALID_INPUT", 0, "a bigint a double does not hold exactly"),
    bad("summaryFromSqlRows", [L("a query without its portfolio", { ...q, portfolio: undefined }), [npsRow]], "INVALID_OPTION"),
    bad("summaryFromSqlRows", [L("a query whose plan names no metric of the portfolio", { ...q, plan: [{ ...q.plan[0]!, key: "csat" }] }), [npsRow]], "INVALID_OPTION"),
    bad("summaryFromSqlRows", [L("a query with an empty plan", { ...q, plan: [] }), [npsRow]], "INVALID_OPTION"),
    bad("summaryFromSqlRows", [L("a query with segmentBy null", { ...q, segmentBy: null }), [npsRow]], "INVALID_OPTION"),
    bad("summaryFromSqlRows", [L("a query with timeZone 5", { ...q, timeZone: 5 }), [npsRow]], "INVALID_OPTION"),
  ]);
  badInput(fromSqlRows as never, [
    bad("fromSqlRows", [undefined, []], "INVALID_OPTION", undefined, "was a TypeError"),
    bad("fromSqlRows", [q, undefined], "INVALID_INPUT"),
    bad("fromSqlRows", [q, [npsRow, null]], "INVALID_INPUT", 1),
    bad("fromSqlRows", [q, [npsRow], { confidnce: 0.9 }], "INVALID_OPTION", undefined, "a misspelt key was ignored"),
  ]);

  test("an exact bigint in a count column is accepted as its number (DuckDB returns BIGINT as bigint)", () => {
    const r = fromSqlRows(q, [{ ...npsRow, n_rows: 4n, m0_c0: 1n, m0_c1: 1n, m0_c2: 2n }]);
    expect(r.cells[0]!.metrics.nps!.value).toBe(25);
  });

  test("an alert's score is finite for an extreme target (it was Infinity)", () => {
    const r = fromSqlRows(q, [npsRow], { targets: { nps: { target: 1e308, warning: -1e308 } } });
    expect(r.alerts).toHaveLength(1);
    expect(Number.isFinite(r.alerts[0]!.score)).toBe(true);
  });
});

// one metric of each SQL kind (a weighted NPS, a 1–5 CSAT, a proportion on a boolean column, a mean)
const kq = L(
  "toSql(one metric of each kind)",
  toSql(portfolioFromConfig({ nps: { type: "nps", column: "s", weight: "w" }, csat: { type: "csat", column: "c" }, fcr: { type: "proportion", column: "b" }, x: { type: "mean", column: "x" } }), { table: "t", segmentBy: "channel" }),
);
const kRow = deepFreeze({
  s0: "web",
  m0_missing: 0, m0_invalid: 0, m0_wsq: 4, m0_c0: 1, m0_w0: 1, m0_c1: 1, m0_w1: 1, m0_c2: 2, m0_w2: 2,
  m1_missing: 0, m1_invalid: 0, m1_c0: 0, m1_c1: 0, m1_c2: 1, m1_c3: 1, m1_c4: 1,
  m2_missing: 0, m2_invalid: 0, m2_c0: 1, m2_c1: 1,
  m3_missing: 1, m3_n: 3, m3_mean: 2, m3_var: 1, m3_min: 1, m3_max: 3,
});

describe("summaryFromSqlRows: a malformed aggregate of each SQL kind", () => {
  // the summary read back goes through the metric's own merge, which checks it as any summary
  const cases: [string, keyof typeof SQL_KINDS, Record<string, unknown>, string][] = [
    ["a negative NPS count", "nps", { m0_c0: -1 }, "INVALID_SUMMARY"],
    ["a fractional NPS count", "nps", { m0_c1: 0.5 }, "INVALID_SUMMARY"],
    ["a negative NPS weight sum", "nps", { m0_w0: -3 }, "INVALID_SUMMARY"],
    ["NPS values off the scale of a metric that does not skip them", "nps", { m0_invalid: 2 }, "OUT_OF_RANGE"],
    ["a negative CSAT count", "distribution", { m1_c2: -1 }, "INVALID_SUMMARY"],
    ["a fractional count of a boolean column", "distribution", { m2_c1: 1.5 }, "INVALID_SUMMARY"],
    ["CSAT values off the scale of a metric that does not skip them", "distribution", { m1_invalid: 1 }, "OUT_OF_RANGE"],
    ["a text in a count column", "distribution", { m1_c4: "many" }, "INVALID_INPUT"],
    ["a negative variance", "moments", { m3_var: -1 }, "INVALID_SUMMARY"],
    ["a minimum above the maximum", "moments", { m3_min: 5 }, "INVALID_SUMMARY"],
    ["a fractional count of values", "moments", { m3_n: 2.5 }, "INVALID_SUMMARY"],
    ["a missing mean", "moments", { m3_mean: undefined }, "INVALID_INPUT"],
  ];

  test("the well-formed row is read", () => {
    const s = summaryFromSqlRows(kq, [kRow]);
    expect(s.cells[0]!.summaries).toMatchObject({ nps: { n: 4, promoterWeight: 2, weightSquares: 4 }, csat: { n: 3, counts: [0, 0, 1, 1, 1] }, fcr: { n: 2 }, x: { n: 3, m2: 2, skipped: 1 } });
  });

  test.for(cases)("%s (%s) throws %s", ([, , change, code]) => {
    const [got, message] = errorOf(() => summaryFromSqlRows(kq, [{ ...kRow, ...change }]));
    expect([got, message]).toEqual([code, expect.any(String)]);
    if (code === "OUT_OF_RANGE") expect(message).toContain("(channel web)");
  });

  test("every SQL kind has a malformed row above", () => {
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(Object.keys(SQL_KINDS)));
  });
});

describe("rfmFromSqlRows", () => {
  badInput(rfmFromSqlRows as never, [
    bad("rfmFromSqlRows", [L("a query with calibrationEndDay 14n", { ...rq, calibrationEndDay: 14n }), [rfmRow]], "INVALID_OPTION", undefined, "was a TypeError"),
    bad("rfmFromSqlRows", [L("a query with calibrationEndDay 1e308", { ...rq, calibrationEndDay: 1e308 }), [rfmRow]], "INVALID_OPTION"),
    bad("rfmFromSqlRows", [L("a query with observationEndDay before calibrationEndDay", { ...rq, observationEndDay: 13 }), [rfmRow]], "INVALID_OPTION"),
    bad("rfmFromSqlRows", [L("a query with timeUnit -Infinity", { ...rq, timeUnit: -Infinity }), [rfmRow]], "INVALID_OPTION", undefined, "was copied into the summary"),
    bad("rfmFromSqlRows", [rq, [rfmRow, null]], "INVALID_INPUT", 1, "a row that is not an object"),
    bad("rfmFromSqlRows", [rq, "rows"], "INVALID_INPUT"),
    bad("rfmFromSqlRows", [rq, [{ ...rfmRow, first: -1e308 }]], "INVALID_INPUT", 0, "a day no Date holds"),
    bad("rfmFromSqlRows", [rq, [{ ...rfmRow, last_cal: 1e308 }]], "INVALID_INPUT", 0, "a day no Date holds (recency was Infinity)"),
    bad("rfmFromSqlRows", [rq, [{ ...rfmRow, last_cal: 0 }]], "INVALID_INPUT", 0, "last purchase before the first"),
    bad("rfmFromSqlRows", [rq, [{ ...rfmRow, cal_days: 1.5 }]], "INVALID_INPUT", 0, "a fractional count"),
    bad("rfmFromSqlRows", [rq, [{ ...rfmRow, n: 2n ** 60n }]], "INVALID_INPUT", 0, "an inexact bigint"),
    bad("rfmFromSqlRows", [rq, [{ ...rfmRow, repeat_total: -5 }]], "INVALID_INPUT", 0),
  ]);

  test("exact bigints are accepted as their numbers", () => {
    const s = rfmFromSqlRows(rq, [{ ...rfmRow, first: 1n, cal_days: 2n, last_cal: 4n, n: 2n, late: 0n, bad: 0n, hold_days: 0n }]);
    // the doc example: purchases on days 1 and 4 (values 10 and 30), calibration end day 14
    expect([s.frequency[0], s.recency[0], s.T[0], s.monetaryValue[0]]).toEqual([1, 3, 13, 30]);
  });
});

describe("pearsonFromSqlRows", () => {
  badInput(pearsonFromSqlRows as never, [
    bad("pearsonFromSqlRows", [pq, undefined], "INVALID_INPUT", undefined, "was a TypeError"),
    bad("pearsonFromSqlRows", [pq, [null]], "INVALID_INPUT", 0),
    bad("pearsonFromSqlRows", [pq, [{ ...pRow, var_y: 1e308 }]], "NON_FINITE", 0, "(n − 1)·var_y overflows (was m2y = Infinity)"),
    bad("pearsonFromSqlRows", [pq, [{ ...pRow, n: 2.5 }]], "INVALID_INPUT", 0),
    bad("pearsonFromSqlRows", [pq, [{ ...pRow, n: 2n ** 60n }]], "INVALID_INPUT", 0),
    bad("pearsonFromSqlRows", [pq, [{ ...pRow, var_x: -1 }]], "INVALID_INPUT", 0),
  ]);

  test("an exact bigint count is accepted; a variance of 1e308 with n = 2 is finite", () => {
    // n = 2: m2 = (n − 1)·var = var
    const out = pearsonFromSqlRows(pq, [{ ...pRow, n: 2n, var_y: 1e308 }]);
    expect(out[0]!.summary.n).toBe(2);
    expect(out[0]!.summary.m2y).toBe(1e308);
  });
});

describe("toSql columns: weights, and its deprecated name weight", () => {
  const weighted = L("portfolio(nps weighted by accessor)", definePortfolio({ nps: npsMetric<{ s: number; w: number }>({ score: (r) => r.s, weights: (r) => r.w }) }));
  badInput(toSql as never, [
    bad("toSql", [weighted, { table: "t", columns: { nps: { column: "s", weights: "w", weight: "w" } } }], "INVALID_OPTION", undefined, "both names at once"),
    bad("toSql", [weighted, { table: "t", columns: { nps: { column: "s", weights: 5 } } }], "INVALID_OPTION"),
  ]);

  test("weight still names the weights column, as weights does", () => {
    const now = toSql(weighted, { table: "t", columns: { nps: { column: "s", weights: "w" } } });
    expect(toSql(weighted, { table: "t", columns: { nps: { column: "s", weight: "w" } } }).sql).toBe(now.sql);
    expect(now.sql).toContain('"w"');
  });
});
