// A churn and retention report on two years of SaaS subscriptions (examples/data/subscriptions.csv):
// monthly logo churn with its different bases, the annual equivalent, revenue retention (GRR, NRR)
// by quarter, cohort retention, and the survival curve of customers with those still active
// counted honestly. Run with `npm run build && node examples/churn-report.mjs`.
import { readFileSync } from "node:fs";
import { annualizeChurn, churnSeries, cohortRetention, retentionCurve, revenueRetention, survivalAt } from "cx-metrics";
import { table } from "./lib/table.mjs";

const [header, ...lines] = readFileSync(new URL("./data/subscriptions.csv", import.meta.url), "utf8").trim().split("\n");
const cols = header.split(",");
const subs = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
const accessors = { customerId: (s) => s.customer, start: (s) => s.start, end: (s) => (s.end === "" ? null : s.end), mrr: (s) => Number(s.mrr) };
const pct = (x, d = 1) => (x === null ? "–" : `${(100 * x).toFixed(d)}%`);

console.log(`${subs.length} subscription rows, ${new Set(subs.map((s) => s.customer)).size} customers\n`);

const months = churnSeries(subs, { ...accessors, from: "2024-01-01", to: "2025-01-01", period: "month" });
console.log("Monthly logo churn in 2024 (churned / customers at start; average base; per customer-month of exposure)");
table(
  ["month", "at start", "new", "churned", "cohort rate", "average base", "exposure"],
  months.map((m) => [m.period.slice(0, 7), m.customersAtStart, m.newCustomers, m.churned, pct(m.rates.cohort, 2), pct(m.rates.averageBase, 2), pct(m.rates.exposure, 2)]),
);
const mean = months.reduce((a, m) => a + m.rates.cohort, 0) / months.length;
const a = annualizeChurn(mean, 12);
console.log(`Mean monthly churn ${pct(mean, 2)} = ${pct(a.annual)} a year (compounded, not ×12 = ${pct(12 * mean)}); expected lifetime ${a.expectedLifetimeYears.toFixed(1)} years\n`);

console.log("Revenue retention by quarter (MRR bridge from the subscription rows)");
table(
  ["quarter", "starting MRR", "expansion", "contraction", "churned", "GRR", "NRR"],
  ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"].map((from, k, all) => {
    const to = all[k + 1] ?? "2025-01-01";
    const r = revenueRetention(subs, { ...accessors, from, to });
    return [from.slice(0, 7), r.startingMrr.toFixed(0), r.expansion.toFixed(0), r.contraction.toFixed(0), r.churned.toFixed(0), pct(r.grossRevenueRetention), pct(r.netRevenueRetention)];
  }),
);

const cohorts = cohortRetention(subs, { ...accessors, period: "quarter", asOf: "2025-01-01" });
console.log("Share of each quarterly cohort still active, by age in quarters (the spring 2024 promotion shows)");
table(
  ["cohort", "size", ...Array.from({ length: 8 }, (_, k) => `q${k}`)],
  cohorts.cohorts.map((c) => [c.cohort, c.size, ...Array.from({ length: 8 }, (_, k) => (c.share[k] === undefined ? "" : pct(c.share[k], 0)))]),
);

const { curve, customers } = retentionCurve(subs, { ...accessors, asOf: "2025-01-01", timeUnit: "month" });
console.log(`Customer survival (Kaplan–Meier over ${customers} customers; the ${curve.censoredTotal} still active are censored, not counted as churned)`);
table(
  ["months", "retained"],
  [3, 6, 12, 18].map((t) => [t, pct(survivalAt(curve, t))]),
);
const [lo, hi] = curve.medianCi;
console.log(
  curve.median === null
    ? "Median lifetime: not reached (more than half are still active)"
    : `Median lifetime: ${curve.median.toFixed(1)} months (95% CI ${lo === null ? "–" : lo.toFixed(1)} to ${hi === null ? "not reached" : hi.toFixed(1)})`,
);
