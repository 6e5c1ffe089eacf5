// Bad input to the portfolio: every row throws a CxMetricsError with its code, index and a message
// that starts with the function's name.
import { describe, expect, test } from "vitest";
import {
  csatMetric,
  defineMetric,
  definePortfolio,
  evaluatePortfolio,
  finishPortfolio,
  meanMetric,
  mergePortfolioSummaries,
  mergePortfolios,
  npsMetric,
  portfolioCell,
  portfolioFromConfig,
  slaMetric,
  summarizePortfolio,
} from "../../src/index";
import { bad, badInput, deepFreeze, errorOf, L } from "../helpers/tables";

interface Row {
  ch: string;
  d: string;
  nps: unknown;
  csat: number;
}
const rows: Row[] = deepFreeze(Array.from({ length: 10 }, (_, i) => ({ ch: i % 2 ? "web" : "app", d: `2024-0${1 + (i % 3)}-10`, nps: i, csat: 1 + (i % 5) })));
const withBadScore = L("rows with nps 11 at row 7", rows.map((r, i) => (i === 7 ? { ...r, nps: 11 } : r)));
const withTextScore = L('rows with nps "9" at row 4', rows.map((r, i) => (i === 4 ? { ...r, nps: "9" } : r)));
const p = L("portfolio(nps, csat)", definePortfolio({ nps: npsMetric<Row>({ score: (r) => r.nps as number }), csat: csatMetric<Row>({ score: (r) => r.csat }) }));
const pNpsOnly = L("portfolio(nps)", definePortfolio({ nps: npsMetric<Row>({ score: (r) => r.nps as number }) }));
const aov = L("portfolio(aov)", definePortfolio({ aov: meanMetric<Row, "aov">({ id: "aov", label: "AOV", value: (r) => r.csat }) }));
const byCh = summarizePortfolio(p, rows, { segmentBy: "ch" });
const total = summarizePortfolio(p, rows);
const npsTotal = summarizePortfolio(pNpsOnly, rows);
const npsNine = summarizePortfolio(pNpsOnly, [{ ch: "web", d: "2024-01-01", nps: 9, csat: 5 }]);
const L1 = (label: string, v: object) => L(label, v);

const spec = {
  id: "m",
  label: "M",
  unit: "",
  direction: "higher-is-better" as const,
  summarize: () => 0,
  merge: () => 0,
  empty: () => 0,
  count: () => 0,
  finish: () => 0,
  value: () => 0,
};

describe("defineMetric", () => {
  badInput(defineMetric as never, [
    bad("defineMetric", [null], "INVALID_OPTION"),
    bad("defineMetric", [L1("spec with id ''", { ...spec, id: "" })], "INVALID_OPTION"),
    bad("defineMetric", [L1('spec with direction "up"', { ...spec, direction: "up" })], "INVALID_OPTION"),
    bad("defineMetric", [L1("spec without merge", { ...spec, merge: undefined })], "INVALID_OPTION"),
    bad("defineMetric", [L1("spec with compare 3", { ...spec, compare: 3 })], "INVALID_OPTION"),
    bad("defineMetric", [L1("spec with range [5, 1]", { ...spec, range: [5, 1] })], "INVALID_OPTION"),
    bad("defineMetric", [L1("spec with label 7", { ...spec, label: 7 })], "INVALID_OPTION"),
  ]);
});

describe("built-in metrics", () => {
  badInput(npsMetric as never, [bad("npsMetric", [{}], "INVALID_OPTION", undefined, "no score accessor"), bad("npsMetric", [{ score: (r: Row) => r.nps, confidence: 1 }], "INVALID_OPTION"), bad("npsMetric", [{ score: (r: Row) => r.nps, method: "exact" }], "INVALID_OPTION")]);
  badInput(csatMetric as never, [bad("csatMetric", [{ score: (r: Row) => r.csat, satisfiedMin: 9 }], "INVALID_OPTION")]);
  badInput(slaMetric as never, [
    bad("slaMetric", [{ created: (r: Row) => r.d, asOf: "2024-01-01", target: 4 }], "INVALID_OPTION", undefined, "no metric"),
    bad("slaMetric", [{ created: (r: Row) => r.d, asOf: "2024-01-01", metric: "resolution", target: -1 }], "INVALID_OPTION"),
  ]);
});

