import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions } from "../core/input";
import type { PearsonSummary } from "../relate/pearson";
import { type Dialect, DOUBLE, quoteIdent, readColumns, TEXT, tableSql } from "./compile";
import { sqlCount, sqlNumber, sqlRow, sqlRows } from "./rows";

const PEARSON_TO_SQL_OPTIONS_KEYS = /* @__PURE__ */ keysOf<PearsonToSqlOptions>()("table", "x", "y", "segmentBy", "dialect");

/**
 * Options of {@link pearsonToSql}.
 * @category SQL
 */
export interface PearsonToSqlOptions {
  /** A table name, name parts, or `{ expression }` you trust. */
  table: string | readonly string[] | { expression: string };
  x: string;
  y: string;
  /** Compute one summary per value of these columns. */
  segmentBy?: string | readonly string[];
  dialect?: Dialect;
}

/**
 * A compiled co-moment query (see {@link pearsonToSql}).
 * @category SQL
 */
export interface PearsonQuery {
  sql: string;
  dialect: Dialect;
  segmentBy: string[];
}

/**
 * Compile the co-moments of two columns (the mergeable {@link index!PearsonSummary} behind
 * {@link index!pearson}) into SQL aggregates, per segment: over the rows where both are present,
 * n = COUNT, the means AVG, M2 = VAR_SAMP·(n − 1) for each column and C = COVAR_SAMP·(n − 1).
 * {@link pearsonFromSqlRows} gives the summaries; {@link index!pearsonFromSummary} the correlation,
 * interval and p-value.
 *
 * @param options - {@link PearsonToSqlOptions}.
 * @returns The {@link PearsonQuery}.
 * @throws {@link index!CxMetricsError} `INVALID_OPTION` for bad names or options.
 * @example
 * ```ts
 * import { pearsonToSql } from "cx-metrics/sql";
 * pearsonToSql({ table: "months", x: "nps", y: "growth" }).sql.includes('COVAR_SAMP'); //=> true
 * ```
 * @category SQL
 */
export function pearsonToSql(options: PearsonToSqlOptions): PearsonQuery {
  const fn = "pearsonToSql";
  const o = readOptions<PearsonToSqlOptions>(fn, options, PEARSON_TO_SQL_OPTIONS_KEYS);
  const d = readChoice(fn, "dialect", o.dialect, ["duckdb", "postgres", "bigquery", "snowflake", "spark"], "duckdb");
  const q = (n: unknown) => quoteIdent(fn, n, d);
  const table = tableSql(fn, o.table, d);
  const segmentBy = readColumns(fn, "segmentBy", o.segmentBy);
  const dbl = DOUBLE[d];
  const text = TEXT[d];
  const x = `CAST(${q(o.x)} AS ${dbl})`;
  const y = `CAST(${q(o.y)} AS ${dbl})`;
  const c = (e: string) => `CAST(${e} AS ${dbl})`;
  const select = [
    ...segmentBy.map((s, i) => `CAST(${q(s)} AS ${text}) AS ${q(`s${i}`)}`),
    `${c("COUNT(*)")} AS ${q("n")}`,
    `${c(`AVG(${x})`)} AS ${q("mean_x")}`,
    `${c(`AVG(${y})`)} AS ${q("mean_y")}`,
    `${c(`VAR_SAMP(${x})`)} AS ${q("var_x")}`,
    `${c(`VAR_SAMP(${y})`)} AS ${q("var_y")}`,
    `${c(`COVAR_SAMP(${x}, ${y})`)} AS ${q("cov_xy")}`,
  ];
  const where = ` WHERE ${q(o.x)} IS NOT NULL AND ${q(o.y)} IS NOT NULL`;
  const groupBy = segmentBy.length === 0 ? "" : ` GROUP BY ${segmentBy.map((_, i) => i + 1).join(", ")}`;
  return { sql: `SELECT ${select.join(", ")} FROM ${table}${where}${groupBy}`, dialect: d, segmentBy };
}

