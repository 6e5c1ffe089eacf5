import { fail } from "../../core/errors";
import { aggregateOf, missingAggregate, type SqlAggregate, type SqlReadContext, type SqlWriteContext } from "./kind";

/**
 * The common head of a scale kind (NPS, CSAT/CES distributions): `missing`; `invalid`, the values
 * off the scale or fractional (0 for a boolean column, where any non-NULL value is valid); and,
 * when weighted, `wsq`, the sum of the squared weights of the valid values. Returns them with
 * `valid`, the condition of a valid value, for the kind's own counts.
 * @internal
 * @example
 * ```ts
 * scaleHead({ min: 0, max: 10 }, false, { column: '"s"', weight: null, alias: (n) => `m0_${n}` }).valid; //=> '("s" >= 0 AND "s" <= 10 AND "s" = FLOOR("s"))'
 * ```
 */
export function scaleHead(scale: { min: number; max: number }, boolean: boolean, context: Pick<SqlWriteContext, "column" | "weight" | "alias">): { valid: string; aggregates: SqlAggregate[] } {
  const { column: c, weight: w, alias } = context;
  const valid = boolean ? `${c} IS NOT NULL` : `(${c} >= ${scale.min} AND ${c} <= ${scale.max} AND ${c} = FLOOR(${c}))`;
  const aggregates = [missingAggregate(context), { alias: alias("invalid"), expr: boolean ? "0" : `SUM(CASE WHEN ${c} IS NOT NULL AND NOT ${valid} THEN 1 ELSE 0 END)` }];
  if (w !== null) aggregates.push({ alias: alias("wsq"), expr: `SUM(CASE WHEN ${valid} THEN ${w} * ${w} ELSE 0 END)` });
  return { valid, aggregates };
}

/**
 * The count `c<k>` of the rows meeting `cond` and, when weighted, their weight sum `w<k>`.
 * @internal
 * @example
 * ```ts
 * countAggregates(0, '"s" < 7', { weight: '"w"', alias: (n) => `m0_${n}` }).map((a) => a.alias); //=> ["m0_c0", "m0_w0"]
 * ```
 */
export function countAggregates(k: number, cond: string, context: Pick<SqlWriteContext, "weight" | "alias">): SqlAggregate[] {
  const count = { alias: context.alias(`c${k}`), expr: `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)` };
  return context.weight === null ? [count] : [count, { alias: context.alias(`w${k}`), expr: `SUM(CASE WHEN ${cond} THEN ${context.weight} ELSE 0 END)` }];
}

/**
 * Read the common head of a scale kind from a result row: the missing and invalid counts and
 * whether the query is weighted (has `wsq`). Invalid values are refused unless the metric skips
 * them: the database counted them but cannot say which rows they are.
 * @internal
 * @throws {@link index!CxMetricsError} `OUT_OF_RANGE` for invalid values of a metric that does not
 * skip them; `INVALID_INPUT` for a non-numeric aggregate.
 * @example
 * ```ts
 * const context = { fn: "f", key: "nps", r: 0, alias: (n) => `m0_${n}`, has: () => false, where: "" };
 * readScaleHead({ m0_missing: 2, m0_invalid: 0 }, { invalid: "throw", scale: { min: 0, max: 10 } }, context).missing; //=> 2
 * readScaleHead({ m0_missing: 0, m0_invalid: 1 }, { invalid: "throw", scale: { min: 0, max: 10 } }, context); // throws OUT_OF_RANGE
 * ```
 */
export function readScaleHead(row: Record<string, unknown>, spec: { invalid: "throw" | "skip"; scale: { min: number; max: number } }, context: SqlReadContext): { get: (name: string) => number; missing: number; invalid: number; weighted: boolean } {
  const get = aggregateOf(row, context);
  const missing = get("missing");
  const invalid = get("invalid");
  if (invalid > 0 && spec.invalid === "throw") {
    fail(context.fn, "OUT_OF_RANGE", `metric "${context.key}": ${invalid} row(s)${context.where} have a value off the scale ${spec.scale.min}–${spec.scale.max} or not a whole number; the database cannot say which (find them with a WHERE clause), or build the metric with invalid: "skip"`);
  }
  return { get, missing, invalid, weighted: context.has("wsq") };
}
