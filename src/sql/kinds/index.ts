import type { SqlSummarySpec } from "../../core/metric";
import { distributionSql } from "./distribution";
import type { SqlKind } from "./kind";
import { momentsSql } from "./moments";
import { npsSql } from "./nps";

/**
 * The SQL push-down of every {@link SqlSummarySpec} kind, by kind: what `toSql` writes for a
 * metric and how `summaryFromSqlRows` reads it back. `toSql` and `summaryFromSqlRows` dispatch
 * through this table and know no kind themselves.
 *
 * To add a kind `"k"`:
 * 1. In `src/core/metric.ts`, add its shape to the {@link SqlSummarySpec} union and have
 *    `checkSqlSpec` check every field of it (each value ends up in SQL text): its keys in
 *    `SQL_KEYS`, its kind among the accepted ones.
 * 2. Give the built-in metric(s) that it computes `sql: { kind: "k", ... }`.
 * 3. Write `src/sql/kinds/k.ts` exporting one {@link SqlKind} object `{ kind, write, read }`:
 *    `write(spec, context)` returns the aggregates in SELECT order, named `context.alias(name)`,
 *    starting with `missingAggregate(context)` (`toSql` casts each to double precision and quotes
 *    its alias); `read(row, spec, context)` returns the metric's summary from one result row,
 *    reading numbers with `aggregateOf(row, context)`. It need not validate the summary: the
 *    metric's own merge checks it (`INVALID_SUMMARY` for a malformed row).
 * 4. Add it to this table: its type, a `Record` over `SqlSummarySpec["kind"]`, does not compile
 *    until every kind has its entry.
 * 5. Test it in `test/sql/`: the expected text for each dialect, DuckDB's report against the
 *    in-memory one, malformed rows; and say it in `toSql`'s doc comment.
 * @internal
 * @example
 * ```ts
 * Object.keys(SQL_KINDS); //=> ["nps", "distribution", "moments"]
 * ```
 */
export const SQL_KINDS: { readonly [K in SqlSummarySpec["kind"]]: SqlKind<Extract<SqlSummarySpec, { kind: K }>> } = {
  nps: npsSql,
  distribution: distributionSql,
  moments: momentsSql,
};

/**
 * The {@link SqlKind} of a (checked) spec.
 * @internal
 * @example
 * ```ts
 * sqlKindOf({ kind: "moments", invalid: "skip" }).kind; //=> "moments"
 * ```
 */
export function sqlKindOf(spec: SqlSummarySpec): SqlKind {
  return SQL_KINDS[spec.kind] as SqlKind;
}
