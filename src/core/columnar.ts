// The columnar read of a metric: which columns it reads and how it summarizes them as arrays, so a
// reader that holds a file's columns as typed arrays (cx-metrics/node) can feed the metric's summary
// in batch, without a row object. Set by the built-in metrics when their accessors are fields.
import { fieldOf } from "./field";
import type { Metric } from "./metric";

/**
 * How a metric summarizes its columns: `value` (and `weights`) name fields of the rows, and
 * `summarize(values, weights)` gives the same summary as the metric's `summarize` on rows whose
 * fields hold those values (`null` = missing). `accepts` says which column types read the same as
 * the rows would: `"number"` for numeric columns only, `"boolean"` for boolean or numeric columns
 * (a boolean is read as 1/0).
 * @internal
 */
export interface ColumnarRead<S = unknown> {
  readonly value: string;
  readonly weights: string | undefined;
  readonly accepts: "number" | "boolean";
  summarize(values: ArrayLike<number | null>, weights: ArrayLike<number | null> | undefined): S;
}

const READS: WeakMap<object, ColumnarRead> = /* @__PURE__ */ new WeakMap();

/**
 * Record the columnar read of a metric (returns the metric).
 * @internal
 * @example
 * ```ts
 * const m = {};
 * withColumnarRead(m, { value: "x", weights: undefined, accepts: "number", summarize: (v) => v.length }) === m; //=> true
 * ```
 */
export function withColumnarRead<M extends object>(metric: M, read: ColumnarRead): M {
  READS.set(metric, read);
  return metric;
}

/**
 * The columnar read of a metric, or `undefined` (the metric reads rows only).
 * @internal
 * @example
 * ```ts
 * columnarRead({}); //=> undefined
 * ```
 */
export function columnarRead(metric: Metric | object): ColumnarRead | undefined {
  return READS.get(metric);
}

/**
 * A batch of rows held as columns: numeric columns as `Float64Array` (NaN = missing; a boolean as
 * 1/0), text columns as codes into a dictionary (−1 = missing).
 * @internal
 */
export interface ColumnBatch {
  readonly length: number;
  readonly numbers: ReadonlyMap<string, Float64Array>;
  readonly texts: ReadonlyMap<string, TextColumn>;
}

/** A text column: the code of each row (−1 = missing) and the distinct values. @internal */
export interface TextColumn {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/**
 * The fields of a metric's value and weights accessors when both are {@link field} accessors (or
 * there are no weights), else `undefined`: the metric can then be read from columns.
 * @internal
 * @example
 * ```ts
 * import { field } from "cx-metrics";
 * columnarFields(field("score"), undefined); //=> { value: "score", weights: undefined }
 * columnarFields((r) => r.score, undefined); //=> undefined
 * ```
 */
export function columnarFields(value: unknown, weights: unknown): { value: string; weights: string | undefined } | undefined {
  const v = fieldOf(value);
  const w = weights === undefined ? undefined : fieldOf(weights);
  return v === undefined || (weights !== undefined && w === undefined) ? undefined : { value: v, weights: w };
}
