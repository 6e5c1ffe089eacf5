import { statSync } from "node:fs";
import { CxMetricsError, fail, withContext } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import type { DateInput } from "../core/time";
import { type MetricRecord, mergePortfolioSummaries, type Portfolio, type PortfolioSummary, summarizeIn } from "../portfolio/portfolio";
import { type PeriodExtremes, periodExtremes, seePeriod } from "../core/period";
import { type EvaluatePortfolioOptions, finishIn, type FinishPortfolioOptions, type PortfolioReport } from "../portfolio/report";
import { columnarPlan, type ColumnKinds, summarizeColumnsIn } from "../portfolio/columnar";
import { readColumns } from "./columns";
import { readColumnsIn } from "./column-reader";
import { readNdjsonColumnsIn } from "./ndjson-columns";
import { formatOf, readInvalidPolicy, type ReadRowsOptions, type ReadStats, readRowsIn, type Source } from "./read";

const EVALUATE_FILE_OPTIONS_KEYS = /* @__PURE__ */ keysOf<EvaluateFileOptions<any>>()("format", "columns", "delimiter", "encoding", "invalid", "onBadRow", "chunkSize", "maxRecordSize", "where", "onProgress", "progressIntervalMs", "confidence", "segmentBy", "period", "timeZone", "weekStartsOn", "alpha", "targets", "composite", "now", "maxPeriods", "headline", "date", "dateType");

/**
 * Options of {@link summarizeFile} and {@link evaluateFile}: how to read the file
 * ({@link ReadRowsOptions}) and how to evaluate the portfolio ({@link index!EvaluatePortfolioOptions});
 * `date` may name a column.
 * @category Node
 */
export type EvaluateFileOptions<M extends MetricRecord> = ReadRowsOptions &
  Omit<EvaluatePortfolioOptions<M, Record<string, unknown>>, "date"> & {
    date?: string | ((row: Record<string, unknown>, index: number) => DateInput);
    /** For Parquet files (read by DuckDB): whether the date column holds instants (default) or calendar dates. */
    dateType?: "timestamp" | "date";
  };

const READ_KEYS = ["format", "columns", "delimiter", "encoding", "invalid", "onBadRow", "chunkSize", "maxRecordSize", "where", "onProgress", "progressIntervalMs"] as const;

function finishOptionsOf<M extends MetricRecord>(o: EvaluateFileOptions<M>): FinishPortfolioOptions<M> {
  return { confidence: o.confidence, alpha: o.alpha, targets: o.targets, composite: o.composite, now: o.now, maxPeriods: o.maxPeriods, headline: o.headline };
}

/**
 * A metric error on a chunk, re-thrown with the file line of the row (the error on row 1 of a
 * chunk whose rows came from lines [2, 9] names line 9; test/node/read.test.ts checks it).
 */
function atLine(fn: string, e: unknown, lines: ArrayLike<number>): unknown {
  if (!(e instanceof CxMetricsError) || e.index === undefined || lines[e.index] === undefined) return e;
  const line = lines[e.index]!;
  // the row of the batch is a line of the file: the row's context entry becomes the line's
  const inner = withContext(e, fn, [], { index: undefined, rename: { word: "line", value: line } }) as CxMetricsError;
  const context = inner.context.some((c) => c.kind === "row") ? inner.context.map((c) => (c.kind === "row" ? { kind: "line" as const, line } : c)) : [{ kind: "line" as const, line }, ...inner.context];
  return new CxMetricsError(e.code, `${fn}: ${inner.reason}`, undefined, { line, ...(e.details as object | undefined) }, context);
}

/**
 * The summary of a source through a portfolio, chunk by chunk (the body of {@link summarizeFile},
 * with the caller's function name in errors).
 * @internal
 * @example
 * ```ts
 * import { definePortfolio, npsMetric } from "cx-metrics";
 * import { Readable } from "node:stream";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.score }) });
 * const { summary, stats } = await summarizeSource("f", Readable.from(["score\n9\n10\n3\n"]), p, { format: "csv", columns: { score: "number" } });
 * [summary.cells[0].summaries.nps.promoters, stats.rows]; //=> [2, 3]
 * ```
 */
