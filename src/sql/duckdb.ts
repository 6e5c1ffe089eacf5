import { CxMetricsError, fail } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import type { MetricRecord, Portfolio } from "../portfolio/portfolio";
import type { FinishPortfolioOptions, PortfolioReport } from "../portfolio/report";
import { fromSqlRows, quoteLiteral, type ToSqlOptions, toSql } from "./compile";
import type { RfmSummary } from "../value/rfm-summary";
import { rfmFromSqlRows, type RfmToSqlOptions, rfmToSql } from "./rfm";

const EVALUATE_DUCK_DB_OPTIONS_KEYS = /* @__PURE__ */ keysOf<EvaluateDuckDbOptions<any>>()("columns", "segmentBy", "period", "date", "dateType", "timeZone", "confidence", "alpha", "targets", "composite", "now", "maxPeriods", "headline", "allowRemote", "allowGlob", "database");
const RFM_DUCKDB_KEYS = /* @__PURE__ */ keysOf<Omit<RfmToSqlOptions, "table" | "dialect"> & DuckDbSourceOptions & { database?: string }>()("date", "dateType", "customer", "value", "calibrationEnd", "observationEnd", "timeUnit", "allowRemote", "allowGlob", "database");

/**
 * What a DuckDB source may be beyond a local file or a table. Both default to `false`: DuckDB reads
 * any string it is given as a source (a glob reads every matching file; an `https://` or `s3://`
 * URL makes it download the httpfs extension and fetch the data), so a path that comes from a user
 * or a config file is held to a local file unless the caller opts in.
 * @category SQL
 */
export interface DuckDbSourceOptions {
  /**
   * Allow URLs (`https://`, `s3://`, `gcs://`, `az://`, `hf://`...) as the source and `md:`
   * (MotherDuck) as the database, and let DuckDB install the extensions it needs for them from
   * the network. Default `false`: such sources are refused, and DuckDB is started with
   * `autoinstall_known_extensions = false`.
   */
  allowRemote?: boolean;
  /**
   * Allow glob patterns (`*`, `?`, `[...]`: `"exports/2024-*.parquet"` reads every matching file)
   * in the source path. Default `false`: a path with these characters is refused (DuckDB would
   * expand them even in the name of an existing file).
   */
  allowGlob?: boolean;
}

/**
 * Options of {@link evaluateDuckDb}: the query's options (without `table` and `dialect`), the
 * report's, and what the source may be ({@link DuckDbSourceOptions}).
 * @category SQL
 */
export type EvaluateDuckDbOptions<M extends MetricRecord> = Omit<ToSqlOptions, "table" | "dialect"> &
  FinishPortfolioOptions<M> &
  DuckDbSourceOptions & {
    /** A DuckDB database file to open (default: an in-memory database). */
    database?: string;
  };

interface DuckDb {
  DuckDBInstance: { create(path?: string, options?: Record<string, string>): Promise<{ connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>; closeSync?(): void }>; closeSync?(): void }> };
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
 */
function duckDbFileTable(fn: string, path: string): string {
  const lit = quoteLiteral(fn, path, "duckdb");
  if (/\.parquet$/i.test(path)) return `read_parquet(${lit})`;
  if (/\.(ndjson|jsonl)$/i.test(path)) return `read_json_auto(${lit}, format = 'newline_delimited')`;
  if (/\.json$/i.test(path)) return `read_json_auto(${lit}, format = 'array')`;
  if (/\.tsv$/i.test(path)) return `read_csv(${lit}, header = true, delim = '\t')`;
  return `read_csv(${lit}, header = true)`;
}

