import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type CxErrorContext, CxMetricsError, fail, withContext } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import { type MetricConfig, portfolioFromConfig } from "../portfolio/config";
import { type MetricRecord, mergePortfolioSummaries, type Portfolio, type PortfolioSummary, summarizeIn } from "../portfolio/portfolio";
import { finishIn, type PortfolioReport } from "../portfolio/report";
import type { EvaluateFileOptions } from "./evaluate";
import { type ReadProgress, type ReadStats, readInvalidPolicy } from "./read";
import { fileSize, ioError } from "./source";
import { type RangeDone, summarizeRange } from "./file-range";
import type { ArrayTask, FileTask } from "./worker";

const PORTFOLIO_MODULE_KEYS = /* @__PURE__ */ keysOf<PortfolioModule & { config?: Record<string, MetricConfig> }>()("module", "export", "config");
const EVALUATE_IN_WORKERS_OPTIONS_KEYS = /* @__PURE__ */ keysOf<EvaluateInWorkersOptions<any>>()("confidence", "columns", "period", "dateType", "timeZone", "weekStartsOn", "alpha", "targets", "composite", "now", "maxPeriods", "headline", "format", "delimiter", "encoding", "invalid", "onBadRow", "chunkSize", "maxRecordSize", "where", "onProgress", "progressIntervalMs", "segmentBy", "date", "workers", "callingThread");

/**
 * Where the portfolio lives: worker threads cannot receive functions, so each imports the
 * portfolio from a module (an ES module or CommonJS file exporting it).
 * @category Node
 */
export interface PortfolioModule {
  /** Path or `file:` URL of the module. */
  module: string | URL;
  /** Name of the export; default `"portfolio"`. */
  export?: string;
}

/**
 * Options of {@link evaluateInWorkers}: those of {@link evaluateFile} (with segment keys and the
 * date given by column name, as functions cannot cross threads), plus the number of workers.
 * @category Node
 */
export type EvaluateInWorkersOptions<M extends MetricRecord> = Omit<EvaluateFileOptions<M>, "segmentBy" | "date"> & {
  segmentBy?: string | readonly string[];
  date?: string;
  /** Threads that read the file (the calling thread included, see `callingThread`); default the machine's available parallelism (at most 8). */
  workers?: number;
  /**
   * Whether the calling thread reads ranges of a file too, as one of the `workers` (default
   * `true`: it would otherwise wait idle). `false` keeps its event loop free: every range is read
   * by a worker thread.
   */
  callingThread?: boolean;
};

function workerFile(): string {
  // the package root, found from this module's own location (an installed package or this repository)
  // (in the ES module build __filename is not this module's, and may be a global such as "[eval]" under node -e)
  const here = typeof __filename === "string" && isAbsolute(__filename) ? __filename : fileURLToPath(import.meta.url);
  const root = dirname(createRequire(here).resolve("cx-metrics/package.json"));
  return join(root, "dist", "node", "worker.js");
}

const TYPED = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array"];

async function loadPortfolio(fn: string, where: PortfolioModule | { config: Record<string, MetricConfig> }): Promise<{ portfolio: Portfolio; module: string; exportName: string; config?: Record<string, MetricConfig> }> {
  const w = readOptions<PortfolioModule & { config?: Record<string, MetricConfig> }>(fn, where, PORTFOLIO_MODULE_KEYS);
  if (w.config !== undefined) return { portfolio: portfolioFromConfig(w.config), module: "", exportName: "", config: w.config };
  const module = w.module instanceof URL ? fileURLToPath(w.module) : typeof w.module === "string" ? resolve(w.module.startsWith("file:") ? fileURLToPath(w.module) : w.module) : fail(fn, "INVALID_OPTION", `expected module to be a path or file URL, got ${describe(w.module)}`);
  const exportName = w.export ?? "portfolio";
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  } catch (e) {
    return fail(fn, "IO_ERROR", `cannot import the portfolio module ${module}: ${(e as Error).message}`, undefined, { module });
  }
  const portfolio = mod[exportName] as Portfolio | undefined;
  if (portfolio === null || typeof portfolio !== "object" || portfolio.kind !== "portfolio") {
    fail(fn, "INVALID_OPTION", `expected ${module} to export a portfolio (from definePortfolio) named "${exportName}", got ${describe(portfolio)}`);
  }
  return { portfolio, module, exportName };
}

