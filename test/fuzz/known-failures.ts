// Failures the fuzz suite found that are not fixed yet, one entry per function and root cause. The
// suite ignores a finding that matches an entry (same function, kind matched by `kind`), fails on
// any other finding, and replays each entry's minimal call to check that it still fails the same
// way: fix the bug, then delete its entry (the replay test says so).
//
// Kinds, as the suite prints them:
// - `TypeError: <message with numbers as #> (<file of the first frame in src/>)` for an untyped error;
// - `NaN at <path>`, `Infinity at <path>`, `not a number where a number is promised at <path>`;
// - `timeout: …` for a call over the time bound (the worker is killed), `out of memory`.
import * as main from "../../src/index";
import * as charts from "../../src/charts/index";
import * as node from "../../src/node/index";
import * as sql from "../../src/sql/index";
import type { SeedContext } from "./seeds";

export interface KnownFailure {
  /** The exported function. */
  fn: string;
  /** The finding's kind (exact text or a pattern), as the suite prints it. */
  kind: string | RegExp;
  /** A minimal call that shows it. */
  call: (ctx: SeedContext) => unknown;
  /** Root cause, file:line. */
  diagnosis: string;
  /** Time bound of the replay (for hangs: short, the call would run for minutes). */
  timeoutMs?: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** An untyped error whose message starts with `message` (a regex source) raised in `file`. */
const untyped = (message: string, file: string, name = "TypeError|RangeError") => new RegExp(`^(${name}): ${message}.* \\(${esc(file)}\\)$`);
/** Any untyped error raised in `file` (one root cause with many messages: an unchecked object). */
const anyUntypedIn = (file: string) => untyped("", file);
/** The user's accessor called on a hole or a null row (the library passes rows it did not check). */
const nullRow = (file: string) => untyped("Cannot read properties of (undefined|null)", file, "TypeError");
/** As nullRow, raised in either of two files (the row loop and the tally share the work). */
const nullRowIn = (a: string, b: string) => new RegExp(`^TypeError: Cannot read properties of (undefined|null).* \\((${esc(a)}|${esc(b)})\\)$`);
const BIGINT = "Cannot mix BigInt and other types";
/** A score of the wrong type reaching a comparison: a BigInt, an object without valueOf, a Symbol. */
const SCORE_TYPE = `(${BIGINT}|Cannot convert (object to primitive value|a Symbol value))`;
const HANG = /^timeout: /;
const HANG_MS = 1000;

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const bg = { kind: "bg-nbd", ...cdnow, timeUnit: "week" } as const;
const gg = { kind: "gamma-gamma", p: 6.25, q: 3.74, gamma: 15.44 } as const;
const rfm = { ids: ["c1"], frequency: [2], recency: [30.43], T: [38.86], monetaryValue: [22.35], timeUnit: "week" } as const;
const subAccess = { customerId: (s: any) => s.id, start: (s: any) => s.start, end: (s: any) => s.end };
const far = [{ id: "a", start: "2024-01-05", end: null }, { id: "b", start: "6999-12-31", end: null }];
const cal = () => main.businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]] } });
const brokenCal = () => ({ ...cal(), week: null }) as never;
const tickets = [{ c: "2025-03-03T09:00:00Z", r: "2025-03-03T10:00:00Z" }];
const tAccess = { created: (t: any) => t.c, firstReply: (t: any) => t.r, asOf: "2025-03-05T00:00:00Z" };
const portfolio = () => main.definePortfolio({ nps: main.npsMetric({ score: (r: any) => r.nps }) });
const report = () => main.evaluatePortfolio(portfolio(), [{ nps: 9, ch: "web", d: "2024-01-05" }], { segmentBy: "ch", period: "month", date: (r: any) => r.d });
const sqlQuery = () => sql.toSql(main.portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "t" });
const rfmQuery = () => sql.rfmToSql({ table: "o", customer: "c", date: "d", value: "v", calibrationEnd: "1970-01-15", timeUnit: "day" });
const rfmRow = { id: "a", first: 1, cal_days: 2, last_cal: 4, repeat_total: 30, hold_days: 0, hold_total: 0, late: 0, bad: 0, n: 2 };
const pearsonRow = { n: 3, mean_x: 2, mean_y: 4, var_x: 1, var_y: 1, cov_xy: 0.5 };

