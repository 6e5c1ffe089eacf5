import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions } from "../core/input";
import { type Period, periodIndexer, instantIn } from "../core/period";
import { readTimeZone } from "../core/time";
import { checkSqlSpec, type Metric, type SqlSummarySpec } from "../core/metric";
import type { MetricRecord, Portfolio, PortfolioSummary, PortfolioSummaryCell } from "../portfolio/portfolio";
import { FINISH_PORTFOLIO_OPTIONS_KEYS, finishIn, type FinishPortfolioOptions, type PortfolioReport } from "../portfolio/report";
import { sqlKindOf } from "./kinds/index";
import { sqlNumber, sqlRow, sqlRows } from "./rows";

const TO_SQL_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ToSqlOptions>()("table", "columns", "segmentBy", "period", "date", "dateType", "timeZone", "dialect");

/**
 * SQL dialects that {@link toSql} writes.
 * @category SQL
 */
export type Dialect = "duckdb" | "postgres" | "bigquery" | "snowflake" | "spark";

/**
 * Options of {@link toSql}.
 * @category SQL
 */
export interface ToSqlOptions {
  /** The table: a name, a qualified name as parts (`["analytics", "cx", "answers"]`), or `{ expression }` for a table expression you trust (e.g. `read_parquet('x.parquet')`). */
  table: string | readonly string[] | { expression: string };
  /** Column of each metric (and its weights column) by metric key, when the metric does not know it (metrics built by accessor); `weight` is the deprecated name of `weights`. */
  columns?: Readonly<Record<string, string | { column: string; weights?: string; /** @deprecated Since 0.x: use `weights`; removed in the next minor version. */ weight?: string }>>;
  /** Segment columns. */
  segmentBy?: string | readonly string[];
  /** Calendar period; needs `date`. Weeks start on Monday (ISO) in SQL. */
  period?: Period;
  /** The date column. */
  date?: string;
  /** `"timestamp"` (default: an instant, converted to `timeZone` before truncation) or `"date"` (a local calendar day). */
  dateType?: "timestamp" | "date";
  /** IANA time zone of the periods; default "UTC". */
  timeZone?: string;
  dialect?: Dialect;
}

/**
 * A compiled query: the SQL text and what {@link fromSqlRows} needs to turn its rows into results.
 * @category SQL
 */
export interface SqlQuery<M extends MetricRecord = MetricRecord> {
  sql: string;
  dialect: Dialect;
  portfolio: Portfolio<M>;
  segmentBy: string[];
  period: Period | null;
  timeZone: string;
  /** Per metric key: its summary spec, the prefix of its aggregates' aliases and the aliases. */
  plan: { key: string; spec: SqlSummarySpec; prefix: string; aliases: string[] }[];
  /** With periods: how the date column was read, so that `d_first`/`d_last` (the data's first and last dates) can be. */
  dateType?: "timestamp" | "date";
}

const IDENT_OK = /^[^\u0000-\u001f]+$/;

/**
 * Quote an identifier for a dialect: `"name"` with `""` inside (DuckDB, PostgreSQL, Snowflake) or
 * `` `name` `` (BigQuery with `\`` escaped, Spark with ` `` `), so a name can never end the
 * identifier early. Control characters are refused.
 * @internal
 * @example
 * ```ts
 * quoteIdent("t", 'a"; DROP TABLE x; --', "postgres"); //=> "\"a\"\"; DROP TABLE x; --\""
 * ```
 */
