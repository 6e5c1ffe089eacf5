import { CxMetricsError, fail, withContext } from "../core/errors";
import { describe, keysOf, readOptions, rowAt } from "../core/input";
import { instantIn, type Period, type PeriodExtremes, periodIndexer, seePeriod } from "../core/period";
import { type DateInput, readTimeZone } from "../core/time";
import type { Metric } from "../core/metric";

const PORTFOLIO_SUMMARY_OPTIONS_KEYS = /* @__PURE__ */ keysOf<PortfolioSummaryOptions<any>>()("segmentBy", "period", "date", "timeZone", "weekStartsOn");

/**
 * A record of metrics, keyed by the name each has in the portfolio.
 * @category Portfolio
 */
export type MetricRecord = Record<string, Metric>;

/**
 * A set of metrics evaluated together (see {@link definePortfolio}).
 * @category Portfolio
 */
export interface Portfolio<M extends MetricRecord = MetricRecord> {
  readonly kind: "portfolio";
  readonly metrics: Readonly<M>;
  /** The metric keys, in definition order. */
  readonly keys: readonly (keyof M & string)[];
}

/**
 * The row type a portfolio reads: the intersection of its metrics' row types.
 * @category Portfolio
 */
export type PortfolioRow<M extends MetricRecord> = { [K in keyof M]: (row: M[K] extends Metric<string, infer R, any, any> ? R : never) => void }[keyof M] extends (row: infer R) => void ? R : never;

/**
 * Define a portfolio from a record of metrics. The keys name the results: a portfolio of
 * `{ nps: npsMetric(...), fcr: fcrMetric }` evaluates to cells whose `metrics.nps.result` is an
 * {@link NpsResult} and whose `metrics.fcr.result` is the FCR metric's result type.
 *
 * @param metrics - A record of {@link Metric}s (at least one).
 * @returns The frozen {@link Portfolio}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for an empty record or a value that is not a metric.
 * @example
 * ```ts
 * import { csatMetric, definePortfolio, npsMetric } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }), csat: csatMetric({ score: (r) => r.csat }) });
 * p.keys; //=> ["nps", "csat"]
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function definePortfolio<const M extends MetricRecord>(metrics: M): Portfolio<M> {
  const fn = "definePortfolio";
  const m = readOptions<M>(fn, metrics);
  const keys = Object.keys(m);
  if (keys.length === 0) fail(fn, "INVALID_OPTION", "expected at least one metric");
  for (const k of keys) checkMetric(fn, k, m[k]);
  return Object.freeze({ kind: "portfolio", metrics: Object.freeze({ ...m }), keys: Object.freeze(keys) }) as Portfolio<M>;
}

function checkMetric(fn: string, key: string, m: unknown): void {
  const x = m as Partial<Metric> | null;
  if (x === null || typeof x !== "object" || typeof x.summarize !== "function" || typeof x.merge !== "function" || typeof x.finish !== "function" || typeof x.count !== "function" || typeof x.empty !== "function" || typeof x.value !== "function") {
    fail(fn, "INVALID_OPTION", `expected metric "${key}" to be a metric (from defineMetric or a built-in such as npsMetric), got ${describe(m)}`);
  }
}

/**
 * Combine portfolios into one (a team's metrics plus a shared set, say). Keys must be distinct.
 *
 * @param portfolios - Portfolios to combine.
 * @returns A portfolio with every metric, in order.
 * @throws {@link CxMetricsError} `DUPLICATE_METRIC` when two portfolios use the same key;
 * `INVALID_OPTION` for something that is not a portfolio.
 * @example
 * ```ts
 * import { definePortfolio, mergePortfolios, npsMetric, csatMetric } from "cx-metrics";
 * const a = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }) });
 * const b = definePortfolio({ csat: csatMetric({ score: (r) => r.csat }) });
 * mergePortfolios(a, b).keys; //=> ["nps", "csat"]
 * ```
 * @category Portfolio
 */
