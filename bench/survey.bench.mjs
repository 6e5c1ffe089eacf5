// Benchmarks for the survey metrics. Prints, in one run, each candidate's time per element and its
// ratio to a baseline measured in the same process. Run with `npm run bench` (after `npm run build`).
// Medians of several repetitions; the first repetitions warm up the JIT.
//
// Environment: BENCH_N (scores, default 1e7), BENCH_ROWS (rows, default 1e6), BENCH_REPS (default 7).
import { nps, csat, ces } from "../dist/index.js";

const N = Number(process.env.BENCH_N ?? 1e7);
const ROWS = Number(process.env.BENCH_ROWS ?? 1e6);
const REPS = Number(process.env.BENCH_REPS ?? 7);

// Realistic answer distribution for 0..10 (skewed to 8-10, as in published NPS data).
const PROBS = [0.02, 0.01, 0.01, 0.01, 0.01, 0.03, 0.03, 0.09, 0.22, 0.22, 0.35];
let seed = 12345;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
function draw() {
  let u = rand();
  for (let s = 0; s < PROBS.length; s++) {
    u -= PROBS[s];
    if (u < 0) return s;
  }
  return 10;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

let sink = 0;
function time(fn) {
  const times = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = process.hrtime.bigint();
    sink += fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

function report(title, count, baselineName, entries) {
  console.log(`\n${title}`);
  const base = entries.find((e) => e.name === baselineName).ms;
  for (const e of entries) {
    const ns = (e.ms * 1e6) / count;
    console.log(`  ${e.name.padEnd(44)} ${e.ms.toFixed(1).padStart(8)} ms  ${ns.toFixed(2).padStart(7)} ns/elem  ${(e.ms / base).toFixed(2).padStart(6)}x ${baselineName}`);
  }
}

// Baselines: hand-written loops, one closure per array kind so each stays monomorphic.
const makeBranchless = () => (a) => {
  let p = 0, d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    p += (s >= 9) | 0;
    d += (s <= 6) | 0;
  }
  return p - d;
};
const makeIfElse = () => (a) => {
  let p = 0, d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    if (s >= 9) p++;
    else if (s <= 6) d++;
  }
  return p - d;
};

console.log(`node ${process.version}; ${N.toExponential(0)} scores, ${ROWS.toExponential(0)} rows, median of ${REPS}`);

const arr = new Array(N);
for (let i = 0; i < N; i++) arr[i] = draw();
const u8 = Uint8Array.from(arr);
const f64 = Float64Array.from(arr);

for (const [label, data] of [["Uint8Array", u8], ["Float64Array", f64], ["number[]", arr]]) {
  const branchless = makeBranchless();
  const ifElse = makeIfElse();
  // check agreement before timing
  const r = nps(data);
  if (r.promoters - r.detractors !== branchless(data)) throw new Error("nps disagrees with the baseline");
  report(`nps(${label}) on ${N.toExponential(0)} scores`, N, "branchless loop", [
    { name: "branchless loop", ms: time(() => branchless(data)) },
    { name: "if/else loop", ms: time(() => ifElse(data)) },
    { name: "nps(values)", ms: time(() => nps(data).value) },
  ]);
}

const channels = ["email", "web", "phone", "chat"];
const rows = Array.from({ length: ROWS }, (_, i) => ({ score: arr[i], channel: channels[i & 3] }));
report(`nps(rows, accessor) on ${ROWS.toExponential(0)} { score, channel } rows`, ROWS, "hand loop", [
  {
    name: "hand loop",
    ms: time(() => {
      let p = 0, d = 0;
      for (let i = 0; i < rows.length; i++) {
        const s = rows[i].score;
        p += (s >= 9) | 0;
        d += (s <= 6) | 0;
      }
      return p - d;
    }),
  },
  { name: "nps(rows, r => r.score)", ms: time(() => nps(rows, (r) => r.score).value) },
  {
    name: "naive rows.filter(...).length",
    ms: time(() => {
      const n = rows.length;
      return (rows.filter((r) => r.score >= 9).length - rows.filter((r) => r.score <= 6).length) / n;
    }),
  },
]);

// Weighted and other metrics, for reference (no target).
const weights = new Float64Array(N).fill(1.5);
const csatData = Uint8Array.from(arr.slice(0, ROWS), (s) => 1 + (s >> 1) - (s === 10 ? 1 : 0));
const cesData = Uint8Array.from(arr.slice(0, ROWS), (s) => 1 + Math.round((s * 6) / 10));
report("other paths (for reference)", ROWS, "csat(Uint8Array)", [
  { name: "csat(Uint8Array)", ms: time(() => csat(csatData).value) },
  { name: "ces(Uint8Array)", ms: time(() => ces(cesData).mean) },
  { name: "nps(Float64Array, { weights }) per 1e6", ms: time(() => nps(f64.subarray(0, ROWS), { weights: weights.subarray(0, ROWS) }).value) },
]);

// Memory: bytes allocated while nps runs on each input (GC forced before; none forced during).
// nps must not copy its input: a copy of the 1e7 doubles would show as +80 MB.
if (typeof globalThis.gc === "function") {
  console.log("\nmemory allocated during one call (heapUsed + arrayBuffers growth; input sizes for scale)");
  for (const [label, data, bytes] of [
    ["Uint8Array", u8, u8.byteLength],
    ["Float64Array", f64, f64.byteLength],
    ["number[]", arr, arr.length * 8],
  ]) {
    globalThis.gc();
    const before = process.memoryUsage();
    sink += nps(data).value;
    const after = process.memoryUsage();
    const grown = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
    console.log(`  nps(${label.padEnd(12)}) input ${(bytes / 1e6).toFixed(0).padStart(4)} MB, allocated ${(grown / 1e3).toFixed(1).padStart(8)} kB`);
  }
} else {
  console.log("\n(run with node --expose-gc for the memory figures)");
}
if (sink === 0.123) console.log(sink);
