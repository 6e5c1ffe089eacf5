// Benchmarks for the CLV module. Prints times and ratios against baselines measured in the same run.
// Run with `npm run build && node --expose-gc bench/value.bench.mjs`.
// BENCH_TXNS (simulated transactions, default 1e7), BENCH_CUSTOMERS (simulated customers for the
// fit, default 1e6). BENCH_ONLY=clv runs only the customerLifetimeValue section; BENCH_CLV_CUSTOMERS
// (default 1e5) and BENCH_CLV_ROUNDS (default 3) size it; BENCH_BEFORE_DIST=<dir> adds the
// customerLifetimeValue of another build (e.g. main's dist copied inside node_modules/) as "before".
import { readFileSync } from "node:fs";
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdLogLikelihood,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaConditionalExpectedValue,
  mergeRfmHistograms,
  rfmHistogram,
  rfmSummary,
  simulateBgNbd,
} from "../dist/index.js";

const TXNS = Number(process.env.BENCH_TXNS ?? 1e7);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1e6);
const gc = globalThis.gc ?? (() => {});
const mem = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
function time(label, fn, reps = 3) {
  const ts = [];
  let out;
  for (let i = 0; i < reps; i++) {
    gc();
    const t0 = performance.now();
    out = fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { label, ms: ts[ts.length >> 1], out };
}
// Heap + array buffers added by one call, measured right after it from a collected heap: what the
// call allocated and had not yet freed (an upper bound on what it keeps, a lower bound on its peak).
function memDuring(fn) {
  gc();
  const before = mem();
  const out = fn();
  const grew = mem() - before;
  return { out, mb: grew / 1e6 };
}
const show = (r, base) => console.log(`  ${r.label.padEnd(58)} ${r.ms.toFixed(1).padStart(9)} ms${base ? `  ${(r.ms / base.ms).toFixed(2).padStart(6)}x ${base.label}` : ""}`);

console.log(`node ${process.version}`);

// --- rfmSummary on CDNOW_master -------------------------------------------------------------
const master = readFileSync(new URL("../test/fixtures/data/CDNOW_master.txt", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => {
    const [id, d, , v] = l.trim().split(/\s+/);
    return { id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, value: Number(v) };
  });
const opts = { customerId: (t) => t.id, date: (t) => t.date, value: (t) => t.value, calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" };

// --- customerLifetimeValue: 52 weekly steps, 1e5 customers -------------------------------------
// Baseline: a loop over customers through the per-customer prediction functions with the same
// discounting (what customerLifetimeValue did before it grouped customers by (x, T)).
function clvLoop(bg, gg, s, horizon, d) {
  const n = s.frequency.length;
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = s.frequency[i];
    const value = gammaGammaConditionalExpectedValue(gg, x, x > 0 ? s.monetaryValue[i] : 0);
    let previous = 0;
    let sum = 0;
    for (let k = 1; k <= horizon; k++) {
      const ey = bgNbdConditionalExpectedPurchases(bg, k, x, s.recency[i], s.T[i]);
      sum += (ey - previous) * Math.pow(1 + d, -k);
      previous = ey;
    }
    clv[i] = sum * value;
  }
  return clv;
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
async function clvSection() {
  const n = Number(process.env.BENCH_CLV_CUSTOMERS ?? 1e5);
  const rounds = Number(process.env.BENCH_CLV_ROUNDS ?? 3);
  const before = process.env.BENCH_BEFORE_DIST ? (await import(new URL(`file://${process.env.BENCH_BEFORE_DIST}/index.js`).href)).customerLifetimeValue : undefined;
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, timeUnit: "week" };
  const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
  const H = 52;
  const d = 0.01 / 4.345; // 1% a month, per week
  // CDNOW_master's 23,570 customers resampled to n (seeded), and n simulated BG/NBD customers
  const cd = rfmSummary(master, opts);
  let seed = 5;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  const pick = Int32Array.from({ length: n }, () => Math.floor(rand() * cd.customers));
  const col = (c) => Float64Array.from(pick, (i) => c[i]);
  const resampled = { frequency: col(cd.frequency), recency: col(cd.recency), T: col(cd.T), monetaryValue: col(cd.monetaryValue), timeUnit: "week" };
  const sim = simulateBgNbd(bg, { customers: n, T: Float64Array.from({ length: n }, (_, i) => 26 + (i % 27)), seed: 11 });
  const simulated = { frequency: sim.frequency, recency: sim.recency, T: sim.T, monetaryValue: Float64Array.from(sim.frequency, (x, i) => (x > 0 ? 10 + rand() * 60 : 0)), timeUnit: "week" };
  for (const [name, s] of [
    ["CDNOW_master resampled", resampled],
    ["simulated (T 26-52 weeks)", simulated],
  ]) {
    const pairs = rfmHistogram({ frequency: s.frequency, recency: new Float64Array(n), T: s.T }).count.length;
    console.log(`\ncustomerLifetimeValue, ${n.toExponential(0)} customers, ${name}: ${pairs} distinct (x, T); ${H} weekly steps, CPU time, median of ${rounds} alternated rounds`);
    const runs = [
      ["per-customer loop (baseline, top-level function)", () => clvLoop(bg, gg, s, H, d)],
      ...(before ? [["customerLifetimeValue, before (BENCH_BEFORE_DIST)", () => before(bg, gg, s, { horizon: H, discountRate: d, timeUnit: "week" }).clv]] : []),
      ["customerLifetimeValue", () => customerLifetimeValue(bg, gg, s, { horizon: H, discountRate: d, timeUnit: "week" }).clv],
    ];
    const ms = runs.map(() => []);
    const outs = [];
    for (let r = 0; r < rounds; r++) {
      // alternate the order from round to round
      for (let j = 0; j < runs.length; j++) {
        const k = (j + r) % runs.length;
        gc();
        const t0 = cpuMs();
        outs[k] = runs[k][1]();
        ms[k].push(cpuMs() - t0);
      }
    }
    const med = ms.map((v) => v.sort((a, b) => a - b)[v.length >> 1]);
    runs.forEach(([label], k) => show({ label, ms: med[k] }, k === 0 ? undefined : { label: "baseline", ms: med[0] }));
    if (before) console.log(`  after/before: ${(med[runs.length - 1] / med[1]).toFixed(3)}x`);
    let worst = 0;
    const last = outs[runs.length - 1];
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(last[i] - outs[0][i]) / Math.abs(outs[0][i]));
    console.log(`  largest relative difference from the baseline: ${worst.toExponential(1)}`);
  }
}
await clvSection();
if (process.env.BENCH_ONLY === "clv") process.exit(0);
// Baseline: the usual hand-written approach, a Map of customers each with a Set of purchase days.
const naiveRfm = (rows) => {
  const cal = Date.parse("1997-09-30") / 864e5;
  const m = new Map();
  for (const r of rows) {
    const day = Date.parse(r.date) / 864e5;
    if (day > cal) continue;
    let c = m.get(r.id);
    if (!c) m.set(r.id, (c = { days: new Set(), first: day, last: day }));
    c.days.add(day);
    if (day < c.first) c.first = day;
    if (day > c.last) c.last = day;
  }
  return m.size;
};
console.log(`\nrfmSummary on CDNOW_master (${master.length} transactions)`);
const naive = time("hand-written Map of Sets (frequency, recency, T only)", () => naiveRfm(master));
show(naive);
show(time("rfmSummary (all columns, holdout, validation)", () => rfmSummary(master, opts)), naive);

// --- rfmSummary on simulated transactions -----------------------------------------------------
{
  const customers = Math.max(1, Math.round(TXNS / 10));
  const ids = new Int32Array(TXNS);
  const days = new Float64Array(TXNS);
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const base = Date.parse("2024-01-01");
  for (let i = 0; i < TXNS; i++) {
    ids[i] = Math.floor(rand() * customers);
    days[i] = base + Math.floor(rand() * 365) * 864e5;
  }
  // the id column serves as the rows (a { length } object has holes, which rfmSummary refuses)
  gc();
  const before = mem();
  const r = time(`rfmSummary on ${TXNS.toExponential(0)} simulated transactions (epoch-ms dates)`, () =>
    rfmSummary(ids, { customerId: (id) => id, date: (_, i) => days[i], calibrationEnd: "2024-12-31", timeUnit: "day" }), 1);
  console.log(`\nrfmSummary at scale (${customers.toExponential(0)} customers)`);
  show(r);
  console.log(`  ${(r.ms * 1e6 / TXNS).toFixed(0)} ns per transaction; summary kept: ${((mem() - before) / 1e6).toFixed(0)} MB (${((mem() - before) / customers).toFixed(0)} B per customer)`);
}

// --- fits ------------------------------------------------------------------------------------
const summary = rfmSummary(master, opts);
console.log(`\nfitBgNbd / fitGammaGamma on CDNOW_master (${summary.customers} customers)`);
// Baseline for one likelihood evaluation: per-customer log-gamma calls (as a direct transcription of
// FHL eq. 6 does), against the tabulated evaluation inside bgNbdLogLikelihood.
const lgamma = (x) => {
  let s = 0;
  while (x < 10) {
    s -= Math.log(x);
    x += 1;
  }
  const z2 = 1 / (x * x);
  return s + (x - 0.5) * Math.log(x) - x + 0.9189385332046727 + (1 / 12 - z2 * (1 / 360 - z2 / 1260)) / x;
};
const lbeta = (a, b) => lgamma(a) + lgamma(b) - lgamma(a + b);
const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const naiveLl = () => {
  let ll = 0;
  const { r, alpha, a, b } = p;
  for (let i = 0; i < summary.customers; i++) {
    const x = summary.frequency[i], tx = summary.recency[i], T = summary.T[i];
    const common = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
    const t1 = lbeta(a, b + x) - lbeta(a, b) + common - (r + x) * Math.log(alpha + T);
    if (x === 0) ll += t1;
    else {
      const t2 = lbeta(a + 1, b + x - 1) - lbeta(a, b) + common - (r + x) * Math.log(alpha + tx);
      const m = Math.max(t1, t2);
      ll += m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m));
    }
  }
  return ll;
};
const nl = time("one log-likelihood, per-customer log-gamma (baseline)", naiveLl, 9);
show(nl);
show(time("one log-likelihood, bgNbdLogLikelihood (tabulated, grouped)", () => bgNbdLogLikelihood(p, summary), 9), nl);
show(time("fitBgNbd (fit + standard errors)", () => fitBgNbd(summary)));
console.log(`  memory added by one fitBgNbd call: ${memDuring(() => fitBgNbd(summary)).mb.toFixed(1)} MB`);
show(time("fitGammaGamma (fit + standard errors)", () => fitGammaGamma(summary)));