/**
 * Byte offsets of the CSV header's end and of up to `parts − 1` split points at record starts. CSV
 * quoting is followed as the reader follows it (RFC 4180: a quote opens a quoted field only at the
 * start of a field; a quote elsewhere is a plain character), so a cut never falls inside a record.
 * The bytes between two quotes are searched for line ends natively (`indexOf`), so a file with few
 * quotes is scanned at memory speed; the scan stops at the last cut.
 */
function splitPoints(path: string, size: number, parts: number, csv: boolean, delimiter: number): { headerEnd: number; cuts: number[] } {
  const fd = openSync(path, "r");
  try {
    const block = Buffer.allocUnsafe(1 << 22);
    let headerEnd = 0;
    const cuts: number[] = [];
    const targets = [0];
    for (let k = 1; k < parts; k++) targets.push(Math.floor((size * k) / parts));
    let t = csv ? 0 : 1;
    let lookingFrom = csv ? 0 : (targets[1] ?? size);
    // 0: at a field start, 1: in an unquoted field, 2: in a quoted field, 3: just after a quote in a quoted field
    let state = 0;
    for (let pos = 0; pos < size && t < targets.length; ) {
      const n = readSync(fd, block, 0, block.length, pos);
      if (n <= 0) break;
      let i = 0;
      while (i < n && t < targets.length) {
        if (state === 2) {
          // to the next quote
          const q = block.indexOf(34, i);
          if (q < 0 || q >= n) {
            i = n;
            break;
          }
          i = q + 1;
          state = 3;
          continue;
        }
        if (state === 3) {
          if (block[i] === 34) {
            // an escaped quote: still in the quoted field
            state = 2;
            i++;
            continue;
          }
          state = 1;
        }
        // a stretch without quotes from i (in a field, unquoted): every line end in it ends a record
        let q = csv ? block.indexOf(34, i) : -1;
        if (q < 0 || q >= n) q = n;
        for (let nl = block.indexOf(10, Math.max(i, lookingFrom - 1 - pos)); nl >= 0 && nl < q && t < targets.length; nl = block.indexOf(10, Math.max(nl + 1, lookingFrom - 1 - pos))) {
          const cut = pos + nl + 1;
          if (t === 0) headerEnd = cut;
          else if (cut < size && cut > (cuts.at(-1) ?? headerEnd)) cuts.push(cut);
          t++;
          lookingFrom = Math.max(cut, targets[t] ?? size);
        }
        if (t >= targets.length) break;
        // the state where the stretch ends: after a delimiter or a line end a field starts
        if (q > i) {
          const last = block[q - 1]!;
          state = last === delimiter || last === 10 ? 0 : 1;
        }
        if (q === n) {
          i = n;
          break;
        }
        // a quote at a field start opens a quoted field; elsewhere it is a plain character
        state = state === 0 ? 2 : 1;
        i = q + 1;
      }
      pos += n;
    }
    if (csv && t === 0) headerEnd = size;
    return { headerEnd, cuts };
  } finally {
    closeSync(fd);
  }
}

function fileStamp(fn: string, path: string): { size: number; mtimeMs: number } {
  try {
    const st = statSync(path);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    throw ioError(fn, "read", path, e);
  }
}

/**
 * The number of line feeds in the file before byte `end`, counted forward from where the last call
 * stopped (the calls come in increasing order; a smaller `end` starts again). Only needed for line
 * numbers of bad rows and errors after the first range, so the threads do not count lines.
 */
function newlineCounter(path: string): (end: number) => number {
  let pos = 0;
  let count = 0;
  return (end) => {
    if (end < pos) pos = count = 0;
    const fd = openSync(path, "r");
    try {
      const block = Buffer.allocUnsafe(1 << 22);
      while (pos < end) {
        const n = readSync(fd, block, 0, Math.min(block.length, end - pos), pos);
        if (n <= 0) break;
        for (let i = 0; i < n; i++) if (block[i] === 10) count++;
        pos += n;
      }
      return count;
    } finally {
      closeSync(fd);
    }
  };
}

interface Done {
  summary: PortfolioSummary;
  stats?: ReadStats;
}

