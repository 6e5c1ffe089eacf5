// The worker-thread side of evaluateInWorkers: summarize one byte range of a file (or one slice of
// a shared typed array) through a portfolio imported from the user's module, and post the summary.
// Not a public entry point; loaded by path from dist/node/worker.js.
import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { CxMetricsError, fail, withContext } from "../core/errors";
import { type MetricConfig, portfolioFromConfig } from "../portfolio/config";
import type { Portfolio } from "../portfolio/portfolio";
import { summarizeIn } from "../portfolio/portfolio";
import { summarizeSource } from "./evaluate";
import { ioError } from "./source";

/** @internal */
export interface FileTask {
  kind: "file";
  path: string;
  start: number;
  end: number;
  /** CSV header bytes (with their newline), prepended to the range. */
  header: Uint8Array | null;
  module: string;
  exportName: string;
  config?: Record<string, MetricConfig>;
  options: Record<string, unknown>;
}

/** @internal */
export interface ArrayTask {
  kind: "array";
  buffer: SharedArrayBuffer;
  type: string;
  start: number;
  end: number;
  module: string;
  exportName: string;
  config?: Record<string, MetricConfig>;
}

async function loadPortfolio(module: string, exportName: string, config: Record<string, MetricConfig> | undefined): Promise<Portfolio> {
  if (config !== undefined) return portfolioFromConfig(config);
  const mod = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  return mod[exportName] as Portfolio;
}

async function run(task: FileTask | ArrayTask): Promise<unknown> {
  const portfolio = await loadPortfolio(task.module, task.exportName, task.config);
  if (task.kind === "array") {
    const Ctor = (globalThis as unknown as Record<string, new (b: SharedArrayBuffer) => ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }>)[task.type]!;
    const view = new Ctor(task.buffer).subarray(task.start, task.end);
    try {
      return { summary: summarizeIn("evaluateInWorkers", portfolio, view, {}) };
    } catch (e) {
      // the index within the slice → the index in the whole array
      if (e instanceof CxMetricsError && e.index !== undefined) {
        const index = e.index + task.start;
        throw withContext(e, e.fn, [], { index, rename: { value: index } });
      }
      throw e;
    }
  }
  let newlines = 0;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    if (task.kind !== "file") return;
    if (task.header !== null) yield task.header;
    if (task.end <= task.start) return;
    let read = 0;
    try {
      for await (const chunk of createReadStream(task.path, { start: task.start, end: task.end - 1, highWaterMark: 1 << 20 })) {
        const b = chunk as Buffer;
        read += b.length;
        for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) newlines++;
        yield b;
      }
    } catch (e) {
      throw ioError("evaluateInWorkers", "read", task.path, e);
    }
    // a part shorter than planned: the file shrank since it was split
    if (read !== task.end - task.start) fail("evaluateInWorkers", "IO_ERROR", `the file ${task.path} changed while it was read (bytes ${task.start}–${task.end} planned, ${read} read): read it again when it is complete`, undefined, { path: task.path, cause: "CHANGED" });
  }
  const { summary, stats } = await summarizeSource("evaluateInWorkers", bytes(), portfolio, {
    ...task.options,
    onProgress: (p: { rows: number; bytes: number }) => parentPort!.postMessage({ type: "progress", rows: p.rows, bytes: p.bytes }),
    progressIntervalMs: 250,
  } as never);
  return { summary, stats, newlines };
}

run(workerData as FileTask | ArrayTask).then(
  (result) => parentPort!.postMessage({ type: "done", result }),
  (e: unknown) =>
    parentPort!.postMessage({
      type: "error",
      error: e instanceof CxMetricsError ? { cx: true, code: e.code, message: e.message, fn: e.fn, reason: e.reason, context: e.context, index: e.index, details: e.details } : { cx: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined },
    }),
);
