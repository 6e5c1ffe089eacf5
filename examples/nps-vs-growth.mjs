// Does NPS move with business outcomes, and does it lead them? A worked example on 48 months of
// synthetic data (examples/data/nps-answers.csv, examples/data/monthly-outcomes.csv; the generator
// beside them plants the truth: revenue growth follows NPS two months later, new customers trend
// up on their own). Run: npm run build && node examples/nps-vs-growth.mjs
import { readFileSync } from "node:fs";
import { alignByPeriod, laggedCorrelation, nps, pearson, periodChange, relateMetricToOutcomes } from "cx-metrics";

const csv = (name) => {
  const [head, ...lines] = readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8").trim().split("\n");
  const cols = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], i === 0 ? v : Number(v)])));
};
const answers = csv("nps-answers.csv");
const outcomes = csv("monthly-outcomes.csv");
const fmt = (x, d = 3) => (x === null ? "   -  " : (x >= 0 ? " " : "") + x.toFixed(d));
const p = (x) => (x === null ? "   -  " : x < 0.001 ? "<0.001" : x.toFixed(3));

// The metric: NPS of each month's answers (computed from the month's answers, not averaged).
const metric = { rows: answers, date: (r) => r.date, compute: (rows) => nps(rows, (r) => r.score).value };
const revenue = { rows: outcomes, date: (r) => r.month, value: (r) => r.revenue };
const customers = { rows: outcomes, date: (r) => r.month, value: (r) => r.newCustomers };

const a = alignByPeriod(metric, revenue, { period: "month" });
console.log(`${answers.length} answers over ${a.periods.length} months (${a.periods[0]} to ${a.periods.at(-1)}); missing months: metric ${a.missing.metric.length}, outcome ${a.missing.outcome.length}\n`);

// 1. The trap: levels of trending series correlate whatever drives them.
const pairs = (x, y) => {
  const xs = [];
  const ys = [];
  x.forEach((v, i) => {
    if (v !== null && y[i] !== null) {
      xs.push(v);
      ys.push(y[i]);
    }
  });
  return [xs, ys];
};
const c = alignByPeriod(revenue, customers, { period: "month" });
const lv = pearson(...pairs(c.metric, c.outcome));
const gr = pearson(...pairs(periodChange(c.metric, "growth"), periodChange(c.outcome, "growth")));
console.log("1. Levels of trending series: revenue against new customers (no causal link in this data)");
console.log(`   levels: r = ${fmt(lv.r)}, p = ${p(lv.pValue)}   <- spurious: both grow over the years`);
console.log(`   growth: r = ${fmt(gr.r)}, p = ${p(gr.pValue)}   <- month-to-month changes: no relation\n`);

// 2. Lags: NPS of month t against revenue growth of month t + L.
const lag = laggedCorrelation({ metric: a.metric, outcome: periodChange(a.outcome, "growth") }, { maxLag: 4 });
console.log("2. NPS against revenue growth by lag (positive lag: NPS leads); p adjusted across the 9 lags");
console.log("   lag   n       r    95% interval         p    Holm      BH");
for (const r of lag.rows) {
  console.log(`   ${String(r.lag).padStart(3)}  ${String(r.n).padStart(2)}  ${fmt(r.r)}  [${fmt(r.ci[0], 2)}, ${fmt(r.ci[1], 2)}]  ${p(r.pValue)}  ${p(r.pHolm)}  ${p(r.pBH)}`);
}
console.log(`   best: lag ${lag.best.lag} (r = ${fmt(lag.best.r)}, Holm-adjusted p = ${p(lag.best.pHolm)})\n`);

// 3. One call for the whole table: several outcomes, methods and lags, adjusted across all of it.
const table = relateMetricToOutcomes(metric, { revenue, newCustomers: customers }, { period: "month", maxLag: 3, methods: ["pearson", "spearman"] });
console.log("3. relateMetricToOutcomes: outcome growth against NPS, lags 0..3 shown, adjusted across the whole table");
console.log("   outcome        method    lag   n       r   p(all lags, Holm)  p(whole table, Holm)");
for (const r of table.rows.filter((r) => r.lag >= 0)) {
  console.log(`   ${r.outcome.padEnd(13)}  ${r.method.padEnd(8)}  ${String(r.lag).padStart(3)}  ${String(r.n).padStart(2)}  ${fmt(r.r)}  ${p(r.pHolm).padStart(17)}  ${p(r.pHolmAll).padStart(20)}`);
}