type WorkerMessage = { type: string; k: number; result?: Done; rows?: number; bytes?: number; error?: { cx: boolean; code?: string; message: string; fn?: string; reason?: string; context?: readonly CxErrorContext[]; index?: number; details?: unknown } };

/** An error of part `k`, tagged with its part (its lines are counted from the part's start). */
function partError(fn: string, e: WorkerMessage["error"] & object, k: number): Error {
  return e.cx ? Object.assign(new CxMetricsError(e.code as never, `${e.fn}: ${e.reason}`, e.index, e.details, e.context), { part: k }) : new Error(`${fn}: part ${k}: ${e.message}`);
}

/** Start a worker thread on `data`; a value that cannot be copied to a thread is the caller's option. */
function startWorker(fn: string, file: string, data: unknown): Worker {
  try {
    // a thread inherits the caller's Node options, but refuses --input-type (only for code given with
    // --eval): then the others are passed without it, or none if a thread refuses one of them
    if (!process.execArgv.some((a) => a.startsWith("--input-type"))) return new Worker(file, { workerData: data });
    try {
      return new Worker(file, { workerData: data, execArgv: process.execArgv.filter((a) => !a.startsWith("--input-type")) });
    } catch (e) {
      if ((e as { code?: string }).code !== "ERR_WORKER_INVALID_EXEC_ARGV") throw e;
      return new Worker(file, { workerData: data, execArgv: [] });
    }
  } catch (e) {
    // the task (options included) is copied to the thread: a value that cannot be (a function,
    // a Symbol) is the caller's option, not an internal failure
    if (e instanceof Error && e.name === "DataCloneError") throw new CxMetricsError("INVALID_OPTION", `${fn}: expected options that are plain data (they are sent to the worker threads): ${e.message}`);
    throw e;
  }
}

/**
 * Idle threads of file reads, kept for the next call: a thread compiles and optimizes its code on
 * its first ranges, so a process that reads files again (a server, a script over many files) reads
 * them with warm threads. At most 8 are kept, each for 60 s; they are unref'd, so they never keep
 * the process alive.
 */
const idle: { file: string; worker: Worker; timer: ReturnType<typeof setTimeout> }[] = [];

function acquire(fn: string, file: string): Worker {
  const i = idle.findIndex((x) => x.file === file);
  if (i < 0) return startWorker(fn, file, null);
  const { worker, timer } = idle.splice(i, 1)[0]!;
  clearTimeout(timer);
  forget(worker);
  worker.ref();
  return worker;
}

/** Remove the listeners a call added (not all: Node's own `newListener` hooks keep the thread's port referenced). */
function forget(worker: Worker): void {
  for (const event of ["message", "error", "exit"]) worker.removeAllListeners(event);
}

function release(file: string, worker: Worker): void {
  forget(worker);
  if (idle.length >= 8) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const entry = {
    file,
    worker,
    timer: setTimeout(() => {
      const k = idle.indexOf(entry);
      if (k >= 0) idle.splice(k, 1);
      void worker.terminate();
    }, 60_000),
  };
  entry.timer.unref();
  // a thread that ends or fails while idle leaves the pool
  const leave = () => {
    const k = idle.indexOf(entry);
    if (k >= 0) idle.splice(k, 1);
    clearTimeout(entry.timer);
  };
  worker.on("exit", leave);
  worker.on("error", leave);
  idle.push(entry);
}

function runWorkers(fn: string, file: string, tasks: ArrayTask[]): Promise<Done[]> {
  const workers: Worker[] = [];
  return new Promise((resolvePromise, reject) => {
    const results: (Done | undefined)[] = new Array(tasks.length);
    let left = tasks.length;
    let failed = false;
    const stop = (e: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e);
    };
    tasks.forEach((task, k) => {
      let w: Worker;
      try {
        w = startWorker(fn, file, task);
      } catch (e) {
        return stop(e);
      }
      workers.push(w);
      w.on("message", (m: WorkerMessage) => {
        if (m.type === "done") {
          results[k] = m.result;
          void w.terminate();
          if (--left === 0) resolvePromise(results as Done[]);
        } else if (m.type === "error") stop(partError(fn, m.error!, k));
      });
      w.on("error", (e) => stop(new Error(`${fn}: worker ${k} failed: ${e.message}`)));
      w.on("exit", (code) => {
        if (results[k] === undefined && !failed) stop(new Error(`${fn}: worker ${k} stopped (exit code ${code}) before it finished`));
      });
    });
  });
}