export const KNOWN_FAILURES: KnownFailure[] = [
  // ---- src/survey and src/core/tally.ts (BigInt, iterables and null rows are being added there) ----
  { fn: "nps", kind: nullRowIn("src/survey/nps.ts", "src/core/tally.ts"), call: () => main.nps([{ score: 9 }, null], (r: any) => r.score), diagnosis: "src/survey/nps.ts:140 the accessor is called on a null row or a hole (issue: evaluatePortfolio(p, [row, null]))" },
  { fn: "npsSummary", kind: nullRowIn("src/survey/nps.ts", "src/core/tally.ts"), call: () => main.npsSummary([null], (r: any) => r.s), diagnosis: "src/survey/nps.ts:140 as nps" },
  { fn: "csat", kind: nullRow("src/core/tally.ts"), call: () => main.csat([{ q1: 5 }, null], (r: any) => r.q1), diagnosis: "src/core/tally.ts:86 the accessor is called on a null row or a hole" },
  { fn: "csatSummary", kind: nullRow("src/core/tally.ts"), call: () => main.csatSummary([null], (r: any) => r.q1), diagnosis: "src/core/tally.ts:86 as csat" },
  { fn: "ces", kind: nullRow("src/core/tally.ts"), call: () => main.ces([null, { easy: 5 }], (r: any) => r.easy), diagnosis: "src/core/tally.ts:86 as csat" },
  { fn: "cesSummary", kind: nullRow("src/core/tally.ts"), call: () => main.cesSummary([null], (r: any) => r.easy), diagnosis: "src/core/tally.ts:86 as csat" },

  // ---- src/value ----------------------------------------------------------------------------
  { fn: "rfmSummary", kind: nullRow("src/value/rfm-summary.ts"), call: () => main.rfmSummary([{ id: "a", day: "2024-01-01", amount: 10 }, undefined], { customerId: (t: any) => t.id, date: (t: any) => t.day, value: (t: any) => t.amount, calibrationEnd: "2024-02-01", timeUnit: "day" }), diagnosis: "src/value/rfm-summary.ts:151 the accessors are called on a null row or a hole" },
  { fn: "historicalClv", kind: nullRow("src/value/historical-clv.ts"), call: () => main.historicalClv([null], { customerId: (r: any) => r.id, date: (r: any) => r.d, value: (r: any) => r.v, cohortPeriod: "month" }), diagnosis: "src/value/historical-clv.ts:120 the accessors are called on a null row or a hole" },


  // ---- src/relate ---------------------------------------------------------------------------
  { fn: "alignByPeriod", kind: nullRow("src/relate/align.ts"), call: () => main.alignByPeriod({ rows: [null], date: (r: any) => r.d, value: (r: any) => r.v }, { rows: [{ d: "2024-01-15", v: 1 }], date: (r: any) => r.d, value: (r: any) => r.v }, { period: "month" }), diagnosis: "src/relate/align.ts:69 the accessors are called on a null row or a hole" },
  { fn: "relateMetricToOutcomes", kind: nullRow("src/relate/align.ts"), call: () => main.relateMetricToOutcomes({ rows: [null], date: (r: any) => r.d, value: (r: any) => r.v }, { o: { rows: [{ d: "2024-01-15", v: 1 }], date: (r: any) => r.d, value: (r: any) => r.v } }, { period: "month" }), diagnosis: "src/relate/align.ts:69 as alignByPeriod" },

  // ---- src/retention ------------------------------------------------------------------------
  { fn: "revenueRetention", kind: nullRow("src/retention/subscriptions.ts"), call: () => main.revenueRetention([null], { ...subAccess, mrr: (s: any) => s.mrr, from: "2024-01-01", to: "2024-02-01" } as never), diagnosis: "src/retention/subscriptions.ts:81 the accessors are called on a null row or a hole" },
  { fn: "churn", kind: nullRow("src/retention/subscriptions.ts"), call: () => main.churn([null], { ...subAccess, from: "2024-01-01", to: "2024-02-01" } as never), diagnosis: "src/retention/subscriptions.ts:81 as revenueRetention" },
  { fn: "churnSeries", kind: nullRow("src/retention/subscriptions.ts"), call: () => main.churnSeries([null], { ...subAccess, from: "2024-01-01", to: "2024-04-01", period: "month" } as never), diagnosis: "src/retention/subscriptions.ts:81 as revenueRetention" },
  { fn: "cohortRetention", kind: nullRow("src/retention/subscriptions.ts"), call: () => main.cohortRetention([null], { ...subAccess, period: "month", asOf: "2024-04-01" } as never), diagnosis: "src/retention/subscriptions.ts:81 as revenueRetention" },
  { fn: "retentionCurve", kind: nullRow("src/retention/subscriptions.ts"), call: () => main.retentionCurve([null], { ...subAccess, asOf: "2024-02-01" } as never), diagnosis: "src/retention/subscriptions.ts:81 as revenueRetention" },

  // ---- src/portfolio (portfolio.ts, report.ts) ----------------------------------------------
  { fn: "mergePortfolios", kind: anyUntypedIn("src/portfolio/portfolio.ts"), call: () => main.mergePortfolios({ kind: "portfolio", metrics: {} } as never), diagnosis: "src/portfolio/portfolio.ts:84 a portfolio is checked only for its kind; keys and metrics are used unchecked" },
  { fn: "summarizePortfolio", kind: nullRow("src/portfolio/portfolio.ts"), call: () => main.summarizePortfolio(portfolio(), [null] as never[], { segmentBy: "ch" }), diagnosis: "src/portfolio/portfolio.ts:165 a null row (issue: evaluatePortfolio(p, [row, null]))" },
  { fn: "evaluatePortfolio", kind: nullRow("src/portfolio/portfolio.ts"), call: () => main.evaluatePortfolio(portfolio(), [{ nps: 9, ch: "a" }, null] as never[], { segmentBy: "ch" }), diagnosis: "src/portfolio/portfolio.ts:165 a null row (issue item 4: evaluatePortfolio(p, [row, null]))" },
  { fn: "finishPortfolio", kind: anyUntypedIn("src/portfolio/portfolio.ts"), call: () => { const p = portfolio(); const s = main.summarizePortfolio(p, [{ nps: 9 }]); return main.finishPortfolio(p, { ...s, metrics: ["nps", 10n] } as never); }, diagnosis: "src/portfolio/portfolio.ts:426 the summary check JSON.stringifies the summary's metrics list, which may hold a BigInt, a Symbol or an object without toString" },
  { fn: "finishPortfolio", kind: /^-?Infinity at \.alerts\[\]\.score$/, call: () => { const p = portfolio(); const s = main.summarizePortfolio(p, [{ nps: 9 }]); return main.finishPortfolio(p, s, { targets: { nps: { target: 1e308, warning: -1e308 } } }); }, diagnosis: "src/portfolio/report.ts:656 an alert's score divides by the target's distance, which overflows for extreme targets" },
  { fn: "portfolioCell", kind: anyUntypedIn("src/portfolio/report.ts"), call: () => main.portfolioCell({ ...report(), segmentBy: new Set(["ch"]) } as never), diagnosis: "src/portfolio/report.ts:738 a report is checked only for its kind; segmentBy and cells are used unchecked" },
  { fn: "closedLoop", kind: nullRow("src/survey/nps.ts"), call: () => main.closedLoop(portfolio(), [{ nps: 6, who: "a" }, null], { id: (r: any) => r.who }), diagnosis: "src/survey/nps.ts:140 a null row reaches the metric's accessor (closedLoop validates through the metric's summarize)" },

  { fn: "mergePortfolioSummaries", kind: anyUntypedIn("src/portfolio/portfolio.ts"), call: () => { const p = portfolio(); const s = main.summarizePortfolio(p, [{ nps: 9 }]); return main.mergePortfolioSummaries(p, { ...s, metrics: ["nps", Object.create(null)] } as never); }, diagnosis: "src/portfolio/portfolio.ts:426 as finishPortfolio: the summary check stringifies its metrics list" },
  { fn: "finishPortfolio", kind: anyUntypedIn("src/portfolio/metrics.ts"), call: () => { const p = portfolio(); const s = main.summarizePortfolio(p, [{ nps: 9 }]); return main.finishPortfolio(p, { ...s, cells: [{ ...s.cells[0]!, summaries: { nps: null } }] } as never); }, diagnosis: "src/portfolio/portfolio.ts:422 the summary check does not check each cell's summaries, so a metric's count/finish gets null" },
  { fn: "fromSqlRows", kind: /^-?Infinity at \.alerts\[\]\.score$/, call: () => sql.fromSqlRows(sqlQuery(), [{ m0_missing: 0, m0_invalid: 0, m0_c0: 1, m0_c1: 1, m0_c2: 2, n_rows: 4 }], { targets: { nps: { target: 1e308, warning: -1e308 } } }), diagnosis: "src/portfolio/report.ts:656 as finishPortfolio (alerts)" },

  // ---- src/node -----------------------------------------------------------------------------

  // ---- src/sql ------------------------------------------------------------------------------
  { fn: "summaryFromSqlRows", kind: anyUntypedIn("src/sql/compile.ts"), call: () => sql.summaryFromSqlRows(sqlQuery(), [null] as never), diagnosis: "src/sql/compile.ts:236 a row that is not an object is read unchecked" },
  { fn: "fromSqlRows", kind: anyUntypedIn("src/sql/compile.ts"), call: () => sql.fromSqlRows(undefined as never, []), diagnosis: "src/sql/compile.ts:334 the query and the rows are used unchecked" },
  { fn: "rfmFromSqlRows", kind: anyUntypedIn("src/sql/rfm.ts"), call: () => sql.rfmFromSqlRows({ ...rfmQuery(), calibrationEndDay: 14n } as never, [rfmRow]), diagnosis: "src/sql/rfm.ts:173 the query's day numbers and the rows are used unchecked (BigInt, 1e308, null rows)" },
  { fn: "rfmFromSqlRows", kind: /^(-?Infinity|NaN|not a number where a number is promised) at \.timeUnit$/, call: () => sql.rfmFromSqlRows({ ...rfmQuery(), timeUnit: -Infinity } as never, [rfmRow]), diagnosis: "src/sql/rfm.ts:172 the query's timeUnit is copied into the summary unchecked" },
  { fn: "pearsonFromSqlRows", kind: anyUntypedIn("src/sql/pearson.ts"), call: () => sql.pearsonFromSqlRows(sql.pearsonToSql({ table: "t", x: "x", y: "y" }), undefined as never), diagnosis: "src/sql/pearson.ts:97 the rows (and each row) are used unchecked" },
  { fn: "pearsonFromSqlRows", kind: /^-?Infinity at \[\]\.summary\.(m2x|m2y|cxy)$/, call: () => sql.pearsonFromSqlRows(sql.pearsonToSql({ table: "t", x: "x", y: "y" }), [{ ...pearsonRow, var_y: 1e308 }]), diagnosis: "src/sql/pearson.ts:115 (n − 1)·var overflows for a finite variance near 1e308" },

  // ---- src/charts: results are checked only for their kind ------------------------------------
  { fn: "npsDistributionChart", kind: anyUntypedIn("src/charts/index.ts"), call: () => charts.npsDistributionChart([{ label: Object.create(null), result: main.nps([10]) }]), diagnosis: "src/charts/index.ts:103 a label is String()ed unchecked" },
  { fn: "cohortHeatmap", kind: anyUntypedIn("src/charts/index.ts"), call: () => charts.cohortHeatmap({ cohorts: [{ cohort: "2024-01-01", size: 1, share: null }] } as never), diagnosis: "src/charts/index.ts:141 a cohort's share is .map()ped unchecked" },
  { fn: "survivalChart", kind: anyUntypedIn("src/charts/index.ts"), call: () => charts.survivalChart({ ...main.kaplanMeier([1, 2], [1, 1]), times: null } as never), diagnosis: "src/charts/index.ts:178 the curve's arrays are used unchecked" },
  { fn: "resolutionTimeChart", kind: anyUntypedIn("src/charts/index.ts"), call: () => charts.resolutionTimeChart({ ...main.firstReplyTime(tickets, tAccess as never), percentiles: new Set() } as never), diagnosis: "src/charts/index.ts:214 the result's percentiles are .filter()ed unchecked" },
  { fn: "laggedCorrelationChart", kind: anyUntypedIn("src/charts/index.ts"), call: () => charts.laggedCorrelationChart(main.laggedCorrelation([1, 3, 2, 5, 4, 6], [0, 1, 3, 2, 5, 4], { maxLag: 1 }), null as never), diagnosis: "src/charts/index.ts:247 the result is used unchecked" },
];
