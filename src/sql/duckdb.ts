import { CxMetricsError, fail } from "../core/errors";
import { describe, readOptions } from "../core/input";
import type { MetricRecord, Portfolio } from "../portfolio/portfolio";
import type { FinishPortfolioOptions, PortfolioReport } from "../portfolio/report";
import { fromSqlRows, quoteLiteral, type ToSqlOptions, toSql } from "./compile";
import type { RfmSummary } from "../value/rfm-summary";
import { rfmFromSqlRows, type RfmToSqlOptions, rfmToSql } from "./rfm";

/**
 * Options of {@link evaluateDuckDb}: the query's options (without `table` and `dialect`) and the
 * report's.
 * @category SQL
 */
export type EvaluateDuckDbOptions<M extends MetricRecord> = Omit<ToSqlOptions, "table" | "dialect"> &
  FinishPortfolioOptions<M> & {
    /** A DuckDB database file to open (default: an in-memory database). */
    database?: string;
  };

interface DuckDb {
  DuckDBInstance: { create(path?: string): Promise<{ connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>; closeSync?(): void }>; closeSync?(): void }> };
}

// The package name is held in a variable, out of bundlers' static analysis: a browser bundle of
// `toSql` (esbuild, Vite, webpack) must not try to pull in DuckDB's native binding, which is
// loaded only when a DuckDB runner is called (scripts/consumer-check.mjs checks both).
const DUCKDB_PACKAGE = "@duckdb/node-api";
const importDuckDb = (): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ DUCKDB_PACKAGE);

/**
 * Import DuckDB, or say how to install it.
 * @internal
 * @example
 * ```ts
 * const duckdb = await loadDuckDb("f");
 * typeof duckdb.DuckDBInstance.create; //=> "function"
 * ```
 */
export async function loadDuckDb(fn: string, load: () => Promise<unknown> = importDuckDb): Promise<DuckDb> {
  try {
    return (await load()) as DuckDb;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      fail(fn, "MISSING_DEPENDENCY", "the SQL path needs DuckDB, which is an optional dependency: install it with `npm install @duckdb/node-api`");
    }
    throw e;
  }
}

/**
 * The table expression that makes DuckDB read a file in place (by extension).
 * @internal
 * @example
 * ```ts
 * duckDbFileTable("f", "it's.parquet"); //=> "read_parquet('it''s.parquet')"
 * ```
 */
export function duckDbFileTable(fn: string, path: string): string {
  const lit = quoteLiteral(fn, path, "duckdb");
  if (/\.parquet$/i.test(path)) return `read_parquet(${lit})`;
  if (/\.(ndjson|jsonl)$/i.test(path)) return `read_json_auto(${lit}, format = 'newline_delimited')`;
  if (/\.json$/i.test(path)) return `read_json_auto(${lit}, format = 'array')`;
  if (/\.tsv$/i.test(path)) return `read_csv(${lit}, header = true, delim = '\t')`;
  return `read_csv(${lit}, header = true)`;
}

/** The table option for a DuckDB source: a file read in place, a table, or an expression. */
function sourceTable(fn: string, source: unknown): ToSqlOptions["table"] {
  if (typeof source === "string") return { expression: duckDbFileTable(fn, source) };
  if (source !== null && typeof source === "object" && "expression" in source && typeof source.expression === "string") return { expression: source.expression };
  if (source !== null && typeof source === "object" && "table" in source) return (source as { table: string | readonly string[] }).table;
  return fail(fn, "INVALID_INPUT", `expected a file path, { table } or { expression }, got ${describe(source)}`);
}

