/**
 * The log-rank test of equal survival (or time-to-event) curves in k groups with right censoring.
 * Internal: behind the ticket-time metrics' change and consistency tests.
 * @module
 */
import { chiSquareSf } from "./test-stat";

/** One group: event or censoring times and whether each is an event. @internal */
export interface SurvivalGroup {
  times: ArrayLike<number>;
  /** true (or 1): the event happened at the time; false (or 0): censored there. */
  events: ArrayLike<boolean | number>;
}

/**
 * The k-sample log-rank (Mantel–Haenszel) test.
 *
 * Definition: at each distinct event time t_j of the pooled data, with n_gj at risk and d_gj events
 * in group g (n_j, d_j pooled; a time censored at t_j is still at risk at t_j), O_g = Σ d_gj,
 * E_g = Σ n_gj·d_j/n_j and V_gh = Σ d_j(n_j − d_j)/(n_j − 1)·(n_gj/n_j)(δ_gh − n_hj/n_j); the
 * statistic is (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups with data, χ² with k − 1 degrees
 * of freedom (Mantel 1966; Peto & Peto 1972; Klein & Moeschberger, Survival Analysis, §7.3).
 * Returns `null` with fewer than two groups with observations or no event at all.
 * @internal
 * @example
 * ```ts
 * logRank([{ times: [1, 2, 3], events: [1, 1, 1] }, { times: [4, 5, 6], events: [1, 1, 1] }]).df; //=> 1
 * ```
 */
export function logRank(groups: readonly SurvivalGroup[]): { statistic: number; df: number; pValue: number; observed: number[]; expected: number[]; n: number } | null {
  const used = groups.filter((g) => g.times.length > 0);
  const k = used.length;
  if (k < 2) return null;
  // pooled (time, group, event), sorted by time with events before censorings at equal times
  let total = 0;
  for (const g of used) total += g.times.length;
  const time = new Float64Array(total);
  const group = new Int32Array(total);
  const event = new Uint8Array(total);
  let at = 0;
  used.forEach((g, gi) => {
    for (let i = 0; i < g.times.length; i++, at++) {
      time[at] = g.times[i]!;
      group[at] = gi;
      event[at] = g.events[i] ? 1 : 0;
    }
  });
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || event[b]! - event[a]!);
  const atRisk = new Float64Array(k);
  for (let i = 0; i < total; i++) atRisk[group[i]!]!++;
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const m = k - 1;
  const V = new Float64Array(m * m);
  const d = new Float64Array(k);
  let anyEvent = false;
  for (let p = 0; p < total; ) {
    const t = time[order[p]!]!;
    d.fill(0);
    let q = p;
    while (q < total && time[order[q]!]! === t) {
      const i = order[q]!;
      if (event[i]) d[group[i]!]!++;
      q++;
    }
    let nj = 0;
    let dj = 0;
    for (let g = 0; g < k; g++) {
      nj += atRisk[g]!;
      dj += d[g]!;
    }
    if (dj > 0) {
      anyEvent = true;
      for (let g = 0; g < k; g++) {
        observed[g]! += d[g]!;
        expected[g]! += (atRisk[g]! * dj) / nj;
      }
      if (nj > 1) {
        const f = (dj * (nj - dj)) / (nj - 1);
        for (let g = 0; g < m; g++) {
          for (let h = 0; h < m; h++) {
            V[g * m + h]! += f * (atRisk[g]! / nj) * ((g === h ? 1 : 0) - atRisk[h]! / nj);
          }
        }
      }
    }
    // everyone observed at t leaves the risk set after t
    for (let r = p; r < q; r++) atRisk[group[order[r]!]!]!--;
    p = q;
  }
  if (!anyEvent) return null;
  const u = Array.from({ length: m }, (_, g) => observed[g]! - expected[g]!);
  const x = solve(V, u, m);
  let statistic = 0;
  if (x === null) statistic = u.every((v) => Math.abs(v) < 1e-12) ? 0 : Infinity;
  else for (let g = 0; g < m; g++) statistic += u[g]! * x[g]!;
  statistic = Math.max(0, statistic);
  return { statistic, df: m, pValue: Number.isFinite(statistic) ? chiSquareSf(statistic, m) : 0, observed: Array.from(observed), expected: Array.from(expected), n: total };
}

/** Solve V x = u by Gaussian elimination with partial pivoting; `null` when V is singular. */
function solve(V: Float64Array, u: number[], m: number): number[] | null {
  const a = Array.from({ length: m }, (_, i) => [...Array.from(V.subarray(i * m, i * m + m)), u[i]!]);
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    const scale = Math.max(...a.map((row) => Math.abs(row[c]!)));
    if (!(Math.abs(a[piv]![c]!) > 1e-12 * Math.max(1, scale))) return null;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= m; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row, i) => row[m]! / row[i]!);
}