describe("definePortfolio and mergePortfolios", () => {
  badInput(definePortfolio as never, [bad("definePortfolio", [{}], "INVALID_OPTION"), bad("definePortfolio", [{ nps: 3 }], "INVALID_OPTION"), bad("definePortfolio", [[]], "INVALID_OPTION")]);
  badInput(mergePortfolios as never, [bad("mergePortfolios", [p, pNpsOnly], "DUPLICATE_METRIC", 1), bad("mergePortfolios", [p, { nps: 1 }], "INVALID_OPTION", 1),
    bad("mergePortfolios", [p, { kind: "portfolio", metrics: {} }], "INVALID_OPTION", 1, "a forged portfolio without keys (was a TypeError)"),
    bad("mergePortfolios", [{ kind: "portfolio", keys: ["x"], metrics: {} }], "INVALID_OPTION", 0, "a key that names no metric"),
  ]);
});

describe("evaluatePortfolio", () => {
  badInput(evaluatePortfolio as never, [
    bad("evaluatePortfolio", [p, withBadScore], "OUT_OF_RANGE", 7, "the row index in the caller's rows, not in the cell"),
    bad("evaluatePortfolio", [p, withBadScore, { segmentBy: "ch", period: "month", date: (r: Row) => r.d }], "OUT_OF_RANGE", 7, "in a cell"),
    bad("evaluatePortfolio", [p, withTextScore, { segmentBy: "ch" }], "INVALID_SCORE", 4),
    bad("evaluatePortfolio", [p, rows, { period: "month" }], "INVALID_OPTION", undefined, "period without date"),
    bad("evaluatePortfolio", [p, rows, { date: (r: Row) => r.d }], "INVALID_OPTION", undefined, "date without period"),
    bad("evaluatePortfolio", [p, rows, { period: "fortnight", date: (r: Row) => r.d }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { period: "month", date: (r: Row) => r.d, timeZone: "Mars/Base" }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { period: "month", date: (_r: Row, i: number) => (i === 3 ? "2024-13-01" : "2024-01-01") }], "INVALID_DATE", 3),
    bad("evaluatePortfolio", [p, rows, { segmentBy: "nope" }], "INVALID_INPUT", 0, "a segment field that rows do not have"),
    bad("evaluatePortfolio", [p, rows, { segmentBy: [] }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { segmentBy: ["ch", "ch"] }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { segmentBy: { ch: "ch" } }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { targets: { churn: { target: 1 } } }], "INVALID_OPTION", undefined, "unknown metric in targets"),
    bad("evaluatePortfolio", [p, rows, { segmentBy: "ch", targets: { nps: { target: 1, segments: [{ where: { region: "EU" }, target: 2 }] } } }], "INVALID_OPTION", undefined, "unknown segment key in targets"),
    bad("evaluatePortfolio", [p, rows, { targets: { nps: { target: 1, segments: [{ where: { ch: "web" }, target: 2 }] } } }], "INVALID_OPTION", undefined, "segment targets without segmentBy"),
    bad("evaluatePortfolio", [p, rows, { targets: { nps: { target: 10, warning: 20 } } }], "INVALID_OPTION", undefined, "warning above the target of a higher-is-better metric"),
    bad("evaluatePortfolio", [p, rows, { targets: { nps: { target: Number.NaN } } }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { composite: { weights: { nps: 0, csat: 0 } } }], "INVALID_OPTION", undefined, "weights that sum to 0"),
    bad("evaluatePortfolio", [p, rows, { composite: { weights: { nps: -1, csat: 2 } } }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, rows, { composite: { weights: { ces: 1 } } }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [aov, rows, { composite: { weights: { aov: 1 } } }], "INVALID_OPTION", undefined, "a metric without a range"),
    bad("evaluatePortfolio", [p, rows, { alpha: 0 }], "INVALID_OPTION"),
    bad("evaluatePortfolio", [p, "rows"], "INVALID_INPUT"),
    bad("evaluatePortfolio", [{ nps: 1 }, rows], "INVALID_OPTION"),
  ]);

  test("the message names the metric and the row", () => {
    const [code, message] = errorOf(() => evaluatePortfolio(p, withBadScore, { segmentBy: "ch" }));
    expect(code).toBe("OUT_OF_RANGE");
    expect(message).toMatch(/^evaluatePortfolio: metric "nps", row 7: npsSummary: .*row 7/);
  });

  test('with the metric\'s skip policy the invalid row is counted, not thrown', () => {
    const skip = definePortfolio({ nps: npsMetric<Row>({ score: (r) => r.nps as number, invalid: "skip" }) });
    const r = evaluatePortfolio(skip, withBadScore);
    expect(r.cells[0]!.metrics.nps.n).toBe(9);
    expect(r.cells[0]!.metrics.nps.result!.invalid).toBe(1);
  });
});

describe("mergePortfolioSummaries and finishPortfolio", () => {
  badInput(mergePortfolioSummaries as never, [
    bad("mergePortfolioSummaries", [p], "EMPTY_INPUT"),
    bad("mergePortfolioSummaries", [p, L("summary by ch", byCh), L("summary without segments", total)], "INVALID_SUMMARY", 1),
    bad("mergePortfolioSummaries", [pNpsOnly, L("summary by ch", byCh)], "INVALID_SUMMARY", 0, "other metrics"),
    bad("mergePortfolioSummaries", [p, L("summary by ch", byCh), { kind: "nps" }], "INVALID_SUMMARY", 1),
    bad("mergePortfolioSummaries", [p, L("summary with a cell without summaries", { ...total, cells: [{ segment: [], period: null, periodIndex: null, summaries: {} }] })], "INVALID_SUMMARY", 0),
    bad("mergePortfolioSummaries", [pNpsOnly, L("summary with metrics [\"nps\", Object.create(null)]", { ...npsTotal, metrics: ["nps", Object.create(null)] })], "INVALID_SUMMARY", 0, "was a TypeError from JSON.stringify"),
    bad("mergePortfolioSummaries", [pNpsOnly, L("summary with metrics [\"nps\", 10n]", { ...npsTotal, metrics: ["nps", 10n] })], "INVALID_SUMMARY", 0, "was a TypeError from JSON.stringify"),
    bad("mergePortfolioSummaries", [pNpsOnly, L("summary whose cell has summaries { nps: null }", { ...npsTotal, cells: [{ ...npsTotal.cells[0]!, summaries: { nps: null } }] })], "INVALID_SUMMARY", 0),
  ]);
  badInput(finishPortfolio as never, [
    bad("finishPortfolio", [p, { kind: "portfolio" }], "INVALID_SUMMARY"),
    bad("finishPortfolio", [p, L("summary by ch", byCh), { confidence: 2 }], "INVALID_OPTION"),
    bad("finishPortfolio", [pNpsOnly, L("summary with metrics [\"nps\", Symbol()]", { ...npsTotal, metrics: ["nps", Symbol("x")] })], "INVALID_SUMMARY", undefined, "was a TypeError from JSON.stringify"),
    bad("finishPortfolio", [pNpsOnly, L("summary whose cell has summaries { nps: null }", { ...npsTotal, cells: [{ ...npsTotal.cells[0]!, summaries: { nps: null } }] })], "INVALID_SUMMARY", undefined, "was a TypeError in the metric's count"),
    bad("finishPortfolio", [pNpsOnly, L("summary whose cell has summaries { nps: {} }", { ...npsTotal, cells: [{ ...npsTotal.cells[0]!, summaries: { nps: {} } }] })], "INVALID_SUMMARY", undefined, "a count that is not a number (was a silent no-data cell)"),
  ]);

  test("the error names the cell and the metric whose summary is missing", () => {
    const [code, message] = errorOf(() => finishPortfolio(pNpsOnly, { ...npsTotal, cells: [{ ...npsTotal.cells[0]!, summaries: { nps: null } }] }));
    expect(code).toBe("INVALID_SUMMARY");
    expect(message).toMatch(/^finishPortfolio: expected cell 0 \(segment \[\], period null\) to have a summary of metric "nps"/);
  });

  test("an alert's score stays finite for extreme targets (it was Infinity)", () => {
    // nps = 100 against a target of 1e308: the breach |100 − 1e308| in points of the NPS range
    // (200 wide) is 5e307 per unit of log10(1 + n) = log10(2); their product is finite
    const r = finishPortfolio(pNpsOnly, npsNine, { targets: { nps: { target: 1e308, warning: -1e308 } } });
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]!.score).toBeCloseTo(5e307 * Math.log10(2), -293); // 15 significant digits of 1.505e307
    const far = finishPortfolio(pNpsOnly, npsNine, { targets: { nps: { target: 1e308, warning: 1e308 } } });
    expect(Number.isFinite(far.alerts[0]!.score)).toBe(true);
  });
});