const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const MOTHERDUCK = /^(md|motherduck):/i;
const GLOB = /[*?[]/;
// characters that make DuckDB read a quoted table name as a file or URL (replacement scans:
// FROM "answers.csv" reads the file), and control characters
const TABLE_PART_OK = /^[^\u0000-\u001f./\\:*?[\]{}]+$/;

/**
 * Check the DuckDB options that say what a source may be.
 */
function readSourceOptions(fn: string, o: DuckDbSourceOptions): Required<DuckDbSourceOptions> {
  for (const k of ["allowRemote", "allowGlob"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "boolean") fail(fn, "INVALID_OPTION", `expected ${k} to be true or false, got ${describe(o[k])}`);
  }
  return { allowRemote: o.allowRemote === true, allowGlob: o.allowGlob === true };
}

/**
 * The table option for a DuckDB source. A string is a local file (it must exist and be a file; it
 * is given to DuckDB as an absolute path), a URL (with `allowRemote`) or a glob (with
 * `allowGlob`); `{ table }` is a table of the database whose name parts hold no `.`, `/`, `\`,
 * `:`, glob or control characters (DuckDB would read such a name as a file); `{ expression }` is
 * SQL the caller wrote and trusts.
 */
async function sourceOf(fn: string, source: unknown, allow: Required<DuckDbSourceOptions>): Promise<{ table: ToSqlOptions["table"]; path?: string }> {
  if (typeof source === "string") {
    if (source === "" || /[\u0000-\u001f]/.test(source)) fail(fn, "INVALID_INPUT", `expected a file path without control characters, got ${describe(source)}`);
    if (URL_LIKE.test(source) || MOTHERDUCK.test(source)) {
      if (!allow.allowRemote) fail(fn, "INVALID_INPUT", `expected a local file path, got a URL (${describe(source)}); pass allowRemote: true to let DuckDB read URLs`);
      return { table: { expression: duckDbFileTable(fn, source) }, path: source };
    }
    if (GLOB.test(source)) {
      if (!allow.allowGlob) fail(fn, "INVALID_INPUT", `expected a local file path, got a glob pattern (${describe(source)}: *, ? and [ are glob characters for DuckDB); pass allowGlob: true to read every matching file`);
      return { table: { expression: duckDbFileTable(fn, source) }, path: source };
    }
    const { stat, resolve } = await nodeFiles();
    const path = resolve(source);
    let isFile: boolean;
    try {
      isFile = (await stat(path)).isFile();
    } catch (e) {
      const code = (e as { code?: string }).code;
      return fail(fn, "IO_ERROR", code === "ENOENT" ? `file not found: ${source}` : `cannot read ${source} (${code ?? "error"})`);
    }
    if (!isFile) fail(fn, "IO_ERROR", `expected a file, got a directory or special file: ${source}`);
    // an absolute path: DuckDB cannot take it for a URL or expand ~ in it
    return { table: { expression: duckDbFileTable(fn, path) }, path };
  }
  if (source !== null && typeof source === "object" && "expression" in source && typeof source.expression === "string") return { table: { expression: source.expression } };
  if (source !== null && typeof source === "object" && "table" in source) {
    const t = (source as { table: unknown }).table;
    const parts = typeof t === "string" ? [t] : Array.isArray(t) && t.length > 0 && t.length <= 3 ? (t as unknown[]) : null;
    if (parts === null || !parts.every((x) => typeof x === "string" && TABLE_PART_OK.test(x))) {
      fail(fn, "INVALID_INPUT", `expected { table } to be a table name or [schema, table] / [catalog, schema, table], each without . / \\ : * ? [ ] { } or control characters, got ${describe(t)}`);
    }
    return { table: (parts as string[]).length === 1 ? (parts as string[])[0]! : [...(parts as string[])] };
  }
  return fail(fn, "INVALID_INPUT", `expected a file path, { table } or { expression }, got ${describe(source)}`);
}

/**
 * Node's `stat` and `path.resolve`, loaded only when a file source is checked, and never by a
 * string-literal import: `cx-metrics/sql` bundles for a browser (for {@link toSql}) without a
 * bundler meeting Node's built-in modules. `process.getBuiltinModule` (Node 20.16+), else an
 * import by a computed name.
 */
async function nodeFiles(): Promise<{ stat: typeof import("node:fs/promises").stat; resolve: typeof import("node:path").resolve }> {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const load = async (id: string): Promise<unknown> => (typeof get === "function" ? get(id) : import(/* @vite-ignore */ /* webpackIgnore: true */ id));
  const [fs, path] = (await Promise.all([load("node:fs/promises"), load("node:path")])) as [typeof import("node:fs/promises"), typeof import("node:path")];
  return { stat: fs.stat, resolve: path.resolve };
}

/**
 * DuckDB's error message without what it quotes from the data: the first line only (later lines
 * hold "Original Line: …", "Candidate bindings: …" (a file's header) and the SQL), and every
 * quoted fragment that is not one of the names the caller gave (columns, table, path) replaced by
 * `'…'` (values of the file). At most 300 characters.
 * @internal
 * @example
 * ```ts
 * duckDbMessage("Conversion Error: Could not convert string 'secret' to DOUBLE\nOriginal Line: secret", ["score"]); //=> "Conversion Error: Could not convert string '…' to DOUBLE"
 * ```
 */
export function duckDbMessage(raw: unknown, known: readonly string[]): string {
  const text = typeof raw === "string" ? raw : "unknown error";
  const first = text.split(/\r?\n/, 1)[0]!.replace(/\s*Original Line:.*$/i, "");
  const out = first.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, (q) => {
    const inner = q.slice(1, -1).replaceAll(q[0]! + q[0]!, q[0]!);
    return known.includes(inner) ? q : "'…'";
  });
  return out.length > 300 ? `${out.slice(0, 299)}…` : out;
}