export function mergePortfolios<const P extends readonly Portfolio<any>[]>(...portfolios: P): Portfolio<MergedMetrics<P>> {
  const fn = "mergePortfolios";
  const out: MetricRecord = {};
  portfolios.forEach((p, i) => {
    if (p === null || typeof p !== "object" || p.kind !== "portfolio") fail(fn, "INVALID_OPTION", `expected portfolio ${i} to come from definePortfolio, got ${describe(p)}`, i);
    // a portfolio may be forged or reloaded: its keys must name its metrics (definePortfolio checks each metric)
    const metrics = (p as { metrics?: unknown }).metrics;
    if (!Array.isArray(p.keys) || metrics === null || typeof metrics !== "object") fail(fn, "INVALID_OPTION", `expected portfolio ${i} to have keys and metrics (from definePortfolio)`, i);
    for (const k of p.keys as unknown[]) {
      if (typeof k !== "string" || !Object.hasOwn(metrics, k)) fail(fn, "INVALID_OPTION", `expected portfolio ${i}'s keys to name its metrics, got ${describe(k)}`, i);
    }
    for (const k of p.keys) {
      if (Object.hasOwn(out, k)) fail(fn, "DUPLICATE_METRIC", `metric key "${k}" is defined twice (again in portfolio ${i})`, i);
      out[k] = p.metrics[k];
    }
  });
  return definePortfolio(out) as never;
}

/**
 * The metric record of portfolios combined by {@link mergePortfolios}.
 * @category Portfolio
 */
export type MergedMetrics<P extends readonly Portfolio<any>[]> = (P[number] extends infer U ? (U extends Portfolio<infer M> ? (x: M) => void : never) : never) extends (x: infer I) => void
  ? I extends MetricRecord
    ? { [K in keyof I]: I[K] }
    : MetricRecord
  : MetricRecord;

/**
 * How rows are split into segments: the name of a row field (`"channel"`), several names, a
 * record of named accessors (`{ region: (r) => r.country.slice(0, 2) }`), or one accessor (its
 * segment key is `"segment"`).
 * @category Portfolio
 */
export type SegmentBy<Row> =
  | (keyof Row & string)
  | readonly (keyof Row & string)[]
  | Readonly<Record<string, (row: Row, index: number) => string | number | boolean>>
  | ((row: Row, index: number) => string | number | boolean);

/**
 * Options of {@link summarizePortfolio} (and the first half of {@link evaluatePortfolio}'s).
 * @category Portfolio
 */
export interface PortfolioSummaryOptions<Row> {
  /** Segment keys. Default: no segments (only the total). */
  segmentBy?: SegmentBy<Row>;
  /** Calendar period of the breakdown; needs `date`. Default: no periods. */
  period?: Period;
  /** The date of a row (a `Date`, epoch ms or ISO-8601 string; a date-only string is local midnight). */
  date?: (row: Row, index: number) => DateInput;
  /** IANA time zone of the periods; default "UTC". */
  timeZone?: string;
  /** First day of a week for `period: "week"` (0 = Sunday ... 6); default 1 (Monday). */
  weekStartsOn?: number;
}

/**
 * One cell of a {@link PortfolioSummary}: the metrics' summaries of one segment in one period.
 * @category Portfolio
 */
export interface PortfolioSummaryCell {
  /** Segment values, in the order of `segmentBy`. */
  segment: string[];
  /** First local day of the period (`YYYY-MM-DD`), or `null` without periods. */
  period: string | null;
  /** Consecutive number of the period (for "the previous period"), or `null`. */
  periodIndex: number | null;
  summaries: Record<string, unknown>;
}

/**
 * A mergeable, JSON-serializable summary of a portfolio over some rows: per segment × period, each
 * metric's summary.
 * @category Portfolio
 */
export interface PortfolioSummary {
  kind: "portfolio";
  metrics: string[];
  segmentBy: string[];
  period: Period | null;
  timeZone: string;
  weekStartsOn: number;
  cells: PortfolioSummaryCell[];
  /**
   * Epoch milliseconds of the earliest and latest row dates (with periods; absent when unknown, as
   * for summaries from SQL rows without `d_first`/`d_last`). The report uses them to tell a last
   * period the data do not cover.
   */
  dates?: { first: number; last: number };
}

type Trie = Map<string, Trie | number>;

