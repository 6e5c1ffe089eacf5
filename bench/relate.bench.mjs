// Benchmarks for correlations. Prints times and ratios against baselines measured in the same run.
// Run with `npm run build && node --expose-gc bench/relate.bench.mjs`. BENCH_PAIRS (default 1e6),
// BENCH_KENDALL (default 1e6), BENCH_ROUNDS (default 5). The Kendall section runs scipy's
// kendalltau on the same pairs through bench/peers/kendall.py (python3 with scipy; skipped visibly
// when absent), one call per round alternated with cx-metrics, and compares CPU times. With
// KENDALL_BASELINE=/path/to/other/dist/index.js it also times that build's kendall (before/after).
import { sampleCorrelation, sampleRankCorrelation } from "simple-statistics";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kendall, pearson, spearman } from "../dist/index.js";

const N = Number(process.env.BENCH_PAIRS ?? 1e6);
const K = Number(process.env.BENCH_KENDALL ?? 1e6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
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

// Kendall against scipy's kendalltau on the same pairs, and optionally another build's kendall
// (before/after), in alternated rounds; CPU time (the machine may be shared).
const kx = K <= N ? x.subarray(0, K) : Float64Array.from({ length: K }, () => normal());
const ky = K <= N ? y.subarray(0, K) : Float64Array.from(kx, (v) => 0.3 * v + normal());
console.log(`\nKendall tau-b on ${K.toExponential(0)} pairs (CPU ms, median of ${ROUNDS} alternated rounds)`);
const baseline = process.env.KENDALL_BASELINE ? (await import(process.env.KENDALL_BASELINE)).kendall : null;
const dir = mkdtempSync(join(tmpdir(), "cx-kendall-"));
const file = join(dir, "pairs.f64");
const both = new Float64Array(2 * K);
both.set(kx);
both.set(ky, K);
writeFileSync(file, new Uint8Array(both.buffer));
const cpuMs = (fn) => {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, out };
};
/** scipy's kendalltau in a python3 process (its own CPU clock around the call); null when unavailable. */
function scipyRound() {
  const r = spawnSync("python3", [new URL("./peers/kendall.py", import.meta.url).pathname, file, "1"], { encoding: "utf8" });
  if (r.status !== 0) return { error: (r.stderr || String(r.error)).trim().split("\n").pop() };
  const o = JSON.parse(r.stdout);
  return { ms: o.ms[0], tau: o.tau, p: o.p, version: `scipy ${o.scipy}, numpy ${o.numpy}` };
}
function cxRound() {
  return cpuMs(() => kendall(kx, ky));
}
function baselineRound() {
  return cpuMs(() => baseline(kx, ky));
}
// warm-up (JIT) of the JavaScript sides; scipy's kernels are compiled code
cxRound();
if (baseline) baselineRound();
const cx = [];
const base = [];
const peer = [];
let peerError = null;
let cxOut;
let peerOut;
for (let round = 0; round < ROUNDS; round++) {
  const c = cxRound();
  cx.push(c.ms);
  cxOut = c.out;
  if (baseline) base.push(baselineRound().ms);
  if (peerError === null) {
    const p = scipyRound();
    if (p.error) peerError = p.error;
    else {
      peer.push(p.ms);
      peerOut = p;
    }
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (v) => v.slice().sort((a, b) => a - b)[v.length >> 1];
const kline = (label, ms, extra = "") => console.log(`  ${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms ${((ms * 1e6) / K).toFixed(1).padStart(7)} ns/pair${extra}`);
kline("kendall (radix sorts, Fenwick inversions)", median(cx));
if (baseline) kline("KENDALL_BASELINE kendall", median(base), `  kendall / baseline: ${(median(cx) / median(base)).toFixed(2)}x`);
if (peerError !== null && peer.length === 0) console.log(`  scipy kendalltau: skipped (${peerError})`);
else {
  kline(`scipy kendalltau (${peerOut.version})`, median(peer), `  kendall / scipy: ${(median(cx) / median(peer)).toFixed(2)}x`);
  console.log(`  ${"".padEnd(52)} per round: ${cx.map((v, i) => (v / peer[i]).toFixed(2)).join(" ")}; tau ${cxOut.r} vs ${peerOut.tau}`);
}
const m = 5000;
const brute = time(() => {
  let s = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) s += Math.sign(kx[i] - kx[j]) * Math.sign(ky[i] - ky[j]);
  return s;
}, 3);
const scaled = (brute.ms * (K * (K - 1))) / (m * (m - 1));
console.log(`  O(n²) pair loop on ${m} pairs: ${brute.ms.toFixed(1)} ms, scaled to ${K.toExponential(0)} pairs: ${(scaled / 1000).toFixed(1)} s  (${(scaled / median(cx)).toFixed(0)}x slower)`);
