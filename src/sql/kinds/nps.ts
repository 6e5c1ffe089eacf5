import type { SqlSummarySpec } from "../../core/metric";
import type { SqlKind } from "./kind";
import { countAggregates, readScaleHead, scaleHead } from "./scale";

/**
 * The SQL push-down of NPS metrics (`sql.kind` `"nps"`). Aggregates: `missing`, `invalid`, `wsq`
 * when weighted (see `scaleHead`), then per category k (0 detractors: a valid score below
 * `passiveMin`; 1 passives: from `passiveMin` to below `promoterMin`; 2 promoters: from
 * `promoterMin`) the count `c<k>` and, when weighted, the weight sum `w<k>`. Read back into an
 * `NpsSummary` (weights = counts when unweighted).
 * @internal
 * @example
 * ```ts
 * const spec = { kind: "nps", scale: { min: 0, max: 10, passiveMin: 7, promoterMin: 9 }, weighted: false, invalid: "throw" };
 * const context = { fn: "f", key: "nps", dialect: "duckdb", column: '"s"', weight: null, alias: (n) => `m0_${n}`, double: (e) => e };
 * npsSql.write(spec, context).map((a) => a.alias); //=> ["m0_missing", "m0_invalid", "m0_c0", "m0_c1", "m0_c2"]
 * const row = { m0_missing: 1, m0_invalid: 0, m0_c0: 1, m0_c1: 1, m0_c2: 2 };
 * npsSql.read(row, spec, { fn: "f", key: "nps", r: 0, alias: (n) => `m0_${n}`, has: () => false, where: "" }).promoters; //=> 2
 * ```
 */
export const npsSql: SqlKind<Extract<SqlSummarySpec, { kind: "nps" }>> = {
  kind: "nps",
  write(spec, context) {
    const { column: c } = context;
    const { passiveMin, promoterMin } = spec.scale;
    const { valid, aggregates } = scaleHead(spec.scale, false, context);
    const categories = [`${valid} AND ${c} < ${passiveMin}`, `${valid} AND ${c} >= ${passiveMin} AND ${c} < ${promoterMin}`, `${valid} AND ${c} >= ${promoterMin}`];
    categories.forEach((cond, k) => aggregates.push(...countAggregates(k, cond, context)));
    return aggregates;
  },
  read(row, spec, context) {
    const { get, missing, invalid, weighted } = readScaleHead(row, spec, context);
    const c = [get("c0"), get("c1"), get("c2")];
    const w = weighted ? [get("w0"), get("w1"), get("w2")] : c;
    const n = c[0]! + c[1]! + c[2]!;
    return { kind: "nps", scale: spec.scale, n, detractors: c[0], passives: c[1], promoters: c[2], detractorWeight: w[0], passiveWeight: w[1], promoterWeight: w[2], weightSquares: weighted ? get("wsq") : n, skipped: missing, invalid };
  },
};