export function quoteIdent(fn: string, name: unknown, dialect: Dialect): string {
  if (typeof name !== "string" || name === "" || !IDENT_OK.test(name)) fail(fn, "INVALID_OPTION", `expected a column or table name without control characters, got ${describe(name)}`);
  if (dialect === "bigquery") return `\`${name.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;
  if (dialect === "spark") return `\`${name.replaceAll("`", "``")}\``;
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quote a string literal: `'…'` with `''` inside (and backslashes escaped where the dialect reads
 * them: BigQuery, Spark).
 * @internal
 * @example
 * ```ts
 * quoteLiteral("t", "it's", "duckdb"); //=> "'it''s'"
 * ```
 */
export function quoteLiteral(fn: string, value: unknown, dialect: Dialect): string {
  if (typeof value !== "string" || value.includes("\u0000")) fail(fn, "INVALID_OPTION", `expected a text literal, got ${describe(value)}`);
  if (dialect === "bigquery" || dialect === "spark") return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  return `'${value.replaceAll("'", "''")}'`;
}

/** The double-precision type of each dialect. @internal */
export const DOUBLE: Record<Dialect, string> = { duckdb: "DOUBLE", postgres: "DOUBLE PRECISION", bigquery: "FLOAT64", snowflake: "DOUBLE", spark: "DOUBLE" };
/** The text type of each dialect. @internal */
export const TEXT: Record<Dialect, string> = { duckdb: "VARCHAR", postgres: "TEXT", bigquery: "STRING", snowflake: "VARCHAR", spark: "STRING" };

function periodExpr(fn: string, d: Dialect, period: Period, col: string, dateType: "timestamp" | "date", tz: string): string {
  const unit = period.toUpperCase();
  const z = quoteLiteral(fn, tz, d);
  switch (d) {
    case "duckdb": {
      const local = dateType === "date" ? `CAST(${col} AS DATE)` : `timezone(${z}, CAST(${col} AS TIMESTAMPTZ))`;
      return `strftime(date_trunc('${period}', ${local}), '%Y-%m-%d')`;
    }
    case "postgres": {
      const local = dateType === "date" ? `CAST(${col} AS DATE)` : `(CAST(${col} AS TIMESTAMPTZ) AT TIME ZONE ${z})`;
      return `to_char(date_trunc('${period}', ${local}), 'YYYY-MM-DD')`;
    }
    case "bigquery": {
      const local = dateType === "date" ? `DATE(${col})` : `DATE(CAST(${col} AS TIMESTAMP), ${z})`;
      return `FORMAT_DATE('%F', DATE_TRUNC(${local}, ${period === "week" ? "WEEK(MONDAY)" : unit}))`;
    }
    case "snowflake": {
      const local = dateType === "date" ? `TO_DATE(${col})` : `CONVERT_TIMEZONE(${z}, TO_TIMESTAMP_TZ(${col}))`;
      return `TO_CHAR(DATE_TRUNC('${period}', ${local}), 'YYYY-MM-DD')`;
    }
    default: {
      const local = dateType === "date" ? `CAST(${col} AS DATE)` : `from_utc_timestamp(CAST(${col} AS TIMESTAMP), ${z})`;
      return `date_format(date_trunc('${unit}', ${local}), 'yyyy-MM-dd')`;
    }
  }
}

/**
 * Days since 1970-01-01 of a date or timestamp column (the UTC calendar day of a timestamp).
 * @internal
 * @example
 * ```ts
 * dayNumber("duckdb", '"d"', "date"); //=> "(CAST(\"d\" AS DATE) - DATE '1970-01-01')"
 * ```
 */
export function dayNumber(d: Dialect, col: string, dateType: "timestamp" | "date"): string {
  if (dateType === "date") {
    switch (d) {
      case "bigquery":
        return `UNIX_DATE(DATE(${col}))`;
      case "snowflake":
        return `DATEDIFF(day, TO_DATE('1970-01-01'), TO_DATE(${col}))`;
      case "spark":
        return `datediff(CAST(${col} AS DATE), DATE '1970-01-01')`;
      default:
        return `(CAST(${col} AS DATE) - DATE '1970-01-01')`;
    }
  }
  switch (d) {
    case "duckdb":
      return `CAST(FLOOR(epoch(CAST(${col} AS TIMESTAMPTZ)) / 86400) AS BIGINT)`;
    case "postgres":
      return `CAST(FLOOR(EXTRACT(EPOCH FROM CAST(${col} AS TIMESTAMPTZ)) / 86400) AS BIGINT)`;
    case "bigquery":
      return `CAST(FLOOR(UNIX_SECONDS(CAST(${col} AS TIMESTAMP)) / 86400) AS INT64)`;
    case "snowflake":
      return `FLOOR(DATE_PART(EPOCH_SECOND, TO_TIMESTAMP_TZ(${col})) / 86400)`;
    default:
      return `CAST(FLOOR(unix_timestamp(CAST(${col} AS TIMESTAMP)) / 86400) AS BIGINT)`;
  }
}

/**
 * Epoch milliseconds of a timestamp column, per dialect (for the data's first and last instants).
 */
function epochMs(d: Dialect, col: string): string {
  switch (d) {
    case "duckdb":
      return `epoch_ms(CAST(${col} AS TIMESTAMPTZ))`;
    case "postgres":
      return `(EXTRACT(EPOCH FROM CAST(${col} AS TIMESTAMPTZ)) * 1000)`;
    case "bigquery":
      return `UNIX_MILLIS(CAST(${col} AS TIMESTAMP))`;
    case "snowflake":
      return `DATE_PART(EPOCH_MILLISECOND, TO_TIMESTAMP_TZ(${col}))`;
    default:
      return `unix_millis(CAST(${col} AS TIMESTAMP))`;
  }
}

/**
 * The FROM part for a table option: a quoted name, quoted name parts joined by dots, or a trusted
 * expression.
 * @internal
 * @example
 * ```ts
 * tableSql("f", ["analytics", "answers"], "bigquery"); //=> "`analytics`.`answers`"
 * ```
 */
export function tableSql(fn: string, table: unknown, d: Dialect): string {
  if (typeof table === "string") return quoteIdent(fn, table, d);
  if (Array.isArray(table) && table.length > 0) return table.map((t) => quoteIdent(fn, t, d)).join(".");
  if (table !== null && typeof table === "object" && typeof (table as { expression?: unknown }).expression === "string") return (table as { expression: string }).expression;
  return fail(fn, "INVALID_OPTION", `expected table to be a name, a list of name parts or { expression }, got ${describe(table)}`);
}

/**
 * Read an option naming one column or a list of columns (segmentBy).
 * @internal
 * @example
 * ```ts
 * readColumns("f", "segmentBy", "channel"); //=> ["channel"]
 * ```
 */
export function readColumns(fn: string, name: string, v: unknown): string[] {
  if (v === undefined) return [];
  const list = typeof v === "string" ? [v] : Array.isArray(v) ? [...(v as unknown[])] : fail(fn, "INVALID_OPTION", `expected ${name} to be a column name or a list of names, got ${describe(v)}`);
  list.forEach((c, i) => {
    if (typeof c !== "string" || c === "") fail(fn, "INVALID_OPTION", `expected ${name}[${i}] to be a column name, got ${describe(c)}`);
  });
  if (new Set(list).size !== list.length) fail(fn, "INVALID_OPTION", `expected distinct ${name} columns, got ${describe(v)}`);
  return list as string[];
}

/** The `columns` option of one metric: `{ column?, weight? }` (from `weights`, or its deprecated name `weight`) or undefined. */
function columnsOf(fn: string, columns: unknown, key: string): { column?: string; weight?: string } | undefined {
  if (columns === undefined) return undefined;
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) fail(fn, "INVALID_OPTION", `expected columns to be { metricKey: "column" | { column, weights } }, got ${describe(columns)}`);
  const given = Object.hasOwn(columns, key) ? (columns as Record<string, unknown>)[key] : undefined;
  if (given === undefined) return undefined;
  if (typeof given === "string") return { column: given };
  const g = given as { column?: unknown; weights?: unknown; weight?: unknown };
  if (g !== null && typeof g === "object" && g.weights !== undefined && g.weight !== undefined) fail(fn, "INVALID_OPTION", `expected columns.${key} to give weights or its deprecated name weight, not both`);
  const weight = g === null || typeof g !== "object" ? undefined : (g.weights ?? g.weight);
  if (g === null || typeof g !== "object" || Array.isArray(g) || (g.column !== undefined && typeof g.column !== "string") || (weight !== undefined && typeof weight !== "string")) {
    fail(fn, "INVALID_OPTION", `expected columns.${key} to be a column name or { column, weights } of names, got ${describe(given)}`);
  }
  return { column: g.column as string | undefined, weight: weight as string | undefined };
}

