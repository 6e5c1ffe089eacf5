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
  // ---- src/core (errors.ts is not edited in this branch) -------------------------------------
  { fn: "CxMetricsError", kind: anyUntypedIn("src/core/errors.ts"), call: () => new main.CxMetricsError("INVALID_INPUT", "f: x", undefined, undefined, 5 as never), diagnosis: "src/core/errors.ts:147 the constructor trusts its arguments: a context that is not an array of entries (context.map, c.kind) or a message without toString throws a TypeError" },

  { fn: "studentTCdf", kind: anyUntypedIn("src/core/student-t.ts"), call: () => main.studentTCdf(0, Object.create(null)), diagnosis: "src/core/student-t.ts:8 the degrees of freedom are compared before their type is checked (an object without valueOf)" },
  { fn: "studentTQuantile", kind: anyUntypedIn("src/core/student-t.ts"), call: () => main.studentTQuantile(0.975, Object.create(null)), diagnosis: "src/core/student-t.ts:8 as studentTCdf" },
  // ---- src/survey and src/core/tally.ts (BigInt, iterables and null rows are being added there) ----
  { fn: "npsSampleSize", kind: "Infinity at .n", call: () => main.npsSampleSize({ marginOfError: 5e-324 }), diagnosis: "src/survey/nps-sample-size.ts:66 n = z²·v/m² overflows for a tiny margin of error: needs a bound (TOO_LARGE) or a typed error" },
  { fn: "cesFromSummary", kind: /^-?Infinity at \.scale\./, call: () => main.cesFromSummary({ ...main.cesSummary([7, 5]), scale: { ...main.cesSummary([7, 5]).scale, periods: -Infinity } } as never), diagnosis: "src/survey/ces.ts:253 the summary's scale object is copied into the result unchecked (an extra field of a summary from JSON)" },

  { fn: "mergeNpsSummaries", kind: anyUntypedIn("src/survey/nps.ts"), call: () => { const a = main.npsSummary([10]); const { scale, ...b } = a; void scale; return main.mergeNpsSummaries(a, b as never); }, diagnosis: "src/survey/nps.ts:383 a summary without a scale is read (scale.min) before it is checked" },
  { fn: "mergeNpsSummaries", kind: /^(NaN|-?Infinity|not a number where a number is promised) at \.(?!(n|promoters|passives|detractors|promoterWeight|passiveWeight|detractorWeight|weightSquares|skipped|invalid)$)/, call: () => main.mergeNpsSummaries({ ...main.npsSummary([10]), extra: Infinity } as never, main.npsSummary([0])), diagnosis: "src/survey/nps.ts:383 merging spreads the first summary: its unknown fields are carried into the result" },
  { fn: "csatFromSummary", kind: /^(NaN|-?Infinity) at \.scale\./, call: () => main.csatFromSummary({ ...main.csatSummary([5, 4]), scale: { min: 1, max: 5, extra: NaN } } as never), diagnosis: "src/survey/csat.ts:232 the summary's scale object is copied into the result with its unknown fields" },
  { fn: "mergeCesSummaries", kind: anyUntypedIn("src/survey/ces.ts"), call: () => main.mergeCesSummaries({ ...main.cesSummary([7]), scale: { min: Object.create(null), max: 7 } } as never, main.cesSummary([1])), diagnosis: "src/survey/ces.ts:189 the scale bounds are compared before their type is checked" },
  // ---- src/value ----------------------------------------------------------------------------
  { fn: "customerLifetimeValue", kind: anyUntypedIn("src/value/clv.ts"), call: () => main.customerLifetimeValue(bg, gg, { ...(rfm as object), timeUnit: Object.create(null) } as never, { horizon: 52, discountRate: 0, timeUnit: "week" }), diagnosis: "src/value/clv.ts:203 the summary's timeUnit is used as a key (`in`) before its type is checked" },
  { fn: "customerLifetimeValue", kind: /^(NaN|-?Infinity|not a number where a number is promised) at \.ids\[\]/, call: () => main.customerLifetimeValue(bg, gg, { ...(rfm as object), ids: [[NaN]] } as never, { horizon: 12, discountRate: 0, timeUnit: "week" }), diagnosis: "src/value/clv.ts:240 the summary's ids are copied into the result unchecked (expected strings or numbers)" },
  { fn: "simulateBgNbd", kind: /^(timeout: |RangeError: Array buffer allocation failed|out of memory)/, timeoutMs: HANG_MS, call: () => main.simulateBgNbd(cdnow, { customers: 1e9, T: 39 }), diagnosis: "src/value/simulate-bg-nbd.ts:74 the number of customers is not bounded before the arrays are allocated and filled" },
  { fn: "historicalClv", kind: /^(timeout: |RangeError: Invalid array length)/, timeoutMs: HANG_MS, call: () => main.historicalClv([{ id: "a", d: "2024-01-05", v: 1 }, { id: "b", d: -8.64e15, v: 1 }], { customerId: (r: any) => r.id, date: (r: any) => r.d, value: (r: any) => r.v, cohortPeriod: "month" }), diagnosis: "src/value/historical-clv.ts:150 one array slot per period up to the farthest date (issue item 2: TOO_MANY_PERIODS)" },


  // ---- src/relate ---------------------------------------------------------------------------
  { fn: "mergePearsonSummaries", kind: /^-?Infinity at \.(m2x|m2y|cxy)$/, call: () => main.mergePearsonSummaries({ kind: "pearson", n: 2, meanX: 1.5, meanY: 1e308, m2x: 0.5, m2y: 2, cxy: 1 } as never, main.pearsonSummary([3], [7])), diagnosis: "src/relate/pearson.ts:191 Chan's update squares the difference of means, which overflows for means near 1e308 (issue item 6)" },

  // ---- src/retention ------------------------------------------------------------------------

  // ---- src/portfolio (portfolio.ts, report.ts) ----------------------------------------------


  // ---- src/node -----------------------------------------------------------------------------
];
