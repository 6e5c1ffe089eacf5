// The file path against DuckDB: one CSV of BENCH_FILE_ROWS rows (default 1e7; channel, day, score,
// csat, solved), NPS by channel through evaluateFile (the columnar path: a config portfolio),
// through evaluateFile with an arrow-function accessor (the row path, BENCH_ROW_PATH=1), and DuckDB's SQL on the same
// CSV in the same process, and pandas (bench/peers/csv_nps.py, when python3 has pandas; its own
// CPU time without interpreter start and imports). Alternated rounds (BENCH_ROUNDS, default 3), CPU time of the process
// (DuckDB's threads included) and wall time, medians; ratios against DuckDB. BENCH_BEFORE_DIST
// points at another build (a copy of main's dist/ inside node_modules/.cache) run in the same
// rounds. BENCH_NDJSON=1 measures NDJSON instead (default 2e6 rows): the same rows as one JSON
// object per line (`{"channel":"web","day":"2024-03-05","score":7,"csat":3,"solved":true}`), NPS by
// channel through evaluateFile with a config portfolio (the columnar NDJSON path: lines scanned in
// place), with an arrow-function accessor (the row path: JSON.parse per line, always measured
// there unless BENCH_ROW_PATH=0: it is the baseline) and DuckDB's read_ndjson; ratios against the
// row path (against DuckDB without it).
// Run with `npm run build && node --expose-gc bench/file.bench.mjs`.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const NDJSON = process.env.BENCH_NDJSON === "1";
const N = Number(process.env.BENCH_FILE_ROWS ?? (NDJSON ? 2e6 : 1e7));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = mkdtempSync(join(tmpdir(), "cx-file-"));
const csv = join(dir, NDJSON ? "answers.ndjson" : "answers.csv");
const here = await import("../dist/index.js");
const hereNode = await import("../dist/node/index.js");
const beforeDist = process.env.BENCH_BEFORE_DIST;
const before = beforeDist ? await import(pathToFileURL(join(beforeDist, "index.js")).href) : null;
const beforeNode = beforeDist ? await import(pathToFileURL(join(beforeDist, "node/index.js")).href) : null;

