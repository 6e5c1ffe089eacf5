// Benchmarks for the survey metrics. Prints, in one run, the ratio of nps to a hand-written loop
// measured in the same process, with alternated rounds. Run with `npm run bench` (after
// `npm run build`).
//
// V8 keeps type feedback per function (closures made by one factory share theirs), so what a process
// ran before changes how fast a loop runs. Each scenario therefore runs in its own child process:
// - "fresh <kind>": the process only ever calls nps on that one input kind (one accessor for rows);
// - "polluted": the process first runs nps on every input kind (number[], Float64Array, Int8Array,
//   Uint8Array, Uint16Array, a generic ArrayLike, rows) and through three different accessors, then
//   measures every kind.
// The baselines are separate top-level functions, one per input kind, each only ever called with
// that kind, so their feedback stays monomorphic whatever the scenario (a fair, fast baseline).
// Times are process CPU time (user + system, process.cpuUsage), medians over the rounds; in each
// round the baseline and nps run in alternating order.
//
// Environment: BENCH_N (scores, default 1e7), BENCH_ROWS (rows, default 1e6), BENCH_ROUNDS
// (default 9), BENCH_DIST (the build to measure, default ../dist/index.js; another build, e.g.
// main's, for before/after figures).
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";

const N = Number(process.env.BENCH_N ?? 1e7);
const ROWS = Number(process.env.BENCH_ROWS ?? 1e6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const DIST = process.env.BENCH_DIST ? pathToFileURL(resolve(process.env.BENCH_DIST)).href : new URL("../dist/index.js", import.meta.url).href;
const SCENARIO = process.argv[2];

// ---------------------------------------------------------------------------------------------
// Baselines: one top-level function per input kind (never a shared factory), branch-free counts.
// ---------------------------------------------------------------------------------------------

function baseArray(a) {
  let p = 0, d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    p += (s >= 9) | 0;
    d += (s <= 6) | 0;
  }
  return p - d;
}
function baseF64(a) {
  let p = 0, d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    p += (s >= 9) | 0;
    d += (s <= 6) | 0;
  }
  return p - d;
}
function baseI8(a) {
  let p = 0, d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    p += (s >= 9) | 0;
    d += (s <= 6) | 0;
  }
  return p - d;
}
function baseU8(a) {
  let p = 0, d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    p += (s >= 9) | 0;
    d += (s <= 6) | 0;
  }
  return p - d;
}
// The measured accessor: one function, so that every call passes the same one (two literals with
// the same text are two functions to V8).
const byScore = (r) => r.score;

function baseRows(rows) {
  let p = 0, d = 0;
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i].score;
    p += (s >= 9) | 0;
    d += (s <= 6) | 0;
  }
  return p - d;
}

// ---------------------------------------------------------------------------------------------
// Data: a realistic answer distribution for 0..10 (skewed to 8-10, as in published NPS data).
// ---------------------------------------------------------------------------------------------

const PROBS = [0.02, 0.01, 0.01, 0.01, 0.01, 0.03, 0.03, 0.09, 0.22, 0.22, 0.35];
let seed = 12345;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
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
function cpuMs(fn) {
  const t0 = process.cpuUsage();
  sink += fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e3;
}

/** Alternated rounds of baseline and candidate; returns the medians and their ratio. */
function pair(base, cand) {
  const b = [], c = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r & 1) {
      c.push(cpuMs(cand));
      b.push(cpuMs(base));
    } else {
      b.push(cpuMs(base));
      c.push(cpuMs(cand));
    }
  }
  const mb = median(b), mc = median(c);
  return { base: mb, cand: mc, ratio: mc / mb };
}

function line(label, count, r) {
  const ns = (ms) => ((ms * 1e6) / count).toFixed(2).padStart(6);
  console.log(`  ${label.padEnd(34)} hand loop ${ns(r.base)} ns/elem   nps ${ns(r.cand)} ns/elem   ${r.ratio.toFixed(2).padStart(5)}x`);
}

