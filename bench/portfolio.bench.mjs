// Benchmark of a portfolio of six metrics over BENCH_ROWS rows (default 1e6) × 5 channels × 12
// months, against calling the six functions separately per channel × month, measured in the same
// run. Run with `npm run build && node --expose-gc bench/portfolio.bench.mjs`.
//
// Baselines (each computes only the 60 channel × month cells, not the margins, changes,
// consistency tests and alerts that the portfolio adds):
//   filter per cell: for each cell, rows.filter(...) then the six functions on that cell's rows;
//   group once:      one pass into a Map of arrays by channel × month, then the six functions per group.
import { ces, cesMetric, churnMetric, csat, csatMetric, definePortfolio, evaluatePortfolio, meanMetric, nps, npsMetric, proportionMetric } from "../dist/index.js";

const N = Number(process.env.BENCH_ROWS ?? 1e6);
const CHANNELS = ["email", "phone", "chat", "web", "store"];
let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const t2024 = Date.UTC(2024, 0, 1);
const year = 366 * 86_400_000;
console.log(`node ${process.version}; ${N.toExponential(0)} rows × ${CHANNELS.length} channels × 12 months, six metrics`);
const rows = new Array(N);
for (let i = 0; i < N; i++) {
  rows[i] = {
    channel: CHANNELS[(rand() * 5) | 0],
    at: t2024 + Math.floor(rand() * year),
    nps: (rand() * 11) | 0,
    csat: 1 + ((rand() * 5) | 0),
    ces: 1 + ((rand() * 7) | 0),
    churned: rand() < 0.03,
    contacts: 1 + ((rand() * 3) | 0),
    spend: rand() * 200,
  };
}

const portfolio = definePortfolio({
  nps: npsMetric({ score: (r) => r.nps }),
  csat: csatMetric({ score: (r) => r.csat }),
  ces: cesMetric({ score: (r) => r.ces }),
  churn: churnMetric({ churned: (r) => r.churned }),
  fcr: proportionMetric({ id: "fcr", label: "First contact resolution", success: (r) => r.contacts === 1 }),
  spend: meanMetric({ id: "spend", label: "Spend", unit: "USD", value: (r) => r.spend }),
});

// the six functions on one group of rows, as a user would call them without the portfolio
const sixFunctions = (group) => {
  const a = nps(group, (r) => r.nps);
  const b = csat(group, (r) => r.csat);
  const c = ces(group, (r) => r.ces);
  const d = csat(group, (r) => (r.churned ? 1 : 0), { scale: { min: 0, max: 1 } });
  const e = csat(group, (r) => (r.contacts === 1 ? 1 : 0), { scale: { min: 0, max: 1 } });
  let sum = 0;
  for (let i = 0; i < group.length; i++) sum += group[i].spend;
  return [a.value, b.value, c.mean, d.value, e.value, sum / group.length];
};
const monthOf = (ms) => new Date(ms).getUTCMonth();

function time(fn, reps = 3) {
  const ts = [];
  let out;
  for (let i = 0; i < reps; i++) {
    globalThis.gc?.();
    const t0 = performance.now();
    out = fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((x, y) => x - y);
  return { ms: ts[ts.length >> 1], out };
}

const filterPerCell = time(() => {
  const out = [];
  for (const ch of CHANNELS) {
    for (let m = 0; m < 12; m++) {
      const group = rows.filter((r) => r.channel === ch && monthOf(r.at) === m);
      out.push(sixFunctions(group));
    }
  }
  return out;
}, 1);

const groupOnce = time(() => {
  const groups = new Map();
  for (let i = 0; i < N; i++) {
    const r = rows[i];
    const key = `${r.channel}|${monthOf(r.at)}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(r);
  }
  const out = [];
  for (const g of groups.values()) out.push(sixFunctions(g));
  return out;
});

let report;
const portfolioRun = time(() => (report = evaluatePortfolio(portfolio, rows, { segmentBy: "channel", period: "month", date: (r) => r.at, timeZone: "UTC" })));

// the portfolio's cells equal the baseline's (same numbers for a check of the comparison itself)
const emailMarch = report.cells.find((c) => c.segment.channel === "email" && c.period === "2024-03-01");
const check = sixFunctions(rows.filter((r) => r.channel === "email" && monthOf(r.at) === 2));
const same = [emailMarch.metrics.nps.value, emailMarch.metrics.csat.value, emailMarch.metrics.ces.value, emailMarch.metrics.churn.value, emailMarch.metrics.fcr.value].every((v, i) => v === check[i]) && Math.abs(emailMarch.metrics.spend.value - check[5]) < 1e-9;

const line = (label, r) => console.log(`  ${label.padEnd(62)} ${r.ms.toFixed(0).padStart(7)} ms ${((r.ms * 1e6) / N).toFixed(0).padStart(6)} ns/row  ${(r.ms / portfolioRun.ms).toFixed(2).padStart(6)}x the portfolio`);
console.log(`\nSix metrics by channel × month (${report.cells.length} report cells incl. margins; ${report.consistency.length} consistency tests; ${report.alerts.length} alerts)`);
line("evaluatePortfolio (one pass; cells, margins, changes, tests)", portfolioRun);
line("six functions per cell after one grouping pass (60 cells only)", groupOnce);
line("six functions per cell after rows.filter per cell (60 cells only)", filterPerCell);
console.log(`  email, March: portfolio and separate calls agree: ${same}`);