/**
 * Compile a portfolio's summaries into one SQL query of aggregates grouped by segment and period,
 * for the heavy scan to run in a database; {@link fromSqlRows} finishes the rows it returns into
 * the same report as the in-memory path. The statistics stay in the library.
 *
 * Definition: per group, NPS metrics aggregate the counts and weight sums of promoters, passives
 * and detractors; CSAT, CES and proportion metrics the count and weight sum of each scale point;
 * mean metrics COUNT, AVG, VAR_SAMP, MIN and MAX (the sum of squared deviations is
 * VAR_SAMP·(n − 1)); all with the sum of squared weights, the missing values (NULL) and the
 * invalid ones (off the scale or fractional), which {@link fromSqlRows} refuses unless the metric
 * skips invalid values. With periods, `d_first` and `d_last` are the group's first and last dates
 * (epoch milliseconds of a timestamp, the day number of a date), from which the report knows a
 * partial last period (see {@link index!finishPortfolio}) as in memory. Aggregates are cast to double precision. Identifiers and literals are
 * quoted for the dialect. Weeks start on Monday.
 *
 * @param portfolio - A portfolio of built-in metrics (NPS, CSAT, CES, proportion, churn, mean);
 * SLA and ticket-time metrics need per-ticket calendars and cannot be pushed down.
 * @param options - {@link ToSqlOptions}.
 * @returns The {@link SqlQuery}.
 * @throws {@link index!CxMetricsError} `INVALID_OPTION` for a metric that cannot be pushed down or
 * whose column is unknown, a weighted metric without its weight column, bad names or options.
 * @example
 * ```ts
 * import { portfolioFromConfig } from "cx-metrics";
 * import { toSql } from "cx-metrics/sql";
 * const q = toSql(portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "answers", segmentBy: "channel" });
 * q.sql.startsWith('SELECT CAST("channel" AS VARCHAR) AS "s0"'); //=> true
 * ```
 * @category SQL
 */