async function child(scenario) {
  const { nps, csat, ces } = await import(DIST);
  const arr = new Array(N);
  for (let i = 0; i < N; i++) arr[i] = draw();
  const f64 = Float64Array.from(arr);
  const i8 = Int8Array.from(arr);
  const u8 = Uint8Array.from(arr);
  const channels = ["email", "web", "phone", "chat"];
  const rows = Array.from({ length: ROWS }, (_, i) => ({ score: arr[i], channel: channels[i & 3], other: arr[ROWS + i] }));
  const check = (data, base, result) => {
    if (result.promoters - result.detractors !== base(data)) throw new Error("nps disagrees with the baseline");
  };

  const kinds = {
    "number[]": () => line("nps(number[])", N, pair(() => baseArray(arr), () => nps(arr).value)),
    Float64Array: () => line("nps(Float64Array)", N, pair(() => baseF64(f64), () => nps(f64).value)),
    Int8Array: () => line("nps(Int8Array)", N, pair(() => baseI8(i8), () => nps(i8).value)),
    Uint8Array: () => line("nps(Uint8Array)", N, pair(() => baseU8(u8), () => nps(u8).value)),
    rows: (label) => line(label, ROWS, pair(() => baseRows(rows), () => nps(rows, byScore).value)),
  };

  if (scenario === "polluted") {
    // Every input kind, then three different accessors (different functions, not one re-created).
    const small = arr.slice(0, 1e5);
    const generic = { length: small.length };
    for (let i = 0; i < small.length; i++) generic[i] = small[i];
    const smallRows = rows.slice(0, 1e5);
    for (let k = 0; k < 20; k++) {
      sink += nps(small).value + nps(Float64Array.from(small)).value + nps(Int8Array.from(small)).value;
      sink += nps(Uint8Array.from(small)).value + nps(Uint16Array.from(small)).value + nps(Int32Array.from(small)).value;
      sink += nps(generic).value;
      sink += nps(smallRows, byScore).value + nps(smallRows, (r) => r.other).value + nps(smallRows, (r, i) => small[i]).value;
    }
    console.log("polluted: after nps on number[], Float64Array, Int8Array, Uint8Array, Uint16Array, Int32Array, an ArrayLike and 3 accessors");
    check(arr, baseArray, nps(arr));
    check(f64, baseF64, nps(f64));
    check(i8, baseI8, nps(i8));
    check(rows, baseRows, nps(rows, byScore));
    kinds["number[]"]();
    kinds.Float64Array();
    kinds.Int8Array();
    kinds.Uint8Array();
    kinds.rows("nps(rows, accessor), 3 accessors");
  } else if (scenario === "rows") {
    console.log("fresh: only nps(rows, byScore)");
    check(rows, baseRows, nps(rows, byScore));
    kinds.rows("nps(rows, accessor), 1 accessor");
  } else if (scenario === "other") {
    // For reference (no target).
    const weights = new Float64Array(ROWS).fill(1.5);
    const csatData = Uint8Array.from(arr.slice(0, ROWS), (s) => 1 + (s >> 1) - (s === 10 ? 1 : 0));
    const cesData = Uint8Array.from(arr.slice(0, ROWS), (s) => 1 + Math.round((s * 6) / 10));
    const f = f64.subarray(0, ROWS);
    console.log("other paths, ns per element (for reference):");
    for (const [label, fn] of [
      ["csat(Uint8Array)", () => csat(csatData).value],
      ["ces(Uint8Array)", () => ces(cesData).mean],
      ["nps(Float64Array, { weights })", () => nps(f, { weights }).value],
    ]) {
      const r = pair(() => baseF64(f), fn);
      console.log(`  ${label.padEnd(34)} ${((r.cand * 1e6) / ROWS).toFixed(2).padStart(6)} ns/elem`);
    }
    // Memory: bytes allocated while nps runs on each input (GC forced before; none forced during).
    // nps must not copy its input: a copy of the 1e7 doubles would show as +80 MB.
    if (typeof globalThis.gc === "function") {
      console.log("memory allocated during one call (heapUsed + arrayBuffers growth; input sizes for scale)");
      for (const [label, data, bytes, acc] of [
        ["Uint8Array", u8, u8.byteLength],
        ["Float64Array", f64, f64.byteLength],
        ["number[]", arr, arr.length * 8],
        ["rows", rows, rows.length * 8, byScore],
      ]) {
        globalThis.gc();
        const before = process.memoryUsage();
        sink += (acc ? nps(data, acc) : nps(data)).value;
        const after = process.memoryUsage();
        const grown = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
        console.log(`  nps(${label.padEnd(12)}) input ${(bytes / 1e6).toFixed(0).padStart(4)} MB, allocated ${(grown / 1e3).toFixed(1).padStart(8)} kB`);
      }
    } else {
      console.log("(run with node --expose-gc for the memory figures)");
    }
  } else {
    console.log(`fresh: only nps(${scenario})`);
    const [data, base] = { "number[]": [arr, baseArray], Float64Array: [f64, baseF64], Int8Array: [i8, baseI8], Uint8Array: [u8, baseU8] }[scenario];
    check(data, base, nps(data));
    kinds[scenario]();
  }
  if (sink === 0.123) console.log(sink);
}

if (SCENARIO !== undefined) {
  await child(SCENARIO);
} else {
  console.log(`node ${process.version}; ${N.toExponential(0)} scores, ${ROWS.toExponential(0)} rows, ${ROUNDS} alternated rounds, CPU time`);
  console.log(`build: ${DIST}`);
  const self = fileURLToPath(import.meta.url);
  for (const scenario of ["number[]", "Float64Array", "Int8Array", "Uint8Array", "rows", "polluted", "other"]) {
    const r = spawnSync(process.execPath, [...process.execArgv, self, scenario], { stdio: "inherit", env: process.env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
