import type { SqlSummarySpec } from "../../core/metric";
import type { Dialect } from "../compile";
import { sqlNumber } from "../rows";

/**
 * One aggregate of a pushed-down summary: its alias (the metric's prefix and a name, `m0_c1`) and
 * its SQL expression. `toSql` casts the expression to double precision and quotes the alias:
 * `CAST(expr AS DOUBLE) AS "m0_c1"`.
 * @internal
 */
export interface SqlAggregate {
  alias: string;
  expr: string;
}

/**
 * What a kind's `write` is told about the metric it writes: the dialect, the metric's quoted
 * columns, how to name and cast its aggregates.
 * @internal
 */
export interface SqlWriteContext {
  /** Function named in errors (`"toSql"`). */
  fn: string;
  /** The metric's key in the portfolio, named in errors. */
  key: string;
  dialect: Dialect;
  /** The metric's column, quoted for the dialect. */
  column: string;
  /** The weight column quoted for the dialect, or `null` when the metric is not weighted. */
  weight: string | null;
  /** The alias of the metric's aggregate `name`: the metric's prefix and the name (`m0_` + `c1`). */
  alias(name: string): string;
  /** `CAST(expr AS <double precision type of the dialect>)`. */
  double(expr: string): string;
}

/**
 * What a kind's `read` is told about the result row it reads.
 * @internal
 */
export interface SqlReadContext {
  /** Function named in errors (`"fromSqlRows"`). */
  fn: string;
  /** The metric's key in the portfolio, named in errors. */
  key: string;
  /** Index of the result row, carried by errors. */
  r: number;
  /** The alias of the metric's aggregate `name`, as `write` named it. */
  alias(name: string): string;
  /** Whether the query has the metric's aggregate `name` (a weighted metric has `wsq`). */
  has(name: string): boolean;
  /** The row's segment values and period for messages (` (channel web, 2024-01)`), or `""`. */
  where: string;
}

/**
 * The SQL push-down of one {@link SqlSummarySpec} kind, in one place: `write` gives the aggregates
 * `toSql` selects for a metric of that kind, `read` turns them, in one result row, back into the
 * metric's summary. `read` need not check the summary: `summaryFromSqlRows` passes it through the
 * metric's own merge, which checks its shape and consistency (`INVALID_SUMMARY`).
 * @internal
 */
export interface SqlKind<S extends SqlSummarySpec = SqlSummarySpec> {
  readonly kind: S["kind"];
  /** The aggregates of a metric of this kind, in SELECT order. */
  write(spec: S, context: SqlWriteContext): SqlAggregate[];
  /** The metric's summary from one result row (numbers read with `sqlNumber`). */
  read(row: Record<string, unknown>, spec: S, context: SqlReadContext): unknown;
}

/**
 * The number in the metric's aggregate `name` of a result row (see `sqlNumber`).
 * @internal
 * @example
 * ```ts
 * aggregateOf({ m0_n: 4n }, { fn: "f", r: 0, alias: (n) => `m0_${n}` })("n"); //=> 4
 * ```
 */
export function aggregateOf(row: Record<string, unknown>, context: Pick<SqlReadContext, "fn" | "r" | "alias">): (name: string) => number {
  return (name) => sqlNumber(context.fn, row, context.alias(name), context.r);
}

/**
 * The aggregate counting a metric's missing values (NULL): `missing`, the first of every kind.
 * @internal
 * @example
 * ```ts
 * missingAggregate({ column: '"x"', alias: (n) => `m0_${n}` }).expr; //=> 'SUM(CASE WHEN "x" IS NULL THEN 1 ELSE 0 END)'
 * ```
 */
export function missingAggregate(context: Pick<SqlWriteContext, "column" | "alias">): SqlAggregate {
  return { alias: context.alias("missing"), expr: `SUM(CASE WHEN ${context.column} IS NULL THEN 1 ELSE 0 END)` };
}
