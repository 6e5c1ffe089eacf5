// Field accessors: `field("score")` reads `row.score` and is known by its name, so the file readers
// of cx-metrics/node can read that one column straight into a typed array (the columnar path) and
// `toSql` can push the metric down without a separate `column` option.
import { fail } from "./errors";
import { describe } from "./input";

const FIELDS: WeakMap<object, string> = /* @__PURE__ */ new WeakMap();

/**
 * An accessor that reads one field of a row by name: `field("score")` is `(row) => row.score`, and
 * is known by that name. Metrics built with field accessors (`npsMetric({ score: field("score") })`,
 * and every metric of {@link portfolioFromConfig}) are read by the file readers of
 * `cx-metrics/node` straight from the file's column into a typed array, with no object per row.
 *
 * Definition: field(name)(row) = row[name]; a row without the field gives `undefined` (no answer).
 * Source: the field definitions of Vega-Lite (`{ field: "score" }`) and Arquero's column names.
 *
 * @param name - The field (a non-empty string; `"__proto__"` is refused).
 * @returns The accessor `(row) => row[name]`.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a name that is not a non-empty string.
 * @example
 * ```ts
 * import { field } from "cx-metrics";
 * field("score")({ score: 9 }); //=> 9
 * field(""); // throws INVALID_OPTION
 * ```
 * @category Core
 */
/* @__NO_SIDE_EFFECTS__ */
export function field<V = any>(name: string): (row: any, index?: number) => V {
  if (typeof name !== "string" || name === "" || name === "__proto__") fail("field", "INVALID_OPTION", `expected a field name (a non-empty string other than "__proto__"), got ${describe(name)}`);
  const read = (row: any): V => row[name];
  FIELDS.set(read, name);
  return read;
}

/**
 * The field name of an accessor made by {@link field}, or `undefined` for any other function.
 * @internal
 * @example
 * ```ts
 * [fieldOf(field("score")), fieldOf((r) => r.score)]; //=> ["score", undefined]
 * ```
 */
export function fieldOf(accessor: unknown): string | undefined {
  return typeof accessor === "function" ? FIELDS.get(accessor) : undefined;
}