describe("portfolioCell", () => {
  const report = evaluatePortfolio(p, rows, { segmentBy: "ch" });
  badInput(portfolioCell as never, [
    bad("portfolioCell", [{ kind: "nps" }], "INVALID_OPTION"),
    bad("portfolioCell", [L("report with segmentBy new Set([\"ch\"])", { ...report, segmentBy: new Set(["ch"]) })], "INVALID_INPUT", undefined, "was a TypeError"),
    bad("portfolioCell", [L("report with cells null", { ...report, cells: null })], "INVALID_INPUT"),
    bad("portfolioCell", [L("report with cells [null]", { ...report, cells: [null] })], "INVALID_INPUT", 0),
    bad("portfolioCell", [L("report whose cell 0 has no segment", { ...report, cells: [{ period: null }] })], "INVALID_INPUT", 0),
  ]);
});

describe("portfolioFromConfig", () => {
  badInput(portfolioFromConfig as never, [
    bad("portfolioFromConfig", [L('a JSON config with a "__proto__" metric (was dropped silently)', JSON.parse('{"nps": {"type": "nps", "column": "score"}, "__proto__": {"type": "csat", "column": "c"}}'))], "INVALID_OPTION"),
    bad("portfolioFromConfig", [{ nps: null }], "INVALID_OPTION"),
    bad("portfolioFromConfig", [{ nps: { type: "net promoter", column: "score" } }], "INVALID_OPTION"),
    bad("portfolioFromConfig", [{ nps: { type: "nps", column: "" } }], "INVALID_OPTION"),
    bad("portfolioFromConfig", [{ nps: { type: "nps", column: "score", weights: "w", weight: "w" } }], "INVALID_OPTION", undefined, "weights and its deprecated name weight at once"),
    bad("portfolioFromConfig", [{ nps: { type: "nps", column: "score", weights: 2 } }], "INVALID_OPTION", undefined, "weights must name a column"),
    bad("portfolioFromConfig", [{ csat: { type: "csat", column: "score", weight: ["w"] } }], "INVALID_OPTION", undefined, "so must weight"),
  ]);

  test("weight, the deprecated name of weights, still names the weight column", () => {
    const answers = [{ score: 9, w: 3 }, { score: 3, w: 1 }, { score: 7, w: 0 }];
    const now = evaluatePortfolio(portfolioFromConfig({ nps: { type: "nps", column: "score", weights: "w" } }), answers);
    const old = evaluatePortfolio(portfolioFromConfig({ nps: { type: "nps", column: "score", weight: "w" } }), answers);
    expect(now.cells[0]!.metrics.nps!.value).toBe(50);
    expect(old.cells[0]!.metrics.nps!.result).toEqual(now.cells[0]!.metrics.nps!.result);
    expect(portfolioFromConfig({ nps: { type: "nps", column: "score", weight: "w" } }).metrics.nps!.sql).toEqual(portfolioFromConfig({ nps: { type: "nps", column: "score", weights: "w" } }).metrics.nps!.sql);
  });
});

describe("a summary with a hole in its cells", () => {
  test("finishPortfolio and mergePortfolioSummaries refuse it with INVALID_SUMMARY", () => {
    const p = definePortfolio({ nps: npsMetric<{ s: number }>({ score: (r) => r.s }) });
    const s = summarizePortfolio(p, [{ s: 9 }]);
    // eslint-disable-next-line no-sparse-arrays
    const holed = { ...s, cells: [, ...s.cells] } as never;
    expect(errorOf(() => finishPortfolio(p, holed))[0]).toBe("INVALID_SUMMARY");
    expect(errorOf(() => mergePortfolioSummaries(p, holed, s))[0]).toBe("INVALID_SUMMARY");
  });
});
