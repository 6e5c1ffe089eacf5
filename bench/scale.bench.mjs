// The scale paths on one CSV of BENCH_SCALE_ROWS rows (default 1e7): the stream path
// (evaluateFile, one thread), worker threads (evaluateInWorkers), DuckDB reading the CSV, and DuckDB
// reading the same data as Parquet. Time, rows per second and peak resident memory of each, with
// ratios against the stream path, in one run. Run with `npm run build && node bench/scale.bench.mjs`.
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { portfolioFromConfig } from "../dist/index.js";
import { evaluateFile, evaluateInWorkers } from "../dist/node/index.js";
import { evaluateDuckDb } from "../dist/sql/index.js";

const N = Number(process.env.BENCH_SCALE_ROWS ?? 1e7);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const dir = mkdtempSync(join(tmpdir(), "cx-scale-"));
const csv = join(dir, "answers.csv");
const parquet = join(dir, "answers.parquet");
const config = {
  nps: { type: "nps", column: "score" },
  csat: { type: "csat", column: "csat" },
  fcr: { type: "proportion", column: "solved", label: "FCR" },
};
const moduleFile = join(dir, "portfolio.mjs");
writeFileSync(moduleFile, `import { portfolioFromConfig } from ${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)};\nexport const portfolio = portfolioFromConfig(${JSON.stringify(config)});\n`);
const portfolio = portfolioFromConfig(config);
const columns = { score: "number", csat: "integer", solved: "boolean", channel: "string", day: "date" };
const options = { segmentBy: "channel", period: "month", date: "day" };

console.log(`node ${process.version}; ${N.toExponential(0)} rows; writing the CSV ...`);
let seed = 11;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
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
const bytes = statSync(csv).size;
{
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
}
console.log(`CSV ${(bytes / 1e6).toFixed(0)} MB, Parquet ${(statSync(parquet).size / 1e6).toFixed(0)} MB\n`);

async function measure(label, run) {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const report = await run();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { label, ms, peakMb: peak / 1e6, addedMb: (peak - base) / 1e6, report };
}

const results = [];
results.push(await measure("stream (evaluateFile, 1 thread)", () => evaluateFile(csv, portfolio, { ...options, columns })));
results.push(await measure(`worker threads (evaluateInWorkers, ${WORKERS})`, () => evaluateInWorkers(csv, { module: moduleFile }, { ...options, columns, workers: WORKERS })));
results.push(await measure("DuckDB on the CSV (evaluateDuckDb)", () => evaluateDuckDb(csv, portfolio, { ...options, dateType: "date" })));
results.push(await measure("DuckDB on Parquet (evaluateFile .parquet)", () => evaluateFile(parquet, portfolio, { ...options, dateType: "date" })));

const base = results[0];
for (const r of results) {
  console.log(
    `  ${r.label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${((N / r.ms) * 1000 / 1e6).toFixed(2).padStart(6)} M rows/s  peak RSS ${r.peakMb.toFixed(0).padStart(5)} MB (+${r.addedMb.toFixed(0)})  ${(base.ms / r.ms).toFixed(2).padStart(6)}x the stream path`,
  );
}
const total = (r) => r.report.cells.find((c) => Object.keys(c.segment).length === 0 && c.period === null).metrics;
const same = results.every((r) => ["nps", "csat", "fcr"].every((k) => Math.abs(total(r)[k].value - total(base)[k].value) < 1e-9 && total(r)[k].n === total(base)[k].n));
console.log(`  all four paths give the same totals: ${same} (NPS ${total(base).nps.value.toFixed(3)}, n ${total(base).nps.n})`);
rmSync(dir, { recursive: true, force: true });
