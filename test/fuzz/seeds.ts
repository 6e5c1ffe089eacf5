// Valid calls of every exported function: the starting points of the near-valid mutations, and the
// "good" shapes that say which result fields are numbers. One to three argument lists each, taken
// from the TSDoc examples and the tests. A new export without an entry here fails the fuzz suite.
import { join } from "node:path";
import { Readable } from "node:stream";
import * as main from "../../src/index";
import * as sql from "../../src/sql/index";
import { opaque } from "./arbitraries";

/** Where the Node readers may read: a temp dir the suite creates (see `writeFixtures`). */
export interface SeedContext {
  dir: string;
  /** The portfolio module of the worker tests (imports the built package). */
  module: URL;
}

export interface FuzzSpec {
  /** Valid argument lists (built fresh for each call). */
  seeds: (ctx: SeedContext) => unknown[][];
  /** Share of the run count (default 1): heavy functions (threads, DuckDB, fits) run fewer calls. */
  weight?: number;
  /** Time bound of one call in ms (default: the suite's bound). */
  timeoutMs?: number;
  /** Rewrites generated arguments so that no fuzzed value can name a file to write or a module to import. */
  sanitize?: (args: unknown[], ctx: SeedContext) => unknown[];
  /** Drains a result that is lazy (an async iterable) so its work really runs. */
  consume?: (result: unknown) => Promise<unknown>;
  /**
   * Result paths (normalized: `[]` for any index) where ±Infinity is a documented value, with the
   * reason. Anything else non-finite is a finding.
   */
  infinityOk?: Record<string, string>;
  /**
   * The function returns (pieces of) its input reshaped rather than numbers it computes (a chart
   * spec, a cell of a report, the portfolio): its result is not checked, only what it throws.
   */
  echo?: string;
  /** Result paths (or their ends) where `undefined` is a documented value although a seed gave a number. */
  optionalNumbers?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Data the seeds share
// ---------------------------------------------------------------------------------------------

const cdnow = () => ({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const bgModel = () => ({ kind: "bg-nbd", ...cdnow(), timeUnit: "week" });
const ggModel = () => ({ kind: "gamma-gamma", p: 6.25, q: 3.74, gamma: 15.44 });
const rfm = () => ({ ids: ["c1", "c2"], frequency: [2, 0], recency: [30.43, 0], T: [38.86, 20], monetaryValue: [22.35, 0], timeUnit: "week" });
const subs = () => [
  { id: "a", start: "2023-11-01", end: "2024-01-11", mrr: 100 },
  { id: "b", start: "2023-12-01", end: null, mrr: 50 },
  { id: "c", start: "2024-01-15", end: null, mrr: 80 },
  { id: "a", start: "2024-01-11", end: null, mrr: 150 },
];
const subAccess = () => ({ customerId: (s: any) => s.id, start: (s: any) => s.start, end: (s: any) => s.end });
const tickets = () => [
  { c: "2025-03-03T09:00:00Z", r: "2025-03-03T10:00:00Z", s: "2025-03-04T10:00:00Z", p: [["2025-03-03T11:00:00Z", "2025-03-03T12:00:00Z"]] },
  { c: "2025-03-03T09:00:00Z", r: "2025-03-03T12:00:00Z", s: null, p: [] },
  { c: "2025-03-03T09:00:00Z", r: null, s: null, p: null },
];
const ticketAccess = () => ({ created: (t: any) => t.c, firstReply: (t: any) => t.r, solved: (t: any) => t.s, pauses: (t: any) => t.p, asOf: "2025-03-05T00:00:00Z" });
const calendar = () => main.businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "17:00"]], tue: [["09:00", "12:30"], ["13:30", "17:00"]], fri: [["09:00", "17:00"]] }, holidays: ["2025-12-25"] });
const portfolio = () => opaque(main.definePortfolio({ nps: main.npsMetric({ score: (r: any) => r.nps }), csat: main.csatMetric({ score: (r: any) => r.csat }) }));
const rows = () => [
  { nps: 10, csat: 5, ch: "web", d: "2024-01-05", who: "a" },
  { nps: 6, csat: 3, ch: "web", d: "2024-01-20", who: "b" },
  { nps: 9, csat: 4, ch: "app", d: "2024-02-05", who: "c" },
  { nps: 0, csat: null, ch: "app", d: "2024-02-10", who: "d" },
];
const report = () => main.evaluatePortfolio(portfolio(), rows(), { segmentBy: "ch", period: "month", date: (r: any) => r.d, targets: { nps: { target: 30, warning: 10 } } });
const config = () => ({ nps: { type: "nps", column: "score" }, fcr: { type: "proportion", column: "solved", label: "FCR" }, ces: { type: "ces", column: "effort" } });
const fromConfig = (c: unknown) => opaque(main.portfolioFromConfig(c as never));
const km = () => main.kaplanMeier([2, 3, 3, 5, 8], [true, true, false, true, false]);
const series = () => {
  const months = ["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15"];
  const score = [20, 35, 25, 40, 30, 45];
  const revenue = [100, 110, 113, 125, 129, 142];
  return {
    metric: { rows: months.map((d, i) => ({ d, v: score[i] })), date: (r: any) => r.d, value: (r: any) => r.v },
    outcome: { rows: months.map((d, i) => ({ d, v: revenue[i] })), date: (r: any) => r.d, value: (r: any) => r.v },
  };
};
const sqlQuery = () => opaque(sql.toSql(fromConfig({ nps: { type: "nps", column: "score" } } as never), { table: "answers" }));
const sqlRows = () => [{ m0_missing: 1, m0_invalid: 0, m0_c0: 1, m0_c1: 1, m0_c2: 2, n_rows: 5 }];
const rfmQuery = () => sql.rfmToSql({ table: "orders", customer: "c", date: "d", value: "v", calibrationEnd: "1970-01-15", timeUnit: "day" });
const rfmRows = () => [{ id: "a", first: 1, cal_days: 2, last_cal: 4, repeat_total: 30, hold_days: 0, hold_total: 0, late: 0, bad: 0, n: 2 }];
const pearsonQuery = () => sql.pearsonToSql({ table: "t", x: "x", y: "y" });
const pearsonRows = () => [{ n: 3, mean_x: 2, mean_y: 13 / 3, var_x: 1, var_y: 19 / 3, cov_xy: 2.5 }];
const slaSummary = () => ({ kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 8, breached: 1, openBreached: 1, openWithinTarget: 2 });
const ticketSummary = () => ({ kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [2, 5, 1, 8], open: [30] });
const orders = () => [
  { id: "a", day: "2024-01-01", amount: 10 },
  { id: "a", day: "2024-01-15", amount: 30 },
  { id: "b", day: "2024-01-08", amount: 5 },
  { id: "c", day: "2024-02-20", amount: 12 },
];
const rfmAccess = () => ({ customerId: (t: any) => t.id, date: (t: any) => t.day, value: (t: any) => t.amount });

