import { fail } from "../core/errors";
import { field } from "../core/field";
import { describe, readOptions } from "../core/input";
import type { Metric } from "../core/metric";
import { cesMetric } from "../survey/ces-metric";
import { csatMetric } from "../survey/csat-metric";
import { npsMetric } from "../survey/nps-metric";
import { meanMetric } from "./mean-metric";
import { churnMetric, proportionMetric } from "./proportion-metric";
import { definePortfolio, type Portfolio } from "./portfolio";

/**
 * A metric described in JSON, reading one column: `{ "type": "nps", "column": "score" }`. Other
 * fields are the options of the built-in metric (`weights` names a column too).
 * @category Portfolio
 */
export interface MetricConfig {
  type: "nps" | "csat" | "ces" | "proportion" | "churn" | "mean";
  /** The column read by the metric (for proportion and churn: a boolean column). */
  column: string;
  /** Column of survey weights (nps, csat, ces). */
  weights?: string;
  /** @deprecated Since 0.x: use `weights` (the same column name); removed in the next minor version. Both at once is an `INVALID_OPTION`. */
  weight?: string;
  id?: string;
  label?: string;
  unit?: string;
  direction?: "higher-is-better" | "lower-is-better";
  confidence?: number;
  invalid?: "throw" | "skip";
  method?: "wald" | "adjusted-wald" | "tango";
  scale?: { min: number; max: number; passiveMin?: number; promoterMin?: number };
  satisfiedMin?: number;
  version?: "2.0" | "1.0";
  range?: [number, number];
}

const TYPES = ["nps", "csat", "ces", "proportion", "churn", "mean"] as const;

/**
 * Build a portfolio from a JSON description, one column per metric: what the command-line tool and
 * configuration files use.
 *
 * @param metrics - Metric descriptions by key ({@link MetricConfig}).
 * @returns The portfolio; each metric reads `row[column]`.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for an unknown type, a missing column, a "__proto__" key, both
 * `weights` and its deprecated name `weight`, or a bad option of the metric.
 * @example
 * ```ts
 * import { evaluatePortfolio, portfolioFromConfig } from "cx-metrics";
 * const p = portfolioFromConfig({ nps: { type: "nps", column: "score" }, fcr: { type: "proportion", column: "solved", label: "FCR" } });
 * evaluatePortfolio(p, [{ score: 9, solved: true }, { score: 3, solved: false }]).cells[0].metrics.fcr.value; //=> 50
 * const w = portfolioFromConfig({ nps: { type: "nps", column: "score", weights: "w" } });
 * evaluatePortfolio(w, [{ score: 9, w: 3 }, { score: 3, w: 1 }]).cells[0].metrics.nps.value; //=> 50
 * portfolioFromConfig({ nps: { type: "nps", column: "score", weights: "w", weight: "w" } }); // throws INVALID_OPTION
 * ```
 * @category Portfolio
 */
export function portfolioFromConfig(metrics: Readonly<Record<string, MetricConfig>>): Portfolio<Record<string, Metric>> {
  const fn = "portfolioFromConfig";
  const m = readOptions<Record<string, MetricConfig>>(fn, metrics);
  const out: Record<string, Metric> = {};
  for (const [key, raw] of Object.entries(m)) {
    // JSON.parse makes "__proto__" an own key; assigning it would set the prototype and drop the metric
    if (key === "__proto__") fail(fn, "INVALID_OPTION", 'expected metric keys other than "__proto__" (it cannot be a key of the portfolio)');
    const c = raw as MetricConfig;
    if (c === null || typeof c !== "object") fail(fn, "INVALID_OPTION", `expected metric "${key}" to be { type, column, ... }, got ${describe(raw)}`);
    if (!(TYPES as readonly string[]).includes(c.type)) fail(fn, "INVALID_OPTION", `expected the type of metric "${key}" to be one of ${TYPES.join(", ")}, got ${describe(c.type)}`);
    if (typeof c.column !== "string" || c.column === "") fail(fn, "INVALID_OPTION", `expected metric "${key}" to name its column, got ${describe(c.column)}`);
    const weightColumn = configWeights(fn, key, c);
    const col = c.column;
    // field accessors: the file readers of cx-metrics/node read these columns straight into typed arrays
    const read = field<number | null | undefined>(col);
    const weights = weightColumn === undefined ? undefined : field<number>(weightColumn);
    const id = c.id ?? key;
    const common = { id, label: c.label, confidence: c.confidence, invalid: c.invalid, column: col, weightColumn };
    switch (c.type) {
      case "nps":
        out[key] = npsMetric({ ...common, score: read, weights, method: c.method, scale: c.scale as never });
        break;
      case "csat":
        out[key] = csatMetric({ ...common, score: read, weights, scale: c.scale, satisfiedMin: c.satisfiedMin });
        break;
      case "ces":
        out[key] = cesMetric({ ...common, score: read, weights, version: c.version });
        break;
      case "proportion":
        out[key] = proportionMetric({ ...common, label: c.label ?? key, success: field<boolean | null>(col), direction: c.direction });
        break;
      case "churn":
        out[key] = churnMetric({ ...common, churned: field<boolean | null>(col) });
        break;
      default:
        out[key] = meanMetric({ ...common, label: c.label ?? key, value: read, unit: c.unit, direction: c.direction, range: c.range });
    }
  }
  return definePortfolio(out);
}

/**
 * The weight column of a metric's config: `weights`, or its deprecated name `weight`; both at once
 * is refused, as is a value that is not a column name.
 * @internal
 * @example
 * ```ts
 * configWeights("portfolioFromConfig", "nps", { type: "nps", column: "score", weight: "w" }); //=> "w"
 * configWeights("portfolioFromConfig", "nps", { type: "nps", column: "score", weights: 2 }); // throws INVALID_OPTION
 * ```
 */
export function configWeights(fn: string, key: string, c: MetricConfig): string | undefined {
  if (c.weights !== undefined && c.weight !== undefined) fail(fn, "INVALID_OPTION", `expected metric "${key}" to give weights or its deprecated name weight, not both`);
  const w = c.weights ?? c.weight;
  if (w !== undefined && typeof w !== "string") fail(fn, "INVALID_OPTION", `expected the weights of metric "${key}" to name a column, got ${describe(w)}`);
  return w;
}