// --- fits from the RFM histogram ----------------------------------------------------------------
// The same likelihood with one term per distinct (x, t_x, T) (and (x, m) for Gamma-Gamma), weighted
// by its count; the baseline is the fit from the per-customer rows above.
{
  const hist = rfmHistogram(summary);
  console.log(`\nfits from the RFM histogram of CDNOW_master (${hist.count.length} distinct (x, t_x, T) of ${summary.customers} customers; ${hist.spend.count.length} distinct (x, m) of ${summary.repeatCustomers} repeat buyers; ${(JSON.stringify(hist).length / 1e3).toFixed(0)} kB as JSON)`);
  show(time("rfmHistogram(summary)", () => rfmHistogram(summary), 9));
  const halves = [0, 1].map((k) => rfmHistogram(master.filter((t) => Number(t.id) % 2 === k), opts));
  show(time("mergeRfmHistograms(two customer shards)", () => mergeRfmHistograms(...halves), 9));
  const bgRows = time("fitBgNbd(summary) (per-customer rows, baseline)", () => fitBgNbd(summary), 5);
  show(bgRows);
  const bgHist = time("fitBgNbd(histogram)", () => fitBgNbd(hist), 5);
  show(bgHist, bgRows);
  const ggRows = time("fitGammaGamma(summary) (per-customer rows, baseline)", () => fitGammaGamma(summary), 5);
  show(ggRows);
  const ggHist = time("fitGammaGamma(histogram)", () => fitGammaGamma(hist), 5);
  show(ggHist, ggRows);
  const rel = (k) => Math.abs(bgHist.out[k] / bgRows.out[k] - 1).toExponential(1);
  console.log(`  relative differences of r, alpha, a, b: ${["r", "alpha", "a", "b"].map(rel).join(", ")}; of the log-likelihood: ${Math.abs(bgHist.out.logLikelihood / bgRows.out.logLikelihood - 1).toExponential(1)}`);
}

for (const n of [1e5, CUSTOMERS]) {
  const T = Float64Array.from({ length: n }, (_, i) => 26 + (i % 27));
  const sim = simulateBgNbd(p, { customers: n, T, seed: 11 });
  console.log(`\nfitBgNbd on ${n.toExponential(0)} simulated customers (the Python package lifetimes: ~1.4 s for 1e5 here)`);
  show(time("fitBgNbd", () => fitBgNbd(sim), n > 5e5 ? 1 : 3));
  console.log(`  memory added by one fitBgNbd call: ${memDuring(() => fitBgNbd(sim)).mb.toFixed(1)} MB (the input columns: ${((n * 3 * 8) / 1e6).toFixed(0)} MB)`);
}