/** Cell key = segment × CELL_SHIFT + period + CELL_SHIFT / 2: 2^22 periods per segment (±5,700 years of days). @internal */
export const CELL_SHIFT = 4_194_304;

function readSegmentBy<Row>(fn: string, segmentBy: SegmentBy<Row> | undefined): { names: string[]; readers: ((row: Row, i: number) => unknown)[] } {
  if (segmentBy === undefined) return { names: [], readers: [] };
  if (typeof segmentBy === "function") return { names: ["segment"], readers: [segmentBy as (row: Row, i: number) => unknown] };
  if (typeof segmentBy === "string" || Array.isArray(segmentBy)) {
    const names = typeof segmentBy === "string" ? [segmentBy] : [...(segmentBy as string[])];
    if (names.length === 0 || names.some((k) => typeof k !== "string" || k === "")) fail(fn, "INVALID_OPTION", `expected segmentBy to name row fields, got ${describe(segmentBy)}`);
    if (new Set(names).size !== names.length) fail(fn, "INVALID_OPTION", `expected distinct segment keys, got ${describe(segmentBy)}`);
    return { names, readers: names.map((k) => (row: Row) => (row as Record<string, unknown>)[k]) };
  }
  if (segmentBy === null || typeof segmentBy !== "object") fail(fn, "INVALID_OPTION", `expected segmentBy to be a field name, a list of names, a record of accessors or one accessor, got ${describe(segmentBy)}`);
  const names = Object.keys(segmentBy);
  const rec = segmentBy as Record<string, unknown>;
  if (names.length === 0) fail(fn, "INVALID_OPTION", "expected at least one segment accessor");
  for (const k of names) if (typeof rec[k] !== "function") fail(fn, "INVALID_OPTION", `expected segment accessor "${k}" to be a function, got ${describe(rec[k])}`);
  if (names.length > 6) fail(fn, "INVALID_OPTION", `expected at most 6 segment keys (every combination is reported), got ${names.length}`);
  return { names, readers: names.map((k) => rec[k] as (row: Row, i: number) => unknown) };
}

/**
 * The text of a segment value of row `i`: strings as they are, finite numbers and booleans as
 * `String` writes them; anything else is `INVALID_INPUT` naming the row.
 * @internal
 * @example
 * ```ts
 * [segmentValue("f", "channel", "web", 0), segmentValue("f", "wave", 3, 0)]; //=> ["web", "3"]
 * segmentValue("f", "channel", null, 2); // throws INVALID_INPUT
 * ```
 */
export function segmentValue(fn: string, name: string, v: unknown, i: number): string {
  if (typeof v === "string") return v;
  if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") return String(v);
  return fail(fn, "INVALID_INPUT", `expected segment "${name}" of row ${i} to be a string, number or boolean, got ${describe(v)}`, i);
}

/**
 * Summarize rows into a {@link PortfolioSummary}: one pass assigns every row to its segment ×
 * period cell (counting sort), then each metric summarizes each cell's rows. Chunks of a larger
 * data set can be summarized separately and merged with {@link mergePortfolioSummaries}.
 *
 * Note: accessors receive the index of the row within its cell; read row fields instead. Errors
 * from a metric name the metric and the row's index in `rows`.
 *
 * @param portfolio - From {@link definePortfolio}.
 * @param rows - The rows.
 * @param options - {@link PortfolioSummaryOptions}.
 * @returns The summary.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for bad options (a period without a date
 * accessor, an unknown time zone); `INVALID_INPUT` for a row without a usable segment value;
 * `INVALID_DATE` for a bad date; the metric's own code for an invalid value (its message names the
 * metric, and `index` is the row's index in `rows`).
 * @example
 * ```ts
 * import { definePortfolio, npsMetric, summarizePortfolio } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }) });
 * const s = summarizePortfolio(p, [{ nps: 10, ch: "web" }, { nps: 3, ch: "app" }], { segmentBy: "ch" });
 * s.cells.map((c) => c.segment[0]); //=> ["web", "app"]
 * ```
 * @category Portfolio
 */