/** A report's threshold is the user's target as given: its warning is optional. */
const REPORT_OPTIONAL = { ".threshold.warning": "Threshold.warning is optional (the target as the user gave it)" };
const CHART = "a chart spec carries the values of the result it is given";

// Node readers: only files inside the suite's temp dir and a few fixed bad paths are ever read.
const SAFE_BAD_PATHS = ["/nonexistent/cx-fuzz.csv", "/", "relative-cx-fuzz-missing.csv"];
const readable = (dir: string) => [join(dir, "answers.csv"), join(dir, "answers.ndjson"), join(dir, "answers.json"), join(dir, "bad.csv"), join(dir, "empty.csv"), join(dir, "quote.csv"), join(dir, "far.csv"), ...SAFE_BAD_PATHS];

/** Files the Node readers read, written once by the suite (small: bounded work per call). */
export const FIXTURE_FILES: Record<string, string> = {
  "answers.csv": "score,csat,channel,date\n9,5,web,2024-01-05\n10,4,web,2024-01-20\n2,3,app,2024-02-05\n,2,app,2024-02-10\n",
  "answers.ndjson": '{"score":9,"csat":5,"channel":"web","date":"2024-01-05"}\n{"score":3,"csat":null,"channel":"app","date":"2024-02-05"}\n',
  "answers.json": '[{"score":9,"channel":"web"},{"score":3,"channel":"app"}]',
  "bad.csv": "score,csat,channel,date\n11,x,web,2024-13-01\n9,5\n1e400,,,\n",
  "empty.csv": "",
  "quote.csv": 'score,comment\n9,"she said ""hi""\n3,"unclosed\n10,ok\n',
  "far.csv": "score,csat,channel,date\n9,5,web,2024-01-05\n10,4,web,6999-12-31\n",
};

/** Any source argument that is a string or URL becomes one of the safe paths; streams stay. */
function safeSource(v: unknown, ctx: SeedContext, k: number): unknown {
  if (typeof v === "string" || v instanceof URL) {
    const all = readable(ctx.dir);
    const s = v instanceof URL ? v.href : v;
    if (all.includes(s)) return s;
    let h = k;
    for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
    return all[h % all.length];
  }
  return v;
}

/** Drain an async iterable result (readRows) so that the reading really happens. */
async function drain(result: unknown): Promise<unknown> {
  const r = result as AsyncIterable<{ rows: unknown[] }> & { stats(): unknown };
  let chunks = 0;
  for await (const c of r) {
    if (++chunks > 1000) break;
    void c;
  }
  return r.stats();
}

const noWrites = (args: unknown[]): unknown[] => {
  // DuckDB's `database` option names a file it would create: never fuzzed.
  const o = args[args.length - 1];
  if (o !== null && typeof o === "object" && "database" in (o as object)) delete (o as Record<string, unknown>).database;
  return args;
};

// ---------------------------------------------------------------------------------------------
// The seeds
// ---------------------------------------------------------------------------------------------