export function toSql<M extends MetricRecord>(portfolio: Portfolio<M>, options: ToSqlOptions): SqlQuery<M> {
  const fn = "toSql";
  if (portfolio === null || typeof portfolio !== "object" || portfolio.kind !== "portfolio") fail(fn, "INVALID_OPTION", `expected a portfolio from definePortfolio, got ${describe(portfolio)}`);
  const o = readOptions<ToSqlOptions>(fn, options, TO_SQL_OPTIONS_KEYS);
  const d = readChoice(fn, "dialect", o.dialect, ["duckdb", "postgres", "bigquery", "snowflake", "spark"], "duckdb");
  const q = (name: unknown) => quoteIdent(fn, name, d);
  const table = tableSql(fn, o.table, d);
  const segmentBy = readColumns(fn, "segmentBy", o.segmentBy);
  if (o.period !== undefined && o.date === undefined) fail(fn, "INVALID_OPTION", `expected a date column with period ${describe(o.period)}`);
  if (o.period === undefined && o.date !== undefined) fail(fn, "INVALID_OPTION", "expected a period with the date column");
  const period = o.period === undefined ? null : readChoice(fn, "period", o.period, ["day", "week", "month", "quarter", "year"], "month");
  const timeZone = readTimeZone(fn, o.timeZone);
  const dateType = readChoice(fn, "dateType", o.dateType, ["timestamp", "date"], "timestamp");
  const dbl = (e: string) => `CAST(${e} AS ${DOUBLE[d]})`;
  const select: string[] = segmentBy.map((s, i) => `CAST(${q(s)} AS ${TEXT[d]}) AS ${q(`s${i}`)}`);
  if (period !== null) select.push(`${periodExpr(fn, d, period, q(o.date), dateType, timeZone)} AS ${q("period")}`);
  select.push(`${dbl("COUNT(*)")} AS ${q("n_rows")}`);
  if (period !== null) {
    // the data's first and last dates: epoch ms of a timestamp, the day number of a date (its local midnight is found in JavaScript)
    const when = dateType === "date" ? dayNumber(d, q(o.date), "date") : epochMs(d, q(o.date));
    select.push(`${dbl(`MIN(${when})`)} AS ${q("d_first")}`, `${dbl(`MAX(${when})`)} AS ${q("d_last")}`);
  }
  const plan: SqlQuery<M>["plan"] = [];
  if (o.columns !== undefined && o.columns !== null && typeof o.columns === "object") {
    for (const k of Object.keys(o.columns)) if (!portfolio.keys.includes(k)) fail(fn, "INVALID_OPTION", `expected columns for metrics of the portfolio (${portfolio.keys.join(", ")}), got unknown metric "${k}"`);
  }
  portfolio.keys.forEach((key, mi) => {
    const metric = portfolio.metrics[key] as Metric;
    if (metric.sql === undefined) fail(fn, "INVALID_OPTION", `metric "${key}" cannot be computed in SQL (only NPS, CSAT, CES, proportion, churn and mean metrics can)`);
    // checked again here: a metric object need not come from defineMetric, and its spec is pasted into SQL text
    const spec = checkSqlSpec(fn, `metric "${key}"`, metric.sql);
    const given = columnsOf(fn, o.columns, key);
    const column = given?.column ?? spec.column;
    const weighted = "weighted" in spec && spec.weighted;
    const weightColumn = given?.weight ?? ("weightColumn" in spec ? spec.weightColumn : undefined);
    if (column === undefined) fail(fn, "INVALID_OPTION", `expected the column of metric "${key}" (columns: { ${key}: "..." })`);
    if (weighted && weightColumn === undefined) fail(fn, "INVALID_OPTION", `metric "${key}" is weighted: give its weights column (columns: { ${key}: { column, weights } })`);
    const prefix = `m${mi}_`;
    const aggregates = sqlKindOf(spec).write(spec, { fn, key, dialect: d, column: q(column), weight: weighted ? q(weightColumn) : null, alias: (name) => `${prefix}${name}`, double: dbl });
    for (const { alias, expr } of aggregates) select.push(`${dbl(expr)} AS ${q(alias)}`);
    const aliases = aggregates.map((a) => a.alias);
    plan.push({ key, spec, prefix, aliases });
  });
  const groups = segmentBy.length + (period === null ? 0 : 1);
  const groupBy = groups === 0 ? "" : ` GROUP BY ${Array.from({ length: groups }, (_, i) => i + 1).join(", ")}`;
  const sql = `SELECT ${select.join(", ")} FROM ${table}${groupBy}`;
  return { sql, dialect: d, portfolio, segmentBy, period, timeZone, plan, ...(period === null ? {} : { dateType }) };
}

