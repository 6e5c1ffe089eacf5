import { fail } from "../../core/errors";
import type { SqlSummarySpec } from "../../core/metric";
import type { SqlKind } from "./kind";
import { countAggregates, readScaleHead, scaleHead } from "./scale";

/**
 * The SQL push-down of score distributions (`sql.kind` `"distribution"`: CSAT, CES, proportion and
 * churn metrics). Aggregates: `missing`, `invalid`, `wsq` when weighted (see `scaleHead`), then
 * per scale point v the count `c<v − min>` and, when weighted, the weight sum `w<v − min>` (a
 * boolean column: FALSE is point 0, TRUE point 1). Read back into a score distribution summary of
 * kind `summaryKind` (weights = counts when unweighted).
 * @internal
 * @throws {@link index!CxMetricsError} `INVALID_OPTION` (write) for a scale of more than 101 points.
 * @example
 * ```ts
 * const spec = { kind: "distribution", summaryKind: "csat", scale: { min: 0, max: 1 }, boolean: true, weighted: false, invalid: "throw" };
 * const context = { fn: "f", key: "fcr", dialect: "duckdb", column: '"b"', weight: null, alias: (n) => `m0_${n}`, double: (e) => e };
 * distributionSql.write(spec, context).at(-1).expr; //=> 'SUM(CASE WHEN "b" = TRUE THEN 1 ELSE 0 END)'
 * const row = { m0_missing: 0, m0_invalid: 0, m0_c0: 3, m0_c1: 1 };
 * distributionSql.read(row, spec, { fn: "f", key: "fcr", r: 0, alias: (n) => `m0_${n}`, has: () => false, where: "" }).counts; //=> [3, 1]
 * ```
 */
export const distributionSql: SqlKind<Extract<SqlSummarySpec, { kind: "distribution" }>> = {
  kind: "distribution",
  write(spec, context) {
    const { column: c } = context;
    const { min, max } = spec.scale;
    const { valid, aggregates } = scaleHead(spec.scale, spec.boolean, context);
    if (max - min > 100) fail(context.fn, "INVALID_OPTION", `metric "${context.key}" has ${max - min + 1} scale points: at most 101 can be pushed down`);
    for (let v = min; v <= max; v++) {
      const cond = spec.boolean ? `${c} = ${v === 1 ? "TRUE" : "FALSE"}` : `${valid} AND ${c} = ${v}`;
      aggregates.push(...countAggregates(v - min, cond, context));
    }
    return aggregates;
  },
  read(row, spec, context) {
    const { get, missing, invalid, weighted } = readScaleHead(row, spec, context);
    const size = spec.scale.max - spec.scale.min + 1;
    const counts = Array.from({ length: size }, (_, k) => get(`c${k}`));
    const weights = weighted ? Array.from({ length: size }, (_, k) => get(`w${k}`)) : counts;
    const n = counts.reduce((a, b) => a + b, 0);
    return { kind: spec.summaryKind, scale: spec.scale, n, counts, weights, weightSquares: weighted ? get("wsq") : n, skipped: missing, invalid };
  },
};