export async function summarizeSource<M extends MetricRecord>(fn: string, source: Source, portfolio: Portfolio<M>, options: EvaluateFileOptions<M> | undefined): Promise<{ summary: PortfolioSummary; stats: ReadStats; seen: PeriodExtremes }> {
  const o = readOptions<EvaluateFileOptions<M>>(fn, options, EVALUATE_FILE_OPTIONS_KEYS);
  if (portfolio === null || typeof portfolio !== "object" || portfolio.kind !== "portfolio") fail(fn, "INVALID_OPTION", `expected a portfolio from definePortfolio, got ${describe(portfolio)}`);
  const read: ReadRowsOptions = {};
  for (const k of READ_KEYS) if (o[k] !== undefined) (read as Record<string, unknown>)[k] = o[k];
  const date = typeof o.date === "string" ? ((column: string) => (r: Record<string, unknown>) => r[column] as DateInput)(o.date) : o.date;
  const summaryOptions = { segmentBy: o.segmentBy, period: o.period, date, timeZone: o.timeZone, weekStartsOn: o.weekStartsOn };
  // options are checked before the file is opened
  let running = summarizeIn(fn, portfolio, [], summaryOptions);
  finishIn(fn, portfolio, running, finishOptionsOf(o));
  // the columnar path (CSV, NDJSON) when every metric reads a field of a typed column (and segments and date name text columns)
  const columns = readColumns(fn, o.columns);
  const kinds: ColumnKinds = new Map((columns ?? []).map((c) => [c.name, c.type]));
  const format = columns === null ? null : formatOf(source, o.format, fn);
  const plan = format === "csv" || format === "ndjson" ? columnarPlan(fn, portfolio, kinds, { ...summaryOptions, date: o.date }) : null;
  // the first and last period of the file with their lines, so that a far-off date is named by its line
  const seen = periodExtremes();
  const see = (here: PeriodExtremes, lines: ArrayLike<number>): void => {
    if (here.lo > here.hi) return;
    seePeriod(seen, here.lo, here.loMs, lines[here.loRow] ?? -1);
    seePeriod(seen, here.hi, here.hiMs, lines[here.hiRow] ?? -1);
    if (Number.isFinite(here.lo2)) seePeriod(seen, here.lo2, Number.NaN, -1);
    if (Number.isFinite(here.hi2)) seePeriod(seen, here.hi2, Number.NaN, -1);
  };
  const add = (parts: PortfolioSummary[]): void => {
    for (let i = 0; i < parts.length; i += 1024) running = mergePortfolioSummaries(portfolio, running, ...parts.slice(i, i + 1024));
  };
  if (plan !== null) {
    const reader = format === "ndjson" ? readNdjsonColumnsIn(fn, source, read, plan) : readColumnsIn(fn, source, read, plan);
    for await (const { batch, lines } of reader) {
      const here = periodExtremes();
      const range = (from: number, to: number, x?: PeriodExtremes) => summarizeColumnsIn(fn, portfolio, plan, batch, from, to, x);
      add(reader.skipping ? summarizeSkipping(fn, batch.length, lines, range, reader.skipRow) : [summarizeChunk(fn, lines, () => range(0, batch.length, here))]);
      see(here, lines);
    }
    return { summary: running, stats: reader.stats(), seen };
  }
  const rows = readRowsIn(fn, source, read);
  for await (const chunk of rows) {
    const here = periodExtremes();
    const n = chunk.rows.length;
    const range = (from: number, to: number, x?: PeriodExtremes) => summarizeIn(fn, portfolio, from === 0 && to === n ? chunk.rows : chunk.rows.slice(from, to), summaryOptions, x);
    add(rows.skipping ? summarizeSkipping(fn, n, chunk.lines, range, rows.skipRow) : [summarizeChunk(fn, chunk.lines, () => range(0, n, here))]);
    see(here, chunk.lines);
  }
  return { summary: running, stats: rows.stats(), seen };
}