console.log(`node ${process.version}; ${N.toExponential(0)} rows; writing the ${NDJSON ? "NDJSON" : "CSV"} ...`);
let seed = 11;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
const CH = ["email", "phone", "chat", "web", "store"];
await new Promise((resolve) => {
  const out = createWriteStream(csv);
  if (!NDJSON) out.write("channel,day,score,csat,solved\n");
  let i = 0;
  const write = () => {
    let ok = true;
    while (i < N && ok) {
      let block = "";
      for (let j = 0; j < 10_000 && i < N; j++, i++) {
        const m = 1 + ((rand() * 12) | 0);
        const d = 1 + ((rand() * 28) | 0);
        const ch = CH[(rand() * 5) | 0];
        const day = `2024-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
        const score = (rand() * 11) | 0;
        const csat = 1 + ((rand() * 5) | 0);
        const solved = rand() < 0.7;
        block += NDJSON ? `{"channel":"${ch}","day":"${day}","score":${score},"csat":${csat},"solved":${solved}}\n` : `${ch},${day},${score},${csat},${solved}\n`;
      }
      ok = out.write(block);
    }
    if (i < N) out.once("drain", write);
    else out.end(resolve);
  };
  write();
});
console.log(`${NDJSON ? "NDJSON" : "CSV"} ${(statSync(csv).size / 1e6).toFixed(0)} MB\n`);

const columns = { score: "number", channel: "string" };
const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();

// each case a separate top-level function
async function duckdb() {
  const r = await conn.runAndReadAll(`SELECT channel, count(*) FILTER (WHERE score >= 9) AS p, count(*) FILTER (WHERE score <= 6) AS d, count(score) AS n FROM ${NDJSON ? `read_ndjson('${csv}')` : `read_csv('${csv}', header = true)`} GROUP BY channel ORDER BY channel`);
  const rows = r.getRowObjects();
  const web = rows.find((x) => x.channel === "web");
  return (100 * (Number(web.p) - Number(web.d))) / Number(web.n);
}
async function columnarPath(lib, node) {
  const p = lib.portfolioFromConfig({ nps: { type: "nps", column: "score" } });
  const report = await node.evaluateFile(csv, p, { columns, segmentBy: "channel" });
  return report.cells.find((c) => c.segment.channel === "web").metrics.nps.value;
}
async function workersPath(node, workers) {
  const report = await node.evaluateInWorkers(csv, { config: { nps: { type: "nps", column: "score" } } }, { columns, segmentBy: "channel", workers });
  return report.cells.find((c) => c.segment.channel === "web").metrics.nps.value;
}
async function rowPath(lib, node) {
  const p = lib.definePortfolio({ nps: lib.npsMetric({ score: (r) => r.score }) });
  const report = await node.evaluateFile(csv, p, { columns, segmentBy: "channel" });
  return report.cells.find((c) => c.segment.channel === "web").metrics.nps.value;
}

// pandas, one round per call (the script times itself); skipped visibly when absent
const python = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const peer = new URL("./peers/csv_nps.py", import.meta.url).pathname;
const probe = spawnSync(python, ["-c", "import pandas"], { encoding: "utf8" });
const hasPandas = probe.status === 0 && !NDJSON;
if (!hasPandas && !NDJSON) console.log(`pandas: skipped (${python} cannot import pandas: ${(probe.stderr || probe.error?.message || "").trim().split("\n").at(-1)})`);
let pandasVersion = "";
function pandas() {
  const r = spawnSync(python, [peer, csv, "1"], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`pandas peer failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  pandasVersion = `pandas ${out.pandas}, Python ${out.python}`;
  return { cpuMs: out.ms[0], value: out.nps_web };
}

const REF = NDJSON ? "evaluateFile, arrow accessor (row path)" : "DuckDB SQL on the CSV";
const cases = [
  [NDJSON ? "DuckDB SQL on the NDJSON" : "DuckDB SQL on the CSV", () => duckdb()],
  ["evaluateFile, config portfolio", () => columnarPath(here, hereNode)],
];
// the row path shares the CSV cutter with the columnar path, and its other sink makes that code
// polymorphic for both: measured only when asked (BENCH_ROW_PATH=1)
if (process.env.BENCH_ROW_PATH === "1" || (NDJSON && process.env.BENCH_ROW_PATH !== "0")) cases.push(["evaluateFile, arrow accessor (row path)", () => rowPath(here, hereNode)]);
if (hasPandas) cases.push(["pandas read_csv(usecols) + groupby", pandas]);
if (before) cases.push(["before: evaluateFile, config portfolio", () => columnarPath(before, beforeNode)]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternated rounds of `list`: medians of CPU and wall time, and each case's value. */
async function rounds(list) {
  const cpu = new Map(list.map(([k]) => [k, []]));
  const wall = new Map(list.map(([k]) => [k, []]));
  const values = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of round % 2 === 0 ? list : [...list].reverse()) {
      globalThis.gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await run();
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      // the peer reports its own CPU time (another process)
      values.set(name, typeof out === "number" ? out : out.value);
      cpu.get(name).push(typeof out === "number" ? (c.user + c.system) / 1000 : out.cpuMs);
      wall.get(name).push(typeof out === "number" ? ms : NaN);
    }
  }
  return new Map(list.map(([name]) => [name, { cpu: median(cpu.get(name)), wall: median(wall.get(name)), value: values.get(name) }]));
}

const table = await rounds(cases);
const ref = table.get(table.has(REF) ? REF : cases[0][0]).cpu;
console.log(`case                                        CPU s   wall s   M rows/s (CPU)   CPU vs ${table.has(REF) && NDJSON ? "rows  " : "DuckDB"}   NPS web`);
for (const [name, { cpu, wall, value }] of table) {
  console.log(`${name.padEnd(42)} ${(cpu / 1000).toFixed(2).padStart(6)}  ${(wall / 1000).toFixed(2).padStart(6)}  ${((N / cpu) * 1e-3).toFixed(2).padStart(14)}  ${(cpu / ref).toFixed(2).padStart(13)}×  ${value.toFixed(6)}`);
}

if (pandasVersion) console.log(`(${pandasVersion}; its wall time is not comparable: it includes starting Python)`);

// threads, in rounds of their own (the other cases' memory and threads would weigh on them): wall
// time is what they save. evaluateInWorkers keeps its threads for the next call, so after the
// first round they are warm, as the calling thread is (BENCH_WORKERS, default 2).
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const threadCases = [
  ["evaluateFile, 1 thread", () => columnarPath(here, hereNode)],
  [`evaluateInWorkers, ${WORKERS} threads`, () => workersPath(hereNode, WORKERS)],
];
if (before) threadCases.push([`before: evaluateInWorkers, ${WORKERS} workers`, () => workersPath(beforeNode, WORKERS)]);
const threads = await rounds(threadCases);
const one = threads.get("evaluateFile, 1 thread").wall;
console.log(`\ncase                                        CPU s   wall s   wall vs 1 thread`);
for (const [name, { cpu, wall }] of threads) console.log(`${name.padEnd(42)} ${(cpu / 1000).toFixed(2).padStart(6)}  ${(wall / 1000).toFixed(2).padStart(6)}  ${(one / wall).toFixed(2).padStart(8)}× faster`);
conn.closeSync();
db.closeSync();
rmSync(dir, { recursive: true, force: true });
