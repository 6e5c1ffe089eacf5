// A metric as a third-party package would ship it: first contact resolution (FCR), the share of
// issues resolved in one contact, defined on the library's metric spine (summarize, merge, empty,
// count, finish, value) plus its own change test. Used by examples/portfolio-report.mjs.
// In TypeScript the same code is fully typed: the row type comes from `summarize`'s parameter and
// the result type from `finish`, and a portfolio's results are typed per key.
import { defineMetric, normalCdf, normalQuantile } from "cx-metrics";

/** FCR from rows with a `contacts` count read by `contacts(row)`. */
export function fcrMetric({ contacts }) {
  return defineMetric({
    id: "fcr",
    label: "First contact resolution",
    unit: "%",
    direction: "higher-is-better",
    range: [0, 100],
    summarize(rows) {
      let resolved = 0;
      for (let i = 0; i < rows.length; i++) if (contacts(rows[i]) === 1) resolved++;
      return { resolved, n: rows.length };
    },
    merge: (...s) => ({ resolved: s.reduce((a, x) => a + x.resolved, 0), n: s.reduce((a, x) => a + x.n, 0) }),
    empty: () => ({ resolved: 0, n: 0 }),
    count: (s) => s.n,
    finish: (s) => ({ value: (100 * s.resolved) / s.n, resolved: s.resolved, n: s.n }),
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