/**
 * Evaluate a portfolio inside DuckDB: the file (CSV, TSV, Parquet, NDJSON, JSON) or table is
 * scanned and aggregated by the database ({@link toSql}); only one row per segment × period comes
 * back to JavaScript, and the library finishes it ({@link fromSqlRows}) into the report the
 * in-memory path gives. DuckDB (`@duckdb/node-api`) is an optional dependency.
 *
 * @param source - A file path, or `{ table }` / `{ expression }` in `database`.
 * @param portfolio - A portfolio of SQL-capable metrics whose columns are known
 * ({@link index!portfolioFromConfig}) or given in `columns`.
 * @param options - {@link EvaluateDuckDbOptions}.
 * @returns The {@link index!PortfolioReport}, with the SQL that ran in `sql` and the number of rows scanned in `rows`.
 * @throws {@link index!CxMetricsError} `MISSING_DEPENDENCY` when DuckDB is not installed;
 * `IO_ERROR` when DuckDB cannot read the file or table (its message is kept); as {@link toSql}
 * and {@link fromSqlRows}.
 * @example
 * ```ts
 * import { portfolioFromConfig } from "cx-metrics";
 * import { evaluateDuckDb } from "cx-metrics/sql";
 * const p = portfolioFromConfig({ nps: { type: "nps", column: "score" } });
 * // a file path ("answers.parquet", "answers.csv") or a table works the same way
 * const report = await evaluateDuckDb({ expression: "(SELECT 10 AS score UNION ALL SELECT 9 UNION ALL SELECT 3)" }, p);
 * report.cells[0].metrics.nps.value; //=> 33.333333333333336
 * ```
 * @category SQL
 */
export async function evaluateDuckDb<M extends MetricRecord>(
  source: string | { table: string | readonly string[] } | { expression: string },
  portfolio: Portfolio<M>,
  options?: EvaluateDuckDbOptions<M>,
): Promise<PortfolioReport<M> & { sql: string; rows: number }> {
  const fn = "evaluateDuckDb";
  const o = readOptions<EvaluateDuckDbOptions<M>>(fn, options);
  const table = sourceTable(fn, source);
  const { database, confidence, alpha, targets, composite, now, ...sqlOptions } = o;
  const query = toSql(portfolio, { ...sqlOptions, table, dialect: "duckdb" });
  const rows = await runDuckDb(fn, database, query.sql);
  const report = fromSqlRows(query, rows, { confidence, alpha, targets, composite, now });
  let total = 0;
  for (const r of rows) total += Number(r.n_rows);
  return { ...report, sql: query.sql, rows: total };
}

async function runDuckDb(fn: string, database: string | undefined, sql: string): Promise<Record<string, unknown>[]> {
  const duckdb = await loadDuckDb(fn);
  const instance = await duckdb.DuckDBInstance.create(database ?? ":memory:");
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjects();
  } catch (e) {
    if (e instanceof CxMetricsError) throw e;
    return fail(fn, "IO_ERROR", `DuckDB could not run the query: ${(e as Error).message}`, undefined, { sql });
  } finally {
    connection.closeSync?.();
    instance.closeSync?.();
  }
}

/**
 * The RFM summary of a transactions file or table computed inside DuckDB ({@link rfmToSql},
 * {@link rfmFromSqlRows}): one row per customer comes back to JavaScript, ready for
 * {@link index!fitBgNbd} and {@link index!fitGammaGamma}.
 *
 * @param source - A file path (CSV, TSV, Parquet, NDJSON, JSON), `{ table }` or `{ expression }`.
 * @param options - {@link RfmToSqlOptions} without `table` and `dialect`, plus `database`.
 * @returns The {@link index!RfmSummary} (customers ordered by id).
 * @throws {@link index!CxMetricsError} as {@link rfmToSql}, {@link rfmFromSqlRows} and {@link evaluateDuckDb}.
 * @example
 * ```ts
 * import { rfmSummaryDuckDb } from "cx-metrics/sql";
 * const orders = "(SELECT * FROM (VALUES ('a', DATE '2024-01-01', 10.0), ('a', DATE '2024-01-08', 30.0), ('b', DATE '2024-01-03', 5.0)) AS o(c, d, v))";
 * const s = await rfmSummaryDuckDb({ expression: orders }, { customer: "c", date: "d", dateType: "date", value: "v", calibrationEnd: "2024-01-29", timeUnit: "week" });
 * Array.from(s.frequency); //=> [1, 0]
 * ```
 * @category SQL
 */
export async function rfmSummaryDuckDb(
  source: string | { table: string | readonly string[] } | { expression: string },
  options: Omit<RfmToSqlOptions, "table" | "dialect"> & { database?: string },
): Promise<RfmSummary> {
  const fn = "rfmSummaryDuckDb";
  const { database, ...o } = readOptions<Omit<RfmToSqlOptions, "table" | "dialect"> & { database?: string }>(fn, options);
  const table = sourceTable(fn, source);
  const query = rfmToSql({ ...o, table, dialect: "duckdb" });
  return rfmFromSqlRows(query, await runDuckDb(fn, database, query.sql));
}