/** The names a query uses (columns, table parts, path), which DuckDB's messages may quote. */
function namesOf(table: ToSqlOptions["table"] | undefined, options: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(add);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(add);
  };
  if (typeof table === "string" || Array.isArray(table)) add(table);
  for (const k of ["segmentBy", "date", "columns", "customer", "value"]) add(options[k]);
  return out;
}

/**
 * Evaluate a portfolio inside DuckDB: the file (CSV, TSV, Parquet, NDJSON, JSON) or table is
 * scanned and aggregated by the database ({@link toSql}); only one row per segment × period comes
 * back to JavaScript, and the library finishes it ({@link fromSqlRows}) into the report the
 * in-memory path gives. DuckDB (`@duckdb/node-api`) is an optional dependency.
 *
 * Sources: by default a local file that exists (read in place by its extension) or `{ table }`, a
 * table of `database` (a name or `[schema, table]` parts, without `.`, `/`, `\`, `:`, glob or
 * control characters, which would make DuckDB read the name as a file). URLs need
 * `allowRemote: true` and glob patterns `allowGlob: true` ({@link DuckDbSourceOptions});
 * `{ expression }` is SQL you wrote and trust, run as it is.
 *
 * @param source - A local file path, `{ table }` in `database`, or `{ expression }`.
 * @param portfolio - A portfolio of SQL-capable metrics whose columns are known
 * ({@link index!portfolioFromConfig}) or given in `columns`.
 * @param options - {@link EvaluateDuckDbOptions}.
 * @returns The {@link index!PortfolioReport}, with the SQL that ran in `sql` and the number of rows scanned in `rows`.
 * @throws {@link index!CxMetricsError} `MISSING_DEPENDENCY` when DuckDB is not installed;
 * `INVALID_INPUT` for a URL or glob not allowed, or a table name DuckDB would read as a file;
 * `IO_ERROR` for a file that does not exist or is not a file, or when DuckDB cannot read the file
 * or table (with the first line of DuckDB's message, values and lines of the file quoted in it
 * replaced by `'…'`: an error never shows the file's contents); as {@link toSql} and
 * {@link fromSqlRows}.
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
  const o = readOptions<EvaluateDuckDbOptions<M>>(fn, options, EVALUATE_DUCK_DB_OPTIONS_KEYS);
  const { database, confidence, alpha, targets, composite, now, headline, allowRemote, allowGlob, ...sqlOptions } = o;
  const allow = readSourceOptions(fn, { allowRemote, allowGlob });
  const { table, path } = await sourceOf(fn, source, allow);
  const query = toSql(portfolio, { ...sqlOptions, table, dialect: "duckdb" });
  const names = [...namesOf(table, sqlOptions as Record<string, unknown>), ...(path === undefined ? [] : [path, String(source)]), ...namesOf(undefined, { columns: query.plan.map((p) => [(p.spec as { column?: string }).column, (p.spec as { weightColumn?: string }).weightColumn]) })];
  const rows = await runDuckDb(fn, database, query.sql, allow.allowRemote, names);
  const report = fromSqlRows(query, rows, { confidence, alpha, targets, composite, now, headline });
  let total = 0;
  for (const r of rows) total += Number(r.n_rows);
  return { ...report, sql: query.sql, rows: total };
}

async function runDuckDb(fn: string, database: unknown, sql: string, allowRemote: boolean, names: readonly string[]): Promise<Record<string, unknown>[]> {
  if (database !== undefined && (typeof database !== "string" || database === "" || /[\u0000-\u001f]/.test(database))) fail(fn, "INVALID_OPTION", `expected database to be a file path, got ${describe(database)}`);
  if (!allowRemote && typeof database === "string" && (URL_LIKE.test(database) || MOTHERDUCK.test(database))) fail(fn, "INVALID_OPTION", `expected database to be a local file, got ${describe(database)}; pass allowRemote: true for a remote database`);
  const duckdb = await loadDuckDb(fn);
  let instance: Awaited<ReturnType<DuckDb["DuckDBInstance"]["create"]>>;
  try {
    instance = await duckdb.DuckDBInstance.create(database ?? ":memory:", allowRemote ? {} : { autoinstall_known_extensions: "false" });
  } catch (e) {
    return fail(fn, "IO_ERROR", `DuckDB could not open the database: ${duckDbMessage((e as Error)?.message, database === undefined ? [] : [database])}`);
  }
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjects();
    } finally {
      connection.closeSync?.();
    }
  } catch (e) {
    if (e instanceof CxMetricsError) throw e;
    return fail(fn, "IO_ERROR", `DuckDB could not run the query: ${duckDbMessage((e as Error)?.message, names)}`, undefined, { sql });
  } finally {
    instance.closeSync?.();
  }
}

/**
 * The RFM summary of a transactions file or table computed inside DuckDB ({@link rfmToSql},
 * {@link rfmFromSqlRows}): one row per customer comes back to JavaScript, ready for
 * {@link index!fitBgNbd} and {@link index!fitGammaGamma}.
 *
 * @param source - A local file path (CSV, TSV, Parquet, NDJSON, JSON), `{ table }` or `{ expression }`, as for {@link evaluateDuckDb}.
 * @param options - {@link RfmToSqlOptions} without `table` and `dialect`, plus `database`, `allowRemote` and `allowGlob` ({@link DuckDbSourceOptions}).
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
  options: Omit<RfmToSqlOptions, "table" | "dialect"> & DuckDbSourceOptions & { database?: string },
): Promise<RfmSummary> {
  const fn = "rfmSummaryDuckDb";
  const { database, allowRemote, allowGlob, ...o } = readOptions<Omit<RfmToSqlOptions, "table" | "dialect"> & DuckDbSourceOptions & { database?: string }>(fn, options, RFM_DUCKDB_KEYS);
  const allow = readSourceOptions(fn, { allowRemote, allowGlob });
  const { table, path } = await sourceOf(fn, source, allow);
  const query = rfmToSql({ ...o, table, dialect: "duckdb" });
  const names = [...namesOf(table, o as Record<string, unknown>), ...(path === undefined ? [] : [path, String(source)])];
  return rfmFromSqlRows(query, await runDuckDb(fn, database, query.sql, allow.allowRemote, names));
}
