// The composite index of a portfolio report: its options checked, the min–max normalization, and
// the weighted mean of the normalized values of a cell.
import { fail } from "../core/errors";
import { describe } from "../core/input";
import type { Direction, Metric } from "../core/metric";
import type { MetricRecord } from "./portfolio";
import type { MetricCell } from "./report";

/**
 * A composite index: weights per metric and, for metrics without a natural range, the range that
 * maps to 0–100.
 * @category Portfolio
 */
export interface CompositeOptions<M extends MetricRecord> {
  /** Non-negative weights; they need not sum to 1 (they are divided by their sum), but to more than 0. */
  weights: { readonly [K in keyof M]?: number };
  /** [worst-or-best-low, high] per metric, overriding the metric's own `range`. */
  ranges?: { readonly [K in keyof M]?: readonly [number, number] };
}

/**
 * The checked composite options: the positive weights divided by their sum, and the range of every
 * metric that has one (given, else the metric's own).
 * @internal
 */
export interface Composite {
  weights: Map<string, number>;
  ranges: Map<string, readonly [number, number]>;
}

/**
 * Read and check the `composite` option of a report.
 * @internal
 * @param fn - Function named in errors.
 * @param c - The option as given (`undefined`: no composite index).
 * @param keys - The portfolio's metric keys.
 * @param metrics - The portfolio's metrics by key (for their natural `range`).
 * @returns The {@link Composite}, or `null` without the option.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for weights of unknown metrics, weights that are
 * negative or do not sum to a positive number, a malformed range, or a weighted metric without a
 * range.
 * @example
 * ```ts
 * const metrics = { a: { range: [0, 100] }, b: { range: [0, 100] } };
 * readComposite("f", { weights: { a: 3, b: 1 } }, ["a", "b"], metrics).weights.get("a"); //=> 0.75
 * readComposite("f", { weights: { a: 0 } }, ["a", "b"], metrics); // throws INVALID_OPTION (the weights sum to 0)
 * ```
 */
export function readComposite(fn: string, c: unknown, keys: readonly string[], metrics: Record<string, Metric>): Composite | null {
  if (c === undefined) return null;
  if (c === null || typeof c !== "object") fail(fn, "INVALID_OPTION", `expected composite to be { weights, ranges? }, got ${describe(c)}`);
  const { weights, ranges } = c as { weights?: unknown; ranges?: unknown };
  if (weights === null || typeof weights !== "object") fail(fn, "INVALID_OPTION", `expected composite weights by metric key, got ${describe(weights)}`);
  const w = new Map<string, number>();
  let total = 0;
  for (const [k, v] of Object.entries(weights as Record<string, unknown>)) {
    if (!keys.includes(k)) fail(fn, "INVALID_OPTION", `expected composite weights for metrics of the portfolio (${keys.join(", ")}), got unknown metric "${k}"`);
    if (typeof v !== "number" || !(v >= 0) || v === Infinity) fail(fn, "INVALID_OPTION", `expected the composite weight of "${k}" to be a finite number >= 0, got ${describe(v)}`);
    if (v > 0) w.set(k, v);
    total += v;
  }
  if (!(total > 0)) fail(fn, "INVALID_OPTION", `expected composite weights that sum to a positive number, got a sum of ${total}`);
  for (const [k, v] of w) w.set(k, v / total);
  const r = new Map<string, readonly [number, number]>();
  if (ranges !== undefined) {
    if (ranges === null || typeof ranges !== "object") fail(fn, "INVALID_OPTION", `expected composite ranges by metric key, got ${describe(ranges)}`);
    for (const [k, v] of Object.entries(ranges as Record<string, unknown>)) {
      if (!keys.includes(k)) fail(fn, "INVALID_OPTION", `expected composite ranges for metrics of the portfolio, got unknown metric "${k}"`);
      if (!Array.isArray(v) || v.length !== 2 || !Number.isFinite(v[0]) || !Number.isFinite(v[1]) || !(v[0] < v[1])) fail(fn, "INVALID_OPTION", `expected the composite range of "${k}" to be [low, high] with low < high, got ${describe(v)}`);
      r.set(k, [v[0], v[1]]);
    }
  }
  for (const k of keys) if (!r.has(k) && metrics[k]!.range !== undefined) r.set(k, metrics[k]!.range!);
  for (const k of w.keys()) if (!r.has(k)) fail(fn, "INVALID_OPTION", `expected a composite range for "${k}": the metric has no natural range (give composite.ranges.${k} = [low, high])`);
  return { weights: w, ranges: r };
}

/**
 * A value on the 0–100 scale of the composite index: min–max normalized, flipped when lower is
 * better, clamped.
 * @internal
 * @example
 * ```ts
 * normalize(30, [-100, 100], "higher-is-better"); //=> 65
 * ```
 */
export function normalize(value: number, range: readonly [number, number], direction: Direction): number {
  const [lo, hi] = range;
  const x = direction === "higher-is-better" ? (100 * (value - lo)) / (hi - lo) : (100 * (hi - value)) / (hi - lo);
  return Math.min(100, Math.max(0, x));
}

/**
 * The composite index of a cell (OECD/JRC Handbook on Constructing Composite Indicators, 2008):
 * the weighted mean of the metrics' {@link normalize}d values, Σ wₖ·normalize(vₖ).
 * @internal
 * @param c - From {@link readComposite}.
 * @param cell - The cell's metric cells by key.
 * @param metrics - The portfolio's metrics by key (for their direction).
 * @returns The index on 0–100, or `null` when a weighted metric has no value.
 * @example
 * ```ts
 * const c = { weights: new Map([["a", 0.5], ["b", 0.5]]), ranges: new Map([["a", [0, 10]], ["b", [0, 10]]]) };
 * const metrics = { a: { direction: "higher-is-better" }, b: { direction: "lower-is-better" } };
 * compositeOf(c, { a: { value: 8 }, b: { value: 4 } }, metrics); //=> 70
 * compositeOf(c, { a: { value: 8 }, b: { value: null } }, metrics); //=> null
 * ```
 */
export function compositeOf(c: Composite, cell: Record<string, MetricCell<unknown>>, metrics: Record<string, Metric>): number | null {
  let sum = 0;
  for (const [k, w] of c.weights) {
    const v = cell[k]!.value;
    if (v === null) return null;
    sum += w * normalize(v, c.ranges.get(k)!, metrics[k]!.direction);
  }
  return sum;
}
