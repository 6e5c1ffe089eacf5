// The readers on one very long line: a CSV whose one record holds a BENCH_READ_MB-megabyte field
// (default 64), the same for an NDJSON record, and the same number of bytes in short lines as the
// baseline. Each case runs in its own process so that its peak resident memory (maxRSS) is its own;
// time and memory are printed with the ratio to the short-lines baseline of the same run. Run with
// `npm run build && node bench/read.bench.mjs` (BENCH_READ_TIMEOUT_S stops a case that does not
// end, default 300).
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MB = Number(process.env.BENCH_READ_MB ?? 64);
const TIMEOUT = Number(process.env.BENCH_READ_TIMEOUT_S ?? 300);
const dir = mkdtempSync(join(tmpdir(), "cx-read-"));
const size = MB * 1024 * 1024;

function write(path, head, body, tail) {
  const fd = openSync(path, "w");
  writeSync(fd, head);
  // whole repeats of the body (a cut body could change the quoting or make a ragged row)
  const block = Buffer.from(body.repeat(Math.floor((1 << 20) / body.length)));
  for (let written = 0; written < size; written += block.length) writeSync(fd, block);
  writeSync(fd, tail);
  closeSync(fd);
}
const files = {
  "short lines (baseline)": [join(dir, "short.csv"), "csv"],
  [`CSV, one ${MB} MB field`]: [join(dir, "long.csv"), "csv"],
  [`CSV, one ${MB} MB quoted field`]: [join(dir, "quoted.csv"), "csv"],
  [`NDJSON, one ${MB} MB line`]: [join(dir, "long.ndjson"), "ndjson"],
};
write(files["short lines (baseline)"][0], "id,comment\n", "1,a comment of some length that ends here\n", "");
write(files[`CSV, one ${MB} MB field`][0], "id,comment\n1,", "x", "\n");
write(files[`CSV, one ${MB} MB quoted field`][0], 'id,comment\n1,"', 'a "" b, c\n', '"\n');
write(files[`NDJSON, one ${MB} MB line`][0], '{"id":1,"comment":"', "x", '"}\n');

const dist = new URL("../dist/node/index.js", import.meta.url).href;
const child = (path, format) => `
  const { readRows } = await import(${JSON.stringify(dist)});
  const t0 = performance.now();
  let rows = 0;
  for await (const c of readRows(${JSON.stringify(path)}, { format: "${format}", maxRecordSize: ${2 * size} })) rows += c.rows.length;
  console.log(JSON.stringify({ ms: performance.now() - t0, rows, rssMB: process.resourceUsage().maxRSS / 1024 }));
`;

console.log(`node ${process.version}; ${MB} MB per file`);
console.log("case                              time      peak RSS   time vs baseline");
let base = null;
for (const [name, [path, format]] of Object.entries(files)) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", child(path, format)], { encoding: "utf8", timeout: TIMEOUT * 1000 });
  if (r.status !== 0) {
    console.log(`${name.padEnd(32)}  did not finish (${r.signal ? `stopped after ${TIMEOUT} s` : r.stderr.trim().split("\n").at(-1)})`);
    continue;
  }
  const { ms, rssMB } = JSON.parse(r.stdout);
  base ??= ms;
  console.log(`${name.padEnd(32)}  ${(ms / 1000).toFixed(2).padStart(6)} s  ${rssMB.toFixed(0).padStart(6)} MB  ${(ms / base).toFixed(2).padStart(8)}×`);
}
rmSync(dir, { recursive: true, force: true });
