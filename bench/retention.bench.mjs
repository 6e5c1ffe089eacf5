// Benchmarks for retention. Prints times and ratios against baselines measured in the same run.
// Run with `npm run build && node --expose-gc bench/retention.bench.mjs`. BENCH_SUBS (default 1e6),
// BENCH_KM (default 1e6), BENCH_ROUNDS (default 7), BENCH_BEFORE (a second dist, for before/after).
import { churnSeries, kaplanMeier, kaplanMeierSummary } from "../dist/index.js";

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
// Two shapes: 1,000 distinct whole times (the counting path) and all distinct (the radix sort).
// CPU time (process.cpuUsage), median of alternated rounds; BENCH_BEFORE=<a dist directory> adds
// another build (e.g. main's) to the same rounds for before/after ratios.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fewTimes = Float64Array.from({ length: KM }, () => Math.floor(rand() * 1000));
const allTimes = Float64Array.from({ length: KM }, () => rand() * 1000);
const events = Uint8Array.from({ length: KM }, () => (rand() < 0.7 ? 1 : 0));
// Baseline: a counting pass over whole times 0..999 (known in advance) and the product over them:
// no validation, no hashing, no sort — the floor for 1,000 distinct times.
function kmCountingPass(t, e) {
  const d = new Float64Array(1000);
  const c = new Float64Array(1000);
  for (let i = 0; i < t.length; i++) {
    const k = t[i];
    if (e[i]) d[k]++;
    else c[k]++;
  }
  let s = 1;
  let atRisk = t.length;
  for (let j = 0; j < 1000; j++) {
    if (d[j] > 0) s *= 1 - d[j] / atRisk;
    atRisk -= d[j] + c[j];
  }
  return s;
}
// Baseline for all distinct: the native sort of a copy of the durations, nothing else.
function kmNativeSort(t) {
  return Float64Array.from(t).sort()[0];
}
const before = process.env.BENCH_BEFORE ? await import(`${process.env.BENCH_BEFORE.replace(/\/$/, "")}/index.js`) : undefined;
const kmCases = {
  "counting pass (floor)": () => kmCountingPass(fewTimes, events),
  "kaplanMeier, 1,000 times": () => kaplanMeier(fewTimes, events),
  "kaplanMeierSummary, 1,000 times": () => kaplanMeierSummary(fewTimes, events),
  ...(before && {
    "before: kaplanMeier, 1,000 times": () => before.kaplanMeier(fewTimes, events),
    "before: kaplanMeierSummary, 1,000 times": () => before.kaplanMeierSummary(fewTimes, events),
  }),
  // the all-distinct cases last in a round: their sorts (tens of MB) evict the caches
  "native sort, all distinct": () => kmNativeSort(allTimes),
  "kaplanMeier, all distinct": () => kaplanMeier(allTimes, events),
  ...(before && { "before: kaplanMeier, all distinct": () => before.kaplanMeier(allTimes, events) }),
};
const kmRounds = Number(process.env.BENCH_ROUNDS ?? 7);
const kmTimes = Object.fromEntries(Object.keys(kmCases).map((k) => [k, []]));
for (let r = 0; r < kmRounds; r++) {
  for (const [name, f] of Object.entries(kmCases)) {
    globalThis.gc?.();
    const c0 = cpuMs();
    f();
    kmTimes[name].push(cpuMs() - c0);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const floor = median(kmTimes["counting pass (floor)"]);
console.log(`\nKaplan–Meier on ${KM.toExponential(0)} subjects, CPU ns/subject (median of ${kmRounds} alternated rounds)`);
for (const [name, ts] of Object.entries(kmTimes)) {
  const m = median(ts);
  console.log(`  ${name.padEnd(40)} ${((m * 1e6) / KM).toFixed(1).padStart(7)} ns  ${(m / floor).toFixed(2)}x the counting pass`);
}
if (before) {
  for (const k of ["kaplanMeier, 1,000 times", "kaplanMeier, all distinct", "kaplanMeierSummary, 1,000 times"]) {
    console.log(`  after/before, ${k.padEnd(32)} ${(median(kmTimes[k]) / median(kmTimes[`before: ${k}`])).toFixed(2)}x`);
  }
}
const few = kaplanMeier(fewTimes, events);
console.log(`  final survival agrees with the counting pass: ${Math.abs(few.survival[few.survival.length - 1] - kmCountingPass(fewTimes, events)) < 1e-12}`);