function summarizeChunk(fn: string, lines: ArrayLike<number>, summarize: () => PortfolioSummary): PortfolioSummary {
  try {
    return summarize();
  } catch (e) {
    throw atLine(fn, e, lines);
  }
}

/**
 * The summaries of a chunk without the rows whose values a metric refuses (`invalid: "skip"`):
 * each such row is counted with its line and the metric's code (`metric "nps": OUT_OF_RANGE`).
 * When the chunk fails at a row, the row is left out and the rest is summarized again in pieces of
 * at most half the failed range, so the work is O(n log n) for a chunk of n rows however many rows
 * are bad, and O(n) when few are. Errors without a row (options) still stop the read.
 */
function summarizeSkipping(fn: string, n: number, lines: ArrayLike<number>, summarize: (from: number, to: number) => PortfolioSummary, skipRow: (line: number, kind: string, reason: string) => void): PortfolioSummary[] {
  const parts: PortfolioSummary[] = [];
  const ranges: [number, number][] = [[0, n]];
  for (let r = ranges.pop(); r !== undefined; r = ranges.pop()) {
    const [from, to] = r;
    if (from >= to) continue;
    try {
      parts.push(summarize(from, to));
      continue;
    } catch (e) {
      const part = Array.prototype.slice.call(lines, from, to) as number[];
      if (!(e instanceof CxMetricsError) || e.index === undefined || e.index < 0 || e.index >= to - from) throw atLine(fn, e, part);
      const bad = from + e.index;
      const located = atLine(fn, e, part) as CxMetricsError;
      const metric = e.context.find((c) => c.kind === "metric") as { key: string } | undefined;
      const segment = metric === undefined ? /segment "([^"]*)"/.exec(e.reason) : null;
      const kind = metric !== undefined ? `metric ${JSON.stringify(metric.key)}: ${e.code}` : segment !== null ? `segment "${segment[1]}": ${e.code}` : e.code;
      skipRow(lines[bad]!, kind, located.message.replace(/^\w+: /, ""));
      // the rest, in pieces of at most half the range (the depth stays logarithmic)
      const half = Math.max(1, Math.floor((to - from) / 2));
      for (const [a, b] of [[from, bad], [bad + 1, to]] as const) {
        for (let x = a; x < b; x += half) ranges.push([x, Math.min(b, x + half)]);
      }
    }
  }
  return parts;
}

/**
 * Summarize a file or stream through a portfolio, chunk by chunk: memory holds one chunk of rows
 * and the running summary, never the file. The summary merges with others
 * ({@link index!mergePortfolioSummaries}) and finishes with {@link index!finishPortfolio}.
 *
 * @param source - A file path (`.csv`, `.tsv`, `.ndjson`, `.jsonl`, `.json`), a `file:` URL or a readable stream.
 * @param portfolio - From {@link index!definePortfolio}; its accessors read the rows as `columns` maps them.
 * @param options - {@link EvaluateFileOptions}.
 * @returns `{ summary, stats }`: the portfolio summary and the read's counts.
 * @throws {@link index!CxMetricsError} as {@link readRows} and {@link index!summarizePortfolio}; a metric's error
 * names the file line (`details.line`).
 * @example
 * ```ts
 * import { definePortfolio, npsMetric } from "cx-metrics";
 * import { summarizeFile } from "cx-metrics/node";
 * import { Readable } from "node:stream";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.score }) });
 * const { summary } = await summarizeFile(Readable.from(["score\n9\n10\n2\n"]), p, { columns: { score: "number" } });
 * summary.cells[0].summaries.nps.n; //=> 3
 * ```
 * @category Node
 */