/**
 * Summarize the ranges of a file with `threads` threads: worker threads (and the calling thread
 * unless `callingThread` is false) each take the next range when they are done with one, so a
 * thread that starts late or runs slower takes fewer. Resolves with the results in range order.
 * A range that fails does not stop the ranges before it: the error reported is that of the first
 * failing range in the file (as one thread reading the file in order would meet it), tagged with
 * its range; no range after it is started. A thread that crashes stops everything at once.
 */
function runRanges(fn: string, file: string, job: FileTask, ranges: [number, number][], threads: number, callingThread: boolean, portfolio: Portfolio, onProgress: ((rows: number, bytes: number) => void) | undefined): Promise<RangeDone[]> {
  const R = ranges.length;
  const progress = ranges.map(() => ({ rows: 0, bytes: 0 }));
  const workers: Worker[] = [];
  return new Promise((resolvePromise, reject) => {
    const results: (RangeDone | undefined)[] = new Array(R);
    let next = 0;
    let inFlight = 0;
    let settled = false;
    let errorAt = Infinity;
    let error: unknown;
    const end = (e?: unknown) => {
      if (settled) return;
      settled = true;
      // idle threads go back to the pool; after a crash or a thread error, none is kept
      for (const w of workers) {
        if (e === undefined) release(file, w);
        else void w.terminate();
      }
      if (e !== undefined) reject(e);
      else if (errorAt < Infinity) reject(error);
      else resolvePromise(results as RangeDone[]);
    };
    const take = (): number => {
      if (settled || next >= Math.min(R, errorAt)) return -1;
      inFlight++;
      return next++;
    };
    const settle = () => {
      if (inFlight === 0 && next >= Math.min(R, errorAt)) end();
    };
    const report = (k: number, rows: number, bytes: number) => {
      progress[k] = { rows, bytes };
      onProgress?.(progress.reduce((a, p) => a + p.rows, 0), progress.reduce((a, p) => a + p.bytes, 0));
    };
    const finish = (k: number, d: RangeDone) => {
      results[k] = d;
      inFlight--;
      settle();
    };
    const failAt = (k: number, e: unknown) => {
      inFlight--;
      if (k < errorAt) {
        errorAt = k;
        error = e;
      }
      settle();
    };
    const started = Math.min(R, callingThread ? threads - 1 : threads);
    for (let j = 0; j < started; j++) {
      let w: Worker;
      try {
        w = acquire(fn, file);
      } catch (e) {
        return end(e);
      }
      workers.push(w);
      let current = take();
      const send = () => {
        if (current < 0) return;
        try {
          w.postMessage({ type: "range", job, k: current, start: ranges[current]![0], end: ranges[current]![1] });
        } catch (e) {
          // the job (options included) is copied to the thread: a value that cannot be (a function,
          // a Symbol) is the caller's option, not an internal failure
          end(e instanceof Error && e.name === "DataCloneError" ? new CxMetricsError("INVALID_OPTION", `${fn}: expected options that are plain data (they are sent to the worker threads): ${e.message}`) : e);
        }
      };
      w.on("message", (m: WorkerMessage) => {
        if (m.type === "progress") report(m.k, m.rows!, m.bytes!);
        else if (m.type === "done" || m.type === "error") {
          current = -1;
          if (m.type === "done") finish(m.k, m.result as unknown as RangeDone);
          else failAt(m.k, partError(fn, m.error!, m.k));
          current = take();
          send();
        }
      });
      w.on("error", (e) => end(new Error(`${fn}: worker ${j} failed: ${e.message}`)));
      w.on("exit", (code) => {
        if (current >= 0 && !settled) end(new Error(`${fn}: worker ${j} stopped (exit code ${code}) before it finished`));
      });
      send();
    }
    if (callingThread || started === 0) {
      void (async () => {
        for (let k = take(); k >= 0; k = take()) {
          try {
            finish(k, await summarizeRange(job, portfolio, ranges[k]![0], ranges[k]![1], onProgress === undefined ? undefined : (rows, bytes) => report(k, rows, bytes)));
          } catch (e) {
            // (instanceof holds for the errors of another copy of the package, which a portfolio module may load)
            failAt(k, e instanceof CxMetricsError ? partError(fn, { cx: true, code: e.code, message: e.message, fn: e.fn, reason: e.reason, context: e.context, index: e.index, details: e.details }, k) : e);
          }
        }
      })();
    }
  });
}