export function summarizePortfolio<M extends MetricRecord, Row extends PortfolioRow<M>>(
  portfolio: Portfolio<M>,
  rows: ArrayLike<Row>,
  options?: PortfolioSummaryOptions<Row>,
): PortfolioSummary {
  return summarizeIn("summarizePortfolio", portfolio, rows, readOptions<PortfolioSummaryOptions<Row>>("summarizePortfolio", options, PORTFOLIO_SUMMARY_OPTIONS_KEYS));
}

function checkPortfolio(fn: string, p: unknown): asserts p is Portfolio {
  if (p === null || typeof p !== "object" || (p as Portfolio).kind !== "portfolio") fail(fn, "INVALID_OPTION", `expected a portfolio from definePortfolio, got ${describe(p)}`);
}

/**
 * {@link summarizePortfolio} with the caller's function name in errors. It checks the option
 * values, not their keys: the key check is the public caller's, against its own list (its options
 * may hold more: evaluatePortfolio, evaluateFile).
 * @internal
 * @param fn - Function named in errors.
 * @param portfolio - The portfolio.
 * @param rows - The rows.
 * @param options - {@link PortfolioSummaryOptions} (their values are checked here, their keys not).
 * @param seen - When given, gets the first and last periods with their rows (for the report's
 * `TOO_MANY_PERIODS` check).
 * @returns The summary.
 * @throws {@link CxMetricsError} as {@link summarizePortfolio}, with `fn` in the message.
 * @example
 * ```ts
 * const p = { kind: "portfolio", keys: ["n"], metrics: { n: { summarize: (rows) => rows.length } } };
 * summarizeIn("evaluateFile", p, [{ ch: "web" }, { ch: "app" }, { ch: "web" }], { segmentBy: "ch" }).cells.map((c) => c.summaries.n); //=> [2, 1]
 * summarizeIn("evaluateFile", p, null, {}); // throws INVALID_INPUT
 * ```
 */
