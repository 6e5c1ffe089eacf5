// evaluateInWorkers: files split between worker threads (CSV with quoted newlines, NDJSON) and
// typed arrays give evaluateFile's result; line numbers of bad rows and metric errors are those of
// the whole file. Workers load the built package (npm test builds first).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { rejection } from "../helpers/tables";
import { csatMetric, CxMetricsError, definePortfolio, nps, npsMetric } from "../../src/index";
import { evaluateFile, evaluateInWorkers } from "../../src/node/index";
import { vi } from "vitest";

// This file starts worker threads: explicit, generous timeouts for every test and hook (vitest's
// default of 5 s is not enough on a loaded 2-core CI machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// the same portfolio as the module's, for evaluateFile in this thread
const portfolio = definePortfolio({
  nps: npsMetric<{ score: number | null }>({ score: (r) => r.score }),
  csat: csatMetric<{ csat: number }>({ score: (r) => r.csat }),
});
const module = new URL("../fixtures/node/portfolio.mjs", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "cx-workers-"));
let seed = 5;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);

// 20,000 rows; every 50th comment holds a quoted newline and quotes, so a split in the wrong place would show
const N = 20_000;
const lines = ["id,score,csat,channel,date,comment"];
for (let i = 0; i < N; i++) {
  const comment = i % 50 === 0 ? `"line one\nline ""two"", ${i}"` : `ok ${i}`;
  lines.push([i, (rand() * 11) | 0, 1 + ((rand() * 5) | 0), ["web", "app", "phone"][i % 3], `2024-0${1 + (i % 6)}-15`, comment].join(","));
}
const csvPath = join(dir, "answers.csv");
writeFileSync(csvPath, lines.join("\n") + "\n");
const ndjsonPath = join(dir, "answers.ndjson");
writeFileSync(ndjsonPath, Array.from({ length: 5000 }, (_, i) => JSON.stringify({ score: i % 11, csat: 1 + (i % 5), channel: i % 2 ? "a" : "b" })).join("\n") + "\n");
writeFileSync(join(dir, "x.json"), "[]");
const columns = { score: "number", csat: "integer", channel: "string", date: "date" } as const;


describe("evaluateInWorkers", () => {
  test("a CSV with quoted newlines split between 3 workers equals evaluateFile", async () => {
    const options = { columns, segmentBy: "channel", period: "month", date: "date" } as const;
    const one = await evaluateFile(csvPath, portfolio, options);
    const many = await evaluateInWorkers(csvPath, { module }, { ...options, workers: 3 });
    expect(many.workers).toBe(3);
    const { read: r1, ...a } = one;
    const { read: r2, workers: _w, ...b } = many;
    expect(b).toEqual(a);
    expect(r2.rows).toBe(N);
    expect(r2.bytes).toBe(r1.bytes);
  });

  test("NDJSON with 4 workers", async () => {
    const many = await evaluateInWorkers(ndjsonPath, { module }, { columns: { score: "number", csat: "integer", channel: "string" }, segmentBy: "channel", workers: 4 });
    const one = await evaluateFile(ndjsonPath, portfolio, { columns: { score: "number", csat: "integer", channel: "string" }, segmentBy: "channel" });
    expect(many.cells).toEqual(one.cells);
  });

  test("a typed array split between workers equals nps on the whole", async () => {
    const values = new Uint8Array(100_001).map((_, i) => (i * 7) % 11);
    const r = await evaluateInWorkers(values, { module, export: "scores" }, { workers: 2 });
    expect(r.cells[0]!.metrics.nps!.result).toEqual(nps(values));
  });

  test("bad rows skipped in every part are reported with their line in the file", async () => {
    const text = ["score,csat,channel,date", ...Array.from({ length: 3000 }, (_, i) => (i === 10 || i === 2500 ? `x,1,web,2024-01-01` : `9,5,web,2024-01-01`))].join("\n") + "\n";
    const path = join(dir, "bad.csv");
    writeFileSync(path, text);
    const r = await evaluateInWorkers(path, { module }, { columns, invalid: "skip", workers: 3 });
    expect(r.read.badRows).toBe(2);
    // data row i is on line i + 2
    expect(r.read.badRowSamples.map((b) => b.line)).toEqual([12, 2502]);
    const e = await rejection(evaluateInWorkers(path, { module }, { columns, workers: 3 }));
    expect(e.message).toMatch(/line (12|2502): column "score"/);
  });

  test("a metric's error in a later part names the line in the file", async () => {
    const text = ["score,csat,channel,date", ...Array.from({ length: 3000 }, (_, i) => `9,${i === 2900 ? 9 : 5},web,2024-01-01`)].join("\n") + "\n";
    const path = join(dir, "metric-error.csv");
    writeFileSync(path, text);
    const e = await rejection(evaluateInWorkers(path, { module }, { columns, workers: 3 }));
    expect(e.code).toBe("OUT_OF_RANGE");
    expect(e.message).toMatch(/^evaluateInWorkers: metric "csat", line 2902: /);
    expect((e.details as { line: number }).line).toBe(2902);
  });

  test.for([
    ["a module that does not exist", () => evaluateInWorkers(csvPath, { module: join(dir, "nope.mjs") }), "IO_ERROR"],
    ["an export that is not a portfolio", () => evaluateInWorkers(csvPath, { module, export: "notAPortfolio" }), "INVALID_OPTION"],
    ["a JSON array", () => evaluateInWorkers(join(dir, "x.json"), { module }), "INVALID_OPTION"],
    ["a missing file", () => evaluateInWorkers(join(dir, "missing.csv"), { module }), "IO_ERROR"],
    ["segments given as functions", () => evaluateInWorkers(csvPath, { module }, { segmentBy: (() => "x") as never }), "INVALID_OPTION"],
    ["0 workers", () => evaluateInWorkers(csvPath, { module }, { workers: 0 }), "INVALID_OPTION"],
    ["a typed array with segments", () => evaluateInWorkers(new Uint8Array(3), { module, export: "scores" }, { segmentBy: "x" }), "INVALID_OPTION"],
  ] as const)("%s", async ([, call, code]) => {
    expect((await rejection(call())).code).toBe(code);
  });
});

