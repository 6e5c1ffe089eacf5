// Benchmarks for support metrics. Prints times and ratios against baselines measured in the same
// run. Run with `npm run build && node bench/support.bench.mjs`. BENCH_TICKETS (default 1e5).
import { businessCalendar, firstReplyTime, slaAttainment } from "../dist/index.js";

const N = Number(process.env.BENCH_TICKETS ?? 1e5);
let seed = 11;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
function time(fn, reps = 3) {
  const ts = [];
  let out = fn(); // warm-up, untimed
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { ms: ts[ts.length >> 1], out };
}
console.log(`node ${process.version}`);

// Tickets over two years as epoch ms; 5% still waiting; replies within 0–72 h.
const H = 3_600_000;
const t0 = Date.UTC(2024, 0, 1);
const created = new Float64Array(N);
const reply = new Float64Array(N);
for (let i = 0; i < N; i++) {
  created[i] = t0 + Math.floor(rand() * 730 * 24 * 60) * 60_000;
  reply[i] = rand() < 0.05 ? Number.NaN : created[i] + rand() * 72 * H;
}
const idx = Int32Array.from({ length: N }, (_, i) => i);
const asOf = t0 + 731 * 24 * H;
const acc = { created: (i) => created[i], firstReply: (i) => (Number.isNaN(reply[i]) ? null : reply[i]), asOf };

// Baseline: what a hand loop would compute: calendar durations of the answered tickets, sorted,
// mean and 90th percentile (it ignores the waiting tickets, which the library reports and censors).
const base = time(() => {
  const d = new Float64Array(N);
  let n = 0;
  let s = 0;
  for (let i = 0; i < N; i++) if (reply[i] <= asOf) (s += d[n++] = (reply[i] - created[i]) / H); // NaN (waiting) fails the test
  const sorted = d.subarray(0, n).sort();
  return { mean: s / n, p90: sorted[Math.floor(0.9 * (n - 1))] };
});
const cal = time(() => firstReplyTime(idx, acc));
console.log(`firstReplyTime, calendar time, ${N} tickets: ${cal.ms.toFixed(1)} ms (${((cal.ms * 1e6) / N).toFixed(0)} ns/ticket), hand loop (durations, sort, mean, p90) ${base.ms.toFixed(1)} ms; ratio ${(cal.ms / base.ms).toFixed(1)}x (the library adds date checks, the open tickets and a Kaplan–Meier curve)`);
console.log(`  mean ${cal.out.mean.toFixed(4)} h vs hand loop ${base.out.mean.toFixed(4)} h`);

const week = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "12:30"], ["13:30", "18:00"]]]));
const paris = businessCalendar({ timeZone: "Europe/Paris", week, holidays: ["2024-05-01", "2024-12-25", "2025-05-01", "2025-12-25"] });
const bus = time(() => firstReplyTime(idx, { ...acc, calendar: paris }));
console.log(`firstReplyTime, business time (Europe/Paris, lunch break, holidays), ${N} tickets: ${bus.ms.toFixed(1)} ms (${((bus.ms * 1e6) / N).toFixed(0)} ns/ticket) = ${(bus.ms / cal.ms).toFixed(2)}x calendar time`);
const sla = time(() => slaAttainment(idx, { ...acc, metric: "firstReply", target: 8, calendar: paris }));
console.log(`slaAttainment, business time, ${N} tickets: ${sla.ms.toFixed(1)} ms; attainment ${sla.out.attainment.toFixed(4)}`);