export const SPECS: Record<string, Record<string, FuzzSpec>> = {
  "cx-metrics": {
    CxMetricsError: { seeds: () => [["INVALID_INPUT", "nps: expected something", 2, { a: 1 }, [{ kind: "row", row: 1 }]]] },
    normalCdf: { seeds: () => [[0], [1.96], [-10]] },
    normalQuantile: {
      seeds: () => [[0.975], [0.5], [1e-10]],
      infinityOk: { "": "normalQuantile(0) = −∞ and normalQuantile(1) = +∞: the quantiles of the ends of the scale (documented)" },
    },
    studentTCdf: { seeds: () => [[2, 10], [0, 3], [-1.5, 1]] },
    studentTQuantile: {
      seeds: () => [[0.975, 9], [0.5, 3]],
      infinityOk: { "": "studentTQuantile(0, df) = −∞ and (1, df) = +∞ (documented)" },
    },
    nps: { seeds: () => [[[10, 9, 9, 8, 7, 6, 3, 10, 9, 0]], [[{ score: 9 }, { score: 4 }, { score: null }], (r: any) => r.score, { confidence: 0.9, method: "wald" }], [[10, 9, 0], { weights: [1, 2, 0.5] }]] },
    npsSummary: { seeds: () => [[[10, 9, 8, 3, null]], [[{ s: 10 }, { s: null }], (r: any) => r.s], [[10, 9, 0], { weights: [1, 2, 3] }]] },
    npsFromSummary: { seeds: () => [[main.npsSummary([10, 10, 9, 8, 6, 3]), { method: "wald" }], [main.npsSummary([10, 0, 9], { weights: [1, 2, 3] })]] },
    npsFromCounts: { seeds: () => [[{ promoters: 3, passives: 2, detractors: 1 }], [{ promoters: 50, passives: 30, detractors: 20 }, { confidence: 0.9 }]] },
    mergeNpsSummaries: { seeds: () => [[main.npsSummary([10, 9]), main.npsSummary([0, 8])], [main.npsSummary([10]), main.emptyNpsSummary()]] },
    emptyNpsSummary: { seeds: () => [[], [{ min: 0, max: 10, passiveMin: 7, promoterMin: 9 }]] },
    field: { seeds: () => [["score"], ["Q1 rating"]] },
    compareNps: {
      seeds: () => [
        [{ promoters: 50, passives: 30, detractors: 20 }, { promoters: 60, passives: 25, detractors: 15 }],
        [[10, 9, 3, 7, 10], [0, 3, 9, 10, 6, 5], { confidence: 0.9 }],
      ],
    },
    npsSampleSize: { seeds: () => [[{ marginOfError: 5 }], [{ marginOfError: 5, variance: 0.6, confidence: 0.9 }]] },
    csat: { seeds: () => [[[5, 5, 4, 4, 4, 3, 3, 2, 1, 5]], [[{ q1: 5 }, { q1: 2 }], (r: any) => r.q1, { satisfiedMin: 4 }], [[5, 4, 1, 2], { weights: [1, 1, 2, 0.5] }]] },
    csatSummary: { seeds: () => [[[5, 4, 4, 2]], [[{ q1: 5 }, { q1: null }], (r: any) => r.q1]] },
    csatFromSummary: { seeds: () => [[main.csatSummary([5, 4, 3, 2]), { satisfiedMin: 5 }], [main.csatSummary([5, 4, 1])]] },
    mergeCsatSummaries: { seeds: () => [[main.csatSummary([5]), main.csatSummary([1, 4])]] },
    emptyCsatSummary: { seeds: () => [[], [{ min: 0, max: 10 }]] },
    compareCsat: { seeds: () => [[[5, 4, 2, 1, 3, 4, 5, 2], [5, 5, 4, 4, 3, 5, 4, 4]], [[5, 4, 2, 1], [5, 5, 4], { confidence: 0.9 }]] },
    ces: { seeds: () => [[[1, 2, 3, 4, 5, 6, 7, 7, 6, 5]], [[{ easy: 7 }, { easy: 5 }], (r: any) => r.easy], [[7, 5, 3], { weights: [1, 2, 1] }]] },
    cesSummary: { seeds: () => [[[7, 6, 6, 2]], [[{ easy: 7 }], (r: any) => r.easy]] },
    cesFromSummary: { seeds: () => [[main.cesSummary([7, 6, 5, 4, 2])], [main.cesSummary([7, 6, 5, 4, 2]), { confidence: 0.9 }]] },
    mergeCesSummaries: { seeds: () => [[main.cesSummary([7]), main.cesSummary([1])]] },
    emptyCesSummary: { seeds: () => [[], ["1.0"]] },
    compareCes: { seeds: () => [[[7, 7, 6, 5, 5, 4, 6, 7, 3, 6, 5, 7], [1, 2, 3, 4, 5, 6, 7, 7, 6, 5]]] },
    rfmSummary: { seeds: () => [[orders().slice(0, 3), { ...rfmAccess(), calibrationEnd: "2024-01-29", timeUnit: "week" }], [orders(), { ...rfmAccess(), calibrationEnd: "2024-02-01", observationEnd: "2024-03-01", timeUnit: "day" }]] },
    fitBgNbd: { weight: 0.3, timeoutMs: 5000, seeds: () => [[{ frequency: [0, 1, 2, 0, 5, 1], recency: [0, 2, 9, 0, 11, 4], T: [12, 12, 12, 10, 12, 9] }]] },
    bgNbdLogLikelihood: { seeds: () => [[{ r: 1, alpha: 1, a: 1, b: 1 }, { frequency: [0], recency: [0], T: [1] }], [cdnow(), rfm()]] },
    bgNbdProbabilityAlive: { seeds: () => [[cdnow(), 0, 0, 38.86], [cdnow(), 2, 30.43, 38.86]] },
    bgNbdExpectedPurchases: { seeds: () => [[cdnow(), 39], [cdnow(), 0.5]] },
    bgNbdConditionalExpectedPurchases: { seeds: () => [[cdnow(), 39, 2, 30.43, 38.86], [cdnow(), 10, 0, 0, 5]] },
    bgNbdProbabilityOfPurchases: { seeds: () => [[cdnow(), 39, 0], [cdnow(), 39, 3]] },
    fitGammaGamma: { weight: 0.3, timeoutMs: 5000, seeds: () => [[{ frequency: [1, 2, 3, 1, 4, 0], monetaryValue: [20, 35, 18, 50, 26, 0] }]] },
    gammaGammaConditionalExpectedValue: { seeds: () => [[{ p: 6.25, q: 3.74, gamma: 15.44 }, 0, 0], [{ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.345]] },
    simpleClv: { seeds: () => [[{ averageOrderValue: 50, purchaseFrequency: 4, lifespan: 3, margin: 0.3 }]] },
    retentionClv: { infinityOk: { ".horizon": "no horizon given: the unlimited horizon (the perpetuity) is reported as Infinity" }, seeds: () => [[{ margin: 100, retentionRate: 0.8, discountRate: 0.1 }], [{ margin: 100, retentionRate: 0.8, discountRate: 0.1, includeFirstPeriod: true }]] },
    customerLifetimeValue: { seeds: () => [[bgModel(), ggModel(), rfm(), { horizon: 52, discountRate: 0, timeUnit: "week" }], [bgModel(), ggModel(), rfm(), { horizon: 12, discountRate: 0.01, timeUnit: "week" }]] },
    // its output has one row per customer asked for (capped at 1e7): 3e6 customers take seconds
    simulateBgNbd: { weight: 0.3, timeoutMs: 20_000, seeds: () => [[cdnow(), { customers: 50, T: 39, seed: 7 }], [cdnow(), { customers: 2, T: [10, 20], seed: 1 }]] },
    historicalClv: { seeds: () => [[orders(), { customerId: (r: any) => r.id, date: (r: any) => r.day, value: (r: any) => r.amount, cohortPeriod: "month" }]] },
    pearson: { seeds: () => [[[1, 2, 3, 4, 5], [2, 4, 5, 4, 5]], [[1, 2, 3, 4], [2, 4, 5, 9], { confidence: 0.9 }]] },
    pearsonSummary: { seeds: () => [[[1, 2, 3], [2, 4, 7]]] },
    mergePearsonSummaries: { seeds: () => [[main.pearsonSummary([1, 2], [2, 4]), main.pearsonSummary([3], [7])]] },
    pearsonFromSummary: { seeds: () => [[main.pearsonSummary([1, 2, 3, 4], [2, 4, 5, 9])], [main.pearsonSummary([1, 2, 3, 4], [2, 4, 5, 9]), { confidence: 0.9 }]] },
    emptyPearsonSummary: { seeds: () => [[]] },
    spearman: { seeds: () => [[[1, 2, 3, 4, 5], [1, 4, 9, 16, 100]], [[1, 2, 2, 4, 5], [5, 4, 9, 1, 100]]] },
    kendall: { seeds: () => [[[1, 2, 3, 4, 5], [3, 1, 2, 5, 4]]] },
    linearRegression: { seeds: () => [[[1, 2, 3, 4], [3, 5, 7, 9.5]]] },
    holm: { seeds: () => [[[0.01, 0.04, 0.03]]] },
    benjaminiHochberg: { seeds: () => [[[0.01, 0.04, 0.03]]] },
    alignByPeriod: { seeds: () => [[series().metric, series().outcome, { period: "month" }]] },
    laggedCorrelation: {
      seeds: () => [
        [[1, 5, 2, 8, 3, 9, 4, 7, 6, 2], [0, 0, 1, 5, 2, 8, 3, 9, 4, 7], { maxLag: 3 }],
        [{ metric: [1, 5, 2, 8, 3, 9], outcome: [0, 1, 5, 2, 8, 3] }, { maxLag: 1 }],
      ],
    },
    periodChange: { seeds: () => [[[100, 110, null, 121]], [[100, 125], "growth"]] },
    relateMetricToOutcomes: { seeds: () => [[series().metric, { revenue: series().outcome }, { period: "month" }]] },
    kaplanMeier: { seeds: () => [[[1, 2, 3, 4], [1, 1, 1, 1]], [[2, 3, 3, 5], [true, true, false, true]]] },
    survivalAt: { seeds: () => [[km(), 2.7], [km(), 0]] },
    restrictedMeanSurvival: { seeds: () => [[km(), 4], [km(), 10]] },
    churnRate: { seeds: () => [[{ customersAtStart: 200, churned: 10, customersAtEnd: 220 }]] },
    annualizeChurn: {
      seeds: () => [[0.02, 12]],
      infinityOk: {
        ".expectedLifetimeYears": "a churn rate of 0 means customers never leave: an infinite expected lifetime",
        ".expectedLifetimePeriods": "as expectedLifetimeYears",
      },
    },
    deannualizeChurn: {
      seeds: () => [[0.2153, 12]],
      infinityOk: {
        ".expectedLifetimeYears": "a churn rate of 0 (or one so small that 1/rate overflows) means customers never leave: an infinite expected lifetime",
        ".expectedLifetimePeriods": "as expectedLifetimeYears",
      },
    },
    revenueRetention: {
      seeds: () => [
        [{ startingMrr: 100_000, expansion: 8_000, contraction: 2_000, churned: 5_000, new: 12_000 }],
        [subs(), { ...subAccess(), mrr: (s: any) => s.mrr, from: "2024-01-01", to: "2024-02-01" }],
      ],
    },
    churn: { seeds: () => [[subs(), { ...subAccess(), from: "2024-01-01", to: "2024-02-01" }]] },
    churnSummary: { seeds: () => [[subs(), { ...subAccess(), from: "2024-01-01", to: "2024-02-01" }]] },
    emptyChurnSummary: { seeds: () => [[{ from: "2024-01-01", to: "2024-02-01" }], [{ from: "2024-01-01", to: "2024-02-01", timeZone: "Europe/Paris" }]] },
    mergeChurnSummaries: { seeds: () => [[main.churnSummary(subs() as never, { ...subAccess(), from: "2024-01-01", to: "2024-02-01" } as never), main.emptyChurnSummary({ from: "2024-01-01", to: "2024-02-01" })]] },
    churnFromSummary: { seeds: () => [[main.churnSummary(subs() as never, { ...subAccess(), from: "2024-01-01", to: "2024-02-01" } as never)]] },
    kaplanMeierSummary: { seeds: () => [[[1, 2, 3, 4], [1, 1, 0, 1]], [[2, 3, 3, 5], [true, true, false, true], { entry: [0, 1, 0, 2] }]] },
    emptyKaplanMeierSummary: { seeds: () => [[]] },
    mergeKaplanMeierSummaries: { seeds: () => [[main.kaplanMeierSummary([1, 2, 3], [1, 0, 1]), main.kaplanMeierSummary([2, 4], [1, 1])], [main.kaplanMeierSummary([1], [1]), main.emptyKaplanMeierSummary()]] },
    kaplanMeierFromSummary: { seeds: () => [[main.kaplanMeierSummary([1, 2, 3, 4], [1, 1, 0, 1])], [main.kaplanMeierSummary([2, 3, 3, 5], [1, 1, 0, 1]), { confidence: 0.9 }]] },
    rfmHistogram: { seeds: () => [[{ frequency: [0, 2, 2], recency: [0, 5, 5], T: [10, 10, 10], monetaryValue: [0, 20, 30] }], [orders(), { ...rfmAccess(), calibrationEnd: "2024-02-01", observationEnd: "2024-03-01", timeUnit: "day" }]] },
    emptyRfmHistogram: { seeds: () => [[], [{ timeUnit: "week", calibrationEnd: "1997-09-30" }]] },
    mergeRfmHistograms: { seeds: () => [[main.rfmHistogram({ frequency: [0, 2], recency: [0, 5], T: [10, 10] }), main.rfmHistogram({ frequency: [1], recency: [3], T: [10] })]] },
    rfmFromHistogram: { seeds: () => [[main.rfmHistogram({ frequency: [0, 2, 2], recency: [0, 5, 5], T: [10, 10, 10], monetaryValue: [0, 20, 30] })]] },
    churnSeries: { seeds: () => [[subs(), { ...subAccess(), from: "2024-01-01", to: "2024-04-01", period: "month" }]] },
    cohortRetention: { seeds: () => [[subs(), { ...subAccess(), period: "month", asOf: "2024-04-01" }]] },
    retentionCurve: { seeds: () => [[subs(), { ...subAccess(), asOf: "2024-02-01" }]] },
    businessCalendar: { seeds: () => [[{ timeZone: "Europe/Berlin", week: { mon: [["09:00", "12:30"], ["13:30", "17:30"]], tue: [["09:00", "17:30"]] }, holidays: ["2025-12-25"] }]] },
    businessDuration: { seeds: () => [["2025-03-07T16:30:00-05:00", "2025-03-10T10:15:00-04:00", calendar()], ["2025-03-03T09:00:00Z", "2025-03-04T09:00:00Z", calendar()]] },
    addBusinessTime: { seeds: () => [["2025-03-07T15:00:00Z", 8 * 3_600_000, calendar()]] },
    firstReplyTime: { seeds: () => [[tickets(), ticketAccess()], [tickets(), { ...ticketAccess(), calendar: calendar() }]] },
    resolutionTime: { seeds: () => [[tickets(), ticketAccess()]] },
    requesterWaitTime: { seeds: () => [[tickets(), ticketAccess()]] },
    agentWaitTime: { seeds: () => [[tickets(), ticketAccess()]] },
    withinShare: { seeds: () => [[main.firstReplyTime(tickets(), ticketAccess() as never), 2], [main.firstReplyTime(tickets(), ticketAccess() as never), 1]] },
    slaAttainment: { seeds: () => [[tickets(), { ...ticketAccess(), metric: "firstReply", target: 2 }], [tickets(), { ...ticketAccess(), metric: "resolution", target: 24, calendar: calendar() }]] },
    slaSummary: { seeds: () => [[tickets(), { ...ticketAccess(), metric: "firstReply", target: 2 }]] },
    slaFromSummary: { seeds: () => [[slaSummary()], [slaSummary(), { confidence: 0.9 }]] },
    mergeSlaSummaries: { seeds: () => [[slaSummary(), slaSummary()]] },
    ticketTimeSummary: { seeds: () => [[tickets(), { ...ticketAccess(), metric: "firstReply" }]] },
    ticketTimesFromSummary: { seeds: () => [[ticketSummary()]] },
    mergeTicketTimeSummaries: { seeds: () => [[ticketSummary(), ticketSummary()], [ticketSummary(), main.emptyTicketTimeSummary({ metric: "resolution" })]] },
    ticketTimeFromSummary: { seeds: () => [[ticketSummary()], [ticketSummary(), { percentiles: [0.5], confidence: 0.9 }]] },
    emptyTicketTimeSummary: { seeds: () => [[{ metric: "resolution" }], [{ metric: "firstReply", unit: "minutes" }]] },
    emptySlaSummary: { seeds: () => [[{ metric: "resolution", target: 24 }], [{ metric: "firstReply", target: 2, unit: "days" }]] },
    defineSummaryKind: {
      seeds: () => [[{ kind: "fcr", empty: () => ({ kind: "fcr", n: 0 }), merge: (...s: any[]) => ({ kind: "fcr", n: s.reduce((a, x) => a + x.n, 0) }), check: (s: any) => s, count: (s: any) => s.n, finish: (s: any) => ({ n: s.n }) }]],
    },
    metricFrom: {
      seeds: () => [
        [
          main.defineSummaryKind({ kind: "fcr", empty: () => ({ kind: "fcr", n: 0 }), merge: (...s: any[]) => ({ kind: "fcr", n: s.reduce((a: number, x: any) => a + x.n, 0) }), check: (s: any) => s, count: (s: any) => s.n, finish: (s: any) => ({ n: s.n }) }),
          { id: "fcr", label: "FCR", unit: "", direction: "higher-is-better", summarize: (rs: any) => ({ kind: "fcr", n: rs.length }), value: (r: any) => r.n },
        ],
      ],
    },
    defineMetric: {
      seeds: () => [
        [
          {
            id: "fcr",
            label: "First contact resolution",
            unit: "%",
            direction: "higher-is-better",
            summarize: (rs: any) => ({ solved: Array.from(rs as ArrayLike<any>).filter((r) => r.contacts === 1).length, n: rs.length }),
            merge: (...s: any[]) => ({ solved: s.reduce((a, x) => a + x.solved, 0), n: s.reduce((a, x) => a + x.n, 0) }),
            empty: () => ({ solved: 0, n: 0 }),
            count: (s: any) => s.n,
            finish: (s: any) => ({ value: (100 * s.solved) / s.n, n: s.n }),
            value: (r: any) => r.value,
          },
        ],
      ],
    },
    npsMetric: { seeds: () => [[{ score: (r: any) => r.score }], [{ id: "nps2", score: (r: any) => r.s, label: "NPS web" }]] },
    csatMetric: { seeds: () => [[{ score: (r: any) => r.score, satisfiedMin: 4 }]] },
    cesMetric: { seeds: () => [[{ score: (r: any) => r.effort }]] },
    proportionMetric: { seeds: () => [[{ id: "fcr", label: "First contact resolution", success: (t: any) => t.contacts === 1 }]] },
    churnMetric: { seeds: () => [[{ churned: (c: any) => c.left }]] },
    meanMetric: { seeds: () => [[{ id: "clv", label: "Customer lifetime value", unit: "USD", value: (c: any) => c.clv }]] },
    meanSummary: { seeds: () => [[[1, 2, 3, null]], [[{ clv: 100 }, { clv: 300 }, { clv: null }], (c: any) => c.clv], [[1, Number.NaN, 4], { invalid: "skip" }]], infinityOk: { ".min": "an empty summary (n = 0) has min Infinity, the identity of min (documented)", ".max": "an empty summary has max -Infinity (documented)" } },
    emptyMeanSummary: { seeds: () => [[]], infinityOk: { ".min": "an empty summary (n = 0) has min Infinity, the identity of min (documented)", ".max": "an empty summary has max -Infinity (documented)" } },
    mergeMeanSummaries: { seeds: () => [[main.meanSummary([1, 2]), main.meanSummary([3, 4, 10])], [main.meanSummary([5]), main.emptyMeanSummary()]], infinityOk: { ".min": "an empty summary (n = 0) has min Infinity, the identity of min (documented)", ".max": "an empty summary has max -Infinity (documented)" } },
    meanFromSummary: { seeds: () => [[main.meanSummary([1, 2, 3, 4, 10])], [main.meanSummary([7, 9]), { confidence: 0.9 }]] },
    slaMetric: { seeds: () => [[{ metric: "firstReply", target: 2, created: (t: any) => t.c, firstReply: (t: any) => t.r, asOf: "2025-01-02T00:00:00Z" }]] },
    ticketTimeMetric: { seeds: () => [[{ metric: "firstReply", created: (t: any) => t.c, firstReply: (t: any) => t.r, asOf: "2025-01-02T00:00:00Z" }]] },
    definePortfolio: { echo: "returns the user's metrics as given", seeds: () => [[{ nps: opaque(main.npsMetric({ score: (r: any) => r.nps })), csat: opaque(main.csatMetric({ score: (r: any) => r.csat })) }]] },
    mergePortfolios: { echo: "returns the metrics of its portfolios as given", seeds: () => [[main.definePortfolio({ nps: main.npsMetric({ score: (r: any) => r.nps }) }), main.definePortfolio({ csat: main.csatMetric({ score: (r: any) => r.csat }) })]] },
    summarizePortfolio: { seeds: () => [[portfolio(), rows(), { segmentBy: "ch" }], [portfolio(), rows(), { segmentBy: ["ch"], period: "month", date: (r: any) => r.d }]] },
    mergePortfolioSummaries: {
      seeds: () => {
        const p = portfolio();
        return [[p, main.summarizePortfolio(p, rows().slice(0, 2)), main.summarizePortfolio(p, rows().slice(2))]];
      },
    },
    finishPortfolio: {
      optionalNumbers: REPORT_OPTIONAL,
      seeds: () => {
        const p = portfolio();
        return [[p, main.summarizePortfolio(p, rows()), { targets: { nps: { target: 40, warning: 20 } } }]];
      },
    },
    evaluatePortfolio: {
      optionalNumbers: REPORT_OPTIONAL,
      seeds: () => [
        [portfolio(), rows(), { segmentBy: "ch", targets: { nps: { target: 50 } } }],
        [portfolio(), rows(), { period: "month", date: (r: any) => r.d, composite: { weights: { nps: 1, csat: 1 } } }],
      ],
    },
    portfolioCell: { echo: "returns a cell of the report it is given", seeds: () => [[report(), { ch: "app" }, "2024-02-01"], [report()]] },
    closedLoop: { seeds: () => [[portfolio(), rows(), { id: (r: any) => r.who }]] },
    portfolioFromConfig: { seeds: () => [[config()]] },
  },
  "cx-metrics/schema": {
    parseSurveyResponses: { seeds: () => [['[{"score": 9, "channel": "web"}, {"score": null}]', { kind: "nps" }], [[{ kind: "csat", score: 4 }, { kind: "ces", score: 7 }]]] },
    surveyResponseJsonSchema: { seeds: () => [["nps"], []] },
    parseSubscriptions: { seeds: () => [['[{"customerId": "a", "start": "2024-01-01", "end": null, "mrr": 49}]'], [[{ customerId: "a", start: "2024-01-01", end: "2024-02-01" }], { maxIssues: 5 }]] },
    subscriptionRowJsonSchema: { seeds: () => [[]] },
  },
  "cx-metrics/node": {
    readRows: {
      weight: 0.3,
      seeds: (ctx) => [
        [Readable.from(["score,channel\n9,web\n3,app\n"]), { columns: { score: "number", channel: "string" } }],
        [join(ctx.dir, "answers.csv"), { columns: { score: "integer", date: "date" }, onBadRow: "skip" }],
        [join(ctx.dir, "answers.ndjson")],
      ],
      sanitize: (args, ctx) => [safeSource(args[0], ctx, 0), ...args.slice(1)],
      consume: drain,
    },
    evaluateFile: {
      optionalNumbers: REPORT_OPTIONAL,
      weight: 0.3,
      seeds: (ctx) => [
        [Readable.from(["score,channel\n9,web\n10,web\n2,app\n"]), portfolio(), { columns: { nps: { from: "score", type: "number" }, channel: "string" }, segmentBy: "channel" }],
        [join(ctx.dir, "answers.csv"), fromConfig(config() as never), { columns: { score: "number", date: "date" }, period: "month", date: (r: any) => r.date }],
      ],
      sanitize: (args, ctx) => [safeSource(args[0], ctx, 1), ...args.slice(1)],
    },
    summarizeFile: {
      weight: 0.3,
      seeds: (ctx) => [[join(ctx.dir, "answers.csv"), fromConfig({ nps: { type: "nps", column: "score" } } as never), { columns: { score: "number" } }]],
      sanitize: (args, ctx) => [safeSource(args[0], ctx, 2), ...args.slice(1)],
    },
    evaluateInWorkers: {
      optionalNumbers: REPORT_OPTIONAL,
      weight: 0.03,
      timeoutMs: 20_000,
      seeds: (ctx) => [
        [join(ctx.dir, "answers.csv"), { module: ctx.module }, { columns: { score: "number", csat: "integer", channel: "string" }, workers: 2 }],
        [join(ctx.dir, "answers.csv"), { config: { nps: { type: "nps", column: "score" } } }, { columns: { score: "number" }, workers: 1 }],
      ],
      sanitize: (args, ctx) => {
        const out = [safeSource(args[0], ctx, 3), ...args.slice(1)];
        // the module is imported (its code runs): only the worker tests' fixture module or a missing file
        const where = out[1] as Record<string, unknown> | null | undefined;
        if (where !== null && typeof where === "object" && "module" in where) where.module = where.module === ctx.module ? ctx.module : join(ctx.dir, "missing-module.mjs");
        const o = out[2] as Record<string, unknown> | null | undefined;
        if (o !== null && typeof o === "object" && typeof o.workers === "number" && o.workers > 2) o.workers = 2;
        if (o !== null && typeof o === "object" && o.workers === undefined) o.workers = 1;
        return out;
      },
    },
    renderReport: {
      weight: 0.1,
      timeoutMs: 20_000,
      seeds: () => [[report(), { title: "CX" }], [report(), { segmentBy: "ch", trends: ["nps"], maxAlerts: 3 }]],
      // custom chart specs can name data URLs that vega would fetch: keep the charts option out of the fuzz
      sanitize: (args) => {
        const o = args[1] as Record<string, unknown> | null | undefined;
        if (o !== null && typeof o === "object" && "charts" in o) delete o.charts;
        return args;
      },
    },
  },
  "cx-metrics/sql": {
    toSql: { seeds: () => [[fromConfig(config() as never), { table: "answers", segmentBy: "channel" }], [fromConfig(config() as never), { table: "answers", dialect: "postgres", period: "month", date: "d" }]] },
    summaryFromSqlRows: { seeds: () => [[sqlQuery(), sqlRows()]] },
    fromSqlRows: {
      optionalNumbers: REPORT_OPTIONAL, seeds: () => [[sqlQuery(), sqlRows()], [sqlQuery(), sqlRows(), { targets: { nps: { target: 10 } } }]] },
    evaluateDuckDb: {
      optionalNumbers: REPORT_OPTIONAL,
      weight: 0.03,
      timeoutMs: 20_000,
      seeds: () => [[{ expression: "(SELECT 10 AS score UNION ALL SELECT 9 UNION ALL SELECT 3)" }, fromConfig({ nps: { type: "nps", column: "score" } } as never)]],
      // a fuzzed string source would be a file or URL DuckDB reads: only expressions and tables
      sanitize: (args) => {
        if (typeof args[0] === "string" || args[0] instanceof URL) args[0] = { table: "no_such_table" };
        return noWrites(args);
      },
    },
    rfmSummaryDuckDb: {
      weight: 0.03,
      timeoutMs: 20_000,
      seeds: () => [
        [
          { expression: "(SELECT * FROM (VALUES ('a', DATE '2024-01-01', 10.0), ('a', DATE '2024-01-08', 30.0), ('b', DATE '2024-01-03', 5.0)) AS o(c, d, v))" },
          { customer: "c", date: "d", dateType: "date", value: "v", calibrationEnd: "2024-01-29", timeUnit: "week" },
        ],
      ],
      sanitize: (args) => {
        if (typeof args[0] === "string" || args[0] instanceof URL) args[0] = { table: "no_such_table" };
        return noWrites(args);
      },
    },
    rfmToSql: { seeds: () => [[{ table: "orders", customer: "customer_id", date: "ordered_at", value: "total", calibrationEnd: "2024-06-30", timeUnit: "week" }]] },
    rfmFromSqlRows: { seeds: () => [[rfmQuery(), rfmRows()]] },
    pearsonToSql: { seeds: () => [[{ table: "months", x: "nps", y: "growth" }], [{ table: "months", x: "nps", y: "growth", segmentBy: ["region"], dialect: "bigquery" }]] },
    pearsonFromSqlRows: { seeds: () => [[pearsonQuery(), pearsonRows()]] },
  },
  "cx-metrics/charts": {
    trendChart: { echo: CHART, seeds: () => [[report(), { metric: "nps" }], [report(), { metric: "csat", segment: { ch: "web" }, title: "CSAT" }]] },
    npsDistributionChart: { echo: CHART, seeds: () => [[[{ label: "web", result: main.nps([10, 9, 6]) }, { label: "app", result: main.nps([0, 9]) }]]] },
    cohortHeatmap: { echo: CHART, seeds: () => [[main.cohortRetention(subs(), { ...subAccess(), period: "month", asOf: "2024-04-01" } as never)]] },
    survivalChart: { echo: CHART, seeds: () => [[km()], [km(), { title: "t" }]] },
    resolutionTimeChart: { echo: CHART, seeds: () => [[main.firstReplyTime(tickets(), ticketAccess() as never)]] },
    laggedCorrelationChart: { echo: CHART, seeds: () => [[main.laggedCorrelation([1, 3, 2, 5, 4, 6, 8, 7, 9, 10, 12, 11], [0, 1, 3, 2, 5, 4, 6, 8, 7, 9, 10, 12], { maxLag: 2 })]] },
    scorecardChart: { echo: CHART, seeds: () => [[report()]] },
  },
};