describe("a file in more ranges than threads", () => {
  // 14 MB: more than 3 ranges of 4 MiB, so two threads take ranges in turn; bad rows spread over them
  const big = ["score,channel,comment"];
  for (let i = 0; i < 560_000; i++) big.push(`${i % 9973 === 0 ? 11 : i % 11},${i % 3 === 0 ? "web" : "app"},${i % 7919 === 0 ? '"two\nlines"' : "fine"}`);
  const bigPath = join(dir, "big.csv");
  writeFileSync(bigPath, big.join("\n") + "\n");
  const config = { nps: { type: "nps" as const, column: "score" } };
  const options = { columns: { score: "number", channel: "string" }, segmentBy: "channel", invalid: "skip" } as const;

  const byLine = (r: { read: { badRowSamples: { line: number }[] } }) => ({ ...r.read, badRowSamples: [...r.read.badRowSamples].sort((a, b) => a.line - b.line) });

  test.for([true, false])("equals evaluateFile, bad-row lines included (callingThread %s)", async (callingThread) => {
    const one = await evaluateFile(bigPath, definePortfolio({ nps: npsMetric<{ score: number }>({ score: (r) => r.score }) }), options);
    const two = await evaluateInWorkers(bigPath, { config }, { ...options, workers: 2, callingThread });
    expect(two.workers).toBe(2);
    expect(two.cells.map((c) => [c.segment, c.metrics.nps!.n, c.metrics.nps!.value])).toEqual(one.cells.map((c) => [c.segment, c.metrics.nps.n, c.metrics.nps.value]));
    // the same bad rows with the same lines and reasons (found in another order: chunks start elsewhere)
    expect(byLine(two)).toEqual(byLine(one));
    expect(one.read.badRows).toBe(57);
  });

  test("the error reported is the first in the file, as evaluateFile's, whichever thread meets one first", async () => {
    const p = definePortfolio({ nps: npsMetric<{ score: number }>({ score: (r) => r.score }) });
    for (const where of [undefined, { channel: "app" }]) {
      const ref = await rejection(evaluateFile(bigPath, p, { columns: { score: "number" }, where }));
      for (const callingThread of [true, false]) {
        const e = await rejection(evaluateInWorkers(bigPath, { config }, { columns: { score: "number" }, workers: 2, where, callingThread }));
        expect([e.code, e.message, e.details]).toEqual([ref.code, ref.message.replace(/^evaluateFile/, "evaluateInWorkers"), ref.details]);
      }
    }
  });

  test("callingThread must be a boolean", async () => {
    expect((await rejection(evaluateInWorkers(bigPath, { config }, { workers: 2, callingThread: "yes" as never }))).code).toBe("INVALID_OPTION");
  });
});

test("instanceof CxMetricsError holds for the errors of another copy of the package (the built one)", async () => {
  const built = (await import("../../dist/index.js")) as { nps: (v: number[]) => unknown };
  let caught: unknown;
  try {
    built.nps([11]);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CxMetricsError);
  expect(new Error("x")).not.toBeInstanceOf(CxMetricsError);
});


describe("threads kept for the next call", () => {
  test("a kept thread runs the next job with that job's portfolio and options", async () => {
    const a = await evaluateInWorkers(csvPath, { config: { nps: { type: "nps", column: "score" } } }, { columns, workers: 1, callingThread: false });
    const b = await evaluateInWorkers(csvPath, { config: { csat: { type: "csat", column: "csat" } } }, { columns, workers: 1, callingThread: false, segmentBy: "channel" });
    const c = await evaluateInWorkers(csvPath, { module }, { columns, workers: 1, callingThread: false });
    expect(Object.keys(a.cells[0]!.metrics)).toEqual(["nps"]);
    expect(Object.keys(b.cells[0]!.metrics)).toEqual(["csat"]);
    expect(b.cells.length).toBe(4);
    const ref = await evaluateFile(csvPath, portfolio, { columns });
    expect(c.cells[0]!.metrics.nps!.value).toBe(ref.cells[0]!.metrics.nps.value);
    expect(a.cells[0]!.metrics.nps!.value).toBe(ref.cells[0]!.metrics.nps.value);
  });

  test("kept threads do not keep the process alive", async () => {
    const { spawnSync } = await import("node:child_process");
    const dist = new URL("../../dist/node/index.js", import.meta.url).href;
    const script = `const { evaluateInWorkers } = await import(${JSON.stringify(dist)});
      const r = await evaluateInWorkers(${JSON.stringify(csvPath)}, { config: { nps: { type: "nps", column: "score" } } }, { columns: { score: "number" }, workers: 2, callingThread: false });
      console.log(r.cells[0].metrics.nps.n);`;
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stdout.trim()).toBe(String(N));
    expect(r.status).toBe(0);
    // the kept threads would hold it for 60 s
    expect(Date.now() - t0).toBeLessThan(25_000);
  });
});