/** Check a query from {@link toSql} (it may have been stored as JSON or forged) before its rows are read. */
function checkQuery(fn: string, query: unknown): asserts query is SqlQuery {
  const q = query as Partial<SqlQuery> | null;
  const bad = (what: string): never => fail(fn, "INVALID_OPTION", `expected a query from toSql: ${what}`);
  if (q === null || typeof q !== "object" || !Array.isArray(q.plan)) bad(`got ${describe(query)}`);
  const p = q!.portfolio as Partial<Portfolio> | undefined;
  if (p === null || typeof p !== "object" || p.kind !== "portfolio" || !Array.isArray(p.keys) || p.metrics === null || typeof p.metrics !== "object") bad(`query.portfolio should be a portfolio, got ${describe(p)}`);
  if (!Array.isArray(q!.segmentBy) || !q!.segmentBy.every((c) => typeof c === "string")) bad(`query.segmentBy should be a list of column names, got ${describe(q!.segmentBy)}`);
  if (q!.period !== null && typeof q!.period !== "string") bad(`query.period should be null or a period name, got ${describe(q!.period)}`);
  readTimeZone(fn, q!.timeZone);
  if (q!.dateType !== undefined && q!.dateType !== "timestamp" && q!.dateType !== "date") bad(`query.dateType should be "timestamp" or "date", got ${describe(q!.dateType)}`);
  const keys = p!.keys as unknown[];
  const metrics = p!.metrics as Record<string, unknown>;
  Array.from(q!.plan as unknown[]).forEach((e, i) => {
    const x = e as { key?: unknown; spec?: unknown; prefix?: unknown; aliases?: unknown } | null;
    if (x === null || typeof x !== "object" || typeof x.key !== "string" || !keys.includes(x.key) || typeof x.prefix !== "string" || !Array.isArray(x.aliases) || !x.aliases.every((a) => typeof a === "string")) {
      bad(`query.plan[${i}] should be { key, spec, prefix, aliases } of a metric of the portfolio, got ${describe(e)}`);
    }
    checkSqlSpec(fn, `query.plan[${i}]`, x!.spec);
    const m = Object.hasOwn(metrics, x!.key as string) ? (metrics[x!.key as string] as Partial<Metric> | null) : undefined;
    if (m === null || typeof m !== "object" || typeof m.merge !== "function" || typeof m.empty !== "function") bad(`query.portfolio.metrics.${x!.key as string} should be a metric`);
  });
  const planned = (q!.plan as { key: string }[]).map((e) => e.key);
  if (planned.length !== keys.length || !keys.every((k) => planned.includes(k as string))) bad(`query.plan should have one entry per metric of the portfolio (${keys.map(String).join(", ")}), got ${describe(planned)}`);
}