/**
 * Evaluate a portfolio on a large file (CSV, TSV or NDJSON) or a typed array with worker threads,
 * with the same result as {@link evaluateFile}. A file is cut into byte ranges at line starts
 * outside CSV quotes (up to eight per thread, each at least 2 MiB); worker threads and the calling
 * thread (unless `callingThread: false`) each take the next range when done with one, read it as
 * `evaluateFile` reads a file (straight into typed columns when the metrics name their columns),
 * and only summaries cross threads; they are merged in file order. A typed array is sliced, one
 * slice per worker. The portfolio comes from a module (functions cannot cross threads).
 *
 * Notes: a JSON array and UTF-16 text cannot be split (use NDJSON or CSV in UTF-8 or Latin-1);
 * starting a worker costs about 50 ms and its first range runs before its code is optimized, so
 * this pays off from a few million rows. The error reported is the first in the file. A typed
 * array is copied once into shared memory unless it already lives there.
 *
 * @param source - A file path (`.csv`, `.tsv`, `.ndjson`, `.jsonl`) or a typed array of values.
 * @param where - The {@link PortfolioModule} (module path and export name), or `{ config }`: metrics
 * described in JSON ({@link index!portfolioFromConfig}).
 * @param options - {@link EvaluateInWorkersOptions}.
 * @returns The {@link index!PortfolioReport}, with the read's counts in `read` (files) and the number of
 * workers used in `workers`.
 * @throws {@link index!CxMetricsError} as {@link evaluateFile}; `IO_ERROR` when the module cannot be
 * imported; `INVALID_OPTION` for an export that is not a portfolio, a JSON-array or UTF-16 file,
 * or a typed array with segments or periods.
 * @example
 * ```ts
 * // portfolio.mjs: export const portfolio = definePortfolio({ nps: npsMetric({ score: (r) => r.score }) });
 * // const report = await evaluateInWorkers("answers.csv", { module: "./portfolio.mjs" }, { columns: { score: "number" }, workers: 2 });
 * ```
 * @category Node
 */