export function summarizeIn<Row>(fn: string, portfolio: Portfolio, rows: ArrayLike<Row>, options: PortfolioSummaryOptions<Row> | undefined, seen?: PeriodExtremes): PortfolioSummary {
  checkPortfolio(fn, portfolio);
  if (rows === null || typeof rows !== "object" || typeof (rows as ArrayLike<Row>).length !== "number") fail(fn, "INVALID_INPUT", `expected an array of rows, got ${describe(rows)}`);
  // the callers check the keys (their options may hold more: evaluatePortfolio, evaluateFile)
  const o = readOptions<PortfolioSummaryOptions<Row>>(fn, options);
  const { names, readers } = readSegmentBy(fn, o.segmentBy);
  if (o.period !== undefined && typeof o.date !== "function") fail(fn, "INVALID_OPTION", `expected a date accessor with period ${describe(o.period)}`);
  if (o.period === undefined && o.date !== undefined) fail(fn, "INVALID_OPTION", "expected a period (\"day\", \"week\", \"month\", \"quarter\" or \"year\") with the date accessor");
  const timeZone = readTimeZone(fn, o.timeZone);
  const weekStartsOn = o.weekStartsOn ?? 1;
  const indexer = o.period === undefined ? null : periodIndexer(fn, o.period, timeZone, weekStartsOn);
  const n = rows.length;
  // pass 1: the cell of every row
  const segmentIds = new Map<string, number>();
  const trie: Trie = new Map();
  const segmentValues: string[][] = [];
  const cellIds = new Map<number, number>();
  const cellKeys: number[] = [];
  const cellOf = new Int32Array(n);
  const date = o.date;
  const dateCache = new Map<string, number>();
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const single = readers.length === 1 ? readers[0]! : null;
  for (let i = 0; i < n; i++) {
    const row = rowAt(fn, rows, i);
    let seg = 0;
    if (single !== null) {
      const v = segmentValue(fn, names[0]!, single(row, i), i);
      let id = segmentIds.get(v);
      if (id === undefined) {
        id = segmentValues.length;
        segmentIds.set(v, id);
        segmentValues.push([v]);
      }
      seg = id;
    } else if (readers.length > 1) {
      // a trie of maps, one level per key: no allocation per row once the segment is known
      let node = trie;
      const last = readers.length - 1;
      for (let k = 0; k < last; k++) {
        const v = segmentValue(fn, names[k]!, readers[k]!(row, i), i);
        let child = node.get(v) as Trie | undefined;
        if (child === undefined) {
          child = new Map();
          node.set(v, child);
        }
        node = child;
      }
      const v = segmentValue(fn, names[last]!, readers[last]!(row, i), i);
      let id = node.get(v) as number | undefined;
      if (id === undefined) {
        id = segmentValues.length;
        node.set(v, id);
        segmentValues.push(readers.map((r, k) => segmentValue(fn, names[k]!, r(row, i), i)));
      }
      seg = id;
    }
    let p = 0;
    if (indexer !== null) {
      const v = date!(row, i);
      // dates repeat (one per day, or per second): each distinct string is read once
      let known = typeof v === "string" ? dateCache.get(v) : undefined;
      if (known === undefined) {
        // a cached string has been seen, so its instant is already in firstMs..lastMs
        const t = instantIn(fn, v, timeZone, "date", i);
        if (t < firstMs) firstMs = t;
        if (t > lastMs) lastMs = t;
        known = indexer.indexOf(t);
        if (typeof v === "string" && dateCache.size < 100_000) dateCache.set(v, known);
      }
      p = known;
      if (!(p > -CELL_SHIFT / 2 && p < CELL_SHIFT / 2)) fail(fn, "INVALID_DATE", `expected the date of row ${i} within ±5,000 years of 2000`, i);
      // the first and last period with their rows, for the report's span check (dates re-read only at a new extreme)
      if (seen !== undefined) seePeriod(seen, p, p < seen.lo || p > seen.hi ? instantIn(fn, v, timeZone, "date", i) : NaN, i);
    }
    const key = seg * CELL_SHIFT + p + CELL_SHIFT / 2;
    let cell = cellIds.get(key);
    if (cell === undefined) {
      cell = cellKeys.length;
      cellIds.set(key, cell);
      cellKeys.push(key);
    }
    cellOf[i] = cell;
  }
  // counting sort of the rows by cell
  const cells = cellKeys.length;
  const start = new Int32Array(cells + 1);
  for (let i = 0; i < n; i++) start[cellOf[i]! + 1]!++;
  for (let c = 0; c < cells; c++) start[c + 1]! += start[c]!;
  const order = new Int32Array(n);
  const fill = start.slice(0, cells);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]!]!++] = i;
  const keys = portfolio.keys;
  const out: PortfolioSummaryCell[] = new Array(cells);
  for (let c = 0; c < cells; c++) {
    const key = cellKeys[c]!;
    const seg = Math.floor(key / CELL_SHIFT);
    const p = (key % CELL_SHIFT) - CELL_SHIFT / 2;
    const from = start[c]!;
    const to = start[c + 1]!;
    const cellRows = new Array<Row>(to - from);
    for (let j = from; j < to; j++) cellRows[j - from] = rows[order[j]!]!;
    const summaries: Record<string, unknown> = {};
    for (const k of keys) {
      try {
        summaries[k] = portfolio.metrics[k]!.summarize(cellRows);
      } catch (e) {
        throw rowError(fn, k, e, (j) => order[from + j]!);
      }
    }
    out[c] = {
      segment: readers.length === 0 ? [] : segmentValues[seg]!,
      period: indexer === null ? null : indexer.labelOf(p),
      periodIndex: indexer === null ? null : p,
      summaries,
    };
  }
  const dates = indexer !== null && firstMs <= lastMs ? { dates: { first: firstMs, last: lastMs } } : {};
  return { kind: "portfolio", metrics: [...keys], segmentBy: names, period: indexer === null ? null : indexer.period, timeZone, weekStartsOn, cells: out, ...dates };
}

/**
 * An error of metric `key` on a batch, re-thrown with the metric's key and the row's index in the
 * caller's rows.
 * @internal
 * @example
 * ```ts
 * rowError("f", "nps", "not an error of cx-metrics", (j) => j); //=> "not an error of cx-metrics" (passed on as is)
 * ```
 */
