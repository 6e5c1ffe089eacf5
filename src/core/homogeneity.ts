/**
 * Tests of homogeneity across groups: Pearson's χ² for a table of (effective) counts and Welch's
 * one-way ANOVA for means. Internal: used by the portfolio's consistency figures.
 * @module
 */
import type { ConsistencyTest } from "./metric";
import { chiSquareSf, fSf } from "./test-stat";

/**
 * Pearson's χ² test of homogeneity of a groups × categories table of (possibly non-integer,
 * effective) counts, without continuity correction, with Cramér's V as the effect size.
 *
 * Definition: expected count E_ij = R_i·C_j/N; χ² = Σ (O_ij − E_ij)²/E_ij over cells with E_ij > 0;
 * df = (r − 1)(c − 1) with r groups of positive total and c categories of positive total;
 * V = √(χ²/(N·(min(r, c) − 1))) (Cramér 1946, §21.9). Returns `null` when there are fewer than two
 * groups or two categories with data (nothing to compare: every group is trivially the same).
 * @internal
 * @example
 * ```ts
 * chiSquareHomogeneity([[10, 20], [20, 10]]).statistic; //=> ~6.6667
 * ```
 */
export function chiSquareHomogeneity(table: readonly (readonly number[])[]): { statistic: number; df: number; pValue: number; cramersV: number } | null {
  const rows = table.filter((r) => r.reduce((a, b) => a + b, 0) > 0);
  if (rows.length < 2) return null;
  const c = rows[0]!.length;
  const colTotals = new Float64Array(c);
  let total = 0;
  for (const r of rows) {
    for (let j = 0; j < c; j++) {
      colTotals[j]! += r[j]!;
      total += r[j]!;
    }
  }
  let columns = 0;
  for (let j = 0; j < c; j++) if (colTotals[j]! > 0) columns++;
  if (columns < 2) return null;
  let statistic = 0;
  for (const r of rows) {
    const rowTotal = r.reduce((a, b) => a + b, 0);
    for (let j = 0; j < c; j++) {
      const e = (rowTotal * colTotals[j]!) / total;
      if (e > 0) statistic += (r[j]! - e) ** 2 / e;
    }
  }
  const df = (rows.length - 1) * (columns - 1);
  const cramersV = Math.min(1, Math.sqrt(statistic / (total * (Math.min(rows.length, columns) - 1))));
  return { statistic, df, pValue: chiSquareSf(statistic, df), cramersV };
}

/**
 * Welch's one-way ANOVA (Welch 1951, "On the comparison of several mean values: an alternative
 * approach", Biometrika 38): a test of equal means that does not assume equal variances.
 *
 * Definition: with w_i = n_i/s_i², W = Σw_i, m = Σw_i·x̄_i/W and k groups,
 * A = Σw_i(x̄_i − m)²/(k − 1), λ = Σ(1 − w_i/W)²/(n_i − 1),
 * F = A / (1 + 2(k − 2)λ/(k² − 1)), df1 = k − 1, df2 = (k² − 1)/(3λ).
 * Groups need n_i ≥ 2 and s_i > 0; others are dropped. Returns `null` with fewer than two usable
 * groups. Effect size: max(0, (F − 1)·df1/(F·df1 + df2)), an ω²-like share of the spread of the
 * means beyond noise.
 * @internal
 * @example
 * ```ts
 * welchAnova([{ mean: 1, variance: 1, n: 10 }, { mean: 2, variance: 1, n: 10 }]).df[0]; //=> 1
 * ```
 */
export function welchAnova(groups: readonly { mean: number; variance: number; n: number }[]): { statistic: number; df: [number, number]; pValue: number; effectSize: number } | null {
  const usable = groups.filter((g) => g.n >= 2 && g.variance > 0 && Number.isFinite(g.variance));
  const k = usable.length;
  if (k < 2) return null;
  let W = 0;
  let wm = 0;
  for (const g of usable) {
    const w = g.n / g.variance;
    W += w;
    wm += w * g.mean;
  }
  const m = wm / W;
  let a = 0;
  let lambda = 0;
  for (const g of usable) {
    const w = g.n / g.variance;
    a += w * (g.mean - m) ** 2;
    lambda += (1 - w / W) ** 2 / (g.n - 1);
  }
  a /= k - 1;
  const statistic = a / (1 + (2 * (k - 2) * lambda) / (k * k - 1));
  const df1 = k - 1;
  const df2 = lambda > 0 ? (k * k - 1) / (3 * lambda) : Infinity;
  const pValue = df2 === Infinity ? chiSquareSf(statistic * df1, df1) : fSf(statistic, df1, df2);
  const effectSize = df2 === Infinity ? 0 : Math.max(0, ((statistic - 1) * df1) / (statistic * df1 + df2));
  return { statistic, df: [df1, df2], pValue, effectSize };
}

/**
 * Welch's one-way ANOVA of segment means ({@link welchAnova}) as a metric's {@link ConsistencyTest}
 * (`method` "welch-anova", `df` [df1, df2], the ω²-like effect size), or `null` when fewer than two
 * groups can be compared. Shared by the metrics of means (the mean metric, CES).
 * @internal
 * @example
 * ```ts
 * meanConsistency([{ mean: 1, variance: 1, n: 10 }, { mean: 2, variance: 1, n: 10 }]).method; //=> "welch-anova"
 * ```
 */
export function meanConsistency(groups: readonly { mean: number; variance: number; n: number }[]): ConsistencyTest | null {
  const t = welchAnova(groups);
  return t === null ? null : { method: "welch-anova", statistic: t.statistic, df: t.df, pValue: t.pValue, effectSize: t.effectSize };
}
