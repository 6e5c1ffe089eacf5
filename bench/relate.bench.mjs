// Benchmarks for correlations. Prints times and ratios against baselines measured in the same run.
// Run with `npm run build && node bench/relate.bench.mjs`. BENCH_PAIRS (default 1e6), BENCH_KENDALL
// (default 1e5).
import { sampleCorrelation, sampleRankCorrelation } from "simple-statistics";
import { kendall, pearson, spearman } from "../dist/index.js";

const N = Number(process.env.BENCH_PAIRS ?? 1e6);
const K = Number(process.env.BENCH_KENDALL ?? 1e5);
let seed = 99;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
function time(fn, reps = 5) {
  const ts = [];
  let out;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { ms: ts[ts.length >> 1], out };
}
const line = (label, r, base, count) =>
  console.log(`  ${label.padEnd(52)} ${r.ms.toFixed(1).padStart(8)} ms ${((r.ms * 1e6) / count).toFixed(1).padStart(7)} ns/pair${base ? `  ${(r.ms / base.ms).toFixed(2).padStart(6)}x simple-statistics` : ""}`);

console.log(`node ${process.version}`);
const x = new Float64Array(N);
const y = new Float64Array(N);
for (let i = 0; i < N; i++) {
  x[i] = normal();
  y[i] = 0.3 * x[i] + normal();
}
const xs = Array.from(x);
const ys = Array.from(y);
console.log(`\nPearson and Spearman on ${N.toExponential(0)} pairs (plain arrays for simple-statistics, Float64Array for cx-metrics)`);
const ss = time(() => sampleCorrelation(xs, ys));
line("simple-statistics sampleCorrelation (r only)", ss, null, N);
const pe = time(() => pearson(x, y));
line("pearson (r, interval, p-value)", pe, ss, N);
line("pearson on number[]", time(() => pearson(xs, ys)), ss, N);
// Spearman ranks first (two sorts), so its fair baseline is simple-statistics' rank correlation.
const ssr = time(() => sampleRankCorrelation(xs, ys), 3);
console.log(`  ${"simple-statistics sampleRankCorrelation (r only)".padEnd(52)} ${ssr.ms.toFixed(1).padStart(8)} ms ${((ssr.ms * 1e6) / N).toFixed(1).padStart(7)} ns/pair`);
const sp = time(() => spearman(x, y), 3);
line("spearman (ranks, r, interval, p-value)", sp, ss, N);
console.log(`  ${"".padEnd(52)} spearman / sampleRankCorrelation: ${(sp.ms / ssr.ms).toFixed(2)}x; r ${sp.out.r.toFixed(12)} vs ${ssr.out.toFixed(12)}`);

// Accuracy on offset data: x = 1e9 + z. The reference subtracts 1e9 again, which is exact in double
// arithmetic (Sterbenz), so it is the r of the very same stored values without the offset.
const off = 1e9;
const xo = x.map((v) => off + v);
const exact = pearson(xo.map((v) => v - off), y).r;
console.log(`\nAccuracy with an offset of 1e9 (x = 1e9 + z): |r − r of the same values without the offset|`);
console.log(`  simple-statistics: ${Math.abs(sampleCorrelation(Array.from(xo), ys) - exact).toExponential(2)}`);
console.log(`  pearson:           ${Math.abs(pearson(xo, y).r - exact).toExponential(2)}`);

// Kendall: O(n log n) against the O(n²) definition, measured on a sample and scaled.
console.log(`\nKendall tau-b on ${K.toExponential(0)} pairs`);
const kx = x.subarray(0, K);
const ky = y.subarray(0, K);
const kt = time(() => kendall(kx, ky), 3);
line("kendall (Knight, O(n log n))", kt, null, K);
const m = 5000;
const brute = time(() => {
  let s = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) s += Math.sign(kx[i] - kx[j]) * Math.sign(ky[i] - ky[j]);
  return s;
}, 3);
const scaled = (brute.ms * (K * (K - 1))) / (m * (m - 1));
console.log(`  O(n²) pair loop on ${m} pairs: ${brute.ms.toFixed(1)} ms, scaled to ${K.toExponential(0)} pairs: ${(scaled / 1000).toFixed(1)} s  (${(scaled / kt.ms).toFixed(0)}x slower)`);