/**
 * Turn the rows of a {@link toSql} query into a {@link index!PortfolioSummary} (to merge with other
 * summaries, e.g. of other warehouses or days) or, with {@link fromSqlRows}, a report.
 *
 * @param query - From {@link toSql} (a stored or reloaded one is checked field by field).
 * @param rows - The query's result rows as objects keyed by column alias (numbers, numeric strings
 * or bigints that a double holds exactly).
 * @returns The {@link index!PortfolioSummary}, one cell per row.
 * @throws {@link index!CxMetricsError} `INVALID_OPTION` for something that is not a query from
 * {@link toSql}; `INVALID_INPUT` for rows that are not a list of objects, a row without a segment or
 * period value or with a non-numeric aggregate; `OUT_OF_RANGE` as {@link fromSqlRows}.
 * @category SQL
 * @example
 * ```ts
 * import { portfolioFromConfig } from "cx-metrics";
 * import { summaryFromSqlRows, toSql } from "cx-metrics/sql";
 * const q = toSql(portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "answers" });
 * // the rows of q.sql: 2 promoters, 1 passive, 1 detractor, 1 missing
 * const s = summaryFromSqlRows(q, [{ m0_missing: 1, m0_invalid: 0, m0_c0: 1, m0_c1: 1, m0_c2: 2 }]);
 * const nps = s.cells[0].summaries.nps;
 * [nps.promoters, nps.passives, nps.detractors, nps.skipped]; //=> [2, 1, 1, 1]
 * ```
 */
export function summaryFromSqlRows<M extends MetricRecord>(query: SqlQuery<M>, rows: ArrayLike<Record<string, unknown>>): PortfolioSummary {
  return summaryIn("summaryFromSqlRows", query, rows);
}

