import type { SqlSummarySpec } from "../../core/metric";
import { aggregateOf, missingAggregate, type SqlKind } from "./kind";

/**
 * The SQL push-down of mean metrics (`sql.kind` `"moments"`). Aggregates: `missing`, then `n` =
 * COUNT, `mean` = AVG, `var` = VAR_SAMP, `min` = MIN and `max` = MAX of the column cast to double
 * precision. Read back into a moments summary with m2 = VAR_SAMP·(n − 1) (0 below two values; the
 * mean 0 and min/max ±Infinity without a value, as the empty summary has them).
 * @internal
 * @example
 * ```ts
 * const spec = { kind: "moments", invalid: "throw" };
 * const context = { fn: "f", key: "x", dialect: "duckdb", column: '"x"', weight: null, alias: (n) => `m0_${n}`, double: (e) => `CAST(${e} AS DOUBLE)` };
 * momentsSql.write(spec, context)[2].expr; //=> 'AVG(CAST("x" AS DOUBLE))'
 * const row = { m0_missing: 0, m0_n: 3, m0_mean: 2, m0_var: 1, m0_min: 1, m0_max: 3 };
 * momentsSql.read(row, spec, { fn: "f", key: "x", r: 0, alias: (n) => `m0_${n}`, has: () => false, where: "" }).m2; //=> 2
 * ```
 */
export const momentsSql: SqlKind<Extract<SqlSummarySpec, { kind: "moments" }>> = {
  kind: "moments",
  write(_spec, context) {
    const { column: c, alias, double } = context;
    return [
      missingAggregate(context),
      { alias: alias("n"), expr: `COUNT(${c})` },
      { alias: alias("mean"), expr: `AVG(${double(c)})` },
      { alias: alias("var"), expr: `VAR_SAMP(${double(c)})` },
      { alias: alias("min"), expr: `MIN(${double(c)})` },
      { alias: alias("max"), expr: `MAX(${double(c)})` },
    ];
  },
  read(row, _spec, context) {
    const get = aggregateOf(row, context);
    const missing = get("missing");
    const n = get("n");
    return { kind: "moments", n, mean: n > 0 ? get("mean") : 0, m2: n > 1 ? get("var") * (n - 1) : 0, min: n > 0 ? get("min") : Infinity, max: n > 0 ? get("max") : -Infinity, skipped: missing, invalid: 0 };
  },
};
