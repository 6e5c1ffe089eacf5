// The file path against DuckDB: one CSV of BENCH_FILE_ROWS rows (default 1e7; channel, day, score,
// csat, solved), NPS by channel through evaluateFile (the columnar path: a config portfolio),
// through evaluateFile with an arrow-function accessor (the row path), and DuckDB's SQL on the same
// CSV in the same process. Alternated rounds (BENCH_ROUNDS, default 3), CPU time of the process
// (DuckDB's threads included) and wall time, medians; ratios against DuckDB. BENCH_BEFORE_DIST
// points at another build (a copy of main's dist/ inside node_modules/.cache) run in the same
// rounds. Run with `npm run build && node --expose-gc bench/file.bench.mjs`.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const N = Number(process.env.BENCH_FILE_ROWS ?? 1e7);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = mkdtempSync(join(tmpdir(), "cx-file-"));
const csv = join(dir, "answers.csv");
const here = await import("../dist/index.js");
const hereNode = await import("../dist/node/index.js");
const beforeDist = process.env.BENCH_BEFORE_DIST;
const before = beforeDist ? await import(pathToFileURL(join(beforeDist, "index.js")).href) : null;
const beforeNode = beforeDist ? await import(pathToFileURL(join(beforeDist, "node/index.js")).href) : null;

console.log(`node ${process.version}; ${N.toExponential(0)} rows; writing the CSV ...`);
let seed = 11;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
const CH = ["email", "phone", "chat", "web", "store"];
await new Promise((resolve) => {
  const out = createWriteStream(csv);
  out.write("channel,day,score,csat,solved\n");
  let i = 0;
  const write = () => {
    let ok = true;
    while (i < N && ok) {
      let block = "";
      for (let j = 0; j < 10_000 && i < N; j++, i++) {
        const m = 1 + ((rand() * 12) | 0);
        const d = 1 + ((rand() * 28) | 0);
        block += `${CH[(rand() * 5) | 0]},2024-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d},${(rand() * 11) | 0},${1 + ((rand() * 5) | 0)},${rand() < 0.7}\n`;
      }
      ok = out.write(block);
    }
    if (i < N) out.once("drain", write);
    else out.end(resolve);
  };
  write();
});
console.log(`CSV ${(statSync(csv).size / 1e6).toFixed(0)} MB\n`);

const columns = { score: "number", channel: "string" };
const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();

// each case a separate top-level function
async function duckdb() {
  const r = await conn.runAndReadAll(`SELECT channel, count(*) FILTER (WHERE score >= 9) AS p, count(*) FILTER (WHERE score <= 6) AS d, count(score) AS n FROM read_csv('${csv}', header = true) GROUP BY channel ORDER BY channel`);
  const rows = r.getRowObjects();
  const web = rows.find((x) => x.channel === "web");
  return (100 * (Number(web.p) - Number(web.d))) / Number(web.n);
}
async function columnarPath(lib, node) {
  const p = lib.portfolioFromConfig({ nps: { type: "nps", column: "score" } });
  const report = await node.evaluateFile(csv, p, { columns, segmentBy: "channel" });
  return report.cells.find((c) => c.segment.channel === "web").metrics.nps.value;
}
async function rowPath(lib, node) {
  const p = lib.definePortfolio({ nps: lib.npsMetric({ score: (r) => r.score }) });
  const report = await node.evaluateFile(csv, p, { columns, segmentBy: "channel" });
  return report.cells.find((c) => c.segment.channel === "web").metrics.nps.value;
}

const cases = [
  ["DuckDB SQL on the CSV", () => duckdb()],
  ["evaluateFile, config portfolio", () => columnarPath(here, hereNode)],
  ["evaluateFile, arrow accessor", () => rowPath(here, hereNode)],
];
if (before) cases.push(["before: evaluateFile, config portfolio", () => columnarPath(before, beforeNode)]);
const cpu = new Map(cases.map(([k]) => [k, []]));
const wall = new Map(cases.map(([k]) => [k, []]));
const values = new Map();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of round % 2 === 0 ? cases : [...cases].reverse()) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    values.set(name, await run());
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu.get(name).push((c.user + c.system) / 1000);
    wall.get(name).push(ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ref = median(cpu.get("DuckDB SQL on the CSV"));
console.log("case                                        CPU s   wall s   M rows/s (CPU)   CPU vs DuckDB   NPS web");
for (const [name] of cases) {
  const c = median(cpu.get(name));
  const w = median(wall.get(name));
  console.log(`${name.padEnd(42)} ${(c / 1000).toFixed(2).padStart(6)}  ${(w / 1000).toFixed(2).padStart(6)}  ${((N / c) * 1e-3).toFixed(2).padStart(14)}  ${(c / ref).toFixed(2).padStart(13)}×  ${values.get(name).toFixed(6)}`);
}
conn.closeSync();
db.closeSync();
rmSync(dir, { recursive: true, force: true });