export async function summarizeFile<M extends MetricRecord>(source: Source, portfolio: Portfolio<M>, options?: EvaluateFileOptions<M>): Promise<{ summary: PortfolioSummary; stats: ReadStats }> {
  const { summary, stats } = await summarizeSource("summarizeFile", source, portfolio, options);
  return { summary, stats };
}

/**
 * Evaluate a portfolio on a file or stream with bounded memory: {@link summarizeFile}, then
 * {@link index!finishPortfolio} (targets, changes, consistency, composite, alerts).
 *
 * @param source - A file path, a `file:` URL or a readable stream.
 * @param portfolio - From {@link index!definePortfolio}.
 * @param options - {@link EvaluateFileOptions}.
 * @returns The {@link index!PortfolioReport}, with the read's counts in `read`.
 * @throws {@link index!CxMetricsError} as {@link summarizeFile} and {@link index!finishPortfolio}.
 * @example
 * ```ts
 * import { definePortfolio, npsMetric } from "cx-metrics";
 * import { evaluateFile } from "cx-metrics/node";
 * import { Readable } from "node:stream";
 * const p = definePortfolio({ nps: npsMetric({ score: (r) => r.score }) });
 * const csv = "score,channel\n9,web\n10,web\n2,app\n";
 * const report = await evaluateFile(Readable.from([csv]), p, { columns: { score: "number", channel: "string" }, segmentBy: "channel" });
 * report.cells.find((c) => c.segment.channel === "web").metrics.nps.value; //=> 100
 * const skipped = await evaluateFile(Readable.from(["score\n9\n11\n3\n"]), p, { columns: { score: "number" }, invalid: "skip" });
 * skipped.read.badRowKinds; //=> { 'metric "nps": OUT_OF_RANGE': 1 }
 * skipped.cells[0].metrics.nps.n; //=> 2
 * ```
 * @category Node
 */
export async function evaluateFile<M extends MetricRecord>(source: Source, portfolio: Portfolio<M>, options?: EvaluateFileOptions<M>): Promise<PortfolioReport<M> & { read: ReadStats }> {
  const fn = "evaluateFile";
  if (typeof source === "string" && /\.parquet$/i.test(source)) {
    // Parquet is read by DuckDB in place: the scan and the aggregation run in the database
    const o = readOptions<EvaluateFileOptions<M>>(fn, options, EVALUATE_FILE_OPTIONS_KEYS);
    if (typeof o.date === "function" || (o.segmentBy !== undefined && typeof o.segmentBy !== "string" && !Array.isArray(o.segmentBy))) {
      fail(fn, "INVALID_OPTION", "a Parquet file is read by DuckDB: name the segment and date columns instead of giving functions");
    }
    if (o.where !== undefined) fail(fn, "INVALID_OPTION", "a Parquet file is read by DuckDB, which does not filter rows with where: filter the file first (or read CSV or NDJSON)");
    readInvalidPolicy(fn, o);
    const { evaluateDuckDb } = await import("../sql/duckdb");
    const report = await evaluateDuckDb(source, portfolio, {
      segmentBy: o.segmentBy as string[] | undefined,
      period: o.period,
      date: o.date as string | undefined,
      dateType: o.dateType,
      timeZone: o.timeZone,
      confidence: o.confidence,
      alpha: o.alpha,
      targets: o.targets,
      composite: o.composite,
      now: o.now,
    });
    const { sql: _sql, rows, ...rest } = report;
    return { ...(rest as PortfolioReport<M>), read: { rows, badRows: 0, badRowKinds: {}, badRowSamples: [], filteredRows: 0, bytes: statSync(source).size } };
  }
  const { summary, stats, seen } = await summarizeSource(fn, source, portfolio, options);
  const report = finishIn(fn, portfolio, summary, finishOptionsOf(options ?? {}), seen, "line");
  return { ...report, read: stats };
}