export function rowError(fn: string, key: string, e: unknown, rowOf: (j: number) => number): unknown {
  if (!(e instanceof CxMetricsError)) return e;
  if (e.index === undefined) return withContext(e, fn, [{ kind: "metric", key }]);
  // the metric saw a batch; its "index k" is the row's position in that batch
  const row = rowOf(e.index);
  return withContext(e, fn, [{ kind: "metric", key }, { kind: "row", row }], { index: row, rename: { word: "row", value: row } });
}

/**
 * Merge portfolio summaries (of chunks, shards, days) into one: cells with the same segment and
 * period are merged with each metric's `merge`. Associative and commutative; a summary without
 * cells is the identity. The result equals the summary of all the rows at once.
 *
 * @param portfolio - The portfolio the summaries come from.
 * @param summaries - Summaries from {@link summarizePortfolio} (JSON round trips are fine).
 * @returns The merged summary.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` when the summaries disagree on metrics, segment
 * keys, period, time zone or week start, or are malformed; `EMPTY_INPUT` with no summary.
 * @example
 * ```ts
 * import { definePortfolio, mergePortfolioSummaries, npsMetric, summarizePortfolio } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.nps }) });
 * const a = summarizePortfolio(p, [{ nps: 10 }]);
 * const b = summarizePortfolio(p, [{ nps: 0 }]);
 * mergePortfolioSummaries(p, a, b).cells[0].summaries.nps.n; //=> 2
 * ```
 * @category Portfolio
 */
export function mergePortfolioSummaries(portfolio: Portfolio, ...summaries: PortfolioSummary[]): PortfolioSummary {
  const fn = "mergePortfolioSummaries";
  checkPortfolio(fn, portfolio);
  if (summaries.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one summary");
  summaries.forEach((s, i) => checkSummary(fn, portfolio, s, i));
  const first = summaries[0]!;
  for (let i = 1; i < summaries.length; i++) {
    const s = summaries[i]!;
    const same =
      JSON.stringify(s.segmentBy) === JSON.stringify(first.segmentBy) && s.period === first.period && s.timeZone === first.timeZone && s.weekStartsOn === first.weekStartsOn;
    if (!same) {
      fail(fn, "INVALID_SUMMARY", `expected summaries with the same segment keys, period, time zone and week start; summary ${i} has ${describe(s.segmentBy)}, ${describe(s.period)}, ${describe(s.timeZone)}, ${describe(s.weekStartsOn)} and summary 0 ${describe(first.segmentBy)}, ${describe(first.period)}, ${describe(first.timeZone)}, ${describe(first.weekStartsOn)}`, i);
    }
  }
  const groups = new Map<string, PortfolioSummaryCell[]>();
  for (const s of summaries) {
    for (const c of s.cells) {
      const key = JSON.stringify([c.segment, c.periodIndex]);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [c]);
      else g.push(c);
    }
  }
  const cells: PortfolioSummaryCell[] = [];
  for (const g of groups.values()) {
    const summariesOut: Record<string, unknown> = {};
    for (const k of portfolio.keys) {
      try {
        summariesOut[k] = g.length === 1 ? g[0]!.summaries[k] : portfolio.metrics[k]!.merge(...g.map((c) => c.summaries[k]));
      } catch (e) {
        throw rowError(fn, k, e, (j) => j);
      }
    }
    cells.push({ segment: [...g[0]!.segment], period: g[0]!.period, periodIndex: g[0]!.periodIndex, summaries: summariesOut });
  }
  // the dates are known when every summary with cells knows its own (empty summaries have none)
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let known = true;
  for (const s of summaries) {
    if (s.cells.length === 0) continue;
    if (s.dates === undefined) known = false;
    else {
      firstMs = Math.min(firstMs, s.dates.first);
      lastMs = Math.max(lastMs, s.dates.last);
    }
  }
  const dates = known && firstMs <= lastMs ? { dates: { first: firstMs, last: lastMs } } : {};
  return { kind: "portfolio", metrics: [...portfolio.keys], segmentBy: [...first.segmentBy], period: first.period, timeZone: first.timeZone, weekStartsOn: first.weekStartsOn, cells, ...dates };
}