function summaryIn<M extends MetricRecord>(fn: string, query: SqlQuery<M>, input: ArrayLike<Record<string, unknown>>): PortfolioSummary {
  checkQuery(fn, query);
  const rows = sqlRows(fn, input);
  const indexer = query.period === null ? null : periodIndexer(fn, query.period, query.timeZone, 1);
  const cells: PortfolioSummaryCell[] = [];
  // the data's first and last dates, when every row has them (queries from toSql with periods)
  let datesKnown = indexer !== null && rows.length > 0;
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < rows.length; r++) {
    const row = sqlRow(fn, rows, r);
    if (datesKnown) {
      if (row.d_first === undefined || row.d_first === null || row.d_last === undefined || row.d_last === null) datesKnown = false;
      else {
        first = Math.min(first, sqlNumber(fn, row, "d_first", r));
        last = Math.max(last, sqlNumber(fn, row, "d_last", r));
      }
    }
    const segment = query.segmentBy.map((s, i) => {
      const v = row[`s${i}`];
      if (typeof v !== "string") fail(fn, "INVALID_INPUT", `expected segment "${s}" in result row ${r} to be text, got ${describe(v)} (rows without a ${s} are not allowed: filter them or fill them in the query)`, r);
      return v;
    });
    let label: string | null = null;
    let periodIndex: number | null = null;
    if (indexer !== null) {
      const v = row.period;
      if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail(fn, "INVALID_INPUT", `expected the period of result row ${r} as YYYY-MM-DD, got ${describe(v)} (rows without a date are not allowed)`, r);
      periodIndex = indexer.indexOf(instantIn(fn, v, query.timeZone, "period", r));
      label = indexer.labelOf(periodIndex);
    }
    const summaries: Record<string, unknown> = {};
    const where = segment.length === 0 && label === null ? "" : ` (${[...query.segmentBy.map((k, i) => `${k} ${segment[i]}`), ...(label === null ? [] : [label])].join(", ")})`;
    for (const { key, spec, prefix, aliases } of query.plan) {
      const metric = query.portfolio.metrics[key] as Metric;
      const s = sqlKindOf(spec).read(row, spec, { fn, key, r, alias: (name) => `${prefix}${name}`, has: (name) => aliases.includes(`${prefix}${name}`), where });
      // the metric's own merge checks the summary's shape and consistency
      summaries[key] = metric.merge(metric.empty(), s);
    }
    cells.push({ segment, period: label, periodIndex, summaries });
  }
  // a date's day number is read as its local midnight, as a date-only string is in memory
  const instant = (x: number) => (query.dateType === "date" ? instantIn(fn, new Date(x * 86_400_000).toISOString().slice(0, 10), query.timeZone, "date") : x);
  const dates = datesKnown && first <= last ? { dates: { first: instant(first), last: instant(last) } } : {};
  return { kind: "portfolio", metrics: [...query.portfolio.keys], segmentBy: [...query.segmentBy], period: query.period, timeZone: query.timeZone, weekStartsOn: 1, cells, ...dates };
}

/**
 * Finish the rows returned by a {@link toSql} query into the {@link index!PortfolioReport} that
 * {@link index!evaluatePortfolio} gives on the same rows in memory: the database did the scan, the
 * library does the statistics (intervals, tests, targets, consistency, alerts).
 *
 * @param query - From {@link toSql}.
 * @param rows - The query's result rows as objects keyed by column alias (numbers, bigints or
 * numeric strings are accepted).
 * @param options - Targets, composite, confidence, alpha, now (as {@link index!finishPortfolio}).
 * @returns The report.
 * @throws {@link index!CxMetricsError} `OUT_OF_RANGE` when the database counted invalid values for a
 * metric that does not skip them; `INVALID_INPUT` for rows that are not a list of objects, a result
 * row without a segment or period value or with a non-numeric aggregate (a bigint that a double
 * does not hold exactly included); `INVALID_OPTION` for a query that is not from {@link toSql}
 * (checked field by field) and for bad options; `INVALID_SUMMARY` as {@link index!finishPortfolio}.
 * @example
 * ```ts
 * import { portfolioFromConfig } from "cx-metrics";
 * import { fromSqlRows, toSql } from "cx-metrics/sql";
 * const q = toSql(portfolioFromConfig({ nps: { type: "nps", column: "score" } }), { table: "answers" });
 * // rows as the database returns them for q.sql: 2 promoters, 1 passive, 1 detractor, 1 missing
 * const rows = [{ m0_missing: 1, m0_invalid: 0, m0_c0: 1, m0_c1: 1, m0_c2: 2 }];
 * fromSqlRows(q, rows).cells[0].metrics.nps.value; //=> 25
 * ```
 * @category SQL
 */
export function fromSqlRows<M extends MetricRecord>(query: SqlQuery<M>, rows: ArrayLike<Record<string, unknown>>, options?: FinishPortfolioOptions<M>): PortfolioReport<M> {
  const fn = "fromSqlRows";
  const o = readOptions<FinishPortfolioOptions<M>>(fn, options, FINISH_PORTFOLIO_OPTIONS_KEYS);
  const summary = summaryIn(fn, query, rows);
  return finishIn(fn, query.portfolio, summary, o);
}
