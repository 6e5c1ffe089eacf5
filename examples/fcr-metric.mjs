// A metric as a third-party package would ship it: first contact resolution (FCR), the share of
// issues resolved in one contact, built on the library's spine in two steps (docs/custom-metrics.md):
// 1. a summary kind (`defineSummaryKind`): how a summary starts (empty), merges, is checked when it
//    comes back from JSON or a worker, counts its observations and finishes into a result;
// 2. a metric (`metricFrom`): how rows become a summary, the headline value, and the metric's own
//    change test.
// Used by examples/portfolio-report.mjs. In TypeScript the same code is fully typed: the summary
// type comes from the kind, the row type from `summarize`'s parameter.
import { CxMetricsError, defineSummaryKind, metricFrom, normalCdf, normalQuantile } from "cx-metrics";

const count = (s, field, index) => {
  const v = s === null || typeof s !== "object" ? undefined : s[field];
  if (!Number.isSafeInteger(v) || v < 0) throw new CxMetricsError("INVALID_SUMMARY", `fcr: expected ${field} to be a whole number >= 0, got ${v}`, index);
  return v;
};

/** The FCR summary kind: { kind: "fcr", resolved, n }, merged by sums, the empty one all zeros. */
export const fcrKind = defineSummaryKind({
  kind: "fcr",
  empty: () => ({ kind: "fcr", resolved: 0, n: 0 }),
  check(s, index) {
    if (s === null || typeof s !== "object" || s.kind !== "fcr") throw new CxMetricsError("INVALID_SUMMARY", 'fcr: expected a summary of kind "fcr"', index);
    const resolved = count(s, "resolved", index);
    const n = count(s, "n", index);
    if (resolved > n) throw new CxMetricsError("INVALID_SUMMARY", "fcr: expected resolved <= n", index);
    return { kind: "fcr", resolved, n };
  },
  merge(...summaries) {
    const out = fcrKind.empty();
    summaries.forEach((s, i) => {
      const c = fcrKind.check(s, i);
      out.resolved += c.resolved;
      out.n += c.n;
    });
    return out;
  },
  count: (s) => s.n,
  finish(s) {
    const c = fcrKind.check(s);
    if (c.n === 0) throw new CxMetricsError("EMPTY_INPUT", "fcr: expected at least one ticket");
    return { value: (100 * c.resolved) / c.n, resolved: c.resolved, n: c.n };
  },
});

/** FCR from rows with a `contacts` count read by `contacts(row)`. */
export function fcrMetric({ contacts }) {
  return metricFrom(fcrKind, {
    id: "fcr",
    label: "First contact resolution",
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    summarize(rows) {
      let resolved = 0;
      for (let i = 0; i < rows.length; i++) if (contacts(rows[i]) === 1) resolved++;
      return { kind: "fcr", resolved, n: rows.length };
    },
    value: (r) => r.value,
    // two-proportion z test (pooled) with a Wald interval of the difference, in percentage points
    compare(a, b, confidence) {
      const pa = a.resolved / a.n;
      const pb = b.resolved / b.n;
      const pooled = (a.resolved + b.resolved) / (a.n + b.n);
      const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
      // both groups all resolved (or none): no evidence of a change
      const z = se0 > 0 ? (pb - pa) / se0 : 0;
      const se = Math.sqrt((pa * (1 - pa)) / a.n + (pb * (1 - pb)) / b.n);
      const h = normalQuantile(0.5 + confidence / 2) * se;
      return { difference: 100 * (pb - pa), se: 100 * se, ci: [100 * (pb - pa - h), 100 * (pb - pa + h)], pValue: 2 * normalCdf(-Math.abs(z)), method: "two-proportion z" };
    },
    format: (v) => `${v.toFixed(1)}%`,
  });
}