/**
 * The {@link index!PearsonSummary} of each result row of a {@link pearsonToSql} query, with its
 * segment values.
 *
 * @param query - From {@link pearsonToSql}.
 * @param rows - The result rows.
 * @returns `{ segment, summary }` per row.
 * @throws {@link index!CxMetricsError} `INVALID_INPUT` for rows that are not a list of objects, a
 * malformed row (a count `n` that is not a whole number >= 0, a negative variance, a bigint that a
 * double does not hold exactly); `NON_FINITE` when (n − 1)·variance overflows a double (a variance
 * near 1e308: rescale the column); `INVALID_OPTION` for something that is not a query.
 * @example
 * ```ts
 * import { pearsonFromSummary } from "cx-metrics";
 * import { pearsonFromSqlRows, pearsonToSql } from "cx-metrics/sql";
 * const q = pearsonToSql({ table: "t", x: "x", y: "y" });
 * // rows for x = 1, 2, 3 and y = 2, 4, 7
 * const [{ summary }] = pearsonFromSqlRows(q, [{ n: 3, mean_x: 2, mean_y: 13 / 3, var_x: 1, var_y: 19 / 3, cov_xy: 2.5 }]);
 * summary.cxy; //=> 5
 * pearsonFromSummary(summary).r; //=> ~0.9934
 * ```
 * @category SQL
 */
export function pearsonFromSqlRows(query: PearsonQuery, rows: ArrayLike<Record<string, unknown>>): { segment: Record<string, string>; summary: PearsonSummary }[] {
  const fn = "pearsonFromSqlRows";
  if (query === null || typeof query !== "object" || !Array.isArray(query.segmentBy)) fail(fn, "INVALID_OPTION", `expected a query from pearsonToSql, got ${describe(query)}`);
  if (!query.segmentBy.every((c) => typeof c === "string")) fail(fn, "INVALID_OPTION", `expected query.segmentBy to be a list of column names, got ${describe(query.segmentBy)}`);
  const list = sqlRows(fn, rows);
  const out: { segment: Record<string, string>; summary: PearsonSummary }[] = [];
  for (let r = 0; r < list.length; r++) {
    const row = sqlRow(fn, list, r);
    // with n < 2 the sample (co)variances are NULL: the sums of squares are 0
    const num = (k: string, nullAs?: number): number => (row[k] === null && nullAs !== undefined ? nullAs : sqlNumber(fn, row, k, r));
    const segment: Record<string, string> = {};
    Array.from(query.segmentBy).forEach((s, i) => {
      const v = row[`s${i}`];
      if (typeof v !== "string") fail(fn, "INVALID_INPUT", `expected segment "${s}" in result row ${r} to be text, got ${describe(v)}`, r);
      segment[s] = v;
    });
    const n = sqlCount(fn, row, "n", r);
    const k = Math.max(0, n - 1);
    // the sums of squares and co-moment: (n − 1)·VAR_SAMP, (n − 1)·COVAR_SAMP
    const sum = (col: string): number => {
      const v = num(col, 0);
      if (col !== "cov_xy" && v < 0) fail(fn, "INVALID_INPUT", `expected a variance >= 0 in column "${col}" of result row ${r}, got ${describe(row[col])}`, r);
      const m = v * k;
      if (!Number.isFinite(m)) fail(fn, "NON_FINITE", `(n − 1)·${col} of result row ${r} overflows a double (n = ${n}, ${col} = ${v}): rescale the column in the query (divide it by a power of 10)`, r);
      return m;
    };
    out.push({ segment, summary: { kind: "pearson", n, meanX: n > 0 ? num("mean_x") : 0, meanY: n > 0 ? num("mean_y") : 0, m2x: sum("var_x"), m2y: sum("var_y"), cxy: sum("cov_xy") } });
  }
  return out;
}