export async function evaluateInWorkers<M extends MetricRecord = MetricRecord>(
  source: string | URL | ArrayBufferView,
  where: PortfolioModule | { config: Readonly<Record<string, MetricConfig>> },
  options?: EvaluateInWorkersOptions<M>,
): Promise<PortfolioReport<M> & { read: ReadStats; workers: number }> {
  const fn = "evaluateInWorkers";
  const o = readOptions<EvaluateInWorkersOptions<M>>(fn, options, EVALUATE_IN_WORKERS_OPTIONS_KEYS);
  const workers = o.workers ?? Math.min(8, availableParallelism());
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 256) fail(fn, "INVALID_OPTION", `expected workers to be a whole number from 1 to 256, got ${describe(o.workers)}`);
  for (const k of ["segmentBy", "date"] as const) {
    const v = o[k];
    if (typeof v === "function" || (v !== null && typeof v === "object" && !Array.isArray(v))) fail(fn, "INVALID_OPTION", `expected ${k} to name columns: functions cannot be sent to worker threads`);
  }
  const invalid = readInvalidPolicy(fn, o);
  const { portfolio, module, exportName, config } = await loadPortfolio(fn, where as never);
  const summaryOptions = { segmentBy: o.segmentBy as string[] | undefined, period: o.period, date: o.date === undefined ? undefined : (r: Record<string, unknown>) => r[o.date!] as string, timeZone: o.timeZone, weekStartsOn: o.weekStartsOn };
  const finishOptions = { confidence: o.confidence, alpha: o.alpha, targets: o.targets, composite: o.composite, now: o.now, maxPeriods: o.maxPeriods, headline: o.headline };
  // every option is checked before a worker starts
  const empty = summarizeIn(fn, portfolio, [], summaryOptions);
  finishIn(fn, portfolio, empty, finishOptions as never);
  const file = workerFile();
  const t0 = performance.now();

  if (ArrayBuffer.isView(source)) {
    const type = source.constructor.name;
    if (!TYPED.includes(type)) fail(fn, "INVALID_INPUT", `expected a typed array of numbers, got ${type}`);
    if (o.segmentBy !== undefined || o.period !== undefined) fail(fn, "INVALID_OPTION", "expected no segmentBy or period with a typed array of values");
    const view = source as unknown as ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number; BYTES_PER_ELEMENT: number };
    let buffer: SharedArrayBuffer;
    let offset = 0;
    if (view.buffer instanceof SharedArrayBuffer) {
      buffer = view.buffer;
      offset = view.byteOffset / view.BYTES_PER_ELEMENT;
    } else {
      buffer = new SharedArrayBuffer(view.byteLength);
      new Uint8Array(buffer).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    }
    const n = view.length;
    const parts = Math.max(1, Math.min(workers, n));
    const tasks: ArrayTask[] = [];
    for (let k = 0; k < parts; k++) tasks.push({ kind: "array", buffer, type, start: offset + Math.floor((n * k) / parts), end: offset + Math.floor((n * (k + 1)) / parts), module, exportName, config });
    let done: Done[];
    try {
      done = await runWorkers(fn, file, tasks);
    } catch (e) {
      if (e instanceof CxMetricsError && e.index !== undefined) throw withContext(e, e.fn, [], { index: e.index - offset, rename: { value: e.index - offset } });
      throw e;
    }
    const summary = mergePortfolioSummaries(portfolio, empty, ...done.map((d) => d.summary));
    const report = finishIn(fn, portfolio, summary, finishOptions as never);
    return { ...(report as PortfolioReport<M>), read: { rows: n, badRows: 0, badRowKinds: {}, badRowSamples: [], filteredRows: 0, bytes: view.byteLength }, workers: parts };
  }

  const path = source instanceof URL ? fileURLToPath(source) : typeof source === "string" ? source : fail(fn, "INVALID_INPUT", `expected a file path or a typed array, got ${describe(source)}`);
  fileSize(fn, path);
  const before = fileStamp(fn, path);
  const size = before.size;
  const format = o.format ?? (/\.(ndjson|jsonl)$/i.test(path) ? "ndjson" : /\.json$/i.test(path) ? "json" : "csv");
  if (format === "json") fail(fn, "INVALID_OPTION", "a JSON array cannot be split between workers: use NDJSON (one object per line) or evaluateFile");
  if (o.encoding === "utf16le") fail(fn, "INVALID_OPTION", "UTF-16 text cannot be split at newline bytes: convert it to UTF-8 or use evaluateFile");
  const csv = format === "csv";
  // more ranges than threads (each at least 2 MiB), taken one at a time: a thread that starts late takes fewer
  const parts = Math.max(workers, Math.min(8 * workers, Math.floor(size / (2 << 20))));
  const callingThread = o.callingThread ?? true;
  if (typeof callingThread !== "boolean") fail(fn, "INVALID_OPTION", `expected callingThread to be true or false, got ${describe(o.callingThread)}`);
  let headerEnd: number;
  let cuts: number[];
  let header: Uint8Array | null = null;
  try {
    ({ headerEnd, cuts } = splitPoints(path, size, parts, csv, (o.delimiter ?? (/\.tsv$/i.test(path) ? "\t" : ",")).charCodeAt(0)));
    if (csv) {
      header = new Uint8Array(headerEnd);
      const fd = openSync(path, "r");
      try {
        readSync(fd, header, 0, headerEnd, 0);
      } finally {
        closeSync(fd);
      }
      if (headerEnd > 0 && header[headerEnd - 1] !== 10) header = Uint8Array.from([...header, 10]);
    }
  } catch (e) {
    throw ioError(fn, "read", path, e);
  }
  const bounds = [csv ? headerEnd : 0, ...cuts, size];
  const delimiter = o.delimiter ?? (/\.tsv$/i.test(path) ? "\t" : undefined);
  const taskOptions = { format, columns: o.columns, delimiter, encoding: o.encoding, invalid, chunkSize: o.chunkSize, maxRecordSize: o.maxRecordSize, where: o.where, ...summaryOptions, date: o.date };
  const job: FileTask = { kind: "file", path, header, module, exportName, config, options: taskOptions };
  const ranges: [number, number][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) ranges.push([bounds[k]!, bounds[k + 1]!]);
  let lastCall = -Infinity;
  const progress =
    o.onProgress === undefined
      ? undefined
      : (rows: number, bytes: number) => {
          const now = performance.now();
          if (now - lastCall < (o.progressIntervalMs ?? 500)) return;
          lastCall = now;
          const elapsedMs = now - t0;
          o.onProgress!({ rows, badRows: 0, bytes, totalBytes: size, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (1000 * rows) / elapsedMs : 0, done: false } satisfies ReadProgress);
        };
  // a worker's line k is line (lines before its part) + k − (1 for the prepended header)
  const newlinesTo = newlineCounter(path);
  const lineBase = (part: number) => {
    try {
      return newlinesTo(ranges[part]![0]) + 1 - (csv ? 1 : 0);
    } catch (e) {
      throw ioError(fn, "read", path, e);
    }
  };
  let done: RangeDone[];
  try {
    done = await runRanges(fn, file, job, ranges, workers, callingThread, portfolio, progress);
  } catch (e) {
    const part = (e as { part?: number }).part;
    const line = (e as CxMetricsError).details as { line?: number } | undefined;
    if (e instanceof CxMetricsError && part !== undefined && typeof line?.line === "number") {
      const fixed = line.line - 1 + lineBase(part);
      const context = e.context.map((c) => (c.kind === "line" ? { kind: "line" as const, line: fixed } : c));
      throw new CxMetricsError(e.code, `${e.fn}: ${e.reason.replaceAll(`line ${line.line}`, `line ${fixed}`)}`, undefined, { ...line, line: fixed }, context);
    }
    throw e;
  }
  // line numbers of bad-row samples: add the lines of the parts before
  const stats: ReadStats = { rows: 0, badRows: 0, badRowKinds: {}, badRowSamples: [], filteredRows: 0, bytes: 0 };
  done.forEach((d, k) => {
    const s = d.stats;
    stats.rows += s.rows;
    stats.badRows += s.badRows;
    stats.filteredRows += s.filteredRows;
    stats.bytes += s.bytes;
    for (const [kind, count] of Object.entries(s.badRowKinds)) stats.badRowKinds[kind] = (stats.badRowKinds[kind] ?? 0) + count;
    // the lines before the range, counted only when it has bad rows to report
    const linesBefore = s.badRowSamples.length > 0 && stats.badRowSamples.length < 100 ? lineBase(k) - 1 + (csv ? 1 : 0) : 0;
    for (const b of s.badRowSamples) {
      if (stats.badRowSamples.length >= 100) break;
      const line = b.line - (csv ? 2 : 1) + linesBefore + 1;
      stats.badRowSamples.push({ ...b, line, reason: b.reason.replaceAll(`line ${b.line}`, `line ${line}`) });
    }
  });
  // the parts were read one by one: the file must be the one that was split
  const after = fileStamp(fn, path);
  if (after.size !== size || after.mtimeMs !== before.mtimeMs) {
    fail(fn, "IO_ERROR", `the file ${path} changed while it was read (${size.toLocaleString("en-US")} bytes when opened, ${after.size.toLocaleString("en-US")} bytes now): read it again when it is complete`, undefined, { path, cause: "CHANGED", sizeBefore: size, sizeAfter: after.size });
  }
  if (header !== null) stats.bytes -= ranges.length * header.length - headerEnd;
  const summary = mergePortfolioSummaries(portfolio, empty, ...done.map((d) => d.summary));
  const report = finishIn(fn, portfolio, summary, finishOptions as never);
  if (o.onProgress !== undefined) {
    const elapsedMs = performance.now() - t0;
    o.onProgress({ rows: stats.rows, badRows: stats.badRows, bytes: stats.bytes, totalBytes: size, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (1000 * stats.rows) / elapsedMs : 0, done: true });
  }
  return { ...(report as PortfolioReport<M>), read: stats, workers: Math.min(workers, ranges.length) };
}
