// The alerts of a portfolio report: the cells of the headline period that breached their target
// or moved significantly, ranked by severity and score, each with a sentence for humans.
import type { Metric } from "../core/metric";
import type { MetricRecord } from "./portfolio";
import type { Change, MetricCell, PortfolioCell } from "./report";
import type { Status } from "./targets";

/**
 * A cell that breached its target or moved significantly.
 * @category Portfolio
 */
export interface Alert {
  metric: string;
  segment: Record<string, string>;
  period: string | null;
  value: number | null;
  status: Status | null;
  change: Change | null;
  n: number;
  /** 4 off track and worse, 3 off track, 2 significantly worse or at risk, 1 significantly better. */
  severity: 1 | 2 | 3 | 4;
  /**
   * Within a severity: |change| in normalized points × (1 − p) × log10(1 + n); breach size without a
   * change. Always finite: distances are halved before they are divided (no overflow for extreme
   * targets), and a score beyond `Number.MAX_VALUE` is clamped to it.
   */
  score: number;
  /** A sentence for humans. */
  message: string;
}

const fmtP = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/**
 * The alerts of a report: for each cell of the headline period and each metric, an alert when it
 * is off track or at risk or changed significantly; by severity (4 off track and worse, 3 off
 * track, 2 significantly worse or at risk, 1 significantly better), then by score, the change in
 * normalized points (100/(hi − lo) per unit; percent of the previous value without a range) ×
 * (1 − p) × log10(1 + n) (the breach of the target in the same points without a change), clamped
 * to `Number.MAX_VALUE`.
 * @internal
 * @param cells - The report's cells.
 * @param keys - The portfolio's metric keys.
 * @param metrics - The portfolio's metrics by key.
 * @param ranges - Ranges of the composite index by metric key (else the metric's own `range`).
 * @param lastPeriod - The headline period's label, or `null` for the totals without periods.
 * @param confidence - Confidence level of the change intervals, for the messages.
 * @returns The alerts, most severe first.
 * @example
 * ```ts
 * const m = { label: "NPS", unit: "", format: (v) => v.toFixed(1) };
 * const nps = { n: 9, value: 10, display: "10.0", status: "off-track", threshold: { target: 30 }, change: null };
 * alertsOf([{ segment: {}, period: null, metrics: { nps } }], ["nps"], { nps: m }, new Map(), null, 0.95)[0].message; //=> "NPS (all segments) is 10.0; off track (target 30.0); n = 9."
 * ```
 */
export function alertsOf<M extends MetricRecord>(
  cells: PortfolioCell<M>[],
  keys: readonly string[],
  metrics: Record<string, Metric>,
  ranges: Map<string, readonly [number, number]>,
  lastPeriod: string | null,
  confidence: number,
): Alert[] {
  const out: Alert[] = [];
  for (const cell of cells) {
    if (cell.period !== lastPeriod) continue;
    for (const k of keys) {
      const mc = (cell.metrics as Record<string, MetricCell<unknown>>)[k]!;
      const m = metrics[k]!;
      const breach = mc.status === "off-track" ? 2 : mc.status === "at-risk" ? 1 : 0;
      const ch = mc.change !== null && mc.change.significant ? mc.change : null;
      if (breach === 0 && ch === null) continue;
      const worse = ch !== null && ch.improved === false;
      const severity: Alert["severity"] = breach === 2 ? (worse ? 4 : 3) : worse || breach === 1 ? 2 : 1;
      const range = ranges.get(k) ?? m.range;
      // |a − b| / 2 cannot overflow for finite a and b (halving is exact above the subnormals), so the
      // ratios below equal 100·|a − b|/(hi − lo) and 100·|a − b|/|base| without an infinite distance
      const half = (a: number, b: number) => Math.abs(a / 2 - b / 2);
      // 100·h/w, dividing first when 100·h alone would overflow
      const percent = (h: number, w: number) => (100 * h < Infinity ? (100 * h) / w : (h / w) * 100);
      const scale = (a: number, b: number, base: number) => (range !== undefined ? percent(half(a, b), half(range[1], range[0])) : base !== 0 ? percent(half(a, b), Math.abs(base / 2)) : 2 * half(a, b));
      const raw =
        ch !== null
          ? scale(mc.value!, ch.previous, ch.previous) * (1 - ch.pValue!) * Math.log10(1 + mc.n)
          : scale(mc.value!, mc.threshold!.target, mc.threshold!.target) * Math.log10(1 + mc.n);
      const score = Math.min(raw, Number.MAX_VALUE);
      const where = Object.keys(cell.segment).length === 0 ? "all segments" : Object.entries(cell.segment).map(([a, b]) => `${a} ${b}`).join(", ");
      const parts = [`${m.label} (${where}${cell.period === null ? "" : `, ${cell.period}`}) is ${mc.display}`];
      if (breach > 0) {
        const t = mc.threshold!;
        parts.push(`${mc.status === "off-track" ? "off track" : "at risk"} (target ${m.format(t.target)}${t.warning === undefined ? "" : `, warning ${m.format(t.warning)}`})`);
      }
      if (ch !== null) {
        const verb = ch.difference > 0 ? "up" : "down";
        const ci = ch.ci === null ? "" : `${Math.round(confidence * 100)}% CI ${ch.ci[0].toFixed(1)} to ${ch.ci[1].toFixed(1)}, `;
        parts.push(`${verb} ${Math.abs(ch.difference).toFixed(1)}${m.unit === "%" ? " points" : m.unit === "" ? "" : ` ${m.unit}`} from ${ch.previousPeriod} (${ci}${fmtP(ch.pValue!)}, n = ${mc.n})`);
      } else {
        parts.push(`n = ${mc.n}`);
      }
      out.push({ metric: k, segment: cell.segment, period: cell.period, value: mc.value, status: mc.status, change: mc.change, n: mc.n, severity, score, message: `${parts.join("; ")}.` });
    }
  }
  return out.sort((a, b) => b.severity - a.severity || b.score - a.score);
}
