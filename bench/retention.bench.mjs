// Benchmarks for retention. Prints times and ratios against baselines measured in the same run.
// Run with `npm run build && node bench/retention.bench.mjs`. BENCH_SUBS (default 1e6), BENCH_KM
// (default 1e6).
import { churnSeries, kaplanMeier } from "../dist/index.js";

const SUBS = Number(process.env.BENCH_SUBS ?? 1e6);
const KM = Number(process.env.BENCH_KM ?? 1e6);
let seed = 5;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
function time(fn, reps = 3) {
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
console.log(`node ${process.version}`);

// --- churn series: 1e6 subscription rows, 36 months ------------------------------------------
const DAY = 86_400_000;
const t0 = Date.UTC(2021, 0, 1);
const starts = new Float64Array(SUBS);
const ends = new Float64Array(SUBS);
for (let i = 0; i < SUBS; i++) {
  starts[i] = t0 + Math.floor(rand() * 1100) * DAY;
  ends[i] = rand() < 0.4 ? Infinity : starts[i] + (1 + Math.floor(rand() * 700)) * DAY;
}
const idx = Int32Array.from({ length: SUBS }, (_, i) => i);
const opts = {
  customerId: (i) => i,
  start: (i) => starts[i],
  end: (i) => (ends[i] === Infinity ? null : ends[i]),
  from: "2021-01-01",
  to: "2024-01-01",
  period: "month",
};
// Baseline: the same counts (start, end, churned) by a per-month scan of the rows, without merging
// or validation — the simplest correct loop; a per-customer-per-day loop would be 30× slower still.
const monthStarts = Array.from({ length: 37 }, (_, m) => Date.UTC(2021, m, 1));
const baseline = () => {
  const out = [];
  for (let m = 0; m < 36; m++) {
    const F = monthStarts[m];
    const T = monthStarts[m + 1];
    let atStart = 0;
    let churned = 0;
    for (let i = 0; i < SUBS; i++) {
      if (starts[i] < F && ends[i] >= F) atStart++;
      if (ends[i] >= F && ends[i] < T) churned++;
    }
    out.push(churned / atStart);
  }
  return out;
};
console.log(`\nchurnSeries by month over 36 months, ${SUBS.toExponential(0)} subscription rows`);
const base = time(baseline, 1);
console.log(`  per-month scan of the rows (2 counts, no merging)   ${base.ms.toFixed(0).padStart(7)} ms`);
const ours = time(() => churnSeries(idx, opts), 1);
console.log(`  churnSeries (read, merge, 8 counts, 4 rates)        ${ours.ms.toFixed(0).padStart(7)} ms  ${(ours.ms / base.ms).toFixed(2)}x the scan`);
const check = baseline();
// (the first month has no customers at its start: null here, x/0 in the scan)
const agree = ours.out.every((m, k) => (m.rates.events === null ? !Number.isFinite(check[k]) : Math.abs(m.rates.events - check[k]) < 1e-12));
console.log(`  the event rates agree with the scan: ${agree}`);

// --- Kaplan–Meier on 1e6 durations --------------------------------------------------------------
const durations = Float64Array.from({ length: KM }, () => Math.floor(rand() * 1000));
const events = Uint8Array.from({ length: KM }, () => (rand() < 0.7 ? 1 : 0));
// Baseline: sort (native) and a product over the distinct times, no variance or band.
const kmBaseline = () => {
  const order = Array.from({ length: KM }, (_, i) => i).sort((a, b) => durations[a] - durations[b]);
  let atRisk = KM;
  let s = 1;
  for (let k = 0; k < KM; ) {
    const t = durations[order[k]];
    let d = 0;
    let j = k;
    while (j < KM && durations[order[j]] === t) d += events[order[j++]];
    s *= 1 - d / atRisk;
    atRisk -= j - k;
    k = j;
  }
  return s;
};
console.log(`\nkaplanMeier on ${KM.toExponential(0)} durations (1,000 distinct times)`);
const kb = time(kmBaseline);
console.log(`  comparator sort + product (survival only)           ${kb.ms.toFixed(0).padStart(7)} ms`);
const km = time(() => kaplanMeier(durations, events));
console.log(`  kaplanMeier (radix sort, se, band, medians)         ${km.ms.toFixed(0).padStart(7)} ms  ${(km.ms / kb.ms).toFixed(2)}x the baseline`);
console.log(`  final survival agrees: ${Math.abs(km.out.survival[km.out.survival.length - 1] - kb.out) < 1e-12}`);