/**
 * Check the shape of a portfolio summary (it may come from JSON): the portfolio's metric keys as
 * text, the segment keys, cells and time zone, the data's dates when given, and each cell's
 * segment, period and summary of every metric.
 * @internal
 * @param fn - Function named in errors.
 * @param portfolio - The portfolio the summary should come from.
 * @param s - The summary.
 * @param i - Its index among several summaries, named in errors.
 * @throws {@link CxMetricsError} `INVALID_SUMMARY` naming what is malformed (and the cell).
 * @example
 * ```ts
 * const p = { kind: "portfolio", keys: ["nps"], metrics: {} };
 * checkSummary("f", p, { kind: "portfolio", metrics: ["nps"], segmentBy: [], period: null, timeZone: "UTC", cells: [] }); // passes
 * checkSummary("f", p, { kind: "portfolio", metrics: ["csat"], segmentBy: [], period: null, timeZone: "UTC", cells: [] }); // throws INVALID_SUMMARY
 * checkSummary("f", p, { kind: "portfolio", metrics: ["nps"], segmentBy: [], period: null, timeZone: "UTC", cells: [{ segment: [], period: null, periodIndex: null, summaries: {} }] }); // throws INVALID_SUMMARY (no summary of nps)
 * ```
 */
export function checkSummary(fn: string, portfolio: Portfolio, s: unknown, i?: number): asserts s is PortfolioSummary {
  const x = s as PortfolioSummary;
  const where = i === undefined ? "" : ` (summary ${i})`;
  if (x === null || typeof x !== "object" || x.kind !== "portfolio") fail(fn, "INVALID_SUMMARY", `expected a portfolio summary${where}, got ${describe(s)}`, i);
  const list: unknown = x.metrics;
  if (!Array.isArray(list) || !list.every((k) => typeof k === "string") || JSON.stringify([...list].sort()) !== JSON.stringify([...portfolio.keys].sort())) {
    fail(fn, "INVALID_SUMMARY", `expected a summary of the metrics ${describe(portfolio.keys)}${where}, got ${describe(x.metrics)}`, i);
  }
  if (!Array.isArray(x.segmentBy) || !Array.isArray(x.cells) || typeof x.timeZone !== "string") fail(fn, "INVALID_SUMMARY", `expected segmentBy, cells and timeZone${where}`, i);
  if (x.dates !== undefined) {
    const d = x.dates as { first?: unknown; last?: unknown } | null;
    if (d === null || typeof d !== "object" || typeof d.first !== "number" || typeof d.last !== "number" || !Number.isFinite(d.first) || !Number.isFinite(d.last) || d.first > d.last) {
      fail(fn, "INVALID_SUMMARY", `expected dates to be { first, last } in epoch milliseconds with first <= last${where}, got ${describe(x.dates)}`, i);
    }
  }
  // an index loop, not forEach: a hole in the cells is a malformed cell too
  for (let j = 0; j < x.cells.length; j++) {
    const c = x.cells[j] as PortfolioSummaryCell;
    const ok =
      c !== null &&
      typeof c === "object" &&
      Array.isArray(c.segment) &&
      c.segment.length === x.segmentBy.length &&
      c.segment.every((v) => typeof v === "string") &&
      (x.period === null ? c.period === null && c.periodIndex === null : typeof c.period === "string" && Number.isSafeInteger(c.periodIndex)) &&
      c.summaries !== null &&
      typeof c.summaries === "object";
    if (!ok) fail(fn, "INVALID_SUMMARY", `expected every cell to have a segment, a period and a summary per metric${where}, got ${describe(c)} at cell ${j}`, i);
    for (const k of portfolio.keys) {
      // a metric's count and finish read its summary: one that is absent (or null) is malformed
      const v = Object.hasOwn(c.summaries, k) ? c.summaries[k] : undefined;
      if (v === undefined || v === null) fail(fn, "INVALID_SUMMARY", `expected cell ${j} (segment ${JSON.stringify(c.segment)}, period ${describe(c.period)}) to have a summary of metric "${k}"${where}, got ${describe(v)}`, i);
    }
  }
}


