// Targets of a portfolio report: reading and checking them, picking the threshold of a segment,
// and the status of a value against it.
import { fail } from "../core/errors";
import { describe } from "../core/input";
import type { Direction, Metric } from "../core/metric";
import type { MetricRecord } from "./portfolio";

/**
 * A target and an optional warning threshold, in the metric's unit. For a higher-is-better metric
 * the value is on track at or above `target`, at risk at or above `warning`, off track below it (no
 * `warning`: off track below `target`); mirrored for lower-is-better metrics.
 * @category Portfolio
 */
export interface Threshold {
  target: number;
  warning?: number;
}

/**
 * Targets of one metric: a default, and overrides for segments (`where` names segment keys and
 * values; the override that matches the most keys wins).
 * @category Portfolio
 */
export interface MetricTarget<SegmentKey extends string = string> extends Threshold {
  segments?: readonly ({ where: Readonly<Partial<Record<SegmentKey, string>>> } & Threshold)[];
}

/**
 * Targets by metric key. An unknown metric key does not compile (and throws `INVALID_OPTION` from
 * untyped code).
 * @category Portfolio
 */
export type Targets<M extends MetricRecord, SegmentKey extends string = string> = { readonly [K in keyof M]?: MetricTarget<SegmentKey> };

/**
 * Status of a cell against its target.
 * @category Portfolio
 */
export type Status = "on-track" | "at-risk" | "off-track" | "no-data";

/**
 * The checked targets of one metric: its default threshold and the segment overrides, each with
 * the segment values it asks for.
 * @internal
 */
export interface TargetRule {
  base: Threshold;
  overrides: { where: [string, string][]; t: Threshold }[];
}

function readThreshold(fn: string, where: string, t: unknown, direction: Direction): Threshold {
  const x = t as Threshold;
  if (x === null || typeof x !== "object" || typeof x.target !== "number" || !Number.isFinite(x.target)) fail(fn, "INVALID_OPTION", `expected ${where} to have a finite target, got ${describe(t)}`);
  if (x.warning !== undefined) {
    if (typeof x.warning !== "number" || !Number.isFinite(x.warning)) fail(fn, "INVALID_OPTION", `expected the warning of ${where} to be a finite number, got ${describe(x.warning)}`);
    const ok = direction === "higher-is-better" ? x.warning <= x.target : x.warning >= x.target;
    if (!ok) fail(fn, "INVALID_OPTION", `expected the warning of ${where} ${direction === "higher-is-better" ? "at or below" : "at or above"} its target (${direction}), got target ${x.target} and warning ${x.warning}`);
  }
  return x.warning === undefined ? { target: x.target } : { target: x.target, warning: x.warning };
}

/**
 * Read and check the `targets` option of a report: a record by metric key of thresholds (a finite
 * target; a finite warning on the worse side of it for the metric's direction) with segment
 * overrides whose `where` names segment keys of the summary with string values.
 * @internal
 * @param fn - Function named in errors.
 * @param targets - The option as given (`undefined`: no targets).
 * @param keys - The portfolio's metric keys.
 * @param metrics - The portfolio's metrics by key (for their direction).
 * @param names - The segment keys of the summary.
 * @returns The {@link TargetRule} of each metric with a target.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for targets of unknown metrics or segment keys,
 * or inconsistent thresholds.
 * @example
 * ```ts
 * const metrics = { nps: { direction: "higher-is-better" } };
 * readTargets("f", { nps: { target: 30, segments: [{ where: { ch: "web" }, target: 40 }] } }, ["nps"], metrics, ["ch"]).get("nps").overrides[0].where; //=> [["ch", "web"]]
 * readTargets("f", { nps: { target: 30, warning: 40 } }, ["nps"], metrics, []); // throws INVALID_OPTION (a warning above the target)
 * ```
 */
export function readTargets(fn: string, targets: unknown, keys: readonly string[], metrics: Record<string, Metric>, names: string[]): Map<string, TargetRule> {
  const out = new Map<string, TargetRule>();
  if (targets === undefined) return out;
  if (targets === null || typeof targets !== "object" || Array.isArray(targets)) fail(fn, "INVALID_OPTION", `expected targets to be a record by metric key, got ${describe(targets)}`);
  for (const [k, t] of Object.entries(targets as Record<string, unknown>)) {
    if (!keys.includes(k)) fail(fn, "INVALID_OPTION", `expected targets for metrics of the portfolio (${keys.join(", ")}), got unknown metric "${k}"`);
    if (t === undefined) continue;
    const direction = metrics[k]!.direction;
    const base = readThreshold(fn, `the target of "${k}"`, t, direction);
    const segs = (t as MetricTarget).segments;
    const overrides: TargetRule["overrides"] = [];
    if (segs !== undefined) {
      if (!Array.isArray(segs)) fail(fn, "INVALID_OPTION", `expected the segments of the target of "${k}" to be a list, got ${describe(segs)}`);
      segs.forEach((s, i) => {
        const where = (s as { where?: unknown }).where;
        if (where === null || typeof where !== "object") fail(fn, "INVALID_OPTION", `expected segment target ${i} of "${k}" to have a where record, got ${describe(where)}`);
        const entries = Object.entries(where as Record<string, unknown>);
        if (entries.length === 0) fail(fn, "INVALID_OPTION", `expected segment target ${i} of "${k}" to name at least one segment key`);
        for (const [sk, sv] of entries) {
          if (!names.includes(sk)) fail(fn, "INVALID_OPTION", `expected segment target ${i} of "${k}" to use the segment keys (${names.length === 0 ? "none: no segmentBy" : names.join(", ")}), got unknown key "${sk}"`);
          if (typeof sv !== "string") fail(fn, "INVALID_OPTION", `expected segment value "${sk}" of target ${i} of "${k}" to be a string, got ${describe(sv)}`);
        }
        overrides.push({ where: entries as [string, string][], t: readThreshold(fn, `segment target ${i} of "${k}"`, s, direction) });
      });
    }
    out.set(k, { base, overrides });
  }
  return out;
}

/**
 * The threshold of a segment: the override that matches the most of its segment values (the later
 * one on a tie), else the metric's default target.
 * @internal
 * @param rule - From {@link readTargets}, or `undefined` for a metric without a target.
 * @param segment - Segment values by key (keys left out are summed over).
 * @returns The threshold, or `null` without a target.
 * @example
 * ```ts
 * const rule = { base: { target: 30 }, overrides: [{ where: [["ch", "web"]], t: { target: 40 } }] };
 * thresholdFor(rule, { ch: "web" }); //=> { target: 40 }
 * thresholdFor(rule, {}); //=> { target: 30 }
 * ```
 */
export function thresholdFor(rule: TargetRule | undefined, segment: Record<string, string>): Threshold | null {
  if (rule === undefined) return null;
  let best = rule.base;
  let bestKeys = 0;
  for (const o of rule.overrides) {
    if (o.where.length >= bestKeys && o.where.every(([k, v]) => segment[k] === v)) {
      best = o.t;
      bestKeys = o.where.length;
    }
  }
  return best;
}

/**
 * The status of a value against a threshold, for a direction.
 * @internal
 * @example
 * ```ts
 * statusOf(25, { target: 30, warning: 20 }, "higher-is-better"); //=> "at-risk"
 * ```
 */
export function statusOf(value: number | null, t: Threshold, direction: Direction): Status {
  if (value === null) return "no-data";
  const s = direction === "higher-is-better" ? 1 : -1;
  if (s * (value - t.target) >= 0) return "on-track";
  if (t.warning !== undefined && s * (value - t.warning) >= 0) return "at-risk";
  return "off-track";
}
