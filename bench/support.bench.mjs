// Benchmarks for support metrics. Prints times and ratios against baselines measured in the same
// run. Run with `npm run build && node bench/support.bench.mjs`. BENCH_TICKETS (default 1e5),
// BENCH_BIG (default 1e6), BENCH_SAMPLE (tickets for the minute-stepping baseline, default 40),
// BENCH_LONG (tickets of 0–90 days for the fast-path section, default 1e5), BENCH_DURATION (tickets
// of the prefix-sum section, default 1e6), BENCH_DUE (tickets of the addBusinessTime section,
// default 1e6), BENCH_BEFORE (a dist/ directory of an earlier build whose businessDuration and
// addBusinessTime those sections also time, e.g. main's built into /tmp), BENCH_ONLY=duration or
// BENCH_ONLY=due (run only that section).
import { tzOffset } from "@date-fns/tz";
import { addBusinessTime, businessCalendar, businessDuration, firstReplyTime, resolutionTime, slaAttainment } from "../dist/index.js";
// the day-by-day paths that business time used before the fast path (internal, kept as the reference)
import { dueAt, workBetween, workBetweenByDay } from "../dist/support/calendar.js";

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

// --- business duration, 1e6 tickets, against an O(1) prefix sum over cached days ------------------
// Europe/Paris, 09:00–12:30 and 13:30–18:00 Monday to Friday, four holidays; tickets start on any
// minute of 640 days from 2024-01-01 and last 8 hours, or 0–90 days. The baseline is a hand-written
// prefix sum (no input checks): per UTC day the work before its midnight and the day's intervals,
// laid out once outside the timing; a ticket is two look-ups, a difference and the two partial
// days. Alternated rounds; medians; CPU-bound, so ratios are what to read on a shared machine.
const PS_DAY = 86_400_000;
const PS_H = 3_600_000;
const PS_ORIGIN = Date.UTC(2023, 11, 20); // UTC day 0 of the baseline's table
const PS_DAYS = 760;
const psHolidays = new Set(["2024-05-01", "2024-12-25", "2025-05-01", "2025-12-25"]);
// the baseline's tables: intervals as instants (Paris changes offset at 01:00 UTC, so the offset at
// 12:00 UTC is that of the whole working day), `psCum[k]` the work before interval k, `psFirst[u]`
// the first interval ending after UTC midnight of day u
function psBuild() {
  const starts = [];
  const ends = [];
  for (let d = 0; d < PS_DAYS; d++) {
    const midnight = PS_ORIGIN + d * PS_DAY;
    const dow = new Date(midnight).getUTCDay();
    if (dow === 0 || dow === 6 || psHolidays.has(new Date(midnight).toISOString().slice(0, 10))) continue;
    const off = tzOffset("Europe/Paris", new Date(midnight + 12 * PS_H)) * 60_000;
    for (const [a, b] of [[540, 750], [810, 1080]]) {
      starts.push(midnight + a * 60_000 - off);
      ends.push(midnight + b * 60_000 - off);
    }
  }
  starts.push(Infinity);
  ends.push(Infinity);
  const cum = new Float64Array(starts.length);
  for (let k = 1; k < starts.length; k++) cum[k] = cum[k - 1] + (ends[k - 1] - starts[k - 1]);
  const first = new Int32Array(PS_DAYS);
  for (let u = 0, k = 0; u < PS_DAYS; u++) {
    while (ends[k] <= PS_ORIGIN + u * PS_DAY) k++;
    first[u] = k;
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), cum, first };
}
const PS = psBuild();
function psBefore(t) {
  const ends = PS.ends;
  let k = PS.first[Math.floor((t - PS_ORIGIN) / PS_DAY)];
  while (ends[k] <= t) k++;
  const a = PS.starts[k];
  return t > a ? PS.cum[k] + (t - a) : PS.cum[k];
}
function psLoop(s, e) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += psBefore(e[i]) - psBefore(s[i]);
  return sum;
}
function durationLoop(s, e, cal) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += businessDuration(s[i], e[i], cal);
  return sum;
}
function beforeLoop(f, s, e, cal) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += f(s[i], e[i], cal);
  return sum;
}
function kernelLoop(s, e, cal) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += workBetween("bench", cal, s[i], e[i]);
  return sum;
}
if (process.env.BENCH_ONLY !== "due") {
  const M = Number(process.env.BENCH_DURATION ?? 1e6);
  const before = process.env.BENCH_BEFORE ? await import(`${process.env.BENCH_BEFORE.replace(/\/$/, "")}/index.js`) : undefined;
  const psWeek = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "12:30"], ["13:30", "18:00"]]]));
  const spec = { timeZone: "Europe/Paris", week: psWeek, holidays: [...psHolidays] };
  const from = Date.UTC(2024, 0, 1);
  let r = 7;
  const rnd = () => ((r = (Math.imul(r, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (const [label, span] of [["8-hour", () => 8 * 60], ["0–90-day", () => Math.floor(rnd() * 90 * 1440)]]) {
    const s = new Float64Array(M);
    const e = new Float64Array(M);
    for (let i = 0; i < M; i++) {
      s[i] = from + Math.floor(rnd() * 640 * 1440) * 60_000;
      e[i] = s[i] + span() * 60_000;
    }
    const cal = businessCalendar(spec);
    const calBefore = before ? before.businessCalendar(spec) : undefined;
    // first pass: a new calendar, its table grown on demand (untimed in the rounds below)
    let t = performance.now();
    const firstSum = durationLoop(s, e, cal);
    const firstMs = performance.now() - t;
    const expected = psLoop(s, e);
    const times = { base: [], after: [], kernel: [], before: [] };
    let sums = { after: firstSum, kernel: 0, before: calBefore ? beforeLoop(before.businessDuration, s, e, calBefore) : expected };
    for (let round = 0; round < 5; round++) {
      global.gc?.();
      t = performance.now();
      psLoop(s, e);
      times.base.push(performance.now() - t);
      t = performance.now();
      sums.after = durationLoop(s, e, cal);
      times.after.push(performance.now() - t);
      t = performance.now();
      sums.kernel = kernelLoop(s, e, cal);
      times.kernel.push(performance.now() - t);
      if (calBefore) {
        t = performance.now();
        sums.before = beforeLoop(before.businessDuration, s, e, calBefore);
        times.before.push(performance.now() - t);
      }
    }
    const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
    const ns = (ms) => ((ms * 1e6) / M).toFixed(0);
    const b = med(times.base);
    const equal = sums.after === expected && sums.kernel === expected && sums.before === expected && firstSum === expected;
    console.log(
      `businessDuration, ${M} ${label} tickets (Europe/Paris, lunch break, holidays): prefix-sum baseline ${ns(b)} ns/ticket; ` +
        `businessDuration ${ns(med(times.after))} ns (${(med(times.after) / b).toFixed(2)}x); workBetween (no input checks) ${ns(med(times.kernel))} ns (${(med(times.kernel) / b).toFixed(2)}x); ` +
        (calBefore ? `before (BENCH_BEFORE) ${ns(med(times.before))} ns (${(med(times.before) / b).toFixed(2)}x); ` : "") +
        `first pass on a new calendar (table grown on demand) ${ns(firstMs)} ns; ${equal ? "equal totals" : "MISMATCH"}`,
    );
  }
}
if (process.env.BENCH_ONLY === "duration") process.exit(0);

// --- addBusinessTime, 1e6 tickets, against a prefix-sum floor -------------------------------------
// The calendar, starts and tables of the section above; durations of 8 working hours, or the working
// time of 0–90 calendar days (from the baseline's tables). The floor is a hand-written search (no
// input checks): the work before the start plus the duration is the target; a binary search on a
// Float64Array of the work before each UTC midnight finds the last day that starts short of it, and
// a walk over that day's intervals the instant. CPU time (process.cpuUsage), alternated rounds,
// medians; BENCH_BEFORE adds an earlier build's addBusinessTime to the same rounds.
const psDayCum = Float64Array.from({ length: PS_DAYS }, (_, u) => psBefore(PS_ORIGIN + u * PS_DAY));
function psDue(s, d) {
  if (d === 0) return s;
  const target = psBefore(s) + d;
  let lo = 0;
  let hi = PS_DAYS;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (psDayCum[m] < target) lo = m;
    else hi = m;
  }
  const cum = PS.cum;
  let k = PS.first[lo];
  while (cum[k + 1] < target) k++;
  return PS.starts[k] + (target - cum[k]);
}
function psDueLoop(s, d) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += psDue(s[i], d[i]) - s[i];
  return sum;
}
function dueLoop(add, s, d, cal) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += add(s[i], d[i], cal) - s[i];
  return sum;
}
if (process.env.BENCH_ONLY === undefined || process.env.BENCH_ONLY === "due") {
  const M = Number(process.env.BENCH_DUE ?? 1e6);
  const before = process.env.BENCH_BEFORE ? await import(`${process.env.BENCH_BEFORE.replace(/\/$/, "")}/index.js`) : undefined;
  const psWeek = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "12:30"], ["13:30", "18:00"]]]));
  const spec = { timeZone: "Europe/Paris", week: psWeek, holidays: [...psHolidays] };
  const from = Date.UTC(2024, 0, 1);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let r = 13;
  const rnd = () => ((r = (Math.imul(r, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (const [label, duration] of [["8-hour", () => 8 * PS_H], ["0–90-day", (s) => psBefore(s + Math.floor(rnd() * 90 * 1440) * 60_000) - psBefore(s)]]) {
    const s = new Float64Array(M);
    const d = new Float64Array(M);
    for (let i = 0; i < M; i++) {
      s[i] = from + Math.floor(rnd() * 640 * 1440) * 60_000;
      d[i] = duration(s[i]);
    }
    const cal = businessCalendar(spec);
    const calBefore = before ? before.businessCalendar(spec) : undefined;
    // first pass: a new calendar, its table grown on demand; then every due instant against the floor's
    let t = cpuMs();
    dueLoop(addBusinessTime, s, d, cal);
    const firstMs = cpuMs() - t;
    let mismatches = 0;
    for (let i = 0; i < M; i++) if (addBusinessTime(s[i], d[i], cal) !== psDue(s[i], d[i])) mismatches++;
    const expected = psDueLoop(s, d);
    const times = { base: [], after: [], before: [] };
    const sums = { after: 0, before: expected };
    for (let round = 0; round < 5; round++) {
      global.gc?.();
      t = cpuMs();
      psDueLoop(s, d);
      times.base.push(cpuMs() - t);
      t = cpuMs();
      sums.after = dueLoop(addBusinessTime, s, d, cal);
      times.after.push(cpuMs() - t);
      if (calBefore) {
        t = cpuMs();
        sums.before = dueLoop(before.addBusinessTime, s, d, calBefore);
        times.before.push(cpuMs() - t);
      }
    }
    const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
    const ns = (ms) => ((ms * 1e6) / M).toFixed(0);
    const b = med(times.base);
    const a = med(times.after);
    const equal = mismatches === 0 && sums.after === expected && sums.before === expected;
    console.log(
      `addBusinessTime, ${M} ${label} tickets (Europe/Paris, lunch break, holidays), CPU time: prefix-sum floor ${ns(b)} ns/ticket; ` +
        `addBusinessTime ${ns(a)} ns (${(a / b).toFixed(2)}x)` +
        (calBefore ? `; before (BENCH_BEFORE) ${ns(med(times.before))} ns (${(med(times.before) / b).toFixed(2)}x; before/after ${(med(times.before) / a).toFixed(1)}x)` : "") +
        `; first pass on a new calendar (table grown on demand) ${ns(firstMs)} ns; ${equal ? "equal due instants" : `MISMATCH (${mismatches} tickets)`}`,
    );
  }
}
if (process.env.BENCH_ONLY === "due") process.exit(0);

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

// --- 1e6 tickets open up to 90 days, business time, against naive minute stepping ----------------
// The baseline walks every minute of a ticket's life and asks whether its local time is a working
// minute (the usual hand-rolled approach); it runs on a sample and also checks the results.
const BIG = Number(process.env.BENCH_BIG ?? 1e6);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 40);
const bc = new Float64Array(BIG);
const bs = new Float64Array(BIG);
for (let i = 0; i < BIG; i++) {
  bc[i] = t0 + Math.floor(rand() * 640 * 1440) * 60_000;
  bs[i] = bc[i] + Math.floor(rand() * 90 * 1440) * 60_000;
}
const bigIdx = Int32Array.from({ length: BIG }, (_, i) => i);
const bigAcc = { created: (i) => bc[i], solved: (i) => bs[i], asOf: t0 + 731 * 24 * H, calendar: paris, unit: "ms" };
const big = time(() => resolutionTime(bigIdx, bigAcc), 1);
console.log(`resolutionTime, business time, ${BIG} tickets open 0–90 days: ${(big.ms / 1000).toFixed(2)} s = ${((big.ms * 1e6) / BIG / 1000).toFixed(2)} µs/ticket, ${(big.ms / 1000 / (BIG / 1e6)).toFixed(2)} s per million tickets`);

const holidays = new Set(["2024-05-01", "2024-12-25", "2025-05-01", "2025-12-25"]);
const dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const shifts = { mon: [[540, 750], [810, 1080]], tue: [[540, 750], [810, 1080]], wed: [[540, 750], [810, 1080]], thu: [[540, 750], [810, 1080]], fri: [[540, 750], [810, 1080]] };
function naiveMinutes(a, b) {
  let total = 0;
  for (let m = a; m < b; m += 60_000) {
    const local = new Date(m + tzOffset("Europe/Paris", new Date(m)) * 60_000);
    if (holidays.has(local.toISOString().slice(0, 10))) continue;
    const iv = shifts[dayNames[local.getUTCDay()]];
    if (iv === undefined) continue;
    const mod = local.getUTCHours() * 60 + local.getUTCMinutes();
    for (const [s, e] of iv) if (mod >= s && mod < e) (total += 60_000);
  }
  return total;
}
const sampleIdx = Int32Array.from({ length: SAMPLE }, (_, k) => Math.floor((k * BIG) / SAMPLE));
const naive = time(() => Array.from(sampleIdx, (i) => naiveMinutes(bc[i], bs[i])), 1);
const lib = time(() => resolutionTime(sampleIdx, bigAcc), 1);
let mismatches = 0;
for (let k = 0; k < SAMPLE; k++) if (naive.out[k] !== lib.out.durations[k]) mismatches++;
const naivePer = naive.ms / SAMPLE;
console.log(`  naive minute stepping on ${SAMPLE} of them: ${naivePer.toFixed(1)} ms/ticket; library on all: ${((big.ms * 1e6) / BIG / 1e6).toFixed(5)} ms/ticket; ratio ${((big.ms / BIG) / naivePer).toExponential(2)} (${(naivePer / (big.ms / BIG)).toFixed(0)}x faster); ${mismatches} mismatches in the sample`);

// --- business time: fast path (whole weeks + exact irregular days) against the day-by-day sum ------
// The baseline is the day-by-day loop the library used before (workBetweenByDay: O(days spanned)),
// measured in the same run on the same calendar, with its per-day cache warm.
{
  const spec = { timeZone: "Europe/Paris", week, holidays: ["2024-05-01", "2024-12-25", "2025-05-01", "2025-12-25", "2040-05-01", "2060-12-25"] };
  const cal = businessCalendar(spec);
  const s = Date.parse("2001-03-12T10:00:00Z");
  const e = Date.parse("2051-03-12T10:00:00Z");
  const first = performance.now();
  const fastOne = businessDuration(s, e, cal);
  const firstMs = performance.now() - first;
  // cold: a new calendar object each time, so no day of it is cached yet (the zone's offset changes stay cached)
  const coldFast = time(() => businessDuration(s, e, businessCalendar(spec)), 5);
  const coldSlow = time(() => workBetweenByDay("bench", businessCalendar(spec), s, e), 3);
  const warm = time(() => businessDuration(s, e, cal), 5);
  const slow = time(() => workBetweenByDay("bench", cal, s, e), 3);
  const same = fastOne === slow.out && coldFast.out === coldSlow.out && warm.out === slow.out;
  console.log(
    `businessDuration, one 50-year ticket (Europe/Paris, lunch break, holidays): first call in the process ${firstMs.toFixed(1)} ms (the zone's offset changes over 50 years found and cached); ` +
      `new calendar ${coldFast.ms.toFixed(2)} ms vs day by day ${coldSlow.ms.toFixed(1)} ms (${(coldSlow.ms / coldFast.ms).toFixed(0)}x); ` +
      `warm ${(warm.ms * 1000).toFixed(0)} µs vs day by day ${(slow.ms * 1000).toFixed(0)} µs (${(slow.ms / warm.ms).toFixed(1)}x); ${same ? "equal" : "MISMATCH"}`,
  );
  const dueCold = time(() => addBusinessTime(s, fastOne, businessCalendar(spec)), 5);
  const dueColdSlow = time(() => dueAt("bench", businessCalendar(spec), s, fastOne, Infinity), 3);
  const dueFast = time(() => addBusinessTime(s, fastOne, cal), 5);
  const dueSlow = time(() => dueAt("bench", cal, s, fastOne, Infinity), 3);
  console.log(
    `addBusinessTime, 50 years of working time ahead: new calendar ${dueCold.ms.toFixed(2)} ms vs day by day ${dueColdSlow.ms.toFixed(1)} ms (${(dueColdSlow.ms / dueCold.ms).toFixed(0)}x); ` +
      `warm ${(dueFast.ms * 1000).toFixed(0)} µs vs day by day ${(dueSlow.ms * 1000).toFixed(0)} µs (${(dueSlow.ms / dueFast.ms).toFixed(1)}x); ${dueFast.out === dueSlow.out && dueCold.out === dueColdSlow.out ? "equal" : "MISMATCH"}`,
  );

  const LONG = Number(process.env.BENCH_LONG ?? 1e5);
  const ls = new Float64Array(LONG);
  const le = new Float64Array(LONG);
  for (let i = 0; i < LONG; i++) {
    ls[i] = t0 + Math.floor(rand() * 640 * 1440) * 60_000;
    le[i] = ls[i] + Math.floor(rand() * 90 * 1440) * 60_000;
  }
  const fast = time(() => {
    let sum = 0;
    for (let i = 0; i < LONG; i++) sum += businessDuration(ls[i], le[i], cal);
    return sum;
  });
  const byDay = time(() => {
    let sum = 0;
    for (let i = 0; i < LONG; i++) sum += workBetweenByDay("bench", cal, ls[i], le[i]);
    return sum;
  });
  console.log(
    `businessDuration, ${LONG} tickets of 0–90 days: ${fast.ms.toFixed(1)} ms (${((fast.ms * 1e6) / LONG).toFixed(0)} ns/ticket); day by day ${byDay.ms.toFixed(1)} ms (${((byDay.ms * 1e6) / LONG).toFixed(0)} ns/ticket); ratio ${(byDay.ms / fast.ms).toFixed(1)}x; ${fast.out === byDay.out ? "equal totals" : "MISMATCH"}`,
  );
}
